"""One phasing problem: everything the optimiser and the cash-flow model need, as arrays.

Built once per (scenario) site from its build-out, economics and energy curve. The schedule
optimiser (:mod:`.milp`) and the evaluator (:mod:`.evaluate`) read only this object.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcplanner.model.buildout import Uncertainty
from dcplanner.model.buildout_rules import parse_hours
from dcplanner.model.catalog import HardwareIndex
from dcplanner.model.site import Site
from dcplanner.solvers.capacity import solve_capacity
from dcplanner.solvers.inventory import CabinetInventory, build_inventory
from dcplanner.solvers.phasing.candidates import Candidates, resolve_candidates
from dcplanner.solvers.phasing.demand import Demand, build_demand
from dcplanner.solvers.phasing.energy_curve import EnergyCurve
from dcplanner.solvers.phasing.timeline import Timeline, timeline_of
from dcplanner.solvers.servable import ServableLoad, servable_load


@dataclass(frozen=True, slots=True)
class Money:
    """Prices, rates and revenue rules (CNY)."""

    tariff_cny_per_kwh: float  # energy-weighted, time-of-use applied
    flat_tariff_cny_per_kwh: float
    discount_rate: float
    revenue_model: str  # none, colocation, compute
    colocation_cny_per_kw_month: float
    gpu_hour_price_cny: float
    voucher_share: float
    voucher_cap_cny_per_year: float
    staff_fixed_cny_per_year: float
    staff_cny_per_mw_year: float
    residual_value: bool


@dataclass(frozen=True, slots=True)
class Problem:
    """A site's build-out question in arrays."""

    site_id: str
    site_name: str
    timeline: Timeline
    demand: Demand
    candidates: Candidates
    curve: EnergyCurve
    money: Money
    utilisation: float  # mean compute utilisation of the IT that is taken
    mode: str  # optimise or fixed
    coverage: str  # must_cover or penalty
    unserved_penalty_cny_per_unit_year: float
    budget_cap_cny_by_year: np.ndarray  # (years,), inf = no cap
    uncertainty: Uncertainty
    time_limit_s: float
    mip_rel_gap: float
    servable: ServableLoad | None = None  # what the laid-out site can serve (None: nothing laid out)

    def it_power_share(self, utilisation: float | np.ndarray) -> np.ndarray:
        """Mean IT power of taken capacity as a share of its design power, at utilisation u.

        The linear server power model of the PUE specification §6.1 (idle + dynamic x u) with the
        shares of the site's equipment mix that the energy engine uses.
        """
        u = np.asarray(utilisation, dtype=float)
        return self.curve.idle_power_share + self.curve.dynamic_power_share * u


def hourly_prices(site: Site) -> np.ndarray | None:
    """Price of each hour of the day with time-of-use prices, or None for a flat tariff."""
    econ, tou = site.economics, site.economics.time_of_use
    peak, valley = parse_hours(tou.peak_hours), parse_hours(tou.valley_hours)
    if not peak and not valley:
        return None
    prices = np.full(24, econ.electricity_tariff_cny_per_kwh)
    prices[peak] = tou.peak_price_cny_per_kwh
    prices[valley] = tou.valley_price_cny_per_kwh
    return prices


def laid_out_inventory(site: Site, hw: HardwareIndex | None = None) -> list[CabinetInventory] | None:
    """The cabinet inventory when an enabled candidate covers cabinets of the site, else None."""
    if not any(c.covers for c in site.buildout.candidates if c.enabled):
        return None
    return build_inventory(site, hw)


def site_servable_load(
    site: Site,
    curve: EnergyCurve,
    hw: HardwareIndex | None = None,
    inventory: list[CabinetInventory] | None = None,
) -> ServableLoad | None:
    """What the laid-out site can serve, with the power chain sized by the curve's design peak.

    None when no enabled candidate covers cabinets of the site (nothing laid out to cap).
    ``inventory`` is the site's :func:`laid_out_inventory` when the caller has it.
    """
    if inventory is None:
        inventory = laid_out_inventory(site, hw)
    if inventory is None:
        return None
    capacity = solve_capacity(site, peak_facility_kw=curve.design_peak_facility_kw, hw=hw, inventory=inventory)
    return servable_load(capacity, inventory)


def build_problem(
    site: Site,
    curve: EnergyCurve,
    hw: HardwareIndex | None = None,
    servable: ServableLoad | None = None,
    inventory: list[CabinetInventory] | None = None,
) -> Problem:
    """The problem of a validated site, with its energy curve from the energy engine.

    ``servable`` caps what the site's cabinets carry (computed here from the curve's design
    peak when not given); ``inventory`` is the site's :func:`laid_out_inventory` when the
    caller has it (built here otherwise, once).
    """
    b, econ = site.buildout, site.economics
    timeline = timeline_of(site)
    demand = build_demand(b.demand, timeline)
    if inventory is None:
        inventory = laid_out_inventory(site, hw)
    if servable is None and inventory is not None:
        servable = site_servable_load(site, curve, hw, inventory)
    cands = resolve_candidates(
        site, timeline, b.demand.unit, b.demand.precision, hw, inventory=inventory, servable=servable
    )
    caps = np.full(timeline.years, np.inf if b.capex_cap_cny_per_year is None else b.capex_cap_cny_per_year)
    first_year = timeline.start_number // 12
    for cap in b.budget_caps:
        k = cap.year - first_year
        if 0 <= k < timeline.years:
            caps[k] = cap.capex_cny
    money = Money(
        tariff_cny_per_kwh=curve.effective_tariff(econ.electricity_tariff_cny_per_kwh, hourly_prices(site)),
        flat_tariff_cny_per_kwh=econ.electricity_tariff_cny_per_kwh,
        discount_rate=econ.discount_rate,
        revenue_model=econ.revenue_model,
        colocation_cny_per_kw_month=econ.colocation_cny_per_kw_month,
        gpu_hour_price_cny=econ.gpu_hour_price_cny,
        voucher_share=econ.voucher_share,
        voucher_cap_cny_per_year=econ.voucher_cap_cny_per_year,
        staff_fixed_cny_per_year=econ.staff_fixed_cny_per_year,
        staff_cny_per_mw_year=econ.staff_cny_per_mw_year,
        residual_value=b.residual_value,
    )
    return Problem(
        site_id=site.id,
        site_name=site.name,
        timeline=timeline,
        demand=demand,
        candidates=cands,
        curve=curve,
        money=money,
        utilisation=site.it_load.utilisation,
        mode=b.mode,
        coverage=b.coverage,
        unserved_penalty_cny_per_unit_year=b.unserved_penalty_cny_per_unit_year,
        budget_cap_cny_by_year=caps,
        uncertainty=b.uncertainty,
        time_limit_s=b.time_limit_s,
        mip_rel_gap=b.mip_rel_gap,
        servable=servable,
    )
