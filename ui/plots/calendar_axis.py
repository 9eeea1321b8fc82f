"""Hour-of-year labels and month ticks for hourly plots (ui layer)."""

from __future__ import annotations

import numpy as np

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_starts(hours: int) -> list[int]:
    """Hour index at which each month starts (a leap year when ``hours`` is 8,784)."""
    days = list(_DAYS)
    if hours == 8784:
        days[1] = 29
    return [0, *np.cumsum(np.array(days[:-1]) * 24).tolist()]


def month_ticks(hours: int) -> list[tuple[float, str]]:
    return [(float(h), m) for h, m in zip(month_starts(hours), MONTHS, strict=True)]


def hour_label(hour: float, hours: int = 8760) -> str:
    """``"12 Mar 14:00"`` for an hour index of the year (clamped to the year)."""
    h = int(np.clip(round(hour), 0, hours - 1))
    starts = month_starts(hours)
    m = int(np.searchsorted(starts, h, side="right") - 1)
    offset = h - starts[m]
    return f"{offset // 24 + 1} {MONTHS[m]} {offset % 24:02d}:00"


def day_label(day: float, hours: int = 8760) -> str:
    """``"12 Mar"`` for a day index of the year."""
    return hour_label(int(day) * 24, hours).rsplit(" ", 1)[0]
