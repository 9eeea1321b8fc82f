"""Months and days of a weather year: 8,760 hours, or 8,784 with 29 February (engine layer).

Month lengths come from the standard library's proleptic Gregorian calendar
(:func:`calendar.monthrange`); :func:`dcplanner.climate.weather.calendar` spreads them over every
hour of the year. Hours count from 0 at 1 January 00:00.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from functools import cache

_PLAIN_YEAR, _LEAP_YEAR = 2001, 2004  # stand-ins: only whether February has 29 days matters


@cache
def month_lengths_days(leap: bool) -> tuple[int, ...]:
    """Days in each month, January first: 31, 28 (29 when ``leap``), 31, 30, …"""
    year = _LEAP_YEAR if leap else _PLAIN_YEAR
    return tuple(calendar.monthrange(year, month)[1] for month in range(1, 13))


@cache
def month_start_hours(leap: bool) -> tuple[int, ...]:
    """Hour of the year at which each month starts: 0, 744, 1,416 (1,440 when ``leap``), …"""
    starts, hour = [], 0
    for days in month_lengths_days(leap):
        starts.append(hour)
        hour += 24 * days
    return tuple(starts)


def date_of_hour(hour: int, leap: bool) -> tuple[int, int, int]:
    """(month 1–12, day of month 1–31, hour of day 0–23) of hour ``hour`` of the year.

    Raises ValueError for an hour outside the year (0 to 8,759, or 8,783 when ``leap``).
    """
    hours = 24 * sum(month_lengths_days(leap))
    if not 0 <= hour < hours:
        raise ValueError(f"hour {hour} is outside the year; allowed from 0 to {hours - 1:,}")
    starts = month_start_hours(leap)
    month = bisect_right(starts, hour)
    into = hour - starts[month - 1]
    return month, into // 24 + 1, into % 24
