"""Write the capacity workbook: every sheet builder in order, Summary last, saved atomically (engine).

``write_capacity_workbook`` is the one entry point used by the command line and the GUI. The
returned manifest maps every formula cell to the value the engine computes for it, so a
spreadsheet engine's recalculation can be checked cell by cell.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from dcplanner.io.atomic import write_bytes_atomic
from dcplanner.io.excel.book import Book, Expected
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.document import set_print_layout, set_properties
from dcplanner.io.excel.registry import SheetSpec, default_sheets
from dcplanner.io.excel.sheets import summary
from dcplanner.key_figure import KeyFigure

SUMMARY_TAB = 0


@dataclass(frozen=True, slots=True)
class WorkbookManifest:
    """What was written: sheet titles in tab order, skipped sheets (and why) and the formula map."""

    sheets: tuple[str, ...]
    skipped: tuple[tuple[str, tuple[str, ...]], ...]  # (title, results it lacked)
    expected: Mapping[tuple[str, str], Expected]  # (sheet, cell) -> engine value
    reasons: Mapping[str, str] = field(default_factory=dict)  # lacking result -> why it is absent


def build_workbook(data: ExportData, sheets: Sequence[SheetSpec] | None = None) -> tuple[Workbook, WorkbookManifest]:
    """Build the workbook in memory."""
    book = Book()
    specs = default_sheets() if sheets is None else tuple(sheets)
    tabs: dict[str, int] = {summary.TITLE: SUMMARY_TAB}
    figures: list[tuple[int, Sequence[KeyFigure]]] = []
    skipped: list[tuple[str, tuple[str, ...]]] = []
    for spec in specs:
        if not spec.wanted(data):
            continue
        missing = spec.missing(data)
        if missing:
            skipped.append((spec.title, missing))
            continue
        figures.append((spec.tab, spec.build(book, data)))
        tabs[spec.title] = spec.tab
    ordered = [fig for _, figs in sorted(figures, key=lambda item: item[0]) for fig in figs]
    summary.build(book, data, ordered)
    wb = book.wb
    for index, title in enumerate(sorted(tabs, key=tabs.__getitem__)):
        ws = wb[title]
        wb.move_sheet(ws, offset=index - wb.index(ws))
        set_print_layout(ws, data.site.name)
    wb.active = 0
    book.apply_widths()
    set_properties(wb, data)
    reasons = {name: data.unavailable[name] for _, names in skipped for name in names if data.unavailable.get(name)}
    manifest = WorkbookManifest(tuple(wb.sheetnames), tuple(skipped), dict(book.expected), reasons)
    return wb, manifest


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_capacity_workbook(
    path: Path | str, data: ExportData, sheets: Sequence[SheetSpec] | None = None
) -> WorkbookManifest:
    """Build the workbook and replace ``path`` atomically; nothing is written if anything fails."""
    wb, manifest = build_workbook(data, sheets)
    write_bytes_atomic(Path(path), workbook_bytes(wb))
    return manifest
