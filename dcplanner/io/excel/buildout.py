"""Build-out phasing for the workbook: the exported site's schedule and every scenario's (engine layer).

The phasing solver runs once per case through :func:`~dcplanner.solvers.scenario_comparison.compare_scenarios`
(the base site and each scenario, each with its own energy curve, schedule and cash flows), as
``dcplanner compare`` does; the exported site's result is the row of its case. A site without a
build-out (no candidates and no demand forecast) has nothing to schedule, and a case whose
schedule is infeasible keeps the solver's reason instead of numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dcplanner.climate import WeatherFileError
from dcplanner.model.site import Site
from dcplanner.scenarios import scenario_site
from dcplanner.solvers.phasing.energy_curve import EnergyCurveSource, EnergyEngineUnavailable
from dcplanner.solvers.phasing.results import PhasingResult
from dcplanner.solvers.phasing.schedule import NoScheduleFound, ScheduleInfeasible
from dcplanner.solvers.phasing.solve import solve_phasing
from dcplanner.solvers.scenario_comparison import BASE_ID, Comparison, compare_scenarios

NO_BUILDOUT = "the site has no build-out (no candidates and no demand forecast)"
NOT_ASKED = "left out on request"


@dataclass(frozen=True, slots=True)
class BuildoutResults:
    """Phasing results of the exported site and of every case, by case id (``BASE_ID``, "base",
    for the base site, as in the comparison)."""

    exported: PhasingResult | None
    problem: str  # why ``exported`` is None ("" when it is not)
    by_case: Mapping[str, PhasingResult] = field(default_factory=dict)
    case_problems: Mapping[str, str] = field(default_factory=dict)
    comparison: Comparison | None = None


def solve_buildouts(base: Site, scenario_id: str, energy: EnergyCurveSource) -> BuildoutResults:
    """Phase the base site and its scenarios; ``scenario_id`` (``BASE_ID`` = the base) names the exported case.

    Errors of one case (an infeasible schedule, overrides that no longer apply) stay with that
    case. A climate the energy engine cannot read stops the comparison; the exported case alone
    is then tried again, so its own error (if any) is the one reported.
    """
    site = base if scenario_id == BASE_ID else scenario_site(base, scenario_id)
    if not site.buildout.planned:
        return BuildoutResults(None, NO_BUILDOUT)
    if base.buildout.planned:
        try:
            comparison = compare_scenarios(base, energy)
        except (WeatherFileError, EnergyEngineUnavailable):
            comparison = None
        if comparison is not None:
            by_case = {r.id: r.result for r in comparison.rows if r.result is not None}
            problems = {r.id: r.problem for r in comparison.rows if r.result is None}
            exported = by_case.get(scenario_id)
            return BuildoutResults(exported, problems.get(scenario_id, ""), by_case, problems, comparison)
    try:
        exported = solve_phasing(site, energy, scenario="" if scenario_id == BASE_ID else scenario_id)
    except (ScheduleInfeasible, NoScheduleFound, WeatherFileError, EnergyEngineUnavailable) as exc:
        return BuildoutResults(None, str(exc))
    return BuildoutResults(exported, "", {scenario_id: exported})
