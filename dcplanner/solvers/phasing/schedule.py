"""Choose when each candidate is built (or take the dates given), and say why when none works.

``optimise`` solves the MILP of :mod:`.milp`. If HiGHS reports the problem infeasible, each
constraint group is made elastic in turn (a slack on every row, minimise the total slack): a
group whose elastic version is feasible explains the infeasibility alone, and its rows with
slack name the binding constraints ("budget cap 2027: 410 M CNY needed, cap 300 M CNY").
Every schedule returned is checked against all constraints again by :func:`check_schedule`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from dcplanner.solvers.phasing import search
from dcplanner.solvers.phasing.evaluate import schedule_state
from dcplanner.solvers.phasing.hooks import Cancel
from dcplanner.solvers.phasing.milp import (
    GROUPS,
    SCALE,
    Model,
    Row,
    Setup,
    build_model,
    run,
    service_months_from,
    setup,
)
from dcplanner.solvers.phasing.problem import Problem
from dcplanner.solvers.phasing.timeline import to_years

STATUS_TEXT = {0: "optimal", 1: "time limit reached", 2: "infeasible", 3: "unbounded", 4: "solver error"}


@dataclass(frozen=True, slots=True)
class Binding:
    """One constraint that cannot be met, in words and numbers."""

    group: str  # coverage, resources, dependencies, budget, windows
    message: str
    candidate: str = ""
    month: str = ""
    amount: float = 0.0  # how far it must give (demand units, kW, CNY; 1 for yes/no limits)
    resource: str = ""


class ScheduleInfeasible(ValueError):
    """No schedule meets every constraint; ``bindings`` name the ones that break."""

    def __init__(self, bindings: list[Binding], site: str = ""):
        self.bindings = bindings
        head = f"{site}: no feasible build-out schedule" if site else "no feasible build-out schedule"
        lines = [f"{head}; binding constraint{'s' if len(bindings) > 1 else ''}:"]
        lines += [f"  [{b.group}] {b.message}" for b in bindings[:12]]
        if len(bindings) > 12:
            lines.append(f"  ... and {len(bindings) - 12} more")
        super().__init__("\n".join(lines))


class NoScheduleFound(RuntimeError):
    """The solver stopped (time limit, error) without any schedule."""


@dataclass(frozen=True, slots=True)
class Schedule:
    """When each candidate starts and enters service, and how the schedule was obtained."""

    service_month: np.ndarray  # (candidates,) month index; >= months = not built
    start_month: np.ndarray  # construction start (service - lead); meaningless when not built
    how: str  # "optimised" or "fixed"
    status: str  # optimal, time limit reached (best found), fixed
    objective_cny: float | None  # optimiser's net present cost (minus NPV plus penalty)
    bound_cny: float | None
    gap: float | None
    solve_seconds: float
    decision_months: int  # number of decision epochs
    exact_reduction: bool
    energy_exact: bool
    violations: tuple[str, ...]  # broken limits of a hand-fixed schedule (empty when optimised)

    def built(self, months: int) -> np.ndarray:
        return self.service_month < months


def check_schedule(problem: Problem, service_month: np.ndarray) -> list[str]:
    """Every constraint a schedule breaks, in words (empty = all met)."""
    c, tl = problem.candidates, problem.timeline
    T = tl.months
    out: list[str] = []
    built = service_month < T
    start = service_month - c.lead_months
    for i in range(len(c)):
        name = c.ids[i]
        if built[i]:
            if start[i] < 0:
                out.append(f"{name}: construction would start {tl.label(start[i])}, before the analysis start")
            if c.blocked[i]:
                out.append(f"{name}: {c.blocked[i]}")
            if not np.isnan(c.earliest_start[i]) and start[i] < c.earliest_start[i]:
                out.append(f"{name}: starts {tl.label(start[i])}, before its earliest start")
            if not np.isnan(c.latest_start[i]) and start[i] > c.latest_start[i]:
                out.append(f"{name}: starts {tl.label(start[i])}, after its latest start")
            for j in c.requires[i]:
                if service_month[j] > service_month[i]:
                    when = tl.label(service_month[j]) if built[j] else "never"
                    out.append(f"{name}: requires {c.ids[j]}, which enters service {when}")
        elif c.must_build[i]:
            out.append(f"{name}: must be built but is not in service within the horizon")
        if not np.isnan(c.fixed_start[i]) and (not built[i] or start[i] != c.fixed_start[i]):
            out.append(f"{name}: fixed to start {tl.label(int(c.fixed_start[i]))}")
    on = (np.arange(T)[None, :] >= service_month[:, None]).astype(float)
    for r, res in enumerate(c.resources):
        balance = (c.provides_kw[:, r] - c.consumes_kw[:, r]) @ on
        bad = np.flatnonzero(balance < -1e-6)
        if len(bad):
            out.append(f"resource {res!r}: {-balance[bad[0]]:,.0f} kW short from {tl.label(bad[0])}")
    state = schedule_state(problem, service_month)
    spend = to_years(state.facility_capex_cny + state.it_capex_cny)
    caps = problem.budget_cap_cny_by_year
    for k in np.flatnonzero(spend > caps * (1 + 1e-9) + 1.0):
        out.append(f"budget cap {tl.year_labels()[k]}: {spend[k] / 1e6:,.1f} M CNY spent, cap {caps[k] / 1e6:,.1f} M")
    if problem.coverage == "must_cover":
        short = problem.demand.monthly - state.capacity
        bad = np.flatnonzero(short > 1e-6 * max(1.0, float(problem.demand.monthly.max(initial=0.0))))
        if len(bad):
            unit = problem.demand.unit_label
            out.append(
                f"demand not covered from {tl.label(bad[0])} ({len(bad)} months, up to {short.max():,.2f} {unit} short)"
            )
    return out


def _describe(problem: Problem, model: Model, row: int, meta: Row, slack: float) -> Binding:
    c, tl = problem.candidates, problem.timeline
    month = tl.label(int(model.epochs[meta.epoch])) if meta.epoch >= 0 and meta.group != "budget" else ""
    name = c.ids[meta.candidate] if meta.candidate >= 0 else ""
    unit = problem.demand.unit_label
    if meta.group == "coverage":
        need = model.lo[row]
        msg = (
            f"demand of {need:,.2f} {unit} in {month} cannot be covered: the most capacity that can be in "
            f"service by then is {need - slack:,.2f} {unit} ({slack:,.2f} short)"
        )
    elif meta.group == "budget":
        year = tl.year_labels()[meta.year]
        cap, slack = model.hi[row] / SCALE, slack / SCALE
        msg = (
            f"capex cap for {year}: at least {(cap + slack) / 1e6:,.1f} M CNY must be spent that year "
            f"against a cap of {cap / 1e6:,.1f} M CNY"
        )
        month = str(year)
    elif meta.group == "resources":
        msg = f"resource {meta.resource!r} in {month}: consumers need {slack:,.0f} kW more than providers can supply"
        return Binding("resources", msg, "", month, float(slack), meta.resource)
    elif meta.group == "dependencies":
        if meta.kind == "blocked":
            msg = f"{name}: {c.blocked[meta.candidate]}, yet the schedule needs it"
        else:
            msg = f"{name} requires {c.ids[meta.other]} in service no later, which the other limits do not allow"
    else:
        earliest, latest, fixed = setup_limits_text(problem, meta.candidate)
        lead = int(c.lead_months[meta.candidate])
        before_start = np.isnan(c.earliest_start[meta.candidate]) or c.earliest_start[meta.candidate] < 0
        msg = {
            "earliest": f"{name} would have to enter service before {earliest}"
            + (
                f", i.e. start construction before the analysis starts ({tl.label(0)}; lead time {lead} months)"
                if before_start
                else f" (earliest start {tl.label(int(c.earliest_start[meta.candidate]))})"
            ),
            "fixed": f"{name} is fixed to enter service {fixed}, which the other limits do not allow",
            "fixed_not_before": f"{name} is fixed to enter service {fixed} but would be needed earlier",
            "fixed_beyond_horizon": f"{name} is fixed to enter service {fixed}, after the horizon ends",
            "must_by_latest": f"{name} must be in service by {latest}, which the other limits do not allow",
            "latest": f"{name} would have to start after its latest start",
            "latest_before_start": f"{name}: its latest start leaves no month inside the horizon",
            "must_build": f"{name} must be built but cannot be within the horizon",
        }.get(meta.kind, f"{name}: date limit {meta.kind}")
    return Binding(meta.group, msg, name, month, float(slack))


def setup_limits_text(problem: Problem, i: int) -> tuple[str, str, str]:
    """Earliest, latest and fixed service months of candidate i, as text."""
    c, tl = problem.candidates, problem.timeline
    lead = int(c.lead_months[i])

    def text(v: float) -> str:
        return "" if np.isnan(v) else tl.label(int(v) + lead)

    earliest = max(float(lead), c.earliest_start[i] + lead) if not np.isnan(c.earliest_start[i]) else float(lead)
    return tl.label(int(earliest)), text(c.latest_start[i]), text(c.fixed_start[i])


def diagnose(problem: Problem, su: Setup) -> list[Binding]:
    """The constraint group(s) whose relaxation restores feasibility, with the rows that give.

    Single groups are tried first, then pairs, then all together; every combination that
    restores feasibility at the smallest size contributes its bindings.
    """
    probe = build_model(problem, su)
    present = [g for g in GROUPS if any(m.group == g for m in probe.meta)]
    limit = max(problem.time_limit_s, 1.0)
    for size in sorted({1, 2, len(present)}):
        found: list[Binding] = []
        for combo in combinations(present, size):
            model = build_model(problem, su, elastic=frozenset(combo))
            solved = run(model, limit, 1e-6)
            if solved.x is None:
                continue
            slacks = solved.x[model.slack_first :]
            found.extend(
                _describe(problem, model, model.slack_rows[k], model.meta[model.slack_rows[k]], slacks[k])
                for k in np.flatnonzero(slacks > 1e-6)
            )
        if found:
            return _summarise(problem, found)
    return [Binding("unknown", "HiGHS reports the problem infeasible, but no constraint group explains it")]


def _summarise(problem: Problem, bindings: list[Binding]) -> list[Binding]:
    """One line per candidate, year or resource; a run of uncovered months becomes one line."""
    unit = problem.demand.unit_label
    order = {g: k for k, g in enumerate(GROUPS)}
    out: list[Binding] = []
    coverage = sorted((b for b in bindings if b.group == "coverage"), key=lambda b: b.month)
    if coverage:
        worst = max(coverage, key=lambda b: b.amount)
        first, last = coverage[0].month, coverage[-1].month
        span = first if first == last else f"{first} to {last}"
        out.append(
            Binding(
                "coverage",
                f"demand cannot be covered in {len({b.month for b in coverage})} decision period(s), {span}: "
                f"up to {worst.amount:,.2f} {unit} short ({worst.message})",
                month=first,
                amount=worst.amount,
            )
        )
    by_resource: dict[str, list[Binding]] = {}
    for b in bindings:
        if b.group == "resources":
            by_resource.setdefault(b.resource, []).append(b)
    for name, items in by_resource.items():
        items.sort(key=lambda b: b.month)
        worst = max(items, key=lambda b: b.amount)
        msg = (
            f"resource {name!r} from {items[0].month}: consumers need up to {worst.amount:,.0f} kW more than "
            f"providers can supply (in {worst.month})"
        )
        out.append(Binding("resources", msg, "", items[0].month, worst.amount, name))
    seen: set[tuple[str, str, str]] = set()
    for b in sorted(bindings, key=lambda b: (order.get(b.group, 99), b.month, b.candidate)):
        if b.group in ("coverage", "resources"):
            continue
        key = (b.group, b.candidate, b.month if b.group == "budget" else "")
        if key not in seen:
            seen.add(key)
            out.append(b)
    return sorted(out, key=lambda b: order.get(b.group, 99))


def precheck(problem: Problem) -> list[Binding]:
    """Limits that no schedule can meet, found without the solver."""
    c, tl = problem.candidates, problem.timeline
    T = tl.months
    end = tl.label(T - 1)
    out: list[Binding] = []
    for i in range(len(c)):
        name, lead = c.ids[i], int(c.lead_months[i])
        if not np.isnan(c.fixed_start[i]):
            start = int(c.fixed_start[i])
            if start < 0:
                out.append(
                    Binding(
                        "windows",
                        f"{name} is fixed to start {tl.label(start)}, before the analysis starts ({tl.label(0)})",
                        name,
                        tl.label(start),
                        1.0,
                    )
                )
            elif start + lead >= T:
                out.append(
                    Binding(
                        "windows",
                        f"{name} is fixed to start {tl.label(start)}; with its {lead}-month lead time it enters "
                        f"service {tl.label(start + lead)}, after the horizon ends ({end})",
                        name,
                        tl.label(start + lead),
                        1.0,
                    )
                )
        needed = c.must_build[i] or not np.isnan(c.fixed_start[i])
        if needed and c.blocked[i]:
            out.append(Binding("dependencies", f"{name} must be built but {c.blocked[i]}", name))
        if c.must_build[i] and np.isnan(c.fixed_start[i]):
            earliest = max(lead, lead + (0 if np.isnan(c.earliest_start[i]) else int(c.earliest_start[i])))
            latest = T - 1 if np.isnan(c.latest_start[i]) else min(T - 1, int(c.latest_start[i]) + lead)
            if earliest > latest:
                out.append(
                    Binding(
                        "windows",
                        f"{name} must be built but cannot enter service between {tl.label(0)} and its latest "
                        f"date: the earliest is {tl.label(earliest)} ({lead}-month lead time), the latest "
                        f"{tl.label(latest)}",
                        name,
                        tl.label(earliest),
                        1.0,
                    )
                )
    return out


def optimise(problem: Problem, *, reduce: bool = True, cancel: Cancel | None = None) -> Schedule:
    """The least net-present-cost schedule (HiGHS), or ScheduleInfeasible naming what binds.

    ``reduce=False`` keeps every period start as a decision month (for checking the reduction).
    """
    impossible = precheck(problem)
    if impossible:
        raise ScheduleInfeasible(impossible, problem.site_name)
    su = setup(problem, reduce)
    model = build_model(problem, su)
    n, T = len(problem.candidates), problem.timeline.months
    solved = search.solve(model, n, problem.time_limit_s, problem.mip_rel_gap, cancel)
    if solved.status == 2 or (solved.x is None and solved.status == 4 and "infeasible" in solved.message.lower()):
        raise ScheduleInfeasible(diagnose(problem, su), problem.site_name)
    if solved.x is None:
        raise NoScheduleFound(
            f"{problem.site_name}: {STATUS_TEXT.get(solved.status, solved.message)} without a schedule"
        )
    service = service_months_from(model, solved.x, n, T)
    broken = check_schedule(problem, service)
    if broken:  # never hand out a schedule that breaks a limit
        raise RuntimeError("the optimiser returned a schedule that breaks: " + "; ".join(broken))
    return Schedule(
        service_month=service,
        start_month=service - problem.candidates.lead_months,
        how="optimised",
        status="optimal" if solved.status == 0 else "time limit reached (best schedule found)",
        objective_cny=solved.objective_cny,
        bound_cny=solved.bound_cny,
        gap=solved.gap,
        solve_seconds=solved.seconds,
        decision_months=len(su.epochs),
        exact_reduction=su.reduced,
        energy_exact=su.energy_exact,
        violations=(),
    )


def fixed_schedule(problem: Problem, starts: dict[str, str | None] | None = None) -> Schedule:
    """The schedule given by hand: ``starts`` maps candidate id -> start month ``YYYY-MM`` (None = not built).

    Without ``starts`` the candidates' ``fixed_start`` dates are used. Limits it breaks are
    listed in ``violations`` rather than refused, so a hand schedule can be studied as it is.
    """
    c, tl = problem.candidates, problem.timeline
    T = tl.months
    service = np.full(len(c), T, dtype=int)
    if starts is None:
        for i in range(len(c)):
            if not np.isnan(c.fixed_start[i]):
                service[i] = int(c.fixed_start[i]) + int(c.lead_months[i])
    else:
        unknown = sorted(set(starts) - set(c.ids))
        if unknown:
            raise KeyError(f"no enabled candidate {', '.join(map(repr, unknown))}; candidates: {', '.join(c.ids)}")
        for ident, month in starts.items():
            if month is not None:
                i = c.index(ident)
                service[i] = tl.index(month) + int(c.lead_months[i])
    service = np.where(service < T, service, T)
    return Schedule(
        service_month=service,
        start_month=service - c.lead_months,
        how="fixed",
        status="fixed",
        objective_cny=None,
        bound_cny=None,
        gap=None,
        solve_seconds=0.0,
        decision_months=0,
        exact_reduction=False,
        energy_exact=True,
        violations=tuple(check_schedule(problem, service)),
    )
