"""Cash flows of a schedule against a plain month-by-month reference written with loops."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dcplanner.model.buildout import Candidate
from dcplanner.model.site import TimeOfUse
from dcplanner.solvers.phasing.problem import build_problem
from dcplanner.solvers.phasing.schedule import fixed_schedule
from dcplanner.solvers.phasing.solve import price_schedule
from tests.phasing.support import buildout_site, loss_curve, steps


def reference(problem, service):
    """Yearly (capex, energy, O&M + staff, revenue + vouchers, residual, net) the slow, obvious way."""
    c, m_ = problem.candidates, problem.money
    T, Y = problem.timeline.months, problem.timeline.years
    u = problem.utilisation
    p = problem.curve.idle_power_share + problem.curve.dynamic_power_share * u
    curve = problem.curve
    capex, energy, opex, revenue, residual = (np.zeros(Y) for _ in range(5))
    for m in range(T):
        y = m // 12
        on = [i for i in range(len(c)) if service[i] <= m]
        cap = sum(c.capacity[i] for i in on)
        built = sum(c.it_kw[i] for i in on)
        carrying = sum(c.it_kw[i] for i in on if c.capacity[i] > 0)
        acc = sum(c.accelerators[i] for i in on if c.capacity[i] > 0)
        d = problem.demand.monthly[m]
        served = min(d, cap)
        f = served / cap if cap > 0 else 0.0
        x = p * f * carrying / built if built > 0 else 0.0
        energy[y] += (
            built
            * float(np.interp(x, curve.it_power_fraction, curve.facility_kwh_per_kw_year))
            / 12
            * (m_.tariff_cny_per_kwh)
        )
        if m_.revenue_model == "colocation":
            revenue[y] += m_.colocation_cny_per_kw_month * f * carrying
        elif m_.revenue_model == "compute":
            revenue[y] += m_.gpu_hour_price_cny * f * acc * 730 * u
        opex[y] += m_.staff_fixed_cny_per_year / 12
        for i in range(len(c)):
            tau, lead = service[i], int(c.lead_months[i])
            if tau >= T:
                continue
            if (lead > 0 and tau - lead <= m < tau) or (lead == 0 and m == tau):
                capex[y] += c.capex_cny[i] / max(lead, 1)
            if m >= tau and (m - tau) % int(c.it_life_months[i]) == 0:
                capex[y] += c.it_capex_cny[i]
            if m >= tau:
                opex[y] += c.opex_cny_per_year[i] / 12 + m_.staff_cny_per_mw_year * c.it_kw[i] / 1000 / 12
    if m_.residual_value:
        for i in range(len(c)):
            tau = service[i]
            if tau < T:
                age = (T - tau) / 12
                residual[-1] += c.capex_cny[i] * max(0.0, 1 - age / c.life_years[i])
                n = int(c.it_life_months[i])
                since = (T - tau) % n or n
                residual[-1] += c.it_capex_cny[i] * (1 - since / n)
    if m_.revenue_model == "compute":
        revenue += np.minimum(m_.voucher_share * revenue, m_.voucher_cap_cny_per_year)
    net = revenue + residual - capex - opex - energy
    return capex, energy, opex, revenue, residual, net


@st.composite
def priced_cases(draw):
    n = 3
    cands = [
        Candidate(
            id=f"C{i}",
            it_kw=draw(st.sampled_from([800.0, 1500.0])),
            accelerators=draw(st.sampled_from([0, 64, 256])),
            capex_cny=draw(st.floats(1e6, 1e8)),
            it_capex_cny=draw(st.sampled_from([0.0, 3e7])),
            it_life_years=draw(st.sampled_from([1.0, 2.5])),
            lead_time_months=draw(st.sampled_from([0, 5, 12])),
            fixed_opex_cny_per_year=draw(st.floats(0, 3e6)),
            life_years=draw(st.sampled_from([3.0, 20.0])),
        )
        for i in range(n)
    ]
    demand = steps([("2026-01", draw(st.floats(0, 1))), ("2028-06", draw(st.floats(0.5, 4)))])
    site = buildout_site(cands, {"base": demand}, years=4, period="month", residual_value=draw(st.booleans()))
    e = site.economics
    e.discount_rate = draw(st.sampled_from([0.0, 0.08]))
    e.revenue_model = draw(st.sampled_from(["none", "colocation", "compute"]))
    e.colocation_cny_per_kw_month = 650.0
    e.gpu_hour_price_cny = 8.0
    e.voucher_share = draw(st.sampled_from([0.0, 0.2]))
    e.voucher_cap_cny_per_year = draw(st.sampled_from([1e6, 80e6]))
    e.staff_fixed_cny_per_year = draw(st.sampled_from([0.0, 2e6]))
    e.staff_cny_per_mw_year = draw(st.sampled_from([0.0, 3e5]))
    site.it_load.utilisation = draw(st.floats(0.1, 1.0))
    starts = {f"C{i}": draw(st.sampled_from([None, "2026-01", "2026-07", "2027-03", "2028-11"])) for i in range(n)}
    return site, starts


@settings(max_examples=60, deadline=None)
@given(priced_cases())
def test_cash_flows_match_the_reference(case):
    site, starts = case
    problem = build_problem(site, loss_curve())
    schedule = fixed_schedule(problem, starts)
    result = price_schedule(problem, schedule)
    capex, energy, opex, revenue, residual, net = reference(problem, schedule.service_month)
    cash = result.cash
    assert cash.capex_cny == pytest.approx(capex, rel=1e-9, abs=1e-3)
    assert cash.energy_cny == pytest.approx(energy, rel=1e-9, abs=1e-3)
    assert cash.om_cny + cash.staff_cny == pytest.approx(opex, rel=1e-9, abs=1e-3)
    assert cash.revenue_cny + cash.voucher_cny == pytest.approx(revenue, rel=1e-9, abs=1e-3)
    assert cash.residual_cny == pytest.approx(residual, rel=1e-9, abs=1e-3)
    assert cash.net_cash_cny == pytest.approx(net, rel=1e-9, abs=1e-2)
    r = site.economics.discount_rate
    assert result.measures.npv_cny == pytest.approx(sum(v / (1 + r) ** k for k, v in enumerate(net)), rel=1e-9, abs=1)


def test_time_of_use_prices_weight_by_the_hour_of_use():
    site = buildout_site(
        [Candidate(id="A", it_kw=1000, capex_cny=1e6, lead_time_months=0)], {"base": steps([("2026-01", 1.0)])}
    )
    site.economics.time_of_use = TimeOfUse(
        peak_hours="8-21", peak_price_cny_per_kwh=0.60, valley_hours="0-5", valley_price_cny_per_kwh=0.20
    )
    problem = build_problem(site, loss_curve())
    # uniform use over the day: (14 x 0.60 + 6 x 0.20 + 4 x 0.35 flat) / 24
    assert problem.money.tariff_cny_per_kwh == pytest.approx((14 * 0.60 + 6 * 0.20 + 4 * 0.35) / 24)
    night = np.zeros(24)
    night[:6] = 1 / 6
    curve = loss_curve()
    shifted = replace(curve, hour_of_day_share=night)
    assert build_problem(site, shifted).money.tariff_cny_per_kwh == pytest.approx(0.20)
