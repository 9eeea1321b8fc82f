"""Finance bounded by physics: the investment case earns only from the load the site can serve.

Hand numbers on tests/factories.small_site at 15 kW a cabinet (120 kW of design IT): the hall's
four 30 kW cooling units at N+1 give 90 kW usable (the tighter of the hall's limits; its IT
budget is 100 kW), so every cabinet can run 90 / 120 = 75 % of its design IT; the 2N UPS
(100 kW usable) then carries 90 kW and does not cap further.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dcplanner.io.project_file import load_project
from dcplanner.model.site import UpsSystem
from dcplanner.scenarios import apply_overrides
from dcplanner.solvers.capacity import solve_capacity
from dcplanner.solvers.inventory import build_inventory
from dcplanner.solvers.phasing.energy_curve import project_energy_source
from dcplanner.solvers.phasing.solve import solve_phasing
from dcplanner.solvers.servable import servable_load, servable_site
from tests.factories import small_site

ANSHUN = Path(__file__).resolve().parents[2] / "sample_sites" / "anshun.dcp.json"


def _servable(site):
    inventory = build_inventory(site)
    return servable_load(solve_capacity(site, inventory=inventory), inventory)


def test_a_site_within_its_limits_serves_its_whole_design():
    s = _servable(small_site(design_kw=10))
    assert not s.capped
    assert s.servable_it_kw == pytest.approx(80.0)


def test_hall_limits_cap_every_cabinet_of_the_hall():
    s = _servable(small_site(design_kw=15))
    assert s.capped
    assert s.servable_it_kw == pytest.approx(90.0)
    assert list(s.share_by_cabinet.values()) == pytest.approx([0.75] * 8)
    assert {c.resource for c in s.limits} == {"hall_it_budget", "hall_cooling", "ups"}


def test_site_limits_apply_to_what_the_halls_let_through():
    site = small_site(design_kw=15)
    site = replace(site, power=replace(site.power, ups=UpsSystem(module_kw=20, modules=4, redundancy="2N")))
    s = _servable(site)  # UPS 40 kW usable on the 90 kW the hall lets through
    assert s.servable_it_kw == pytest.approx(40.0)
    assert s.share_by_cabinet["R1-0"] == pytest.approx(40.0 / 120.0)
    capped = servable_site(site, s)
    assert sum(c.design_kw for h in capped.halls for r in h.rows for c in r.cabinets) == pytest.approx(40.0)
    assert _servable(capped).capped is False


def test_a_hall_with_no_it_budget_serves_nothing():
    site = small_site(design_kw=10)
    site = replace(site, halls=[replace(site.halls[0], design_it_kw=0)])
    assert _servable(site).servable_it_kw == 0.0


@pytest.fixture(scope="module")
def anshun_npv_by_density():
    base = load_project(ANSHUN).site
    energy = project_energy_source(ANSHUN.parent)
    out = {}
    # 4,300 kW hall budget / 203 cabinets = 21.18 kW: the densest design within the binding limit
    for kw in (4300 / 203, 25.0, 30.0):
        site = apply_overrides(base, {"halls.*.rows.*.cabinets.*.design_kw": kw}, origin="test")
        out[kw] = solve_phasing(site, energy)
    return out


def test_raising_every_cabinet_past_the_ups_limit_does_not_raise_npv(anshun_npv_by_density):
    at_limit, over_25, over_30 = anshun_npv_by_density.values()
    assert not at_limit.problem.servable.capped
    for over in (over_25, over_30):
        assert over.problem.servable.capped
        assert {"ups", "hall_it_budget"} <= {c.resource for c in over.problem.servable.limits}
        # the cap leaves what the limit allows: no more revenue, no more NPV than the design at the limit
        assert over.measures.npv_cny <= at_limit.measures.npv_cny * 1.005
        assert over.cash.revenue_cny.sum() <= at_limit.cash.revenue_cny.sum() * 1.0001
        assert any("revenue capped" in n for n in over.notes)
