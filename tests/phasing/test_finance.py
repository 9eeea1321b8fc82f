"""NPV, IRR and payback against numpy-financial and by hand."""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dcplanner.solvers import finance

flows = st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=2, max_size=30)


@settings(max_examples=200, deadline=None)
@given(flows, st.floats(-0.5, 1.0))
def test_npv_equals_numpy_financial(cf, rate):
    assert finance.npv(rate, np.array(cf)) == pytest.approx(npf.npv(rate, cf), rel=1e-9, abs=1e-3)


def test_npv_vectorised_rows_and_rates():
    rng = np.random.default_rng(7)
    cf = rng.normal(0, 1e8, size=(50, 20))
    rates = rng.uniform(0, 0.2, size=50)
    got = finance.npv(rates, cf)
    assert got == pytest.approx([npf.npv(r, row) for r, row in zip(rates, cf, strict=True)], rel=1e-10)


@settings(max_examples=200, deadline=None)
@given(st.floats(1e3, 1e9), st.lists(st.one_of(st.just(0.0), st.floats(1e-3, 1e9)), min_size=1, max_size=25))
def test_irr_equals_numpy_financial(invest, returns):
    cf = np.array([-invest, *returns])
    if sum(returns) == 0:
        assert math.isnan(finance.irr(cf))
        return
    assume(sum(returns) >= 0.01 * invest)  # IRR above -99 %, where a root is well conditioned
    expected = npf.irr(cf)
    got = finance.irr(cf)
    if math.isfinite(expected):
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)
        if got < 1.0:  # the NPV is zero at the IRR (checked where the root is not ill-conditioned)
            assert npf.npv(got, cf) == pytest.approx(0.0, abs=1e-6 * float(np.abs(cf).max()))


def test_irr_without_a_sign_change_is_undefined():
    assert math.isnan(finance.irr(np.array([-1.0, -2.0, -3.0])))
    assert math.isnan(finance.irr(np.array([1.0, 2.0])))


def test_payback_by_hand():
    # cumulative -100, -70, -30, +20: pays back 30/50 into year 3 -> 2.6 years
    assert finance.payback_years(np.array([-100.0, 30, 40, 50])) == pytest.approx(2.6)
    assert math.isnan(finance.payback_years(np.array([-100.0, 30, 40])))
    assert finance.payback_years(np.array([10.0, 5])) == 0.0
    # a later dip below zero restarts the clock: cumulative -10, 5, -5, 15 -> 2 + 5/20
    assert finance.payback_years(np.array([-10.0, 15, -10, 20])) == pytest.approx(2.25)


def test_discounted_payback_and_levelised_by_hand():
    cf = np.array([-100.0, 60.0, 60.0])
    # discounted at 10 %: -100, 54.545, 49.587 -> cumulative -100, -45.45, +4.13 -> 1 + 45.45/49.59
    assert finance.discounted_payback_years(0.10, cf) == pytest.approx(1 + (100 - 60 / 1.1) / (60 / 1.21))
    # 121 CNY spent now for 100 kWh in each of years 1 and 2 at 10 %: 121 / (90.909 + 82.645)
    assert finance.levelised(0.10, np.array([121.0, 0, 0]), np.array([0.0, 100, 100])) == pytest.approx(
        121 / (100 / 1.1 + 100 / 1.21)
    )
    assert math.isnan(finance.levelised(0.1, np.array([1.0]), np.array([0.0])))
