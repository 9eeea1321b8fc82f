"""The workbook under construction: cells, formulas with their expected values, tables (engine).

Every formula is written together with the value the solvers give for it, so a spreadsheet
engine's recalculation can be checked cell by cell against the engine (the ``expected`` map).
All text goes through :mod:`.safe_text`; a formula can only come from :meth:`Book.formula`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dcplanner.io.excel import styles
from dcplanner.io.excel.formulas import NO_CAPACITY, OVER
from dcplanner.io.excel.formulas import cell as cell_ref
from dcplanner.io.excel.safe_text import clean_text, looks_like_formula, put_text

Expected = float | int | str | None
"""A formula's value as the engine computes it ("" or None for an empty result)."""

MIN_WIDTH, MAX_WIDTH = 6.0, 48.0
BOLD = 1.1  # bold header text is about a tenth wider than regular text


@dataclass(frozen=True, slots=True)
class Column:
    """One table column: key used by the builders, header with its unit, format, input flag."""

    key: str
    header: str
    fmt: str | None = None
    input: bool = False
    note: str = ""
    width: float | None = None


@dataclass(frozen=True, slots=True)
class ConstraintCells:
    """Where a capacity constraint's demand and usable capacity live (sheet-qualified refs)."""

    demand: str
    capacity: str


def _text_width(text: str) -> float:
    """Display width in characters; CJK and full-width characters count double."""
    return sum(2.0 if ord(ch) >= 0x2E80 else 1.0 for ch in text)


PERCENT_ROOM = 10.0
"""A percent column holds at least 1,000 % (a use ten times the capacity) without showing ``###``."""


def _number_width(value: float, fmt: str | None = None) -> float:
    """Characters a number takes as shown; a format ending in ``,`` or ``,,`` shows thousands or millions,
    and a percent format is measured for at least :data:`PERCENT_ROOM` (1,000 %)."""
    if fmt:
        shown = fmt.split(";", 1)[0]
        if shown.endswith("%"):
            decimals = len(shown.split(".", 1)[1]) - 1 if "." in shown else 0
            return len(f"{max(abs(value), PERCENT_ROOM) * 100:,.{decimals}f}%") + 1.0 + (value < 0)
        value /= 1000.0 ** (len(shown) - len(shown.rstrip(",")))
    return len(f"{value:,.1f}") + 1.0


def _two_lines(text: str) -> float:
    """Width of ``text`` wrapped at the space that makes its longer line shortest (no-break spaces hold)."""
    words = text.split(" ")
    best = _text_width(text)
    for k in range(1, len(words)):
        best = min(best, max(_text_width(" ".join(words[:k])), _text_width(" ".join(words[k:]))))
    return best


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` characters wide (an estimate)."""
    usable = max(width - 2.0, 4.0)
    return sum(max(1, math.ceil(_text_width(part) / usable)) for part in text.split("\n"))


LINE_PT = 15.0  # row height of one line of 11 pt text


class Book:
    """An openpyxl workbook plus what the sheet builders share while writing it."""

    def __init__(self) -> None:
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.expected: dict[tuple[str, str], Expected] = {}
        self.anchors: dict[str, str] = {}
        self.columns: dict[str, dict[str, int]] = {}
        self.constraint_cells: dict[tuple[str, str], ConstraintCells] = {}
        self.last_rows: dict[str, int] = {}  # sheet -> last line of its main table
        self._widths: dict[str, dict[int, float]] = {}

    # -- sheets and cells ---------------------------------------------------------------------

    def sheet(self, title: str) -> Worksheet:
        ws = self.wb.create_sheet(title)
        self._widths[title] = {}
        return ws

    def _measure(self, ws: Worksheet, col: int, width: float) -> None:
        widths = self._widths[ws.title]
        if width > widths.get(col, 0.0):
            widths[col] = width

    def put(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        value: Any,
        *,
        fmt: str | None = None,
        font: Font | None = None,
        fill: PatternFill | None = None,
        align: Alignment | None = None,
        measure: bool = True,
    ) -> Cell:
        """Write a plain value: text stays text, numbers must be finite.

        A number written without a font is a value fixed at export (an engine result or a plan
        figure no formula follows) and takes the frozen style; inputs pass ``styles.INPUT_FONT``.
        """
        c = ws.cell(row=row, column=col)
        if font is None and isinstance(value, (int, float)) and not isinstance(value, bool):
            font = styles.FROZEN_FONT
            fill = fill or styles.FROZEN_FILL
        if isinstance(value, str):
            if value:
                text = put_text(c, value)
                if measure:
                    self._measure(ws, col, _text_width(text))
        elif value is None:
            pass
        elif isinstance(value, bool):
            c.value = "yes" if value else "no"
        elif isinstance(value, (int, float)):
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{ws.title}!{c.coordinate}: not a finite number: {value!r}")
            c.value = value
            if measure:
                self._measure(ws, col, _number_width(value, fmt))
        else:
            raise TypeError(f"{ws.title}!{c.coordinate}: cannot write {type(value).__name__}")
        if fmt:
            c.number_format = fmt
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        if align is not None:
            c.alignment = align
        return c

    def formula(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        text: str,
        expected: Expected,
        *,
        fmt: str | None = None,
        font: Font | None = None,
    ) -> str:
        """Write ``=text`` and remember ``expected``; returns the cell's sheet-qualified ref."""
        if isinstance(expected, float) and not math.isfinite(expected):
            raise ValueError(f"{ws.title}!{get_column_letter(col)}{row}: expected value {expected!r}")
        c = ws.cell(row=row, column=col)
        c.value = "=" + text
        if fmt:
            c.number_format = fmt
        if font is not None:
            c.font = font
        self.expected[(ws.title, c.coordinate)] = expected
        if isinstance(expected, (int, float)):
            self._measure(ws, col, _number_width(expected, fmt))
        elif isinstance(expected, str):
            self._measure(ws, col, _text_width(expected))
        return cell_ref(ws.title, col, row)

    def note(self, ws: Worksheet, row: int, col: int, text: str) -> None:
        """A grey italic note (not measured for the column width)."""
        self.put(ws, row, col, text, font=styles.NOTE_FONT, measure=False)

    def label_line(self, ws: Worksheet, row: int, label: str, unit: str = "", note: str = "") -> None:
        """A figure's label in column A, its unit in C and an optional note in D (value goes in B)."""
        self.put(ws, row, 1, label, font=styles.LABEL_FONT)
        self.put(ws, row, 3, unit, align=styles.UNIT_ALIGN)
        if note:
            self.note(ws, row, 4, note)

    def title(self, ws: Worksheet, text: str, subtitle: str = "") -> int:
        """Sheet title (and subtitle); returns the next free row."""
        self.put(ws, 1, 1, text, font=styles.TITLE_FONT, measure=False)
        if subtitle:
            self.put(ws, 2, 1, subtitle, font=styles.SUBTITLE_FONT, measure=False)
        return 4 if subtitle else 3

    def section(self, ws: Worksheet, row: int, text: str) -> int:
        self.put(ws, row, 1, text, font=styles.SECTION_FONT, measure=False)
        return row + 1

    def fit_height(self, ws: Worksheet, row: int, lines: int) -> None:
        """Give a row with wrapped text room for ``lines`` lines (viewers do not re-measure it)."""
        if lines > 1:
            ws.row_dimensions[row].height = LINE_PT * lines + 2

    # -- tables -------------------------------------------------------------------------------

    def header(self, ws: Worksheet, row: int, columns: Sequence[Column], *, first_col: int = 1) -> dict[str, int]:
        """Write a header row; returns column key -> column number."""
        index: dict[str, int] = {}
        for n, column in enumerate(columns, start=first_col):
            c = self.put(ws, row, n, column.header, font=styles.HEADER_FONT, fill=styles.HEADER_FILL, measure=False)
            c.alignment = styles.HEADER_ALIGN
            # Headers wrap onto two lines, at the word break that keeps the longer line shortest.
            self._measure(ws, n, _two_lines(column.header) * BOLD + 1)
            if column.width:
                self._measure(ws, n, column.width)
            if column.note:
                c.comment = Comment(column.note, "dcplanner", width=320, height=110)
            index[column.key] = n
        ws.row_dimensions[row].height = 32
        return index

    def table(
        self,
        ws: Worksheet,
        header_row: int,
        last_row: int,
        last_col: int,
        *,
        freeze: bool = True,
        freeze_col: int = 1,
        autofilter: bool = True,
        repeat_header: bool | None = None,
    ) -> None:
        """Freeze the header (and the first ``freeze_col - 1`` columns), filter, repeat when printed.

        ``repeat_header`` (by default as ``freeze``) prints the header row at the top of every
        page the table runs onto (a sheet has one such row: give it to its longest table).
        """
        if freeze:
            ws.freeze_panes = ws.cell(row=header_row + 1, column=freeze_col)
        if freeze if repeat_header is None else repeat_header:
            ws.print_title_rows = f"{header_row}:{header_row}"
        if autofilter and last_row > header_row:
            ws.auto_filter.ref = f"A{header_row}:{get_column_letter(last_col)}{last_row}"

    def total_style(self, ws: Worksheet, row: int, first_col: int, last_col: int) -> None:
        for col in range(first_col, last_col + 1):
            c = ws.cell(row=row, column=col)
            c.font = styles.TOTAL_FONT
            c.border = Border(top=styles.TOTAL_BORDER.top, bottom=styles.TOTAL_BORDER.bottom)

    def flag_utilisation(self, ws: Worksheet, col: int, first_row: int, last_row: int) -> None:
        """Shade use cells: amber from 90 %, orange above 100 % and for "no capacity"."""
        if last_row < first_row:
            return
        letter = get_column_letter(col)
        ref = f"{letter}{first_row}:{letter}{last_row}"
        top = f"{letter}{first_row}"
        over = f'OR(AND(ISNUMBER({top}),{top}>1),{top}="{NO_CAPACITY}")'
        ws.conditional_formatting.add(ref, FormulaRule(formula=[over], fill=styles.OVER_FILL, stopIfTrue=True))
        ws.conditional_formatting.add(ref, CellIsRule(operator="between", formula=["0.9", "1"], fill=styles.WARN_FILL))

    def flag_over(self, ws: Worksheet, col: int, first_row: int, last_row: int) -> None:
        """Shade the cells of an OVER column that show the flag."""
        if last_row < first_row:
            return
        letter = get_column_letter(col)
        ref = f"{letter}{first_row}:{letter}{last_row}"
        rule = FormulaRule(formula=[f'{letter}{first_row}="{OVER}"'], fill=styles.OVER_FILL, font=styles.OVER_FONT)
        ws.conditional_formatting.add(ref, rule)

    def data_rows(self, ws: Worksheet, columns: Sequence[Column], data: Mapping[str, Any]) -> int:
        """Append a large block of plain values from column A below the last row, fast; returns the last row.

        ``data`` holds one sequence per column key: a numpy array (NaN leaves the cell empty;
        infinity is refused) or a list of text. Text that would read as a formula is stored as
        text, as :meth:`put` does.
        """
        first = ws._current_row + 1  # where ws.append writes (max_row is 1 on an empty sheet)
        cols: list[list[Any]] = []
        risky: list[int] = []
        for n, column in enumerate(columns):
            values = data[column.key]
            if isinstance(values, np.ndarray) and values.dtype.kind == "f":
                if np.isinf(values).any():
                    raise ValueError(f"{ws.title}: column {column.header!r} holds an infinite value")
                out: list[Any] = [None if v != v else v for v in values.tolist()]  # NaN -> empty
                finite = values[np.isfinite(values)]
                if finite.size:
                    self._measure(ws, n + 1, _number_width(float(np.max(np.abs(finite))), column.fmt))
            elif isinstance(values, np.ndarray):
                out = values.tolist()
            else:
                out = [clean_text(v) if isinstance(v, str) else v for v in values]
                if any(isinstance(v, str) and looks_like_formula(v) for v in out):
                    risky.append(n + 1)
                self._measure(ws, n + 1, max((_text_width(v) for v in out if isinstance(v, str)), default=0.0))
            cols.append(out)
        for row in zip(*cols, strict=True):
            ws.append(row)
        last = ws.max_row
        for n, column in enumerate(columns, start=1):
            if column.fmt or n in risky:
                for (c,) in ws.iter_rows(min_row=first, max_row=last, min_col=n, max_col=n):
                    if column.fmt:
                        c.number_format = column.fmt
                    if n in risky and isinstance(c.value, str):
                        put_text(c, c.value)
        return last

    # -- finishing ----------------------------------------------------------------------------

    def apply_widths(self) -> None:
        for ws in self.wb.worksheets:
            for col, width in self._widths.get(ws.title, {}).items():
                ws.column_dimensions[get_column_letter(col)].width = min(max(width + 1.5, MIN_WIDTH), MAX_WIDTH)
