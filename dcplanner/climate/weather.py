"""The hourly weather year that the energy engine runs on (engine layer).

A :class:`Weather` holds one year of hours (8,760, or 8,784 in a leap year) as read-only numpy
arrays: the measured or synthesised dry bulb, dew point and station pressure, plus everything the
engine derives from them once per climate (relative humidity, wet bulb, humidity ratio,
enthalpy, air density). Building one costs a few milliseconds; the engine then never touches
psychrometrics of the outdoor air again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from dcplanner.climate import psychro
from dcplanner.climate.year_calendar import month_lengths_days

HOURS_PER_YEAR = 8760
HOURS_PER_LEAP_YEAR = 8784
DAYS_IN_MONTH = month_lengths_days(leap=False)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

WeatherKind = Literal["measured", "synthesised", "derived"]


class WeatherFileError(ValueError):
    """A weather or profile file that cannot be used; names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}: line {line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


def year_length_problem(rows: int, rows_before: int) -> tuple[str, int]:
    """Message and line number for a file whose data rows are not one whole year.

    ``rows_before`` counts the lines above the first data row (headers).
    """
    year = f"a weather year has {HOURS_PER_YEAR:,} hourly rows ({HOURS_PER_LEAP_YEAR:,} with 29 February)"
    if rows < HOURS_PER_YEAR:
        return f"the data end after {rows:,} rows; {year}", rows_before + rows + 1
    if rows > HOURS_PER_LEAP_YEAR:
        return f"the data go on past {HOURS_PER_LEAP_YEAR:,} rows ({rows:,} rows); {year}", (
            rows_before + HOURS_PER_LEAP_YEAR + 1
        )
    return f"{rows:,} data rows is neither a 365- nor a 366-day year; {year}", rows_before + HOURS_PER_YEAR + 1


def calendar(leap: bool) -> tuple[NDArray[np.int8], NDArray[np.int8], NDArray[np.int8]]:
    """Month (1–12), day of month (1–31) and hour of day (0–23) of every hour of a year."""
    days = list(DAYS_IN_MONTH)
    if leap:
        days[1] = 29
    month = np.repeat(np.arange(1, 13, dtype=np.int8), [24 * d for d in days])
    day = np.concatenate([np.repeat(np.arange(1, d + 1, dtype=np.int8), 24) for d in days])
    hour = np.tile(np.arange(24, dtype=np.int8), sum(days))
    return month, day, hour


def _frozen(a: ArrayLike, dtype: DTypeLike = np.float64) -> NDArray:
    out = np.array(a, dtype=dtype, copy=True)
    out.flags.writeable = False
    return out


@dataclass(frozen=True, slots=True, eq=False)
class Weather:
    """One year of hourly outdoor air, with its derived psychrometrics (read-only arrays).

    Compared and hashed by identity, so a loaded year can key caches.

    ``hour`` is the hour of day at the start of each interval (EPW hour 1 = 00:00–01:00 → 0).
    """

    name: str
    source: str  # file path or built-in id, and how the data was made
    kind: WeatherKind
    latitude_deg: float
    longitude_deg: float
    elevation_m: float
    time_zone_h: float
    first_weekday: int  # 0 = Monday ... 6 = Sunday, weekday of the first day
    month: NDArray[np.int8]
    day: NDArray[np.int8]
    hour: NDArray[np.int8]
    dry_bulb_c: NDArray[np.float64]
    dew_point_c: NDArray[np.float64]
    pressure_pa: NDArray[np.float64]
    rel_humidity: NDArray[np.float64]  # 0–1
    wet_bulb_c: NDArray[np.float64]
    humidity_ratio: NDArray[np.float64]  # kg/kg dry air
    enthalpy_kj_per_kg: NDArray[np.float64]
    density_kg_m3: NDArray[np.float64]
    notes: tuple[str, ...] = field(default=())

    @property
    def hours(self) -> int:
        return int(self.dry_bulb_c.size)

    @property
    def days(self) -> int:
        return self.hours // 24

    @property
    def day_index(self) -> NDArray[np.intp]:
        """Day of the year, 0-based, for every hour."""
        return np.arange(self.hours) // 24

    @property
    def weekday(self) -> NDArray[np.intp]:
        """Weekday (0 = Monday) of every hour."""
        return (self.day_index + self.first_weekday) % 7

    def day_by_hour(self, values: ArrayLike) -> NDArray[np.float64]:
        """Reshape an hourly array into a (days, 24) grid for heat maps."""
        return np.asarray(values, dtype=np.float64).reshape(self.days, 24)


def make_weather(
    *,
    name: str,
    source: str,
    kind: WeatherKind,
    latitude_deg: float,
    longitude_deg: float,
    elevation_m: float,
    time_zone_h: float,
    first_weekday: int,
    dry_bulb_c: ArrayLike,
    pressure_pa: ArrayLike,
    dew_point_c: ArrayLike | None = None,
    rel_humidity: ArrayLike | None = None,
    notes: tuple[str, ...] = (),
) -> Weather:
    """Build a :class:`Weather` from dry bulb, pressure and either dew point or RH (0–1).

    Dew points above the dry bulb (supersaturation in rounded records) are clipped to it.
    """
    t = np.asarray(dry_bulb_c, dtype=np.float64)
    n = t.size
    if n not in (HOURS_PER_YEAR, HOURS_PER_LEAP_YEAR):
        raise ValueError(f"a weather year has {HOURS_PER_YEAR} or {HOURS_PER_LEAP_YEAR} hours, got {n}")
    p = np.broadcast_to(np.asarray(pressure_pa, dtype=np.float64), t.shape)
    if dew_point_c is not None:
        tdp = np.minimum(np.asarray(dew_point_c, dtype=np.float64), t)
        rh = psychro.rel_humidity_from_dew_point(t, tdp)
    elif rel_humidity is not None:
        rh = np.clip(np.asarray(rel_humidity, dtype=np.float64), 1e-4, 1.0)
        tdp = psychro.dew_point_from_rel_humidity(t, rh)
    else:
        raise ValueError("give a dew point or a relative humidity")
    w = psychro.humidity_ratio_from_dew_point(tdp, p)
    month, day, hour = calendar(n == HOURS_PER_LEAP_YEAR)
    return Weather(
        name=name,
        source=source,
        kind=kind,
        latitude_deg=float(latitude_deg),
        longitude_deg=float(longitude_deg),
        elevation_m=float(elevation_m),
        time_zone_h=float(time_zone_h),
        first_weekday=int(first_weekday) % 7,
        month=_frozen(month, np.int8),
        day=_frozen(day, np.int8),
        hour=_frozen(hour, np.int8),
        dry_bulb_c=_frozen(t),
        dew_point_c=_frozen(tdp),
        pressure_pa=_frozen(p),
        rel_humidity=_frozen(rh),
        wet_bulb_c=_frozen(psychro.wet_bulb_from_humidity_ratio(t, w, p)),
        humidity_ratio=_frozen(w),
        enthalpy_kj_per_kg=_frozen(psychro.enthalpy_kj_per_kg(t, w)),
        density_kg_m3=_frozen(psychro.moist_air_density_kg_m3(t, w, p)),
        notes=tuple(notes),
    )


def with_pressure_for_elevation(weather: Weather, elevation_m: float) -> Weather:
    """The same weather moved to another elevation: station pressure scaled by the standard
    atmosphere's ratio (about −11.5 Pa per metre near 1,200 m), humidity ratio, wet bulb and
    density recomputed. Temperatures and dew point are kept.
    """
    if abs(elevation_m - weather.elevation_m) < 0.5:
        return weather
    ratio = float(psychro.standard_pressure_pa(elevation_m) / psychro.standard_pressure_pa(weather.elevation_m))
    note = (
        f"pressure moved from the weather's {weather.elevation_m:g} m to the site's {elevation_m:g} m "
        f"(standard-atmosphere ratio {ratio:.4f})"
    )
    return make_weather(
        name=weather.name,
        source=weather.source,
        kind=weather.kind,
        latitude_deg=weather.latitude_deg,
        longitude_deg=weather.longitude_deg,
        elevation_m=elevation_m,
        time_zone_h=weather.time_zone_h,
        first_weekday=weather.first_weekday,
        dry_bulb_c=weather.dry_bulb_c,
        dew_point_c=weather.dew_point_c,
        pressure_pa=weather.pressure_pa * ratio,
        notes=(*weather.notes, note),
    )
