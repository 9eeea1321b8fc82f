"""The edit command protocol and the undo history (engine layer).

Every change a user makes is a :class:`Command`. ``do`` first checks the proposed change
(``check``) and raises :class:`ValidationError` naming the field, the allowed range or the rows
in the way; only then does it change the model (``apply``) and announce one ``SiteChange``.
``undo`` puts back the exact values that were there (stored, never recomputed), so undoing every
step gives the same document, byte for byte.

:class:`CommandStack` is the one undo history: the tests drive it and the GUI wraps it
(``ui/undo.py``). Merging consecutive edits into one step is decided here and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Sequence
from typing import Any

from dcplanner.model.edited_site import EditedSite
from dcplanner.model.schema import ValidationError, to_dict

DEFAULT_UNDO_LIMIT = 500
"""Undo steps kept; the oldest step is forgotten beyond this. A step holds references to the values
it replaced (a deleted hall keeps its rows), so the limit bounds memory; 500 is far more than a
planning session undoes in one go (0 keeps every step)."""


def unchanged(before: Any, after: Any) -> bool:
    """True when two field values save alike (same JSON text), so a step between them changes nothing.

    Stricter than ``==``: ``-0.0`` and ``0.0``, or ``1`` and ``True``, differ in the file.
    """
    return _json(before) == _json(after)


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), sort_keys=True, default=repr)


class Command:
    """One undoable edit. Subclasses implement ``check`` (no side effects), ``apply`` and ``undo``."""

    label: str = ""

    def do(self, editor: EditedSite) -> None:
        """Check, then change the model; raises ValidationError and changes nothing if refused."""
        self.check(editor)
        self.apply(editor)

    def check(self, editor: EditedSite) -> None:
        """Raise ValidationError if the edit cannot be made on the model as it is now."""

    def apply(self, editor: EditedSite) -> None:
        raise NotImplementedError

    def undo(self, editor: EditedSite) -> None:
        raise NotImplementedError

    def merge_key(self) -> Hashable | None:
        """Commands with equal, non-None keys pushed in a row may merge into one step."""
        return None

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (already done) into this command; False if it cannot."""
        return False

    @property
    def obsolete(self) -> bool:
        """True when the command, done (and merged), left the model exactly as it found it."""
        return False


class Macro(Command):
    """Several commands done and undone as one step; a refused part undoes the parts before it."""

    def __init__(self, label: str, commands: Sequence[Command]):
        self.label = label
        self.commands = list(commands)

    def do(self, editor: EditedSite) -> None:
        done: list[Command] = []
        with editor.changed.blocker():
            try:
                for cmd in self.commands:
                    cmd.do(editor)
                    done.append(cmd)
            except ValidationError:
                for cmd in reversed(done):
                    cmd.undo(editor)
                raise

    def undo(self, editor: EditedSite) -> None:
        with editor.changed.blocker():
            for cmd in reversed(self.commands):
                cmd.undo(editor)


class CommandStack:
    """Undo/redo history of one editor, with merging, a clean (saved) mark and an undo limit."""

    def __init__(self, editor: EditedSite, limit: int = DEFAULT_UNDO_LIMIT):
        if limit < 0:
            raise ValueError(f"undo limit {limit} is negative; use 0 for no limit")
        self.editor = editor
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean: int | None = 0  # len(_done) at the clean mark; None when no state is clean

    def push(self, cmd: Command) -> Command:
        """Do ``cmd`` and record it, or merge it into the last step; returns the step now on top.

        Raises ValidationError, with the model and the history as they were, if ``cmd`` is refused.
        A merged step that leaves the model as it was before the step is dropped.
        """
        cmd.do(self.editor)
        self._undone.clear()
        self._forget_unreachable_clean()
        top = self._done[-1] if self._done else None
        key = cmd.merge_key()
        if (
            top is not None
            and key is not None
            and key == top.merge_key()
            and self._clean != len(self._done)  # the saved state stays a step of its own
            and top.merge(cmd)
        ):
            if top.obsolete:
                self._done.pop()  # the model already is where the step started
            return top
        self._done.append(cmd)
        if self.limit and len(self._done) > self.limit:
            self._done.pop(0)
            self._clean = None if self._clean in (None, 0) else self._clean - 1
        return cmd

    def undo(self) -> Command | None:
        """Undo the last step; None if there is none."""
        if not self._done:
            return None
        cmd = self._done.pop()
        cmd.undo(self.editor)
        self._undone.append(cmd)
        return cmd

    def redo(self) -> Command | None:
        """Redo the last undone step; None if there is none.

        If the model refuses it (ValidationError, nothing changed), that step and the ones undone
        after it are forgotten and the error is raised.
        """
        if not self._undone:
            return None
        cmd = self._undone.pop()
        try:
            cmd.do(self.editor)
        except ValidationError:
            self._undone.clear()
            self._forget_unreachable_clean()
            raise
        self._done.append(cmd)
        return cmd

    def clear(self) -> None:
        """Forget every step; the model as it is now is clean."""
        self._done.clear()
        self._undone.clear()
        self._clean = 0

    def _forget_unreachable_clean(self) -> None:
        if self._clean is not None and self._clean > len(self._done) + len(self._undone):
            self._clean = None

    @property
    def count(self) -> int:
        """Steps held, done and undone."""
        return len(self._done) + len(self._undone)

    @property
    def index(self) -> int:
        """Steps done (the position in the history)."""
        return len(self._done)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def set_clean(self) -> None:
        """Mark the model as it is now as saved."""
        self._clean = len(self._done)

    def reset_clean(self) -> None:
        """No state is the saved one (e.g. a recovered site that was never saved): every state is unsaved."""
        self._clean = None

    @property
    def is_clean(self) -> bool:
        return self._clean == len(self._done)
