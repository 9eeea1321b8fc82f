"""Side-by-side comparison of a site's scenarios (the base site first).

Each scenario (dotted-path overrides of the base site: demand variant, tariff, phase timing,
cooling architecture, hardware generation ...) is solved on its own, with its own energy curve,
schedule and cash flows. A scenario without a feasible schedule stays in the table with the
binding constraint named instead of numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from dcplanner.climate import WeatherFileError
from dcplanner.model.schema import ValidationError
from dcplanner.model.site import Site
from dcplanner.model.validation import RESERVED_SCENARIO_ID
from dcplanner.scenarios import scenario_site
from dcplanner.solvers.phasing.energy_curve import EnergyCurveSource
from dcplanner.solvers.phasing.hooks import Cancel, Progress, check, report
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
