"""The running QApplication with dcplanner's names and a quiet Qt message handler (ui layer)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from dcplanner import __version__

# Qt messages that say nothing to a user: the offscreen and minimal platforms print this one for
# every window shown (they cannot pass size hints on to a window manager; qoffscreenwindow.cpp).
_SILENCED_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's messages to stderr as Qt prints them, less the platform noise above."""
    if not any(noise in message for noise in _SILENCED_QT_MESSAGES):
        print(message, file=sys.stderr)


def application() -> QApplication:
    """The running QApplication (created with dcplanner's names if there is none)."""
    qInstallMessageHandler(_qt_message)
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName("dcplanner")
    app.setOrganizationName("dcplanner")
    app.setApplicationVersion(__version__)
    return app
