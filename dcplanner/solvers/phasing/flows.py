"""Monthly money flows that belong to one candidate, for any month it may enter service.

The same function prices a candidate for the optimiser (one row per possible service month) and
for the cash-flow report (the month the schedule chose), so the two cannot disagree.

- Facility capex is spent evenly over the ``lead_months`` before service (in the service month
  itself when the lead time is zero).
- IT capex is spent in the service month and again every ``it_life_months`` (refresh).
- O&M and the per-MW staff cost run from the service month to the horizon end.
- The residual value at the horizon end is straight-line: facility capex x (1 - age / life), IT
  capex x (1 - age since the last purchase / IT life); it is booked in the last month.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcplanner.solvers.phasing.problem import Problem


@dataclass(frozen=True, slots=True)
class CandidateFlows:
    """Flows of one candidate for K service months; arrays (K, months), CNY, positive = spent."""

    facility_capex: np.ndarray
    it_capex: np.ndarray
    opex: np.ndarray
    staff: np.ndarray
    residual: np.ndarray  # positive = value recovered
    in_service: np.ndarray  # bool

    @property
    def capex(self) -> np.ndarray:
        return self.facility_capex + self.it_capex

    @property
    def net_cost(self) -> np.ndarray:
        return self.facility_capex + self.it_capex + self.opex + self.staff - self.residual


def candidate_flows(problem: Problem, i: int, service_months: np.ndarray) -> CandidateFlows:
    """Flows of candidate ``i`` for each service month in ``service_months`` (>= months: never built)."""
    c, T = problem.candidates, problem.timeline.months
    tau = np.asarray(service_months, dtype=int)[:, None]
    built = tau < T
    m = np.arange(T)[None, :]
    lead = int(c.lead_months[i])
    if lead > 0:
        facility = np.where(built & (m >= tau - lead) & (m < tau), c.capex_cny[i] / lead, 0.0)
    else:
        facility = np.where(built & (m == tau), c.capex_cny[i], 0.0)
    life_it = int(c.it_life_months[i])
    since = m - tau
    in_service = (since >= 0) & built
    it_capex = np.where(in_service & (since % life_it == 0), c.it_capex_cny[i], 0.0)
    opex = np.where(in_service, c.opex_cny_per_year[i] / 12.0, 0.0)
    staff = np.where(in_service, problem.money.staff_cny_per_mw_year * c.it_kw[i] / 1000.0 / 12.0, 0.0)
    residual = np.zeros((len(tau), T))
    if problem.money.residual_value:
        age_months = (T - tau[:, 0]).astype(float)
        facility_left = c.capex_cny[i] * np.clip(1.0 - age_months / (12.0 * c.life_years[i]), 0.0, 1.0)
        it_age = (T - tau[:, 0]) % life_it
        it_age = np.where(it_age == 0, life_it, it_age)
        it_left = c.it_capex_cny[i] * (1.0 - it_age / life_it)
        residual[:, T - 1] = np.where(built[:, 0], facility_left + it_left, 0.0)
    return CandidateFlows(facility, it_capex, opex, staff, residual, in_service)
