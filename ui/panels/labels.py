"""Display names of model fields for forms (ui layer). Units come from the model's field ranges;
shares stored as fractions 0–1 (:data:`PERCENT_FIELDS`) are shown in percent."""

from __future__ import annotations

LABELS = {
    # site
    "name": "Name",
    "description": "Description",
    # hall
    "x_m": "x",
    "y_m": "y",
    "width_m": "Width",
    "depth_m": "Depth",
    "clear_height_m": "Clear height",
    "floor_load_limit_kg_m2": "Floor load limit",
    "design_it_kw": "IT budget",
    "cooling_unit_kw": "Cooling unit (net sensible)",
    "cooling_units": "Cooling units",
    "cooling_redundancy": "Cooling redundancy",
    "tile_m": "Floor tile",
    "min_aisle_m": "Minimum aisle",
    # row
    "positions": "Slots",
    "cabinet_type_id": "Cabinet type",
    "hot_aisle_side": "Hot aisle side",
    "containment": "Containment",
    "orientation": "Orientation",
    # cabinet
    "design_kw": "Design power",
    "type_id": "Cabinet type",
    "phase_id": "Phase",
    "servers": "Servers",
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


def label(field: str) -> str:
    """A readable name for a model field."""
    return LABELS.get(field) or field.replace("_", " ").capitalize()
