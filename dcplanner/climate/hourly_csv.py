"""Plain hourly CSV files: weather (dry bulb, RH or dew point, optional pressure) and other
hourly series such as a utilisation profile (engine layer).

Layout: optional ``#`` comment lines, one header line, then one line per hour for a whole
calendar year (8,760 lines, or 8,784 in a leap year). The ``timestamp`` column holds ISO 8601
local times (``2023-01-01 00:00`` or ``2023-01-01T00:00``), one hour apart, starting at
1 January 00:00 (the hour starting then) or 01:00 (hour-ending labels, as in EPW files).
A file without a ``timestamp`` column is read as hours in calendar order from 1 January.
Columns are matched by name, case-insensitively; see :data:`WEATHER_COLUMNS`.
"""

from __future__ import annotations

import calendar as _calendar
import csv
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from dcplanner.climate.psychro import standard_pressure_pa
from dcplanner.climate.weather import (
    HOURS_PER_LEAP_YEAR,
    HOURS_PER_YEAR,
    Weather,
    WeatherFileError,
    make_weather,
    year_length_problem,
)

TIMESTAMP_NAMES = ("timestamp", "time", "datetime", "date_time")
# A whole hourly year, with room for the hour-ending label one hour past its end, must stay
# within the dates Python represents (years 1 to 9999, datetime.MINYEAR/MAXYEAR).
MIN_YEAR, MAX_YEAR = 1, 9998
MAX_FIELD_CHARS = 1000  # no field of an hourly table is longer; csv's own limit is 131,072


@dataclass(frozen=True, slots=True)
class Column:
    """A numeric column: accepted header names, allowed range and unit for messages."""

    key: str
    names: tuple[str, ...]
    minimum: float
    maximum: float
    unit: str


WEATHER_COLUMNS = {
    "dry_bulb_c": Column("dry_bulb_c", ("dry_bulb_c", "temperature_c", "tdb_c", "dry_bulb"), -70, 70, "°C"),
    "rel_humidity_pct": Column(
        "rel_humidity_pct",
        ("rel_humidity_pct", "relative_humidity_pct", "rh_pct", "rh", "relative_humidity"),
        0,
        110,
        "%",
    ),
    "dew_point_c": Column("dew_point_c", ("dew_point_c", "tdp_c", "dew_point"), -70, 70, "°C"),
    "pressure_pa": Column("pressure_pa", ("pressure_pa", "station_pressure_pa", "pressure"), 31000, 120000, "Pa"),
}
"""Weather columns (EPW ranges): dry bulb required, then RH in percent or dew point, optional pressure."""


@dataclass(frozen=True, slots=True)
class HourlyTable:
    """Numeric columns of an hourly CSV year and the weekday of its first day."""

    columns: dict[str, NDArray[np.float64]]
    first_weekday: int  # 0 = Monday
    year: int | None


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _timestamp(path: str, line_no: int, text: str) -> datetime:
    """One ISO 8601 local time; the message never repeats the file's text."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise WeatherFileError(path, "the timestamp is not an ISO 8601 date and time", line_no) from None


def _check_timestamps(path: str, stamps: list[tuple[int, str]]) -> tuple[int, int]:
    """Check hourly steps over one year; return (year, weekday of 1 January)."""
    first_line, first_text = stamps[0]
    first = _timestamp(path, first_line, first_text)
    hour_ending = (first.month, first.day, first.hour) == (1, 1, 1)
    if (first.month, first.day, first.hour, first.minute) not in ((1, 1, 0, 0), (1, 1, 1, 0)):
        raise WeatherFileError(
            path, f"the year must start on 1 January at 00:00 (or 01:00), found {first:%Y-%m-%d %H:%M}", first_line
        )
    year = first.year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise WeatherFileError(path, f"the year {year} is outside {MIN_YEAR} to {MAX_YEAR}", first_line)
    leap = _calendar.isleap(year)
    if len(stamps) != (HOURS_PER_LEAP_YEAR if leap else HOURS_PER_YEAR):
        kind = "a leap year" if leap else "not a leap year"
        raise WeatherFileError(
            path,
            f"{year} is {kind}, so the file needs {HOURS_PER_LEAP_YEAR if leap else HOURS_PER_YEAR:,} hourly rows; "
            f"it has {len(stamps):,}",
            stamps[-1][0],
        )
    expected = first
    for line_no, text in stamps:
        stamp = _timestamp(path, line_no, text)
        if stamp.replace(tzinfo=None) != expected.replace(tzinfo=None):
            raise WeatherFileError(
                path,
                f"timestamp {stamp:%Y-%m-%d %H:%M} breaks the hourly sequence; expected {expected:%Y-%m-%d %H:%M}",
                line_no,
            )
        expected += timedelta(hours=1)
    start = first - timedelta(hours=1) if hour_ending else first
    return year, start.weekday()


def _fields(path: str, line: str, line_no: int) -> list[str]:
    """The comma-separated fields of one line; a broken or over-long field names the line."""
    try:
        fields = next(csv.reader([line]))
    except csv.Error as exc:
        raise WeatherFileError(path, f"not a CSV line ({exc})", line_no) from None
    for k, field in enumerate(fields):
        if len(field) > MAX_FIELD_CHARS:
            raise WeatherFileError(path, f"field {k + 1} is {len(field):,} characters long", line_no)
    return fields


def read_hourly_table(
    path: str | Path,
    required: list[Column],
    *,
    one_of: list[Column] | None = None,
    optional: list[Column] | None = None,
    default_first_weekday: int = 0,
) -> HourlyTable:
    """Read the named numeric columns of an hourly CSV year, checking every line.

    ``one_of``: at least one of these columns must be present (the first found is read).
    """
    spath = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise WeatherFileError(spath, f"cannot read the file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise WeatherFileError(spath, "is not UTF-8 text") from None
    lines = text.splitlines()
    start = 0
    while start < len(lines) and (not lines[start].strip() or lines[start].lstrip().startswith("#")):
        start += 1
    if start >= len(lines):
        raise WeatherFileError(spath, "has no header line")
    header_line = start + 1
    header = _fields(spath, lines[start], header_line)
    wanted: list[tuple[Column, int]] = []
    for col in required:
        idx = _find(header, col.names)
        if idx is None:
            raise WeatherFileError(
                spath, f"no {col.key} column; the header needs one of: {', '.join(col.names)}", header_line
            )
        wanted.append((col, idx))
    if one_of:
        found = [(c, i) for c, i in ((c, _find(header, c.names)) for c in one_of) if i is not None]
        if not found:
            names = " or ".join(c.key for c in one_of)
            raise WeatherFileError(spath, f"the header needs a {names} column", header_line)
        wanted.append(found[0])
    for col in optional or []:
        idx = _find(header, col.names)
        if idx is not None:
            wanted.append((col, idx))
    ts_idx = _find(header, TIMESTAMP_NAMES)

    body = [(start + 2 + k, line) for k, line in enumerate(lines[start + 1 :])]
    while body and not body[-1][1].strip():
        body.pop()
    n = len(body)
    if n not in (HOURS_PER_YEAR, HOURS_PER_LEAP_YEAR) and ts_idx is None:
        message, line_no = year_length_problem(n, header_line)
        raise WeatherFileError(spath, message, line_no)
    if n < HOURS_PER_YEAR or n > HOURS_PER_LEAP_YEAR:
        message, line_no = year_length_problem(n, header_line)
        raise WeatherFileError(spath, message, line_no)
    values = {col.key: np.empty(n) for col, _ in wanted}
    stamps: list[tuple[int, str]] = []
    for k, (line_no, line) in enumerate(body):
        fields = _fields(spath, line, line_no) if line.strip() else []
        if len(fields) != len(header):
            raise WeatherFileError(
                spath, f"expected {len(header)} fields as in the header, found {len(fields)}", line_no
            )
        for col, idx in wanted:
            raw = fields[idx].strip()
            if raw == "":
                raise WeatherFileError(spath, f"{col.key} is missing (empty field {idx + 1})", line_no)
            try:
                value = float(raw)
            except ValueError:
                raise WeatherFileError(spath, f"{col.key} is not a number (field {idx + 1})", line_no) from None
            if not np.isfinite(value) or not col.minimum <= value <= col.maximum:
                raise WeatherFileError(
                    spath,
                    f"{col.key} {value:g} is out of range; allowed {col.minimum:g} to {col.maximum:g} {col.unit}"
                    .rstrip(),
                    line_no,
                )
            values[col.key][k] = value
        if ts_idx is not None:
            stamps.append((line_no, fields[ts_idx]))
    if ts_idx is None:
        return HourlyTable(values, default_first_weekday, None)
    year, weekday = _check_timestamps(spath, stamps)
    return HourlyTable(values, weekday, year)


def read_weather_csv(
    path: str | Path,
    *,
    latitude_deg: float,
    longitude_deg: float,
    elevation_m: float,
    time_zone_h: float = 8.0,
    default_pressure_pa: float | None = None,
    name: str | None = None,
) -> Weather:
    """Read an hourly weather CSV: dry bulb plus RH (%) or dew point, optional station pressure.

    The file carries no location, so the site's is used; without a pressure column the
    standard atmosphere at the site elevation (or ``default_pressure_pa``) is used.
    """
    cols = WEATHER_COLUMNS
    table = read_hourly_table(
        path,
        [cols["dry_bulb_c"]],
        one_of=[cols["dew_point_c"], cols["rel_humidity_pct"]],
        optional=[cols["pressure_pa"]],
    )
    c = table.columns
    pressure: float | NDArray[np.float64] | None = c.get("pressure_pa")
    notes: list[str] = []
    if pressure is None:
        pressure = default_pressure_pa if default_pressure_pa is not None else float(standard_pressure_pa(elevation_m))
        notes.append(f"no pressure column: {pressure:,.0f} Pa (standard atmosphere at {elevation_m:g} m)")
    return make_weather(
        name=name or Path(path).stem,
        source=str(path),
        kind="measured",
        latitude_deg=latitude_deg,
        longitude_deg=longitude_deg,
        elevation_m=elevation_m,
        time_zone_h=time_zone_h,
        first_weekday=table.first_weekday,
        dry_bulb_c=c["dry_bulb_c"],
        dew_point_c=c.get("dew_point_c"),
        rel_humidity=None if "dew_point_c" in c else np.minimum(c["rel_humidity_pct"], 100.0) / 100.0,
        pressure_pa=pressure,
        notes=tuple(notes),
    )
