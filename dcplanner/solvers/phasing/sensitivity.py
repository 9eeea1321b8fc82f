"""Tornado chart data: NPV when each key input moves down and up by a share, the schedule held.

Each input is moved alone by ``-step`` and ``+step`` (``buildout.uncertainty.tornado_step_frac``)
around its base value; the schedule is the one being studied (optimised or fixed), so the chart
shows how sensitive its value is, not how the best schedule would adapt. All cases are evaluated
in one vectorised call.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from dcplanner.solvers.phasing.evaluate import Variation, evaluate
from dcplanner.solvers.phasing.results import PhasingResult

INPUTS: tuple[tuple[str, str], ...] = (
    ("demand", "Demand"),
    ("tariff", "Electricity tariff"),
    ("capex", "Capex (facility and IT)"),
    ("utilisation", "Utilisation"),
    ("pue_overhead", "PUE overhead (PUE - 1)"),
    ("price", "Revenue price"),
    ("opex", "O&M and staff"),
    ("discount_rate", "Discount rate"),
)


@dataclass(frozen=True, slots=True)
class Tornado:
    """NPV swing per input, largest swing first."""

    step_frac: float
    base_npv_cny: float
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    low_input: np.ndarray  # the input value at -step (factor for multipliers, value for rates)
    high_input: np.ndarray
    npv_low_cny: np.ndarray  # NPV with the input at -step
    npv_high_cny: np.ndarray

    @property
    def swing_cny(self) -> np.ndarray:
        return np.abs(self.npv_high_cny - self.npv_low_cny)


FACTORS = {
    "demand": "demand_factor",
    "tariff": "tariff_factor",
    "capex": "capex_factor",
    "pue_overhead": "pue_overhead_factor",
    "price": "price_factor",
    "opex": "opex_factor",
}
"""Inputs moved as multipliers, and the Variation field that carries each."""


def _moved(base: Variation, key: str, factor: float, problem_u: float) -> tuple[Variation, float]:
    """``base`` with one input at ``factor`` times its value, and the value it then has."""
    if key in FACTORS:
        name = FACTORS[key]
        return replace(base, **{name: getattr(base, name) * factor}), factor
    if key == "utilisation":
        u = min(max(problem_u * factor, 0.0), 1.0)
        return replace(base, utilisation=np.full_like(base.utilisation, u)), u
    if key == "discount_rate":
        r = float(base.discount_rate[0] * factor)
        return replace(base, discount_rate=np.full_like(base.discount_rate, r)), r
    raise KeyError(key)


def tornado(result: PhasingResult, step_frac: float | None = None) -> Tornado:
    """NPV with each input at (1 - step) and (1 + step) of its base value."""
    problem, state = result.problem, result.state
    step = problem.uncertainty.tornado_step_frac if step_frac is None else step_frac
    base = Variation.base(problem)
    keys = [k for k, _ in INPUTS if not (k == "price" and problem.money.revenue_model == "none")]
    cases: list[Variation] = []
    values: list[float] = []
    for key in keys:
        for factor in (1.0 - step, 1.0 + step):
            var, value = _moved(base, key, factor, problem.utilisation)
            cases.append(var)
            values.append(value)
    npv = evaluate(problem, state, Variation.stack(cases)).npv_cny.reshape(len(keys), 2)
    vals = np.array(values).reshape(len(keys), 2)
    order = np.argsort(-np.abs(npv[:, 1] - npv[:, 0]), kind="stable")
    labels = dict(INPUTS)
    return Tornado(
        step_frac=step,
        base_npv_cny=result.measures.npv_cny,
        keys=tuple(keys[k] for k in order),
        labels=tuple(labels[keys[k]] for k in order),
        low_input=vals[order, 0],
        high_input=vals[order, 1],
        npv_low_cny=npv[order, 0],
        npv_high_cny=npv[order, 1],
    )
