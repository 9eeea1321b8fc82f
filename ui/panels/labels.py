"""Display names of model fields for forms (ui layer).

A field the model describes (:func:`dcplanner.model.schema.field_info`: every Hall, Row and
Cabinet field) is shown with the model's label and help; :data:`LABELS` names the fields of the
site sections the model does not describe yet. Units come from the model's field ranges; shares
stored as fractions 0–1 (:data:`PERCENT_FIELDS`) are shown in percent."""

from __future__ import annotations

import dataclasses

from dcplanner.model.schema import FieldInfo, field_info

LABELS = {
    # site
    "name": "Name",
    "description": "Description",
    # power chain
    "utility": "Utility feed",
    "transformers": "Transformers",
    "ups": "UPS",
    "pdus": "PDUs",
    "generators": "Generators",
    "cabling_losses": "Cabling losses",
    "losses": "Losses",
    "capacity_kw": "Capacity per feed",
    "feeds": "Feeds",
    "redundancy": "Redundancy",
    "voltage_kv": "Voltage",
    "count": "Units",
    "rating_kva": "Rating",
    "rating_kw": "Rating",
    "power_factor": "Power factor",
    "topology": "Topology",
    "module_kw": "Module rating",
    "modules": "Modules",
    "feeds_cooling": "UPS also feeds cooling",
    "autonomy_h": "Fuel autonomy",
    "no_load_frac": "No-load loss (of rating)",
    "proportional_frac": "Proportional loss (of load)",
    "square_law_frac": "Square-law loss (of load²)",
    "source": "Source",
    "design_facility_factor": "Design facility factor",
    # cooling
    "architecture": "Architecture",
    "plant_unit_kw": "Plant unit rating",
    "plant_units": "Plant units",
    "plant_redundancy": "Plant redundancy",
    "supply_air_c": "Supply air set point",
    "parameters": "Preset overrides",
    # sections
    "location": "Location",
    "climate": "Climate",
    "it_load": "IT load",
    "time_of_use": "Time-of-use prices",
    # climate and load
    "latitude_deg": "Latitude",
    "longitude_deg": "Longitude",
    "elevation_m": "Elevation",
    "time_zone": "Time zone",
    "builtin_id": "Built-in climate",
    "daily_swing": "Daily swing (of the mean)",
    "peak_hour": "Hour of the daily peak",
    "weekend_factor": "Weekend load (× weekdays)",
    "path": "Weather file",
    "utilisation": "Mean utilisation",
    "profile": "Load profile",
    "idle_fraction": "Idle power share",
    "csv_path": "Profile file",
    # economics
    "currency": "Currency",
    "electricity_tariff_cny_per_kwh": "Electricity tariff",
    "discount_rate": "Discount rate",
    "analysis_years": "Analysis period",
    "grid_emission_kg_per_kwh": "Grid emission factor",
    "water_tariff_cny_per_m3": "Water tariff",
    "usd_cny": "USD → CNY",
    "capex_per_cabinet_cny": "Facility capex per cabinet",
    "maintenance_frac_of_capex": "Maintenance per year (of facility capex)",
    "staff_fixed_cny_per_year": "Staff, fixed",
    "staff_cny_per_mw_year": "Staff per MW of IT in service",
    "revenue_model": "Revenue model",
    "colocation_cny_per_kw_month": "Colocation price",
    "gpu_hour_price_cny": "GPU-hour price",
    "voucher_share": "Compute revenue paid by vouchers",
    "voucher_cap_cny_per_year": "Voucher cap",
    "peak_hours": "Peak hours (e.g. 8-11,18-21)",
    "peak_price_cny_per_kwh": "Peak price",
    "valley_hours": "Valley hours",
    "valley_price_cny_per_kwh": "Valley price",
    "liquid_fraction": "Heat removed by liquid",
}

PERCENT_FIELDS = frozenset(
    {
        "discount_rate",
        "maintenance_frac_of_capex",
        "voucher_share",
        "utilisation",
        "idle_fraction",
        "daily_swing",
        "no_load_frac",
        "proportional_frac",
        "square_law_frac",
        "liquid_fraction",
    }
)
"""Fields stored as a fraction (0.08) and shown and typed in percent (8 %)."""


def _described(field: str, cls: type | None) -> FieldInfo | None:
    if cls is None or not dataclasses.is_dataclass(cls):
        return None
    try:
        info = field_info(cls, field)
    except KeyError:  # a form's own input (a section title, a derived value)
        return None
    return info if info.described else None


def label(field: str, cls: type | None = None) -> str:
    """A readable name for the field ``field`` of the model class ``cls``."""
    info = _described(field, cls)
    if info is not None:
        return info.label
    return LABELS.get(field) or field.replace("_", " ").capitalize()


def help_text(field: str, cls: type | None = None) -> str:
    """The model's one line on what ``cls.field`` means; "" when it gives none."""
    info = _described(field, cls)
    return info.help if info is not None else ""


def tooltip(field: str, cls: type | None = None, allowed: str = "") -> str:
    """``"Design power: from 0 to 500 kW"`` and the field's help on the next line."""
    first = f"{label(field, cls)}: {allowed}" if allowed else label(field, cls)
    return "\n".join(part for part in (first, help_text(field, cls)) if part)
