"""Application start-up: QApplication, main window, optional file and screenshot (ui layer)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dcplanner import __version__


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dcplanner", description="Open the dcplanner desktop app.")
    parser.add_argument("file", nargs="?", help="site to open (*.dcp.json)")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window to a PNG and exit")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("dcplanner")
    app.setOrganizationName("dcplanner")
    app.setApplicationVersion(__version__)

    from ui.main_window import MainWindow

    window = MainWindow()
    if args.file and not window.open_file(Path(args.file)):
        return 1
    window.show()
    if args.screenshot:
        app.processEvents()
        window.view.fit()
        app.processEvents()
        ok = window.grab().save(args.screenshot)
        print(f"{'wrote' if ok else 'could not write'} {args.screenshot}")
        return 0 if ok else 1
    QTimer.singleShot(0, window.view.fit)
    return app.exec()
