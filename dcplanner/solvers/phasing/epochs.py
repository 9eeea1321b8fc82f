"""Months at which the optimiser lets a candidate enter service (decision epochs).

A candidate enters service at a period start (every month, quarter or year), or in the month
its fixed start plus lead time names.

**Exact reduction.** When demand must be covered, there are no budget caps, every candidate's
own cost never rises when it enters service later, and extra built capacity never lowers the
energy bill, then some optimal schedule enters nothing into service earlier than it has to
(shifting a candidate later cannot raise the cost and breaks no limit unless one blocks it).
In such a schedule a candidate enters service at a period where the period's peak demand first
exceeds a capacity level some set of candidates can reach (the capacity that covered the period
before), at its latest date, at a fixed date, or together with a candidate that requires it. Every other period
start can be dropped without losing the optimum. Levels are the subset sums of the candidates'
capacities; if there are too many the reduction is skipped.
"""

from __future__ import annotations

import numpy as np

MAX_LEVELS = 50_000


def capacity_levels(capacities: np.ndarray, ceiling: float, tol: float) -> np.ndarray | None:
    """Sorted distinct subset sums below ``ceiling`` (None if more than MAX_LEVELS)."""
    levels = np.array([0.0])
    for cap in capacities[capacities > 0]:
        merged = np.concatenate([levels, levels + cap])
        merged = merged[merged < ceiling]
        merged.sort()
        keep = np.concatenate([[True], np.diff(merged) > tol])
        levels = merged[keep]
        if len(levels) > MAX_LEVELS:
            return None
    return levels


def period_peaks(demand: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Peak demand over each interval [starts[e], starts[e+1])."""
    return np.maximum.reduceat(demand, starts)


def critical_starts(grid: np.ndarray, demand: np.ndarray, levels: np.ndarray, tol: float) -> np.ndarray:
    """Grid months where the period peak first exceeds some capacity level (plus month 0)."""
    peaks = period_peaks(demand, grid)
    below = np.searchsorted(levels, peaks - tol, side="left")  # levels < peak - tol
    crossed = np.zeros(len(grid), dtype=bool)
    crossed[0] = True
    crossed[1:] = below[1:] > below[:-1]
    return grid[crossed]


def decision_months(
    months: int,
    period_months: int,
    fixed: np.ndarray,
    latest: np.ndarray,
    demand: np.ndarray | None = None,
    capacities: np.ndarray | None = None,
) -> tuple[np.ndarray, bool]:
    """Decision epochs and whether the exact reduction was applied.

    ``fixed`` are service months that must be epochs; ``latest`` the latest service months (the
    period start at or before each is kept when reducing). ``demand`` and ``capacities`` are given
    only when the reduction is valid (see module doc).
    """
    grid = np.arange(0, months, period_months)
    reduced = False
    if demand is not None and capacities is not None:
        tol = 1e-9 * max(float(demand.max(initial=0.0)), 1.0)
        levels = capacity_levels(capacities, float(demand.max(initial=0.0)), tol)
        if levels is not None:
            keep = grid[np.clip(np.searchsorted(grid, latest[latest >= 0], side="right") - 1, 0, None)]
            grid = np.union1d(critical_starts(grid, demand, levels, tol), np.append(keep, grid[-1]))
            reduced = True
    fixed = fixed[(fixed >= 0) & (fixed < months)].astype(int)
    return np.union1d(grid, fixed).astype(int), reduced
