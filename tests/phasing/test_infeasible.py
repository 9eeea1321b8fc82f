"""Instances without a feasible schedule are reported as such, with the binding constraint named."""

from __future__ import annotations

import pytest

from dcplanner.model.buildout import Candidate
from dcplanner.solvers.phasing.schedule import ScheduleInfeasible
from dcplanner.solvers.phasing.solve import solve_phasing
from tests.phasing.support import buildout_site, source, steps

ONE_MW_FROM_2027 = {"base": steps([("2026-01", 0.0), ("2026-12", 0.0), ("2027-01", 1.0)])}


def infeasible(site) -> ScheduleInfeasible:
    with pytest.raises(ScheduleInfeasible) as info:
        solve_phasing(site, source())
    return info.value


def test_power_block_too_small_names_the_resource():
    site = buildout_site(
        [
            Candidate(
                id="power", kind="power", it_kw=0, capex_cny=1e6, lead_time_months=6, provides={"power_kw": 1000}
            ),
            Candidate(id="hall", it_kw=1000, capex_cny=1e7, lead_time_months=6, consumes={"power_kw": 1200}),
        ],
        ONE_MW_FROM_2027,
        coverage="must_cover",
    )
    exc = infeasible(site)
    res = [b for b in exc.bindings if b.group == "resources"]
    assert len(res) == 1 and "resource 'power_kw' from 2027-01" in res[0].message and res[0].month == "2027-01"
    assert res[0].amount == pytest.approx(200.0)  # 1,200 kW needed, 1,000 kW supplied


def test_dependency_that_dates_make_impossible():
    site = buildout_site(
        [
            Candidate(id="hall", kind="hall", it_kw=0, capex_cny=5e7, lead_time_months=12, earliest_start="2026-06"),
            Candidate(id="rows", kind="rows", it_kw=1000, capex_cny=1e7, lead_time_months=3, requires=["hall"]),
        ],
        ONE_MW_FROM_2027,
        coverage="must_cover",
        period="month",
    )
    exc = infeasible(site)
    groups = {b.group for b in exc.bindings}
    assert {"coverage", "dependencies", "windows"} <= groups
    dep = next(b for b in exc.bindings if b.group == "dependencies")
    assert dep.candidate == "rows" and "requires hall" in dep.message
    win = next(b for b in exc.bindings if b.group == "windows")
    assert win.candidate == "hall" and "earliest start 2026-06" in win.message


def test_impossible_dates_are_named_before_solving():
    site = buildout_site(
        [
            Candidate(id="late", it_kw=1000, capex_cny=1e7, lead_time_months=18, fixed_start="2028-01"),
            Candidate(
                id="must", it_kw=1000, capex_cny=1e7, lead_time_months=24, must_build=True, latest_start="2025-06"
            ),
        ],
        ONE_MW_FROM_2027,
        years=3,
    )
    exc = infeasible(site)
    text = str(exc)
    assert "late is fixed to start 2028-01; with its 18-month lead time it enters service 2029-07" in text
    assert "after the horizon ends (2028-12)" in text
    assert "must must be built but cannot enter service" in text


def test_enough_room_is_feasible():
    # the same dependency case with an earlier hall works and puts the hall in service with the rows
    site = buildout_site(
        [
            Candidate(id="hall", it_kw=0, capex_cny=5e7, lead_time_months=6),
            Candidate(id="rows", it_kw=1000, capex_cny=1e7, lead_time_months=3, requires=["hall"]),
        ],
        ONE_MW_FROM_2027,
        coverage="must_cover",
        period="month",
    )
    res = solve_phasing(site, source())
    plan = {c.id: c.service_month for c in res.candidates}
    assert plan == {"hall": "2027-01", "rows": "2027-01"}
