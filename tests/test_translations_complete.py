"""Every translatable string has its Simplified Chinese translation, and no catalog keeps dead ones.

Engine catalogs (gettext ``.po``) against the literals the extractor finds in the source; Qt
catalogs (``.ts``) against a fresh ``pyside6-lupdate`` of their sources. A failure names the
catalog and the entries; ``python scripts/update_translations.py`` brings the catalogs up to date.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from dcplanner.i18n.extract import entries_by_domain, occurrences

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")
QT_PLACEHOLDER = re.compile(r"%(?:n|L?\d)")


def _update_script():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _names(pattern: re.Pattern[str], text: str) -> set[str]:
    return {m.group(0).split(":")[0].split("!")[0].rstrip("}") for m in pattern.finditer(text)}


ENGINE = entries_by_domain(occurrences(ROOT))


@pytest.mark.parametrize("domain", sorted(ENGINE))
def test_engine_catalog_translates_every_string_of_its_domain(domain: str) -> None:
    from babel.messages.pofile import read_po

    po = I18N / domain / "zh_CN.po"
    assert po.is_file(), f"{po.relative_to(ROOT)} is missing: run scripts/update_translations.py"
    with po.open("rb") as f:
        catalog = read_po(f)
    problems: list[str] = []
    for entry, uses in sorted(ENGINE[domain].items()):
        where = f"{uses[0].path}:{uses[0].line}"
        found = catalog.get(entry.text, context=entry.context)
        if found is None or not found.string:
            problems.append(f"untranslated [{entry.context or ''}] {entry.text!r} ({where})")
        elif found.fuzzy:
            problems.append(f"fuzzy [{entry.context or ''}] {entry.text!r} ({where})")
        elif _names(PLACEHOLDER, entry.text) != _names(PLACEHOLDER, str(found.string)):
            problems.append(f"placeholders differ [{entry.context or ''}] {entry.text!r} -> {found.string!r}")
    for m in catalog:
        if m.id and not any(e.text == m.id and e.context == m.context for e in ENGINE[domain]):
            problems.append(f"obsolete [{m.context or ''}] {m.id!r}")
    assert not problems, f"{po.relative_to(ROOT)}:\n  " + "\n  ".join(problems)


def test_no_engine_catalog_without_strings() -> None:
    stray = [p.parent.name for p in I18N.glob("*/zh_CN.po") if p.parent.name not in ENGINE]
    assert not stray, f"catalogs whose domain no source uses: {stray}"


SCRIPT = _update_script()
LANGUAGES, QT_CATALOGS = SCRIPT.qt_catalogs()


@pytest.mark.parametrize("name", sorted(QT_CATALOGS))
def test_qt_catalog_is_current_and_finished(name: str, tmp_path: Path) -> None:
    for lang in LANGUAGES:
        ts = I18N / "qt" / f"{name}_{lang}.ts"
        assert ts.is_file(), f"{ts.relative_to(ROOT)} is missing: run scripts/update_translations.py"
        original = ElementTree.parse(ts).getroot()
        stale = [
            f"{ctx.findtext('name')}: {msg.findtext('source')!r}"
            for ctx in original.iter("context")
            for msg in ctx.iter("message")
            if (msg.find("translation") is not None and msg.find("translation").get("type") in ("obsolete", "vanished"))
        ]
        fresh = tmp_path / ts.name
        shutil.copy(ts, fresh)
        SCRIPT.run_lupdate(QT_CATALOGS[name], fresh)
        problems = [f"obsolete {s}" for s in stale]
        for ctx in ElementTree.parse(fresh).getroot().iter("context"):
            for msg in ctx.iter("message"):
                source = msg.findtext("source") or ""
                translation = msg.find("translation")
                label = f"{ctx.findtext('name')}: {source!r}"
                if (
                    translation is None
                    or translation.get("type") == "unfinished"
                    or not (translation.text or translation.find("numerusform") is not None)
                ):
                    problems.append(f"unfinished {label}")
                    continue
                forms = [translation.text or ""] + [f.text or "" for f in translation.iter("numerusform")]
                wanted = _names(QT_PLACEHOLDER, source) - {"%n"}
                if any(_names(QT_PLACEHOLDER, f) - {"%n"} != wanted for f in forms if f):
                    problems.append(f"placeholders differ {label}")
        assert not problems, f"{ts.relative_to(ROOT)}:\n  " + "\n  ".join(problems)
