"""What a capacity workbook is written from: solved results of the site and its scenarios (engine).

The GUI passes the results it already has; the command line solves here, the hourly energy year
included (its design peak then sizes the power chain, as in ``dcplanner solve``), and the
build-out phasing of the site and of each scenario (as ``dcplanner compare``). Optional results
(``energy``, ``phasing``) stay ``None`` when they are not solved or cannot be, and the sheets that
need them are skipped (see :mod:`.registry`) with the reason in ``unavailable``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dcplanner.climate import Weather, WeatherFileError
from dcplanner.io.excel.buildout import NOT_ASKED, BuildoutResults, solve_buildouts
from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.schema import ValidationError
from dcplanner.model.site import Scenario, Site
from dcplanner.scenarios import find_scenario, scenario_site
from dcplanner.site_solve import SiteResults, solve_site
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.inventory import CabinetInventory, build_inventory
from dcplanner.solvers.phasing.energy_curve import EnergyCurveSource, project_energy_source
from dcplanner.solvers.phasing.results import PhasingResult
from dcplanner.solvers.scenario_comparison import BASE_ID

Solve = Callable[[Site], SiteResults]


def site_solver(*, with_energy: bool = True, weather: Weather | None = None, base_dir: Path | None = None) -> Solve:
    """``solve_site`` with the hourly energy year (on ``weather``, else each site's own climate)."""
    return functools.partial(solve_site, energy=with_energy, weather=weather, base_dir=base_dir)


@dataclass(frozen=True, slots=True)
class SolvedCase:
    """One solved variant of a site: the base (``id == BASE_ID``, "base", as in the phasing
    comparison and ``dcplanner compare``) or a named scenario."""

    id: str
    name: str
    description: str
    overrides: Mapping[str, Any]
    results: SiteResults | None  # None when the scenario no longer applies to the base
    error: str = ""
    phasing: PhasingResult | None = None  # the case's build-out, when phased
    phasing_problem: str = ""  # why a case with a build-out has no phasing result

    @property
    def is_base(self) -> bool:
        return self.id == BASE_ID

    @property
    def energy(self) -> EnergyResult | None:
        """The case's energy year (None when it was not solved or the case has no IT load)."""
        return self.results.energy if self.results is not None else None


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything the workbook shows, solved once."""

    results: SiteResults  # the site exported: the base, or ``scenario`` applied to it
    inventory: tuple[CabinetInventory, ...]
    hardware: HardwareIndex
    cases: tuple[SolvedCase, ...]  # base + every scenario of the base site, for the comparison
    scenario: Scenario | None = None
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # Optional results: a sheet that needs one is skipped while it is None.
    energy: EnergyResult | None = None
    phasing: PhasingResult | None = None  # the exported site's build-out (Phases and Finance sheets)
    unavailable: Mapping[str, str] = field(default_factory=dict)  # optional result -> why it is absent
    # Options: sheets that are written only when asked for (see SheetSpec.option).
    hourly: bool = False

    @property
    def site(self) -> Site:
        return self.results.site


def solve_cases(
    base: Site, solve: Solve | None = None, base_results: SiteResults | None = None
) -> tuple[SolvedCase, ...]:
    """The base site and each of its scenarios, solved with ``solve`` (default: with energy);
    a scenario that fails (overrides that no longer apply, a climate it cannot use) keeps its error."""
    solve = solve or site_solver()
    cases = [SolvedCase(BASE_ID, "Base site", base.description, {}, base_results or solve(base))]
    for sc in base.scenarios:
        try:
            results: SiteResults | None = solve(scenario_site(base, sc.id))
            error = ""
        except (ValidationError, WeatherFileError) as exc:
            results, error = None, str(exc)
        cases.append(SolvedCase(sc.id, sc.name or sc.id, sc.description, dict(sc.overrides), results, error))
    return tuple(cases)


def collect_export_data(
    base: Site,
    *,
    scenario: str | None = None,
    results: SiteResults | None = None,
    solve: Solve | None = None,
    with_energy: bool = True,
    weather: Weather | None = None,
    base_dir: Path | None = None,
    hourly: bool = False,
    with_phasing: bool = True,
    energy_source: EnergyCurveSource | None = None,
    generated_at: datetime | None = None,
    **optional_results: Any,
) -> ExportData:
    """Solve what the workbook needs for ``base`` (or its ``scenario``, by id or name).

    Every case is solved by ``solve``, by default :func:`site_solver` (``with_energy``: the
    hourly energy year on ``weather`` or each site's climate, files relative to ``base_dir``).
    ``results`` are the caller's results for the exported site, reused as they are; their
    energy year feeds the Energy sheet unless ``energy=`` is given. ``hourly`` adds the
    8,760-row hourly sheet. ``with_phasing`` schedules and prices the build-out of every case
    (energy from ``energy_source``, by default the energy engine on ``weather`` or each site's
    climate, as ``dcplanner phases`` prices it). ``optional_results`` are ``energy=`` and
    ``phasing=`` (the caller's own results for the exported site).
    Raises KeyError for an unknown scenario; ValidationError or WeatherFileError when the
    exported site cannot be solved.
    """
    solve = solve or site_solver(with_energy=with_energy, weather=weather, base_dir=base_dir)
    chosen = find_scenario(base, scenario) if scenario else None
    site = scenario_site(base, chosen.id) if chosen else base
    if results is None:
        results = solve(site)
    hw = hardware_index(results.site)
    inventory = tuple(build_inventory(results.site, hw))
    extra: dict[str, Any] = {"generated_at": generated_at} if generated_at else {}
    optional_results.setdefault("energy", results.energy)
    cases = solve_cases(base, solve, None if chosen else results)
    unavailable: dict[str, str] = {}
    if not with_energy and optional_results["energy"] is None:
        unavailable["energy"] = NOT_ASKED
    if with_phasing:
        source = energy_source or project_energy_source(base_dir, weather)
        buildouts = solve_buildouts(base, chosen.id if chosen else BASE_ID, source)
        cases = with_buildouts(cases, buildouts)
        optional_results.setdefault("phasing", buildouts.exported)
        if optional_results["phasing"] is None:
            unavailable["phasing"] = buildouts.problem
    elif optional_results.get("phasing") is None:
        unavailable["phasing"] = NOT_ASKED
    return ExportData(
        results=results,
        inventory=inventory,
        hardware=hw,
        cases=cases,
        scenario=chosen,
        hourly=hourly,
        unavailable=unavailable,
        **extra,
        **optional_results,
    )


def with_buildouts(cases: tuple[SolvedCase, ...], buildouts: BuildoutResults) -> tuple[SolvedCase, ...]:
    """``cases`` with each one's phasing result (or the reason it has none) attached."""
    return tuple(
        dataclasses.replace(
            case,
            phasing=buildouts.by_case.get(case.id),
            phasing_problem=buildouts.case_problems.get(case.id, ""),
        )
        for case in cases
    )
