"""Energy view: hourly PUE, power stacked by component, monthly PUE and the year's ratios (ui).

Every number shown is read from the energy engine's result: the plots hold its hourly arrays
and the table its yearly figures.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.energy.cooling import COMPONENTS
from dcplanner.solvers.energy.envelope import CLASSES
from dcplanner.solvers.energy.results import MONTHS
from ui.plots.base import PALETTE, ReadoutPlot, series_pen
from ui.plots.calendar_axis import hour_label, month_ticks


def daily_mean(values: np.ndarray) -> np.ndarray:
    """Mean of an hourly array over each day (kW)."""
    return np.asarray(values, dtype=float).reshape(-1, 24).mean(axis=1)


def stack_layers(result: EnergyResult) -> list[tuple[str, np.ndarray]]:
    """(name, daily mean kW) from the bottom of the stack up; components that stay at zero are left out.

    Daily means keep a year of stacked areas readable and cheap to draw (365 points a layer);
    the hourly detail is in the hourly PUE plot and the workbook's hourly sheet.
    """
    layers = [("IT", np.asarray(result.it_kw))]
    layers += [(name.replace("_", " "), np.asarray(result.cooling_kw[name])) for name in COMPONENTS]
    layers += [
        ("electrical losses", np.asarray(result.electrical_loss_total_kw)),
        ("lighting", np.asarray(result.lighting_kw)),
        ("misc", np.asarray(result.misc_kw)),
    ]
    return [(name, daily_mean(values)) for name, values in layers if np.any(values > 0)]


def figure_rows(result: EnergyResult) -> list[tuple[str, str, str]]:
    """(figure, value, unit) lines of the yearly table."""
    rows = [
        ("Annual PUE (facility / IT energy)", f"{result.annual_pue:.3f}", ""),
        ("Partial PUE, cooling", f"{result.ppue_cooling:.3f}", ""),
        ("Partial PUE, power chain", f"{result.ppue_power:.3f}", ""),
        ("IT energy", f"{result.it_energy_kwh / 1e3:,.0f}", "MWh"),
        ("Facility energy", f"{result.facility_energy_kwh / 1e3:,.0f}", "MWh"),
        ("Peak facility power", f"{result.peak_facility_kw:,.0f}", "kW"),
        ("WUE", f"{result.wue_l_per_kwh:.3f}", "L/kWh"),
        ("CUE", f"{result.cue_kg_per_kwh:.3f}", "kg CO2/kWh"),
    ]
    for name, kwh in result.cooling_energy_kwh.items():
        if kwh > 0:
            rows.append((f"Cooling: {name.replace('_', ' ')}", f"{kwh / 1e3:,.0f}", "MWh"))
    for name, kwh in result.electrical_loss_energy_kwh.items():
        rows.append((f"Losses: {name}", f"{kwh / 1e3:,.0f}", "MWh"))
    for mode, hours in result.mode_hours.items():
        rows.append((f"Hours in {mode} cooling", f"{hours:,}", "h"))
    envelope = result.envelope_hours
    rows.append(("Inlet hours outside the ASHRAE recommended envelope", f"{result.hours_outside_recommended:,}", "h"))
    rows += [(f"  of which {c}", f"{envelope[c]:,}", "h") for c in CLASSES[1:] if envelope[c]]
    return rows


class EnergyView(QWidget):
    """Plots and yearly figures of one energy result."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: EnergyResult | None = None
        self.hours = 8760
        fmt = lambda x: hour_label(x, self.hours)  # noqa: E731 - tiny formatter
        self.pue_plot = ReadoutPlot("Hourly PUE", "hour of the year", "h", "PUE", "", x_format=fmt)
        self.pue_curve = self.pue_plot.add_series("PUE", [], [], pen=series_pen(0, 1))
        self.pue_curve.setDownsampling(auto=True, method="peak")
        self.pue_curve.setClipToView(True)
        self.pue_plot.getPlotItem().legend.hide()

        self.monthly_plot = ReadoutPlot("Monthly PUE", "month", "", "PUE", "", readout=self._monthly_readout)
        self.monthly_plot.getPlotItem().legend.hide()
        self.monthly_bars = pg.BarGraphItem(x=np.arange(12), height=np.zeros(12), width=0.7, brush=PALETTE[0])
        self.monthly_plot.addItem(self.monthly_bars)
        self.monthly_plot.getAxis("bottom").setTicks([list(enumerate(MONTHS))])
        self.monthly_plot.setMouseEnabled(x=False, y=False)

        self.stack_plot = ReadoutPlot(
            "Facility power by component", "hour of the year", "h", "power", "kW", x_format=fmt
        )
        self.stack_plot.getPlotItem().legend.setColumnCount(2)  # beside the plot: two columns keep it short
        self.layers: list[tuple[str, np.ndarray]] = []
        self._stack_items: list[pg.GraphicsObject] = []

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Figure", "Value", "Unit"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        grid = QGridLayout(self)
        grid.addWidget(self.pue_plot, 0, 0)
        grid.addWidget(self.monthly_plot, 0, 1)
        grid.addWidget(self.stack_plot, 1, 0)
        grid.addWidget(self.table, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def set_result(self, result: EnergyResult) -> None:
        self.result, self.hours = result, result.hours
        x = np.arange(result.hours, dtype=float)
        self.pue_plot.set_series("PUE", x, result.pue_hourly)
        self.pue_plot.getAxis("bottom").setTicks([month_ticks(result.hours)])
        self.stack_plot.getAxis("bottom").setTicks([[(h / 24, m) for h, m in month_ticks(result.hours)]])
        monthly = np.nan_to_num(result.monthly_pue, nan=0.0)
        self.monthly_bars.setOpts(height=monthly)
        valid = monthly[monthly > 0]
        if valid.size:
            lo, hi = float(valid.min()), float(valid.max())
            pad = max((hi - lo) * 0.3, 0.01)
            self.monthly_plot.setYRange(max(1.0, lo - pad), hi + pad, padding=0)
        self.monthly_bars.setOpts(y0=np.full(12, 1.0) if valid.size else np.zeros(12), height=monthly - 1.0)
        self._set_stack(result)
        rows = figure_rows(result)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                item = QTableWidgetItem(text)
                if j == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)

    def monthly_values(self) -> np.ndarray:
        """Monthly PUE as the bars show it (bar tops)."""
        return np.asarray(self.monthly_bars.opts["y0"], dtype=float) + np.asarray(self.monthly_bars.opts["height"])

    def _set_stack(self, result: EnergyResult) -> None:
        layers = stack_layers(result)
        days = np.arange(result.hours // 24, dtype=float)
        tops = np.cumsum([values for _, values in layers], axis=0)
        if [n for n, _ in layers] == [n for n, _ in self.layers]:  # same layers: update in place
            self.layers = layers
            for (name, _), top in zip(layers, tops, strict=True):
                self.stack_plot.set_series(name, days, top)
        else:
            self._rebuild_stack(layers, days, tops)
        self.stack_plot.setYRange(0, float(tops[-1].max()) * 1.05, padding=0)  # the legend sits beside the plot

    def _rebuild_stack(self, layers: list[tuple[str, np.ndarray]], days: np.ndarray, tops: np.ndarray) -> None:
        for item in self._stack_items:
            self.stack_plot.removeItem(item)
        self._stack_items.clear()
        self.stack_plot.clear_series()
        self.layers = layers
        below = None
        for i, ((name, _), top) in enumerate(zip(layers, tops, strict=True)):
            colour = PALETTE[i % len(PALETTE)]
            curve = self.stack_plot.add_series(name, days, top, pen=pg.mkPen(colour, width=1))
            if below is None:  # the bottom layer fills down to zero
                curve.setFillLevel(0.0)
                curve.setBrush(pg.mkBrush(colour + "99"))
            else:
                fill = pg.FillBetweenItem(below, curve, brush=pg.mkBrush(colour + "99"))
                self.stack_plot.addItem(fill)
                self._stack_items.append(fill)
            below = curve

    def _monthly_readout(self, x: float, y: float) -> str:
        m = round(x)
        if self.result is None or not 0 <= m < 12:
            return ""
        r = self.result
        return (
            f"{MONTHS[m]}: PUE {r.monthly_pue[m]:.3f}\nIT {r.monthly_it_energy_kwh[m] / 1e3:,.0f} MWh, "
            f"facility {r.monthly_facility_energy_kwh[m] / 1e3:,.0f} MWh"
        )
