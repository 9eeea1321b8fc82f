"""Floor-plan scene: halls, aisles and cabinets of a site drawn to scale in metres (ui layer)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.geometry import hall_rect, slot_rect
from dcplanner.model.site import Cabinet, Hall, Row, Site

_WALL = QPen(QColor("#37474f"), 0.15)
_GRID = QPen(QColor("#dde3e8"), 0)  # cosmetic hairline
_CABINET_EDGE = QPen(QColor("#263238"), 0)
_COLD = QBrush(QColor(66, 165, 245, 50))
_HOT = QBrush(QColor(239, 83, 80, 45))
_FLOOR = QBrush(QColor("#fafafa"))


def power_colour(design_kw: float) -> QColor:
    """Blue (low) to red (high) by cabinet design power, saturating at 40 kW."""
    t = max(0.0, min(design_kw / 40.0, 1.0))
    return QColor.fromHsvF(0.66 * (1.0 - t), 0.65, 0.9)


class HallItem(QGraphicsItem):
    """A hall's floor with its tile grid and walls, painted in one item."""

    def __init__(self, hall: Hall):
        super().__init__()
        self.hall = hall
        r = hall_rect(hall)
        self.setPos(r.x0, r.y0)
        self._rect = QRectF(0, 0, r.width, r.height)
        self.setZValue(-10)

    def boundingRect(self) -> QRectF:
        pad = 0.2
        return self._rect.adjusted(-pad, -pad, pad, pad)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.fillRect(self._rect, _FLOOR)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        tile = self.hall.tile_m
        if tile * lod >= 4:  # draw the tile grid only when tiles are at least 4 px apart
            painter.setPen(_GRID)
            x = tile
            while x < self._rect.width():
                painter.drawLine(x, 0, x, self._rect.height())
                x += tile
            y = tile
            while y < self._rect.height():
                painter.drawLine(0, y, self._rect.width(), y)
                y += tile
        painter.setPen(_WALL)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self._rect)
        if lod > 2:
            painter.setPen(QPen(QColor("#37474f")))
            font = QFont()
            font.setPointSizeF(0.8)
            painter.setFont(font)
            painter.drawText(QRectF(0.3, -1.3, self._rect.width(), 1.2), Qt.AlignmentFlag.AlignLeft, self.hall.name)


class CabinetItem(QGraphicsItem):
    """One cabinet: a filled rectangle coloured by design power, with a tooltip."""

    def __init__(self, cabinet: Cabinet, rect: QRectF, phase: str):
        super().__init__()
        self.cabinet = cabinet
        self._rect = rect
        self._brush = QBrush(power_colour(cabinet.design_kw))
        servers = sum(s.count for s in cabinet.servers)
        self.setToolTip(f"{cabinet.id}: {cabinet.design_kw:g} kW design, {servers} servers, phase {phase or '-'}")

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(_CABINET_EDGE)
        painter.setBrush(self._brush)
        painter.drawRect(self._rect)


def _aisle_rects(row: Row, depth_m: float, length_m: float, aisle_m: float) -> tuple[QRectF, QRectF]:
    """(hot, cold) aisle strips beside a row, each ``aisle_m`` deep."""
    if row.orientation == "horizontal":
        north = QRectF(row.x_m, row.y_m - aisle_m, length_m, aisle_m)
        south = QRectF(row.x_m, row.y_m + depth_m, length_m, aisle_m)
        return (north, south) if row.hot_aisle_side == "north" else (south, north)
    west = QRectF(row.x_m - aisle_m, row.y_m, aisle_m, length_m)
    east = QRectF(row.x_m + depth_m, row.y_m, aisle_m, length_m)
    return (west, east) if row.hot_aisle_side == "west" else (east, west)


class FloorPlanScene(QGraphicsScene):
    """Mirrors a site: one HallItem per hall, one CabinetItem per cabinet, aisles shaded."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.cabinet_items: dict[str, CabinetItem] = {}

    def set_site(self, site: Site, hw: HardwareIndex | None = None) -> None:
        hw = hw or hardware_index(site)
        self.clear()
        self.cabinet_items.clear()
        for hall in site.halls:
            self.addItem(HallItem(hall))
            ox, oy = hall.x_m, hall.y_m
            for row in hall.rows:
                ctype = hw.cabinet_types[row.cabinet_type_id]
                length = row.positions * ctype.width_m
                hot, cold = _aisle_rects(row, ctype.depth_m, length, hall.min_aisle_m / 2)
                for rect, brush in ((hot, _HOT), (cold, _COLD)):
                    item = self.addRect(rect.translated(ox, oy), QPen(Qt.PenStyle.NoPen), brush)
                    item.setZValue(-5)
                for cab in row.cabinets:
                    r = slot_rect(row, cab.position, ctype.width_m, ctype.depth_m).translated(ox, oy)
                    item = CabinetItem(cab, QRectF(r.x0, r.y0, r.width, r.height), cab.phase_id or "")
                    self.addItem(item)
                    self.cabinet_items[cab.id] = item
        rect = self.itemsBoundingRect()
        self.setSceneRect(rect.adjusted(-5, -5, 5, 5))
