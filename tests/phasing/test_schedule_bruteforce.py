"""The MILP optimum equals brute-force enumeration on random small instances (property-based).

Every combination of service months (each period start, or never) is priced by the cash-flow
evaluator and checked against every limit by ``check_schedule``; the cheapest feasible one must
cost what HiGHS found, and HiGHS must report infeasible exactly when no combination is feasible.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcplanner.model.buildout import BudgetCap, Candidate
from dcplanner.solvers.phasing.evaluate import Variation, evaluate, schedule_state
from dcplanner.solvers.phasing.problem import build_problem
from dcplanner.solvers.phasing.schedule import ScheduleInfeasible, check_schedule, optimise
from tests.phasing.support import buildout_site, loss_curve, steps


@st.composite
def instances(draw):
    years = draw(st.integers(1, 3))
    period = {1: st.sampled_from(["month", "quarter"]), 2: st.sampled_from(["quarter", "year"])}.get(
        years, st.just("year")
    )
    period = draw(period)
    n = 2 if period == "month" else draw(st.integers(2, 3))
    coverage = draw(st.sampled_from(["must_cover", "penalty"]))
    cands = []
    for i in range(n):
        cands.append(
            Candidate(
                id=f"K{i}",
                it_kw=draw(st.sampled_from([500.0, 1000.0, 1500.0, 2000.0])),
                capex_cny=draw(st.floats(10e6, 200e6)),
                lead_time_months=draw(st.sampled_from([0, 6, 12])),
                fixed_opex_cny_per_year=draw(st.floats(0, 5e6)),
                life_years=draw(st.sampled_from([5.0, 20.0])),
            )
        )
    if draw(st.booleans()):
        cands[1].requires = ["K0"]
    if draw(st.booleans()):  # K0 is a plant block feeding the others
        cands[0].it_kw = 0.0
        cands[0].provides = {"power_kw": draw(st.sampled_from([1500.0, 3000.0]))}
        for c in cands[1:]:
            c.consumes = {"power_kw": c.it_kw * 1.2}
    months = 12 * years

    def month(t: int) -> str:
        return f"{2026 + t // 12}-{t % 12 + 1:02d}"

    if draw(st.booleans()):  # date limits on the last candidate
        last = cands[-1]
        lo = draw(st.integers(0, months - 1))
        last.earliest_start = month(lo)
        if draw(st.booleans()):
            last.latest_start = month(draw(st.integers(lo, months - 1)))
        last.must_build = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        cands[0].fixed_start = month(draw(st.integers(0, months - 1)))
    peak = draw(st.floats(0.3, 4.0))
    ramp = draw(st.integers(1, months - 1))
    demand = steps([("2026-01", 0.0), (month(ramp), peak)])
    site = buildout_site(
        cands,
        {"base": demand},
        years=years,
        period=period,
        coverage=coverage,
        residual_value=draw(st.booleans()),
        unserved_penalty_cny_per_unit_year=draw(st.sampled_from([0.0, 5e6, 50e6])),
        mip_rel_gap=1e-9,
    )
    econ = site.economics
    econ.discount_rate = draw(st.sampled_from([0.0, 0.08, 0.15]))
    econ.electricity_tariff_cny_per_kwh = draw(st.sampled_from([0.0, 0.35, 1.5]))
    econ.revenue_model = draw(st.sampled_from(["none", "colocation"]))
    econ.colocation_cny_per_kw_month = draw(st.sampled_from([0.0, 100.0, 800.0]))
    econ.staff_cny_per_mw_year = draw(st.sampled_from([0.0, 1e6]))
    if draw(st.booleans()):
        site.buildout.budget_caps = [BudgetCap(year=2026, capex_cny=draw(st.floats(20e6, 300e6)))]
    curve = loss_curve(draw(st.floats(0.0, 0.2)), draw(st.floats(0.0, 0.2)), draw(st.floats(0.0, 0.3)))
    return site, curve


def brute_force(problem):
    """Cheapest feasible (objective, service months) over all combinations, or None."""
    T = problem.timeline.months
    c = problem.candidates
    options = []
    for i in range(len(c)):
        if not np.isnan(c.fixed_start[i]):  # a fixed candidate has one date (or breaks its limit)
            options.append([int(c.fixed_start[i] + c.lead_months[i]), T])
        else:
            options.append([int(m) for m in problem.timeline.period_starts if m >= c.lead_months[i]] + [T])
    best = None
    for combo in itertools.product(*options):
        service = np.array(combo)
        if check_schedule(problem, service):
            continue
        out = evaluate(problem, schedule_state(problem, service), Variation.base(problem))
        cost = float(-out.npv_cny[0] + out.unserved_penalty_pv_cny[0])
        if best is None or cost < best[0] - 1e-6:
            best = (cost, service)
    return best


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_milp_equals_brute_force(instance):
    site, curve = instance
    problem = build_problem(site, curve)
    best = brute_force(problem)
    if best is None:
        with pytest.raises(ScheduleInfeasible):
            optimise(problem)
        return
    schedule = optimise(problem)
    assert schedule.status == "optimal"
    out = evaluate(problem, schedule_state(problem, schedule.service_month), Variation.base(problem))
    found = float(-out.npv_cny[0] + out.unserved_penalty_pv_cny[0])
    scale = max(1.0, abs(best[0]))
    assert found == pytest.approx(best[0], abs=1e-6 * scale)  # as cheap as the best enumerated schedule
    assert schedule.objective_cny == pytest.approx(found, abs=1e-6 * scale)  # and priced as the report prices it


@st.composite
def monthly_instances(draw):
    """Monthly must-cover instances with enough candidates that the reduction matters."""
    n = draw(st.integers(3, 6))
    years = draw(st.integers(2, 3))
    cands = [
        Candidate(
            id=f"M{i}",
            it_kw=draw(st.sampled_from([500.0, 1000.0, 2000.0])),
            capex_cny=draw(st.floats(10e6, 200e6)),
            lead_time_months=draw(st.sampled_from([0, 3, 9, 12])),
            fixed_opex_cny_per_year=draw(st.floats(0, 5e6)),
        )
        for i in range(n)
    ]
    if draw(st.booleans()):
        cands[-1].requires = [cands[0].id]
    if draw(st.booleans()):
        cands[1].latest_start = "2026-06"
        cands[1].must_build = draw(st.booleans())
    total = sum(c.it_kw for c in cands) / 1000
    pts = sorted(draw(st.lists(st.integers(13, 12 * years - 1), min_size=1, max_size=3, unique=True)))
    values = sorted(draw(st.lists(st.floats(0.1, total), min_size=len(pts), max_size=len(pts))))
    demand = steps(
        [("2026-01", 0.0)] + [(f"{2026 + t // 12}-{t % 12 + 1:02d}", v) for t, v in zip(pts, values, strict=True)]
    )
    site = buildout_site(cands, {"base": demand}, years=years, period="month", coverage="must_cover", mip_rel_gap=1e-9)
    site.economics.electricity_tariff_cny_per_kwh = draw(st.sampled_from([0.0, 0.35]))
    return site


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(monthly_instances())
def test_exact_reduction_keeps_the_optimum(site):
    problem = build_problem(site, loss_curve())
    try:
        full = optimise(problem, reduce=False)
    except ScheduleInfeasible:
        with pytest.raises(ScheduleInfeasible):
            optimise(problem)
        return
    reduced = optimise(problem)
    assert reduced.exact_reduction and reduced.decision_months <= full.decision_months
    assert reduced.objective_cny == pytest.approx(full.objective_cny, rel=1e-7, abs=1.0)
