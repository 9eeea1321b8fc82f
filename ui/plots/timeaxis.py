"""Month labels ("YYYY-MM") as decimal years for plots over a build-out horizon (ui layer)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def month_to_year(month: str) -> float:
    """``"2026-07"`` -> 2026.5 (the start of the month)."""
    year, mon = month.split("-")
    return int(year) + (int(mon) - 1) / 12.0


def months_to_years(months: Sequence[str]) -> np.ndarray:
    return np.array([month_to_year(m) for m in months], dtype=float)


def year_to_month(x: float) -> str:
    """Decimal year -> the month it falls in, ``"YYYY-MM"``."""
    total = int(np.floor(x * 12 + 1e-6))
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def add_months(month: str, n: int) -> str:
    year, mon = (int(p) for p in month.split("-"))
    total = year * 12 + (mon - 1) + n
    return f"{total // 12:04d}-{total % 12 + 1:02d}"
