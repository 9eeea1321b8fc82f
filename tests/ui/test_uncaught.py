"""The GUI tests fail on any exception that escapes into Qt's event loop (tests/ui/conftest.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_timer_slot_is_caught_by_the_hook(qtbot, uncaught):
    def boom() -> None:
        raise ValueError("operands could not be broadcast together")

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: bool(uncaught), timeout=2000)
    assert "ValueError: operands could not be broadcast together" in uncaught[0]
    uncaught.clear()  # seen: the teardown check would fail the test otherwise
