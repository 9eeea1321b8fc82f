"""Crash recovery: a killed app leaves a recovery copy that the next start restores."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dcplanner.io.project_file import load_project
from dcplanner.model.commands import Ref, SetField

ROOT = Path(__file__).resolve().parents[2]
EDITED_NAME = "安顺 after an edit that was never saved"

# The app as a user runs it (window, recovery keeper, a site opened), one edit, then it waits in
# the event loop; it prints the recovery copy's path once written so the test can kill it.
CRASHING_APP = """
import sys
from pathlib import Path
from ui.app import application
app = application()
from dcplanner.model.commands import Ref, SetField
from ui.main_window import MainWindow
from ui.recovery import RecoveryKeeper
win = MainWindow()
win.recovery = RecoveryKeeper(win.document, idle_ms=100)
assert win.open_file(Path(sys.argv[1]), ask=False)
win.show()
win.recovery.written.connect(lambda path: print("recovery", path, flush=True))
win.document.push(SetField([Ref("site", "")], "name", sys.argv[2], label="Rename site"))
app.exec()
"""


def rename(document, name: str) -> None:
    assert document.push(SetField([Ref("site", "")], "name", name, label="Rename site")) is None


def read_line(proc: subprocess.Popen, timeout_s: float) -> str:
    """One line of the child's stdout, or '' when it says nothing within ``timeout_s``."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout_s)
    return proc.stdout.readline() if ready else ""


@pytest.fixture
def user_file(tmp_path, sample_paths) -> Path:
    path = tmp_path / "work" / "anshun.dcp.json"
    path.parent.mkdir()
    shutil.copy(sample_paths["anshun"], path)
    return path


def test_a_killed_app_leaves_a_copy_that_restores_the_edit(window, tmp_path, user_file):
    from ui.recovery import orphaned_copies, restore

    before = user_file.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHING_APP, str(user_file), EDITED_NAME],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = read_line(proc, timeout_s=120)
        assert line.startswith("recovery "), f"no recovery copy written: {line!r} {proc.stderr.read()[-2000:]}"
        copy_path = Path(line.split(" ", 1)[1].strip())
        time.sleep(0.2)  # the app keeps running after the write, as a user's would
        assert proc.poll() is None
    finally:
        proc.send_signal(signal.SIGKILL)  # a crash: no close event, no clean-up
        proc.wait(30)
    folder = tmp_path / "data" / "dcplanner" / "dcplanner" / "recovery"
    assert copy_path.parent == folder  # the application-data folder, never beside the user's file
    assert user_file.read_bytes() == before
    assert sorted(p.name for p in user_file.parent.iterdir()) == ["anshun.dcp.json"]

    copies = orphaned_copies(folder)
    assert [c.path for c in copies] == [copy_path]
    assert copies[0].original_path == user_file.resolve()

    assert restore(window, window.document, copies[0])
    doc = window.document
    assert doc.site.name == EDITED_NAME
    assert load_project(user_file).site.name != EDITED_NAME  # the edit lives only in the window
    assert doc.dirty and doc.path == user_file.resolve()
    assert window.windowTitle().startswith("anshun.dcp.json")
    assert orphaned_copies(folder) == []  # restored once: the copy is gone


def test_keeper_writes_after_edits_pause_and_a_save_removes_the_copy(window, qtbot, tmp_path, user_file):
    from ui.recovery import RecoveryKeeper, orphaned_copies

    folder = tmp_path / "recovery"
    assert window.open_file(user_file, ask=False)
    keeper = RecoveryKeeper(window.document, folder, idle_ms=50)
    assert keeper.write() is None and not folder.exists()  # nothing unsaved: no copy
    with qtbot.waitSignal(keeper.written, timeout=5000):
        rename(window.document, "draft")
    assert keeper.path.exists()
    assert orphaned_copies(folder) == []  # this window is running: its copy is not offered
    window.document.save()
    assert not keeper.path.exists()
    assert load_project(user_file).site.name == "draft"


def test_undo_to_the_saved_state_or_a_clean_close_removes_the_copy(window, qtbot, tmp_path, user_file):
    from ui.recovery import RecoveryKeeper

    assert window.open_file(user_file, ask=False)
    window.recovery = keeper = RecoveryKeeper(window.document, tmp_path / "recovery", idle_ms=50)
    with qtbot.waitSignal(keeper.written, timeout=5000):
        rename(window.document, "draft")
    window.document.undo_stack.undo()
    assert not keeper.path.exists()
    with qtbot.waitSignal(keeper.written, timeout=5000):
        window.document.undo_stack.redo()
    assert keeper.path.exists()
    window.close()  # the fixture discards the changes when asked
    assert not keeper.path.exists()
    assert list((tmp_path / "recovery").glob("*.recovery.json")) == []


def test_offer_restores_discards_or_keeps_for_later(window, qtbot, tmp_path, user_file, monkeypatch):
    from ui.recovery import RecoveryKeeper, offer_recovery, orphaned_copies

    folder = tmp_path / "recovery"
    assert window.open_file(user_file, ask=False)
    keeper = RecoveryKeeper(window.document, folder)
    rename(window.document, "kept for later")
    keeper.write()
    keeper._lock.unlock()  # as if its process had died

    answers = iter([QMessageBox.StandardButton.Ignore, QMessageBox.StandardButton.Discard])
    monkeypatch.setattr(QMessageBox, "exec", lambda self: next(answers))
    assert not offer_recovery(window, window.document, orphaned_copies(folder))  # Later
    assert len(orphaned_copies(folder)) == 1  # still there (its lock goes with the list)
    assert not offer_recovery(window, window.document, orphaned_copies(folder))  # Discard
    assert orphaned_copies(folder) == []
