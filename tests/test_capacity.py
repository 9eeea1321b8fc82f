"""Capacity solver against hand calculations on a small site."""

from __future__ import annotations

import pytest

from dcplanner.site_solve import solve_site
from dcplanner.solvers.capacity import usable_units
from tests.factories import small_site


@pytest.mark.parametrize(
    ("count", "redundancy", "usable"),
    # 2N+1 of a 3-unit need: two sets of 3 and one spare = 7 installed, 3 usable
    [
        (4, "N", 4),
        (4, "N+1", 3),
        (5, "N+2", 3),
        (6, "N+3", 3),
        (4, "2N", 2),
        (36, "2N", 18),
        (7, "2N+1", 3),
        (1, "N+1", 0),
    ],
)
def test_usable_units_apply_redundancy(count, redundancy, usable):
    assert usable_units(count, redundancy) == usable


def by_resource(cap):
    return {(c.resource, c.scope): c for c in cap.constraints}


def test_small_site_hand_calculation():
    # 8 cabinets x 10 kW = 80 kW design IT; each holds one DGX A100 (6.5 kW, 123 kg) in a
    # 150 kg cabinet on 0.6 x 1.2 m -> 273 kg / 0.72 m² = 379.17 kg/m².
    cap = solve_site(small_site()).capacity
    s = cap.site
    assert (s.positions, s.cabinets, s.free_positions, s.servers, s.accelerators) == (10, 8, 2, 8, 64)
    assert s.design_kw == pytest.approx(80.0)
    assert s.loaded_kw == pytest.approx(52.0)
    c = by_resource(cap)
    assert c["space", "H1"].utilisation == pytest.approx(0.8)
    assert c["hall_it_budget", "H1"].utilisation == pytest.approx(0.8)
    assert c["hall_cooling", "H1"].capacity == pytest.approx(90.0)  # 4 x 30 kW, N+1
    assert c["floor_loading", "H1"].demand == pytest.approx(273 / 0.72)
    assert c["floor_loading", "H1"].culprit == "R1-0"  # all equal: the first heaviest cabinet
    assert c["hall_cooling", "H1"].culprit == "H1" and c["ups", "site"].culprit is None
    assert c["ups", "site"].capacity == pytest.approx(100.0)  # 4 x 50 kW at 2N: half usable
    assert c["ups", "site"].installed == pytest.approx(200.0)
    assert c["pdus", "site"].capacity == pytest.approx(120.0)
    assert c["transformers", "site"].capacity == pytest.approx(180.0)  # 200 kVA x 0.9, one of two
    assert c["transformers", "site"].demand == pytest.approx(120.0)  # 80 kW x 1.5 facility factor
    assert c["generators", "site"].capacity == pytest.approx(200.0)
    assert c["utility", "site"].capacity == pytest.approx(200.0)
    # Hall cooling binds first: 80 / 90 = 0.889.
    assert cap.binding.resource == "hall_cooling"
    assert cap.binding.utilisation == pytest.approx(80 / 90)
    # Growing the load in its mix until cooling is full adds 80 x (90/80 - 1) = 10 kW ...
    assert cap.it_headroom_kw == pytest.approx(10.0)
    stranded = {(x.resource, x.scope): x.amount for x in cap.stranded}
    # ... and leaves 100 x (1 - 0.8 / 0.889) = 10 kW of UPS and 1 position stranded.
    assert stranded["ups", "site"] == pytest.approx(10.0)
    assert stranded["space", "H1"] == pytest.approx(1.0)


def test_peak_facility_from_energy_overrides_the_sizing_factor():
    from dcplanner.solvers.capacity import solve_capacity

    cap = solve_capacity(small_site(), peak_facility_kw=100.0)
    assert by_resource(cap)["generators", "site"].demand == pytest.approx(100.0)


def test_over_budget_and_binding_power():
    site = small_site(design_kw=14.0)  # 112 kW design on 100 kW of usable UPS
    cap = solve_site(site).capacity
    assert cap.binding.resource == "ups" or cap.binding.resource == "hall_cooling"
    assert cap.binding.utilisation == pytest.approx(112 / 90)  # cooling: 112 / 90 is the worst
    assert cap.it_headroom_kw == pytest.approx(112 * (90 / 112 - 1))  # negative: over the limit
