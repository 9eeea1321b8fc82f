"""Cooling sheet: architecture and set points, plant and hall units, heat to liquid and air (engine).

The heat to remove equals the design IT load (all electrical input becomes heat), as in the
capacity solver. Cabinet types split it between liquid (cold plates, rear doors, immersion) and
room air by their catalog liquid share.
"""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell, criteria
from dcplanner.io.excel.labels import COOLING_ARCHITECTURES
from dcplanner.io.excel.sheets import cabinets
from dcplanner.io.excel.sheets.units import GROUP_COLUMNS, UnitGroup, redundancy_choice, write_group
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure

TITLE = "Cooling"


class _CoolingSheet:
    def __init__(self, book: Book, data: ExportData) -> None:
        self.book, self.data = book, data
        self.ws = book.sheet(TITLE)
        self.choice = redundancy_choice(self.ws)
        self.constraints = {(k.resource, k.scope): k for k in data.results.capacity.constraints}

    def architecture(self, r: int) -> int:
        book, ws, cooling = self.book, self.ws, self.data.site.cooling
        r = book.section(ws, r, "Architecture and set points")
        book.put(ws, r, 1, "Architecture", font=styles.LABEL_FONT)
        book.put(ws, r, 2, cooling.architecture)  # the energy engine's inputs: no formula here follows them
        book.put(ws, r, 3, COOLING_ARCHITECTURES.get(cooling.architecture, ""), measure=False)
        book.put(ws, r + 1, 1, "Supply air set point (ITE inlet)", font=styles.LABEL_FONT)
        book.put(ws, r + 1, 2, cooling.supply_air_c, fmt=Fmt.CELSIUS)
        book.put(ws, r + 1, 3, "°C", align=styles.UNIT_ALIGN)
        r += 2
        book.put(ws, r, 1, "Parameters set for this site", font=styles.LABEL_FONT)
        if not cooling.parameters:
            book.note(ws, r, 2, "none: the architecture preset's defaults apply throughout")
            return r + 2
        book.note(ws, r, 3, "every other parameter takes the architecture preset's default")
        for name, value in cooling.parameters.items():
            r += 1
            book.put(ws, r, 1, name)
            book.put(ws, r, 2, value)
        return r + 2

    def plant(self, r: int) -> int:
        book, ws, cooling = self.book, self.ws, self.data.site.cooling
        r = book.section(ws, r, "Central plant (chillers, dry coolers, IEC units)")
        if not cooling.plant_units:
            book.note(ws, r, 1, "No central plant units entered: the plant is not checked for capacity.")
            return r + 2
        cols = [Column("plant", "Plant"), Column("unit_kw", "Unit capacity (kW)", Fmt.KW, input=True), *GROUP_COLUMNS]
        c = book.header(ws, r, cols)
        r += 1
        book.put(ws, r, c["plant"], cooling.architecture, font=styles.LABEL_FONT)
        book.put(ws, r, c["unit_kw"], cooling.plant_unit_kw, fmt=Fmt.KW, font=styles.INPUT_FONT)
        it_kw = self.data.results.capacity.site.design_kw
        group = UnitGroup(
            cooling.plant_units,
            cooling.plant_redundancy,
            cooling.plant_unit_kw,
            it_kw,
            self.constraints.get(("cooling_plant", "site")),
        )
        cells = write_group(
            book,
            ws,
            r,
            c,
            group,
            unit_kw_ref=cell(None, c["unit_kw"], r),
            demand_formula=book.anchors["site.design_kw"],
            choice=self.choice,
        )
        book.flag_utilisation(ws, c["loading"], r, r)
        book.flag_over(ws, c["over"], r, r)
        if group.constraint is not None:
            book.constraint_cells[("cooling_plant", "site")] = cells
        book.note(ws, r + 1, 1, "Load = design IT load (Halls: site total).")
        return r + 3

    def hall_units(self, r: int) -> int:
        book, ws = self.book, self.ws
        r = book.section(ws, r, "Terminal cooling units per hall (CRAH, CRAC, fan walls, IEC)")
        cols = [
            Column("hall", "Hall"),
            Column("unit_kw", "Unit capacity, net sensible (kW)", Fmt.KW, input=True),
            *GROUP_COLUMNS,
        ]
        c = book.header(ws, r, cols)
        first = r + 1
        for hall, hc in zip(self.data.site.halls, self.data.results.capacity.halls, strict=True):
            r += 1
            book.put(ws, r, c["hall"], hall.id, font=styles.LABEL_FONT)
            book.put(ws, r, c["unit_kw"], hall.cooling_unit_kw, fmt=Fmt.KW, font=styles.INPUT_FONT)
            group = UnitGroup(
                hall.cooling_units,
                hall.cooling_redundancy,
                hall.cooling_unit_kw,
                hc.totals.design_kw,
                self.constraints.get(("hall_cooling", hall.id)),
            )
            cells = write_group(
                book,
                ws,
                r,
                c,
                group,
                unit_kw_ref=cell(None, c["unit_kw"], r),
                demand_formula=book.anchors[f"hall.{hall.id}.design_kw"],
                choice=self.choice,
            )
            if group.constraint is not None:
                book.constraint_cells[("hall_cooling", hall.id)] = cells
        if r >= first:
            book.flag_utilisation(ws, c["loading"], first, r)
            book.flag_over(ws, c["over"], first, r)
        book.note(ws, r + 1, 1, "Load = the hall's design IT load (Halls sheet). Halls with no units are not checked.")
        return r + 3

    def heat_split(self, r: int) -> int:
        book, ws, hw = self.book, self.ws, self.data.hardware
        r = book.section(ws, r, "Heat to liquid and to room air by cabinet type")
        cols = [
            Column("type", "Cabinet type"),
            Column("cooling", "Cabinet cooling"),
            Column("cabinets", "Cabinets", Fmt.COUNT),
            Column("design_kw", "Design IT (kW)", Fmt.KW),
            Column("liquid_share", "Liquid share (%)", Fmt.PCT, input=True),
            Column("liquid_kw", "Heat to liquid (kW)", Fmt.KW),
            Column("air_kw", "Heat to air (kW)", Fmt.KW),
        ]
        c = book.header(ws, r, cols)
        counts: dict[str, int] = {}
        design: dict[str, float] = {}
        for inv in self.data.inventory:
            t = inv.cabinet.type_id
            counts[t] = counts.get(t, 0) + 1
            design[t] = design.get(t, 0.0) + inv.cabinet.design_kw
        first = r + 1
        total_liquid = 0.0
        for type_id in sorted(counts):
            r += 1
            ctype = hw.cabinet_types[type_id]
            design_c, liquid_c = cell(None, c["design_kw"], r), cell(None, c["liquid_kw"], r)
            crit = criteria(cell(None, c["type"], r), type_id)
            where = (("type", crit),)
            liquid = design[type_id] * ctype.liquid_fraction
            total_liquid += liquid
            book.put(ws, r, c["type"], type_id)
            book.put(ws, r, c["cooling"], ctype.cooling.replace("_", " "))
            book.put(ws, r, c["liquid_share"], ctype.liquid_fraction, fmt=Fmt.PCT, font=styles.INPUT_FONT)
            f = book.formula
            f(ws, r, c["cabinets"], cabinets.count_where(book, where), counts[type_id], fmt=Fmt.COUNT)
            f(ws, r, c["design_kw"], cabinets.sum_where(book, "design_kw", where), design[type_id], fmt=Fmt.KW)
            f(ws, r, c["liquid_kw"], f"{design_c}*{cell(None, c['liquid_share'], r)}", liquid, fmt=Fmt.KW)
            f(ws, r, c["air_kw"], f"{design_c}-{liquid_c}", design[type_id] - liquid, fmt=Fmt.KW)
        last, r = r, r + 1
        site = self.data.results.capacity.site
        book.put(ws, r, c["type"], "Total")
        for key, expected in (
            ("cabinets", site.cabinets),
            ("design_kw", site.design_kw),
            ("liquid_kw", total_liquid),
            ("air_kw", site.design_kw - total_liquid),
        ):
            col = c[key]
            fmt = Fmt.COUNT if key == "cabinets" else Fmt.KW
            book.formula(ws, r, col, f"SUM({cell(None, col, first)}:{cell(None, col, last)})", expected, fmt=fmt)
        book.total_style(ws, r, 1, len(cols))
        return r + 2


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    sheet = _CoolingSheet(book, data)
    r = book.title(
        sheet.ws,
        "Cooling",
        "Heat to remove = design IT load. Usable capacity applies redundancy as on the Power sheet.",
    )
    r = sheet.architecture(r)
    r = sheet.plant(r)
    r = sheet.hall_units(r)
    sheet.heat_split(r)
    cooling = data.site.cooling
    return (
        KeyFigure(
            "Cooling architecture", cooling.architecture, note=COOLING_ARCHITECTURES.get(cooling.architecture, "")
        ),
        KeyFigure("Supply air set point", cooling.supply_air_c, "°C", fmt=Fmt.CELSIUS),
    )
