"""The engine's undo history with the signals and actions of a QUndoStack (ui layer).

:class:`~dcplanner.model.commands.CommandStack` holds the history and decides merging, the clean
mark and the undo limit; this adapter only turns its state into Qt signals and the Edit menu's
Undo/Redo actions, so the stack the tests drive is the one the window ships.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction

from dcplanner.model.commands import DEFAULT_UNDO_LIMIT, Command, CommandStack, EditedSite
from dcplanner.model.schema import ValidationError


class UndoStack(QObject):
    """A :class:`CommandStack` for one editor, announcing changes like ``QUndoStack`` does."""

    cleanChanged = Signal(bool)
    """The model reached or left the saved state; payload: True when clean."""
    canUndoChanged = Signal(bool)
    canRedoChanged = Signal(bool)
    undoTextChanged = Signal(str)
    redoTextChanged = Signal(str)
    indexChanged = Signal(int)
    refused = Signal(str)
    """A redo the model no longer accepts was dropped; payload: the reason."""

    def __init__(self, editor: EditedSite, parent: QObject | None = None, limit: int = DEFAULT_UNDO_LIMIT):
        super().__init__(parent)
        self.stack = CommandStack(editor, limit)

    def reset(self, editor: EditedSite) -> None:
        """Forget every step and follow ``editor`` (a new or opened site); it starts clean."""
        before = self._state()
        self.stack = CommandStack(editor, self.stack.limit)
        self._announce(before)

    # ---- history
    def push(self, command: Command) -> None:
        """Do ``command`` as one step (or merge it); ValidationError leaves everything as it was."""
        before = self._state()
        self.stack.push(command)
        self._announce(before)

    def undo(self) -> None:
        before = self._state()
        self.stack.undo()
        self._announce(before)

    def redo(self) -> None:
        before, label = self._state(), self.stack.redo_label
        try:
            self.stack.redo()
        except ValidationError as exc:  # the model moved on in a way the step no longer fits
            self.refused.emit(f"cannot redo {label}: " + "; ".join(i.message for i in exc.issues[:2]))
        self._announce(before)

    def clear(self) -> None:
        before = self._state()
        self.stack.clear()
        self._announce(before)

    def setClean(self) -> None:
        before = self._state()
        self.stack.set_clean()
        self._announce(before)

    def resetClean(self) -> None:
        before = self._state()
        self.stack.reset_clean()
        self._announce(before)

    # ---- state, named as on QUndoStack (the window and its tests use these names)
    def isClean(self) -> bool:
        return self.stack.is_clean

    def canUndo(self) -> bool:
        return self.stack.can_undo

    def canRedo(self) -> bool:
        return self.stack.can_redo

    def undoText(self) -> str:
        return self.stack.undo_label

    def redoText(self) -> str:
        return self.stack.redo_label

    def count(self) -> int:
        return self.stack.count

    def index(self) -> int:
        return self.stack.index

    def undoLimit(self) -> int:
        return self.stack.limit

    # ---- Edit menu actions
    def createUndoAction(self, parent: QObject, prefix: str = "") -> QAction:
        """An action that undoes, enabled when there is a step, titled ``prefix`` + the step's label."""
        action = QAction(parent)
        self._follow(action, prefix or "Undo", self.canUndo, self.undoText, self.canUndoChanged, self.undoTextChanged)
        action.triggered.connect(self.undo)
        return action

    def createRedoAction(self, parent: QObject, prefix: str = "") -> QAction:
        action = QAction(parent)
        self._follow(action, prefix or "Redo", self.canRedo, self.redoText, self.canRedoChanged, self.redoTextChanged)
        action.triggered.connect(self.redo)
        return action

    @staticmethod
    def _follow(
        action: QAction,
        prefix: str,
        enabled: Callable[[], bool],
        text: Callable[[], str],
        enabled_changed: SignalInstance,
        text_changed: SignalInstance,
    ) -> None:
        """Keep ``action`` enabled and titled like QUndoStack's own actions ("&Undo Move R2")."""

        def titled(label: str) -> None:
            action.setText(f"{prefix} {label}" if label else prefix)

        action.setEnabled(enabled())
        titled(text())
        enabled_changed.connect(action.setEnabled)
        text_changed.connect(titled)

    # ---- signals from state
    def _state(self) -> tuple[bool, bool, bool, str, str, int]:
        s = self.stack
        return s.is_clean, s.can_undo, s.can_redo, s.undo_label, s.redo_label, s.index

    def _announce(self, before: tuple[bool, bool, bool, str, str, int]) -> None:
        signals = (
            self.cleanChanged,
            self.canUndoChanged,
            self.canRedoChanged,
            self.undoTextChanged,
            self.redoTextChanged,
            self.indexChanged,
        )
        for old, new, signal in zip(before, self._state(), signals, strict=True):
            if old != new:
                signal.emit(new)
