"""Climate: weather files (EPW, hourly CSV), built-in climates and psychrometrics (engine layer)."""

from dcplanner.climate.builtin import builtin_ids, builtin_weather, list_builtin
from dcplanner.climate.load import climate_issues, climate_ref_for_file, load_weather, resolve_path
from dcplanner.climate.weather import Weather, WeatherFileError, make_weather

__all__ = [
    "Weather",
    "WeatherFileError",
    "builtin_ids",
    "builtin_weather",
    "climate_issues",
    "climate_ref_for_file",
    "list_builtin",
    "load_weather",
    "make_weather",
    "resolve_path",
]
