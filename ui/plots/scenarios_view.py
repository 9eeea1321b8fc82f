"""Scenario comparison: a sortable table of every scenario's investment case, overlaid cumulative
cash flows, the tornado of the active scenario and its Monte Carlo fan and NPV histogram (ui).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dcplanner.snapshot_solve import Investment
from dcplanner.solvers.scenario_comparison import HORIZON_BASIS, ScenarioOutcome
from ui.plots.base import ReadoutPlot, series_pen

# (header, measure, scale, decimals)
COLUMNS = (
    ("NPV (M CNY)", "npv_cny", 1e-6, 1),
    ("IRR (%)", "irr", 100.0, 1),
    ("Payback (years)", "payback_years", 1.0, 1),
    ("Capex (M CNY)", "capex_cny", 1e-6, 1),
    ("PUE over the horizon", "annual_pue", 1.0, 3),
    ("Energy cost (M CNY/year, horizon mean)", "energy_cny_per_year", 1e-6, 1),
    ("Peak PFLOPS", "peak_pflops", 1.0, 1),
    ("Cost per GPU-hour (CNY)", "cost_per_gpu_hour_cny", 1.0, 2),
    ("Served demand (%)", "served_share", 100.0, 1),
)


class NumberItem(QTableWidgetItem):
    """A table cell that sorts by its number (blanks last)."""

    def __init__(self, value: float, decimals: int):
        shown = f"{value:,.{decimals}f}" if math.isfinite(value) else "—"
        super().__init__(shown)
        self.number = value if math.isfinite(value) else -math.inf
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, NumberItem):
            return self.number < other.number
        return super().__lt__(other)


class ScenariosView(QWidget):
    """Everything an investor compares across scenarios."""

    active_changed = Signal(str)
    """The user picked the scenario the dashboard and the Phases view show (payload: its id)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.investment: Investment | None = None
        self.active_box = QComboBox()
        self.active_box.activated.connect(lambda i: self.active_changed.emit(self.active_box.itemData(i)))
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Active scenario:"))
        top.addWidget(self.active_box, 1)

        self.table = QTableWidget(0, len(COLUMNS) + 2)
        self.table.setHorizontalHeaderLabels(["Scenario", *(c[0] for c in COLUMNS), "Note"])
        for j, (_, measure, _scale, _decimals) in enumerate(COLUMNS, start=1):
            if measure in ("annual_pue", "energy_cny_per_year"):
                self.table.horizontalHeaderItem(j).setToolTip(HORIZON_BASIS)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)

        self.cash_plot = ReadoutPlot("Cumulative cash by scenario", "year", "", "cumulative cash", "M CNY")
        self.tornado_plot = ReadoutPlot(
            "NPV sensitivity (active scenario)", "NPV", "M CNY", "", "", readout=self._tornado_readout
        )
        self.tornado_low = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], brush="#ef6c00", name="input lower")
        self.tornado_high = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], brush="#1565c0", name="input higher")
        self.tornado_plot.addItem(self.tornado_low)
        self.tornado_plot.addItem(self.tornado_high)
        self.tornado_base = pg.InfiniteLine(angle=90, pen=pg.mkPen("#212121"))
        self.tornado_plot.addItem(self.tornado_base, ignoreBounds=True)
        self.tornado_plot.setMouseEnabled(y=False)

        self.fan_plot = ReadoutPlot("Monte Carlo: cumulative cash P10–P90", "year", "", "cumulative cash", "M CNY")
        self.fan_low = pg.PlotDataItem([], [], pen=pg.mkPen("#90a4ae"))
        self.fan_high = pg.PlotDataItem([], [], pen=pg.mkPen("#90a4ae"))
        self.fan_plot.addItem(self.fan_low)
        self.fan_plot.addItem(self.fan_high)
        self.fan_plot.addItem(pg.FillBetweenItem(self.fan_low, self.fan_high, brush=pg.mkBrush(21, 101, 192, 50)))
        self.fan_plot.add_series("P50", [], [], pen=series_pen(0, 2))

        self.histogram_plot = ReadoutPlot(
            "Monte Carlo: NPV distribution", "NPV", "M CNY", "draws", "", readout=self._hist_readout
        )
        self.mc_summary = QLabel()
        self.mc_summary.setWordWrap(True)
        self.histogram_plot.getPlotItem().legend.hide()
        self.histogram = pg.BarGraphItem(x=[], height=[], width=1.0, brush="#1565c0")
        self.histogram_plot.addItem(self.histogram)

        comparison = QSplitter(Qt.Orientation.Vertical)
        comparison.addWidget(self.table)
        comparison.addWidget(self.cash_plot)
        plots = QSplitter(Qt.Orientation.Horizontal)
        plots.addWidget(self.fan_plot)
        plots.addWidget(self.histogram_plot)
        uncertainty = QWidget()
        mc_layout = QVBoxLayout(uncertainty)
        mc_layout.addWidget(self.mc_summary)
        mc_layout.addWidget(plots, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(comparison, "Comparison")
        self.tabs.addTab(self.tornado_plot, "Sensitivity")
        self.tabs.addTab(uncertainty, "Monte Carlo")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    # ---- data

    def clear(self, message: str) -> None:
        """No investment case (another site is being solved, or it failed): ``message`` says why."""
        self.set_investment(Investment(None, "", message))

    def set_investment(self, investment: Investment) -> None:
        self.investment = investment
        cmp = investment.comparison
        self.message.setText(investment.message)
        self.message.setVisible(bool(investment.message))
        rows = cmp.rows if cmp is not None else ()
        self._fill_choices(rows, investment.active)
        self._fill_table(rows)
        self._fill_cash(rows)
        self._fill_tornado(investment)
        self._fill_monte_carlo(investment)

    def _fill_choices(self, rows: tuple[ScenarioOutcome, ...], active: str) -> None:
        self.active_box.blockSignals(True)
        self.active_box.clear()
        for r in rows:
            self.active_box.addItem(r.name if r.ok else f"{r.name} (no numbers)", r.id)
        index = self.active_box.findData(active)
        self.active_box.setCurrentIndex(max(index, 0))
        self.active_box.blockSignals(False)

    def _fill_table(self, rows: tuple[ScenarioOutcome, ...]) -> None:
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # file order first
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            name = QTableWidgetItem(r.name)
            name.setData(Qt.ItemDataRole.UserRole, r.id)
            name.setToolTip(r.description)
            self.table.setItem(i, 0, name)
            for j, (_, measure, scale, decimals) in enumerate(COLUMNS, start=1):
                value = getattr(r.result.measures, measure) * scale if r.result else math.nan
                self.table.setItem(i, j, NumberItem(value, decimals))
            note = QTableWidgetItem(r.problem.splitlines()[0] if r.problem else "")
            note.setToolTip(r.problem)
            servable = r.result.problem.servable if r.result is not None else None
            if servable is not None and servable.capped:
                # an over-limit design earns only from what its limits let it serve: say so on its row
                share = servable.servable_it_kw / servable.design_it_kw if servable.design_it_kw else 0.0
                note.setText(f"revenue capped at the servable {share:.0%} of design IT")
                note.setToolTip(servable.describe())
                note.setForeground(QBrush(QColor("#b71c1c")))
            self.table.setItem(i, len(COLUMNS) + 1, note)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()

    def _fill_cash(self, rows: tuple[ScenarioOutcome, ...]) -> None:
        self.cash_plot.clear_series()
        for n, r in enumerate(rows):
            if r.result is not None:
                cash = r.result.cash
                self.cash_plot.add_series(r.name, cash.years, cash.cumulative_cash_cny / 1e6, pen=series_pen(n, 2))

    def _fill_tornado(self, investment: Investment) -> None:
        t = investment.tornado
        if t is None:
            self.tornado_low.setOpts(x0=[], y=[], width=[], height=0.6)
            self.tornado_high.setOpts(x0=[], y=[], width=[], height=0.6)
            self.tornado_plot.getAxis("left").setTicks([[]])
            self._tornado_order = None
            return
        base = t.base_npv_cny / 1e6
        order = np.argsort(t.swing_cny)  # largest swing at the top
        low = t.npv_low_cny[order] / 1e6
        high = t.npv_high_cny[order] / 1e6
        y = np.arange(len(order))
        self.tornado_low.setOpts(x0=np.full(len(y), base), y=y, width=low - base, height=0.6)
        self.tornado_high.setOpts(x0=np.full(len(y), base), y=y, width=high - base, height=0.6)
        self.tornado_base.setValue(base)
        labels = [f"{t.labels[k]} ±{t.step_frac:.0%}" for k in order]
        self.tornado_plot.getAxis("left").setTicks([list(enumerate(labels))])
        self._tornado_order = order

    def _fill_monte_carlo(self, investment: Investment) -> None:
        mc = investment.monte_carlo
        result = investment.result
        if mc is None or result is None:
            self.fan_low.setData([], [])
            self.fan_high.setData([], [])
            self.fan_plot.set_series("P50", [], [])
            self.histogram.setOpts(x=[], height=[], width=1.0)  # widths of the last draws go too
            self.mc_summary.setText(
                investment.message if mc is None and investment.message else "No Monte Carlo draws for this case."
            )
            return
        years = np.asarray(result.cash.years, dtype=float)
        pct = list(mc.fan_percentiles)
        fan = mc.cumulative_cash_fan_cny / 1e6
        self.fan_low.setData(years, fan[pct.index(10.0)])
        self.fan_high.setData(years, fan[pct.index(90.0)])
        self.fan_plot.set_series("P50", years, fan[pct.index(50.0)])
        edges = mc.npv_histogram_edges_cny / 1e6
        self.histogram.setOpts(x=(edges[:-1] + edges[1:]) / 2, height=mc.npv_histogram_counts, width=np.diff(edges))
        self.mc_summary.setText(
            f"NPV over {mc.draws:,} draws (seed {mc.seed}): P10 {mc.npv_p10_cny / 1e6:,.1f}, "
            f"P50 {mc.npv_p50_cny / 1e6:,.1f}, P90 {mc.npv_p90_cny / 1e6:,.1f} M CNY; probability of a negative "
            f"NPV {mc.probability_npv_negative:.0%}. Capacity shortfall (largest monthly unserved demand): "
            f"P10 {mc.shortfall_p10:,.2f}, P50 {mc.shortfall_p50:,.2f}, P90 {mc.shortfall_p90:,.2f} "
            f"{result.unit_label}."
        )

    # ---- readouts

    def _tornado_readout(self, x: float, y: float) -> str:
        t = self.investment.tornado if self.investment else None
        order = getattr(self, "_tornado_order", None)
        i = round(y)
        if t is None or order is None or not 0 <= i < len(order):
            return ""
        k = order[i]
        return (
            f"{t.labels[k]}: NPV {t.npv_low_cny[k] / 1e6:,.1f} (at {t.low_input[k]:.3g}) to "
            f"{t.npv_high_cny[k] / 1e6:,.1f} M CNY (at {t.high_input[k]:.3g})"
        )

    def _hist_readout(self, x: float, y: float) -> str:
        mc = self.investment.monte_carlo if self.investment else None
        if mc is None:
            return ""
        edges = mc.npv_histogram_edges_cny / 1e6
        i = int(np.searchsorted(edges, x) - 1)
        if not 0 <= i < len(mc.npv_histogram_counts):
            return f"{x:,.0f} M CNY"
        return f"NPV {edges[i]:,.0f} to {edges[i + 1]:,.0f} M CNY: {int(mc.npv_histogram_counts[i]):,} draws"
