"""A key figure of a site: one headline number with its label and unit (engine layer).

The same figure feeds the app's dashboard (a card showing :meth:`KeyFigure.text`) and the
workbook's Summary sheet (a line holding ``value``, or a formula mirroring the cell ``ref``,
in the number format ``fmt``).
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

Value = float | int | str | None
"""A figure's value: a number, a word (such as a preset's name), or None when it cannot be computed."""


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A label, a value (``None`` when it cannot be computed), its unit and a short note."""

    label: str
    value: Value
    unit: str = ""
    note: str = ""
    _: KW_ONLY
    key: str = ""  # stable id of a dashboard card (e.g. "annual_pue")
    decimals: int = 1  # decimals the dashboard shows
    ref: str | None = None  # workbook: the sheet-qualified cell the Summary mirrors; None -> value as is
    fmt: str | None = None  # workbook: Excel number format of the Summary cell

    def text(self) -> str:
        """The value as the dashboard shows it: "—" when unknown, words as they are, numbers grouped."""
        if self.value is None:
            return "—"
        if isinstance(self.value, str):
            return self.value
        return f"{self.value:,.{self.decimals}f}"
