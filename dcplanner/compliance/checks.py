"""Compare a site's quantities with the compliance rules, for the design year and per build-out year.

Each check gives pass / fail / not applicable / no data, the value, the limit, the margin (room
left: limit - value for ``<=``, value - limit for ``>=``; negative = by how much it fails) and the
rule (standard, clause, source, primary or secondary). Hourly quantities (the IT inlet state) are
checked at their worst hour, with the hours outside the limit counted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from dcplanner.climate.psychro import dew_point_from_humidity_ratio, rel_humidity_from_humidity_ratio
from dcplanner.model.catalog import hardware_index
from dcplanner.model.compliance import (
    REDUNDANCY_ORDER,
    REDUNDANCY_QUANTITIES,
    YEARLY_QUANTITIES,
    ComplianceRule,
    in_force,
    parse_conditions,
    parse_threshold,
    year_share,
)
from dcplanner.model.geometry import aisle_gap_m
from dcplanner.model.site import Redundancy, Site
from dcplanner.model.validation import placed_rows
from dcplanner.solvers.capacity import CapacityResult
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.phasing.results import PhasingResult

Status = Literal["pass", "fail", "not_applicable", "no_data"]
STATUS_WORDS: dict[str, str] = {
    "pass": "pass",
    "fail": "FAIL",
    "not_applicable": "not applicable",
    "no_data": "not enough data",
}
TOLERANCE = 1e-6
"""Relative slack of a comparison: a value equal to its limit up to round-off (the psychrometric
inversions and the plan geometry carry ~1e-9 of it) meets ``<=`` and ``>=``, and fails ``<`` and ``>``."""
NO_UNITS = "none"
"""The redundancy value of a group with no units at all (below N)."""


@dataclass(frozen=True, slots=True)
class Measured:
    """A quantity of the site: a number, a redundancy, or None with the reason it is missing.

    ``hourly`` holds the 8,760 values of an hourly quantity (checked at the worst hour)."""

    value: float | str | None
    note: str = ""
    hourly: np.ndarray | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One rule checked in one year."""

    rule: ComplianceRule
    year: int
    status: Status
    value: float | str | None = None
    limit: float | str | None = None
    margin: float | None = None
    note: str = ""

    @property
    def failed_binding(self) -> bool:
        return self.status == "fail" and self.rule.binding


@dataclass(frozen=True, slots=True)
class YearChecks:
    """The year-dependent rules in one calendar year of the build-out."""

    year: int
    quantities: Mapping[str, float | None]
    checks: tuple[CheckResult, ...]


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    """Every rule for the design (``year``) and the yearly rules in each build-out year."""

    site_id: str
    scenario: str  # "" = base site
    year: int
    checks: tuple[CheckResult, ...]
    years: tuple[YearChecks, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def all_checks(self) -> tuple[CheckResult, ...]:
        return (*self.checks, *(c for y in self.years for c in y.checks))

    @property
    def binding_failures(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.all_checks if c.failed_binding)

    @property
    def passes_every_year(self) -> bool:
        return not self.binding_failures


# ---------------------------------------------------------------------------------------------
# applicability


def _site_context(site: Site, cabinets: int) -> dict[str, str | int]:
    c = site.compliance
    return {
        "hub": c.hub,
        "class": c.design_class,
        "status": c.status,
        "procurement": "yes" if c.government_procurement else "no",
        "cabinets": cabinets,
    }


def applies(rule: ComplianceRule, context: Mapping[str, str | int]) -> str:
    """'' when the rule's conditions hold for the site, else why not."""
    for key, values in parse_conditions(rule.applies_to).items():
        if key == "min_cabinets":
            if int(context["cabinets"]) < int(values[0]):
                return f"applies from {values[0]} cabinets; the site has {context['cabinets']}"
        elif str(context[key]) not in values:
            return f"applies where {key} is {' or '.join(values)}; the site's is {context[key]}"
    return ""


# ---------------------------------------------------------------------------------------------
# quantities of the design


def _rank(redundancy: str) -> int:
    return -1 if redundancy == NO_UNITS else REDUNDANCY_ORDER.index(redundancy)


def _weakest(values: Sequence[Redundancy]) -> str:
    return min(values, key=_rank)


def _narrowest_aisle_m(site: Site) -> float | None:
    hw = hardware_index(site)
    gaps = []
    for hall in site.halls:
        placed = placed_rows(hall, hw)
        for a in range(len(placed)):
            for b in range(a):
                ra, rb = placed[a][1], placed[b][1]
                if ra.orientation == rb.orientation:
                    gap = aisle_gap_m(placed[a][2], placed[b][2], ra.orientation)
                    if gap is not None and gap >= 0:
                        gaps.append(gap)
    return min(gaps) if gaps else None


def design_quantities(
    site: Site, capacity: CapacityResult, energy: EnergyResult | None, year: int
) -> dict[str, Measured]:
    """Every quantity the rules compare, for the design as drawn in ``year``."""
    p, totals = site.power, capacity.site
    out: dict[str, Measured] = {"cabinets": Measured(float(totals.cabinets))}
    no_energy = Measured(None, "the energy year was not solved")
    if energy is not None and energy.it_energy_kwh > 0:
        out["energy_ratio_rm2"] = Measured(energy.annual_pue, "RM2 = annual facility / IT energy of the energy year")
        out["wue_l_per_kwh"] = Measured(energy.wue_l_per_kwh)
        dew = dew_point_from_humidity_ratio(energy.inlet_c, energy.inlet_humidity_ratio, energy.pressure_pa)
        rh = rel_humidity_from_humidity_ratio(energy.inlet_c, energy.inlet_humidity_ratio, energy.pressure_pa)
        out["inlet_dry_bulb_c"] = Measured(None, hourly=np.asarray(energy.inlet_c))
        out["inlet_dew_point_c"] = Measured(None, hourly=np.asarray(dew))
        out["inlet_rel_humidity"] = Measured(None, hourly=np.asarray(rh))
    else:
        for q in ("energy_ratio_rm2", "wue_l_per_kwh", "inlet_dry_bulb_c", "inlet_dew_point_c", "inlet_rel_humidity"):
            out[q] = no_energy
    occupancy = year_share(site.compliance.rack_occupancy, year)
    if occupancy is not None:
        out["rack_occupancy"] = Measured(occupancy, "compliance.rack_occupancy (input)")
    elif totals.cabinets > 0:
        out["rack_occupancy"] = Measured(
            totals.loaded_cabinets / totals.cabinets, "cabinets with servers / cabinets in the model"
        )
    else:
        out["rack_occupancy"] = Measured(None, "no cabinets in the model")
    green = year_share(site.compliance.green_power, year)
    out["green_power_share"] = (
        Measured(green, "compliance.green_power (input)")
        if green is not None
        else Measured(None, f"no green-power share given for {year} (compliance.green_power)")
    )
    ups = next((c for c in capacity.constraints if c.resource == "ups"), None)
    out["ups_capacity_ratio"] = (
        Measured(ups.capacity / ups.demand, f"usable UPS {ups.capacity:,.0f} kW / load carried {ups.demand:,.0f} kW")
        if ups is not None and ups.demand > 0
        else Measured(None, "no load on the UPS")
    )
    it_halls = [h for h in site.halls if h.rows]
    out["clear_height_m"] = (
        Measured(min(h.clear_height_m for h in it_halls), "lowest hall clear height")
        if it_halls
        else Measured(None, "no hall with rows")
    )
    aisle = _narrowest_aisle_m(site)
    out["aisle_width_m"] = (
        Measured(aisle, "narrowest aisle between facing rows")
        if aisle is not None
        else Measured(None, "no facing rows")
    )
    out["passage_width_m"] = Measured(None, "the model has no main equipment passage")
    utility = p.utility.redundancy if p.utility.feeds >= 2 else "N"
    out["utility_redundancy"] = Measured(utility, f"{p.utility.feeds} feed(s), {p.utility.redundancy}")
    for key, count, red in (
        ("transformer_redundancy", p.transformers.count, p.transformers.redundancy),
        ("generator_redundancy", p.generators.count, p.generators.redundancy),
        ("ups_redundancy", p.ups.modules, p.ups.redundancy),
    ):
        out[key] = Measured(red if count > 0 else NO_UNITS, f"{count} unit(s), {red}")
    plant = site.cooling
    out["cooling_plant_redundancy"] = (
        Measured(plant.plant_redundancy, f"{plant.plant_units} plant unit(s)")
        if plant.plant_units > 0
        else Measured(None, "no plant units in the model (cooling.plant_units)")
    )
    hall_units = [h for h in it_halls if h.cooling_units > 0]
    out["hall_cooling_redundancy"] = (
        Measured(_weakest([h.cooling_redundancy for h in hall_units]), "weakest hall")
        if hall_units
        else Measured(None, "no hall cooling units in the model")
    )
    return out


# ---------------------------------------------------------------------------------------------
# one rule


def _margin(comparison: str, value: float, limit: float) -> float:
    return limit - value if comparison in ("<=", "<") else value - limit


def meets(comparison: str, value: float | np.ndarray, limit: float) -> bool | np.ndarray:
    """Whether ``value`` compares with ``limit`` as asked, equality taken up to :data:`TOLERANCE`."""
    slack = TOLERANCE * max(1.0, abs(limit))
    room = (limit - value) if comparison in ("<=", "<") else (value - limit)
    return room > slack if comparison in ("<", ">") else room >= -slack


def check_rule(
    rule: ComplianceRule, measured: Measured | None, year: int, context: Mapping[str, str | int]
) -> CheckResult:
    """One rule against one quantity in ``year``."""
    limit = parse_threshold(rule)
    if not in_force(rule, year):
        span = [f"from {rule.effective_from}"] if rule.effective_from else []
        span += [f"until {rule.effective_until}"] if rule.effective_until else []
        note = f"not in force at the end of {year} (in force {' '.join(span)})"
        return CheckResult(rule, year, "not_applicable", limit=limit, note=note)
    why_not = applies(rule, context)
    if why_not:
        return CheckResult(rule, year, "not_applicable", limit=limit, note=why_not)
    if measured is None:
        return CheckResult(rule, year, "no_data", limit=limit, note="the engine does not compute this quantity")
    if rule.quantity in REDUNDANCY_QUANTITIES:
        if not isinstance(measured.value, str):
            return CheckResult(rule, year, "no_data", limit=limit, note=measured.note)
        ok = _rank(measured.value) >= _rank(str(limit))
        return CheckResult(rule, year, "pass" if ok else "fail", measured.value, limit, None, measured.note)
    assert isinstance(limit, float)
    if measured.hourly is not None:
        hours = measured.hourly[np.isfinite(measured.hourly)]
        if hours.size == 0:
            return CheckResult(rule, year, "no_data", limit=limit, note="no hourly values")
        worst = float(hours.max() if rule.comparison in ("<=", "<") else hours.min())
        outside = int(np.count_nonzero(~np.asarray(meets(rule.comparison, hours, limit))))
        status: Status = "pass" if outside == 0 else "fail"
        note = f"worst hour of {hours.size:,}; {outside:,} h outside the limit"
        return CheckResult(rule, year, status, worst, limit, _margin(rule.comparison, worst, limit), note)
    value = measured.value
    if not isinstance(value, float) or not math.isfinite(value):
        return CheckResult(rule, year, "no_data", limit=limit, note=measured.note)
    status = "pass" if meets(rule.comparison, value, limit) else "fail"
    return CheckResult(rule, year, status, value, limit, _margin(rule.comparison, value, limit), measured.note)


def check_quantities(
    rules: Sequence[ComplianceRule], quantities: Mapping[str, Measured], year: int, context: Mapping[str, str | int]
) -> tuple[CheckResult, ...]:
    """Every rule against the quantities of one year."""
    return tuple(check_rule(r, quantities.get(r.quantity), year, context) for r in rules)


# ---------------------------------------------------------------------------------------------
# per build-out year


def yearly_figures(phasing: PhasingResult) -> list[tuple[int, float, float | None]]:
    """(calendar year, RM2 energy ratio, mean utilisation of what is built) for each year with IT energy.

    The ratio is the year's facility / IT energy summed over its months of the build-out (the
    energy engine run at each month's load); the utilisation is served / built capacity averaged
    over the months with capacity in service (a proxy for rack occupancy when none is given)."""
    ops = phasing.operations
    years = np.array([int(m[:4]) for m in ops.months])
    out = []
    for year in np.unique(years):
        months = years == year
        it_kwh = float(np.sum(ops.it_kwh[months]))
        if not it_kwh > 0:
            continue
        built = months & (ops.capacity > 0)
        util = float(np.mean(ops.utilisation[built])) if built.any() else None
        out.append((int(year), float(np.sum(ops.facility_kwh[months])) / it_kwh, util))
    return out


def check_years(
    site: Site, rules: Sequence[ComplianceRule], phasing: PhasingResult, base: Mapping[str, Measured], cabinets: int
) -> tuple[YearChecks, ...]:
    """The year-dependent rules in every build-out year with IT in service."""
    yearly_rules = [r for r in rules if r.quantity in YEARLY_QUANTITIES]
    context = _site_context(site, cabinets)
    out = []
    for year, ratio, util in yearly_figures(phasing):
        occupancy = year_share(site.compliance.rack_occupancy, year)
        green = year_share(site.compliance.green_power, year)
        q = dict(base)
        q["energy_ratio_rm2"] = Measured(ratio, "facility / IT energy of the build-out year")
        q["rack_occupancy"] = (
            Measured(occupancy, "compliance.rack_occupancy (input)")
            if occupancy is not None
            else Measured(util, "served / built capacity of the year (build-out)")
            if util is not None
            else Measured(None, "nothing built")
        )
        q["green_power_share"] = (
            Measured(green, "compliance.green_power (input)")
            if green is not None
            else Measured(None, f"no green-power share given for {year}")
        )
        figures = {k: v.value if isinstance(v.value, float) else None for k, v in q.items() if k in YEARLY_QUANTITIES}
        out.append(YearChecks(year, figures, check_quantities(yearly_rules, q, year, context)))
    return tuple(out)


def check_site(
    site: Site,
    rules: Sequence[ComplianceRule],
    capacity: CapacityResult,
    energy: EnergyResult | None,
    phasing: PhasingResult | None = None,
    *,
    scenario: str = "",
    notes: Sequence[str] = (),
) -> ComplianceReport:
    """Every rule for the design in the assessment year, and the yearly rules per build-out year."""
    year = site.compliance.assessment_year
    quantities = design_quantities(site, capacity, energy, year)
    context = _site_context(site, capacity.site.cabinets)
    checks = check_quantities(rules, quantities, year, context)
    years = check_years(site, rules, phasing, quantities, capacity.site.cabinets) if phasing is not None else ()
    return ComplianceReport(site.id, scenario, year, checks, years, tuple(notes))


# ---------------------------------------------------------------------------------------------
# grades


def grade_of(checks: Sequence[CheckResult], standard: str = "GB 40879-2021") -> str:
    """The best grade earned among a standard's grade rules: '1', '2', '3', 'below limit', or
    'not rated' (no grade rule applies or no data)."""
    graded = [c for c in checks if c.rule.grade > 0 and c.rule.standard == standard]
    rated = [c for c in graded if c.status in ("pass", "fail")]
    if not rated:
        return "not rated"
    passed = [c.rule.grade for c in rated if c.status == "pass"]
    return str(min(passed)) if passed else "below limit"
