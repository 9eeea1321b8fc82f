"""Safe cell text: user text never turns into a formula and never breaks the file (engine layer).

A text that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return) is read as a
formula by spreadsheet programs when it is typed or pasted: the "formula injection" attack listed
by OWASP (CSV Injection). Such text is stored as a string cell with the quote-prefix flag, so
Excel and LibreOffice show it as text and keep it text when the cell is edited. Control
characters that XML 1.0 cannot carry are dropped, and text is cut to Excel's 32,767-character
cell limit.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_767  # Excel specifications and limits: characters in a cell


def clean_text(text: str) -> str:
    """``text`` without XML-illegal control characters, cut to the cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet program would read ``text`` as a formula when typed in."""
    return text.startswith(FORMULA_PREFIXES)


def put_text(cell: Cell, text: str) -> str:
    """Store ``text`` in ``cell`` as a string cell, never as a formula; returns what was stored."""
    text = clean_text(text)
    cell.value = text
    cell.data_type = "s"  # openpyxl would otherwise turn "=..." into a formula
    if looks_like_formula(text):
        cell.quotePrefix = True
    return text
