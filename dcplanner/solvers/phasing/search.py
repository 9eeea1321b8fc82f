"""How the schedule MILP is solved: directly, or for large models relax-and-fix first.

Small models (up to ``DIRECT_BINARIES`` service variables) go to HiGHS as they are. On larger
ones HiGHS can spend its whole time limit in the root cut loop with a poor schedule or none, so
it gets half the time limit; if it has not proved optimality by then, a relax-and-fix pass
searches the rest of the time: the decision epochs are cut into windows of about
``WINDOW_BINARIES`` variables, each window solved with its own variables integral, the earlier
windows fixed and the later ones relaxed (a classical lot-sizing heuristic). The better schedule
is kept; HiGHS's dual bound from the first solve says how far from the optimum it can be.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from dcplanner.solvers.phasing.hooks import Cancel, check
from dcplanner.solvers.phasing.milp import SCALE, Model, Solved, run

DIRECT_BINARIES = 2000
WINDOW_BINARIES = 500
DIRECT_SHARE = 0.5  # of the time limit, for HiGHS on the whole model before relax-and-fix


def relax_and_fix(model: Model, candidates: int, time_limit_s: float, cancel: Cancel | None = None) -> Solved | None:
    """A schedule by relax-and-fix over time windows (None if a window found nothing)."""
    t0 = time.perf_counter()
    E = len(model.epochs)
    windows = max(1, round(model.n_y / WINDOW_BINARIES))
    edges = np.linspace(0, E, windows + 1).astype(int)
    epoch_of_col = np.tile(np.arange(E), candidates)
    lb, ub = model.lb.copy(), model.ub.copy()
    last: Solved | None = None
    for k in range(windows):
        check(cancel)
        left = time_limit_s - (time.perf_counter() - t0)
        integrality = model.integrality.copy()
        integrality[: model.n_y][epoch_of_col >= edges[k + 1]] = 0  # later windows relaxed
        last = run(model, left / (windows - k), 1e-3, integrality=integrality, lb=lb, ub=ub)
        if last.x is None:
            return None
        window = np.flatnonzero((epoch_of_col >= edges[k]) & (epoch_of_col < edges[k + 1]))
        fixed = np.round(last.x[window])
        lb[window] = fixed
        ub[window] = fixed
    return last


def solve(
    model: Model, candidates: int, time_limit_s: float, mip_rel_gap: float, cancel: Cancel | None = None
) -> Solved:
    """The best schedule HiGHS and, for large models, relax-and-fix find within the time limit."""
    if model.n_y <= DIRECT_BINARIES:
        return run(model, time_limit_s, mip_rel_gap)
    t0 = time.perf_counter()
    direct = run(model, DIRECT_SHARE * time_limit_s, mip_rel_gap)
    if direct.status == 0 or direct.status == 2:
        return direct
    heuristic = relax_and_fix(model, candidates, time_limit_s - (time.perf_counter() - t0), cancel)
    seconds = time.perf_counter() - t0
    best = direct
    if (
        heuristic is not None
        and heuristic.objective_cny is not None
        and (direct.objective_cny is None or heuristic.objective_cny < direct.objective_cny)
    ):
        best = replace(heuristic, status=1, message="relax-and-fix schedule")
    gap = None
    if best.objective_cny is not None and direct.bound_cny is not None:  # relative, as HiGHS measures it
        solver_objective = best.objective_cny - model.constant / SCALE  # without the decision-free constant
        gap = max(0.0, best.objective_cny - direct.bound_cny) / max(abs(solver_objective), 1e-9)
    status = 0 if gap is not None and gap <= mip_rel_gap else best.status
    return replace(best, status=status, bound_cny=direct.bound_cny, gap=gap, seconds=seconds)
