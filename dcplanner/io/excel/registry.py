"""Sheet builders of the capacity workbook, in build order, and what each needs (engine layer).

A builder is ``build(book, data) -> key figures``: it writes its sheet, registers the cells
other sheets refer to (``book.anchors``, ``book.columns``, ``book.constraint_cells``) and returns
the :class:`~dcplanner.key_figure.KeyFigure` rows it wants on the Summary. A spec whose ``requires`` names an
:class:`~dcplanner.io.excel.data.ExportData` field that is ``None`` is skipped, so Energy,
Phases and Finance sheets appear as soon as their results are passed in. A spec with an
``option`` (such as the 8,760-row hourly sheet) is written only when that ExportData flag is set.

Build order is dependency order (Cabinets first: the others sum it); ``tab`` orders the tabs
(Summary, built last from every key figure, comes first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dcplanner.io.excel.book import Book
from dcplanner.key_figure import KeyFigure

if TYPE_CHECKING:
    from dcplanner.io.excel.data import ExportData


Builder = Callable[[Book, "ExportData"], Sequence[KeyFigure]]


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """A sheet of the workbook: its tab title, builder, tab position, required results and option."""

    title: str
    build: Builder
    tab: int
    requires: tuple[str, ...] = ()
    option: str = ""  # an ExportData flag that must be set for the sheet to be written

    def wanted(self, data: ExportData) -> bool:
        """False for an optional sheet that was not asked for."""
        return not self.option or bool(getattr(data, self.option))

    def missing(self, data: ExportData) -> tuple[str, ...]:
        """Names of required results that ``data`` does not carry."""
        return tuple(name for name in self.requires if getattr(data, name, None) is None)


def default_sheets() -> tuple[SheetSpec, ...]:
    """The built-in sheets in build order (Summary is added by the writer)."""
    from dcplanner.io.excel.sheets import (
        assumptions,
        cabinets,
        compliance,
        cooling,
        energy,
        finance,
        halls,
        hourly,
        phases,
        power,
        rows,
        scenarios,
    )

    return (
        SheetSpec(cabinets.TITLE, cabinets.build, tab=30),
        SheetSpec(rows.TITLE, rows.build, tab=20),
        SheetSpec(halls.TITLE, halls.build, tab=10),
        # Energy before Power: the power chain is sized by the energy year's design peak.
        SheetSpec(energy.TITLE, energy.build, tab=60, requires=("energy",)),
        SheetSpec(hourly.TITLE, hourly.build, tab=65, requires=("energy",), option="hourly"),
        SheetSpec(power.TITLE, power.build, tab=40),
        SheetSpec(cooling.TITLE, cooling.build, tab=50),
        SheetSpec(phases.TITLE, phases.build, tab=70, requires=("phasing",)),
        SheetSpec(finance.TITLE, finance.build, tab=80, requires=("phasing",)),
        SheetSpec(scenarios.TITLE, scenarios.build, tab=90),
        SheetSpec(compliance.TITLE, compliance.build, tab=95),  # after Energy: grades its annual PUE
        SheetSpec(assumptions.TITLE, assumptions.build, tab=100),
    )
