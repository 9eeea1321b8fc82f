"""The analysis calendar: months from the build-out start, analysis years and decision periods.

Everything in the phasing engine runs on a monthly grid ``t = 0 .. months-1`` from
``buildout.start``. Analysis year ``k`` holds months ``12k .. 12k+11`` and its cash flows are
discounted by ``(1 + r)^-k`` (year 0 undiscounted, the numpy-financial ``npv`` convention).
Build decisions fall on period starts (every month, quarter or year).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from dcplanner.model.buildout_rules import month_number
from dcplanner.model.site import Site

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
HOURS_PER_MONTH = 8760 / 12  # a 365-day year in twelve equal months


def month_text(number: int) -> str:
    """Months since year 0 -> ``"YYYY-MM"``."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def add_months(month: str, n: int) -> str:
    """The month ``n`` months after ``"YYYY-MM"`` (before it when ``n`` is negative)."""
    return month_text(month_number(month) + n)


def month_to_year(month: str) -> float:
    """``"2026-07"`` -> 2026.5: the start of the month as a decimal year (for time axes)."""
    year, index = divmod(month_number(month), 12)
    return year + index / 12.0


def year_to_month(year: float) -> str:
    """The month a decimal year falls in, ``"YYYY-MM"`` (the inverse of :func:`month_to_year`)."""
    # 1e-6 of a month (about 3 s) absorbs float noise: 2026 + 1/12 times 12 may come out just
    # under 24,313 and must still read as February
    return month_text(math.floor(year * 12 + 1e-6))


@dataclass(frozen=True, slots=True)
class Timeline:
    """Monthly grid of one analysis."""

    start_number: int  # months since year 0 of month t = 0
    years: int
    period_months: int

    @property
    def months(self) -> int:
        return 12 * self.years

    @property
    def year_of_month(self) -> np.ndarray:
        return np.arange(self.months) // 12

    @property
    def period_starts(self) -> np.ndarray:
        """Month index of each decision period's first month."""
        return np.arange(0, self.months, self.period_months)

    def index(self, text: str) -> int:
        """Month index of ``"YYYY-MM"`` (may be negative or beyond the horizon)."""
        return month_number(text) - self.start_number

    def label(self, t: int) -> str:
        return month_text(self.start_number + int(t))

    def month_labels(self) -> list[str]:
        return [self.label(t) for t in range(self.months)]

    def year_labels(self) -> list[int]:
        """Calendar year in which each analysis year starts."""
        return [(self.start_number + 12 * k) // 12 for k in range(self.years)]

    def discount_by_month(self, rate: float | np.ndarray) -> np.ndarray:
        """Discount factor of every month: ``(1 + r)^-year``; shape (months,) or (n, months)."""
        r = np.asarray(rate, dtype=float)
        return (1.0 + r[..., None]) ** -self.year_of_month.astype(float)

    def discount_by_year(self, rate: float | np.ndarray) -> np.ndarray:
        r = np.asarray(rate, dtype=float)
        return (1.0 + r[..., None]) ** -np.arange(self.years, dtype=float)


def timeline_of(site: Site) -> Timeline:
    b = site.buildout
    return Timeline(month_number(b.start), site.economics.analysis_years, PERIOD_MONTHS[b.period])


def to_years(monthly: np.ndarray) -> np.ndarray:
    """Sum a (..., months) array into (..., years)."""
    shape = (*monthly.shape[:-1], monthly.shape[-1] // 12, 12)
    return monthly.reshape(shape).sum(axis=-1)
