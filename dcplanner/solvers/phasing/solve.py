"""Solve a site's build-out: schedule (optimised or fixed), operations, cash flows, measures."""

from __future__ import annotations

import math

import numpy as np

from dcplanner.model.catalog import HardwareIndex
from dcplanner.model.site import Site
from dcplanner.solvers import finance
from dcplanner.solvers.phasing.energy_curve import EnergyCurveSource
from dcplanner.solvers.phasing.evaluate import Outcome, ScheduleState, Variation, evaluate, schedule_state
from dcplanner.solvers.phasing.hooks import Cancel, Progress, check, report
from dcplanner.solvers.phasing.problem import Problem, build_problem, laid_out_inventory, site_servable_load
from dcplanner.solvers.phasing.results import CandidatePlan, CashFlows, Measures, Operations, PhasingResult
from dcplanner.solvers.phasing.schedule import Schedule, fixed_schedule, optimise
from dcplanner.solvers.phasing.timeline import to_years
from dcplanner.solvers.servable import servable_site


def solve_phasing(
    site: Site,
    energy: EnergyCurveSource,
    *,
    starts: dict[str, str | None] | None = None,
    scenario: str = "",
    hw: HardwareIndex | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> PhasingResult:
    """Schedule and price the build-out of a validated site.

    ``energy`` gives the site's energy curve (the energy engine in production). ``starts`` fixes
    the schedule by hand (candidate id -> start month, None = not built); otherwise the
    build-out ``mode`` decides: ``optimise`` (HiGHS) or ``fixed`` (the candidates' fixed starts).
    Raises ScheduleInfeasible naming the binding constraints when no schedule exists.
    ``progress`` and ``cancel`` are honoured between stages (energy curve, schedule, pricing) and
    between relax-and-fix windows; a single HiGHS run is bounded by ``buildout.time_limit_s``.
    """
    check(cancel)
    curve = energy(site)
    inventory = laid_out_inventory(site, hw)  # built once: the cap and the candidates read it
    servable = site_servable_load(site, curve, hw, inventory)
    if servable is not None and servable.capped and servable.servable_it_kw > 0:
        # a design over a capacity limit earns and spends only on the IT it can run
        curve = energy(servable_site(site, servable))
    report(progress, 0.2)
    check(cancel)
    problem = build_problem(site, curve, hw, servable, inventory)
    if starts is not None:
        schedule = fixed_schedule(problem, starts)
    elif problem.mode == "fixed":
        schedule = fixed_schedule(problem)
    else:
        schedule = optimise(problem, cancel=cancel)
    report(progress, 0.9)
    check(cancel)
    result = price_schedule(problem, schedule, scenario=scenario)
    report(progress, 1.0)
    return result


def price_schedule(problem: Problem, schedule: Schedule, scenario: str = "") -> PhasingResult:
    """Operations, cash flows and measures of a schedule."""
    state = schedule_state(problem, schedule.service_month)
    out = evaluate(problem, state, Variation.base(problem))
    ops = _operations(problem, state, out)
    cash = _cash(problem, state, out)
    return PhasingResult(
        site_id=problem.site_id,
        site_name=problem.site_name,
        scenario=scenario,
        unit=problem.demand.unit,
        unit_label=problem.demand.unit_label,
        precision=problem.demand.precision,
        demand_variant=problem.demand.variant,
        schedule=schedule,
        candidates=_plans(problem, schedule),
        operations=ops,
        cash=cash,
        measures=_measures(problem, state, out, cash),
        energy_source=problem.curve.source,
        energy_curve=problem.curve,
        notes=_notes(problem, schedule),
        problem=problem,
        state=state,
    )


def _plans(problem: Problem, schedule: Schedule) -> tuple[CandidatePlan, ...]:
    c, tl = problem.candidates, problem.timeline
    T = tl.months
    plans = []
    for i in range(len(c)):
        built = bool(schedule.service_month[i] < T)
        plans.append(
            CandidatePlan(
                id=c.ids[i],
                name=c.names[i],
                kind=c.kinds[i],
                built=built,
                start_month=tl.label(schedule.start_month[i]) if built else "",
                service_month=tl.label(schedule.service_month[i]) if built else "",
                lead_months=int(c.lead_months[i]),
                capacity=float(c.capacity[i]),
                it_kw=float(c.it_kw[i]),
                pflops=float(c.pflops[i]),
                accelerators=int(c.accelerators[i]),
                cabinets=int(c.cabinets[i]),
                capex_cny=float(c.capex_cny[i]),
                it_capex_cny=float(c.it_capex_cny[i]),
                opex_cny_per_year=float(c.opex_cny_per_year[i]),
                requires=tuple(c.ids[j] for j in c.requires[i]),
                derivation=c.derivation[i],
            )
        )
    return tuple(plans)


def _operations(problem: Problem, state: ScheduleState, out: Outcome) -> Operations:
    c, tl = problem.candidates, problem.timeline
    cap = state.capacity
    served = out.served[0]
    on = state.in_service.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        utilisation = np.where(cap > 0, served / np.where(cap > 0, cap, 1.0), 0.0)
        carries_it = out.it_kwh[0] > 1e-9  # a month with no IT energy worth a ratio (denormals overflow) has no PUE
        pue = np.where(carries_it, out.facility_kwh[0] / np.where(carries_it, out.it_kwh[0], 1.0), np.nan)
    return Operations(
        months=tuple(tl.month_labels()),
        demand=out.demand[0],
        demand_p10=problem.demand.percentile(10),
        demand_p90=problem.demand.percentile(90),
        capacity=cap,
        served=served,
        unserved=out.unserved[0],
        stranded=cap - served,
        utilisation=utilisation,
        built_it_kw=state.built_it_kw,
        it_power_kw=out.it_power_fraction[0] * state.built_it_kw,
        it_kwh=out.it_kwh[0],
        facility_kwh=out.facility_kwh[0],
        pue=pue,
        pflops_in_service=state.pflops,
        accelerators_in_service=state.accelerators,
        gpu_hours=out.gpu_hours[0],
        resources=c.resources,
        resource_provided_kw=c.provides_kw.T @ on,
        resource_consumed_kw=c.consumes_kw.T @ on,
        period_starts=tl.period_starts,
    )


def _cash(problem: Problem, state: ScheduleState, out: Outcome) -> CashFlows:
    net = out.net_cash_cny[0]
    disc = out.discount_factor[0]
    it_kwh, fac_kwh = to_years(out.it_kwh[0]), to_years(out.facility_kwh[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        pue = np.where(it_kwh > 0, fac_kwh / np.where(it_kwh > 0, it_kwh, 1.0), np.nan)
    return CashFlows(
        years=tuple(problem.timeline.year_labels()),
        capex_cny=out.capex_cny[0],
        energy_cny=out.energy_cny[0],
        om_cny=out.om_cny[0],
        staff_cny=out.staff_cny[0],
        revenue_cny=out.revenue_cny[0],
        voucher_cny=out.voucher_cny[0],
        residual_cny=out.residual_cny[0],
        net_cash_cny=net,
        cumulative_cash_cny=np.cumsum(net),
        discount_factor=disc,
        discounted_cash_cny=net * disc,
        it_kwh=it_kwh,
        facility_kwh=fac_kwh,
        pue=pue,
        gpu_hours=to_years(out.gpu_hours[0]),
        pflops_years=to_years(state.pflops) / 12.0,
        served_unit_years=to_years(out.served[0]) / 12.0,
        unserved_unit_years=to_years(out.unserved[0]) / 12.0,
    )


def _measures(problem: Problem, state: ScheduleState, out: Outcome, cash: CashFlows) -> Measures:
    r = problem.money.discount_rate
    costs = cash.capex_cny + cash.om_cny + cash.staff_cny + cash.energy_cny - cash.residual_cny
    total_it = float(cash.it_kwh.sum())
    years_in_service = cash.it_kwh > 0
    demand_total = float(out.demand[0].sum())
    last_year = cash.pue[-1] if len(cash.pue) else math.nan
    return Measures(
        npv_cny=float(out.npv_cny[0]),
        irr=finance.irr(cash.net_cash_cny),
        payback_years=finance.payback_years(cash.net_cash_cny),
        discounted_payback_years=finance.discounted_payback_years(r, cash.net_cash_cny),
        capex_cny=float(cash.capex_cny.sum()),
        capex_pv_cny=float(finance.npv(r, cash.capex_cny)),
        energy_cny_per_year=float(cash.energy_cny[years_in_service].mean()) if years_in_service.any() else 0.0,
        cost_pv_cny=float(finance.npv(r, costs)),
        levelised_cost_cny_per_it_kwh=finance.levelised(r, costs, cash.it_kwh),
        cost_per_gpu_hour_cny=finance.levelised(r, costs, cash.gpu_hours),
        cost_per_pflops_year_cny=finance.levelised(r, costs, cash.pflops_years),
        annual_pue=float(cash.facility_kwh.sum() / total_it) if total_it > 0 else math.nan,
        final_year_pue=float(last_year),
        peak_pflops=float(state.pflops.max(initial=0.0)),
        final_it_mw=float(state.built_it_kw[-1] / 1000.0) if len(state.built_it_kw) else 0.0,
        served_share=float(out.served[0].sum() / demand_total) if demand_total > 0 else 1.0,
        peak_shortfall=float(out.peak_shortfall[0]),
        discount_rate=r,
        tariff_cny_per_kwh=problem.money.tariff_cny_per_kwh,
    )


def _notes(problem: Problem, schedule: Schedule) -> tuple[str, ...]:
    notes = [f"energy: {problem.curve.source}"]
    if problem.servable is not None and problem.servable.capped:
        notes.append(
            f"revenue capped: {problem.servable.describe()}; the candidates carry only this load and its energy"
        )
    c = problem.candidates
    untied = [
        c.ids[i]
        for i in range(len(c))
        if c.it_kw[i] > 0 and c.cabinets[i] == 0 and schedule.built(problem.timeline.months)[i]
    ]
    if untied:
        notes.append(f"{', '.join(untied)}: not laid out on the site, priced at the site's energy per kW of design IT")
    if not problem.curve.is_convex:
        notes.append("the energy curve is not convex: the optimiser used its convex hull, the report the curve itself")
    if schedule.how == "optimised":
        grid = {1: "month", 3: "quarter", 12: "year"}[problem.timeline.period_months]
        epochs = f"every {grid} start"
        if schedule.exact_reduction:
            epochs += ", reduced exactly to the months where demand can force a build"
        notes.append(
            f"schedule: {schedule.status}, {schedule.decision_months} decision months ({epochs}), "
            f"{schedule.solve_seconds:.2f} s"
        )
        if schedule.status != "optimal":
            if schedule.bound_cny is not None and schedule.objective_cny is not None:
                distance = max(0.0, schedule.objective_cny - schedule.bound_cny)
                notes.append(
                    f"time limit: the best schedule found; the optimum's net present cost is at most "
                    f"{distance / 1e6:,.1f} M CNY lower (HiGHS bound)"
                )
            else:
                notes.append("time limit: the best schedule found; HiGHS gave no bound on how far the optimum is")
        if not schedule.energy_exact:
            notes.append(
                "candidates differ in kW or accelerators per demand unit: the optimiser priced energy and "
                "revenue at their capacity-weighted mean, the report prices the schedule exactly"
            )
    else:
        notes.append("schedule: fixed by hand")
        notes.extend(f"limit broken: {v}" for v in schedule.violations)
    return tuple(notes)
