"""One entry point from a site's climate reference to the hourly weather year (engine layer).

Relative file paths resolve against the project file's folder. Files and built-in years are
read once per session and cached (keyed on path, size and modification time), so a GUI that
re-solves after every edit pays for the weather only once.
"""

from __future__ import annotations

import functools
from pathlib import Path, PurePosixPath, PureWindowsPath

from dcplanner.climate.builtin import UnknownClimateError, builtin_weather
from dcplanner.climate.epw import read_epw
from dcplanner.climate.hourly_csv import read_weather_csv
from dcplanner.climate.weather import Weather, WeatherFileError, with_pressure_for_elevation
from dcplanner.model.schema import Issue, ValidationError
from dcplanner.model.site import ClimateRef, Location, Site


def project_path_problem(path: str) -> str | None:
    """Why a file name written in a project file may not be followed, or None when it may.

    A project file may name files relative to its own folder only: an absolute path, a drive
    or UNC path, ``~`` or a ``..`` that climbs out of the folder is refused, so a project
    received from someone else cannot make the program read files elsewhere on the computer.
    Files chosen on the command line or in the GUI are the user's own choice and are not
    checked here. The check is on the text alone (both POSIX and Windows forms).
    """
    if not path:
        return None
    if path.startswith("~"):
        return "a path starting with '~' (the home folder) is not allowed in a project file"
    posix, windows = PurePosixPath(path), PureWindowsPath(path)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or windows.root:
        return "an absolute path is not allowed in a project file"
    depth = 0
    for part in windows.parts:  # splits on both / and \\
        if part == "..":
            depth -= 1
            if depth < 0:
                return "a path leaving the project's folder ('..') is not allowed in a project file"
        elif part not in ("", "."):
            depth += 1
    return None


def project_path_issues(site: Site, prefix: str = "") -> list[Issue]:
    """An error for each file field of ``site`` that a project file may not hold."""
    fields = {"climate.path": site.climate.path, "it_load.csv_path": site.it_load.csv_path}
    issues = []
    for name, value in fields.items():
        problem = project_path_problem(value)
        if problem is not None:
            issues.append(
                Issue(
                    f"{prefix}{name}",
                    f"{problem}; name a file inside the project's folder (for example 'weather/site.epw'), "
                    "or give a file from elsewhere on the command line (--climate); the app copies a file "
                    "chosen outside the folder into it",
                )
            )
    return issues


def resolve_path(path: str, base_dir: Path | None) -> Path:
    """A project-relative path made absolute against the project's folder."""
    p = Path(path).expanduser()
    if not p.is_absolute() and base_dir is not None:
        p = Path(base_dir) / p
    return p


@functools.lru_cache(maxsize=16)
def _read_file(kind: str, path: str, _stamp: tuple[int, int], lat: float, lon: float, elev: float) -> Weather:
    if kind == "epw":
        return read_epw(path)
    return read_weather_csv(path, latitude_deg=lat, longitude_deg=lon, elevation_m=elev)


@functools.lru_cache(maxsize=32)
def _at_elevation(weather: Weather, elevation_m: float) -> Weather:
    return with_pressure_for_elevation(weather, elevation_m)


def load_weather(ref: ClimateRef, base_dir: Path | None, location: Location) -> Weather:
    """The hourly year for a site: built-in (synthesised from statistics), EPW or CSV.

    The weather's station pressure is moved to the site's elevation when they differ (the
    standard-atmosphere ratio); temperatures are used as measured.
    Raises :class:`ValidationError` (path ``climate.*``) or :class:`WeatherFileError`.
    """
    if ref.source == "builtin":
        try:
            weather = builtin_weather(ref.builtin_id)
        except UnknownClimateError as exc:
            raise ValidationError([Issue("climate.builtin_id", str(exc.args[0]))]) from None
    else:
        if not ref.path:
            raise ValidationError([Issue("climate.path", f"a {ref.source.upper()} climate needs a file path")])
        path = resolve_path(ref.path, base_dir)
        try:
            st = path.stat()
        except OSError:
            raise WeatherFileError(str(path), "file not found (climate.path)") from None
        weather = _read_file(
            ref.source,
            str(path.resolve()),
            (st.st_size, st.st_mtime_ns),
            location.latitude_deg,
            location.longitude_deg,
            location.elevation_m,
        )
    return _at_elevation(weather, float(location.elevation_m))


def climate_issues(ref: ClimateRef, base_dir: Path | None) -> list[Issue]:
    """Problems a site's climate reference has before any file is read (unknown built-in id,
    missing file), with their field paths."""
    from dcplanner.climate.builtin import builtin_ids

    if ref.source == "builtin":
        if ref.builtin_id not in builtin_ids():
            return [
                Issue(
                    "climate.builtin_id",
                    f"no built-in climate {ref.builtin_id!r}; built-in climates: {', '.join(builtin_ids())}",
                )
            ]
        return []
    if not ref.path:
        return [Issue("climate.path", f"a {ref.source.upper()} climate needs a file path")]
    path = resolve_path(ref.path, base_dir)
    if not path.is_file():
        return [Issue("climate.path", f"file not found: {path}")]
    return []


def climate_ref_for_file(path: str | Path) -> ClimateRef:
    """A climate reference for a weather file given on the command line (by extension)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".epw":
        return ClimateRef(source="epw", path=str(path))
    if suffix == ".csv":
        return ClimateRef(source="csv", path=str(path))
    raise WeatherFileError(str(path), "a climate file must be an EnergyPlus .epw or an hourly .csv")
