"""The energy-curve interface: checks on construction, convex hull for the optimiser, PUE."""

from __future__ import annotations

import numpy as np
import pytest

from dcplanner.climate import load_weather
from dcplanner.io.project_file import load_project
from dcplanner.scenarios import scenario_site
from dcplanner.solvers.energy import solve_energy
from dcplanner.solvers.energy.itload import build_it_model
from dcplanner.solvers.phasing.energy_curve import EnergyCurve, engine_energy_curve
from tests.phasing.support import UNIFORM_HOURS, loss_curve


def curve(fac: list[float]) -> EnergyCurve:
    x = np.linspace(0, 1, len(fac))
    return EnergyCurve(x, np.array(fac) * 0.5, np.array(fac, dtype=float), UNIFORM_HOURS, "t", 0.3, 0.7)


def test_hull_of_a_convex_curve_passes_through_every_point():
    c = loss_curve(0.1, 0.05, 0.2)
    a, b = c.hull()
    envelope = np.max(a[:, None] + b[:, None] * c.it_power_fraction[None, :], axis=0)
    assert envelope == pytest.approx(c.facility_kwh_per_kw_year, rel=1e-12)
    assert c.is_convex
    assert np.all(np.diff(b) > 0)  # slopes rise along a convex curve


def test_hull_of_a_non_convex_curve_lies_below_it():
    # a bump at x = 0.5 (e.g. a chiller stage switching on) is cut off by the hull
    c = curve([1000.0, 6000.0, 9000.0])
    a, b = c.hull()
    assert a.tolist() == pytest.approx([1000.0]) and b.tolist() == pytest.approx([8000.0])
    assert not c.is_convex


def test_pue_is_facility_over_it():
    c = loss_curve(0.1, 0.0, 0.0)
    assert c.pue(0.5) == pytest.approx((0.5 + 0.1) / 0.5)
    assert np.isinf(c.pue(0.0))  # fixed losses with no IT energy


@pytest.mark.parametrize(
    ("x", "it", "fac", "share", "match"),
    [
        ([0.0, 0.5, 0.4], [0, 1, 2], [0, 1, 2], UNIFORM_HOURS, "increase"),
        ([0.0, 1.0], [0, 10], [0, 9], UNIFORM_HOURS, "at least the IT energy"),
        ([0.0, 1.0], [0, 10], [0, 12], np.full(24, 0.05), "sum"),
    ],
)
def test_bad_curves_are_refused(x, it, fac, share, match):
    with pytest.raises(ValueError, match=match):
        EnergyCurve(np.array(x, float), np.array(it, float), np.array(fac, float), share, "bad", 0.3, 0.7)


@pytest.mark.parametrize("name", ["anshun", "guian_supercomputing", "turing_town"])
def test_engine_curve_reproduces_the_engine_at_the_sites_own_load(sample_paths, name):
    site = load_project(sample_paths[name]).site
    weather = load_weather(site.climate, None, site.location)
    curve = engine_energy_curve(site, weather)
    year = solve_energy(site, weather)
    it = build_it_model(site)
    x = float(year.it_kw.mean()) / it.design_kw  # the site's own mean IT power fraction
    assert x == pytest.approx(curve.idle_power_share + curve.dynamic_power_share * site.it_load.utilisation)
    assert curve.pue(x) == pytest.approx(year.annual_pue, rel=1e-9)  # one of the grid points
    per_kw = year.facility_energy_kwh * 8760 / weather.hours / it.design_kw
    assert curve.facility_kwh_per_kw(x) == pytest.approx(per_kw, rel=1e-9)
    assert curve.it_power_fraction[0] == 0.0 and curve.it_power_fraction[-1] == pytest.approx(1.0)
    assert np.all(np.diff(curve.facility_kwh_per_kw_year) > 0)  # more IT power, more facility energy
    assert curve.facility_kwh_per_kw_year[0] > 0  # an empty hall still pays its plant's fixed losses
    assert curve.hour_of_day_share.sum() == pytest.approx(1.0) and "energy engine" in curve.source


def test_cooling_architecture_changes_the_curve(sample_paths):
    site = load_project(sample_paths["anshun"]).site
    weather = load_weather(site.climate, None, site.location)
    iec = engine_energy_curve(site, weather)
    chw = engine_energy_curve(scenario_site(site, "chilled-water"), weather)
    assert not np.allclose(iec.facility_kwh_per_kw_year, chw.facility_kwh_per_kw_year)
