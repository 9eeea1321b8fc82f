"""The window's undo history is the engine's CommandStack: Edit menu texts, the unsaved mark, merging."""

from __future__ import annotations

from PySide6.QtGui import QAction

from dcplanner.model.commands import CommandStack, MoveRows


def _action(win, name: str) -> QAction:
    action = win.findChild(QAction, name)
    assert action is not None, name
    return action


def test_the_window_ships_the_engine_stack(small):
    assert isinstance(small.document.undo_stack.stack, CommandStack)
    assert small.document.undo_stack.undoLimit() == 500


def test_edit_menu_names_the_step_and_the_title_marks_unsaved_changes(small):
    undo, redo = _action(small, "action_undo"), _action(small, "action_redo")
    assert (undo.text(), undo.isEnabled(), redo.isEnabled()) == ("&Undo", False, False)
    assert not small.isWindowModified()

    assert small.document.push(MoveRows(["R2"], 0.6, 0.0)) is None
    assert (undo.text(), undo.isEnabled()) == ("&Undo Move R2", True)
    assert small.isWindowModified()

    undo.trigger()
    assert small.document.editor.row("R2").x_m == 2.0
    assert (undo.text(), undo.isEnabled()) == ("&Undo", False)
    assert (redo.text(), redo.isEnabled()) == ("&Redo Move R2", True)
    assert not small.isWindowModified()  # back at the state on disk

    redo.trigger()
    assert small.document.editor.row("R2").x_m == 2.6
    assert small.isWindowModified()
    small.document.save()
    assert not small.isWindowModified()


def test_nudges_merge_in_the_window_as_in_the_engine(small):
    doc = small.document
    for dx in (0.6, 0.6):
        doc.push(MoveRows(["R1"], dx, 0.0, merge_key="nudge"))
    assert doc.undo_stack.count() == 1 and doc.editor.row("R1").x_m == 3.2
    doc.push(MoveRows(["R1"], -1.2, 0.0, merge_key="nudge"))  # back where it stood
    assert doc.undo_stack.count() == 0 and not doc.dirty


def test_a_refused_redo_is_announced_and_changes_nothing(small):
    doc = small.document
    heard: list[str] = []
    doc.refused.connect(heard.append)
    doc.push(MoveRows(["R1"], 2.4, 0.0))  # R1 now spans x 4.4 to 7.4 m
    doc.undo_stack.undo()
    doc.editor.hall("H1").width_m = 6.0  # changed behind the history's back: the move no longer fits
    doc.undo_stack.redo()
    assert doc.editor.row("R1").x_m == 2.0
    assert heard and heard[-1].startswith("cannot redo Move R1:") and "outside hall 'H1'" in heard[-1]
    assert not doc.undo_stack.canRedo()
