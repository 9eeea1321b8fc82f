"""What a capacity workbook is written from: solved results of the site and its scenarios (engine).

The GUI passes the results it already has; the command line solves here. Optional results
(``energy``, ``phasing``, ``finance``) stay ``None`` until their solvers run, and the sheets that
need them are skipped (see :mod:`.registry`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.schema import ValidationError
from dcplanner.model.site import Scenario, Site
from dcplanner.report import SiteResults, solve_site
from dcplanner.scenarios import find_scenario, scenario_site
from dcplanner.solvers.inventory import CabinetInventory, build_inventory

Solve = Callable[[Site], SiteResults]


@dataclass(frozen=True, slots=True)
class SolvedCase:
    """One solved variant of a site: the base (``id == ""``) or a named scenario."""

    id: str
    name: str
    description: str
    overrides: Mapping[str, Any]
    results: SiteResults | None  # None when the scenario no longer applies to the base
    error: str = ""


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything the workbook shows, solved once."""

    results: SiteResults  # the site exported: the base, or ``scenario`` applied to it
    inventory: tuple[CabinetInventory, ...]
    hardware: HardwareIndex
    cases: tuple[SolvedCase, ...]  # base + every scenario of the base site, for the comparison
    scenario: Scenario | None = None
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # Filled in as their solvers land; a sheet that needs one is skipped while it is None.
    energy: Any = None
    phasing: Any = None
    finance: Any = None

    @property
    def site(self) -> Site:
        return self.results.site


def solve_cases(
    base: Site, solve: Solve = solve_site, base_results: SiteResults | None = None
) -> tuple[SolvedCase, ...]:
    """The base site and each of its scenarios, solved; a scenario that fails keeps its error."""
    cases = [SolvedCase("", "Base site", base.description, {}, base_results or solve(base))]
    for sc in base.scenarios:
        try:
            results: SiteResults | None = solve(scenario_site(base, sc.id))
            error = ""
        except ValidationError as exc:
            results, error = None, str(exc)
        cases.append(SolvedCase(sc.id, sc.name or sc.id, sc.description, dict(sc.overrides), results, error))
    return tuple(cases)


def collect_export_data(
    base: Site,
    *,
    scenario: str | None = None,
    results: SiteResults | None = None,
    solve: Solve = solve_site,
    generated_at: datetime | None = None,
    **optional_results: Any,
) -> ExportData:
    """Solve what the workbook needs for ``base`` (or its ``scenario``, by id or name).

    ``results`` are the caller's results for the exported site, reused as they are;
    ``optional_results`` are ``energy=``, ``phasing=``, ``finance=`` when available.
    Raises KeyError for an unknown scenario.
    """
    chosen = find_scenario(base, scenario) if scenario else None
    site = scenario_site(base, chosen.id) if chosen else base
    if results is None:
        results = solve(site)
    hw = hardware_index(results.site)
    inventory = tuple(build_inventory(results.site, hw))
    extra = {"generated_at": generated_at} if generated_at else {}
    return ExportData(
        results=results,
        inventory=inventory,
        hardware=hw,
        cases=solve_cases(base, solve, None if chosen else results),
        scenario=chosen,
        **extra,
        **optional_results,
    )
