"""Floor-plan tools: state objects that turn mouse gestures into one command each (ui layer).

The view hands every press, move and release to the active tool (Orange canvas's
``UserInteraction`` pattern). During a gesture only an outline moves; on release the tool asks
the engine (:mod:`dcplanner.model.placement`) where things go and pushes one command, so a drag
of 40 cabinets is one undo step. A refused gesture shows the engine's reason and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPainterPath

from dcplanner.model.commands import AddHall, AddRows, Command, MoveCabinets
from dcplanner.model.geometry import hall_rect, slot_rect
from dcplanner.model.placement import (
    cabinet_move_changes,
    plan_cabinet_move,
    plan_hall_move,
    plan_row_move,
    propose_hall,
    propose_row,
)
from dcplanner.model.schema import ValidationError
from ui.document import DocumentController
from ui.floorplan.items import OutlineItem, RubberBandItem, qrect
from ui.floorplan.scene import FloorPlanScene
from ui.selection import Selection

DRAG_START_PX = 4


@dataclass(slots=True)
class ToolOptions:
    """What the drawing tools create: cabinet type, design power and phase of new cabinets."""

    cabinet_type_id: str = "std-600x1200-47u"
    design_kw: float = 10.0
    phase_id: str | None = None


@dataclass(slots=True)
class ToolContext:
    """What a tool may use: the scene, the document, the selection and ways to speak up."""

    scene: FloorPlanScene
    document: DocumentController
    selection: Selection
    options: ToolOptions
    notify: Callable[[str], None]  # a visible message over the plan
    status: Callable[[str], None]  # a transient status-bar message


def first_reason(exc: ValidationError) -> str:
    """The first issue's message, without its path (for overlays)."""
    return exc.issues[0].message if exc.issues else str(exc)


class Tool:
    """Base tool: ignores everything. ``cancel`` returns True if it stopped a gesture."""

    key = ""
    title = ""
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, ctx: ToolContext):
        self.ctx = ctx

    def press(self, event: QMouseEvent, pos: QPointF) -> None: ...

    def move(self, event: QMouseEvent, pos: QPointF) -> None: ...

    def release(self, event: QMouseEvent, pos: QPointF) -> None: ...

    def double_click(self, event: QMouseEvent, pos: QPointF) -> None: ...

    def cancel(self) -> bool:
        return False

    def _push(self, command: Command) -> bool:
        if self.ctx.document.push(command) is not None:
            return False
        self.ctx.status(command.label)
        return True


class _Preview:
    """An outline item that lives for one gesture."""

    def __init__(self, scene: FloorPlanScene, path: QPainterPath):
        self.scene = scene
        self.item = OutlineItem()
        self.item.set_path(path)
        scene.addItem(self.item)

    def show(self, offset: tuple[float, float], valid: bool, text: str) -> None:
        self.item.setPos(*offset)
        self.item.set_valid(valid, text)

    def close(self) -> None:
        self.scene.removeItem(self.item)


class SelectTool(Tool):
    """Click, shift-click and rubber-band selection; dragging the selection moves it."""

    key = "select"
    title = "Select"

    def __init__(self, ctx: ToolContext):
        super().__init__(ctx)
        self._reset()

    def _reset(self) -> None:
        self._mode = ""  # "", "item", "hall", "empty", "moving", "band"
        self._press: QPointF | None = None
        self._press_px: QPointF | None = None
        self._hit = None
        self._toggle = False
        self._preview: _Preview | None = None
        self._band: RubberBandItem | None = None
        self._moving: tuple[str, list[str]] | None = None
        self._command: Command | None = None
        self._changes = False  # does the planned move change anything (the engine's answer)
        self._reason = ""

    # ---- press / move / release
    def press(self, event: QMouseEvent, pos: QPointF) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        sel, scene = self.ctx.selection, self.ctx.scene
        self._reset()
        self._press, self._press_px = pos, event.position()
        self._toggle = bool(
            event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        )
        self._hit = hit = scene.hit(pos)
        if hit is None:
            self._mode = "empty"
        elif hit.kind == "hall":
            self._mode = "hall"
        else:
            kind, ident = ("cabinet", hit.id) if hit.kind == "cabinet" else ("row", hit.row_id or hit.id)
            if self._toggle:
                sel.toggle(kind, ident)
                self._mode = ""
                return
            inside_selected_row = kind == "cabinet" and hit.row_id in sel.rows
            if not (sel.contains(kind, ident) or inside_selected_row):
                sel.set(**{f"{kind}s": [ident]})  # type: ignore[arg-type]
            self._mode = "item"

    def move(self, event: QMouseEvent, pos: QPointF) -> None:
        if not self._mode or self._press is None or self._press_px is None:
            return
        if self._mode in ("item", "hall", "empty"):
            if (event.position() - self._press_px).manhattanLength() < DRAG_START_PX:
                return
            hall_selected = self._hit is not None and self.ctx.selection.contains("hall", self._hit.id)
            if self._mode == "item" or (self._mode == "hall" and hall_selected and not self._toggle):
                self._start_move()
            else:
                self._start_band()
        if self._mode == "moving":
            self._update_move(pos)
        elif self._mode == "band" and self._band is not None:
            self._band.set_corners(self._press, pos)

    def release(self, event: QMouseEvent, pos: QPointF) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        mode, sel = self._mode, self.ctx.selection
        if mode == "moving":
            self._update_move(pos)
            self._finish_move()
        elif mode == "band" and self._band is not None:
            halls, rows, cabinets = self.ctx.scene.items_in(self._band.rect())
            self.ctx.scene.removeItem(self._band)
            if self._toggle:
                sel.extend(halls, rows, cabinets)
            else:
                sel.set(halls, rows, cabinets)
        elif mode == "hall" and self._hit is not None:
            if self._toggle:
                sel.toggle("hall", self._hit.id)
            else:
                sel.set(halls=[self._hit.id])
        elif mode == "empty" and not self._toggle:
            sel.clear()
        self._reset()

    def double_click(self, event: QMouseEvent, pos: QPointF) -> None:
        hit = self.ctx.scene.hit(pos)
        if hit is not None and hit.row_id is not None:
            self.ctx.selection.set(rows=[hit.row_id])

    def cancel(self) -> bool:
        active = self._mode in ("moving", "band")
        if self._preview is not None:
            self._preview.close()
        if self._band is not None:
            self.ctx.scene.removeItem(self._band)
        self._reset()
        return active

    # ---- rubber band
    def _start_band(self) -> None:
        self._mode = "band"
        self._band = RubberBandItem()
        self.ctx.scene.addItem(self._band)

    # ---- moving the selection
    def _start_move(self) -> None:
        sel, scene = self.ctx.selection, self.ctx.scene
        if sel.rows:
            kind, ids = "row", sorted(sel.rows)
        elif sel.cabinets:
            kind, ids = "cabinet", sorted(sel.cabinets)
        elif sel.halls:
            kind, ids = "hall", sorted(sel.halls)
        else:
            self._mode = ""
            return
        path = QPainterPath()
        for ident in ids:
            path.addRect(scene.scene_rect_of(kind, ident))
        self._moving = (kind, ids)
        self._preview = _Preview(scene, path)
        self._mode = "moving"

    def _update_move(self, pos: QPointF) -> None:
        assert self._moving is not None and self._press is not None and self._preview is not None
        kind, ids = self._moving
        ed = self.ctx.document.editor
        dx, dy = pos.x() - self._press.x(), pos.y() - self._press.y()
        self._command, self._changes, self._reason = None, False, ""
        try:
            command: Command
            if kind == "cabinet":
                placements = plan_cabinet_move(ed, ids, dx, dy)
                command, changes = MoveCabinets(placements), cabinet_move_changes(ed, placements)
            else:
                plan = (plan_row_move if kind == "row" else plan_hall_move)(ed, ids, dx, dy)
                dx, dy = plan.dx_m, plan.dy_m
                command, changes = plan.command(), plan.changes
            command.check(ed)
            self._command, self._changes = command, changes
        except ValidationError as exc:
            self._reason = first_reason(exc)
        text = self._command.label if self._command else self._reason
        self._preview.show((dx, dy), self._command is not None, text)

    def _finish_move(self) -> None:
        if self._preview is not None:
            self._preview.close()
        if self._command is None:
            if self._reason:
                self.ctx.notify(f"Move refused: {self._reason}")
            return
        if self._changes:
            self._push(self._command)


class _PlaceTool(Tool):
    """A drag that places one new item: an outline while dragging, one command on release."""

    cursor = Qt.CursorShape.CrossCursor
    noun = ""

    def __init__(self, ctx: ToolContext):
        super().__init__(ctx)
        self._origin: QPointF | None = None
        self._preview: _Preview | None = None
        self._command: Command | None = None
        self._reason = ""

    # ---- what a subclass says
    def _begin(self, pos: QPointF) -> bool:
        """May a drag start here? (False after telling the user why not.)"""
        return True

    def _propose(self, pos: QPointF) -> tuple[Command, QPainterPath, str]:
        """The command the drag so far would push, its outline and a caption."""
        raise NotImplementedError

    def _select(self, command: Command) -> None:
        """Select what the pushed command made."""

    # ---- the gesture
    def press(self, event: QMouseEvent, pos: QPointF) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._begin(pos):
            self._origin = pos
            self._update(pos)

    def move(self, event: QMouseEvent, pos: QPointF) -> None:
        if self._origin is not None:
            self._update(pos)

    def _update(self, pos: QPointF) -> None:
        self._command, self._reason = None, ""
        try:
            command, path, text = self._propose(pos)
        except ValidationError as exc:
            self._reason = first_reason(exc)
            return
        if self._preview is not None:
            self._preview.close()
        self._preview = _Preview(self.ctx.scene, path)
        try:
            command.check(self.ctx.document.editor)
            self._command = command
        except ValidationError as exc:
            self._reason = text = first_reason(exc)
        self._preview.show((0.0, 0.0), self._command is not None, text)

    def release(self, event: QMouseEvent, pos: QPointF) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._origin is None:
            return
        self._update(pos)
        command, reason = self._command, self._reason
        self.cancel()
        if command is None:
            self.ctx.notify(f"{self.noun} refused: {reason}")
        elif self._push(command):
            self._select(command)

    def cancel(self) -> bool:
        active = self._origin is not None
        if self._preview is not None:
            self._preview.close()
            self._preview = None
        self._origin, self._command = None, None
        return active


class DrawRowTool(_PlaceTool):
    """Drag inside a hall to draw a row; it snaps to the tiles and fills with whole cabinets."""

    key = "row"
    title = "Draw Row"
    noun = "Row"

    def __init__(self, ctx: ToolContext):
        super().__init__(ctx)
        self._hall_id = ""
        self._start = (0.0, 0.0)

    def _begin(self, pos: QPointF) -> bool:
        hall = self.ctx.scene.hall_at(pos)
        if hall is None:
            self.ctx.notify("Start a row inside a hall (add one with the Hall tool).")
            return False
        self._hall_id, self._start = hall.id, self.ctx.scene.to_hall(hall, pos)
        return True

    def _propose(self, pos: QPointF) -> tuple[Command, QPainterPath, str]:
        ed, opts = self.ctx.document.editor, self.ctx.options
        hall = ed.hall(self._hall_id)
        end = self.ctx.scene.to_hall(hall, pos)
        row = propose_row(ed, hall.id, self._start, end, opts.cabinet_type_id, opts.design_kw, opts.phase_id)
        pitch, depth = ed.slot_size(row)
        path = QPainterPath()
        for k in range(row.positions):
            path.addRect(qrect(slot_rect(row, k, pitch, depth).translated(hall.x_m, hall.y_m)))
        command = AddRows(hall.id, [row], f"Draw row {row.id} ({row.positions} cabinets)")
        return command, path, f"{row.id}: {row.positions} cabinets, {row.positions * pitch:g} m"

    def _select(self, command: Command) -> None:
        assert isinstance(command, AddRows)
        self.ctx.selection.set(rows=[command.rows[0].id])


class AddHallTool(_PlaceTool):
    """Drag a rectangle on free ground to add an empty hall (snapped to 0.6 m tiles)."""

    key = "hall"
    title = "Add Hall"
    noun = "Hall"

    def _propose(self, pos: QPointF) -> tuple[Command, QPainterPath, str]:
        assert self._origin is not None
        origin = self._origin
        hall = propose_hall(self.ctx.document.editor, origin.x(), origin.y(), pos.x(), pos.y())
        path = QPainterPath()
        path.addRect(qrect(hall_rect(hall)))
        return AddHall(hall), path, f"{hall.id}: {hall.width_m:g} × {hall.depth_m:g} m"

    def _select(self, command: Command) -> None:
        assert isinstance(command, AddHall)
        self.ctx.selection.set(halls=[command.hall.id])


TOOLS: tuple[type[Tool], ...] = (SelectTool, DrawRowTool, AddHallTool)
