"""Edit-menu operations on the selection: clipboard, duplicate, delete, rotate, array, nudge (ui layer).

Each asks the engine for the command (``dcplanner.model.placement`` / ``clipboard``), pushes it
as one undo step and selects what it made. Refusals are announced by the document.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from dcplanner.model.clipboard import CLIPBOARD_FORMAT, copy_selection, paste
from dcplanner.model.commands import (
    AddCabinets,
    AddHall,
    AddRows,
    Command,
    Delete,
    Macro,
    MoveCabinets,
    RotateRows,
)
from dcplanner.model.placement import (
    array_rows,
    default_array_pitch_m,
    duplicate_cabinets,
    duplicate_rows,
    plan_hall_nudge,
    plan_row_nudge,
    shift_cabinets,
)
from dcplanner.model.schema import ValidationError
from ui.document import DocumentController
from ui.selection import Selection

MIME_TYPE = "application/x-dcplanner+json"


def created_ids(command: Command) -> tuple[list[str], list[str], list[str]]:
    """(halls, rows, cabinets) that an add/paste/duplicate command creates."""
    if isinstance(command, Macro):
        parts = [created_ids(c) for c in command.commands]
        return tuple(list(itertools.chain.from_iterable(p[k] for p in parts)) for k in range(3))  # type: ignore[return-value]
    if isinstance(command, AddHall):
        return [command.hall.id], [], []
    if isinstance(command, AddRows):
        return [], [r.id for r in command.rows], []
    if isinstance(command, AddCabinets):
        return [], [], [c.id for c in command.cabinets]
    return [], [], []


class ArrayDialog(QDialog):
    """Copies, pitch and mirroring for Array Rows."""

    def __init__(self, pitch_m: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Array Rows")
        form = QFormLayout(self)
        self.copies = QSpinBox(minimum=1, maximum=100, value=3)
        self.pitch = QDoubleSpinBox(
            minimum=-100.0, maximum=100.0, decimals=2, singleStep=0.6, value=pitch_m, suffix=" m"
        )
        self.pitch.setToolTip("Centre-to-centre step across the row; negative places the copies above or left")
        self.mirror = QCheckBox("Alternate hot-aisle sides (pairs of rows share aisles)")
        self.mirror.setChecked(True)
        form.addRow("Copies", self.copies)
        form.addRow("Pitch", self.pitch)
        form.addRow(self.mirror)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class EditOperations(QObject):
    """The Edit menu's work; ``notify`` shows a message over the plan."""

    def __init__(
        self,
        document: DocumentController,
        selection: Selection,
        notify: Callable[[str], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.document, self.selection, self.notify = document, selection, notify
        self._nudges = itertools.count(1)
        self._nudge_session = next(self._nudges)
        selection.changed.connect(self._new_nudge_session)

    @property
    def editor(self):
        return self.document.editor

    def _new_nudge_session(self) -> None:
        self._nudge_session = next(self._nudges)

    def _push_and_select(self, command: Command) -> bool:
        if self.document.push(command) is not None:
            return False
        halls, rows, cabinets = created_ids(command)
        if halls or rows or cabinets:
            self.selection.set(halls, rows, cabinets)
        return True

    def _plan(self, make: Callable[[], Command]) -> Command | None:
        try:
            return make()
        except ValidationError as exc:
            self.notify(exc.issues[0].message if exc.issues else str(exc))
            return None

    # ---- clipboard
    def copy(self) -> bool:
        sel = self.selection
        if sel.empty:
            return False
        payload = copy_selection(self.editor, sorted(sel.halls), sorted(sel.rows), sorted(sel.cabinets))
        text = json.dumps(payload, ensure_ascii=False)
        mime = QMimeData()
        mime.setData(MIME_TYPE, text.encode("utf-8"))
        mime.setText(text)
        QApplication.clipboard().setMimeData(mime)
        return True

    def cut(self) -> None:
        if self.copy():
            sel = self.selection
            command = Delete(sel.halls, sel.rows, sel.cabinets)
            command.label = command.label.replace("Delete", "Cut", 1)
            self.document.push(command)

    def clipboard_payload(self) -> object | None:
        mime = QApplication.clipboard().mimeData()
        raw = bytes(mime.data(MIME_TYPE)).decode("utf-8") if mime.hasFormat(MIME_TYPE) else mime.text()
        try:
            payload = json.loads(raw)
        except (json.JSONDecodeError, TypeError):
            return None
        return payload if isinstance(payload, dict) and payload.get("format") == CLIPBOARD_FORMAT else None

    def paste(self) -> None:
        payload = self.clipboard_payload()
        if payload is None:
            self.notify("The clipboard holds no dcplanner halls, rows or cabinets.")
            return
        ed, sel = self.editor, self.selection
        hall_id = next(iter(sorted(sel.halls)), None)
        row_id = next(iter(sorted(sel.rows)), None)
        if row_id is None and sel.cabinets:
            row_id = ed.row_of_cabinet(sorted(sel.cabinets)[0]).id
        if hall_id is None and row_id is not None:
            hall_id = ed.hall_of_row(row_id).id
        command = self._plan(lambda: paste(ed, payload, hall_id, row_id))
        if command is not None:
            self._push_and_select(command)

    # ---- structure
    def duplicate(self) -> None:
        sel, ed = self.selection, self.editor
        if sel.rows:
            command = self._plan(lambda: duplicate_rows(ed, sorted(sel.rows)))
        elif sel.cabinets:
            command = self._plan(lambda: duplicate_cabinets(ed, sorted(sel.cabinets)))
        elif sel.halls:
            command = self._plan(lambda: paste(ed, copy_selection(ed, halls=sorted(sel.halls))))
        else:
            return
        if command is not None:
            command.label = command.label.replace("Paste", "Duplicate", 1)
            self._push_and_select(command)

    def delete(self) -> None:
        sel = self.selection
        if not sel.empty:
            self.document.push(Delete(sel.halls, sel.rows, sel.cabinets))

    def select_all(self) -> None:
        self.selection.set(cabinets=self.editor.ids("cabinet"))

    def select_rows(self) -> None:
        """Select the rows of the selected cabinets (and keep selected rows)."""
        ed, sel = self.editor, self.selection
        rows = set(sel.rows) | {ed.row_of_cabinet(c).id for c in sel.cabinets}
        self.selection.set(rows=rows)

    def rows_in_scope(self) -> list[str]:
        ed, sel = self.editor, self.selection
        return sorted(set(sel.rows) | {ed.row_of_cabinet(c).id for c in sel.cabinets})

    def rotate(self) -> None:
        rows = self.rows_in_scope()
        if not rows:
            self.notify("Select rows (or cabinets in them) to rotate.")
            return
        self.document.push(RotateRows(rows))

    def array(self, parent: QWidget | None = None) -> None:
        rows = self.rows_in_scope()
        if len(rows) != 1:
            self.notify("Select one row to array.")
            return
        dialog = ArrayDialog(default_array_pitch_m(self.editor, rows[0]), parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.array_row(rows[0], dialog.copies.value(), dialog.pitch.value(), dialog.mirror.isChecked())

    def array_row(self, row_id: str, copies: int, pitch_m: float, mirror: bool) -> bool:
        command = self._plan(lambda: array_rows(self.editor, row_id, copies, pitch_m, mirror))
        return command is not None and self._push_and_select(command)

    def nudge(self, dx_steps: int, dy_steps: int) -> None:
        """Arrow keys: rows and halls by floor tiles, cabinets by slots along their rows."""
        sel, ed = self.selection, self.editor
        key = ("nudge", self._nudge_session)
        if sel.rows:
            self.document.push(plan_row_nudge(ed, sel.rows, dx_steps, dy_steps).command(merge_key=key))
        elif sel.cabinets:
            command = self._plan(
                lambda: MoveCabinets(shift_cabinets(ed, sorted(sel.cabinets), dx_steps, dy_steps), merge_key=key)
            )
            if command is not None:
                self.document.push(command)
        elif sel.halls:
            self.document.push(plan_hall_nudge(ed, sel.halls, dx_steps, dy_steps).command(merge_key=key))
