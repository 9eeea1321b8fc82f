"""dcplanner launcher: a command goes to the headless CLI; anything else opens the desktop app.

The CLI path never imports Qt, so ``dcplanner solve`` runs on machines without a display;
``dcplanner report`` draws its PDF with Qt on the offscreen platform (``ui.report.command``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_CLI_FIRST_ARGS = {"-h", "--help", "--version"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from dcplanner.cli import COMMANDS

    if args and args[0] == "report":  # drawn with Qt (offscreen), so it lives beside the GUI
        from ui.report.command import main as report_main

        return report_main(args[1:])
    if args and (args[0] in COMMANDS or args[0] in _CLI_FIRST_ARGS):
        from dcplanner.cli import main as cli_main

        return cli_main(args)
    from ui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
