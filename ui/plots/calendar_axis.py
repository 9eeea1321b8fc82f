"""Hour-of-year labels and month ticks for hourly plots (ui layer).

The calendar itself is the engine's (:mod:`dcplanner.climate.year_calendar`); this module only
words it.
"""

from __future__ import annotations

import numpy as np

from dcplanner.climate.weather import HOURS_PER_LEAP_YEAR, HOURS_PER_YEAR
from dcplanner.climate.year_calendar import date_of_hour, month_start_hours
from dcplanner.solvers.energy.results import MONTHS

__all__ = ["MONTHS", "day_label", "hour_label", "month_starts", "month_ticks"]


def month_starts(hours: int) -> list[int]:
    """Hour index at which each month starts (a leap year when ``hours`` is 8,784)."""
    return list(month_start_hours(hours == HOURS_PER_LEAP_YEAR))


def month_ticks(hours: int) -> list[tuple[float, str]]:
    return [(float(h), m) for h, m in zip(month_starts(hours), MONTHS, strict=True)]


def hour_label(hour: float, hours: int = HOURS_PER_YEAR) -> str:
    """``"12 Mar 14:00"`` for an hour index of the year (clamped to the year)."""
    leap = hours == HOURS_PER_LEAP_YEAR
    year_hours = HOURS_PER_LEAP_YEAR if leap else HOURS_PER_YEAR
    h = int(np.clip(round(hour), 0, min(hours, year_hours) - 1))
    month, day, hour_of_day = date_of_hour(h, leap)
    return f"{day} {MONTHS[month - 1]} {hour_of_day:02d}:00"


def day_label(day: float, hours: int = HOURS_PER_YEAR) -> str:
    """``"12 Mar"`` for a day index of the year."""
    return hour_label(int(day) * 24, hours).rsplit(" ", 1)[0]
