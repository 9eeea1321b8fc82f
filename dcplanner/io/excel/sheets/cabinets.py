"""Cabinets sheet: one line per cabinet, the data every other sheet sums (engine layer).

Every field of :class:`~dcplanner.model.site.Cabinet` has a column headed, noted and formatted
as the model describes it (:func:`~dcplanner.model.schema.describe_fields`), with the hall and
row it stands in: the cabinet-list columns that ``dcplanner import-cabinets`` reads back, so an
exported list can be edited and imported again. A field the model adds later gets its column
after the name, before the peak figures. A text field that every cabinet leaves empty (the
name, mostly) gets no column.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell, column
from dcplanner.io.excel.labels import peak_header, shown_precisions
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.model.schema import FieldInfo, describe_fields
from dcplanner.model.site import Cabinet, ServerLoad

TITLE = "Cabinets"
TERA = 1e12
LOAD_SEPARATOR = "; "
TIMES = " × "

IMPORTED = "Read back by dcplanner import-cabinets; no formula in this workbook follows it (grey)."
KEYS = {"type_id": "type", "phase_id": "phase", "servers": "server_load"}
"""Column key of a Cabinet field whose column the other sheets know by another name (else its name)."""
INPUTS = {"type_id": "The cooling sheet's heat split counts cabinets by type.", "design_kw": ""}
"""Fields that formulas of this workbook follow (blue), with what follows them."""
PLAIN = frozenset({"id"})
"""Fields written in the plain style: neither an input nor a figure fixed at export."""
FORMATS = {"kW": Fmt.KW, "kg": Fmt.KG, "kg/m²": Fmt.KG_M2, "m": Fmt.METRES, "°C": Fmt.CELSIUS, "h": Fmt.HOURS}
"""Number format of a field's unit; whole numbers show as counts, other numbers as typed."""
FORMAT_NOTES = {"servers": "Written as 'count × server model id', several joined by '; '."}
"""How the sheet writes a field whose value is not a single number or text."""


def server_load_text(loads: Sequence[ServerLoad]) -> str:
    """``3 × hgx-h20-8gpu; 1 × storage-node-2u``."""
    return LOAD_SEPARATOR.join(f"{load.count}{TIMES}{load.model_id}" for load in loads)


def _format(info: FieldInfo) -> str | None:
    if info.value_type is int:
        return Fmt.COUNT
    if info.value_type is float:
        return FORMATS.get(info.unit)
    return None


def field_column(info: FieldInfo) -> Column:
    """The column of one Cabinet field: the model's header, its help and what the sheet adds."""
    remark = INPUTS.get(info.name, "" if info.name in PLAIN else IMPORTED)  # what follows it, or who reads it
    note = " ".join(part for part in (info.help, FORMAT_NOTES.get(info.name, ""), remark) if part)
    key = KEYS.get(info.name, info.name)
    return Column(key, info.header, _format(info), input=info.name in INPUTS, note=note)


def shown_fields(cabinets: Sequence[Cabinet]) -> tuple[FieldInfo, ...]:
    """The Cabinet fields with a column: all but a text field every cabinet leaves empty."""
    return tuple(
        info
        for info in describe_fields(Cabinet)
        if not (info.default == "" and all(getattr(cab, info.name) == "" for cab in cabinets))
    )


def columns(precisions: Sequence[str], fields: Sequence[FieldInfo]) -> list[Column]:
    """The sheet's columns: the fields' own among the figures computed for each cabinet."""
    own = {info.name: field_column(info) for info in fields}
    first = [own.pop(name) for name in ("id",) if name in own]
    placed = [own.pop(name) for name in ("position", "type_id", "design_kw") if name in own]
    imported = [own.pop(name) for name in ("phase_id", "servers") if name in own]
    return [
        *first,
        Column("hall", "Hall"),
        Column("row", "Row"),
        *placed,
        Column("loaded_kw", "Loaded (kW)", Fmt.KW, note="Sum of the installed servers' maximum power."),
        Column("servers", "Servers", Fmt.COUNT, note="Compute servers."),
        Column("other_devices", "Storage / network units", Fmt.COUNT),
        Column("accelerators", "Accelerators", Fmt.COUNT),
        Column("weight_kg", "Weight (kg)", Fmt.KG, note="Cabinet plus contents."),
        Column("floor_kg_m2", "Floor loading (kg/m²)", Fmt.KG_M2, note="Weight over the cabinet's own footprint."),
        *imported,
        *own.values(),  # the name, and fields added later
        *(Column(f"peak_{p}", peak_header(p, "T"), Fmt.TFLOPS) for p in precisions),
    ]


def _cell_value(cab: Cabinet, info: FieldInfo) -> object:
    value = getattr(cab, info.name)
    if info.name == "servers":
        return server_load_text(value)
    return "" if value is None else value


def _put_fields(
    book: Book, ws: Worksheet, r: int, cab: Cabinet, fields: Sequence[FieldInfo], idx: dict[str, int]
) -> None:
    """One cabinet's field values, in the style of what follows them (blue input, plain, grey)."""
    blue = styles.INPUT_FONT
    fixed = {"font": styles.FROZEN_FONT, "fill": styles.FROZEN_FILL}
    for info in fields:
        col = idx[KEYS.get(info.name, info.name)]
        value = _cell_value(cab, info)
        fmt = _format(info)
        measure = fmt != Fmt.COUNT
        if info.name in INPUTS:
            book.put(ws, r, col, value, fmt=fmt, font=blue, measure=measure)
        elif info.name in PLAIN:
            book.put(ws, r, col, value, fmt=fmt, measure=measure)
        else:
            book.put(ws, r, col, value, fmt=fmt, measure=measure, **fixed)


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    ws = book.sheet(TITLE)
    precisions = shown_precisions(data.results.compute.site.peak_flops)
    fields = shown_fields([inv.cabinet for inv in data.inventory])
    cols = columns(precisions, fields)
    idx = book.header(ws, 1, cols)
    book.columns[TITLE] = idx
    put = book.put
    r = 1
    c = idx
    peak_cols = [(p, c[f"peak_{p}"]) for p in precisions]
    for r, inv in enumerate(data.inventory, start=2):
        _put_fields(book, ws, r, inv.cabinet, fields, c)
        put(ws, r, c["hall"], inv.hall.id)
        put(ws, r, c["row"], inv.row.id)
        put(ws, r, c["loaded_kw"], inv.loaded_kw, fmt=Fmt.KW)
        put(ws, r, c["servers"], inv.servers, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["other_devices"], inv.other_devices, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["accelerators"], inv.accelerators, fmt=Fmt.COUNT, measure=False)
        put(ws, r, c["weight_kg"], inv.weight_kg, fmt=Fmt.KG)
        put(ws, r, c["floor_kg_m2"], inv.floor_loading_kg_m2, fmt=Fmt.KG_M2)
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
