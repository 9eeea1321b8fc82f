"""Capacity view: use of every limit with the binding one highlighted; click to find the culprit.

Shows the capacity solver's constraints as horizontal utilisation bars (site plant and each
hall's space, IT budget, cooling and floor loading) beside a per-hall / per-row table, and the
solve's findings above them, errors first. Clicking a bar or a table line emits
:attr:`CapacityView.culprit_selected` with the id of the hall, row or cabinet to select on the
floor plan (ui layer; all numbers come from the solver). Use = demand / usable capacity
(:mod:`dcplanner.findings`); a capacity of zero with demand on it reads "no capacity", never inf.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dcplanner.findings import Finding, over_limit
from dcplanner.solvers.capacity import RESOURCE_LABELS, CapacityResult, Constraint, constraint_use, format_use, is_over
from ui.plots.base import ReadoutPlot

BINDING = "#c62828"
NEAR_LIMIT = "#ef6c00"  # at or above 90 % of usable capacity
NORMAL = "#1565c0"
NEAR_LIMIT_FRACTION = 0.9
MAX_BAR_USE = 10.0  # bars are drawn up to 1,000 % (a capacity of zero with demand draws this long)

TABLE_COLUMNS = (
    ("Level", None),
    ("Id", None),
    ("Positions", None),
    ("Design IT (kW)", "{:,.1f}"),
    ("Loaded IT (kW)", "{:,.1f}"),
    ("Weight (kg)", "{:,.0f}"),
    ("Max floor loading (kg/m²)", "{:,.0f}"),
)


def constraint_label(c: Constraint) -> str:
    return f"{RESOURCE_LABELS.get(c.resource, c.resource)} ({c.scope})"


def bar_use(c: Constraint) -> float:
    """The use a bar is drawn at (a capacity of zero with demand on it: the longest bar)."""
    use = constraint_use(c)
    if use is None:
        return MAX_BAR_USE if c.demand > 0 else 0.0
    return min(use, MAX_BAR_USE)


def bar_colour(c: Constraint, binding: Constraint | None) -> str:
    if c is binding or is_over(c):
        return BINDING
    return NEAR_LIMIT if bar_use(c) >= NEAR_LIMIT_FRACTION else NORMAL


def findings_html(findings: Sequence[Finding], limit: int = 8) -> str:
    """The errors and warnings of a solve as lines, errors in red, the rest counted."""
    shown = [f for f in findings if f.severity != "info"]
    if not shown:
        return ""
    over = over_limit(shown)
    head = f"<b style='color:{BINDING}'>{len(over):,} limit{'s' if len(over) != 1 else ''} over</b>" if over else ""
    lines = [
        f"<span style='color:{BINDING if f.severity == 'error' else NEAR_LIMIT}'>{escape(str(f))}</span>"
        for f in shown[:limit]
    ]
    if len(shown) > limit:
        lines.append(f"… and {len(shown) - limit:,} more (status bar)")
    return "<br>".join(([head] if head else []) + lines)


def summary_text(result: CapacityResult) -> str:
    """One paragraph: what binds, how much IT fits before it, and what is stranded."""
    b = result.binding
    if b is None:
        return "No capacity limits are defined."
    parts = [f"<b>Binding limit:</b> {constraint_label(b)} at {format_use(b)}."]
    if result.it_headroom_kw is not None:
        verb = "can still grow by" if result.it_headroom_kw >= 0 else "is over the limit by"
        parts.append(f"Design IT {verb} {abs(result.it_headroom_kw):,.0f} kW in today's mix.")
    stranded = [x for x in result.stranded if x.amount > 0]
    if stranded:
        shown = ", ".join(
            f"{RESOURCE_LABELS.get(x.resource, x.resource)} ({x.scope}) {x.amount:,.0f} {x.unit}" for x in stranded[:6]
        )
        parts.append(f"Stranded when it is reached: {shown}{' …' if len(stranded) > 6 else ''}.")
    return " ".join(parts)


class CapacityView(QWidget):
    """Utilisation bars and a hall/row table for one capacity result."""

    culprit_selected = Signal(str)
    """A hall, row or cabinet id the user asked to see on the floor plan (payload: id)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: CapacityResult | None = None
        self.constraints: list[Constraint] = []
        self.plot = ReadoutPlot("Capacity use", "use of usable capacity", "%", "", "", readout=self._readout)
        self.plot.getPlotItem().legend.hide()
        self.plot.setMouseEnabled(x=False, y=False)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brushes=[])
        self.plot.addItem(self.bars)
        self.limit_line = pg.InfiniteLine(pos=100, angle=90, pen=pg.mkPen("#212121", width=1.5))
        self.plot.addItem(self.limit_line, ignoreBounds=True)
        self.plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
        self._labels: list[str] = []
        self._shown: list[str] = []
        self.plot.getViewBox().sigResized.connect(lambda *_: self._thin_labels())
        self.table = QTableWidget(0, len(TABLE_COLUMNS))
        self.table.setHorizontalHeaderLabels([c for c, _ in TABLE_COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.cellClicked.connect(lambda row, _col: self.culprit_selected.emit(self.table.item(row, 1).text()))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(4, 4, 4, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plot)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_result(self, result: CapacityResult, findings: Sequence[Finding] = ()) -> None:
        self.result = result
        # most used at the top: pyqtgraph's y axis grows upwards
        self.constraints = sorted(result.constraints, key=lambda c: (bar_use(c), c is result.binding))
        n = len(self.constraints)
        widths = np.array([bar_use(c) * 100 for c in self.constraints])
        brushes = [pg.mkBrush(bar_colour(c, result.binding)) for c in self.constraints]
        self.bars.setOpts(x0=np.zeros(n), y=np.arange(n), height=0.7, width=widths, brushes=brushes)
        axis = self.plot.getPlotItem().getAxis("left")
        self._labels = [constraint_label(c) for c in self.constraints]
        self._thin_labels()
        metrics = QFontMetrics(self.plot.font())
        axis.setWidth(max((metrics.horizontalAdvance(t) for t in self._labels), default=60) + 16)
        self.plot.setYRange(-0.6, n - 0.4, padding=0)
        self.plot.setXRange(0, max(110.0, float(widths.max()) * 1.05 if n else 110.0), padding=0)
        self._fill_table(result)
        listed = findings_html(findings)
        self.summary.setText(summary_text(result) + (f"<br>{listed}" if listed else ""))

    def _thin_labels(self) -> None:
        """Label every bar that has room for a line of text, the most used first; the readout
        names the others (labels never overlap when the dock is short)."""
        n = len(self._labels)
        if n == 0:
            self._shown = []
            self.plot.getPlotItem().getAxis("left").setTicks([[]])
            return
        line_px = QFontMetrics(self.plot.font()).height() + 2
        bar_px = max(self.plot.getViewBox().height(), 1.0) / n
        step = max(1, math.ceil(line_px / bar_px))
        ticks = [(i, self._labels[i]) for i in range(n) if (n - 1 - i) % step == 0]
        self._shown = [label for _i, label in ticks]
        self.plot.getPlotItem().getAxis("left").setTicks([ticks])

    def shown_labels(self) -> list[str]:
        """The bar labels drawn at the current size."""
        return list(self._shown)

    def clear(self) -> None:
        """No result: no bars, no table lines, no summary."""
        self.result = None
        self._labels = []
        self.constraints = []
        self.bars.setOpts(x0=[], y=[], height=0.7, width=[], brushes=[])
        self.plot.getPlotItem().getAxis("left").setTicks([[]])
        self.table.setRowCount(0)
        self.summary.setText("")

    def bar_widths(self) -> np.ndarray:
        return np.asarray(self.bars.opts["width"], dtype=float)

    def _fill_table(self, result: CapacityResult) -> None:
        lines = []
        for hall in result.halls:
            lines.append(("hall", hall.totals))
            lines.extend(("row", r) for r in hall.rows)
        self.table.setRowCount(len(lines))
        for i, (level, t) in enumerate(lines):
            values = (
                level,
                t.id,
                f"{t.cabinets} / {t.positions}",
                t.design_kw,
                t.loaded_kw,
                t.weight_kg,
                t.max_floor_loading_kg_m2,
            )
            for j, ((_, fmt), value) in enumerate(zip(TABLE_COLUMNS, values, strict=True)):
                item = QTableWidgetItem(fmt.format(value) if fmt else str(value))
                if fmt or isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def constraint_at(self, y: float) -> Constraint | None:
        i = round(y)
        return self.constraints[i] if 0 <= i < len(self.constraints) else None

    def _readout(self, x: float, y: float) -> str:
        c = self.constraint_at(y)
        if c is None:
            return ""
        return f"{constraint_label(c)}\n{c.demand:,.1f} of {c.capacity:,.1f} {c.unit} usable ({format_use(c)})" + (
            f"\ninstalled {c.installed:,.1f} {c.unit}" if c.installed else ""
        )

    def _on_plot_clicked(self, event) -> None:
        vb = self.plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        c = self.constraint_at(vb.mapSceneToView(event.scenePos()).y())
        if c is not None and c.culprit:
            self.culprit_selected.emit(c.culprit)
