"""Climate view: the weather year the energy engine runs on (ui layer).

Hourly dry-bulb and wet-bulb temperatures, a day x hour heat map of dry bulb, and the hours in
each cooling mode per month. A selector switches the site's climate (built-in, EPW or CSV file);
the choice is emitted as a new ClimateRef for the window to apply as an undoable edit.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dcplanner.climate import Weather, list_builtin
from dcplanner.model.site import ClimateRef
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.energy.results import MODES
from ui.plots.base import ReadoutPlot, series_pen
from ui.plots.calendar_axis import MONTHS, day_label, hour_label, month_ticks

MODE_COLOURS = {"full": "#2e7d32", "partial": "#f9a825", "mechanical": "#c62828"}


class ClimateView(QWidget):
    """Plots of one weather year and the cooling modes it produced."""

    climate_change_requested = Signal(object)
    """The user picked another climate (payload: a ClimateRef)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.weather: Weather | None = None
        self.energy: EnergyResult | None = None
        self.hours = 8760

        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.builtin_box = QComboBox()
        for climate in list_builtin():
            self.builtin_box.addItem(climate.name, climate.id)
        self.builtin_box.activated.connect(self._builtin_chosen)
        epw = QPushButton("EPW file…")
        epw.clicked.connect(lambda: self._file_chosen("epw"))
        csv = QPushButton("CSV file…")
        csv.clicked.connect(lambda: self._file_chosen("csv"))
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Climate:"))
        chooser.addWidget(self.builtin_box, 1)
        chooser.addWidget(epw)
        chooser.addWidget(csv)

        self.temperature_plot = ReadoutPlot(
            "Outdoor air", "hour of the year", "h", "temperature", "°C", x_format=lambda x: hour_label(x, self.hours)
        )
        self.dry_bulb = self.temperature_plot.add_series("dry bulb", [], [], pen=series_pen(4, 1))
        self.wet_bulb = self.temperature_plot.add_series("wet bulb", [], [], pen=series_pen(0, 1))
        for item in (self.dry_bulb, self.wet_bulb):
            item.setDownsampling(auto=True, method="peak")
            item.setClipToView(True)
        self.temperature_plot.getAxis("bottom").setTicks([month_ticks(8760)])

        self.heatmap_plot = ReadoutPlot(
            "Dry bulb by day and hour", "day of the year", "", "hour of day", "", readout=self._heatmap_readout
        )
        self.heatmap_plot.getPlotItem().legend.hide()
        self.heatmap = pg.ImageItem(axisOrder="row-major")
        self.heatmap.setColorMap(pg.colormap.get("CET-D1A"))
        self.heatmap_plot.addItem(self.heatmap)
        self.colour_bar = pg.ColorBarItem(values=(-5, 35), colorMap=pg.colormap.get("CET-D1A"), label="°C")
        self.colour_bar.setImageItem(self.heatmap, insert_in=self.heatmap_plot.getPlotItem())
        self.heatmap_plot.getAxis("bottom").setTicks([[(h / 24, m) for h, m in month_ticks(8760)]])
        self.heatmap_plot.setMouseEnabled(x=False, y=False)

        self.mode_plot = ReadoutPlot(
            "Hours in each cooling mode", "month", "", "hours", "h", readout=self._mode_readout
        )
        self.mode_bars: dict[str, pg.BarGraphItem] = {}
        for mode in MODES:
            bars = pg.BarGraphItem(x=np.arange(12), height=np.zeros(12), width=0.7, brush=MODE_COLOURS[mode], name=mode)
            self.mode_plot.addItem(bars)  # named items join the legend by themselves
            self.mode_bars[mode] = bars
        self.mode_plot.getAxis("bottom").setTicks([list(enumerate(MONTHS))])
        self.mode_plot.setMouseEnabled(x=False, y=False)

        grid = QGridLayout()
        grid.addWidget(self.temperature_plot, 0, 0, 1, 2)
        grid.addWidget(self.heatmap_plot, 1, 0)
        grid.addWidget(self.mode_plot, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.source_label)
        layout.addLayout(grid, 1)

    # ---- data

    def set_data(self, weather: Weather, energy: EnergyResult | None, ref: ClimateRef | None = None) -> None:
        self.weather, self.energy, self.hours = weather, energy, weather.hours
        x = np.arange(weather.hours, dtype=float)
        self.temperature_plot.set_series("dry bulb", x, weather.dry_bulb_c)
        self.temperature_plot.set_series("wet bulb", x, weather.wet_bulb_c)
        self.temperature_plot.getAxis("bottom").setTicks([month_ticks(weather.hours)])
        grid = weather.day_by_hour(weather.dry_bulb_c).T  # rows: hour of day, columns: day
        self.heatmap.setImage(grid, autoLevels=False)
        self.heatmap.setRect(0, 0, grid.shape[1], 24)
        lo, hi = float(np.floor(grid.min())), float(np.ceil(grid.max()))
        self.colour_bar.setLevels((lo, hi))
        self.heatmap_plot.setXRange(0, grid.shape[1], padding=0)
        self.heatmap_plot.setYRange(0, 24, padding=0)
        self._set_modes(energy)
        self.source_label.setText(
            f"<b>{weather.name}</b> — {weather.kind}; {weather.source}; {weather.elevation_m:,.0f} m; "
            f"mean {weather.dry_bulb_c.mean():.1f} °C, max {weather.dry_bulb_c.max():.1f} °C, "
            f"max wet bulb {weather.wet_bulb_c.max():.1f} °C"
        )
        if ref is not None and ref.source == "builtin":
            index = self.builtin_box.findData(ref.builtin_id)
            if index >= 0:
                self.builtin_box.setCurrentIndex(index)

    def mode_hours(self) -> dict[str, np.ndarray]:
        """Hours per month in each mode, as the bars show them."""
        return {m: np.asarray(b.opts["height"], dtype=float) for m, b in self.mode_bars.items()}

    def _set_modes(self, energy: EnergyResult | None) -> None:
        table = energy.monthly_mode_hours if energy is not None else np.zeros((12, len(MODES)))
        bottom = np.zeros(12)
        for k in (2, 1, 0):  # full free cooling at the bottom, mechanical on top
            mode = MODES[k]
            heights = table[:, k].astype(float)
            self.mode_bars[mode].setOpts(x=np.arange(12), y0=bottom.copy(), height=heights, width=0.7)
            bottom += heights
        self.mode_plot.setYRange(0, max(float(bottom.max()), 1.0) * 1.05, padding=0)  # the legend sits beside it

    # ---- readouts

    def _heatmap_readout(self, x: float, y: float) -> str:
        if self.weather is None or not (0 <= x < self.weather.days and 0 <= y < 24):
            return ""
        day, hour = int(x), int(y)
        return f"{day_label(day, self.hours)} {hour:02d}:00\n{self.weather.dry_bulb_c[day * 24 + hour]:.1f} °C"

    def _mode_readout(self, x: float, y: float) -> str:
        m = round(x)
        if self.energy is None or not 0 <= m < 12:
            return ""
        row = self.energy.monthly_mode_hours[m]
        return f"{MONTHS[m]}\n" + "\n".join(f"{name}: {int(row[k])} h" for k, name in enumerate(MODES))

    # ---- climate selection

    def _builtin_chosen(self, index: int) -> None:
        self.climate_change_requested.emit(ClimateRef(source="builtin", builtin_id=self.builtin_box.itemData(index)))

    def _file_chosen(self, kind: str) -> None:
        pattern = "EnergyPlus weather (*.epw)" if kind == "epw" else "Hourly weather CSV (*.csv)"
        path, _ = QFileDialog.getOpenFileName(self, "Choose a weather file", "", pattern)
        if path:
            self.climate_change_requested.emit(ClimateRef(source=kind, builtin_id="", path=path))
