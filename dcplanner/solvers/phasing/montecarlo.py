"""Monte Carlo of a schedule: NPV and capacity shortfall under demand, tariff, utilisation and PUE draws.

Draws (seeded, ``numpy.random.default_rng(seed)``, all made up front so the result does not
depend on how the work is chunked):

- demand: the whole path scaled by ``exp(sigma_t z)``, ``sigma_t`` from the forecast's spread
  (P10/P90 = the low/high variants when no spread is given), so its percentiles follow the band
  month by month;
- tariff and PUE overhead (PUE - 1): lognormal with mean 1 and the given coefficient of
  variation, ``exp(s z - s^2/2)``, ``s^2 = ln(1 + cv^2)``;
- utilisation: normal around the base, clipped to 0-1.

The schedule is held (it is what is being studied). Draws are evaluated in chunks, with the
progress hook called after each and the cancel hook checked before each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcplanner.solvers.phasing.evaluate import Variation, evaluate
from dcplanner.solvers.phasing.hooks import Cancel, Progress, check, report
from dcplanner.solvers.phasing.problem import Problem
from dcplanner.solvers.phasing.results import PhasingResult

CHUNK = 1000
FAN_PERCENTILES = (10.0, 25.0, 50.0, 75.0, 90.0)


@dataclass(frozen=True, slots=True)
class MonteCarlo:
    """Distribution of NPV and shortfall over the draws (P10 = 10th percentile, and so on)."""

    draws: int
    seed: int
    npv_cny: np.ndarray  # (draws,)
    peak_shortfall: np.ndarray  # (draws,) largest monthly unserved demand, demand units
    unserved_share: np.ndarray  # (draws,) unserved / demand over the horizon
    npv_p10_cny: float
    npv_p50_cny: float
    npv_p90_cny: float
    npv_mean_cny: float
    probability_npv_negative: float
    shortfall_p10: float
    shortfall_p50: float
    shortfall_p90: float
    fan_percentiles: tuple[float, ...]
    demand_fan: np.ndarray  # (percentiles, months): demand percentiles
    served_fan: np.ndarray  # (percentiles, months): served demand percentiles
    capacity: np.ndarray  # (months,)
    cumulative_cash_fan_cny: np.ndarray  # (percentiles, years)
    npv_histogram_counts: np.ndarray
    npv_histogram_edges_cny: np.ndarray


def lognormal_factor(z: np.ndarray, cv: float) -> np.ndarray:
    """Mean-one lognormal multipliers with coefficient of variation ``cv``."""
    s = np.sqrt(np.log1p(cv * cv))
    return np.exp(s * z - 0.5 * s * s)


def draw(problem: Problem, draws: int, seed: int) -> Variation:
    """The seeded input draws for a problem."""
    u = problem.uncertainty
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((draws, 4))
    base = Variation.base(problem, draws)
    return Variation(
        demand_factor=problem.demand.factor(z[:, :1]),
        tariff_factor=lognormal_factor(z[:, 1], u.tariff_sd_frac),
        utilisation=np.clip(problem.utilisation + u.utilisation_sd * z[:, 2], 0.0, 1.0),
        pue_overhead_factor=lognormal_factor(z[:, 3], u.pue_overhead_sd_frac),
        capex_factor=base.capex_factor,
        opex_factor=base.opex_factor,
        price_factor=base.price_factor,
        discount_rate=base.discount_rate,
    )


def monte_carlo(
    result: PhasingResult,
    draws: int | None = None,
    seed: int | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    bins: int = 40,
) -> MonteCarlo:
    """Seeded Monte Carlo of the result's schedule (defaults from ``buildout.uncertainty``)."""
    problem, state = result.problem, result.state
    n = problem.uncertainty.draws if draws is None else draws
    seed = problem.uncertainty.seed if seed is None else seed
    var = draw(problem, n, seed)
    npv = np.empty(n)
    shortfall = np.empty(n)
    unserved_share = np.empty(n)
    net = np.empty((n, problem.timeline.years))
    for lo in range(0, n, CHUNK):
        check(cancel)
        out = evaluate(problem, state, var.rows(slice(lo, lo + CHUNK)))
        hi = lo + len(out.npv_cny)
        npv[lo:hi] = out.npv_cny
        shortfall[lo:hi] = out.peak_shortfall
        demand = out.demand.sum(axis=1)
        unserved_share[lo:hi] = np.where(demand > 0, out.unserved.sum(axis=1) / np.where(demand > 0, demand, 1), 0)
        net[lo:hi] = out.net_cash_cny
        report(progress, hi / n)
    q = np.array(FAN_PERCENTILES)
    # demand is one lognormal factor per path, so its percentiles are the factor's: exact, no storage
    demand_fan = np.array([problem.demand.percentile(p) for p in q])
    counts, edges = np.histogram(npv, bins=bins)
    p10, p50, p90 = np.percentile(npv, [10, 50, 90])
    s10, s50, s90 = np.percentile(shortfall, [10, 50, 90])
    return MonteCarlo(
        draws=n,
        seed=seed,
        npv_cny=npv,
        peak_shortfall=shortfall,
        unserved_share=unserved_share,
        npv_p10_cny=float(p10),
        npv_p50_cny=float(p50),
        npv_p90_cny=float(p90),
        npv_mean_cny=float(npv.mean()),
        probability_npv_negative=float(np.mean(npv < 0)),
        shortfall_p10=float(s10),
        shortfall_p50=float(s50),
        shortfall_p90=float(s90),
        fan_percentiles=FAN_PERCENTILES,
        demand_fan=demand_fan,
        served_fan=np.minimum(demand_fan, state.capacity[None, :]),
        capacity=state.capacity,
        cumulative_cash_fan_cny=np.percentile(np.cumsum(net, axis=1), q, axis=0),
        npv_histogram_counts=counts,
        npv_histogram_edges_cny=edges,
    )
