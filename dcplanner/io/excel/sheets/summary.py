"""Summary sheet: the site, its key figures with units, the capacity limits and their chart (engine).

Built last, from the key figures every other sheet returns: each line mirrors the cell it comes
from, so the Summary follows edits anywhere in the workbook. The capacity-limit table lists the
solver's constraints (demand against usable capacity), their use (demand / usable capacity) with
a live OVER flag, and finds the binding one with formulas. The findings list is the solve's
(:attr:`dcplanner.site_solve.SiteResults.findings`, errors first), as ``dcplanner solve`` prints it.
"""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner import __version__
from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column, Expected, wrapped_lines
from dcplanner.io.excel.charts import CM_PER_ROW, category_chart, rows_spanned
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import (
    NO_CAPACITY,
    OVER,
    cell,
    over_flag,
    over_value,
    span,
    utilisation,
    utilisation_value,
)
from dcplanner.io.excel.labels import constraint_label
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.solvers.capacity import is_over
from dcplanner.solvers.compute import HOURS_PER_YEAR

TITLE = "Summary"
MAX_FINDINGS = 60
USE_DEFINITION = (
    "Use = demand / usable capacity (installed less the units held in reserve); OVER above 100 %, "
    'and "no capacity" where demand meets none.'
)
DESCRIPTION_WIDTH = 100  # characters across the merged description cell
UNIT_FORMATS = {"cabinets": Fmt.COUNT, "kW": Fmt.KW, "kg/m²": Fmt.KG_M2}

FIGURE_COLUMNS = [Column("label", "Figure"), Column("value", "Value"), Column("unit", "Unit"), Column("note", "Note")]
LIMIT_COLUMNS = [
    Column("limit", "Limit"),
    Column("resource", "Resource"),
    Column("scope", "Scope"),
    Column("demand", "Demand"),
    Column("capacity", "Usable capacity"),
    Column("unit", "Unit"),
    Column("use", "Use (%)", Fmt.PCT, note=USE_DEFINITION),
    Column("over", "Over", note="OVER when the demand exceeds the usable capacity: a live formula."),
    Column("headroom", "Headroom"),
]
FINDING_COLUMNS = [Column("severity", "Severity"), Column("scope", "Scope"), Column("message", "Finding")]
LEGEND = (
    ("Input", styles.INPUT_FONT, None, "blue: a figure from the plan that formulas follow; edit it and they move"),
    ("Formula", None, None, "black: a live formula"),
    (
        "Fixed",
        styles.FROZEN_FONT,
        styles.FROZEN_FILL,
        "grey: a value fixed at export (an engine result such as the energy year or the cash flows, or a plan "
        "figure no formula follows); editing it changes nothing else",
    ),
)


class _Summary:
    def __init__(self, book: Book, data: ExportData) -> None:
        self.book, self.data = book, data
        self.ws = book.sheet(TITLE)

    def heading(self) -> int:
        data, site = self.data, self.data.site
        what = f"Scenario {data.scenario.name or data.scenario.id}" if data.scenario else "Base site"
        when = data.generated_at.strftime("%Y-%m-%d %H:%M UTC")
        return self.book.title(self.ws, site.name, f"Capacity workbook — {what} — dcplanner {__version__}, {when}")

    def site_block(self, r: int) -> int:
        book, ws, site = self.book, self.ws, self.data.site
        loc, climate = site.location, site.climate
        r = book.section(ws, r, "Site")
        climate_text = climate.builtin_id if climate.source == "builtin" else f"{climate.source.upper()} {climate.path}"
        lines: list[tuple[str, object, str, str | None]] = [
            ("Site id", site.id, "", None),
            ("Location", loc.name, "", None),
            ("Latitude", loc.latitude_deg, "°", Fmt.DEGREES),
            ("Longitude", loc.longitude_deg, "°", Fmt.DEGREES),
            ("Elevation", loc.elevation_m, "m", Fmt.COUNT),
            ("Time zone", loc.time_zone, "", None),
            ("Climate", climate_text, "", None),
        ]
        if self.data.scenario:
            sc = self.data.scenario
            lines.append(("Scenario", f"{sc.id}: {sc.name}", "", None))
        for label, value, unit, fmt in lines:
            book.put(ws, r, 1, label, font=styles.LABEL_FONT)
            book.put(ws, r, 2, value, fmt=fmt, measure=False)
            book.put(ws, r, 3, unit, align=styles.UNIT_ALIGN)
            r += 1
        if site.description:
            book.put(ws, r, 1, "Description", font=styles.LABEL_FONT, align=styles.WRAP)
            book.put(ws, r, 2, site.description, align=styles.WRAP, measure=False)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(LIMIT_COLUMNS))
            book.fit_height(ws, r, wrapped_lines(site.description, DESCRIPTION_WIDTH))
            r += 1
        return r + 1

    def key_figures(self, r: int, figures: Sequence[KeyFigure]) -> int:
        book, ws, comp = self.book, self.ws, self.data.results.compute
        r = book.section(ws, r, "Key figures")
        book.header(ws, r, FIGURE_COLUMNS)
        for fig in figures:
            r += 1
            self._figure_line(r, fig.label, fig.ref, fig.value, fig.unit, fig.fmt, fig.note)
        r += 1
        self._figure_line(r, "Mean compute utilisation", None, comp.utilisation, "", Fmt.PCT, "input")
        util = cell(None, 2, r)
        r += 1
        hours = f"{self.book.anchors['site.accelerators']}*{HOURS_PER_YEAR}*{util}"
        book.formula(ws, r, 2, hours, comp.gpu_hours_per_year, fmt=Fmt.HOURS)
        book.put(ws, r, 1, "Accelerator-hours per year", font=styles.LABEL_FONT)
        book.put(ws, r, 3, "h", align=styles.UNIT_ALIGN)
        book.note(ws, r, 4, "accelerators × 8,760 h × mean utilisation")
        return r + 2

    def _figure_line(
        self, r: int, label: str, ref: str | None, expected: Expected, unit: str, fmt: str | None, note: str
    ) -> None:
        book, ws = self.book, self.ws
        book.put(ws, r, 1, label, font=styles.LABEL_FONT)
        if ref is None:
            book.put(ws, r, 2, expected, fmt=fmt, font=styles.INPUT_FONT if note == "input" else None, measure=False)
        else:
            book.formula(ws, r, 2, ref, expected, fmt=fmt)
        book.put(ws, r, 3, unit, align=styles.UNIT_ALIGN)
        if note and note != "input":
            book.note(ws, r, 4, note)

    def limits(self, r: int) -> int:
        book, ws, cap = self.book, self.ws, self.data.results.capacity
        r = book.section(ws, r, "Capacity limits")
        if not cap.constraints:
            book.note(ws, r, 1, "No capacity limits to check: the site has no halls or power equipment entered.")
            return r + 2
        book.note(ws, r, 1, USE_DEFINITION)
        r += 1
        binding_row = r
        r += 5
        c = book.header(ws, r, LIMIT_COLUMNS)
        header, first = r, r + 1
        for k in cap.constraints:
            r += 1
            demand_c, capacity_c = cell(None, c["demand"], r), cell(None, c["capacity"], r)
            cells = book.constraint_cells[(k.resource, k.scope)]
            book.put(ws, r, c["limit"], constraint_label(k.resource, k.scope))
            book.put(ws, r, c["resource"], k.resource)
            book.put(ws, r, c["scope"], k.scope)
            book.put(ws, r, c["unit"], k.unit, align=styles.UNIT_ALIGN)
            fmt = UNIT_FORMATS.get(k.unit, Fmt.KW)
            book.formula(ws, r, c["demand"], cells.demand, k.demand, fmt=fmt)
            book.formula(ws, r, c["capacity"], cells.capacity, k.capacity, fmt=fmt)
            use = utilisation_value(k.demand, k.capacity)
            book.formula(ws, r, c["use"], utilisation(demand_c, capacity_c), use, fmt=Fmt.PCT)
            over = over_value(k.demand, k.capacity)
            book.formula(ws, r, c["over"], over_flag(cell(None, c["use"], r)), over, font=styles.OVER_FONT)
            book.formula(ws, r, c["headroom"], f"{capacity_c}-{demand_c}", k.headroom, fmt=fmt)
        last = r
        book.flag_utilisation(ws, c["use"], first, last)
        book.flag_over(ws, c["over"], first, last)
        self._binding(binding_row, c, first, last)
        height = max(7.0, (last - first + 1) * CM_PER_ROW + 3.0)
        category_chart(
            ws,
            title="Capacity use by limit (demand / usable capacity)",
            categories=(c["limit"], first, last),
            series=[(c["use"], header, last)],
            anchor=f"A{last + 2}",
            kind="bar",
            number_format="0%",
            width_cm=24.0,
            height_cm=height,
            data_labels=True,
        )
        return last + 2 + rows_spanned(height)

    def _binding(self, r: int, c: dict[str, int], first: int, last: int) -> None:
        book, ws, cap = self.book, self.ws, self.data.results.capacity
        b = cap.binding
        assert b is not None  # there are constraints
        uses = span(c["use"], first, c["use"], last)
        labels = span(c["limit"], first, c["limit"], last)
        any_none = f'COUNTIF({uses},"{NO_CAPACITY}")>0'
        first_none = f'INDEX({labels},MATCH("{NO_CAPACITY}",{uses},0))'
        label = f"IF({any_none},{first_none},INDEX({labels},MATCH(MAX({uses}),{uses},0)))"
        use = f'IF({any_none},"{NO_CAPACITY}",MAX({uses}))'
        use_ref = cell(None, 2, r + 1)
        it = self.book.anchors["site.design_kw"]
        headroom = f'IF(AND(ISNUMBER({use_ref}),N({use_ref})>0),{it}*(1/{use_ref}-1),"")'
        lines: list[tuple[str, str, Expected, str | None, str, str]] = [
            (
                "Binding limit",
                label,
                constraint_label(b.resource, b.scope),
                None,
                "",
                "the limit with the highest use: it runs out first",
            ),
            (
                "Binding limit use",
                use,
                utilisation_value(b.demand, b.capacity),
                Fmt.PCT,
                "",
                "demand / usable capacity",
            ),
            (
                "IT headroom before the binding limit",
                headroom,
                cap.it_headroom_kw,
                Fmt.KW,
                "kW",
                "design IT that can still be added in today's mix (negative: over the limit)",
            ),
        ]
        overs = span(c["over"], first, c["over"], last)
        lines.append(
            (
                "Limits over their usable capacity",
                f'COUNTIF({overs},"{OVER}")',
                sum(1 for k in cap.constraints if is_over(k)),
                Fmt.COUNT,
                "limits",
                "counted live from the OVER column below: edit an input and it follows",
            )
        )
        for n, (text, formula, expected, fmt, unit, note) in enumerate(lines):
            book.put(ws, r + n, 1, text, font=styles.LABEL_FONT)
            book.formula(ws, r + n, 2, formula, expected, fmt=fmt, font=styles.LABEL_FONT)
            book.put(ws, r + n, 3, unit, align=styles.UNIT_ALIGN)
            if note:
                book.note(ws, r + n, 4, note)

    def findings(self, r: int) -> int:
        """The solve's findings, errors first: severity, scope and message (fixed at export)."""
        book, ws = self.book, self.ws
        findings = self.data.results.findings
        r = book.section(ws, r, "Findings at export (as dcplanner solve reports them)")
        serious = [f for f in findings if f.severity != "info"]
        if not serious:
            book.put(ws, r, 1, "No limit broken and no warning.", font=styles.LABEL_FONT)
            r += 1
        else:
            errors = sum(1 for f in serious if f.severity == "error")
            book.put(
                ws,
                r,
                1,
                f"{_count(errors, 'error')} and {_count(len(serious) - errors, 'warning')}.",
                font=styles.LABEL_FONT,
            )
            r += 1
        if not findings:
            return r + 1
        c = book.header(ws, r, FINDING_COLUMNS)
        header = r
        for finding in findings[:MAX_FINDINGS]:
            r += 1
            font = styles.OVER_FONT if finding.severity == "error" else None
            book.put(ws, r, c["severity"], finding.severity, font=font)
            book.put(ws, r, c["scope"], finding.scope)
            book.put(ws, r, c["message"], finding.message, measure=False)
        book.table(ws, header, r, len(FINDING_COLUMNS), freeze=False, autofilter=False)
        if len(findings) > MAX_FINDINGS:
            r += 1
            book.note(ws, r, 1, f"... and {len(findings) - MAX_FINDINGS:,} more (dcplanner solve --json lists all)")
        return r + 2

    def legend(self, r: int) -> int:
        """What the three styles of figure mean, each shown in its style."""
        book, ws = self.book, self.ws
        r = book.section(ws, r, "Legend")
        for label, font, fill, meaning in LEGEND:
            book.put(ws, r, 1, label, font=font, fill=fill)
            book.note(ws, r, 2, meaning)
            r += 1
        return r + 1


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def build(book: Book, data: ExportData, figures: Sequence[KeyFigure]) -> None:
    """Write the Summary from the other sheets' key figures (call after every other sheet)."""
    s = _Summary(book, data)
    r = s.heading()
    r = s.site_block(r)
    r = s.findings(r)
    r = s.legend(r)
    r = s.key_figures(r, figures)
    s.limits(r)
