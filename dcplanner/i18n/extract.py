"""Find every translatable engine string in the source (engine layer, no Qt).

A string is translatable when it is the literal text of a call ``tr(domain, text[, context])``,
``N_(domain, text[, context])`` or ``message(domain, code, template, ...)`` (the code is the
gettext context). The catalogs under ``resources/i18n/<domain>/`` must hold exactly these
entries: ``scripts/update_translations.py`` merges them in, and the completeness test fails on a
missing, untranslated or obsolete one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SOURCE_ROOTS = ("dcplanner", "ui")
"""Where engine strings may be used (the window also renders engine messages)."""

_CALLS = {"tr": (1, 2), "N_": (1, 2), "message": (2, 1)}
"""Call name -> (index of the text, index of the context) among the positional arguments."""


@dataclass(frozen=True, order=True)
class Entry:
    """One catalog entry: its domain, its context (a message code, or None) and its English text."""

    domain: str
    context: str | None
    text: str


@dataclass(frozen=True)
class Occurrence:
    """Where an entry is used, for the catalog's ``#:`` comments and error messages."""

    entry: Entry
    path: str
    line: int


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def occurrences_in(source: str, path: str) -> Iterator[Occurrence]:
    """The translatable strings of one Python source file."""
    for node in ast.walk(ast.parse(source, path)):
        if not isinstance(node, ast.Call):
            continue
        slots = _CALLS.get(_name(node.func))
        if slots is None or len(node.args) < 2:
            continue
        domain = _literal(node.args[0])
        text_at, context_at = slots
        text = _literal(node.args[text_at]) if len(node.args) > text_at else None
        if domain is None or text is None:
            continue
        context_node = node.args[context_at] if len(node.args) > context_at else None
        if context_node is None:
            context_node = next((k.value for k in node.keywords if k.arg == "context"), None)
        context = _literal(context_node)
        yield Occurrence(Entry(domain, context, text), path, node.lineno)


def occurrences(root: Path, folders: Iterable[str] = SOURCE_ROOTS) -> list[Occurrence]:
    """Every translatable string under ``folders`` of the checkout at ``root``."""
    found: list[Occurrence] = []
    for folder in folders:
        for file in sorted((root / folder).rglob("*.py")):
            rel = file.relative_to(root).as_posix()
            found.extend(occurrences_in(file.read_text(encoding="utf-8"), rel))
    return found


def entries_by_domain(found: Iterable[Occurrence]) -> dict[str, dict[Entry, list[Occurrence]]]:
    """The occurrences grouped by domain, then by entry."""
    grouped: dict[str, dict[Entry, list[Occurrence]]] = {}
    for occ in found:
        grouped.setdefault(occ.entry.domain, {}).setdefault(occ.entry, []).append(occ)
    return grouped
