"""A plot with a crosshair readout in the data's units and PNG/SVG export (ui layer)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from ui.plots import svg_patch  # noqa: F401  (pyqtgraph SVG export of closed paths)

pg.setConfigOptions(background="w", foreground="#263238", antialias=False)

PALETTE = ("#1565c0", "#e65100", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#9e9d24", "#4e342e", "#ad1457")
"""Distinct, print-safe colours for series, in order."""


def series_pen(index: int, width: float = 1.5) -> pg.QtGui.QPen:
    return pg.mkPen(PALETTE[index % len(PALETTE)], width=width)


LEGEND_CELL = (2, 3)  # row, column of the PlotItem's grid layout: right of the ViewBox (2, 1) and its right axis


class OutsideLegend(pg.LegendItem):
    """A legend laid out beside the plot area instead of floating over the data.

    pyqtgraph's legend sits inside the ViewBox and covers curves and bars; this one takes a cell
    of the PlotItem's layout, which sizes it from its entries (nothing when empty or hidden).
    """

    def __init__(self, plot_item: pg.PlotItem):
        super().__init__(offset=None, colCount=1, verSpacing=-4)
        plot_item.layout.addItem(self, *LEGEND_CELL)
        plot_item.layout.setAlignment(self, pg.QtCore.Qt.AlignmentFlag.AlignTop)
        plot_item.legend = self  # named items join it, as with PlotItem.addLegend

    def updateSize(self) -> None:
        """Tell the parent layout the size the entries need (pyqtgraph would set its own geometry)."""
        if not self.isVisible() or not self.items:
            width = height = 0.0
        else:
            hint = self.layout.effectiveSizeHint(pg.QtCore.Qt.SizeHint.PreferredSize)
            width, height = hint.width() + 6, hint.height() + 4
        self.setMinimumSize(width, height)
        self.setMaximumSize(width, height)
        self.updateGeometry()

    def itemChange(self, change, value):
        result = super().itemChange(change, value)
        if change == pg.QtWidgets.QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged:
            self.updateSize()
        return result

    def mouseDragEvent(self, ev) -> None:
        ev.ignore()  # its place is the layout's, not an anchor to drag


class ReadoutPlot(pg.PlotWidget):
    """A PlotWidget whose crosshair reads out x and the nearest point of each named curve.

    ``x_format`` turns an x value into text (e.g. an hour of the year into "12 Mar 14:00");
    ``readout`` replaces the whole readout for plots that are not x-y series (bars, maps).
    """

    def __init__(
        self,
        title: str,
        x_label: str,
        x_unit: str,
        y_label: str,
        y_unit: str,
        *,
        x_format: Callable[[float], str] | None = None,
        readout: Callable[[float, float], str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent=parent)
        self.setTitle(title)
        self.x_unit = x_unit
        self.y_unit = y_unit
        self._x_format = x_format or (lambda x: f"{x:,.4g} {x_unit}".rstrip())
        self._readout = readout
        self.setLabel("bottom", f"{x_label} ({x_unit})" if x_unit and x_unit != "h" else x_label)
        self.setLabel("left", f"{y_label} ({y_unit})" if y_unit else y_label)
        self.showGrid(x=True, y=True, alpha=0.25)
        self.legend = OutsideLegend(self.getPlotItem())
        self._curves: list[tuple[str, np.ndarray, np.ndarray]] = []
        self._items: dict[str, pg.PlotDataItem] = {}
        self._vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#90a4ae", style=pg.QtCore.Qt.DashLine))
        self._hline = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#90a4ae", style=pg.QtCore.Qt.DashLine))
        self.addItem(self._vline, ignoreBounds=True)
        self.addItem(self._hline, ignoreBounds=True)
        self._label = pg.TextItem(anchor=(0, 1), color="#263238", fill=pg.mkBrush(255, 255, 255, 210))
        self._label.setZValue(100)
        self.addItem(self._label, ignoreBounds=True)
        self._set_crosshair_visible(False)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

    # ---- data

    def clear_series(self) -> None:
        for item in list(self.listDataItems()):
            self.removeItem(item)
        self._curves.clear()
        self._items.clear()

    def add_series(self, name: str, x: Sequence[float], y: Sequence[float], *, pen=None, **kwargs) -> pg.PlotDataItem:
        """Add a named curve that the crosshair reads; returns the item (update it with setData)."""
        x_arr, y_arr = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        item = self.plot(
            x_arr, y_arr, name=name, pen=pen if pen is not None else series_pen(len(self._curves)), **kwargs
        )
        self._curves.append((name, x_arr, y_arr))
        self._items[name] = item
        return item

    def set_series(self, name: str, x: Sequence[float], y: Sequence[float]) -> None:
        """Replace a named curve's data (the item is reused, as pyqtgraph advises)."""
        x_arr, y_arr = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        for i, (n, _, _) in enumerate(self._curves):
            if n == name:
                self._curves[i] = (n, x_arr, y_arr)
                self._items[n].setData(x_arr, y_arr)
                return
        raise KeyError(name)

    def series_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        for n, x, y in self._curves:
            if n == name:
                return x, y
        raise KeyError(name)

    # ---- readout

    def readout_at(self, x: float, y: float) -> str:
        """Text the crosshair shows at data coordinates (x, y)."""
        if self._readout is not None:
            return self._readout(x, y)
        parts = [self._x_format(x)]
        for name, xs, ys in self._curves:
            if xs.size == 0:
                continue
            i = int(np.clip(np.searchsorted(xs, x), 0, xs.size - 1))
            if i > 0 and abs(xs[i - 1] - x) <= abs(xs[i] - x):
                i -= 1
            parts.append(f"{name}: {ys[i]:,.4g} {self.y_unit}".rstrip())
        if not self._curves:
            parts.append(f"{y:,.4g} {self.y_unit}".rstrip())
        return "\n".join(parts)

    def _on_mouse_moved(self, pos: QPointF) -> None:
        vb = self.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(pos):
            self._set_crosshair_visible(False)
            return
        p = vb.mapSceneToView(pos)
        self._vline.setPos(p.x())
        self._hline.setPos(p.y())
        self._label.setText(self.readout_at(p.x(), p.y()))
        self._label.setPos(p)
        self._set_crosshair_visible(True)

    def _set_crosshair_visible(self, visible: bool) -> None:
        for item in (self._vline, self._hline, self._label):
            item.setVisible(visible)

    # ---- export

    def export(self, path: str | Path) -> Path:
        """Write the plot to PNG or SVG (by suffix)."""
        path = Path(path)
        self._set_crosshair_visible(False)
        item = self.getPlotItem()
        if path.suffix.lower() == ".svg":
            pg_exporters.SVGExporter(item).export(str(path))
        elif path.suffix.lower() == ".png":
            exporter = pg_exporters.ImageExporter(item)
            exporter.parameters()["width"] = max(int(self.width()), 800)
            exporter.export(str(path))
        else:
            raise ValueError(f"export to .png or .svg, not {path.suffix or 'no suffix'}")
        return path
