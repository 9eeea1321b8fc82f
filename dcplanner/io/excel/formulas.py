"""Formula text helpers: references, exact-match criteria and the capacity rules (engine layer).

The formulas reproduce the solvers' rules in Excel so that the workbook stays live:
usable units after redundancy (N keeps all, N+1 / N+2 / N+3 hold one / two / three in reserve,
2N keeps half, 2N+1 keeps half of the units after one spare; Uptime Institute tier topology,
Schneider Electric WP75, as in :mod:`dcplanner.solvers.capacity`) and use = demand / usable
capacity, flagged OVER above 100 %. Only functions that Excel 2010 and LibreOffice both compute
are used: no MAXIFS (Excel 2019); a conditional maximum is ``SUMPRODUCT(MAX(...))``.
"""

from __future__ import annotations

import re
from typing import get_args

from openpyxl.utils import get_column_letter

from dcplanner.model.site import Redundancy
from dcplanner.solvers.capacity import usable_units as solver_usable_units

NO_CAPACITY = "no capacity"
"""What a utilisation cell shows when demand meets zero capacity (the solver's infinity)."""

_PLAIN_SHEET = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CRITERIA_SPECIAL = re.compile(r"[*?~]|^[<>=]")


def sheet_prefix(sheet: str) -> str:
    """``Halls!`` or ``'Sheet name'!`` as a formula needs it."""
    if _PLAIN_SHEET.match(sheet):
        return f"{sheet}!"
    return "'" + sheet.replace("'", "''") + "'!"


def cell(sheet: str | None, col: int | str, row: int, *, absolute: bool = True) -> str:
    """A cell reference, e.g. ``Halls!$D$7``; ``sheet=None`` for the same sheet."""
    letter = col if isinstance(col, str) else get_column_letter(col)
    ref = f"${letter}${row}" if absolute else f"{letter}{row}"
    return (sheet_prefix(sheet) if sheet else "") + ref


def column(sheet: str, col: int | str) -> str:
    """A whole-column reference, e.g. ``Cabinets!$F:$F`` (keeps working when rows are added)."""
    letter = col if isinstance(col, str) else get_column_letter(col)
    return f"{sheet_prefix(sheet)}${letter}:${letter}"


def span(col_first: int, row_first: int, col_last: int, row_last: int, sheet: str | None = None) -> str:
    """An absolute block reference, e.g. ``$B$5:$B$12``."""
    return f"{cell(sheet, col_first, row_first)}:{cell(None, col_last, row_last)}"


def criteria(ref: str, text: str) -> str:
    """A SUMIFS/COUNTIFS criterion that matches ``text`` exactly.

    Criteria treat ``* ? ~`` as wildcards and a leading ``< > =`` as an operator. Ids without
    them are matched through the cell ``ref`` (the formula follows an edited id); other ids are
    written as an escaped literal.
    """
    if not _CRITERIA_SPECIAL.search(text):
        return ref
    escaped = re.sub(r"([*?~])", r"~\1", text).replace('"', '""')
    return f'"={escaped}"'


REDUNDANCY_SCHEMES: tuple[str, ...] = get_args(Redundancy)
"""What a redundancy cell accepts (its data validation list)."""

OVER = "OVER"
"""What an over-limit flag shows: the demand exceeds the usable capacity (or meets none)."""

OVER_TOLERANCE = 1e-9
"""Relative margin before a use counts as over, as :func:`dcplanner.findings.is_over` allows."""


def usable_units(count: str, redundancy: str) -> str:
    """Units that may carry load after redundancy, from a count and a redundancy cell.

    Spares: N none; N+1 / N+2 / N+3 one / two / three; 2N the smaller half (INT(count/2), so 5
    units keep 3, as :func:`dcplanner.solvers.capacity.usable_units` counts); 2N+1 one spare plus
    the smaller half of the rest. Never below 0 units.
    """
    spares = (
        f'IF({redundancy}="2N",INT({count}/2),'
        f'IF({redundancy}="2N+1",1+INT(MAX({count}-1,0)/2),'
        f'IF({redundancy}="N+1",1,IF({redundancy}="N+2",2,IF({redundancy}="N+3",3,0)))))'
    )
    return f"MAX({count}-{spares},0)"


def usable_units_value(count: int, redundancy: Redundancy) -> int:
    """What :func:`usable_units` computes, from the solver's own rule."""
    return solver_usable_units(count, redundancy)


def utilisation(demand: str, capacity: str) -> str:
    """Use = demand / usable capacity; zero capacity gives 0 with no demand and "no capacity" with some."""
    return f'IF({capacity}>0,{demand}/{capacity},IF({demand}>0,"{NO_CAPACITY}",0))'


def over_flag(use: str) -> str:
    """``OVER`` when a use cell exceeds 100 % (or shows "no capacity"), else blank."""
    return f'IF(ISNUMBER({use}),IF({use}>1+{OVER_TOLERANCE:g},"{OVER}",""),IF({use}="{NO_CAPACITY}","{OVER}",""))'


def over_value(demand: float, capacity: float) -> str:
    """What :func:`over_flag` shows for a demand and a usable capacity."""
    if capacity > 0:
        return OVER if demand / capacity > 1 + OVER_TOLERANCE else ""
    return OVER if demand > 0 else ""


def utilisation_value(demand: float, capacity: float) -> float | str:
    """What :func:`utilisation` computes, for the expected-value map."""
    if capacity > 0:
        return demand / capacity
    return NO_CAPACITY if demand > 0 else 0.0
