"""The assumptions with their kind and source, and the sources cited (ui layer)."""

from __future__ import annotations

from dcplanner.io.excel.sheets.assumptions import entries as assumption_entries
from dcplanner.io.excel.sheets.assumptions import source_keys
from dcplanner.model.catalog import source_titles
from ui.report.data import ReportData
from ui.report.layout import PageWriter
from ui.report.titles import title


def assumption_section(w: PageWriter, data: ReportData) -> None:
    """The workbook's Assumptions table, then the title and address of every source it cites."""
    w.heading(title("assumptions", data.lang))
    titles = source_titles()
    items = assumption_entries(data.export)
    w.table(
        ["Section", "Subject", "Value", "Kind", "Source"],
        [[e.section, e.subject, e.value, e.kind, e.source] for e in items],
        [0.9, 1.9, 2.3, 0.8, 2.5],
        size_pt=7,
    )
    cited = sorted({k for e in items for k in source_keys(e.source)} & set(titles))
    if cited:
        w.heading("Sources", 2, in_contents=False)
        w.table(["Key", "Source"], [[k, " — ".join(x for x in titles[k] if x)] for k in cited], [0.6, 6], size_pt=7)
