"""Zoomable, pannable view of the floor plan; hands mouse gestures to the active tool (ui layer).

Wheel zooms around the cursor; the middle button, or the left button with Space held, pans.
Scene units are metres.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QLabel, QToolTip, QWidget

from ui.floorplan.scene import FloorPlanScene

if TYPE_CHECKING:
    from ui.floorplan.tools import Tool

MIN_PX_PER_M = 0.3
MAX_PX_PER_M = 3000.0
ZOOM_STEP = 1.2  # per wheel notch (120 eighths of a degree)
OVERLAY_GAP_PX = 6  # between the fitted plan and an overlay (legend) it keeps clear of


def _beside(area: QRectF, box: QRectF) -> list[QRectF]:
    """The parts of ``area`` left, right, above and below ``box`` (``area`` itself if apart)."""
    if not area.intersects(box):
        return [area]
    parts = [
        QRectF(area.left(), area.top(), box.left() - area.left(), area.height()),
        QRectF(box.right(), area.top(), area.right() - box.right(), area.height()),
        QRectF(area.left(), area.top(), area.width(), box.top() - area.top()),
        QRectF(area.left(), box.bottom(), area.width(), area.bottom() - box.bottom()),
    ]
    return [p for p in parts if p.width() > 40 and p.height() > 40]


class NoticeOverlay(QLabel):
    """A short message floating over the top of the plan (refused edits, hints); fades by timer."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMargin(8)
        self.hide()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.hide)

    def show_message(self, text: str, kind: str = "error", seconds: float = 6.0) -> None:
        colours = {"error": ("#b71c1c", "#ffffff"), "info": ("#263238", "#ffffff")}
        background, foreground = colours.get(kind, colours["info"])
        self.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; border-radius: 6px; }}")
        self.setText(text)
        self.place()
        self.show()
        self.raise_()
        self._timer.start(int(seconds * 1000))

    def place(self) -> None:
        parent = self.parentWidget()
        width = min(720, max(parent.width() - 40, 120))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, 12)


class FloorPlanView(QGraphicsView):
    """The plan on screen."""

    zoom_changed = Signal(float)
    """The zoom changed; payload: screen pixels per metre."""
    cursor_moved = Signal(object)
    """The mouse moved over the plan; payload: QPointF in site metres."""
    nudge_requested = Signal(int, int)
    """An arrow key was pressed; payload: steps right and down (5 with Shift)."""
    escape_pressed = Signal()
    """Escape was pressed with no gesture to cancel; payload: none."""

    def __init__(self, scene: FloorPlanScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setBackgroundBrush(QColor("#dfe3e6"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tool: Tool | None = None
        self._pan_from: QPoint | None = None
        self._space = False
        self.notice = NoticeOverlay(self)

    @property
    def plan(self) -> FloorPlanScene:
        return self.scene()  # type: ignore[return-value]

    # ---- zoom
    def px_per_m(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        """Show every hall with a margin and room for the hall titles, clear of the legend."""
        area = self.plan.site_bounds()
        pad = 0.04 * max(area.width(), area.height(), 10.0)
        target = area.adjusted(-pad, -pad, pad, pad)
        viewport = QRectF(self.viewport().rect())
        if viewport.width() < 2 or viewport.height() < 2:
            return
        rect, free, scale = target, viewport, 0.0
        for _ in range(3):  # the titles' height in metres depends on the zoom, and wraps with it
            title_m = self.plan.title_height_px() / scale if scale else 2.0
            rect = target.adjusted(0, -title_m, 0, 0)
            free, scale = max(
                ((f, min(f.width() / rect.width(), f.height() / rect.height())) for f in self._clear_areas(viewport)),
                key=lambda pair: pair[1],
            )
            self.plan.set_view_scale(scale)
        self.resetTransform()
        self.scale(scale, scale)
        shift = (viewport.center() - free.center()) / scale
        self.centerOn(rect.center() + shift)
        self._zoomed()

    def _clear_areas(self, viewport: QRectF) -> list[QRectF]:
        """The viewport, and the viewport beside or above each overlay that keeps the plan clear
        (the legend): the fit takes whichever shows the plan largest."""
        areas = [viewport]
        for overlay in self.findChildren(QWidget):
            if not getattr(overlay, "keeps_plan_clear", False) or not overlay.isVisible():
                continue
            box = QRectF(overlay.geometry()).adjusted(-OVERLAY_GAP_PX, -OVERLAY_GAP_PX, OVERLAY_GAP_PX, OVERLAY_GAP_PX)
            areas = [a for base in areas for a in _beside(base, box)] or areas
        return areas

    def show_rect(self, rect: QRectF) -> None:
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._zoomed()

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Scale by ``factor`` keeping the scene point under ``anchor`` (viewport pixels) in place."""
        current = self.px_per_m()
        factor = max(min(factor, MAX_PX_PER_M / current), MIN_PX_PER_M / current)
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        before = self.mapToScene(anchor)
        self.scale(factor, factor)
        after = self.mapFromScene(before)
        delta = after - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        self._zoomed()

    def _zoomed(self) -> None:
        self.plan.set_view_scale(self.px_per_m())
        self.zoom_changed.emit(self.px_per_m())

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120.0
        if notches:
            self.zoom_by(ZOOM_STEP**notches, event.position().toPoint())
        event.accept()

    # ---- mouse
    def set_tool(self, tool: Tool) -> None:
        if self.tool is not None:
            self.tool.cancel()
        self.tool = tool
        self.viewport().setCursor(tool.cursor)

    def _start_pan(self, event: QMouseEvent) -> bool:
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return True
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        if self._start_pan(event):
            event.accept()
            return
        if self.tool is not None:
            self.tool.press(event, self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
        elif self.tool is not None:
            self.tool.move(event, pos)
        self.cursor_moved.emit(pos)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else self._tool_cursor())
        elif self.tool is not None:
            self.tool.release(event, self.mapToScene(event.position().toPoint()))
            self.viewport().update()  # wipe what a gesture's overlays left
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.tool is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tool.double_click(event, self.mapToScene(event.position().toPoint()))
        event.accept()

    def _tool_cursor(self) -> Qt.CursorShape:
        return self.tool.cursor if self.tool is not None else Qt.CursorShape.ArrowCursor

    # ---- keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        steps = 5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
        arrows = {
            Qt.Key.Key_Left: (-steps, 0),
            Qt.Key.Key_Right: (steps, 0),
            Qt.Key.Key_Up: (0, -steps),
            Qt.Key.Key_Down: (0, steps),
        }
        if key in arrows:
            self.nudge_requested.emit(*arrows[key])
            return
        if key == Qt.Key.Key_Escape:
            if self.tool is None or not self.tool.cancel():
                self.escape_pressed.emit()
            self.viewport().update()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(self._tool_cursor())
            return
        super().keyReleaseEvent(event)

    # ---- tooltips and overlays
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            text = self.plan.tooltip_at(self.mapToScene(pos))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.notice.isVisible():
            self.notice.place()
        for child in self.findChildren(QWidget):
            place = getattr(child, "place", None)
            if child is not self.notice and callable(place) and child.isVisible():
                place()
