"""Fixtures for the desktop-app tests: an isolated settings file and a shown main window."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from dcplanner.io.project_file import save_project
from dcplanner.model.site import Site
from tests.factories import small_site


@pytest.fixture(autouse=True)
def uncaught(monkeypatch):
    """Fail the test when any exception escapes into Qt's event loop (a slot, a timer, a paint):
    in the app it would print a traceback and leave a view half-updated. (pytest-qt fails on
    them too while a test body runs; this hook holds for the whole test, set-up and teardown.)
    Yields the list of tracebacks caught so far."""
    caught: list[str] = []

    def hook(kind, value, tb):
        caught.append("".join(traceback.format_exception(kind, value, tb)))

    monkeypatch.setattr(sys, "excepthook", hook)
    yield caught
    assert not caught, "uncaught exception in a Qt callback:\n" + "\n".join(caught)


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp):
    """Leave no QMimeData on the clipboard: Qt would free it after the application at exit."""
    yield
    qapp.clipboard().clear()


@pytest.fixture
def settings(tmp_path):
    from ui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings):
    from ui.main_window import MainWindow

    win = MainWindow(settings, restore_layout=False)
    # closing at teardown must not wait on a "save changes?" box
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_site(win, site: Site, path: Path) -> None:
    save_project(site, path)
    assert win.open_file(path, ask=False)
    win.view.fit()


@pytest.fixture
def small(window, tmp_path):
    """The window showing tests/factories.small_site (hall 10 x 8 m, rows R1 and R2)."""
    open_site(window, small_site(), tmp_path / "small.dcp.json")
    return window


class Mouse:
    """Mouse gestures on the plan in site metres."""

    def __init__(self, win):
        self.view = win.view

    def at(self, x: float, y: float):
        return self.view.mapFromScene(QPointF(x, y))

    def click(self, x: float, y: float, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, modifier, self.at(x, y))

    def drag(self, start: tuple[float, float], end: tuple[float, float], modifier=Qt.KeyboardModifier.NoModifier):
        vp = self.view.viewport()
        a, b = self.at(*start), self.at(*end)
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, modifier, a)
        for k in range(1, 6):  # a few intermediate moves, as a hand would make
            QTest.mouseMove(vp, a + (b - a) * k / 5)
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, b)


@pytest.fixture
def mouse(window):
    return Mouse(window)
