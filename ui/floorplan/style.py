"""Shared pens, brushes and fonts of the floor plan, made once (ui layer).

Items reuse these objects in ``paint`` instead of allocating per call (anchors §3.4). They are
built on first use because QFont needs a running QGuiApplication.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

ACCENT = QColor("#1565c0")
WALL_M = 0.2  # drawn wall thickness (a 200 mm block partition, display only)

# Level-of-detail thresholds, in screen pixels per cabinet width (or per metre for labels).
CABINET_OUTLINE_PX = 4
CABINET_DETAIL_PX = 10
CABINET_LABEL_PX = 34
ROW_LABEL_PX_PER_M = 16
TILE_GRID_PX = 7


def _cosmetic(colour: str | QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, style)
    pen.setCosmetic(True)
    return pen


@functools.cache
def style() -> SimpleNamespace:
    """The shared drawing objects (one instance per process)."""
    hatch = QBrush(QColor(25, 118, 210, 110), Qt.BrushStyle.BDiagPattern)
    narrow = QBrush(QColor(229, 57, 53, 120), Qt.BrushStyle.DiagCrossPattern)
    wall = QPen(QColor("#37474f"), WALL_M)
    wall.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    label_font = QFont()
    label_font.setPixelSize(12)
    hall_font = QFont(label_font)
    hall_font.setBold(True)
    hall_font.setPixelSize(13)
    small_font = QFont()
    small_font.setPixelSize(10)
    return SimpleNamespace(
        floor=QBrush(QColor("#fbfbfa")),
        floor_selected=QBrush(QColor("#eef4fb")),
        grid=_cosmetic("#e3e7ea"),
        wall=wall,
        wall_thin=_cosmetic("#37474f", 1.5),
        hot=QBrush(QColor(239, 83, 80, 42)),
        cold=QBrush(QColor(66, 165, 245, 48)),
        containment=hatch,
        containment_edge=_cosmetic("#1565c0", 2.0),
        narrow=narrow,
        narrow_edge=_cosmetic("#c62828", 1.5, Qt.PenStyle.DashLine),
        row_empty=QBrush(QColor("#eceff1")),
        row_edge=_cosmetic("#90a4ae"),
        cabinet_edge=_cosmetic("#37474f", 1.0),
        empty_slot=_cosmetic("#90a4ae", 1.0, Qt.PenStyle.DotLine),
        front=_cosmetic("#263238", 2.0),
        selected_fill=QBrush(QColor(21, 101, 192, 90)),
        selected_edge=_cosmetic(ACCENT, 2.0),
        text=QPen(QColor("#263238")),
        text_muted=QPen(QColor("#546e7a")),
        warning_text=QPen(QColor("#b71c1c")),
        label_font=label_font,
        hall_font=hall_font,
        small_font=small_font,
        preview_ok=QBrush(QColor(46, 125, 50, 70)),
        preview_bad=QBrush(QColor(198, 40, 40, 70)),
        preview_ok_edge=_cosmetic("#2e7d32", 1.5),
        preview_bad_edge=_cosmetic("#c62828", 1.5),
        band_fill=QBrush(QColor(21, 101, 192, 30)),
        label_box=QBrush(QColor(255, 255, 255, 225)),
        band_edge=_cosmetic(ACCENT, 1.0, Qt.PenStyle.DashLine),
        no_pen=QPen(Qt.PenStyle.NoPen),
        no_brush=QBrush(Qt.BrushStyle.NoBrush),
    )


_BRUSHES: dict[str, QBrush] = {}


def brush_for(colour: QColor) -> QBrush:
    """One shared brush per colour."""
    key = colour.name(QColor.NameFormat.HexArgb)
    brush = _BRUSHES.get(key)
    if brush is None:
        brush = _BRUSHES[key] = QBrush(colour)
    return brush
