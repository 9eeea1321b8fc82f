"""Bring every translation catalog up to date with the source (run after changing a string).

    python scripts/update_translations.py

- Qt catalogs (``resources/i18n/qt/<name>_<lang>.ts``, listed in ``catalogs.json``): re-extracted
  with ``pyside6-lupdate -no-obsolete``; new strings arrive ``unfinished`` for a translator.
- Engine catalogs (``resources/i18n/<domain>/<lang>.po``): every ``tr`` / ``N_`` / ``message``
  literal found by :mod:`dcplanner.i18n.extract` merged in with Babel; kept translations stay,
  new entries arrive empty, entries no longer in the source are dropped (and listed).

The completeness test (``tests/test_translations_complete.py``) fails until every entry is
translated, so run this, translate what it reports, then run ``./dev test``.
"""

from __future__ import annotations

import glob
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
QT_MANIFEST = I18N / "qt" / "catalogs.json"
ENGINE_LANGUAGES = ("zh_CN",)
sys.path.insert(0, str(ROOT))


def lupdate() -> str:
    """The ``pyside6-lupdate`` beside this Python, or on PATH."""
    here = Path(sys.executable).parent / "pyside6-lupdate"
    found = str(here) if here.exists() else shutil.which("pyside6-lupdate")
    if not found:
        raise SystemExit("pyside6-lupdate not found: install pyside6-essentials (requirements-dev.txt)")
    return found


def qt_catalogs() -> tuple[list[str], dict[str, list[Path]]]:
    """The window's languages and, per Qt catalog, its source files (sorted)."""
    manifest = json.loads(QT_MANIFEST.read_text(encoding="utf-8"))
    catalogs: dict[str, list[Path]] = {}
    for name, spec in manifest["catalogs"].items():
        files: set[Path] = set()
        for pattern in spec["sources"]:
            for hit in glob.glob(str(ROOT / pattern)):
                path = Path(hit)
                files.update(path.rglob("*.py") if path.is_dir() else [path])
        catalogs[name] = sorted(files)
    return list(manifest["languages"]), catalogs


def run_lupdate(sources: list[Path], ts: Path) -> str:
    """Extract ``sources`` into ``ts`` (created if missing); lupdate's summary."""
    done = subprocess.run(
        [lupdate(), "-no-obsolete", "-locations", "none", *map(str, sources), "-ts", str(ts)],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout + done.stderr


def update_qt() -> None:
    languages, catalogs = qt_catalogs()
    for name, sources in catalogs.items():
        for lang in languages:
            ts = I18N / "qt" / f"{name}_{lang}.ts"
            summary = run_lupdate(sources, ts).strip().splitlines()
            print(f"{ts.relative_to(ROOT)}: {summary[-1].strip() if summary else 'updated'}")


def update_engine() -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    from dcplanner.i18n.extract import entries_by_domain, occurrences

    grouped = entries_by_domain(occurrences(ROOT))
    for domain in sorted(set(grouped) | {p.name for p in I18N.iterdir() if p.is_dir() and p.name != "qt"}):
        wanted = grouped.get(domain, {})
        for lang in ENGINE_LANGUAGES:
            po = I18N / domain / f"{lang}.po"
            old = None
            if po.is_file():
                with po.open("rb") as f:
                    old = read_po(f)
            new = Catalog(locale=lang, domain=domain, project="dcplanner", charset="utf-8")
            new.fuzzy = False
            for entry, uses in sorted(wanted.items(), key=lambda kv: (kv[0].context or "", kv[0].text)):
                kept = old.get(entry.text, context=entry.context) if old is not None else None
                new.add(
                    entry.text,
                    kept.string if kept is not None else "",
                    locations=[(u.path, u.line) for u in uses],
                    context=entry.context,
                )
            dropped = [m.id for m in (old or []) if m.id and new.get(m.id, context=m.context) is None]
            po.parent.mkdir(parents=True, exist_ok=True)
            with po.open("wb") as f:
                write_po(f, new, width=100, sort_output=False, omit_header=False)
            untranslated = sum(1 for m in new if m.id and not m.string)
            print(f"{po.relative_to(ROOT)}: {len(wanted)} entries, {untranslated} untranslated, {len(dropped)} dropped")


def main(argv: list[str]) -> int:
    which = set(argv) or {"qt", "engine"}
    if "qt" in which:
        update_qt()
    if "engine" in which:
        update_engine()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
