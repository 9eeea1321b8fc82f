"""A schedule small enough to solve by hand: the optimiser must find it and price it exactly."""

from __future__ import annotations

import numpy as np
import pytest

from dcplanner.model.buildout import BudgetCap, Candidate
from dcplanner.solvers.phasing.schedule import ScheduleInfeasible
from dcplanner.solvers.phasing.solve import solve_phasing
from tests.phasing.support import buildout_site, source, steps

# Demand: nothing in 2026, 1 MW through 2027, 2 MW from 2028 (a one-month step each time).
DEMAND = steps([("2026-01", 0), ("2026-12", 0), ("2027-01", 1.0), ("2027-12", 1.0), ("2028-01", 2.0)])


def hand_site(period: str = "year", **buildout: object):
    cands = [
        Candidate(id="A", it_kw=1000, capex_cny=100e6, lead_time_months=12, fixed_opex_cny_per_year=2e6),
        Candidate(id="B", it_kw=1000, capex_cny=100e6, lead_time_months=12, fixed_opex_cny_per_year=2e6),
        Candidate(id="C", it_kw=2000, capex_cny=150e6, lead_time_months=12, fixed_opex_cny_per_year=10e6),
    ]
    site = buildout_site(
        cands, {"base": DEMAND}, years=4, period=period, coverage="must_cover", residual_value=False, **buildout
    )
    site.economics.discount_rate = 0.10
    site.economics.electricity_tariff_cny_per_kwh = 0.0  # capex and O&M only, to keep the sums by hand
    return site


# By hand (M CNY, year k discounted by 1.1^-k, capex spent over the 12 months before service):
# - C in service 2027-01: 150 (all in 2026) + O&M 10 in each of 2027-2029.
NPV_C = -(150 + 10 / 1.1 + 10 / 1.1**2 + 10 / 1.1**3) * 1e6  # -174.87 M
# - A in 2027-01 and B in 2028-01 (capex 100 in 2026 and 100 in 2027, O&M 2 each):
NPV_AB = -(100 + 100 / 1.1 + 2 * (1 / 1.1 + 1 / 1.1**2 + 1 / 1.1**3) + 2 * (1 / 1.1**2 + 1 / 1.1**3)) * 1e6
# Every other schedule that covers demand costs more, e.g. A then C: 100 + 150/1.1 + ... > 236 M.


@pytest.mark.parametrize("period", ["year", "month"])
def test_optimal_schedule_and_npv_by_hand(period):
    res = solve_phasing(hand_site(period), source())
    plan = {c.id: (c.start_month, c.service_month) for c in res.candidates}
    assert plan == {"A": ("", ""), "B": ("", ""), "C": ("2026-01", "2027-01")}
    assert res.measures.npv_cny == pytest.approx(NPV_C, rel=1e-9)
    assert res.schedule.status == "optimal"
    assert res.schedule.objective_cny == pytest.approx(-NPV_C, rel=1e-9)  # objective = -NPV (no penalty)
    assert res.cash.capex_cny.tolist() == pytest.approx([150e6, 0, 0, 0])
    assert res.cash.om_cny.tolist() == pytest.approx([0, 10e6, 10e6, 10e6])


def test_monthly_decisions_are_reduced_exactly():
    res = solve_phasing(hand_site("month"), source())
    assert res.schedule.exact_reduction
    assert res.schedule.decision_months < 48  # far fewer than every month, same optimum as above


def test_budget_cap_changes_the_optimum():
    res = solve_phasing(hand_site(budget_caps=[BudgetCap(year=2026, capex_cny=120e6)]), source())
    built = {c.id: c.start_month for c in res.candidates if c.built}
    assert sorted(built.values()) == ["2026-01", "2027-01"]
    assert set(built) <= {"A", "B"} and len(built) == 2
    assert res.measures.npv_cny == pytest.approx(NPV_AB, rel=1e-9)
    assert res.cash.capex_cny.tolist() == pytest.approx([100e6, 100e6, 0, 0])


def test_budget_too_small_is_infeasible_with_the_cap_named():
    site = hand_site(budget_caps=[BudgetCap(year=2026, capex_cny=90e6)])
    with pytest.raises(ScheduleInfeasible) as info:
        solve_phasing(site, source())
    bindings = info.value.bindings
    budget = [b for b in bindings if b.group == "budget"]
    assert budget and budget[0].month == "2026"
    assert "capex cap for 2026" in str(info.value)
    assert budget[0].amount == pytest.approx(10e6, rel=1e-6)  # at least 100 M needed against 90 M
    coverage = [b for b in bindings if b.group == "coverage"]
    assert coverage and coverage[0].month == "2027-01"


def test_hand_schedule_gets_the_same_report():
    site = hand_site()
    fixed = solve_phasing(site, source(), starts={"A": "2026-01", "B": "2027-01"})
    assert fixed.schedule.how == "fixed" and fixed.schedule.violations == ()
    assert fixed.measures.npv_cny == pytest.approx(NPV_AB, rel=1e-9)
    late = solve_phasing(site, source(), starts={"C": "2026-06"})
    assert any("demand not covered from 2027-01" in v for v in late.schedule.violations)
    assert late.operations.unserved[12] == pytest.approx(1.0)
    assert np.all(late.operations.unserved[18:] == 0)
