"""The energy-curve interface: checks on construction, convex hull for the optimiser, PUE."""

from __future__ import annotations

import numpy as np
import pytest

from dcplanner.solvers.phasing.energy_curve import EnergyCurve, EnergyEngineUnavailable, engine_energy_curve
from tests.phasing.support import UNIFORM_HOURS, loss_curve


def curve(fac: list[float]) -> EnergyCurve:
    x = np.linspace(0, 1, len(fac))
    return EnergyCurve(x, np.array(fac) * 0.5, np.array(fac, dtype=float), UNIFORM_HOURS, "t")


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
        EnergyCurve(np.array(x, float), np.array(it, float), np.array(fac, float), share, "bad")


def test_production_source_refuses_to_guess_without_the_energy_engine(sample_paths):
    from dcplanner.io.project_file import load_project

    site = load_project(sample_paths["anshun"]).site
    try:
        import dcplanner.solvers.energy  # noqa: F401
    except ImportError:
        with pytest.raises(EnergyEngineUnavailable, match="will not guess a PUE"):
            engine_energy_curve(site)
    else:
        pytest.skip("the energy engine is installed; its curve is tested with it")
