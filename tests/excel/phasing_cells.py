"""Read the Phases and Finance sheets as a reader does: labelled figures and their tables."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from dcplanner.io.excel.labels import NBSP


@dataclass
class SheetCells:
    """Cell values of a Phases or Finance sheet (cached or recalculated, as loaded)."""

    figures: dict[str, object]  # column A label -> column B value, first occurrence
    figure_cells: dict[str, str]  # label -> coordinate of its value
    tables: dict[str, list[dict[str, object]]]  # first header cell -> rows as header -> value
    totals: dict[str, dict[str, object]]  # first header cell -> the table's Total / Built, total row


def _header(value: object) -> object:
    return value.replace(NBSP, " ") if isinstance(value, str) else value


def read_sheet(ws: Worksheet, table_starts: tuple[str, ...]) -> SheetCells:
    """Figures of a sheet and the tables whose header row starts with one of ``table_starts``.

    A table runs from its header to the first row whose first cell is empty, a total row or a
    note; a second table with the same first header gets the key ``"<header> 2"``.
    """
    rows = [[_header(v) for v in r] for r in ws.iter_rows(values_only=True)]
    figures: dict[str, object] = {}
    cells: dict[str, str] = {}
    tables: dict[str, list[dict[str, object]]] = {}
    totals: dict[str, dict[str, object]] = {}
    n = 0
    while n < len(rows):
        row = rows[n]
        label = row[0] if row else None
        if isinstance(label, str) and label in table_starts:
            key = label if label not in tables else f"{label} 2"
            header = row
            body: list[dict[str, object]] = []
            n += 1
            while n < len(rows) and rows[n] and rows[n][0] is not None:
                record = dict(zip(header, rows[n], strict=False))
                if rows[n][0] in ("Total", "Built, total"):
                    totals[key] = record
                    break
                body.append(record)
                n += 1
            tables[key] = body
        elif isinstance(label, str):
            figures.setdefault(label, row[1] if len(row) > 1 else None)
            cells.setdefault(label, f"B{n + 1}")
        n += 1
    return SheetCells(figures, cells, tables, totals)


def read_finance(ws: Worksheet) -> SheetCells:
    """Finance: measures and inputs by label; ``Year from`` (cash flows) and ``Year from 2`` (energy)."""
    return read_sheet(ws, ("Year from",))


def read_phases(ws: Worksheet) -> SheetCells:
    """Phases: overview figures; ``Candidate`` (schedule) and ``Period start`` tables."""
    return read_sheet(ws, ("Candidate", "Period start"))
