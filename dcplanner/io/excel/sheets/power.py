"""Power sheet: utility, transformers, UPS, PDUs and generators with live capacity checks (engine).

Usable capacity = usable units x unit rating (kW; transformers kVA x power factor), where usable
units follow the redundancy rule of :mod:`dcplanner.solvers.capacity`. The load each block
carries: design IT for UPS and PDUs (plus the cooling load when the UPS feeds cooling), the
peak facility load for utility, transformers and generators: design IT (the Cabinets sheet's
design kW, summed on the Halls sheet) x the design-peak ratio, an input cell holding the energy
engine's design peak / design IT at export (the hourly year with every cabinet at its budget),
or the design facility factor when the energy year was not solved. Editing cabinets therefore
moves every loading. Use = load / usable capacity, flagged OVER above 100 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.worksheet.datavalidation import DataValidation

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell
from dcplanner.io.excel.sheets.units import GROUP_COLUMNS, UnitGroup, redundancy_choice, write_group
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.model.site import LossModel, Redundancy

TITLE = "Power"

COLUMNS = [
    Column("equipment", "Equipment"),
    Column("rating", "Unit rating", Fmt.KW, input=True),
    Column("rating_unit", "Rating unit"),
    Column("pf", "Power factor", Fmt.FRACTION, input=True),
    Column("rating_kw", "Unit rating (kW)", Fmt.KW),
    *GROUP_COLUMNS,
    Column("carries", "Load basis"),
]
LOAD_BASIS = {"facility": "peak facility load", "ups": "UPS load", "it": "design IT load"}


@dataclass(frozen=True, slots=True)
class _Block:
    resource: str
    label: str
    rating: float
    rating_unit: str
    power_factor: float | None  # kVA-rated equipment only
    count: int
    redundancy: Redundancy
    load: str  # key of LOAD_BASIS


def _blocks(data: ExportData) -> list[_Block]:
    p = data.site.power
    tx = p.transformers
    return [
        _Block(
            "utility",
            "Utility feeds",
            p.utility.capacity_kw,
            "kW",
            None,
            p.utility.feeds,
            p.utility.redundancy,
            "facility",
        ),
        _Block(
            "transformers",
            "Transformers (MV/LV)",
            tx.rating_kva,
            "kVA",
            tx.power_factor,
            tx.count,
            tx.redundancy,
            "facility",
        ),
        _Block("ups", "UPS modules", p.ups.module_kw, "kW", None, p.ups.modules, p.ups.redundancy, "ups"),
        _Block("pdus", "PDUs / RPPs", p.pdus.rating_kw, "kW", None, p.pdus.count, p.pdus.redundancy, "it"),
        _Block(
            "generators",
            "Standby generators",
            p.generators.rating_kw,
            "kW",
            None,
            p.generators.count,
            p.generators.redundancy,
            "facility",
        ),
    ]


class _PowerSheet:
    def __init__(self, book: Book, data: ExportData) -> None:
        self.book, self.data = book, data
        self.ws = book.sheet(TITLE)
        self.constraints = {k.resource: k for k in data.results.capacity.constraints if k.scope == "site"}

    def _label(self, r: int, text: str, unit: str = "") -> None:
        self.book.put(self.ws, r, 1, text, font=styles.LABEL_FONT)
        self.book.put(self.ws, r, 3, unit, align=styles.UNIT_ALIGN)

    def loads(self, r: int) -> tuple[dict[str, tuple[str, float]], int]:
        """The loads block; returns load kind -> (cell, kW) and the next free row."""
        book, ws = self.book, self.ws
        cap, power = self.data.results.capacity, self.data.site.power
        it_kw, facility = cap.site.design_kw, cap.peak_facility_kw
        r = book.section(ws, r, "Load the power chain carries")
        it_c, ratio_c, fac_c, feeds_c = (cell(None, 2, r + i) for i in range(4))
        self._label(r, "Design IT load", "kW")
        it_ref = book.formula(ws, r, 2, book.anchors["site.design_kw"], it_kw, fmt=Fmt.KW)
        book.note(ws, r, 4, "Halls: site total, the sum of the Cabinets sheet's design kW")
        ratio, note = self._peak_ratio(it_kw, facility)
        self._label(r + 1, "Design-peak ratio", "kW facility per kW IT")
        book.put(ws, r + 1, 2, ratio, fmt=Fmt.FACTOR, font=styles.INPUT_FONT)
        book.note(ws, r + 1, 4, note)
        self._label(r + 2, "Peak facility load for sizing", "kW")
        fac_ref = book.formula(ws, r + 2, 2, f"{it_c}*{ratio_c}", it_kw * ratio, fmt=Fmt.KW)
        book.note(ws, r + 2, 4, "design IT load × design-peak ratio: sizes utility, transformers and generators")
        self._label(r + 3, "UPS also feeds cooling")
        book.put(ws, r + 3, 2, power.ups.feeds_cooling, font=styles.INPUT_FONT)
        yes_no = DataValidation(type="list", formula1='"yes,no"', allow_blank=False)
        ws.add_data_validation(yes_no)
        yes_no.add(f"B{r + 3}")
        self._label(r + 4, "UPS load", "kW")
        ups = self.constraints.get("ups")
        ups_kw = ups.demand if ups else it_kw + (facility - it_kw if power.ups.feeds_cooling else 0.0)
        ups_ref = book.formula(ws, r + 4, 2, f'{it_c}+IF({feeds_c}="yes",{fac_c}-{it_c},0)', ups_kw, fmt=Fmt.KW)
        book.anchors["site.peak_facility_kw"] = fac_ref
        return {"it": (it_ref, it_kw), "facility": (fac_ref, it_kw * ratio), "ups": (ups_ref, ups_kw)}, r + 6

    def _peak_ratio(self, it_kw: float, facility_kw: float) -> tuple[float, str]:
        """The design-peak ratio the capacity solve used, and the note that says where it comes from.

        With the energy year, the ratio is the energy engine's design peak facility power (the
        hourly year with every cabinet at its budget: cooling, losses, lighting and misc at their
        worst hour) over the design IT load; without it, the power chain's design facility factor.
        """
        factor = self.data.site.power.design_facility_factor
        if it_kw <= 0:
            return factor, "power.design_facility_factor (no design IT load to take a ratio of)"
        ratio = facility_kw / it_kw
        if self.data.results.energy is None:
            return ratio, "power.design_facility_factor: the energy year was not solved"
        return ratio, (
            f"energy engine's design peak {facility_kw:,.0f} kW / design IT {it_kw:,.0f} kW at export. Held "
            "fixed when cabinets are edited: the engine's own ratio moves a little with the load (cooling "
            "and losses do not scale exactly with IT), so dcplanner solve of an edited design differs by "
            "that; enter the ratio it reports (peak facility load / design IT) to match it"
        )

    def equipment(self, r: int, loads: dict[str, tuple[str, float]]) -> int:
        book, ws = self.book, self.ws
        r = book.section(ws, r, "Equipment")
        c = book.header(ws, r, COLUMNS)
        header = r
        choice = redundancy_choice(ws)
        blue = styles.INPUT_FONT
        for block in _blocks(self.data):
            r += 1
            book.put(ws, r, c["equipment"], block.label, font=styles.LABEL_FONT)
            book.put(ws, r, c["rating"], block.rating, fmt=Fmt.KW, font=blue)
            book.put(ws, r, c["rating_unit"], block.rating_unit)
            rating_c = cell(None, c["rating"], r)
            if block.power_factor is None:
                rating_text, unit_kw = rating_c, block.rating
            else:
                book.put(ws, r, c["pf"], block.power_factor, fmt=Fmt.FRACTION, font=blue)
                rating_text, unit_kw = f"{rating_c}*{cell(None, c['pf'], r)}", block.rating * block.power_factor
            book.formula(ws, r, c["rating_kw"], rating_text, unit_kw, fmt=Fmt.KW)
            unit_ref = cell(None, c["rating_kw"], r)
            load_ref, load_kw = loads[block.load]
            group = UnitGroup(block.count, block.redundancy, unit_kw, load_kw, self.constraints.get(block.resource))
            cells = write_group(book, ws, r, c, group, unit_kw_ref=unit_ref, demand_formula=load_ref, choice=choice)
            book.put(ws, r, c["carries"], LOAD_BASIS[block.load])
            if group.constraint is not None:
                book.constraint_cells[(block.resource, "site")] = cells
        book.flag_utilisation(ws, c["loading"], header + 1, r)
        book.flag_over(ws, c["over"], header + 1, r)
        book.table(ws, header, r, len(COLUMNS), freeze=False, autofilter=False)
        return r + 2

    def other_ratings(self, r: int) -> int:
        book, ws, p = self.book, self.ws, self.data.site.power
        r = book.section(ws, r, "Other ratings")
        for label, value, unit, fmt in (
            ("Utility voltage", p.utility.voltage_kv, "kV", Fmt.KW),
            ("UPS topology", p.ups.topology.replace("_", " "), "", None),
            ("Generator autonomy (fuel on site)", p.generators.autonomy_h, "h", Fmt.KW),
        ):
            self._label(r, label, unit)
            book.put(ws, r, 2, value, fmt=fmt)  # plan figures no formula follows
            r += 1
        return r + 1

    def losses(self, r: int) -> None:
        book, ws, p = self.book, self.ws, self.data.site.power
        r = book.section(ws, r, "Loss model per stage (inputs of the energy engine, fixed here)")
        book.note(ws, r, 1, "loss = unit rating x (no-load + proportional x load + square-law x load²), load per unit")
        cols = [
            Column("stage", "Stage"),
            Column("no_load", "No-load (share of rating)", "0.00%"),
            Column("proportional", "Proportional", "0.00%"),
            Column("square", "Square-law", "0.00%"),
            Column("source", "Source"),
        ]
        book.header(ws, r + 1, cols)
        r += 1
        stages: list[tuple[str, LossModel]] = [
            ("Transformers", p.transformers.losses),
            ("UPS", p.ups.losses),
            ("PDUs", p.pdus.losses),
            ("Cabling / busway", p.cabling_losses),
        ]
        for label, loss in stages:
            r += 1
            book.put(ws, r, 1, label, font=styles.LABEL_FONT)
            for col, value in enumerate((loss.no_load_frac, loss.proportional_frac, loss.square_law_frac), start=2):
                book.put(ws, r, col, value, fmt="0.00%")  # the energy engine's inputs, fixed here
            book.put(ws, r, 5, loss.source or "not given", measure=False)


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    sheet = _PowerSheet(book, data)
    r = book.title(
        sheet.ws,
        "Power chain",
        "Utility → transformers → UPS → PDUs → cabinets, generators as standby. Usable capacity applies "
        "redundancy (Uptime Institute tiers; Schneider Electric WP75).",
    )
    loads, r = sheet.loads(r)
    r = sheet.equipment(r, loads)
    r = sheet.other_ratings(r)
    sheet.losses(r)
    fac_ref, facility = loads["facility"]
    note = "sizes utility, transformers and generators"
    return (KeyFigure("Peak facility load for sizing", facility, "kW", note, ref=fac_ref, fmt=Fmt.KW),)
