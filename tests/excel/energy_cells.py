"""Read the Energy sheet as a reader does: labelled figures, the monthly table, the parts table."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet


@dataclass
class EnergyCells:
    """Cell values of an Energy sheet (cached or recalculated, as loaded)."""

    figures: dict[str, object]  # column A label -> column B value, first occurrence
    figure_cells: dict[str, str]  # label -> coordinate of its value
    months: list[dict[str, object]]  # monthly table: header -> value, Jan..Dec
    year: dict[str, object]  # the monthly table's Year row
    parts: dict[str, dict[str, object]]  # annual energy by part: label -> header -> value


def _table(ws: Worksheet, header_row: int) -> tuple[list[str], int]:
    headers = [c.value for c in ws[header_row]]
    return [h if isinstance(h, str) else "" for h in headers], header_row + 1


def read_energy(ws: Worksheet) -> EnergyCells:
    figures: dict[str, object] = {}
    figure_cells: dict[str, str] = {}
    header_rows: list[int] = []
    part_header = 0
    for row in ws.iter_rows(min_col=1, max_col=2):
        label, value = row[0].value, row[1].value
        if not isinstance(label, str):
            continue
        if label == "Month":
            header_rows.append(row[0].row)
        if label == "Part":
            part_header = row[0].row
        figures.setdefault(label, value)
        figure_cells.setdefault(label, row[1].coordinate)
    headers, first = _table(ws, header_rows[0])
    rows = [dict(zip(headers, (c.value for c in ws[r]), strict=False)) for r in range(first, first + 13)]
    parts: dict[str, dict[str, object]] = {}
    part_headers, r = _table(ws, part_header)
    while isinstance(ws.cell(row=r, column=1).value, str):
        values = dict(zip(part_headers, (c.value for c in ws[r]), strict=False))
        parts[str(values["Part"]).strip()] = values
        r += 1
    return EnergyCells(figures, figure_cells, rows[:12], rows[12], parts)
