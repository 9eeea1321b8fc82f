"""Result objects of a phasing solve: schedule, capacity vs demand, cash flows, measures.

Frozen dataclasses of numpy arrays with units in their names. The same objects feed the CLI's
JSON, the GUI plots (capacity vs demand, build-out timeline, cash flow per year) and the Excel
sheets (Phases, Finance).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcplanner.solvers.phasing.energy_curve import EnergyCurve
from dcplanner.solvers.phasing.evaluate import ScheduleState
from dcplanner.solvers.phasing.problem import Problem
from dcplanner.solvers.phasing.schedule import Schedule


@dataclass(frozen=True, slots=True)
class CandidatePlan:
    """One candidate in the schedule."""

    id: str
    name: str
    kind: str
    built: bool
    start_month: str  # construction start, "" if not built
    service_month: str  # first month in service, "" if not built
    lead_months: int
    capacity: float  # demand units
    it_kw: float
    pflops: float
    accelerators: int
    cabinets: int
    capex_cny: float
    it_capex_cny: float
    opex_cny_per_year: float
    requires: tuple[str, ...]
    derivation: str


@dataclass(frozen=True, slots=True)
class Operations:
    """Month by month: capacity against demand and what the built site carries."""

    months: tuple[str, ...]  # "YYYY-MM"
    demand: np.ndarray  # demand units (unit_label)
    demand_p10: np.ndarray  # spread of the forecast (lognormal, see demand.py)
    demand_p90: np.ndarray
    capacity: np.ndarray
    served: np.ndarray
    unserved: np.ndarray
    stranded: np.ndarray  # built capacity carrying no demand
    utilisation: np.ndarray  # served / capacity (0 where nothing is built)
    built_it_kw: np.ndarray
    it_power_kw: np.ndarray  # mean IT power drawn
    it_kwh: np.ndarray
    facility_kwh: np.ndarray
    pue: np.ndarray  # facility / IT energy of the month (NaN without IT energy)
    pflops_in_service: np.ndarray
    accelerators_in_service: np.ndarray
    gpu_hours: np.ndarray
    resources: tuple[str, ...]
    resource_provided_kw: np.ndarray  # (resources, months)
    resource_consumed_kw: np.ndarray
    period_starts: np.ndarray  # month index of each decision period


@dataclass(frozen=True, slots=True)
class CashFlows:
    """Year by year (analysis year k starts in calendar year ``years[k]``), CNY unless named."""

    years: tuple[int, ...]
    capex_cny: np.ndarray
    energy_cny: np.ndarray
    om_cny: np.ndarray
    staff_cny: np.ndarray
    revenue_cny: np.ndarray
    voucher_cny: np.ndarray
    residual_cny: np.ndarray
    net_cash_cny: np.ndarray
    cumulative_cash_cny: np.ndarray
    discount_factor: np.ndarray
    discounted_cash_cny: np.ndarray
    it_kwh: np.ndarray
    facility_kwh: np.ndarray
    pue: np.ndarray
    gpu_hours: np.ndarray
    pflops_years: np.ndarray  # PFLOPS in service x years (at the demand precision)
    served_unit_years: np.ndarray
    unserved_unit_years: np.ndarray


@dataclass(frozen=True, slots=True)
class Measures:
    """The investment case in numbers."""

    npv_cny: float
    irr: float  # NaN when undefined
    payback_years: float  # NaN when never
    discounted_payback_years: float
    capex_cny: float  # nominal, facility + IT
    capex_pv_cny: float
    energy_cny_per_year: float  # mean over the years with IT in service
    cost_pv_cny: float  # capex + O&M + staff + energy - residual, present value
    levelised_cost_cny_per_it_kwh: float
    cost_per_gpu_hour_cny: float
    cost_per_pflops_year_cny: float
    annual_pue: float  # facility / IT energy over the horizon (energy-weighted)
    final_year_pue: float
    peak_pflops: float
    final_it_mw: float
    served_share: float  # served / demand over the horizon
    peak_shortfall: float  # largest unserved demand in a month (demand units)
    discount_rate: float
    tariff_cny_per_kwh: float  # energy-weighted, time-of-use applied


@dataclass(frozen=True, slots=True)
class PhasingResult:
    """Everything solved for one (scenario) site's build-out."""

    site_id: str
    site_name: str
    scenario: str  # "" = base site
    unit: str  # it_mw or pflops
    unit_label: str  # "MW" or "PFLOPS FP16"
    precision: str
    demand_variant: str
    schedule: Schedule
    candidates: tuple[CandidatePlan, ...]
    operations: Operations
    cash: CashFlows
    measures: Measures
    energy_source: str
    energy_curve: EnergyCurve
    notes: tuple[str, ...]  # how the numbers were made (approximations, reductions)
    problem: Problem
    state: ScheduleState

    @property
    def pflops_precision_label(self) -> str:
        return self.precision.upper()

    def period_view(self, values: np.ndarray, how: str = "mean") -> np.ndarray:
        """A monthly series aggregated to the decision periods (mean, sum, max or last)."""
        starts = self.operations.period_starts
        if how == "sum":
            return np.add.reduceat(values, starts)
        if how == "max":
            return np.maximum.reduceat(values, starts)
        if how == "last":
            ends = np.append(starts[1:], len(values)) - 1
            return values[ends]
        counts = np.diff(np.append(starts, len(values)))
        return np.add.reduceat(values, starts) / counts
