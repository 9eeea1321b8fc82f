"""Display names of model fields for forms (ui layer). Units come from the model's field ranges."""

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
    "no_load_frac": "No-load loss (× rating)",
    "proportional_frac": "Proportional loss (× load)",
    "square_law_frac": "Square-law loss (× load²)",
    "source": "Source",
    "design_facility_factor": "Design facility factor",
    # cooling
    "architecture": "Architecture",
    "plant_unit_kw": "Plant unit rating",
    "plant_units": "Plant units",
    "plant_redundancy": "Plant redundancy",
    "supply_air_c": "Supply air set point",
    "parameters": "Preset overrides",
    # climate and load
    "latitude_deg": "Latitude",
    "longitude_deg": "Longitude",
    "elevation_m": "Elevation",
    "time_zone": "Time zone",
    "builtin_id": "Built-in climate",
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
}


def label(field: str) -> str:
    """A readable name for a model field."""
    return LABELS.get(field) or field.replace("_", " ").capitalize()
