"""QUndoCommand wrapper around an engine command (ui layer).

The engine command has already been done (and checked) when it is pushed, so the first
``redo`` that QUndoStack calls on push does nothing. Merging is delegated to the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtGui import QUndoCommand

from dcplanner.model.commands import Command, SiteEditor
from dcplanner.model.schema import ValidationError

_MERGE_IDS: dict[Hashable, int] = {}


def _merge_id(key: Hashable | None) -> int:
    if key is None:
        return -1
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


class UndoCommand(QUndoCommand):
    """One engine command on the QUndoStack; ``on_error`` hears about a redo the model refused."""

    def __init__(self, command: Command, editor: SiteEditor, on_error: Callable[[str], None] | None = None):
        super().__init__(command.label)
        self.command = command
        self.editor = editor
        self._on_error = on_error
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        try:
            self.command.do(self.editor)
        except ValidationError as exc:  # the model moved on in a way the step no longer fits
            self.setObsolete(True)
            if self._on_error:
                reason = "; ".join(i.message for i in exc.issues[:2])
                self._on_error(f"cannot redo {self.command.label}: {reason}")

    def undo(self) -> None:
        self.command.undo(self.editor)

    def id(self) -> int:
        return _merge_id(self.command.merge_key())

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoCommand) or other.command.merge_key() != self.command.merge_key():
            return False
        if not self.command.merge(other.command):
            return False
        self.setText(self.command.label)
        if self.command.obsolete:
            self.setObsolete(True)
        return True
