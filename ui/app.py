"""Application start-up: QApplication, main window, optional file and screenshot (ui layer).

``dcplanner FILE`` opens a site; ``dcplanner --screenshot OUT.png [FILE]`` renders the main
window to a PNG and exits (works offscreen: ``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from dcplanner.io.project_file import ProjectFileError
from ui.application import application

SCREENSHOT_SIZE = (1920, 1080)  # a full-HD desktop, the size the default layout is made for


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dcplanner", description="Open the dcplanner desktop app.")
    parser.add_argument("file", nargs="?", help="site to open (*.dcp.json)")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the main window to a PNG and exit")
    return parser.parse_args(list(argv))


def screenshot(window, out: Path) -> bool:
    """Render ``window`` (shown, laid out, plan fitted) into ``out``."""
    app = QApplication.instance()
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.analysis.wait_for_results()
    for _ in range(3):
        app.processEvents()
    window.view.fit()
    app.processEvents()
    return window.grab().save(str(out))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = application()

    from ui.main_window import MainWindow
    from ui.recovery import RecoveryKeeper, offer_recovery, orphaned_copies
    from ui.settings import Settings

    if args.screenshot:
        # a picture for docs and checks: default preferences, and the user's own left untouched
        scratch = tempfile.TemporaryDirectory()
        settings = Settings(QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings, restore_layout=False)
    else:
        window = MainWindow()
        window.recovery = RecoveryKeeper(window.document)
    if args.file and args.screenshot:
        try:
            window.document.open(Path(args.file))
        except ProjectFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    elif args.file and not window.open_file(Path(args.file), ask=False):
        return 1
    if args.screenshot:
        ok = screenshot(window, Path(args.screenshot))
        print(f"{'wrote' if ok else 'could not write'} {args.screenshot}")
        window.document.undo_stack.setClean()
        return 0 if ok else 1
    copies = orphaned_copies()  # left by a window that crashed: offered once the window shows
    window.show()
    QTimer.singleShot(0, window.view.fit)
    if copies:
        QTimer.singleShot(0, lambda: offer_recovery(window, window.document, copies))
    return app.exec()
