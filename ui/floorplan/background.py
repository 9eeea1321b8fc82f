"""The imported CAD drawing as a locked background under the plan (ui layer).

The outlines and other lines of ``site.drawing`` are painted below the halls, thin and grey. The
walls and columns (obstacles) are painted over the hall floors, darker and columns filled, since
the floors are opaque and a row can never stand on an obstacle. Neither item takes mouse events
or can be selected or moved; the model's drawing changes only by File > Import > Drawing. Paths
are built once per drawing and drawn with cosmetic pens.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from dcplanner.model.drawing import Drawing, DrawingShape

BACKGROUND_Z = -1000.0  # below every hall (halls sit at z 0 with their rows, overlays 100 and 200)
OBSTACLE_Z = 50.0  # over the hall floors, under the overlays


def _pen(colour: str, width_px: float) -> QPen:
    pen = QPen(QColor(colour), width_px)
    pen.setCosmetic(True)
    return pen


def _path(shapes: list[DrawingShape]) -> QPainterPath:
    path = QPainterPath()
    for shape in shapes:
        points = [QPointF(x, y) for x, y in zip(shape.xs_m, shape.ys_m, strict=False)]
        if not points:
            continue
        if len(points) == 1:
            path.addEllipse(points[0], 0.05, 0.05)
            continue
        polygon = QPolygonF(points)
        if shape.closed:
            polygon.append(points[0])
        path.addPolygon(polygon)
    return path


class BackgroundDrawingItem(QGraphicsItem):
    """Every shape of the site's background drawing, locked (no selection, no mouse)."""

    def __init__(self, drawing: Drawing, *, obstacles: bool = False):
        super().__init__()
        self.setZValue(OBSTACLE_Z if obstacles else BACKGROUND_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, False)
        self.setToolTip("")
        kinds = {"column", "wall"} if obstacles else {"outline", "other"}
        shapes = [s for s in drawing.shapes if s.kind in kinds]
        self.shape_count = len(shapes)
        self.lines = _path([s for s in shapes if s.kind in ("outline", "other")])
        self.walls = _path([s for s in shapes if s.kind == "wall"])
        self.columns = _path([s for s in shapes if s.kind == "column"])
        self._bounds = self.lines.boundingRect().united(self.walls.boundingRect()).united(self.columns.boundingRect())
        self._line_pen = _pen("#9e9e9e", 1.0)
        self._wall_pen = _pen("#546e7a", 2.0)
        self._column_pen = _pen("#455a64", 1.0)
        self._column_brush = QBrush(QColor(96, 125, 139, 150))

    def boundingRect(self) -> QRectF:
        return self._bounds.adjusted(-0.1, -0.1, 0.1, 0.1)

    def shape(self) -> QPainterPath:  # takes no clicks: the plan's items answer
        return QPainterPath()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._line_pen)
        painter.drawPath(self.lines)
        painter.setPen(self._wall_pen)
        painter.drawPath(self.walls)
        painter.setPen(self._column_pen)
        painter.setBrush(self._column_brush)
        painter.drawPath(self.columns)


def add_background(scene: QGraphicsScene, drawing: Drawing) -> list[BackgroundDrawingItem]:
    """Put the drawing's lines under the plan of ``scene`` and its obstacles on the floors."""
    items = [BackgroundDrawingItem(drawing, obstacles=flag) for flag in (False, True)]
    items = [item for item in items if item.shape_count]
    for item in items:
        scene.addItem(item)
    return items


def drawing_bounds(drawing: Drawing) -> QRectF | None:
    """The drawing's extent in metres, or None for an empty drawing."""
    xs = [x for s in drawing.shapes for x in s.xs_m]
    ys = [y for s in drawing.shapes for y in s.ys_m]
    if not xs or not ys:
        return None
    return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
