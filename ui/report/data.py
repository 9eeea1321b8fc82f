"""What the report is written from: the workbook's solved data and the scenario comparison (ui layer).

The report shows the same objects as the workbook (:func:`dcplanner.io.excel.data.collect_export_data`:
the site's ``SiteResults``, every case's build-out) and the scenario comparison made of those
build-outs, so nothing is solved twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dcplanner.io.excel.data import ExportData, collect_export_data
from dcplanner.model.site import Site
from dcplanner.site_solve import SiteResults
from dcplanner.solvers.scenario_comparison import BASE_ID, Comparison, ScenarioOutcome


@dataclass(frozen=True, slots=True)
class ReportData:
    export: ExportData
    comparison: Comparison | None  # None when no case has a build-out
    lang: str = "en"
    author: str = ""
    source_name: str = ""  # the project file's name

    @property
    def case_id(self) -> str:
        return self.export.scenario.id if self.export.scenario else BASE_ID


def comparison_of(data: ExportData) -> Comparison | None:
    """The scenario comparison of the solved cases' build-outs (None when none was phased)."""
    if all(c.phasing is None for c in data.cases):
        return None
    base = data.cases[0]
    rows = tuple(
        ScenarioOutcome(c.id, c.name, c.description, c.phasing, c.phasing_problem or c.error or "not phased")
        for c in data.cases
    )
    site = base.results.site if base.results is not None else data.site
    return Comparison(site.id, site.name, rows)


def collect_report_data(
    base: Site,
    *,
    scenario: str | None = None,
    base_dir: Path | None = None,
    results: SiteResults | None = None,
    lang: str = "en",
    author: str = "",
    source_name: str = "",
) -> ReportData:
    """Solve what the report shows for ``base`` (or its ``scenario``); raises what
    :func:`collect_export_data` raises (KeyError, ValidationError, WeatherFileError)."""
    export = collect_export_data(base, scenario=scenario, base_dir=base_dir, results=results)
    return ReportData(export, comparison_of(export), lang, author, source_name)
