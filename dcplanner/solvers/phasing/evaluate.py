"""Operations and cash flows of a fixed schedule, vectorised over many input draws.

Given which month each candidate enters service, every month has a built capacity ``C`` (demand
units), design IT ``B`` kW and accelerators ``A``. Demand ``D`` is served up to the capacity,
``S = min(D, C)``, spread evenly over what is built (occupancy ``f = S / C``). Taken IT draws
``idle + (1 - idle) u`` of its design power (PUE specification §6.1), so the IT power fraction
is ``x = f x B_carrying x (idle + (1 - idle) u) / B`` and the facility uses ``B x F(x)`` kWh a
year, ``F`` from the energy engine's curve. Revenue is per kW-month of IT taken (colocation) or
per accelerator-hour sold, ``f x A x 730 h x u`` a month (compute), plus vouchers.

One call evaluates n draws at once (arrays (n, months)); the deterministic report is n = 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from dcplanner.solvers.phasing.flows import candidate_flows
from dcplanner.solvers.phasing.problem import Problem
from dcplanner.solvers.phasing.timeline import HOURS_PER_MONTH, to_years


@dataclass(frozen=True, slots=True)
class Variation:
    """Inputs that change between draws; each array has one entry (or row) per draw."""

    demand_factor: np.ndarray  # (n, months) multiplier on the monthly demand
    tariff_factor: np.ndarray  # (n,)
    utilisation: np.ndarray  # (n,)
    pue_overhead_factor: np.ndarray  # (n,) multiplier on facility minus IT energy
    capex_factor: np.ndarray  # (n,) facility and IT capex
    opex_factor: np.ndarray  # (n,) O&M and staff
    price_factor: np.ndarray  # (n,) colocation or GPU-hour price
    discount_rate: np.ndarray  # (n,)

    @property
    def draws(self) -> int:
        return len(self.tariff_factor)

    @staticmethod
    def base(problem: Problem, n: int = 1) -> Variation:
        ones = np.ones(n)
        return Variation(
            demand_factor=np.ones((n, problem.timeline.months)),
            tariff_factor=ones,
            utilisation=np.full(n, problem.utilisation),
            pue_overhead_factor=ones,
            capex_factor=ones,
            opex_factor=ones,
            price_factor=ones,
            discount_rate=np.full(n, problem.money.discount_rate),
        )

    def rows(self, sl: slice) -> Variation:
        return Variation(**{f.name: getattr(self, f.name)[sl] for f in fields(Variation)})

    @staticmethod
    def stack(parts: Sequence[Variation]) -> Variation:
        return Variation(**{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Variation)})


@dataclass(frozen=True, slots=True)
class ScheduleState:
    """What a schedule has in service every month (independent of the draws)."""

    service_month: np.ndarray  # (candidates,) months index; >= months = never built
    in_service: np.ndarray  # (candidates, months) bool
    capacity: np.ndarray  # (months,) demand units
    built_it_kw: np.ndarray
    carrying_it_kw: np.ndarray  # design IT of candidates that carry demand (capacity > 0)
    accelerators: np.ndarray
    pflops: np.ndarray
    facility_capex_cny: np.ndarray  # (months,)
    it_capex_cny: np.ndarray
    opex_cny: np.ndarray  # O&M
    staff_variable_cny: np.ndarray  # per-MW staff
    residual_cny: np.ndarray
    capex_by_candidate_cny: np.ndarray  # (candidates, months) facility + IT


def schedule_state(problem: Problem, service_month: np.ndarray) -> ScheduleState:
    c, T = problem.candidates, problem.timeline.months
    tau = np.asarray(service_month, dtype=int)
    zeros = np.zeros(T)
    fac, it, opex, staff, res = zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy()
    in_service = np.zeros((len(c), T), dtype=bool)
    by_cand = np.zeros((len(c), T))
    for i in range(len(c)):
        fl = candidate_flows(problem, i, tau[i : i + 1])
        fac += fl.facility_capex[0]
        it += fl.it_capex[0]
        opex += fl.opex[0]
        staff += fl.staff[0]
        res += fl.residual[0]
        in_service[i] = fl.in_service[0]
        by_cand[i] = fl.capex[0]
    on = in_service.astype(float)
    carrying = c.capacity > 0
    return ScheduleState(
        service_month=tau,
        in_service=in_service,
        capacity=c.capacity @ on,
        built_it_kw=c.it_kw @ on,
        carrying_it_kw=(c.it_kw * carrying) @ on,
        accelerators=(c.accelerators * carrying) @ on,
        pflops=c.pflops @ on,
        facility_capex_cny=fac,
        it_capex_cny=it,
        opex_cny=opex,
        staff_variable_cny=staff,
        residual_cny=res,
        capex_by_candidate_cny=by_cand,
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """Results for n draws: monthly operations (n, months) and yearly money (n, years)."""

    demand: np.ndarray  # (n, months) demand units
    served: np.ndarray
    unserved: np.ndarray
    it_power_fraction: np.ndarray
    it_kwh: np.ndarray  # (n, months)
    facility_kwh: np.ndarray
    gpu_hours: np.ndarray
    capex_cny: np.ndarray  # (n, years)
    energy_cny: np.ndarray
    om_cny: np.ndarray
    staff_cny: np.ndarray
    revenue_cny: np.ndarray
    voucher_cny: np.ndarray
    residual_cny: np.ndarray
    net_cash_cny: np.ndarray
    discount_factor: np.ndarray  # (n, years)
    npv_cny: np.ndarray  # (n,)
    unserved_penalty_pv_cny: np.ndarray  # (n,) optimisation penalty, not a cash flow

    @property
    def peak_shortfall(self) -> np.ndarray:
        """Largest unserved demand in any month (demand units), per draw."""
        return self.unserved.max(axis=1)


def evaluate(problem: Problem, state: ScheduleState, var: Variation) -> Outcome:
    """Operations and cash flows of the schedule in ``state`` for each draw in ``var``."""
    money = problem.money
    C = state.capacity[None, :]
    D = problem.demand.monthly[None, :] * var.demand_factor
    S = np.minimum(D, C)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(C > 0, S / np.where(C > 0, C, 1.0), 0.0)
        served_kw = f * state.carrying_it_kw[None, :]
        power_kw = problem.it_power_share(var.utilisation)[:, None] * served_kw
        B = state.built_it_kw[None, :]
        x = np.where(B > 0, power_kw / np.where(B > 0, B, 1.0), 0.0)
    # servers may draw more than their cabinets' budgets: the curve then runs past a fraction of 1
    x = np.clip(x, 0.0, problem.curve.it_power_fraction[-1])
    it_kwh = B * problem.curve.it_kwh_per_kw(x) / 12.0
    fac_kwh = B * problem.curve.facility_kwh_per_kw(x) / 12.0
    fac_kwh = it_kwh + var.pue_overhead_factor[:, None] * (fac_kwh - it_kwh)
    energy = fac_kwh * (money.tariff_cny_per_kwh * var.tariff_factor)[:, None]
    gpu_hours = f * state.accelerators[None, :] * HOURS_PER_MONTH * var.utilisation[:, None]
    if money.revenue_model == "colocation":
        revenue = served_kw * (money.colocation_cny_per_kw_month * var.price_factor)[:, None]
    elif money.revenue_model == "compute":
        revenue = gpu_hours * (money.gpu_hour_price_cny * var.price_factor)[:, None]
    else:
        revenue = np.zeros_like(S)

    revenue_y = to_years(revenue)
    voucher_y = np.zeros_like(revenue_y)
    if money.revenue_model == "compute" and money.voucher_share > 0:
        voucher_y = np.minimum(money.voucher_share * revenue_y, money.voucher_cap_cny_per_year)
    cf, of = var.capex_factor[:, None], var.opex_factor[:, None]
    capex_y = to_years(state.facility_capex_cny + state.it_capex_cny)[None, :] * cf
    om_y = to_years(state.opex_cny)[None, :] * of
    staff_month = state.staff_variable_cny + money.staff_fixed_cny_per_year / 12.0
    staff_y = to_years(staff_month)[None, :] * of
    residual_y = to_years(state.residual_cny)[None, :] * cf
    energy_y = to_years(energy)
    net = revenue_y + voucher_y + residual_y - capex_y - om_y - staff_y - energy_y
    disc = problem.timeline.discount_by_year(var.discount_rate)
    penalty_month = problem.unserved_penalty_cny_per_unit_year / 12.0 * (D - S)
    penalty_pv = (to_years(penalty_month) * disc).sum(axis=1)
    return Outcome(
        demand=D,
        served=S,
        unserved=D - S,
        it_power_fraction=x,
        it_kwh=it_kwh,
        facility_kwh=fac_kwh,
        gpu_hours=gpu_hours,
        capex_cny=capex_y,
        energy_cny=energy_y,
        om_cny=om_y,
        staff_cny=staff_y,
        revenue_cny=revenue_y,
        voucher_cny=voucher_y,
        residual_cny=residual_y,
        net_cash_cny=net,
        discount_factor=disc,
        npv_cny=(net * disc).sum(axis=1),
        unserved_penalty_pv_cny=penalty_pv,
    )
