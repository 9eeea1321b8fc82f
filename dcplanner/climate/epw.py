"""EnergyPlus weather (EPW) reader (engine layer).

Format: EnergyPlus "Auxiliary Programs", ch. 2.9 *Weather file format*: 8 header lines
(LOCATION ... DATA PERIODS), then one line per hour with 35 comma-separated fields. The reader
uses fields 1–3 (month, day, hour 1–24), 6 (dry bulb °C), 7 (dew point °C), 8 (relative humidity
%) and 9 (station pressure Pa), and the LOCATION header (latitude, longitude, time zone,
elevation). A file is refused, with its line number, if a line has the wrong number of fields,
a number field holds text, a used value is missing (EPW codes 99.9 / 999 / 999999) or out of
the EPW range, the hours are out of calendar order, or the year is not 8,760 hours (8,784 with
29 February).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dcplanner.climate.weather import (
    HOURS_PER_LEAP_YEAR,
    HOURS_PER_YEAR,
    WEEKDAYS,
    Weather,
    WeatherFileError,
    calendar,
    make_weather,
    year_length_problem,
)

HEADER_LINES = 8
FIELDS = 35
_HEADER_KEYS = (
    "LOCATION",
    "DESIGN CONDITIONS",
    "TYPICAL/EXTREME PERIODS",
    "GROUND TEMPERATURES",
    "HOLIDAYS/DAYLIGHT SAVINGS",
    "COMMENTS 1",
    "COMMENTS 2",
    "DATA PERIODS",
)
# field index -> (name, missing code, lower bound, upper bound), EPW spec "missing" and ranges
_USED = {
    6: ("dry bulb temperature (°C)", 99.9, -70.0, 70.0),
    7: ("dew point temperature (°C)", 99.9, -70.0, 70.0),
    8: ("relative humidity (%)", 999.0, 0.0, 110.0),
    9: ("atmospheric station pressure (Pa)", 999999.0, 31000.0, 120000.0),
}


def _number(path: str, line_no: int, text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise WeatherFileError(path, f"{what} is not a number", line_no) from None
    if not np.isfinite(value):
        raise WeatherFileError(path, f"{what} is not a finite number", line_no)
    return value


def _location(path: str, line: str) -> tuple[str, float, float, float, float]:
    parts = [p.strip() for p in line.split(",")]
    if len(parts) < 10:
        raise WeatherFileError(path, f"LOCATION needs 10 fields, found {len(parts)}", 1)
    lat = _number(path, 1, parts[6], "LOCATION latitude")
    lon = _number(path, 1, parts[7], "LOCATION longitude")
    tz = _number(path, 1, parts[8], "LOCATION time zone")
    elev = _number(path, 1, parts[9], "LOCATION elevation")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180 or not -1000 <= elev < 9999.9:
        raise WeatherFileError(path, f"LOCATION latitude/longitude/elevation out of range: {lat}, {lon}, {elev}", 1)
    name = ", ".join(p for p in (parts[1], parts[2], parts[3]) if p and p != "-")
    return name, lat, lon, tz, elev


def _first_weekday(path: str, line: str) -> int:
    parts = [p.strip() for p in line.split(",")]
    if len(parts) < 5:
        raise WeatherFileError(path, "DATA PERIODS needs a start day of week", HEADER_LINES)
    name = parts[4].capitalize()
    if name not in WEEKDAYS:
        raise WeatherFileError(
            path, f"DATA PERIODS start day of week is not one of {', '.join(WEEKDAYS)}", HEADER_LINES
        )
    return WEEKDAYS.index(name)


def read_epw(path: str | Path) -> Weather:
    """Read an EPW file into a :class:`Weather` (dry bulb, dew point and station pressure)."""
    spath = str(path)
    try:
        text = Path(path).read_text(encoding="latin-1")
    except OSError as exc:
        raise WeatherFileError(spath, f"cannot read the file ({exc.strerror or exc})") from None
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) < HEADER_LINES:
        raise WeatherFileError(spath, f"an EPW file starts with {HEADER_LINES} header lines; found {len(lines)} lines")
    for i, key in enumerate(_HEADER_KEYS):
        if not lines[i].upper().startswith(key):
            raise WeatherFileError(spath, f"header line {i + 1} should start with {key!r}", i + 1)
    name, lat, lon, tz, elev = _location(spath, lines[0])
    first_weekday = _first_weekday(spath, lines[HEADER_LINES - 1])

    rows = lines[HEADER_LINES:]
    n = len(rows)
    if n not in (HOURS_PER_YEAR, HOURS_PER_LEAP_YEAR):
        raise WeatherFileError(spath, *year_length_problem(n, HEADER_LINES))
    month, day, hour = calendar(n == HOURS_PER_LEAP_YEAR)
    values = np.empty((4, n), dtype=np.float64)
    for i, row in enumerate(rows):
        line_no = HEADER_LINES + 1 + i
        fields = row.split(",")
        if len(fields) != FIELDS:
            raise WeatherFileError(spath, f"expected {FIELDS} comma-separated fields, found {len(fields)}", line_no)
        m = _number(spath, line_no, fields[1], "field 2 (month)")
        d = _number(spath, line_no, fields[2], "field 3 (day)")
        h = _number(spath, line_no, fields[3], "field 4 (hour)")
        if (m, d, h) != (month[i], day[i], hour[i] + 1):
            raise WeatherFileError(
                spath,
                f"hour out of calendar order: expected month {month[i]} day {day[i]} hour {hour[i] + 1}, "
                f"found month {m:g} day {d:g} hour {h:g}",
                line_no,
            )
        for k, (idx, (what, missing, lo, hi)) in enumerate(_USED.items()):
            raw = fields[idx].strip()
            label = f"field {idx + 1} ({what})"
            if raw == "":
                raise WeatherFileError(spath, f"{label} is missing (empty)", line_no)
            value = _number(spath, line_no, raw, label)
            if value == missing:
                raise WeatherFileError(spath, f"{label} is missing (EPW missing-value code {value:g})", line_no)
            if not lo <= value <= hi:
                raise WeatherFileError(spath, f"{label} {value:g} is out of range; allowed {lo:g} to {hi:g}", line_no)
            values[k, i] = value
    return make_weather(
        name=name,
        source=spath,
        kind="measured",
        latitude_deg=lat,
        longitude_deg=lon,
        elevation_m=elev,
        time_zone_h=tz,
        first_weekday=first_weekday,
        dry_bulb_c=values[0],
        dew_point_c=values[1],
        pressure_pa=values[3],
    )
