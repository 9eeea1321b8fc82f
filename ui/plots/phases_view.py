"""Phases view: capacity against demand with draggable phase markers, the build-out timeline and
cash flow per year (ui layer).

Dragging a phase marker to another month emits :attr:`PhasesView.start_moved`; the window turns
it into one undoable edit of that candidate's fixed construction start.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from dcplanner.solvers.phasing.results import PhasingResult
from ui.plots.base import PALETTE, ReadoutPlot, series_pen
from ui.plots.timeaxis import month_to_year, months_to_years, year_to_month

BUILT = "#1565c0"
# Heights (fraction of the plot) of the phase markers' labels, taken in turn along the time axis
# so that neighbouring markers' labels never share a line.
MARKER_LABEL_LEVELS = (0.95, 0.85, 0.75, 0.65)
BUILDING = "#90caf9"


def _money(cny: float) -> str:
    return f"{cny / 1e6:,.1f} M CNY" if math.isfinite(cny) else "—"


def measures_text(result: PhasingResult) -> str:
    m = result.measures
    irr = f"{m.irr:.1%}" if math.isfinite(m.irr) else "undefined"
    payback = f"{m.payback_years:.1f} years" if math.isfinite(m.payback_years) else "never"
    scope = f"scenario {result.scenario}" if result.scenario else "base site"
    servable = result.problem.servable
    capped = (
        f"<br><span style='color:#b71c1c'>Revenue capped: {servable.describe()}</span>"
        if servable is not None and servable.capped
        else ""
    )
    return (
        f"<b>{scope}</b> ({result.demand_variant} demand, {result.schedule.status}): NPV {_money(m.npv_cny)} at "
        f"{m.discount_rate:.1%}; IRR {irr}; payback {payback}; capex {_money(m.capex_cny)}; energy "
        f"{_money(m.energy_cny_per_year)}/year and PUE {m.annual_pue:.3f} over the horizon; "
        f"served {m.served_share:.0%} of demand{capped}"
    )


class PhasesView(QWidget):
    """Plots of one build-out result."""

    start_moved = Signal(str, str)
    """A phase marker was dragged (payload: candidate id, new construction start YYYY-MM)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: PhasingResult | None = None
        self.summary = QLabel("No build-out results yet.")
        self.summary.setWordWrap(True)

        self.capacity_plot = ReadoutPlot(
            "Capacity against demand", "year", "", "capacity", "", x_format=lambda x: year_to_month(x)
        )
        self.band_low = pg.PlotDataItem([], [], pen=None)
        self.band_high = pg.PlotDataItem([], [], pen=None)
        self.band = pg.FillBetweenItem(self.band_low, self.band_high, brush=pg.mkBrush(230, 81, 0, 40))
        self.capacity_plot.addItem(self.band_low)
        self.capacity_plot.addItem(self.band_high)
        self.capacity_plot.addItem(self.band)
        self.capacity_plot.add_series("demand", [], [], pen=series_pen(1, 2))
        self.capacity_plot.add_series("served", [], [], pen=series_pen(2, 1.5))
        self.capacity_plot.add_series("capacity", [], [], pen=pg.mkPen(BUILT, width=2), stepMode="left")
        self.markers: dict[str, pg.InfiniteLine] = {}

        self.timeline_plot = ReadoutPlot("Build-out timeline", "year", "", "", "", readout=self._timeline_readout)
        self.timeline_plot.getPlotItem().legend.hide()
        self.timeline_bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[])
        self.timeline_plot.addItem(self.timeline_bars)
        self.timeline_plot.setMouseEnabled(y=False)

        self.cash_plot = ReadoutPlot("Cash flow per year", "year", "", "cash", "M CNY")
        self.cash_bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.cash_plot.addItem(self.cash_bars)
        self.cash_plot.add_series("cumulative", [], [], pen=series_pen(3, 2))

        grid = QGridLayout(self)
        grid.addWidget(self.summary, 0, 0, 1, 2)
        grid.addWidget(self.capacity_plot, 1, 0, 1, 2)
        grid.addWidget(self.timeline_plot, 2, 0)
        grid.addWidget(self.cash_plot, 2, 1)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)

    # ---- data

    def set_result(self, result: PhasingResult | None, message: str = "") -> None:
        self.result = result
        if result is None:
            self.summary.setText(message or "No build-out results.")
            self._clear_plots()
            return
        self.summary.setText(measures_text(result))
        ops = result.operations
        x = months_to_years(ops.months)
        self.capacity_plot.setLabel("left", f"capacity ({result.unit_label})")
        self.capacity_plot.y_unit = result.unit_label
        self.capacity_plot.set_series("demand", x, ops.demand)
        self.capacity_plot.set_series("served", x, ops.served)
        self.capacity_plot.set_series("capacity", x, ops.capacity)
        self.band_low.setData(x, ops.demand_p10)
        self.band_high.setData(x, ops.demand_p90)
        if x.size:
            top = float(np.nanmax([ops.demand_p90.max(), ops.capacity.max(), ops.demand.max()]))
            self.capacity_plot.setXRange(float(x[0]), float(x[-1]) + 1 / 12, padding=0.01)
            self.capacity_plot.setYRange(0, top * 1.1 if top > 0 else 1.0, padding=0)
        self._set_markers(result)
        self._set_timeline(result, x)
        cash = result.cash
        years = np.asarray(cash.years, dtype=float)
        net = cash.net_cash_cny / 1e6
        self.cash_bars.setOpts(
            x=years, height=net, width=0.7, brushes=[pg.mkBrush("#2e7d32" if v >= 0 else "#c62828") for v in net]
        )
        self.cash_plot.set_series("cumulative", years, cash.cumulative_cash_cny / 1e6)

    def _clear_plots(self) -> None:
        """No result: every series, band, marker, bar and tick goes (none of another case stays)."""
        for name in ("demand", "served", "capacity"):
            self.capacity_plot.set_series(name, [], [])
        self.cash_plot.set_series("cumulative", [], [])
        self.band_low.setData([], [])
        self.band_high.setData([], [])
        for line in self.markers.values():
            self.capacity_plot.removeItem(line)
        self.markers.clear()
        self.timeline_bars.setOpts(x0=[], y=[], width=[], height=0.6, brushes=[])
        self.timeline_plot.getAxis("left").setTicks([[]])
        self._timeline_rows = []
        self.cash_bars.setOpts(x=[], height=[], width=0.7, brushes=[])

    def marker_positions(self) -> dict[str, float]:
        return {ident: line.value() for ident, line in self.markers.items()}

    def _set_markers(self, result: PhasingResult) -> None:
        for line in self.markers.values():
            self.capacity_plot.removeItem(line)
        self.markers.clear()
        built = sorted((p for p in result.candidates if p.built), key=lambda p: p.start_month)
        for n, plan in enumerate(built):
            # the marker stands at the construction start, the month a drop pins; its capacity
            # steps up lead_months later, at the in-service month
            line = pg.InfiniteLine(
                pos=month_to_year(plan.start_month),
                angle=90,
                movable=True,
                pen=pg.mkPen(PALETTE[n % len(PALETTE)], width=2, style=pg.QtCore.Qt.DashLine),
                hoverPen=pg.mkPen("#000000", width=3),
                label=f"{plan.id} start",
                labelOpts={"position": MARKER_LABEL_LEVELS[n % len(MARKER_LABEL_LEVELS)], "color": "#263238"},
            )
            line.setToolTip(
                f"{plan.name}: construction starts {plan.start_month}, in service {plan.service_month} "
                f"({plan.lead_months} months later); drag to move the construction start"
            )
            line.sigPositionChangeFinished.connect(lambda item, ident=plan.id: self._marker_dropped(ident, item))
            self.capacity_plot.addItem(line, ignoreBounds=True)
            self.markers[plan.id] = line

    def _marker_dropped(self, ident: str, line: pg.InfiniteLine) -> None:
        """Snap the marker to a month and ask for construction to start there."""
        if self.result is None:
            return
        plan = next(p for p in self.result.candidates if p.id == ident)
        start = year_to_month(line.value() + 1e-6)
        line.setValue(month_to_year(start))
        if start != plan.start_month:
            self.start_moved.emit(ident, start)

    def _set_timeline(self, result: PhasingResult, x: np.ndarray) -> None:
        end = float(x[-1]) + 1 / 12 if x.size else 0.0
        built = [p for p in result.candidates if p.built]
        x0, widths, ys, brushes = [], [], [], []
        for i, plan in enumerate(built):
            start, service = month_to_year(plan.start_month), month_to_year(plan.service_month)
            x0 += [start, service]
            widths += [service - start, max(end - service, 0.0)]
            ys += [i, i]
            brushes += [pg.mkBrush(BUILDING), pg.mkBrush(BUILT)]
        self.timeline_bars.setOpts(x0=x0, y=ys, width=widths, height=0.6, brushes=brushes)
        self.timeline_plot.getAxis("left").setTicks([[(i, p.id) for i, p in enumerate(built)]])
        self._timeline_rows = built
        if built:
            self.timeline_plot.setYRange(-0.6, len(built) - 0.4, padding=0)

    def _timeline_readout(self, x: float, y: float) -> str:
        rows = getattr(self, "_timeline_rows", [])
        i = round(y)
        if not 0 <= i < len(rows):
            return year_to_month(x)
        p = rows[i]
        return (
            f"{p.name}\nconstruction {p.start_month}, in service {p.service_month}\n"
            f"{p.capacity:,.2f} {self.result.unit_label if self.result else ''}; capex {_money(p.capex_cny)}"
        )
