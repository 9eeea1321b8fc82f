"""Tornado and Monte Carlo: exact where the model is linear, seeded, chunk-independent, cancellable."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from dcplanner.model.buildout import Candidate, Uncertainty
from dcplanner.solvers import finance
from dcplanner.solvers.phasing import montecarlo
from dcplanner.solvers.phasing.hooks import Cancelled
from dcplanner.solvers.phasing.montecarlo import monte_carlo
from dcplanner.solvers.phasing.sensitivity import tornado
from dcplanner.solvers.phasing.solve import solve_phasing
from dcplanner.solvers.progress import CancelToken
from tests.phasing.support import buildout_site, source, steps


def case(spread: bool = True, **uncertainty: float):
    site = buildout_site(
        [Candidate(id=f"H{k}", it_kw=2000, capex_cny=40e6, lead_time_months=12) for k in range(3)],
        {
            "low": steps([("2026-01", 0.0), ("2031-12", 2.5)]),
            "base": steps([("2026-01", 0.0), ("2031-12", 4.0)]),
            "high": steps([("2026-01", 0.0), ("2031-12", 6.0)]),
        },
        years=8,
        period="quarter",
        coverage="penalty",
        uncertainty=Uncertainty(**uncertainty),
    )
    site.economics.revenue_model = "colocation"
    site.economics.colocation_cny_per_kw_month = 650.0
    res = solve_phasing(site, source())
    if spread:
        return res
    return replace(res, problem=replace(res.problem, demand=res.problem.demand.without_spread()))


@pytest.fixture(scope="module")
def result():
    return case()


def test_tornado_is_exact_where_npv_is_linear(result):
    t = tornado(result, 0.2)
    r = result.problem.money.discount_rate
    pv_energy = finance.npv(r, result.cash.energy_cny)
    pv_capex = finance.npv(r, result.cash.capex_cny - result.cash.residual_cny)
    pv_revenue = finance.npv(r, result.cash.revenue_cny)
    swing = dict(zip(t.keys, zip(t.npv_low_cny, t.npv_high_cny, strict=True), strict=True))
    base = result.measures.npv_cny
    assert swing["tariff"] == pytest.approx((base + 0.2 * pv_energy, base - 0.2 * pv_energy), rel=1e-9)
    assert swing["capex"] == pytest.approx((base + 0.2 * pv_capex, base - 0.2 * pv_capex), rel=1e-9)
    assert swing["price"] == pytest.approx((base - 0.2 * pv_revenue, base + 0.2 * pv_revenue), rel=1e-9)
    assert list(t.swing_cny) == sorted(t.swing_cny, reverse=True)
    assert t.low_input[list(t.keys).index("discount_rate")] == pytest.approx(0.08 * 0.8)


def test_monte_carlo_is_seeded_and_independent_of_chunking(result, monkeypatch):
    a = monte_carlo(result, 3000, 11)
    b = monte_carlo(result, 3000, 11)
    monkeypatch.setattr(montecarlo, "CHUNK", 701)
    c = monte_carlo(result, 3000, 11)
    assert np.array_equal(a.npv_cny, b.npv_cny) and np.array_equal(a.npv_cny, c.npv_cny)
    assert not np.array_equal(a.npv_cny, monte_carlo(result, 3000, 12).npv_cny)
    assert a.npv_p10_cny < a.npv_p50_cny < a.npv_p90_cny
    assert a.npv_histogram_counts.sum() == 3000


def test_without_spread_every_draw_is_the_deterministic_case():
    res = case(False, tariff_sd_frac=0.0, utilisation_sd=0.0, pue_overhead_sd_frac=0.0)
    mc = monte_carlo(res, 50, 1)
    assert mc.npv_cny == pytest.approx(np.full(50, res.measures.npv_cny), rel=1e-12)
    assert mc.shortfall_p90 == pytest.approx(res.measures.peak_shortfall)


def test_tariff_draws_have_mean_one():
    # NPV is linear in the tariff and the tariff draws are mean-one lognormal: E[NPV] = deterministic NPV
    res = case(False, tariff_sd_frac=0.3, utilisation_sd=0.0, pue_overhead_sd_frac=0.0)
    mc = monte_carlo(res, 20000, 5)
    stderr = mc.npv_cny.std() / np.sqrt(mc.draws)
    assert abs(mc.npv_mean_cny - res.measures.npv_cny) < 4 * stderr


def test_demand_fan_reads_low_and_high_as_p10_and_p90(result):
    mc = monte_carlo(result, 200, 1)
    ops = result.operations
    k = list(mc.fan_percentiles)
    months = slice(6, None)  # where low and high differ from zero
    assert mc.demand_fan[k.index(10.0)][months] == pytest.approx(result.problem.demand.variants["low"][months])
    assert mc.demand_fan[k.index(90.0)][months] == pytest.approx(result.problem.demand.variants["high"][months])
    assert ops.demand_p90[months] == pytest.approx(result.problem.demand.variants["high"][months])
    assert np.all(mc.served_fan <= mc.capacity[None, :] + 1e-12)


def test_progress_and_cancel_hooks(result):
    seen: list[float] = []
    monte_carlo(result, 2500, 3, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) == 3
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        monte_carlo(result, 2500, 3, cancel=token)
    calls = iter([False, True])
    with pytest.raises(Cancelled):
        monte_carlo(result, 2500, 3, cancel=lambda: next(calls))


def test_solve_and_compare_honour_the_hooks(sample_paths):
    from dcplanner.io.project_file import load_project
    from dcplanner.solvers.scenario_comparison import compare_scenarios

    site = load_project(sample_paths["guian_supercomputing"]).site
    seen: list[float] = []
    res = solve_phasing(site, source(), progress=seen.append)
    assert seen == [0.2, 0.9, 1.0] and res.schedule.status == "optimal"
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        solve_phasing(site, source(), cancel=token)
    shares: list[float] = []
    cmp = compare_scenarios(site, source(), progress=shares.append)
    assert shares[-1] == 1.0 and len(shares) == len(cmp.rows) == 1 + len(site.scenarios)
    asked = iter([False] * 4 + [True] * 100)
    with pytest.raises(Cancelled):
        compare_scenarios(site, source(), cancel=lambda: next(asked))
