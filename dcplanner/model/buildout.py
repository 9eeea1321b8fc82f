"""Build-out inputs: demand forecast, build candidates, budget limits and uncertainty (engine layer).

A site's ``buildout`` says what demand the site should serve over the analysis horizon
(``economics.analysis_years`` from ``start``) and which pieces it may build to serve it: halls,
groups of rows, plant blocks. The phasing solver chooses when each candidate is built (or takes
the dates given here), and the finance module turns the schedule into cash flows.

Dates are months written ``YYYY-MM``. A candidate's *start* is the month construction begins; it
is in service ``lead_time_months`` later. Money is in the site's currency (CNY).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dcplanner.model.schema import items, num

DemandUnit = Literal["it_mw", "pflops"]
Precision = Literal["fp64", "fp64_vector", "fp32", "tf32", "fp16", "bf16", "fp8", "int8"]
CandidateKind = Literal["hall", "rows", "power", "cooling", "plant", "it", "other"]


@dataclass(slots=True, kw_only=True)
class DemandPoint:
    """Demand at one month; between points the forecast is linear, after the last it stays flat."""

    month: str
    value: float = num(min=0, max=1e8, doc="IT MW or PFLOPS, as the forecast's unit says")


@dataclass(slots=True, kw_only=True)
class DemandVariant:
    """One named demand path (low / base / high ...)."""

    id: str
    name: str = ""
    points: list[DemandPoint] = items()
    source: str = ""


@dataclass(slots=True, kw_only=True)
class DemandForecast:
    """Demand for IT load (MW of design IT the tenants take) or compute (PFLOPS at ``precision``)."""

    unit: DemandUnit = "it_mw"
    precision: Precision = "fp16"
    variant: str = "base"
    variants: list[DemandVariant] = items()
    spread_sd_log: float | None = num(
        None,
        min=0,
        max=3,
        doc="1-sigma spread of ln(demand) at the horizon end, growing with the square root of time; "
        "empty: the 'low' and 'high' variants are read as the P10 and P90 of demand",
    )


@dataclass(slots=True, kw_only=True)
class Candidate:
    """Something that can be built: a hall, rows, a plant block or an IT refresh.

    ``covers`` ties the candidate to the site: ids of halls, rows or phases whose cabinets it
    brings into service. Empty capacity fields are then taken from those cabinets (design kW,
    peak compute from the compute solver, accelerator count), and an empty capex from the
    covered phases' ``capex_cny`` or else ``economics.capex_per_cabinet_cny`` per cabinet.
    """

    id: str
    name: str = ""
    kind: CandidateKind = "hall"
    enabled: bool = True
    covers: list[str] = items(doc="hall, row or phase ids whose cabinets this candidate brings into service")
    it_kw: float | None = num(None, min=0, max=1e7, unit="kW", doc="design IT power it adds")
    pflops: float | None = num(None, min=0, max=1e9, unit="PFLOPS", doc="peak compute at the demand precision")
    accelerators: int | None = num(None, min=0, max=10_000_000)
    capex_cny: float | None = num(
        None, min=0, max=1e13, unit="CNY", doc="facility capex, spent evenly over the lead time"
    )
    lead_time_months: int = num(18, min=0, max=120, unit="months", doc="construction start to service")
    fixed_opex_cny_per_year: float | None = num(
        None, min=0, max=1e12, unit="CNY/year", doc="empty: economics.maintenance_frac_of_capex x capex"
    )
    life_years: float = num(20.0, min=1, max=100, unit="years", doc="straight-line life for the residual value")
    it_capex_cny: float = num(0.0, min=0, max=1e13, unit="CNY", doc="servers bought when in service")
    it_life_years: float = num(5.0, min=1, max=30, unit="years", doc="IT is bought again after this")
    requires: list[str] = items(doc="candidates that must be in service no later than this one")
    provides: dict[str, float] = items(dict, doc="resource -> kW it supplies (power_kw, cooling_kw, ...)")
    consumes: dict[str, float] = items(dict, doc="resource -> kW it needs from other candidates")
    earliest_start: str = ""
    latest_start: str = ""
    fixed_start: str = ""
    must_build: bool = False
    notes: str = ""


@dataclass(slots=True, kw_only=True)
class BudgetCap:
    """Most capex that may be spent in the analysis year starting in ``year``."""

    year: int = num(min=1900, max=2200)
    capex_cny: float = num(min=0, max=1e13, unit="CNY")


@dataclass(slots=True, kw_only=True)
class Uncertainty:
    """Spreads for the Monte Carlo draws and the step of the sensitivity (tornado) chart."""

    draws: int = num(10_000, min=1, max=1_000_000)
    seed: int = num(20_260_101, min=0, max=2**32 - 1)
    tariff_sd_frac: float = num(0.15, min=0, max=2, doc="1-sigma of the tariff, share of its value")
    utilisation_sd: float = num(0.10, min=0, max=1, doc="1-sigma of the mean utilisation (absolute)")
    pue_overhead_sd_frac: float = num(0.15, min=0, max=2, doc="1-sigma of (PUE - 1), share of its value")
    tornado_step_frac: float = num(0.2, min=0, max=1, doc="each input is moved by +/- this share")


@dataclass(slots=True, kw_only=True)
class Buildout:
    """The build-out question: demand, candidates, limits, and how to schedule them."""

    start: str = "2025-01"
    period: Literal["month", "quarter", "year"] = "year"
    mode: Literal["optimise", "fixed"] = "optimise"
    coverage: Literal["must_cover", "penalty"] = "penalty"
    unserved_penalty_cny_per_unit_year: float = num(
        0.0,
        min=0,
        max=1e12,
        doc="cost of demand left unserved, per MW-year or PFLOPS-year, on top of the revenue it would bring",
    )
    demand: DemandForecast = items(DemandForecast)
    candidates: list[Candidate] = items()
    capex_cap_cny_per_year: float | None = num(None, min=0, max=1e13, unit="CNY")
    budget_caps: list[BudgetCap] = items(doc="caps for single years, replacing capex_cap_cny_per_year there")
    residual_value: bool = True
    uncertainty: Uncertainty = items(Uncertainty)
    time_limit_s: float = num(30.0, min=0.1, max=86400, unit="s")
    mip_rel_gap: float = num(1e-4, min=0, max=0.5)

    @property
    def planned(self) -> bool:
        """True when there is something to schedule: build candidates or a demand forecast."""
        return bool(self.candidates or self.demand.variants)
