"""Side-by-side comparison of a site's scenarios, the base site first, and its JSON and text (engine).

Each scenario (dotted-path overrides of the base site: demand variant, tariff, phase timing,
cooling architecture, hardware generation ...) is solved on its own, with its own energy curve,
schedule and cash flows. A scenario without a feasible schedule stays in the table with the
binding constraint named instead of numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from dcplanner.climate import WeatherFileError
from dcplanner.model.schema import ValidationError
from dcplanner.model.site import Site
from dcplanner.model.validation import RESERVED_SCENARIO_ID
from dcplanner.scenarios import scenario_site
from dcplanner.solvers.phasing.energy_curve import EnergyCurveSource
from dcplanner.solvers.phasing.hooks import Cancel, Progress, check, report
from dcplanner.solvers.phasing.report import json_array, measures_json, percent_text, years_text
from dcplanner.solvers.phasing.results import PhasingResult
from dcplanner.solvers.phasing.schedule import NoScheduleFound, ScheduleInfeasible
from dcplanner.solvers.phasing.solve import solve_phasing

BASE_ID = RESERVED_SCENARIO_ID


@dataclass(frozen=True, slots=True)
class ScenarioOutcome:
    """One row of the comparison: a solved scenario, or why it has no numbers."""

    id: str
    name: str
    description: str
    result: PhasingResult | None
    problem: str  # empty when solved; else the reason (infeasible: binding constraints)

    @property
    def ok(self) -> bool:
        return self.result is not None


@dataclass(frozen=True, slots=True)
class Comparison:
    """All scenarios of a site, the base first, in file order."""

    site_id: str
    site_name: str
    rows: tuple[ScenarioOutcome, ...]

    def table(self) -> dict[str, np.ndarray]:
        """Column arrays for a table (NaN where a scenario has no numbers)."""
        keys = (
            "npv_cny",
            "irr",
            "payback_years",
            "capex_cny",
            "annual_pue",
            "energy_cny_per_year",
            "peak_pflops",
            "cost_per_gpu_hour_cny",
            "levelised_cost_cny_per_it_kwh",
            "served_share",
        )
        return {k: np.array([getattr(r.result.measures, k) if r.result else math.nan for r in self.rows]) for k in keys}


def compare_scenarios(
    site: Site,
    energy: EnergyCurveSource,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Comparison:
    """Solve the base site and every scenario."""
    entries: list[tuple[str, str, str, Site | None, str]] = [(BASE_ID, "Base site", site.description, site, "")]
    for sc in site.scenarios:
        try:
            entries.append((sc.id, sc.name or sc.id, sc.description, scenario_site(site, sc.id), ""))
        except ValidationError as exc:
            entries.append((sc.id, sc.name or sc.id, sc.description, None, f"invalid overrides: {exc}"))
    rows: list[ScenarioOutcome] = []
    for k, (ident, name, description, variant, problem) in enumerate(entries):
        check(cancel)
        result = None
        if variant is not None:
            try:
                result = solve_phasing(variant, energy, scenario="" if ident == BASE_ID else ident, cancel=cancel)
            except (ScheduleInfeasible, NoScheduleFound, ValidationError, WeatherFileError) as exc:
                problem = str(exc)  # this scenario has no numbers; the others still compare
        rows.append(ScenarioOutcome(ident, name, description, result, problem))
        report(progress, (k + 1) / len(entries))
    return Comparison(site.id, site.name, tuple(rows))


# ---------------------------------------------------------------------------------------------
# JSON and text


def comparison_json(cmp: Comparison) -> dict[str, Any]:
    """The scenario comparison as one JSON-ready dict."""
    rows = []
    for r in cmp.rows:
        row: dict[str, Any] = {"id": r.id, "name": r.name, "description": r.description, "ok": r.ok}
        if r.result is None:
            row["problem"] = r.problem
        else:
            res = r.result
            row["measures"] = measures_json(res.measures)
            row["servable"] = res.problem.servable.json() if res.problem.servable is not None else None
            row["demand_variant"] = res.demand_variant
            row["unit_label"] = res.unit_label
            row["schedule"] = {c.id: c.start_month or None for c in res.candidates}
            row["years"] = list(res.cash.years)
            row["cumulative_cash_cny"] = json_array(res.cash.cumulative_cash_cny)
        rows.append(row)
    return {"site": {"id": cmp.site_id, "name": cmp.site_name}, "basis": HORIZON_BASIS, "scenarios": rows}


HORIZON_BASIS = (
    "PUE and energy are over the build-out horizon (energy-weighted PUE; energy cost the mean of the years "
    "in service, as the load ramps up), not the design snapshot that `dcplanner solve` reports"
)
"""How the comparison's PUE and energy differ from the single-year solve (said wherever both appear)."""


def comparison_text(cmp: Comparison) -> str:
    """The scenario table."""
    head = (
        f"{'scenario':<22} {'NPV M CNY':>11} {'IRR':>7} {'payback':>8} {'capex M':>9} {'PUE':>6} "
        f"{'energy M/y':>10} {'peak PF':>9} {'CNY/GPU-h':>9} {'served':>7}"
    )
    lines = [
        f"Scenarios: {cmp.site_name} (peak PF at each site's demand precision)",
        HORIZON_BASIS,
        head,
    ]
    for r in cmp.rows:
        if r.result is None:
            first = r.problem.splitlines()
            reason = "; ".join(x.strip() for x in first[1:3]) or (first[0] if first else "")
            lines.append(f"{r.id:<22} no result: {reason}")
            continue
        m = r.result.measures
        lines.append(
            f"{r.id:<22} {m.npv_cny / 1e6:>11,.1f} {percent_text(m.irr):>7} {years_text(m.payback_years):>8} "
            f"{m.capex_cny / 1e6:>9,.1f} {m.annual_pue:>6.3f} {m.energy_cny_per_year / 1e6:>10,.1f} "
            f"{m.peak_pflops:>9,.1f} {m.cost_per_gpu_hour_cny:>9.2f} {m.served_share:>7.1%}"
        )
        servable = r.result.problem.servable
        if servable is not None and servable.capped:
            lines.append(f"{'':<22}   revenue capped: {servable.describe()}")
        built = [f"{c.id} {c.start_month}" for c in r.result.candidates if c.built]
        idle = [c.id for c in r.result.candidates if not c.built]
        lines.append(
            f"{'':<22}   starts: {', '.join(built) or 'none'}" + (f"; not built: {', '.join(idle)}" if idle else "")
        )
    return "\n".join(lines)
