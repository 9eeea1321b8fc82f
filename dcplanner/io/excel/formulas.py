"""Formula text helpers: references, exact-match criteria and the capacity rules (engine layer).

The formulas reproduce the solvers' rules in Excel so that the workbook stays live:
usable units after redundancy (N keeps all, N+1 / N+2 hold one / two in reserve, 2N keeps half;
Uptime Institute tier topology, Schneider WP75, as in :mod:`dcplanner.solvers.capacity`) and
utilisation = demand / usable capacity. Only functions that Excel 2010+ and LibreOffice both
read are used (MAXIFS carries the ``_xlfn.`` prefix that Excel needs in the file).
"""

from __future__ import annotations

import re

from openpyxl.utils import get_column_letter

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


def usable_units(count: str, redundancy: str) -> str:
    """Units that may carry load after redundancy, from a count and a redundancy cell."""
    spares = f'IF({redundancy}="2N",INT({count}/2),IF({redundancy}="N+1",1,IF({redundancy}="N+2",2,0)))'
    return f"MAX({count}-{spares},0)"


def utilisation(demand: str, capacity: str) -> str:
    """Demand over capacity; zero capacity gives 0 with no demand and "no capacity" with some."""
    return f'IF({capacity}>0,{demand}/{capacity},IF({demand}>0,"{NO_CAPACITY}",0))'


def utilisation_value(demand: float, capacity: float) -> float | str:
    """What :func:`utilisation` computes, for the expected-value map."""
    if capacity > 0:
        return demand / capacity
    return NO_CAPACITY if demand > 0 else 0.0
