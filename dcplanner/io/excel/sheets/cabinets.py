"""Cabinets sheet: one line per cabinet, the data every other sheet sums (engine layer).

Its first columns are the cabinet-list columns that ``dcplanner import-cabinets`` reads back
(id, hall, row, position, type, design kW, phase, server load, name), so an exported list can
be edited and imported again.
"""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell, column
from dcplanner.io.excel.labels import peak_header, shown_precisions
from dcplanner.io.excel.registry import KeyFigure
from dcplanner.io.excel.styles import Fmt
from dcplanner.model.site import ServerLoad

TITLE = "Cabinets"
TERA = 1e12
LOAD_SEPARATOR = "; "
TIMES = " × "

IMPORTED = " Read back by dcplanner import-cabinets; no formula in this workbook follows it (grey)."
POSITION_NOTE = "Slot in the row, counted from 0 at the row's start (as in the project file)." + IMPORTED
LOAD_NOTE = "Installed servers as 'count × server model id', several joined by '; '." + IMPORTED


def server_load_text(loads: Sequence[ServerLoad]) -> str:
    """``3 × hgx-h20-8gpu; 1 × storage-node-2u``."""
    return LOAD_SEPARATOR.join(f"{load.count}{TIMES}{load.model_id}" for load in loads)


def columns(precisions: Sequence[str], *, names: bool) -> list[Column]:
    """The sheet's columns; ``names`` adds the Name column (when any cabinet has a name)."""
    return [
        Column("id", "Cabinet id"),
        Column("hall", "Hall"),
        Column("row", "Row"),
        Column("position", "Position", Fmt.COUNT, note=POSITION_NOTE),
        Column("type", "Cabinet type", input=True, note="The cooling sheet's heat split counts cabinets by type."),
        Column(
            "design_kw",
            "Design (kW)",
            Fmt.KW,
            input=True,
            note="The cabinet's power budget: the halls' design IT, the power chain's loads and their use follow it.",
        ),
        Column("loaded_kw", "Loaded (kW)", Fmt.KW, note="Sum of the installed servers' maximum power."),
        Column("servers", "Servers", Fmt.COUNT, note="Compute servers."),
        Column("other_devices", "Storage / network units", Fmt.COUNT),
        Column("accelerators", "Accelerators", Fmt.COUNT),
        Column("weight_kg", "Weight (kg)", Fmt.KG, note="Cabinet plus contents."),
        Column("floor_kg_m2", "Floor loading (kg/m²)", Fmt.KG_M2, note="Weight over the cabinet's own footprint."),
        Column("phase", "Phase", note="Build-out phase id." + IMPORTED),
        Column("server_load", "Server load", note=LOAD_NOTE),
        *([Column("name", "Name", note=IMPORTED.strip())] if names else []),
        *(Column(f"peak_{p}", peak_header(p, "T"), Fmt.TFLOPS) for p in precisions),
    ]


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    ws = book.sheet(TITLE)
    precisions = shown_precisions(data.results.compute.site.peak_flops)
    names = any(inv.cabinet.name for inv in data.inventory)
    cols = columns(precisions, names=names)
    idx = book.header(ws, 1, cols)
    book.columns[TITLE] = idx
    blue = styles.INPUT_FONT
    fixed = {"font": styles.FROZEN_FONT, "fill": styles.FROZEN_FILL}
    put = book.put
    r = 1
    c = idx
    peak_cols = [(p, c[f"peak_{p}"]) for p in precisions]
    for r, inv in enumerate(data.inventory, start=2):
        cab = inv.cabinet
        put(ws, r, c["id"], cab.id)
        put(ws, r, c["hall"], inv.hall.id)
        put(ws, r, c["row"], inv.row.id)
        put(ws, r, c["position"], cab.position, measure=False)
        put(ws, r, c["type"], cab.type_id, font=blue)
        put(ws, r, c["design_kw"], cab.design_kw, fmt=Fmt.KW, font=blue)
        put(ws, r, c["loaded_kw"], inv.loaded_kw, fmt=Fmt.KW)
        put(ws, r, c["servers"], inv.servers, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["other_devices"], inv.other_devices, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["accelerators"], inv.accelerators, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["weight_kg"], inv.weight_kg, fmt=Fmt.KG)
        put(ws, r, c["floor_kg_m2"], inv.floor_loading_kg_m2, fmt=Fmt.KG_M2)
        put(ws, r, c["phase"], cab.phase_id or "", **fixed)
        put(ws, r, c["server_load"], server_load_text(cab.servers), **fixed)
        if names:
            put(ws, r, c["name"], cab.name, **fixed)
        for p, col in peak_cols:
            put(ws, r, col, inv.flops[p] / TERA, fmt=Fmt.TFLOPS)
    book.table(ws, 1, r, len(cols), freeze_col=2)
    book.last_rows[TITLE] = r
    return ()


# ---------------------------------------------------------------------------------------------
# Formulas over this sheet, for the sheets that sum it


def _conditions(book: Book, where: Sequence[tuple[str, str]]) -> str:
    idx = book.columns[TITLE]
    return ",".join(f"{column(TITLE, idx[key])},{crit}" for key, crit in where)


def sum_where(book: Book, key: str, where: Sequence[tuple[str, str]]) -> str:
    """``SUMIFS`` of the ``key`` column over cabinets matching every (column key, criterion)."""
    return f"SUMIFS({column(TITLE, book.columns[TITLE][key])},{_conditions(book, where)})"


def count_where(book: Book, where: Sequence[tuple[str, str]]) -> str:
    """``COUNTIFS`` of cabinets matching every (column key, criterion)."""
    return f"COUNTIFS({_conditions(book, where)})"


SPARE_ROWS = 1000
"""Rows below the last cabinet that a bounded range still covers (cabinets a user appends)."""


def _rows(book: Book, key: str) -> str:
    """``Cabinets!$L$2:$L$n``: the column over the cabinet lines and :data:`SPARE_ROWS` more.

    Array arithmetic needs a bounded range without the header (text times a number is #VALUE!).
    """
    col = book.columns[TITLE][key]
    return f"{cell(TITLE, col, 2)}:{cell(None, col, book.last_rows[TITLE] + SPARE_ROWS)}"


def max_where(book: Book, key: str, match_key: str, match_ref: str) -> str:
    """The largest ``key`` over cabinets whose ``match_key`` equals the cell ``match_ref``; 0 when none.

    ``SUMPRODUCT(MAX(...))`` evaluates the condition as an array in Excel 2010 and LibreOffice
    alike (MAXIFS needs Excel 2019). ``=`` compares exactly (no wildcards), ignoring case as
    SUMIFS does.
    """
    return f"SUMPRODUCT(MAX(({_rows(book, match_key)}={match_ref})*{_rows(book, key)}))"
