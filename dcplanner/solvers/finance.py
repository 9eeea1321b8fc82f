"""Discounted cash-flow measures: NPV, IRR, payback, levelised cost (engine layer).

Conventions (those of numpy-financial, which the tests check against): cash flow ``k`` of a
yearly series is discounted by ``(1 + r)^-k``, so year 0 is not discounted. In a spreadsheet
the same NPV is ``=B1 + NPV(r, B2:Bn)`` (Excel's NPV discounts its first value by one year).
IRR is the rate that makes the NPV zero (numpy-financial ``irr``); it is undefined (NaN) when
the cash flows never change sign. Payback is measured from the start of year 0, with straight-
line interpolation between the times (k-1, k) at which the cumulative cash flow turns non-negative
for good, cash flow k counting at time k as in the NPV (so [-100, 30, 40, 50] pays back in 2.6 years).
"""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf


def npv(rate: float | np.ndarray, cash_flows: np.ndarray) -> np.ndarray | float:
    """Net present value of yearly cash flows; vectorised over leading axes of ``cash_flows``.

    ``rate`` is a scalar or one rate per row.
    """
    cf = np.asarray(cash_flows, dtype=float)
    r = np.asarray(rate, dtype=float)
    years = np.arange(cf.shape[-1], dtype=float)
    factors = (1.0 + r[..., None]) ** -years if r.ndim else (1.0 + r) ** -years
    out = (cf * factors).sum(axis=-1)
    return float(out) if np.ndim(out) == 0 else out


def irr(cash_flows: np.ndarray) -> float:
    """Internal rate of return of one yearly series (NaN if it has none)."""
    cf = np.asarray(cash_flows, dtype=float)
    cf = np.where(np.abs(cf) < 1e-12 * float(np.abs(cf).max(initial=0.0)), 0.0, cf)  # no subnormal noise
    if not (np.any(cf > 0) and np.any(cf < 0)):
        return math.nan
    value = float(npf.irr(cf))
    return value if math.isfinite(value) else math.nan


def payback_years(cash_flows: np.ndarray) -> float:
    """Years until the cumulative cash flow turns non-negative for good (NaN if never)."""
    cf = np.asarray(cash_flows, dtype=float)
    cum = np.cumsum(cf)
    if cum[-1] < 0:
        return math.nan
    negative = np.flatnonzero(cum < 0)
    if len(negative) == 0:
        return 0.0
    k = int(negative[-1]) + 1  # first year of the final non-negative run
    if k >= len(cf):
        return math.nan
    before = cum[k - 1]  # cash flow k falls at time k (the NPV convention): interpolate from k-1 to k
    return float(k - 1 + (-before / cf[k])) if cf[k] > 0 else float(k)


def discounted_payback_years(rate: float, cash_flows: np.ndarray) -> float:
    """Payback of the discounted cash flows."""
    cf = np.asarray(cash_flows, dtype=float)
    return payback_years(cf * (1.0 + rate) ** -np.arange(len(cf), dtype=float))


def levelised(rate: float, costs: np.ndarray, quantities: np.ndarray) -> float:
    """Present value of costs over present value of quantities (e.g. CNY per kWh); NaN if none."""
    pv_q = npv(rate, quantities)
    return float(npv(rate, costs) / pv_q) if pv_q > 0 else math.nan
