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


def read_energy(ws: Worksheet) -> EnergyCells:
    """Read an Energy sheet (works on read-only worksheets too)."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    figures: dict[str, object] = {}
    figure_cells: dict[str, str] = {}
    month_header = part_header = -1
    for n, row in enumerate(rows):
        label = row[0] if row else None
        if not isinstance(label, str):
            continue
        if label == "Month" and month_header < 0:
            month_header = n
        if label == "Part":
            part_header = n
        figures.setdefault(label, row[1] if len(row) > 1 else None)
        figure_cells.setdefault(label, f"B{n + 1}")

    def table(header: int, row: int) -> dict[str, object]:
        return dict(zip(rows[header], rows[row], strict=False))

    months = [table(month_header, month_header + k) for k in range(1, 14)]
    parts: dict[str, dict[str, object]] = {}
    n = part_header + 1
    while n < len(rows) and rows[n] and isinstance(rows[n][0], str):
        parts[rows[n][0].strip()] = table(part_header, n)
        n += 1
    return EnergyCells(figures, figure_cells, months[:12], months[12], parts)
