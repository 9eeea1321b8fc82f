"""``dcplanner report FILE -o REPORT.pdf [--scenario NAME] [--lang zh_CN|en] [--author NAME]`` (ui layer).

Runs headless on Qt's offscreen platform. Keeps the command line's contract
(:mod:`dcplanner.cli`): input problems print one ``error:`` line naming the file and exit 1,
usage errors exit 2, nothing is written on failure, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from dcplanner.cli import EXIT_INVALID, EXIT_OK, CliError
from dcplanner.climate import WeatherFileError
from dcplanner.io.project_file import ProjectFileError, load_project, project_issues
from dcplanner.model.schema import ValidationError
from ui.report.titles import LANGS

NAME = "report"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="dcplanner report",
        description="Write the design report (A4 PDF): cover, contents, key figures, the floor plan to scale, "
        "halls, capacity limits and findings, power and cooling, the energy year, compute, build-out, finance, "
        "scenarios, assumptions with sources.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="REPORT.pdf", help="PDF to write (replaced atomically)")
    p.add_argument("--scenario", metavar="NAME", help="report a named scenario instead of the base site")
    p.add_argument("--lang", choices=LANGS, default="en", help="en, or zh_CN: section titles in Chinese and English")
    p.add_argument("--author", default="", metavar="NAME", help="name printed in the cover's author field")
    return p


def run(args: argparse.Namespace, out: TextIO) -> int:
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        raise CliError(f"{target}: the report name must end in .pdf")
    if not target.parent.is_dir():
        raise CliError(f"{target.parent}: no such folder")
    try:
        loaded = load_project(args.file)
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None
    base_dir = Path(args.file).resolve().parent
    issues = project_issues(loaded.site, base_dir)
    if issues:
        raise CliError(f"{args.file}: invalid project:\n" + "\n".join(f"  {i}" for i in issues))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.report.data import collect_report_data
    from ui.report.document import write_report

    app = QApplication.instance() or QApplication([sys.argv[0]])
    try:
        data = collect_report_data(
            loaded.site,
            scenario=args.scenario,
            base_dir=base_dir,
            lang=args.lang,
            author=args.author,
            source_name=Path(args.file).name,
        )
    except KeyError as exc:
        raise CliError(f"{args.file}: {exc.args[0]}") from None
    except (ValidationError, WeatherFileError) as exc:
        raise CliError(f"{args.file}: {exc}") from None
    try:
        pages = write_report(data, target)
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror})") from None
    del app
    print(f"Wrote {target}: {pages} pages", file=out)
    return EXIT_OK


def main(argv: Sequence[str], out: TextIO | None = None) -> int:
    """Run ``dcplanner report``; returns the exit status."""
    out = out or sys.stdout
    try:
        args = build_parser().parse_args(list(argv))
    except SystemExit as exc:  # --help or a usage error (argparse printed it)
        return int(exc.code or 0)
    try:
        return run(args, out)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # last resort: one plain line naming the file, never a traceback
        detail = " ".join(str(exc).split())[:200]
        print(f"error: {args.file}: the report could not be written{': ' + detail if detail else ''}", file=sys.stderr)
        return EXIT_INVALID
