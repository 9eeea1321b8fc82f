"""Rows sheet: every row of cabinet positions with live sums from the Cabinets sheet (engine)."""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell, criteria
from dcplanner.io.excel.sheets import cabinets
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure

TITLE = "Rows"

COLUMNS = [
    Column("hall", "Hall"),
    Column("id", "Row id"),
    Column("name", "Name"),
    Column("orientation", "Orientation"),
    Column("type", "Cabinet type"),
    Column("containment", "Containment"),
    Column("positions", "Positions", Fmt.COUNT, input=True),
    Column("cabinets", "Cabinets", Fmt.COUNT),
    Column("free", "Free positions", Fmt.COUNT),
    Column("servers", "Servers", Fmt.COUNT),
    Column("accelerators", "Accelerators", Fmt.COUNT),
    Column("design_kw", "Design IT (kW)", Fmt.KW),
    Column("loaded_kw", "Loaded IT (kW)", Fmt.KW),
    Column("x_m", "x (m)", Fmt.METRES, note="Top-left corner of the row in its hall; x to the right."),
    Column("y_m", "y (m)", Fmt.METRES, note="Top-left corner of the row in its hall; y down the plan."),
]
SUMMED = ("positions", "cabinets", "free", "servers", "accelerators", "design_kw", "loaded_kw")


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    ws = book.sheet(TITLE)
    c = book.header(ws, 1, COLUMNS)
    book.columns[TITLE] = c
    fmt = {col.key: col.fmt for col in COLUMNS}
    r = 1
    for hall, hall_cap in zip(data.site.halls, data.results.capacity.halls, strict=True):
        for row, totals in zip(hall.rows, hall_cap.rows, strict=True):
            r += 1
            book.put(ws, r, c["hall"], hall.id)
            book.put(ws, r, c["id"], row.id)
            book.put(ws, r, c["name"], row.name)
            book.put(ws, r, c["orientation"], row.orientation)
            book.put(ws, r, c["type"], row.cabinet_type_id)
            book.put(ws, r, c["containment"], row.containment.replace("_", " "))
            book.put(ws, r, c["positions"], row.positions, fmt=Fmt.COUNT, font=styles.INPUT_FONT)
            book.put(ws, r, c["x_m"], row.x_m, fmt=Fmt.METRES)
            book.put(ws, r, c["y_m"], row.y_m, fmt=Fmt.METRES)
            where = (
                ("hall", criteria(cell(None, c["hall"], r), hall.id)),
                ("row", criteria(cell(None, c["id"], r), row.id)),
            )
            book.formula(ws, r, c["cabinets"], cabinets.count_where(book, where), totals.cabinets, fmt=Fmt.COUNT)
            pos, cab = cell(None, c["positions"], r), cell(None, c["cabinets"], r)
            book.formula(ws, r, c["free"], f"{pos}-{cab}", totals.free_positions, fmt=Fmt.COUNT)
            for key, expected in (
                ("servers", totals.servers),
                ("accelerators", totals.accelerators),
                ("design_kw", totals.design_kw),
                ("loaded_kw", totals.loaded_kw),
            ):
                book.formula(ws, r, c[key], cabinets.sum_where(book, key, where), expected, fmt=fmt[key])
    last = r
    r += 1
    site = data.results.capacity.site
    book.put(ws, r, c["hall"], "Site total")
    site_expected = {
        "positions": site.positions,
        "cabinets": site.cabinets,
        "free": site.free_positions,
        "servers": site.servers,
        "accelerators": site.accelerators,
        "design_kw": site.design_kw,
        "loaded_kw": site.loaded_kw,
    }
    for key in SUMMED:
        col = c[key]
        book.formula(ws, r, col, f"SUM({cell(None, col, 2)}:{cell(None, col, last)})", site_expected[key], fmt=fmt[key])
    book.total_style(ws, r, 1, len(COLUMNS))
    book.table(ws, 1, last, len(COLUMNS), freeze_col=3)
    return ()
