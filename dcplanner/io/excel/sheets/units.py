"""Groups of redundant units (UPS modules, transformers, cooling units): one live table line (engine).

Shared by the Power and Cooling sheets: count and redundancy are inputs; usable units, installed
and usable capacity, load, loading and headroom are formulas checked against the solver.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column, ConstraintCells
from dcplanner.io.excel.formulas import (
    REDUNDANCY_SCHEMES,
    cell,
    over_flag,
    over_value,
    usable_units,
    usable_units_value,
    utilisation,
    utilisation_value,
)
from dcplanner.io.excel.styles import Fmt
from dcplanner.model.site import Redundancy
from dcplanner.solvers.capacity import Constraint

REDUNDANCY_NOTE = (
    "N: every unit carries load; N+1 / N+2 / N+3: one / two / three in reserve; 2N: half the units "
    "(the larger half of an odd count); 2N+1: half of the units after one spare."
)
USE_NOTE = "Use = load / usable capacity (installed less the units held in reserve). OVER above 100 %."

GROUP_COLUMNS = [
    Column("count", "Installed units", Fmt.COUNT, input=True),
    Column("redundancy", "Redundancy", input=True, note=REDUNDANCY_NOTE),
    Column("usable_units", "Usable units", Fmt.COUNT),
    Column("installed_kw", "Installed (kW)", Fmt.KW),
    Column("usable_kw", "Usable capacity (kW)", Fmt.KW),
    Column("demand_kw", "Load (kW)", Fmt.KW),
    Column("loading", "Use (%)", Fmt.PCT, note=USE_NOTE),
    Column("over", "Over", note="OVER when the load exceeds the usable capacity (a live formula)."),
    Column("headroom_kw", "Headroom (kW)", Fmt.KW),
]
"""The columns a unit-group line fills; a table puts its own columns (label, rating) before them."""


@dataclass(frozen=True, slots=True)
class UnitGroup:
    """``count`` units of ``unit_kw`` each under ``redundancy``, carrying ``demand_kw``."""

    count: int
    redundancy: Redundancy
    unit_kw: float
    demand_kw: float
    constraint: Constraint | None = None  # the solver's check of this group, where it makes one


def redundancy_choice(ws: Worksheet) -> DataValidation:
    """A drop-down of the redundancy schemes, to which cells are added."""
    dv = DataValidation(type="list", formula1=f'"{",".join(REDUNDANCY_SCHEMES)}"', allow_blank=False)
    dv.errorTitle, dv.error = "Redundancy", f"Choose {', '.join(REDUNDANCY_SCHEMES[:-1])} or {REDUNDANCY_SCHEMES[-1]}."
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    return dv


def write_group(
    book: Book,
    ws: Worksheet,
    r: int,
    c: dict[str, int],
    group: UnitGroup,
    *,
    unit_kw_ref: str,
    demand_formula: str,
    choice: DataValidation,
) -> ConstraintCells:
    """Fill the group columns of line ``r``; returns where its demand and usable capacity are."""

    def ref(key: str) -> str:
        return cell(None, c[key], r)

    k = group.constraint
    usable_n = usable_units_value(group.count, group.redundancy)
    usable_kw = k.capacity if k else usable_n * group.unit_kw
    installed_kw = k.installed if k and k.installed is not None else group.count * group.unit_kw
    demand_kw = k.demand if k else group.demand_kw
    book.put(ws, r, c["count"], group.count, fmt=Fmt.COUNT, font=styles.INPUT_FONT)
    book.put(ws, r, c["redundancy"], group.redundancy, font=styles.INPUT_FONT)
    choice.add(ref("redundancy").replace("$", ""))
    f = book.formula
    f(ws, r, c["usable_units"], usable_units(ref("count"), ref("redundancy")), usable_n, fmt=Fmt.COUNT)
    f(ws, r, c["installed_kw"], f"{ref('count')}*{unit_kw_ref}", installed_kw, fmt=Fmt.KW)
    f(ws, r, c["usable_kw"], f"{ref('usable_units')}*{unit_kw_ref}", usable_kw, fmt=Fmt.KW)
    f(ws, r, c["demand_kw"], demand_formula, demand_kw, fmt=Fmt.KW)
    f(
        ws,
        r,
        c["loading"],
        utilisation(ref("demand_kw"), ref("usable_kw")),
        utilisation_value(demand_kw, usable_kw),
        fmt=Fmt.PCT,
    )
    f(ws, r, c["over"], over_flag(ref("loading")), over_value(demand_kw, usable_kw), font=styles.OVER_FONT)
    f(ws, r, c["headroom_kw"], f"{ref('usable_kw')}-{ref('demand_kw')}", usable_kw - demand_kw, fmt=Fmt.KW)
    return ConstraintCells(cell(ws.title, c["demand_kw"], r), cell(ws.title, c["usable_kw"], r))
