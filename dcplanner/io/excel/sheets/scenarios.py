"""Scenarios sheet: the base site and each scenario side by side, one figure per line (engine).

Each column is a separate solve of the base site with the scenario's overrides applied. Figures
are the solvers' values (no formulas: each column comes from a different model), the energy
year's among them (blank for a case solved without one). Later solvers add their figures by
appending to :data:`FIGURES` a :class:`Figure` that reads the solved case.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, wrapped_lines
from dcplanner.io.excel.data import ExportData, SolvedCase
from dcplanner.io.excel.labels import PRECISION_LABELS, constraint_label, flops_unit
from dcplanner.io.excel.registry import KeyFigure
from dcplanner.io.excel.styles import Fmt
from dcplanner.report import SiteResults
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.inventory import PRECISIONS

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
    Figure("Annual PUE", "", Fmt.RATE, _energy(lambda e, _: e.annual_pue)),
    Figure("Facility energy per year", "MWh", Fmt.KW, _energy(lambda e, _: e.facility_energy_kwh / 1000.0)),
    Figure("Energy cost per year", "CNY", Fmt.COUNT, _energy(_energy_cost)),
    *(
        Figure(
            f"Peak {PRECISION_LABELS[p]} (dense)",
            flops_unit(p, "P"),
            Fmt.PFLOPS,
            _solved(lambda r, p=p: r.compute.site.peak_flops.get(p, 0.0) / 1e15),
        )
        for p in PRECISIONS
    ),
    Figure("Mean compute utilisation", "", Fmt.PCT, _solved(lambda r: r.compute.utilisation)),
    Figure("Accelerator-hours per year", "h", Fmt.HOURS, _solved(lambda r: r.compute.gpu_hours_per_year)),
    Figure("Binding limit", "", None, _solved(_binding_label)),
    Figure("Binding limit use", "", Fmt.PCT, _solved(_binding_use)),
    Figure("IT headroom before the binding limit", "kW", Fmt.KW, _solved(lambda r: r.capacity.it_headroom_kw)),
]


def _changes(case: SolvedCase) -> str:
    if not case.id:
        return "(base site)"
    lines = [f"{path} = {json.dumps(value, ensure_ascii=False)}" for path, value in case.overrides.items()]
    return "\n".join(lines) or "(no overrides)"


CASE_WIDTH = 26  # characters per scenario column


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    ws = book.sheet(TITLE)
    for col, label in ((1, "Figure"), (2, "Unit")):
        book.put(ws, 1, col, label, font=styles.HEADER_FONT, fill=styles.HEADER_FILL, align=styles.HEADER_ALIGN)
    exported = data.scenario.id if data.scenario else ""
    text_rows: dict[int, int] = {}
    for col, case in enumerate(data.cases, start=3):
        name = case.name + (" (this workbook)" if case.id == exported else "")
        book.put(
            ws, 1, col, name, font=styles.HEADER_FONT, fill=styles.HEADER_FILL, align=styles.HEADER_ALIGN, measure=False
        )
        texts = {
            1: name,
            2: case.id or "base",
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
    r = 4
    for fig in FIGURES:
        r += 1
        book.put(ws, r, 1, fig.label, font=styles.LABEL_FONT)
        book.put(ws, r, 2, fig.unit)
        for col, case in enumerate(data.cases, start=3):
            if case.results is None:
                continue
            fill = styles.HIGHLIGHT_FILL if case.id == exported else None
            book.put(ws, r, col, fig.value(case), fmt=fig.fmt, fill=fill, align=styles.WRAP, measure=False)
    book.table(ws, 1, r, 2 + len(data.cases), freeze_col=3, autofilter=False)
    return ()
