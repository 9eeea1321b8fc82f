"""Scenarios sheet: the base site and each scenario side by side, one figure per line (engine).

Each column is a separate solve of the base site with the scenario's overrides applied. Figures
are the solvers' values (no formulas: each column comes from a different model), the energy
year's among them (blank for a case solved without one). Later solvers add their figures by
appending to :data:`FIGURES` a :class:`Figure` that reads the solved case.

When the cases were phased, the build-out comparison follows (:data:`PHASING_FIGURES`: schedule,
NPV, IRR, payback, capex, energy cost, costs per unit, served share; as ``dcplanner compare``)
with each case's cumulative cash by calendar year and a chart of it, one line per case.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, wrapped_lines
from dcplanner.io.excel.charts import category_chart, rows_spanned
from dcplanner.io.excel.data import ExportData, SolvedCase
from dcplanner.io.excel.labels import PRECISION_LABELS, constraint_label, flops_unit
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.site_solve import SiteResults
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.inventory import PRECISIONS
from dcplanner.solvers.phasing.results import Measures, PhasingResult
from dcplanner.solvers.scenario_comparison import BASE_ID

TITLE = "Scenarios"

Value = float | int | str | None


@dataclass(frozen=True, slots=True)
class Figure:
    """One comparison line: label, unit, number format and how to read it from a solved case."""

    label: str
    unit: str
    fmt: str | None
    value: Callable[[SolvedCase], Value]  # called only for cases that solved


def _solved(read: Callable[[SiteResults], Value]) -> Callable[[SolvedCase], Value]:
    def value(case: SolvedCase) -> Value:
        assert case.results is not None
        return read(case.results)

    return value


def _peak_pflops(precision: str) -> Callable[[SolvedCase], Value]:
    """The site's dense peak at one precision, PFLOPS."""
    return _solved(lambda r: r.compute.site.peak_flops.get(precision, 0.0) / 1e15)


def _energy(read: Callable[[EnergyResult, SiteResults], Value]) -> Callable[[SolvedCase], Value]:
    """A figure of the case's energy year (blank for a case solved without one)."""

    def value(case: SolvedCase) -> Value:
        if case.energy is None or case.results is None:
            return None
        result = read(case.energy, case.results)
        return None if isinstance(result, float) and not math.isfinite(result) else result

    return value


def _energy_cost(e: EnergyResult, res: SiteResults) -> float:
    """Facility energy at the case's own tariff (a scenario may change it)."""
    return e.facility_energy_kwh * res.site.economics.electricity_tariff_cny_per_kwh


def _binding_label(res: SiteResults) -> str:
    b = res.capacity.binding
    return constraint_label(b.resource, b.scope) if b else "none"


def _binding_use(res: SiteResults) -> float | str | None:
    b = res.capacity.binding
    if b is None:
        return None
    return b.utilisation if b.capacity > 0 else "no capacity"


FIGURES: list[Figure] = [
    Figure("Cabinets installed", "cabinets", Fmt.COUNT, _solved(lambda r: r.capacity.site.cabinets)),
    Figure("Cabinet positions", "positions", Fmt.COUNT, _solved(lambda r: r.capacity.site.positions)),
    Figure("Compute servers", "servers", Fmt.COUNT, _solved(lambda r: r.capacity.site.servers)),
    Figure("Storage and network units", "units", Fmt.COUNT, _solved(lambda r: r.capacity.site.other_devices)),
    Figure("Accelerators (GPU / NPU)", "accelerators", Fmt.COUNT, _solved(lambda r: r.capacity.site.accelerators)),
    Figure("Design IT load", "kW", Fmt.KW, _solved(lambda r: r.capacity.site.design_kw)),
    Figure("Loaded IT (servers at maximum power)", "kW", Fmt.KW, _solved(lambda r: r.capacity.site.loaded_kw)),
    Figure("Peak facility load for sizing", "kW", Fmt.KW, _solved(lambda r: r.capacity.peak_facility_kw)),
    Figure("Annual PUE", "", Fmt.RATE, _energy(lambda e, _: e.annual_pue)),  # as dcplanner solve
    Figure("Facility energy per year", "MWh", Fmt.KW, _energy(lambda e, _: e.facility_energy_kwh / 1000.0)),
    Figure("Energy cost per year", "CNY", Fmt.COUNT, _energy(_energy_cost)),
    *(
        Figure(
            f"Peak {PRECISION_LABELS[p]} (dense)",
            flops_unit(p, "P"),
            Fmt.PFLOPS,
            _peak_pflops(p),
        )
        for p in PRECISIONS
    ),
    Figure("Mean compute utilisation", "", Fmt.PCT, _solved(lambda r: r.compute.utilisation)),
    Figure("Accelerator-hours per year", "h", Fmt.HOURS, _solved(lambda r: r.compute.gpu_hours_per_year)),
    Figure("Binding limit", "", None, _solved(_binding_label)),
    Figure("Binding limit use", "", Fmt.PCT, _solved(_binding_use)),
    Figure("IT headroom before the binding limit", "kW", Fmt.KW, _solved(lambda r: r.capacity.it_headroom_kw)),
]


def _phased(read: Callable[[Measures], float]) -> Callable[[SolvedCase], Value]:
    """A measure of the case's build-out (blank when it has none, or the measure is undefined)."""

    def value(case: SolvedCase) -> Value:
        if case.phasing is None:
            return None
        result = read(case.phasing.measures)
        return result if math.isfinite(result) else None

    return value


def _payback(case: SolvedCase) -> Value:
    if case.phasing is None:
        return None
    years = case.phasing.measures.payback_years
    return years if math.isfinite(years) else "never"


def _schedule(case: SolvedCase) -> Value:
    """Construction starts of the built candidates, or why the case has no schedule."""
    if case.phasing is None:
        if case.phasing_problem:
            return "no schedule: " + "; ".join(line.strip() for line in case.phasing_problem.splitlines()[:3])
        return "no build-out"
    built = [f"{c.id} {c.start_month}" for c in case.phasing.candidates if c.built]
    idle = [c.id for c in case.phasing.candidates if not c.built]
    text = ", ".join(built) or "nothing built"
    return text + (f"; not built: {', '.join(idle)}" if idle else "")


def _demand(case: SolvedCase) -> Value:
    if case.phasing is None:
        return None
    return f"{case.phasing.demand_variant} ({case.phasing.unit_label})"


def _peak_compute(case: SolvedCase) -> Value:
    if case.phasing is None:
        return None
    return f"{case.phasing.measures.peak_pflops:,.1f} {case.phasing.pflops_precision_label}"


# The build-out's energy is priced at the load it carries year by year (time-of-use prices
# weighted in), so it differs from the energy year above (the whole design at the site's IT
# utilisation, at the flat tariff), which the Summary, the dashboard and ``dcplanner solve`` show.
BUILDOUT_ENERGY_COST = "Build-out: energy cost per year (mean of the years in service, at the build-out load)"
BUILDOUT_PUE = "Build-out: PUE over the horizon (at the build-out load of each year)"

PHASING_FIGURES: list[Figure] = [
    Figure("Build-out: construction starts", "", None, _schedule),
    Figure("Build-out: demand variant", "", None, _demand),
    Figure("Build-out: NPV", "M CNY", Fmt.CASH, _phased(lambda m: m.npv_cny)),
    Figure("Build-out: IRR", "", Fmt.PCT, _phased(lambda m: m.irr)),
    Figure("Build-out: payback", "years", Fmt.YEARS, _payback),
    Figure("Build-out: capex, nominal", "M CNY", Fmt.MCNY, _phased(lambda m: m.capex_cny)),
    Figure(BUILDOUT_ENERGY_COST, "M CNY", Fmt.MCNY, _phased(lambda m: m.energy_cny_per_year)),
    Figure(BUILDOUT_PUE, "", Fmt.RATE, _phased(lambda m: m.annual_pue)),
    Figure("Build-out: peak compute in service", "PFLOPS", None, _peak_compute),
    Figure("Build-out: cost per accelerator-hour", "CNY/h", Fmt.CNY_FINE, _phased(lambda m: m.cost_per_gpu_hour_cny)),
    Figure(
        "Build-out: levelised cost per IT kWh",
        "CNY/kWh",
        Fmt.RATE,
        _phased(lambda m: m.levelised_cost_cny_per_it_kwh),
    ),
    Figure("Build-out: demand served", "", Fmt.PCT, _phased(lambda m: m.served_share)),
]


def _changes(case: SolvedCase) -> str:
    if case.is_base:
        return "(base site)"
    lines = [f"{path} = {json.dumps(value, ensure_ascii=False)}" for path, value in case.overrides.items()]
    return "\n".join(lines) or "(no overrides)"


CASE_WIDTH = 26  # characters per scenario column


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    ws = book.sheet(TITLE)
    for col, label in ((1, "Figure"), (2, "Unit")):
        book.put(ws, 1, col, label, font=styles.HEADER_FONT, fill=styles.HEADER_FILL, align=styles.HEADER_ALIGN)
    exported = data.scenario.id if data.scenario else BASE_ID
    text_rows: dict[int, int] = {}
    for col, case in enumerate(data.cases, start=3):
        name = _case_name(case, exported)
        book.put(
            ws, 1, col, name, font=styles.HEADER_FONT, fill=styles.HEADER_FILL, align=styles.HEADER_ALIGN, measure=False
        )
        texts = {
            1: name,
            2: case.id,
            3: case.description,
            4: _changes(case) if case.results else f"not solved: {case.error}",
        }
        for r, text in texts.items():
            if r > 1:
                book.put(ws, r, col, text, align=styles.WRAP, measure=False)
            text_rows[r] = max(text_rows.get(r, 1), wrapped_lines(text, CASE_WIDTH))
        ws.column_dimensions[get_column_letter(col)].width = CASE_WIDTH
    for r, lines in text_rows.items():
        book.fit_height(ws, r, lines)
    for r, label in ((2, "Scenario id"), (3, "Description"), (4, "Changes from the base site")):
        book.put(ws, r, 1, label, font=styles.LABEL_FONT, align=styles.WRAP)
    phased = any(case.phasing is not None or case.phasing_problem for case in data.cases)
    r = 4
    for fig in FIGURES + (PHASING_FIGURES if phased else []):
        r += 1
        book.put(ws, r, 1, fig.label, font=styles.LABEL_FONT, align=styles.TOP)
        book.put(ws, r, 2, fig.unit, align=styles.TOP)
        lines = 1
        for col, case in enumerate(data.cases, start=3):
            if case.results is None:
                continue
            fill = styles.HIGHLIGHT_FILL if case.id == exported else None
            value = fig.value(case)
            align = styles.WRAP_RIGHT if isinstance(value, str) and fig.fmt else styles.WRAP  # "never" with numbers
            book.put(ws, r, col, value, fmt=fig.fmt, fill=fill, align=align, measure=False)
            if isinstance(value, str):
                lines = max(lines, wrapped_lines(value, CASE_WIDTH))
        book.fit_height(ws, r, lines)
    book.table(ws, 1, r, 2 + len(data.cases), freeze_col=3, autofilter=False)
    if phased:
        cumulative_cash(book, ws, r + 2, data.cases, exported)
    return ()


def _case_name(case: SolvedCase, exported: str) -> str:
    return case.name + (" (this workbook)" if case.id == exported else "")


CHART_CM = 9.0


def cumulative_cash(book: Book, ws: Worksheet, r: int, cases: Sequence[SolvedCase], exported: str) -> int:
    """Each phased case's cumulative cash by calendar year, and the chart of it; returns the next row."""
    phased: list[tuple[int, PhasingResult]] = [
        (col, case.phasing) for col, case in enumerate(cases, start=3) if case.phasing is not None
    ]
    if not phased:
        return r
    r = book.section(ws, r, "Build-out: cumulative cash by year (M CNY)")
    header = r
    book.put(ws, r, 1, "Year", font=styles.HEADER_FONT, fill=styles.HEADER_FILL, align=styles.HEADER_ALIGN)
    book.put(ws, r, 2, "Unit", font=styles.HEADER_FONT, fill=styles.HEADER_FILL, align=styles.HEADER_ALIGN)
    for col, case in enumerate(cases, start=3):
        name = _case_name(case, exported)
        fill = styles.HEADER_FILL
        book.put(ws, r, col, name, font=styles.HEADER_FONT, fill=fill, align=styles.HEADER_ALIGN, measure=False)
    book.fit_height(ws, r, max(wrapped_lines(_case_name(c, exported), CASE_WIDTH) for c in cases))
    years = sorted({year for _, result in phased for year in result.cash.years})
    first = r + 1
    for k, year in enumerate(years):
        row = first + k
        book.put(ws, row, 1, year, fmt="0", font=styles.LABEL_FONT, align=styles.LEFT)
        book.put(ws, row, 2, "M CNY")
        for col, result in phased:
            if year in result.cash.years:
                value = float(result.cash.cumulative_cash_cny[result.cash.years.index(year)])
                book.put(ws, row, col, value, fmt=Fmt.CASH, measure=False)
    last = first + len(years) - 1
    category_chart(
        ws,
        title="Cumulative cash of the build-out by scenario (M CNY)",
        categories=(1, first, last),
        series=[(col, header, last) for col, _ in phased],
        anchor=f"A{last + 2}",
        kind="line",
        axis_title="M CNY",
        number_format="#,##0,,",
        width_cm=26.0,
        height_cm=CHART_CM,
        y_min=None,
    )
    return last + 2 + rows_spanned(CHART_CM)
