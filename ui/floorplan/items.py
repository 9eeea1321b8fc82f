"""Floor-plan items: thin painters of halls, rows and their cabinets (ui layer).

A hall is one item that paints its floor, tile grid, aisle shading, containment, narrow-aisle
flags and walls; a row is one item that paints all its cabinets (thousands of cabinets are a few
hundred items, as pyqtgraph's scatter plot is one item). Items hold prepared rectangles and
shared brushes only, copied from the model by the scene's ``sync`` calls, and decide their level
of detail from the zoom: a far view fills runs of same-coloured cabinets, a near one outlines
each cabinet and labels it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from dcplanner.model.geometry import AisleStrip, Rect, row_rect, slot_rect
from dcplanner.model.site import Hall, Row
from dcplanner.model.validation import NarrowAisle
from ui.floorplan.style import (
    CABINET_DETAIL_PX,
    CABINET_LABEL_PX,
    CABINET_OUTLINE_PX,
    TILE_GRID_PX,
    WALL_M,
    style,
)


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x0, r.y0, r.width, r.height)


def _lod(painter: QPainter, option: QStyleOptionGraphicsItem) -> float:
    """Screen pixels per metre at the current zoom."""
    return option.levelOfDetailFromTransform(painter.worldTransform())


# ---------------------------------------------------------------------------------------------
# Labels drawn at a fixed screen size


MAX_TITLE_LINES = 3  # a hall title wraps to at most this many lines above the hall


def wrap_title(text: str, metrics: QFontMetricsF, width_px: float, max_lines: int = MAX_TITLE_LINES) -> list[str]:
    """``text`` in lines no wider than ``width_px``: split at " / " (bilingual names) and then at
    spaces; a word that is still too wide, or what passes ``max_lines``, is elided."""
    if metrics.horizontalAdvance(text) <= width_px:
        return [text]
    lines: list[str] = []
    for part in text.split(" / "):
        line = ""
        for word in part.split(" "):
            trial = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(trial) > width_px:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width_px) for line in lines]


class LabelItem(QGraphicsItem):
    """Text that keeps its pixel size at every zoom, anchored at its position.

    ``align`` says where the text sits relative to the anchor: ``above`` (left edge at the
    anchor), ``left`` (ends at the anchor, centred vertically) or ``above-centre``. With
    ``max_width_px`` set, a bold (hall) title wraps onto more lines above the anchor instead of
    being cut; other labels are elided.
    """

    def __init__(
        self, parent: QGraphicsItem | None = None, align: str = "above", bold: bool = False, boxed: bool = False
    ):
        super().__init__(parent)
        self.boxed = boxed  # on a white box, to stay readable over cabinets
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.align = align
        self.bold = bold
        self._text = ""
        self._lines: list[str] = []
        self._rect = QRectF()
        self._max_width_px = 0.0

    def font(self) -> QFont:
        return style().hall_font if self.bold else style().label_font

    @property
    def max_width_px(self) -> float:
        return self._max_width_px

    @max_width_px.setter
    def max_width_px(self, width: float) -> None:
        if width != self._max_width_px:
            self._max_width_px = width
            self._layout()

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._layout()

    def _layout(self) -> None:
        self.prepareGeometryChange()
        metrics = QFontMetricsF(self.font())
        limit = max(self._max_width_px - 4, 24.0) if self._max_width_px else 0.0
        if self.bold and limit:
            self._lines = wrap_title(self._text, metrics, limit)
        elif limit and metrics.horizontalAdvance(self._text) > limit:
            self._lines = [metrics.elidedText(self._text, Qt.TextElideMode.ElideRight, limit)]
        else:
            self._lines = [self._text]
        w = max(metrics.horizontalAdvance(line) for line in self._lines) + 4
        h = metrics.height() * len(self._lines) + 2
        if self.align == "left":
            self._rect = QRectF(-w - 4, -h / 2, w, h)
        elif self.align == "above-centre":
            self._rect = QRectF(-w / 2, -h - 3, w, h)
        else:
            self._rect = QRectF(0, -h - 3, w, h)

    def text(self) -> str:
        return self._text

    def lines(self) -> list[str]:
        """The text as drawn: wrapped or elided to ``max_width_px``."""
        return list(self._lines)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self._text:
            return
        painter.setFont(self.font())
        painter.setPen(style().text)
        if self.boxed:
            painter.fillRect(self._rect, style().label_box)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "\n".join(self._lines))


# ---------------------------------------------------------------------------------------------
# Halls


class HallItem(QGraphicsItem):
    """One hall: floor, tile grid, aisles, containment, narrow-aisle flags and walls."""

    def __init__(self, hall_id: str):
        super().__init__()
        self.hall_id = hall_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._floor = QRectF()
        self._tile_m = 0.6
        self._hot = QPainterPath()
        self._cold = QPainterPath()
        self._contained = QPainterPath()
        self._doors = QPainterPath()
        self._narrow: list[tuple[QRectF, str]] = []
        self._narrow_path = QPainterPath()
        self.show_grid = True
        self.selected = False
        self.label = LabelItem(self, "above", bold=True)

    def sync(self, hall: Hall, strips: list[AisleStrip], narrow: list[NarrowAisle], min_aisle_m: float) -> None:
        """Copy the hall's geometry and its aisle layout (hall coordinates) into the item."""
        if self._floor.width() != hall.width_m or self._floor.height() != hall.depth_m:
            self.prepareGeometryChange()
        self.setPos(hall.x_m, hall.y_m)
        self._floor = QRectF(0, 0, hall.width_m, hall.depth_m)
        self._tile_m = hall.tile_m
        self._hot, self._cold, self._contained, self._doors = (QPainterPath() for _ in range(4))
        for strip in strips:
            rect = qrect(strip.rect)
            (self._hot if strip.kind == "hot" else self._cold).addRect(rect)
            if strip.contained:
                self._contained.addRect(rect)
                horizontal = strip.rect.width > strip.rect.height
                ends = (
                    (QLineF(rect.topLeft(), rect.bottomLeft()), QLineF(rect.topRight(), rect.bottomRight()))
                    if horizontal
                    else (QLineF(rect.topLeft(), rect.topRight()), QLineF(rect.bottomLeft(), rect.bottomRight()))
                )
                for line in ends:
                    self._doors.moveTo(line.p1())
                    self._doors.lineTo(line.p2())
        self._narrow = [(qrect(n.rect), f"{n.gap_m:.2f} m < {min_aisle_m:g} m") for n in narrow]
        self._narrow_path = QPainterPath()
        for rect, _text in self._narrow:
            self._narrow_path.addRect(rect)
        self.label.set_text(hall.name or hall.id)
        self.label.setPos(0, -WALL_M)  # above the wall
        self.update()

    def boundingRect(self) -> QRectF:
        return self._floor.adjusted(-WALL_M, -WALL_M, WALL_M, WALL_M)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        s = style()
        lod = _lod(painter, option)
        painter.fillRect(self._floor, s.floor_selected if self.selected else s.floor)
        if self.show_grid and self._tile_m * lod >= TILE_GRID_PX:
            self._paint_grid(painter, option.exposedRect)
        painter.fillPath(self._hot, s.hot)
        painter.fillPath(self._cold, s.cold)
        if not self._contained.isEmpty():
            painter.fillPath(self._contained, s.containment)
            painter.strokePath(self._doors, s.containment_edge)
        if self._narrow:
            painter.fillPath(self._narrow_path, s.narrow)
            painter.strokePath(self._narrow_path, s.narrow_edge)
            self._paint_narrow_labels(painter)
        painter.setBrush(s.no_brush)
        painter.setPen(s.wall)
        half = WALL_M / 2
        painter.drawRect(self._floor.adjusted(-half, -half, half, half))
        if self.selected and lod > 0:
            inset = 1.5 / lod  # keep the cosmetic 2 px outline inside the floor
            painter.setPen(s.selected_edge)
            painter.drawRect(self._floor.adjusted(inset, inset, -inset, -inset))

    def _paint_grid(self, painter: QPainter, exposed: QRectF) -> None:
        area = exposed.intersected(self._floor)
        tile = self._tile_m
        lines = []
        k = int(area.left() // tile) + 1
        while k * tile < area.right():
            x = k * tile
            lines.append(QLineF(x, area.top(), x, area.bottom()))
            k += 1
        k = int(area.top() // tile) + 1
        while k * tile < area.bottom():
            y = k * tile
            lines.append(QLineF(area.left(), y, area.right(), y))
            k += 1
        painter.setPen(style().grid)
        painter.drawLines(lines)

    def _paint_narrow_labels(self, painter: QPainter) -> None:
        transform = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        painter.setFont(style().small_font)
        painter.setPen(style().warning_text)
        for rect, text in self._narrow:
            box = transform.mapRect(rect)
            if max(box.width(), box.height()) >= 70:
                painter.drawText(box.adjusted(-40, -8, 40, 8), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


# ---------------------------------------------------------------------------------------------
# Rows and their cabinets


@dataclass(slots=True)
class CabinetLook:
    """How one cabinet is drawn: its slot, fill, and the two label lines."""

    position: int
    brush: QBrush
    title: str
    short: str  # the title when the full one does not fit (the id's last part)
    detail: str
    dark: bool


class RowItem(QGraphicsItem):
    """A row of cabinet slots with every cabinet in it, painted in one pass."""

    def __init__(self, row_id: str, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.row_id = row_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._rect = QRectF()
        self._pitch = 0.6
        self._slots: list[QRectF] = []
        self._runs: list[tuple[QBrush, QRectF]] = []
        self._groups: list[tuple[QBrush, list[QRectF]]] = []
        self._empty: list[QRectF] = []
        self._front = QLineF()
        self._looks: list[CabinetLook] = []
        self._selected: list[QRectF] = []
        self.row_selected = False
        self.label = LabelItem(self, "left")

    def sync(self, row: Row, pitch_m: float, depth_m: float, looks: list[CabinetLook]) -> None:
        """Copy the row's geometry and its cabinets' looks (row coordinates) into the item."""
        footprint = row_rect(row, pitch_m, depth_m)
        rect = QRectF(0, 0, footprint.width, footprint.height)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.setPos(row.x_m, row.y_m)
        self._pitch = pitch_m
        self._slots = [
            qrect(slot_rect(row, p, pitch_m, depth_m).translated(-row.x_m, -row.y_m)) for p in range(row.positions)
        ]
        self._front = self._front_edge(row, rect)
        self.set_looks(looks)
        if row.orientation == "horizontal":
            self.label.align = "left"
            self.label.setPos(0, rect.height() / 2)
        else:
            self.label.align = "above-centre"
            self.label.setPos(rect.width() / 2, 0)
        self.label._text = ""  # re-measure for the new alignment
        self.label.set_text(row.name or row.id)

    def set_looks(self, looks: list[CabinetLook]) -> None:
        """Recolour the cabinets (colour mode or contents changed; geometry as before)."""
        self._looks = sorted(looks, key=lambda look: look.position)
        taken = set()
        groups: dict[int, tuple[QBrush, list[QRectF]]] = {}
        runs: list[tuple[QBrush, QRectF]] = []
        last = None
        for look in self._looks:
            if not 0 <= look.position < len(self._slots):
                continue
            slot = self._slots[look.position]
            taken.add(look.position)
            groups.setdefault(id(look.brush), (look.brush, []))[1].append(slot)
            if last is not None and last[0] is look.brush and last[2] == look.position - 1:
                runs[-1] = (look.brush, runs[-1][1].united(slot))
            else:
                runs.append((look.brush, QRectF(slot)))
            last = (look.brush, slot, look.position)
        self._groups = list(groups.values())
        self._runs = runs
        self._empty = [s for p, s in enumerate(self._slots) if p not in taken]
        self.update()

    def set_selected_positions(self, positions: set[int], row_selected: bool) -> None:
        selected = [self._slots[p] for p in sorted(positions) if 0 <= p < len(self._slots)]
        if selected != self._selected or row_selected != self.row_selected:
            self._selected = selected
            self.row_selected = row_selected
            self.update()

    @staticmethod
    def _front_edge(row: Row, rect: QRectF) -> QLineF:
        """The cabinets' front face: the cold-aisle side, opposite the hot aisle."""
        return {
            "north": QLineF(rect.bottomLeft(), rect.bottomRight()),
            "south": QLineF(rect.topLeft(), rect.topRight()),
            "west": QLineF(rect.topRight(), rect.bottomRight()),
            "east": QLineF(rect.topLeft(), rect.bottomLeft()),
        }[row.hot_aisle_side]

    def boundingRect(self) -> QRectF:
        # Cosmetic pens are used only from CABINET_OUTLINE_PX up (>= 6.7 px/m for 0.6 m cabinets),
        # where their outer pixel stays within 0.2 m.
        return self._rect.adjusted(-0.2, -0.2, 0.2, 0.2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        s = style()
        px_per_cabinet = self._pitch * _lod(painter, option)
        detailed = px_per_cabinet >= CABINET_OUTLINE_PX
        painter.fillRect(self._rect, s.row_empty)
        if not detailed:
            for brush, rect in self._runs:
                painter.fillRect(rect, brush)
        else:
            painter.setPen(s.cabinet_edge)
            for brush, rects in self._groups:
                painter.setBrush(brush)
                painter.drawRects(rects)
            if px_per_cabinet >= CABINET_DETAIL_PX:
                painter.setBrush(s.no_brush)
                painter.setPen(s.empty_slot)
                if self._empty:
                    painter.drawRects(self._empty)
                painter.setPen(s.front)
                painter.drawLine(self._front)
        if self._selected:
            painter.setPen(s.selected_edge if detailed else s.no_pen)
            painter.setBrush(s.selected_fill)
            painter.drawRects(self._selected)
        if self.row_selected:
            painter.setBrush(s.selected_fill if not detailed else s.no_brush)
            painter.setPen(s.selected_edge if detailed else s.no_pen)
            painter.drawRect(self._rect)
        if px_per_cabinet >= CABINET_LABEL_PX:
            self._paint_labels(painter, option.exposedRect)

    def _paint_labels(self, painter: QPainter, exposed: QRectF) -> None:
        transform = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        painter.setFont(style().small_font)
        metrics = painter.fontMetrics()
        light, dark = style().text.color(), Qt.GlobalColor.white
        for look in self._looks:
            if not 0 <= look.position < len(self._slots):
                continue
            slot = self._slots[look.position]
            if not slot.intersects(exposed):
                continue
            box = transform.mapRect(slot).adjusted(2, 2, -2, -2)
            width = box.width()
            lines = [next((t for t in (look.title, look.short) if metrics.horizontalAdvance(t) <= width), "")]
            if box.height() >= 2.2 * metrics.height() and metrics.horizontalAdvance(look.detail) <= width:
                lines.append(look.detail)
            painter.setPen(dark if look.dark else light)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "\n".join(line for line in lines if line))
        painter.restore()


# ---------------------------------------------------------------------------------------------
# Gesture feedback


class OutlineItem(QGraphicsItem):
    """A prepared outline (what a drag or a drawing tool would place), green if allowed, red if not."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(100)
        self._path = QPainterPath()
        self.valid = True
        self.label = LabelItem(self, "above", boxed=True)

    def set_path(self, path: QPainterPath) -> None:
        self.prepareGeometryChange()
        self._path = path
        box = path.boundingRect()
        self.label.setPos(box.topLeft())
        self.update()

    def set_valid(self, valid: bool, text: str = "") -> None:
        if valid != self.valid:
            self.valid = valid
            self.update()
        self.label.set_text(text)

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-0.2, -0.2, 0.2, 0.2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        s = style()
        painter.setBrush(s.preview_ok if self.valid else s.preview_bad)
        painter.setPen(s.preview_ok_edge if self.valid else s.preview_bad_edge)
        painter.drawPath(self._path)


class RubberBandItem(QGraphicsItem):
    """The selection rectangle while dragging on empty floor."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(200)
        self._rect = QRectF()

    def set_corners(self, a: QPointF, b: QPointF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(a, b).normalized()
        self.update()

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-0.5, -0.5, 0.5, 0.5)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setBrush(style().band_fill)
        painter.setPen(style().band_edge)
        painter.drawRect(self._rect)
