"""Demand forecast on the monthly grid: named variants and the spread used for uncertainty.

A variant is a list of (month, value) points, linear between points and flat before the first
and after the last. The uncertainty spread is lognormal around the active variant (its median):
``D = D_variant x exp(sigma_t z)``, z standard normal. Either ``spread_sd_log`` gives sigma at
the horizon end, growing with the square root of time (a random-walk shape), or the ``low`` and
``high`` variants are read as the P10 and P90 of demand, with a two-piece lognormal so both hold
exactly: ``sigma_t = ln(base_t / low_t) / 1.2816`` below the median and
``ln(high_t / base_t) / 1.2816`` above it (1.2816 = standard normal P90).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcplanner.model.buildout import DemandForecast, DemandVariant
from dcplanner.model.schema import Issue, ValidationError
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
    sigma_below: np.ndarray  # (months,) spread of ln(demand) below the median
    sigma_above: np.ndarray  # (months,) and above it

    @property
    def unit_label(self) -> str:
        return UNIT_LABEL[self.unit] + (f" {self.precision.upper()}" if self.unit == "pflops" else "")

    def factor(self, z: np.ndarray) -> np.ndarray:
        """Demand multipliers for standard normal draws ``z`` (n, 1) -> (n, months)."""
        return np.exp(np.where(z >= 0, z * self.sigma_above, z * self.sigma_below))

    def percentile(self, q: float) -> np.ndarray:
        """Demand percentile ``q`` (0-100) of the spread around the active variant."""
        from scipy.special import ndtri  # inverse standard normal CDF (imported when first asked)

        return self.monthly * self.factor(np.array([[ndtri(q / 100.0)]]))[0]

    def without_spread(self) -> Demand:
        zero = np.zeros_like(self.monthly)
        return Demand(self.unit, self.precision, self.variant, self.monthly, self.variants, zero, zero)


def variant_series(variant: DemandVariant, timeline: Timeline) -> np.ndarray:
    """Monthly values of one variant on the timeline."""
    t = np.arange(timeline.months, dtype=float)
    xs = np.array([timeline.index(p.month) for p in variant.points], dtype=float)
    ys = np.array([p.value for p in variant.points], dtype=float)
    return np.interp(t, xs, ys)


def build_demand(forecast: DemandForecast, timeline: Timeline) -> Demand:
    """Demand arrays for a validated forecast."""
    series = {v.id: variant_series(v, timeline) for v in forecast.variants}
    if forecast.variant not in series:
        known = ", ".join(repr(k) for k in series) or "none"
        raise ValidationError(
            [
                Issue(
                    "buildout.demand.variant",
                    f"no demand forecast {forecast.variant!r} to plan against (variants: {known}); "
                    "add a demand forecast to the build-out",
                )
            ]
        )
    active = series[forecast.variant]
    months = timeline.months
    if forecast.spread_sd_log is not None:
        below = above = forecast.spread_sd_log * np.sqrt(np.arange(1, months + 1) / months)
    elif "low" in series and "high" in series:
        below = _log_ratio(active, series["low"]) / Z_P90
        above = _log_ratio(series["high"], active) / Z_P90
    else:
        below = above = np.zeros(months)
    return Demand(forecast.unit, forecast.precision, forecast.variant, active, series, below, above)


def _log_ratio(upper: np.ndarray, lower: np.ndarray) -> np.ndarray:
    """ln(upper / lower) where both are positive and upper >= lower, else 0."""
    ok = (lower > 0) & (upper >= lower)
    return np.where(ok, np.log(np.where(ok, upper, 1.0) / np.where(ok, lower, 1.0)), 0.0)
