"""Month labels ("YYYY-MM") as decimal years for plots over a build-out horizon (ui layer).

The month arithmetic is the engine's (:mod:`dcplanner.solvers.phasing.timeline`); this module
only turns lists of months into arrays for the plots.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dcplanner.solvers.phasing.timeline import add_months, month_to_year, year_to_month

__all__ = ["add_months", "month_to_year", "months_to_years", "year_to_month"]


def months_to_years(months: Sequence[str]) -> np.ndarray:
    return np.array([month_to_year(m) for m in months], dtype=float)
