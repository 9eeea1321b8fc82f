"""Halls sheet: floor, space, IT budget and floor loading per hall; IT equipment and compute (engine).

Two tables: facility capacity per hall (space, IT budget, floor loading and their use) and the
IT equipment and peak compute per hall. Counts and sums come live from the Rows and Cabinets
sheets (COUNTIFS / SUMIFS, and SUMPRODUCT(MAX(...)) for the worst floor loading), so changing a
cabinet's design kW or a hall's budget updates the use ratios, their OVER flags and the Summary.
Use = demand / usable capacity (cabinets / positions, design IT / IT budget, floor loading /
floor limit); OVER when it exceeds 100 %.
"""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column, ConstraintCells, Expected
from dcplanner.io.excel.charts import category_chart
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell, column, criteria, over_flag, over_value, utilisation, utilisation_value
from dcplanner.io.excel.labels import PRECISION_LABELS, flops_unit, peak_header, shown_precisions
from dcplanner.io.excel.sheets import cabinets, rows
from dcplanner.io.excel.styles import OVER_FONT, Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.model.site import Hall
from dcplanner.solvers.capacity import HallCapacity
from dcplanner.solvers.compute import ComputeTotals

TITLE = "Halls"
PETA = 1e15
TERA_PER_PETA = 1000

FACILITY = [
    Column("id", "Hall id"),
    Column("name", "Name"),
    Column("width_m", "Width (m)", Fmt.METRES, input=True),
    Column("depth_m", "Depth (m)", Fmt.METRES, input=True),
    Column("area_m2", "Floor area (m²)", Fmt.AREA),
    Column("rows", "Rows", Fmt.COUNT),
    Column("positions", "Positions", Fmt.COUNT),
    Column("cabinets", "Cabinets", Fmt.COUNT),
    Column("free", "Free positions", Fmt.COUNT),
    Column("space_use", "Space use (%)", Fmt.PCT),
    Column("loaded_cabinets", "Loaded cabinets", Fmt.COUNT, note="Cabinets holding any equipment."),
    Column("design_kw", "Design IT (kW)", Fmt.KW, note="Sum of the cabinets' design power."),
    Column("budget_kw", "IT budget (kW)", Fmt.KW, input=True),
    Column("budget_use", "IT budget use (%)", Fmt.PCT),
    Column("density", "IT density (kW/m²)", Fmt.FRACTION, note="Design IT over the hall's floor area."),
    Column("weight_t", "Weight (t)", Fmt.TONNES),
    Column("floor_kg_m2", "Worst floor loading (kg/m²)", Fmt.KG_M2, note="Heaviest cabinet over its footprint."),
    Column("floor_limit", "Floor limit (kg/m²)", Fmt.KG_M2, input=True),
    Column("floor_use", "Floor loading use (%)", Fmt.PCT),
    Column("space_over", "Space over", note="OVER when the hall holds more cabinets than positions."),
    Column("budget_over", "IT budget over", note="OVER when the design IT exceeds the hall's IT budget."),
    Column("floor_over", "Floor over", note="OVER when the worst cabinet loads the floor above its limit."),
]


def it_columns(precisions: Sequence[str]) -> list[Column]:
    return [
        Column("id", "Hall id"),
        Column("name", "Name"),
        Column("servers", "Servers", Fmt.COUNT),
        Column("other_devices", "Storage / network units", Fmt.COUNT),
        Column("accelerators", "Accelerators", Fmt.COUNT),
        Column("loaded_kw", "Loaded IT (kW)", Fmt.KW, note="Installed servers at their maximum power."),
        *(Column(f"peak_{p}", peak_header(p, "P"), Fmt.PFLOPS) for p in precisions),
    ]


# Hall-level constraints: (use column, demand column, capacity column, solver resource, OVER column)
RATIOS = (
    ("space_use", "cabinets", "positions", "space", "space_over"),
    ("budget_use", "design_kw", "budget_kw", "hall_it_budget", "budget_over"),
    ("floor_use", "floor_kg_m2", "floor_limit", "floor_loading", "floor_over"),
)


class _Table:
    """One table of the sheet: its columns and the formula writer for its cells."""

    def __init__(self, book: Book, header_row: int, cols: list[Column]) -> None:
        self.book, self.cols = book, cols
        self.ws = book.wb[TITLE]
        self.c = book.header(self.ws, header_row, cols)
        self.fmt = {col.key: col.fmt for col in cols}

    def ref(self, key: str, r: int) -> str:
        return cell(None, self.c[key], r)

    def put(self, r: int, key: str, value: object, *, blue: bool = False) -> None:
        self.book.put(self.ws, r, self.c[key], value, fmt=self.fmt[key], font=styles.INPUT_FONT if blue else None)

    def formula(self, r: int, key: str, text: str, expected: Expected) -> tuple[str, Expected]:
        return self.book.formula(self.ws, r, self.c[key], text, expected, fmt=self.fmt[key]), expected

    def sums(self, r: int, first: int, last: int, expected: dict[str, Expected]) -> dict[str, tuple[str, Expected]]:
        return {
            key: self.formula(r, key, f"SUM({self.ref(key, first)}:{self.ref(key, last)})", v)
            for key, v in expected.items()
        }


def _hall_where(t: _Table, r: int, hall: Hall) -> tuple[str, tuple[tuple[str, str], ...]]:
    crit = criteria(t.ref("id", r), hall.id)
    return crit, (("hall", crit),)


def _facility_row(book: Book, t: _Table, r: int, hall: Hall, hc: HallCapacity) -> None:
    tot, ref, f = hc.totals, t.ref, t.formula
    t.put(r, "id", hall.id)
    t.put(r, "name", hall.name)
    t.put(r, "width_m", hall.width_m, blue=True)
    t.put(r, "depth_m", hall.depth_m, blue=True)
    t.put(r, "budget_kw", hall.design_it_kw, blue=True)
    t.put(r, "floor_limit", hall.floor_load_limit_kg_m2, blue=True)
    area = hall.width_m * hall.depth_m
    crit, where = _hall_where(t, r, hall)
    rc = book.columns[rows.TITLE]
    rows_hall = column(rows.TITLE, rc["hall"])
    f(r, "area_m2", f"{ref('width_m', r)}*{ref('depth_m', r)}", area)
    f(r, "rows", f"COUNTIFS({rows_hall},{crit})", len(hall.rows))
    f(r, "positions", f"SUMIFS({column(rows.TITLE, rc['positions'])},{rows_hall},{crit})", tot.positions)
    f(r, "cabinets", cabinets.count_where(book, where), tot.cabinets)
    f(r, "free", f"{ref('positions', r)}-{ref('cabinets', r)}", tot.free_positions)
    f(r, "loaded_cabinets", cabinets.count_where(book, (*where, ("loaded_kw", '">0"'))), tot.loaded_cabinets)
    f(r, "design_kw", cabinets.sum_where(book, "design_kw", where), tot.design_kw)
    f(r, "weight_t", f"{cabinets.sum_where(book, 'weight_kg', where)}/1000", tot.weight_kg / 1000)
    f(r, "floor_kg_m2", cabinets.max_where(book, "floor_kg_m2", "hall", ref("id", r)), tot.max_floor_loading_kg_m2)
    f(r, "density", utilisation(ref("design_kw", r), ref("area_m2", r)), utilisation_value(tot.design_kw, area))
    by_resource = {k.resource: k for k in hc.constraints}
    for key, demand, capacity, resource, over in RATIOS:
        k = by_resource[resource]
        f(r, key, utilisation(ref(demand, r), ref(capacity, r)), utilisation_value(k.demand, k.capacity))
        t.book.formula(t.ws, r, t.c[over], over_flag(ref(key, r)), over_value(k.demand, k.capacity), font=OVER_FONT)
        book.constraint_cells[(resource, hall.id)] = ConstraintCells(
            cell(TITLE, t.c[demand], r), cell(TITLE, t.c[capacity], r)
        )
    book.anchors[f"hall.{hall.id}.design_kw"] = cell(TITLE, t.c["design_kw"], r)


def _facility_total(data: ExportData, t: _Table, first: int, last: int) -> dict[str, tuple[str, Expected]]:
    r = last + 1
    site, halls = data.results.capacity.site, data.site.halls
    area = sum(h.width_m * h.depth_m for h in halls)
    budget = sum(h.design_it_kw for h in halls)
    expected: dict[str, Expected] = {
        "area_m2": area,
        "rows": sum(len(h.rows) for h in halls),
        "positions": site.positions,
        "cabinets": site.cabinets,
        "free": site.free_positions,
        "loaded_cabinets": site.loaded_cabinets,
        "design_kw": site.design_kw,
        "budget_kw": budget,
        "weight_t": site.weight_kg / 1000,
    }
    t.put(r, "id", "Site total")
    cells = t.sums(r, first, last, expected)
    worst = site.max_floor_loading_kg_m2
    worst_text = f"MAX({t.ref('floor_kg_m2', first)}:{t.ref('floor_kg_m2', last)})"
    cells["floor_kg_m2"] = t.formula(r, "floor_kg_m2", worst_text, worst)
    for key, demand, capacity, value in (
        ("space_use", "cabinets", "positions", utilisation_value(site.cabinets, site.positions)),
        ("budget_use", "design_kw", "budget_kw", utilisation_value(site.design_kw, budget)),
        ("density", "design_kw", "area_m2", utilisation_value(site.design_kw, area)),
    ):
        cells[key] = t.formula(r, key, utilisation(t.ref(demand, r), t.ref(capacity, r)), value)
    t.book.total_style(t.ws, r, 1, len(t.cols))
    return cells


def _it_row(
    book: Book, t: _Table, r: int, hall: Hall, hc: HallCapacity, hcomp: ComputeTotals, precisions: Sequence[str]
) -> None:
    tot = hc.totals
    t.put(r, "id", hall.id)
    t.put(r, "name", hall.name)
    _, where = _hall_where(t, r, hall)
    for key, expected in (
        ("servers", tot.servers),
        ("other_devices", tot.other_devices),
        ("accelerators", tot.accelerators),
        ("loaded_kw", tot.loaded_kw),
    ):
        t.formula(r, key, cabinets.sum_where(book, key, where), expected)
    for p in precisions:
        tflops = cabinets.sum_where(book, f"peak_{p}", where)
        t.formula(r, f"peak_{p}", f"{tflops}/{TERA_PER_PETA}", hcomp.peak_flops.get(p, 0.0) / PETA)


def _it_total(
    data: ExportData, t: _Table, first: int, last: int, precisions: Sequence[str]
) -> dict[str, tuple[str, Expected]]:
    site, peaks = data.results.capacity.site, data.results.compute.site.peak_flops
    expected: dict[str, Expected] = {
        "servers": site.servers,
        "other_devices": site.other_devices,
        "accelerators": site.accelerators,
        "loaded_kw": site.loaded_kw,
        **{f"peak_{p}": peaks.get(p, 0.0) / PETA for p in precisions},
    }
    t.put(last + 1, "id", "Site total")
    cells = t.sums(last + 1, first, last, expected)
    t.book.total_style(t.ws, last + 1, 1, len(t.cols))
    return cells


def _key_figures(
    data: ExportData, cells: dict[str, tuple[str, Expected]], fmt: dict[str, str | None], precisions: Sequence[str]
) -> list[KeyFigure]:
    def fig(label: str, key: str, unit: str, note: str = "") -> KeyFigure:
        ref, expected = cells[key]
        return KeyFigure(label, expected, unit, note, ref=ref, fmt=fmt[key])

    figures = [
        fig("Rows of cabinet positions", "rows", "rows", f"in {_halls(len(data.site.halls))}"),
        fig("Cabinet positions", "positions", "positions"),
        fig("Cabinets installed", "cabinets", "cabinets"),
        fig("Free positions", "free", "positions"),
        fig("Cabinets holding equipment", "loaded_cabinets", "cabinets"),
        fig("Compute servers", "servers", "servers"),
        fig("Storage and network units", "other_devices", "units"),
        fig("Accelerators (GPU / NPU)", "accelerators", "accelerators"),
        fig("Design IT load", "design_kw", "kW", "sum of the cabinets' power budgets"),
        fig("Hall IT budgets", "budget_kw", "kW"),
        fig("Loaded IT (servers at maximum power)", "loaded_kw", "kW"),
        fig("White-space floor area", "area_m2", "m²"),
        fig("IT density", "density", "kW/m²", "design IT over the white-space floor area"),
    ]
    incomplete = data.results.compute.site.incomplete_servers
    for p in precisions:
        n = incomplete.get(p, 0)
        note = f"{n:,} servers have no published {PRECISION_LABELS[p]} figure (counted as 0)" if n else "dense"
        figures.append(fig(f"Peak {PRECISION_LABELS[p]}", f"peak_{p}", flops_unit(p, "P"), note))
    return figures


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    ws = book.sheet(TITLE)
    cap, comp = data.results.capacity, data.results.compute
    precisions = shown_precisions(comp.site.peak_flops)
    computed = {h.id: h for h in comp.halls}
    halls = list(zip(data.site.halls, cap.halls, strict=True))

    fac = _Table(book, 1, FACILITY)
    book.columns[TITLE] = fac.c
    first = 2
    for r, (hall, hc) in enumerate(halls, start=first):
        _facility_row(book, fac, r, hall, hc)
    last = first + len(halls) - 1
    cells = _facility_total(data, fac, first, last)
    for key, *_, over in RATIOS:
        book.flag_utilisation(ws, fac.c[key], first, last + 1)
        book.flag_over(ws, fac.c[over], first, last)
    book.table(ws, 1, last, len(FACILITY), freeze_col=2)

    header = book.section(ws, last + 3, "IT equipment and peak compute per hall (dense peaks)")
    it = _Table(book, header, it_columns(precisions))
    it_first = header + 1
    for r, (hall, hc) in enumerate(halls, start=it_first):
        _it_row(book, it, r, hall, hc, computed.get(hall.id) or ComputeTotals(hall.id, 0, 0, {}, {}), precisions)
    it_last = it_first + len(halls) - 1
    cells.update(_it_total(data, it, it_first, it_last, precisions))
    book.anchors.update({f"site.{k}": ref for k, (ref, _) in cells.items()})

    if halls:
        category_chart(
            ws,
            title="Design IT load against the hall IT budget",
            categories=(fac.c["id"], first, last),
            series=[(fac.c["design_kw"], 1, last), (fac.c["budget_kw"], 1, last)],
            anchor=f"B{it_last + 4}",
            axis_title="kW",
        )
    return _key_figures(data, cells, {**fac.fmt, **it.fmt}, precisions)


def _halls(n: int) -> str:
    return f"{n} hall" if n == 1 else f"{n} halls"
