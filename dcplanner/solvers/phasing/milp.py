"""The schedule as a mixed-integer programme, solved with scipy.optimize.milp (HiGHS).

Variables: ``y[i, e]`` = 1 if candidate i is in service at decision epoch e (monotone in e, so
the first epoch with y = 1 is its service month); served demand ``s[t]`` per month when unserved
demand is allowed (penalty mode); facility energy ``E[t]`` per month (epigraph of the energy
curve's convex hull); compute-voucher income per year. Objective: net present cost, i.e.
capex + O&M + staff + energy + unserved penalty - revenue - vouchers - residual value, each
month discounted by its analysis year (minus the NPV, plus the penalty).

Constraint groups (named in infeasibility reports): ``coverage`` (capacity >= peak demand of
every epoch), ``resources`` (provided >= consumed kW of every resource), ``dependencies``
(required candidates in service no later), ``budget`` (capex per year <= cap), ``windows``
(earliest / latest / fixed dates, must-build, construction not before the analysis start).

Energy and revenue are exact when every demand-carrying candidate has the same design kW (and
accelerators) per demand unit, always true for IT-MW demand; otherwise the optimiser uses the
capacity-weighted mean ratio and the report evaluates the schedule exactly.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from dcplanner.solvers.phasing.epochs import decision_months
from dcplanner.solvers.phasing.flows import candidate_flows
from dcplanner.solvers.phasing.problem import Problem
from dcplanner.solvers.phasing.timeline import HOURS_PER_MONTH, to_years

if TYPE_CHECKING:  # scipy (about 0.4 s to import) loads when a schedule is first optimised
    from scipy.sparse import coo_array

GROUPS = ("coverage", "resources", "dependencies", "budget", "windows")
SCALE = 1e-6  # objective and budget rows in M CNY for the solver
GWH = 1e6  # energy epigraph variables in GWh/year


@dataclass(frozen=True, slots=True)
class Row:
    """What one constraint row stands for (for infeasibility reports)."""

    group: str
    kind: str
    candidate: int = -1
    other: int = -1
    epoch: int = -1
    year: int = -1
    resource: str = ""


@dataclass(slots=True)
class _Rows:
    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    vals: list[float] = field(default_factory=list)
    lo: list[float] = field(default_factory=list)
    hi: list[float] = field(default_factory=list)
    meta: list[Row] = field(default_factory=list)

    def add(
        self, cols: np.ndarray | list[int], vals: np.ndarray | list[float], lo: float, hi: float, meta: Row
    ) -> None:
        r = len(self.lo)
        cols = np.asarray(cols, dtype=int)
        self.rows.extend([r] * len(cols))
        self.cols.extend(cols.tolist())
        self.vals.extend(np.asarray(vals, dtype=float).tolist())
        self.lo.append(lo)
        self.hi.append(hi)
        self.meta.append(meta)


@dataclass(frozen=True, slots=True)
class Costs:
    """Present cost of each candidate for each possible service month, and its capex by year."""

    pv_cny: np.ndarray  # (candidates, months + 1); last column = never built (0)
    capex_by_year_cny: np.ndarray  # (candidates, months + 1, years)
    valid: np.ndarray  # (candidates, months + 1) bool: construction starts inside the horizon
    monotone: bool  # later service never costs more, for every candidate


def candidate_costs(problem: Problem) -> Costs:
    T, Y = problem.timeline.months, problem.timeline.years
    disc = problem.timeline.discount_by_month(problem.money.discount_rate)
    options = np.arange(T + 1)
    n = len(problem.candidates)
    pv = np.zeros((n, T + 1))
    by_year = np.zeros((n, T + 1, Y))
    valid = np.zeros((n, T + 1), dtype=bool)
    monotone = True
    for i in range(n):
        fl = candidate_flows(problem, i, options)
        pv[i] = fl.net_cost @ disc
        by_year[i] = to_years(fl.capex)
        valid[i] = options >= problem.candidates.lead_months[i]
        ok = pv[i][valid[i]]
        if np.any(np.diff(ok) > 1e-9 * max(1.0, float(np.abs(ok).max(initial=0.0)))):
            monotone = False
    return Costs(pv, by_year, valid, monotone)


@dataclass(frozen=True, slots=True)
class Model:
    """A built MILP with everything needed to read its solution back."""

    c: np.ndarray
    A: coo_array
    lo: np.ndarray
    hi: np.ndarray
    lb: np.ndarray
    ub: np.ndarray
    integrality: np.ndarray
    constant: float  # objective constant (M CNY): flows that no decision changes
    epochs: np.ndarray  # month of each decision epoch
    epoch_of_month: np.ndarray
    n_y: int
    meta: tuple[Row, ...]
    slack_rows: np.ndarray  # row index of each slack column (elastic models)
    slack_first: int  # first slack column


@dataclass(frozen=True, slots=True)
class Setup:
    """Epochs and the facts about the problem that decide how the model is built."""

    epochs: np.ndarray
    reduced: bool
    energy_exact: bool
    served_kw_per_unit: float
    accelerators_per_unit: float
    costs: Costs
    service_limits: tuple[np.ndarray, np.ndarray, np.ndarray]  # earliest, latest, fixed service month (NaN none)
    serving_pays: bool  # revenue + penalty per unit served >= its marginal energy cost


def _service_limits(problem: Problem) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    c = problem.candidates
    lead = c.lead_months.astype(float)
    earliest = np.maximum(lead, c.earliest_start + lead)
    earliest = np.where(np.isnan(earliest), lead, earliest)
    return earliest, c.latest_start + lead, c.fixed_start + lead


def setup(problem: Problem, reduce: bool = True) -> Setup:
    c, T = problem.candidates, problem.timeline.months
    costs = candidate_costs(problem)
    earliest, latest, fixed = _service_limits(problem)
    carrying = c.capacity > 0
    total_cap = float(c.capacity[carrying].sum())
    ratio_kw = c.it_kw[carrying] / np.where(c.capacity[carrying] > 0, c.capacity[carrying], 1.0)
    ratio_acc = c.accelerators[carrying] / np.where(c.capacity[carrying] > 0, c.capacity[carrying], 1.0)
    kw_per_unit = float(c.it_kw[carrying].sum() / total_cap) if total_cap > 0 else 0.0
    acc_per_unit = float(c.accelerators[carrying].sum() / total_cap) if total_cap > 0 else 0.0

    def uniform(r: np.ndarray) -> bool:  # within 0.1 % (one server more or less in a phase)
        return len(r) == 0 or bool(np.ptp(r) <= 1e-3 * max(1e-12, float(np.abs(r).max())))

    intercepts, slopes = problem.curve.hull()
    money = problem.money
    rev_unit = 0.0
    if money.revenue_model == "colocation":
        rev_unit = money.colocation_cny_per_kw_month * kw_per_unit
    elif money.revenue_model == "compute":
        rev_unit = money.gpu_hour_price_cny * acc_per_unit * HOURS_PER_MONTH * problem.utilisation
    marginal_energy = (
        (float(slopes.max(initial=0.0)) * float(problem.it_power_share(problem.utilisation)) * kw_per_unit)
        * money.tariff_cny_per_kwh
        / 12.0
    )
    serving_pays = rev_unit + problem.unserved_penalty_cny_per_unit_year / 12.0 >= marginal_energy
    exact_ok = (
        reduce
        and problem.coverage == "must_cover"
        and bool(np.all(np.isinf(problem.budget_cap_cny_by_year)))
        and costs.monotone
        and bool(np.all(intercepts >= -1e-9))
    )
    buildable = np.array([not b for b in c.blocked], dtype=bool) & carrying
    epochs, reduced = decision_months(
        T,
        problem.timeline.period_months,
        fixed[~np.isnan(fixed)],  # fixed dates may fall between period starts
        latest[~np.isnan(latest)],
        demand=problem.demand.monthly if exact_ok else None,
        capacities=c.capacity[buildable] if exact_ok else None,
    )
    return Setup(
        epochs=epochs,
        reduced=reduced,
        energy_exact=uniform(ratio_kw) and (problem.money.revenue_model != "compute" or uniform(ratio_acc)),
        served_kw_per_unit=kw_per_unit,
        accelerators_per_unit=acc_per_unit,
        costs=costs,
        service_limits=(earliest, latest, fixed),
        serving_pays=serving_pays,
    )


def _symmetry_pairs(problem: Problem, su: Setup) -> list[tuple[int, int]]:
    """Pairs (a, b): some optimal schedule has a in service no later than b.

    a and b must be interchangeable (same capacity, power, compute, lead time, lives, resources,
    requirements, no dependents, no date limits). Identical costs always allow the order; a
    cheaper a (in every cost) allows it when later service never costs more and there is no
    budget cap (then swapping a more expensive earlier build for a cheaper one cannot cost more).
    """
    c = problem.candidates
    dependents = {j for reqs in c.requires for j in reqs}
    free = [
        i
        for i in range(len(c))
        if i not in dependents
        and not c.blocked[i]
        and np.isnan(c.earliest_start[i])
        and np.isnan(c.latest_start[i])
        and np.isnan(c.fixed_start[i])
        and not c.must_build[i]
    ]
    groups: dict[tuple, list[int]] = {}
    for i in free:
        key = (
            c.capacity[i],
            c.it_kw[i],
            c.accelerators[i],
            c.pflops[i],
            c.lead_months[i],
            c.it_life_months[i],
            c.life_years[i],
            tuple(c.provides_kw[i]),
            tuple(c.consumes_kw[i]),
            tuple(sorted(c.requires[i])),
        )
        groups.setdefault(key, []).append(i)
    dominance = su.costs.monotone and bool(np.all(np.isinf(problem.budget_cap_cny_by_year)))
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        price = {i: (c.capex_cny[i], c.it_capex_cny[i], c.opex_cny_per_year[i]) for i in members}
        if dominance:
            members = sorted(members, key=lambda i: (price[i], i))
            for a, b in itertools.pairwise(members):
                if all(x <= y for x, y in zip(price[a], price[b], strict=True)):
                    pairs.append((a, b))
        else:
            same: dict[tuple, list[int]] = {}
            for i in members:
                same.setdefault(price[i], []).append(i)
            for ms in same.values():
                pairs.extend(itertools.pairwise(ms))
    return pairs


def build_model(problem: Problem, su: Setup, elastic: frozenset[str] = frozenset()) -> Model:
    """The MILP; groups named in ``elastic`` get slack columns and the objective becomes their sum."""
    c, tl, money = problem.candidates, problem.timeline, problem.money
    T, Y, n = tl.months, tl.years, len(problem.candidates)
    epochs = su.epochs
    E = len(epochs)
    epoch_of_month = np.searchsorted(epochs, np.arange(T), side="right") - 1
    np.append(epochs[1:], T)
    disc = tl.discount_by_month(money.discount_rate)
    D = problem.demand.monthly
    penalty_mode = problem.coverage == "penalty"
    p_share = float(problem.it_power_share(problem.utilisation))

    # Column layout: y (n*E) | s (T, penalty mode) | E_t (T, if energy matters) | vouchers (Y) | slacks
    def y(i: int, e: int) -> int:
        return i * E + e

    n_y = n * E
    col = n_y
    s0 = col
    if penalty_mode:
        col += T
    a_k, b_k = problem.curve.hull()
    energy_on = money.tariff_cny_per_kwh > 0 and bool(np.any(c.it_kw > 0))
    e0 = col  # E_t: facility energy rate of month t, GWh/year
    b0 = col + T  # B_e: design IT built at epoch e, MW (keeps the energy rows short)
    if energy_on:
        col += T + E
    use_vouchers = penalty_mode and money.revenue_model == "compute" and money.voucher_share > 0
    v0 = col
    if use_vouchers:
        col += Y
    force_serve = penalty_mode and not su.serving_pays
    z0 = col  # z_t = 1 when demand (not capacity) limits what is served
    if force_serve:
        col += T
    n_main = col

    cost = np.zeros(n_main)
    lb = np.zeros(n_main)
    ub = np.ones(n_main)
    integrality = np.zeros(n_main)
    integrality[:n_y] = 1
    integrality[z0 : z0 + (T if force_serve else 0)] = 1
    constant = 0.0

    # Candidate costs: online at epoch k costs pv(epochs[k]); y telescopes.
    pv = su.costs.pv_cny
    pv_epochs = pv[:, np.append(epochs, T)]  # (n, E+1), last = never (0)
    cost[:n_y] = (pv_epochs[:, :-1] - pv_epochs[:, 1:]).ravel()

    # Served demand, revenue and penalty.
    kw_u, acc_u = su.served_kw_per_unit, su.accelerators_per_unit
    rev_per_unit_month = 0.0
    if money.revenue_model == "colocation":
        rev_per_unit_month = money.colocation_cny_per_kw_month * kw_u
    elif money.revenue_model == "compute":
        rev_per_unit_month = money.gpu_hour_price_cny * acc_u * HOURS_PER_MONTH * problem.utilisation
    pen_per_unit_month = problem.unserved_penalty_cny_per_unit_year / 12.0
    if penalty_mode:
        ub[s0 : s0 + T] = D
        cost[s0 : s0 + T] = -(rev_per_unit_month + pen_per_unit_month) * disc
        constant += float(pen_per_unit_month * D @ disc)
    else:
        constant -= float(rev_per_unit_month * D @ disc)
        if money.revenue_model == "compute" and money.voucher_share > 0:
            rev_y = to_years(rev_per_unit_month * D)
            constant -= float(np.minimum(money.voucher_share * rev_y, money.voucher_cap_cny_per_year) @ disc[::12])
    constant += money.staff_fixed_cny_per_year / 12.0 * float(disc.sum())

    rows = _Rows()

    # Monotone service: y[i, e] >= y[i, e-1]; a month that is not a period start (a fixed date)
    # admits only the candidate fixed to it.
    on_grid = epochs % tl.period_months == 0
    fixed_epochs = su.service_limits[2]
    for i in range(n):
        for e in range(1, E):
            hi = np.inf if on_grid[e] or fixed_epochs[i] == epochs[e] else 0.0
            rows.add([y(i, e), y(i, e - 1)], [1.0, -1.0], 0.0, hi, Row("structure", "monotone", i, epoch=e))

    # Coverage.
    carrying = np.flatnonzero(c.capacity > 0)
    if penalty_mode:
        big_m = max(float(D.max(initial=0.0)), float(c.capacity.sum()), 1.0)
        for t in range(T):
            cols = np.append(carrying * E + epoch_of_month[t], s0 + t)
            rows.add(cols, np.append(-c.capacity[carrying], 1.0), -np.inf, 0.0, Row("structure", "served", epoch=t))
            if force_serve:  # s_t = min(D_t, C_t): serve what the capacity allows even when it does not pay
                rows.add(
                    np.append(cols, z0 + t),
                    np.concatenate([-c.capacity[carrying], [1.0, -big_m]]),
                    -big_m,
                    np.inf,
                    Row("structure", "serve_capacity", epoch=t),
                )
                rows.add([s0 + t, z0 + t], [1.0, big_m], D[t], np.inf, Row("structure", "serve_demand", epoch=t))
    else:
        peaks = np.maximum.reduceat(D, epochs)
        tol = 1e-9 * max(float(D.max(initial=0.0)), 1.0)
        for e in range(E):
            if peaks[e] > tol:
                rows.add(
                    carrying * E + e, c.capacity[carrying], peaks[e] - tol, np.inf, Row("coverage", "demand", epoch=e)
                )

    # Resources.
    for r, name in enumerate(c.resources):
        net = c.provides_kw[:, r] - c.consumes_kw[:, r]
        users = np.flatnonzero(net != 0)
        if not np.any(net[users] < 0):
            continue
        for e in range(E):
            rows.add(users * E + e, net[users], 0.0, np.inf, Row("resources", "balance", epoch=e, resource=name))

    # Dependencies and blocked candidates.
    for i in range(n):
        for j in c.requires[i]:
            for e in range(E):
                rows.add([y(j, e), y(i, e)], [1.0, -1.0], 0.0, np.inf, Row("dependencies", "requires", i, j, epoch=e))
        if c.blocked[i]:
            rows.add([y(i, E - 1)], [1.0], -np.inf, 0.0, Row("dependencies", "blocked", i))

    # Budget caps.
    caps = problem.budget_cap_cny_by_year
    if np.any(np.isfinite(caps)):
        spend = su.costs.capex_by_year_cny[:, np.append(epochs, T), :]  # (n, E+1, Y)
        delta = spend[:, :-1, :] - spend[:, 1:, :]
        for k in np.flatnonzero(np.isfinite(caps)).tolist():
            coef = delta[:, :, k].ravel() * SCALE  # row in M CNY
            nz = np.flatnonzero(coef)
            rows.add(nz, coef[nz], -np.inf, float(caps[k]) * SCALE, Row("budget", "cap", year=int(k)))

    # Windows: earliest service (incl. construction inside the horizon), latest, fixed, must-build.
    earliest, latest, fixed = su.service_limits
    for i in range(n):
        first_ok = int(np.searchsorted(epochs, earliest[i], side="left"))  # first epoch >= earliest
        if first_ok > 0:
            rows.add([y(i, min(first_ok, E) - 1)], [1.0], -np.inf, 0.0, Row("windows", "earliest", i))
        if not np.isnan(fixed[i]):
            k = int(np.searchsorted(epochs, fixed[i]))
            if k < E:
                rows.add([y(i, k)], [1.0], 1.0, np.inf, Row("windows", "fixed", i, epoch=k))
                if k > 0:
                    rows.add([y(i, k - 1)], [1.0], -np.inf, 0.0, Row("windows", "fixed_not_before", i, epoch=k))
            else:  # in service only after the horizon: contradictory on purpose (never silently dropped)
                rows.add([y(i, E - 1)], [1.0], 1.0, np.inf, Row("windows", "fixed_beyond_horizon", i))
                rows.add([y(i, E - 1)], [1.0], -np.inf, 0.0, Row("windows", "fixed_beyond_horizon", i))
        if not np.isnan(latest[i]):
            k = int(np.searchsorted(epochs, latest[i], side="right")) - 1  # last epoch <= latest
            if c.must_build[i]:
                if k < 0:
                    rows.add([y(i, E - 1)], [1.0], 1.0, np.inf, Row("windows", "latest_before_start", i))
                else:
                    rows.add([y(i, k)], [1.0], 1.0, np.inf, Row("windows", "must_by_latest", i, epoch=k))
            elif k < 0:
                rows.add([y(i, E - 1)], [1.0], -np.inf, 0.0, Row("windows", "latest_before_start", i))
            elif k < E - 1:
                rows.add([y(i, E - 1), y(i, k)], [1.0, -1.0], -np.inf, 0.0, Row("windows", "latest", i, epoch=k))
        elif c.must_build[i]:
            rows.add([y(i, E - 1)], [1.0], 1.0, np.inf, Row("windows", "must_build", i))

    # Symmetry: interchangeable candidates in a fixed order (no effect on the optimum).
    if not elastic:
        for a, b in _symmetry_pairs(problem, su):
            for e in range(E):
                rows.add([y(a, e), y(b, e)], [1.0, -1.0], 0.0, np.inf, Row("structure", "symmetry", a, b, epoch=e))

    # Energy epigraph: E_t >= a_k B_t + b_k W_t, E_t in GWh/year, B_e in MW (rows scaled to GWh).
    if energy_on:
        ub[e0 : e0 + T + E] = np.inf
        cost[e0 : e0 + T] = money.tariff_cny_per_kwh * disc / 12.0 * GWH
        built = np.flatnonzero(c.it_kw > 0)
        for e in range(E):  # B_e = sum of design IT in service at epoch e
            rows.add(
                np.append(b0 + e, built * E + e),
                np.append(1.0, -c.it_kw[built] / 1000.0),
                0.0,
                0.0,
                Row("structure", "built_it", epoch=e),
            )
        for t in range(T):
            bcol = b0 + epoch_of_month[t]
            for a, b in zip(a_k, b_k, strict=True):
                if penalty_mode:
                    rows.add(
                        [e0 + t, bcol, s0 + t],
                        [1.0, -a * 1000.0 / GWH, -b * p_share * kw_u / GWH],
                        0.0,
                        np.inf,
                        Row("structure", "energy", epoch=t),
                    )
                else:
                    rows.add(
                        [e0 + t, bcol],
                        [1.0, -a * 1000.0 / GWH],
                        b * p_share * kw_u * D[t] / GWH,
                        np.inf,
                        Row("structure", "energy", epoch=t),
                    )

    # Vouchers: v_k <= share x revenue_k, v_k <= cap; v_k in M CNY.
    if use_vouchers:
        ub[v0 : v0 + Y] = money.voucher_cap_cny_per_year * SCALE
        cost[v0 : v0 + Y] = -disc[::12] / SCALE
        for k in range(Y):
            months = np.arange(12 * k, 12 * k + 12)
            rows.add(
                np.append(v0 + k, s0 + months),
                np.append(1.0, -money.voucher_share * rev_per_unit_month * SCALE * np.ones(12)),
                -np.inf,
                0.0,
                Row("structure", "voucher", year=k),
            )

    # Elastic copies: one slack per row of a relaxed group; objective = their weighted sum.
    slack_rows: list[int] = []
    weights: list[float] = []
    if elastic:
        for r, meta in enumerate(rows.meta):
            if meta.group in elastic:
                slack_rows.append(r)
                scale = max(
                    abs(rows.lo[r]) if np.isfinite(rows.lo[r]) else 0.0,
                    abs(rows.hi[r]) if np.isfinite(rows.hi[r]) else 0.0,
                    1.0,
                )
                weights.append(1.0 / scale)
    n_slack = len(slack_rows)
    from scipy.sparse import coo_array

    A = coo_array(
        (np.array(rows.vals), (np.array(rows.rows, dtype=int), np.array(rows.cols, dtype=int))),
        shape=(len(rows.lo), n_main),
    )
    if n_slack:
        sign = np.array([1.0 if np.isfinite(rows.lo[r]) else -1.0 for r in slack_rows])
        S = coo_array((sign, (np.array(slack_rows), np.arange(n_slack))), shape=(len(rows.lo), n_slack))
        from scipy.sparse import hstack

        A = hstack([A, S]).tocoo()
        cost = np.concatenate([np.zeros(n_main), np.array(weights)])
        lb = np.concatenate([lb, np.zeros(n_slack)])
        ub = np.concatenate([ub, np.full(n_slack, np.inf)])
        integrality = np.concatenate([integrality, np.zeros(n_slack)])
        constant = 0.0
    return Model(
        c=cost * (SCALE if not n_slack else 1.0),
        A=A,
        lo=np.array(rows.lo),
        hi=np.array(rows.hi),
        lb=lb,
        ub=ub,
        integrality=integrality,
        constant=constant * SCALE,
        epochs=epochs,
        epoch_of_month=epoch_of_month,
        n_y=n_y,
        meta=tuple(rows.meta),
        slack_rows=np.array(slack_rows, dtype=int),
        slack_first=n_main,
    )


@dataclass(frozen=True, slots=True)
class Solved:
    """HiGHS outcome of one model."""

    status: int  # scipy milp status: 0 optimal, 1 limit reached, 2 infeasible, 3 unbounded, 4 other
    message: str
    x: np.ndarray | None
    objective_cny: float | None  # net present cost incl. the constant
    bound_cny: float | None
    gap: float | None
    seconds: float


def run(
    model: Model,
    time_limit_s: float,
    mip_rel_gap: float,
    *,
    integrality: np.ndarray | None = None,
    lb: np.ndarray | None = None,
    ub: np.ndarray | None = None,
    cutoff: float | None = None,
) -> Solved:
    """One HiGHS solve of ``model``, optionally with other integrality or bounds, or an objective cutoff.

    ``cutoff`` (scaled objective units) adds the row ``c x <= cutoff``: only schedules at least as
    good as a known one are searched, so HiGHS prunes with it.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array, vstack

    t0 = time.perf_counter()
    A, lo, hi = model.A.tocsr(), model.lo, model.hi
    if cutoff is not None:
        A = vstack([A, coo_array(model.c[None, :])]).tocsr()
        lo, hi = np.append(lo, -np.inf), np.append(hi, cutoff)
    res = milp(
        model.c,
        constraints=LinearConstraint(A, lo, hi),
        integrality=model.integrality if integrality is None else integrality,
        bounds=Bounds(model.lb if lb is None else lb, model.ub if ub is None else ub),
        options={"time_limit": max(time_limit_s, 0.01), "mip_rel_gap": mip_rel_gap, "disp": False},
    )
    seconds = time.perf_counter() - t0
    x = res.x if res.x is not None else None
    obj = None if x is None else (float(res.fun) + model.constant) / SCALE
    bound = getattr(res, "mip_dual_bound", None)
    bound_cny = None if bound is None or not np.isfinite(bound) else (float(bound) + model.constant) / SCALE
    gap = getattr(res, "mip_gap", None)
    return Solved(int(res.status), str(res.message), x, obj, bound_cny, None if gap is None else float(gap), seconds)


def service_months_from(model: Model, x: np.ndarray, n: int, months: int) -> np.ndarray:
    """First epoch month with y = 1 for each candidate (``months`` = never built)."""
    E = len(model.epochs)
    yv = x[: model.n_y].reshape(n, E) > 0.5
    first = np.where(yv.any(axis=1), yv.argmax(axis=1), E)
    return np.where(first < E, model.epochs[np.minimum(first, E - 1)], months).astype(int)
