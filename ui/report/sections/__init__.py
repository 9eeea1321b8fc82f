"""The report's sections, in order, each writing the engine's solved results onto the pages (ui layer).

Every number comes from the objects the window and the workbook use: ``SiteResults`` (capacity,
compute, energy, findings), the build-out ``PhasingResult`` and the scenario ``Comparison``, the
workbook's assumption entries with their sources. Nothing is computed here beyond sums for charts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ui.report.data import ReportData
from ui.report.layout import PageWriter
from ui.report.sections.assumptions import assumption_section
from ui.report.sections.compliance import compliance_section
from ui.report.sections.design import capacity_section, hall_section, plan_section, power_cooling_section
from ui.report.sections.energy import energy_section
from ui.report.sections.front import contents, cover, footer_text, key_figure_section
from ui.report.sections.investment import buildout_section, scenario_section

SECTIONS: Sequence[Callable[[PageWriter, ReportData], None]] = (
    key_figure_section,
    capacity_section,
    compliance_section,
    plan_section,
    hall_section,
    power_cooling_section,
    energy_section,
    buildout_section,
    scenario_section,
    assumption_section,
)

__all__ = ["SECTIONS", "contents", "cover", "footer_text"]
