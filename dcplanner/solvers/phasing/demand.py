"""Demand forecast on the monthly grid: named variants and the spread used for uncertainty.

A variant is a list of (month, value) points, linear between points and flat before the first
and after the last. The uncertainty spread is lognormal: ``ln D`` has standard deviation
``sigma_t``. Either ``spread_sd_log`` gives it at the horizon end, growing with the square root
of time (a random-walk shape), or the ``low`` and ``high`` variants are read as the P10 and P90
of demand: ``sigma_t = ln(high_t / low_t) / (2 x 1.2816)`` (1.2816 = standard normal P90).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtri  # inverse standard normal CDF

from dcplanner.model.buildout import DemandForecast, DemandVariant
from dcplanner.solvers.phasing.timeline import Timeline

Z_P90 = 1.2815515655446004  # standard normal quantile at 0.90 (scipy.stats.norm.ppf(0.9))
UNIT_LABEL = {"it_mw": "MW", "pflops": "PFLOPS"}


@dataclass(frozen=True, slots=True)
class Demand:
    """Monthly demand of the active variant, every variant, and the lognormal spread."""

    unit: str  # "it_mw" or "pflops"
    precision: str
    variant: str
    monthly: np.ndarray  # (months,) active variant
    variants: dict[str, np.ndarray]
    sigma_log: np.ndarray  # (months,) standard deviation of ln(demand)

    @property
    def unit_label(self) -> str:
        return UNIT_LABEL[self.unit] + (f" {self.precision.upper()}" if self.unit == "pflops" else "")

    def percentile(self, q: float) -> np.ndarray:
        """Demand percentile ``q`` (0-100) of the lognormal spread around the active variant."""
        return self.monthly * np.exp(self.sigma_log * ndtri(q / 100.0))


def variant_series(variant: DemandVariant, timeline: Timeline) -> np.ndarray:
    """Monthly values of one variant on the timeline."""
    t = np.arange(timeline.months, dtype=float)
    xs = np.array([timeline.index(p.month) for p in variant.points], dtype=float)
    ys = np.array([p.value for p in variant.points], dtype=float)
    return np.interp(t, xs, ys)


def build_demand(forecast: DemandForecast, timeline: Timeline) -> Demand:
    """Demand arrays for a validated forecast."""
    series = {v.id: variant_series(v, timeline) for v in forecast.variants}
    active = series[forecast.variant]
    months = timeline.months
    if forecast.spread_sd_log is not None:
        sigma = forecast.spread_sd_log * np.sqrt(np.arange(1, months + 1) / months)
    elif "low" in series and "high" in series:
        lo, hi = series["low"], series["high"]
        with np.errstate(divide="ignore", invalid="ignore"):
            sigma = np.where((lo > 0) & (hi > lo), np.log(hi / np.where(lo > 0, lo, 1.0)) / (2 * Z_P90), 0.0)
    else:
        sigma = np.zeros(months)
    return Demand(forecast.unit, forecast.precision, forecast.variant, active, series, sigma)
