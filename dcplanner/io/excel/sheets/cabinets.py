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
from dcplanner.io.excel.formulas import column
from dcplanner.io.excel.labels import peak_header, shown_precisions
from dcplanner.io.excel.registry import KeyFigure
from dcplanner.io.excel.styles import Fmt
from dcplanner.model.site import ServerLoad

TITLE = "Cabinets"
TERA = 1e12
LOAD_SEPARATOR = "; "
TIMES = " × "

POSITION_NOTE = "Slot in the row, counted from 0 at the row's start (as in the project file)."
LOAD_NOTE = "Installed servers as 'count × server model id', several joined by '; '. Read back by import-cabinets."


def server_load_text(loads: Sequence[ServerLoad]) -> str:
    """``3 × hgx-h20-8gpu; 1 × storage-node-2u``."""
    return LOAD_SEPARATOR.join(f"{load.count}{TIMES}{load.model_id}" for load in loads)


def columns(precisions: Sequence[str], *, names: bool) -> list[Column]:
    """The sheet's columns; ``names`` adds the Name column (when any cabinet has a name)."""
    return [
        Column("id", "Cabinet id"),
        Column("hall", "Hall"),
        Column("row", "Row"),
        Column("position", "Position", Fmt.COUNT, input=True, note=POSITION_NOTE),
        Column("type", "Cabinet type", input=True),
        Column("design_kw", "Design (kW)", Fmt.KW, input=True, note="The cabinet's power budget."),
        Column("loaded_kw", "Loaded (kW)", Fmt.KW, note="Sum of the installed servers' maximum power."),
        Column("servers", "Servers", Fmt.COUNT, note="Compute servers."),
        Column("other_devices", "Storage / network units", Fmt.COUNT),
        Column("accelerators", "Accelerators", Fmt.COUNT),
        Column("weight_kg", "Weight (kg)", Fmt.KG, note="Cabinet plus contents."),
        Column("floor_kg_m2", "Floor loading (kg/m²)", Fmt.KG_M2, note="Weight over the cabinet's own footprint."),
        Column("phase", "Phase", input=True),
        Column("server_load", "Server load", input=True, note=LOAD_NOTE),
        *([Column("name", "Name", input=True)] if names else []),
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
    put = book.put
    r = 1
    c = idx
    peak_cols = [(p, c[f"peak_{p}"]) for p in precisions]
    for r, inv in enumerate(data.inventory, start=2):
        cab = inv.cabinet
        put(ws, r, c["id"], cab.id)
        put(ws, r, c["hall"], inv.hall.id)
        put(ws, r, c["row"], inv.row.id)
        put(ws, r, c["position"], cab.position, font=blue, measure=False)
        put(ws, r, c["type"], cab.type_id, font=blue)
        put(ws, r, c["design_kw"], cab.design_kw, fmt=Fmt.KW, font=blue)
        put(ws, r, c["loaded_kw"], inv.loaded_kw, fmt=Fmt.KW)
        put(ws, r, c["servers"], inv.servers, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["other_devices"], inv.other_devices, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["accelerators"], inv.accelerators, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["weight_kg"], inv.weight_kg, fmt=Fmt.KG)
        put(ws, r, c["floor_kg_m2"], inv.floor_loading_kg_m2, fmt=Fmt.KG_M2)
        put(ws, r, c["phase"], cab.phase_id or "", font=blue)
        put(ws, r, c["server_load"], server_load_text(cab.servers), font=blue)
        if names:
            put(ws, r, c["name"], cab.name, font=blue)
        for p, col in peak_cols:
            put(ws, r, col, inv.flops[p] / TERA, fmt=Fmt.TFLOPS)
    book.table(ws, 1, r, len(cols), freeze_col=2)
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


def max_where(book: Book, key: str, where: Sequence[tuple[str, str]]) -> str:
    """``MAXIFS`` (Excel 2019+, LibreOffice 5.2+) of the ``key`` column; 0 when nothing matches."""
    return f"_xlfn.MAXIFS({column(TITLE, book.columns[TITLE][key])},{_conditions(book, where)})"
