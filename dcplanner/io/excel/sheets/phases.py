"""Phases sheet: the build-out schedule and capacity against demand by decision period (engine).

The schedule is the phasing solver's (optimised with HiGHS, or fixed by hand); the period table
holds the solver's monthly operations averaged over each decision period (a year, quarter or
month). Derived figures are live formulas:

- unserved = demand − served and stranded = capacity − served (period means; built capacity that
  carries no demand is stranded);
- utilisation = served / capacity (0 where nothing is built, as the solver counts it); with the
  period means this is the capacity-weighted utilisation of the period;
- served share of demand over the horizon = Σ served / Σ demand (periods are equally long);
- totals of the built candidates are SUMIFS over the Built column, so marking a candidate "no"
  takes it out of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column, Expected
from dcplanner.io.excel.charts import category_chart, rows_spanned
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell, span
from dcplanner.io.excel.labels import MCNY, glued
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.solvers.phasing.results import PhasingResult

TITLE = "Phases"
PERIOD_NAMES = {1: "month", 3: "quarter", 12: "year"}
KIND_NAMES = {
    "hall": "hall",
    "rows": "rows",
    "power": "power block",
    "cooling": "cooling block",
    "plant": "plant block",
    "it": "IT",
    "other": "other",
}
OVERVIEW_ROWS = 12  # section title, 10 lines, one blank row
CHART_CM = 9.0
CHART_WIDTH_CM = 32.0
YES, NO = "yes", "no"


def unit_format(result: PhasingResult) -> str:
    """Number format of the demand unit: MW to 10 kW, PFLOPS to 0.1."""
    return "#,##0.00" if result.unit == "it_mw" else "#,##0.0"


def schedule_columns(result: PhasingResult) -> list[Column]:
    unit, prec = glued(result.unit_label), result.pflops_precision_label
    fmt = unit_format(result)
    return [
        Column("id", "Candidate"),
        Column("name", "Name"),
        Column("kind", "Kind"),
        Column("requires", "Requires", note="Candidates that must be in service no later than this one."),
        Column("built", "Built", note="yes: built within the horizon. Totals below count the candidates marked yes."),
        Column("start", "Construction start"),
        Column("service", "In service"),
        Column("lead", "Lead time (months)", Fmt.COUNT),
        Column("capacity", f"Capacity ({unit})", fmt),
        Column("it_kw", "Design IT (kW)", Fmt.KW),
        Column("pflops", f"Peak {prec} (PFLOPS)", Fmt.PFLOPS),
        Column("accelerators", "Accelerators", Fmt.COUNT),
        Column("cabinets", "Cabinets", Fmt.COUNT),
        Column("capex", f"Facility capex ({MCNY})", Fmt.MCNY, note="Spent evenly over the lead time."),
        Column("it_capex", f"IT capex per purchase ({MCNY})", Fmt.MCNY, note="Bought at service, again each IT life."),
        Column("opex", f"Fixed opex ({MCNY}/year)", Fmt.MCNY, note="Maintenance from the month in service."),
    ]


def period_columns(result: PhasingResult) -> list[Column]:
    unit = glued(result.unit_label)
    fmt = unit_format(result)
    spread = (
        "Spread of the forecast around the active variant (lognormal): the low and high variants "
        "read as P10 and P90, or buildout.demand.spread_sd_log."
    )
    return [
        Column("period", "Period start"),
        Column("demand", f"Demand, mean ({unit})", fmt),
        Column("p10", f"Demand P10 ({unit})", fmt, note=spread),
        Column("p90", f"Demand P90 ({unit})", fmt, note=spread),
        Column("capacity", f"Capacity, mean ({unit})", fmt, note="Capacity in service, averaged over the period."),
        Column("served", f"Served, mean ({unit})", fmt, note="Demand carried: the lesser of demand and capacity."),
        Column("unserved", f"Unserved, mean ({unit})", fmt, note="Demand − served."),
        Column("shortfall", f"Largest monthly shortfall ({unit})", fmt),
        Column("stranded", f"Stranded, mean ({unit})", fmt, note="Capacity − served: built, carrying no demand."),
        Column("utilisation", "Utilisation (%)", Fmt.PCT, note="Served / capacity (0 where nothing is built)."),
        Column("capacity_end", f"Capacity at period end ({unit})", fmt),
        Column("it_kw", "IT at period end (kW)", Fmt.KW, note="Design IT power in service at the end of the period."),
    ]


class _PhasesSheet:
    def __init__(self, book: Book, data: ExportData) -> None:
        assert data.phasing is not None
        self.book, self.data, self.p = book, data, data.phasing
        self.ws = book.sheet(TITLE)
        self.schedule_row = 0

    def schedule(self, r: int) -> tuple[dict[str, str], int]:
        """The candidates table; returns the cells of the built totals and the next free row."""
        book, ws, p = self.book, self.ws, self.p
        r = book.section(ws, r, "Schedule")
        cols = schedule_columns(p)
        c = book.header(ws, r, cols)
        header, first = r, r + 1
        for plan in p.candidates:
            r += 1
            values: dict[str, object] = {
                "id": plan.id,
                "name": plan.name,
                "kind": KIND_NAMES.get(plan.kind, plan.kind),
                "requires": ", ".join(plan.requires),
                "built": YES if plan.built else NO,
                "start": plan.start_month or "—",
                "service": plan.service_month or "not built",
                "lead": plan.lead_months,
                "capacity": plan.capacity,
                "it_kw": plan.it_kw,
                "pflops": plan.pflops,
                "accelerators": plan.accelerators,
                "cabinets": plan.cabinets,
                "capex": plan.capex_cny,
                "it_capex": plan.it_capex_cny,
                "opex": plan.opex_cny_per_year,
            }
            for column in cols:
                book.put(ws, r, c[column.key], values[column.key], fmt=column.fmt)
        last = r
        r += 1
        book.put(ws, r, c["id"], "Built, total")
        built = [plan for plan in p.candidates if plan.built]
        totals: dict[str, str] = {}
        sums: dict[str, float] = {
            "capacity": sum(x.capacity for x in built),
            "it_kw": sum(x.it_kw for x in built),
            "pflops": sum(x.pflops for x in built),
            "accelerators": sum(x.accelerators for x in built),
            "cabinets": sum(x.cabinets for x in built),
            "capex": sum(x.capex_cny for x in built),
            "it_capex": sum(x.it_capex_cny for x in built),
            "opex": sum(x.opex_cny_per_year for x in built),
        }
        flags = span(c["built"], first, c["built"], last)
        fmt = {column.key: column.fmt for column in cols}
        for key, expected in sums.items():
            col = c[key]
            values_span = span(col, first, col, last)
            text = f'SUMIFS({values_span},{flags},"{YES}")' if p.candidates else "0"
            totals[key] = book.formula(ws, r, col, text, expected, fmt=fmt[key])
        book.total_style(ws, r, 1, len(cols))
        book.table(ws, header, r, len(cols), freeze=False, autofilter=False)
        for plan in p.candidates:  # where each candidate's capacity and capex come from
            r += 1
            book.note(ws, r, 1, f"{plan.id}: {plan.derivation}")
        return totals, r + 2

    def periods(self, r: int) -> tuple[dict[str, str], int]:
        """Capacity against demand by decision period and its chart; returns column spans and the next row."""
        book, ws, p = self.book, self.ws, self.p
        ops = p.operations
        period = PERIOD_NAMES[p.problem.timeline.period_months]
        r = book.section(ws, r, f"Capacity against demand by {period} ({p.unit_label})")
        chart_anchor = f"A{r}"  # the chart above the table it draws
        r += rows_spanned(CHART_CM)
        cols = period_columns(p)
        c = book.header(ws, r, cols)
        header, first = r, r + 1
        demand = p.period_view(ops.demand)
        served = p.period_view(ops.served)
        capacity = p.period_view(ops.capacity)
        series = {
            "demand": demand,
            "p10": p.period_view(ops.demand_p10),
            "p90": p.period_view(ops.demand_p90),
            "capacity": capacity,
            "served": served,
            "shortfall": p.period_view(ops.unserved, "max"),
            "capacity_end": p.period_view(ops.capacity, "last"),
            "it_kw": p.period_view(ops.built_it_kw, "last"),
        }
        unserved = p.period_view(ops.unserved)
        stranded = p.period_view(ops.stranded)
        fmt = {column.key: column.fmt for column in cols}
        f = book.formula
        for k, start in enumerate(ops.period_starts):
            r = first + k
            ref = {key: cell(None, col, r) for key, col in c.items()}
            book.put(ws, r, c["period"], ops.months[start], font=styles.LABEL_FONT)
            for key, values in series.items():
                book.put(ws, r, c[key], float(values[k]), fmt=fmt[key])
            f(ws, r, c["unserved"], f"{ref['demand']}-{ref['served']}", float(unserved[k]), fmt=fmt["unserved"])
            f(ws, r, c["stranded"], f"{ref['capacity']}-{ref['served']}", float(stranded[k]), fmt=fmt["stranded"])
            use = float(served[k] / capacity[k]) if capacity[k] > 0 else 0.0
            text = f"IF({ref['capacity']}>0,{ref['served']}/{ref['capacity']},0)"
            f(ws, r, c["utilisation"], text, use, fmt=Fmt.PCT)
        last = first + len(ops.period_starts) - 1
        book.flag_utilisation(ws, c["utilisation"], first, last)
        # a monthly horizon runs to a hundred lines and more: its header repeats on every printed page
        book.table(ws, header, last, len(cols), freeze=False, autofilter=False, repeat_header=True)
        category_chart(
            ws,
            title=f"Capacity against demand ({p.unit_label})",
            categories=(c["period"], first, last),
            series=[(c["capacity"], header, last)],
            lines=[(c[key], header, last) for key in ("demand", "p10", "p90")],
            anchor=chart_anchor,
            page_from_row=header - rows_spanned(CHART_CM) - 1,  # the section title goes with the chart
            kind="col",
            axis_title=p.unit_label,
            number_format="#,##0" if p.unit == "pflops" else "#,##0.0",
            width_cm=CHART_WIDTH_CM,
            height_cm=CHART_CM,
        )
        spans = {key: span(col, first, col, last) for key, col in c.items()}
        return spans, last + 2

    def notes(self, r: int) -> int:
        book, ws = self.book, self.ws
        r = book.section(ws, r, "How the schedule was made")
        for text in self.p.notes:
            book.note(ws, r, 1, text)
            r += 1
        return r + 1

    def overview(self, r: int, totals: dict[str, str], spans: dict[str, str]) -> list[KeyFigure]:
        """The overview block (written into rows reserved above the tables)."""
        book, ws, p = self.book, self.ws, self.p
        m, ops, s = p.measures, p.operations, p.schedule
        r = book.section(ws, r, "Build-out")
        timeline = p.problem.timeline
        texts: list[tuple[str, str, str, str]] = [
            ("Demand forecast", f"variant {p.demand_variant!r}", p.unit_label, "buildout.demand"),
            ("Schedule", f"{s.how} ({s.status})", "", "HiGHS mixed-integer programme" if s.how == "optimised" else ""),
            ("Decisions", f"every {PERIOD_NAMES[timeline.period_months]}", "", "buildout.period"),
            ("Horizon", f"{ops.months[0]} to {ops.months[-1]}", "", f"{timeline.years} years (analysis_years)"),
            ("Energy priced by", p.energy_source, "", ""),
        ]
        for label, value, unit, note in texts:
            self.book.label_line(self.ws, r, label, unit, note)
            book.put(ws, r, 2, value, measure=False)
            r += 1
        demand, served = spans["demand"], spans["served"]
        lines: list[tuple[str, str, Expected, str, str, str]] = [
            (
                "Demand served",
                f"IF(SUM({demand})>0,SUM({served})/SUM({demand}),1)",
                m.served_share,
                "",
                Fmt.PCT,
                "served / demand over the horizon",
            ),
            (
                "Largest monthly shortfall",
                f"MAX({spans['shortfall']})",
                m.peak_shortfall,
                p.unit_label,
                unit_format(p),
                "demand the built capacity cannot carry, worst month",
            ),
            (
                "Capacity built by the end",
                totals["capacity"],
                float(ops.capacity[-1]),
                p.unit_label,
                unit_format(p),
                "built candidates (schedule total)",
            ),
            ("Design IT built by the end", totals["it_kw"], float(ops.built_it_kw[-1]), "kW", Fmt.KW, ""),
            (
                "Peak compute in service",
                totals["pflops"],
                m.peak_pflops,
                f"PFLOPS {p.pflops_precision_label}",
                Fmt.PFLOPS,
                "",
            ),
        ]
        refs: dict[str, str] = {}
        for label, formula, expected, unit, fmt, note in lines:
            self.book.label_line(self.ws, r, label, unit, note)
            refs[label] = book.formula(ws, r, 2, formula, expected, fmt=fmt)
            r += 1
        assert r < self.schedule_row, "the overview block overran its rows"
        return [
            KeyFigure("Build-out: demand served", m.served_share, ref=refs["Demand served"], fmt=Fmt.PCT),
            KeyFigure(
                "Build-out: capacity built by the end",
                float(ops.capacity[-1]),
                p.unit_label,
                f"demand variant {p.demand_variant!r}",
                ref=refs["Capacity built by the end"],
                fmt=unit_format(p),
            ),
        ]


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    sheet = _PhasesSheet(book, data)
    p = sheet.p
    s = p.schedule
    built = sum(1 for plan in p.candidates if plan.built)
    r = book.title(
        sheet.ws,
        "Build-out phases",
        f"{s.how.capitalize()} schedule: {built} of {len(p.candidates)} candidates built; demand in "
        f"{p.unit_label}, variant {p.demand_variant!r}. Schedule and operations are the phasing solver's; "
        "derived figures are formulas.",
    )
    sheet.schedule_row = r + OVERVIEW_ROWS
    totals, r = sheet.schedule(sheet.schedule_row)
    spans, r = sheet.periods(r)
    sheet.notes(r)
    return sheet.overview(sheet.schedule_row - OVERVIEW_ROWS, totals, spans)
