"""Compile the translations: every ``resources/i18n/**/*.po`` to ``.mo`` (Babel) and every
``resources/i18n/**/*.ts`` to ``.qm`` (Qt's ``pyside6-lrelease``). Run by ``./dev`` at set-up;
the compiled files are build products, not kept in git.

    python scripts/build_translations.py [--check]

``--check`` compiles nothing and exits 1 when a compiled file is missing or older than its source.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
sys.path.insert(0, str(ROOT))


def stale(source: Path, target: Path) -> bool:
    return not target.is_file() or target.stat().st_mtime < source.stat().st_mtime


def lrelease() -> str:
    """The ``pyside6-lrelease`` beside this Python, or on PATH."""
    here = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(here) if here.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: install pyside6-essentials (requirements-dev.txt)")
    return found


def main(argv: list[str]) -> int:
    check = "--check" in argv
    pairs = [(po, po.with_suffix(".mo")) for po in sorted(I18N.rglob("*.po"))]
    pairs += [(ts, ts.with_suffix(".qm")) for ts in sorted(I18N.rglob("*.ts"))]
    todo = [(s, t) for s, t in pairs if stale(s, t)]
    if check:
        for source, _ in todo:
            print(f"{source.relative_to(ROOT)} is not compiled", file=sys.stderr)
        return 1 if todo else 0
    from dcplanner.i18n.catalog import compile_po

    for source, target in todo:
        if source.suffix == ".po":
            compile_po(source, target)
        else:
            subprocess.run([lrelease(), "-silent", str(source), "-qm", str(target)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
