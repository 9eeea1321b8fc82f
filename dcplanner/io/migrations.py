"""Project-file migrations: pure dict -> dict steps, one per format version (engine layer).

``MIGRATIONS[n]`` turns a version-``n`` document into a version-``n + 1`` one. Each step has a
saved fixture under ``tests/fixtures/migrations`` so it keeps working as the model moves on.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from dcplanner.model.schema import join, shown_text, surrogate_problem

FORMAT_TAG = "dcplanner.project"
CURRENT_FORMAT_VERSION = 2

MAX_DEPTH = 64
"""Deepest nesting of objects and lists a project may hold; a site needs about 8 (site > halls >
rows > cabinets > servers), and every reader and writer stays far from Python's recursion limit."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


class FormatError(ValueError):
    """The document is not a dcplanner project, or one this version cannot read."""


def migrator(from_version: int) -> Callable[[Migration], Migration]:
    """Register a step from ``from_version`` to ``from_version + 1``."""

    def register(fn: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"a migration from version {from_version} is already registered")
        MIGRATIONS[from_version] = fn
        return fn

    return register


@migrator(1)
def _sections_for_compliance_and_drawing(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds the site's ``compliance`` inputs and its background ``drawing``.

    A version-1 document has neither; both take their empty defaults, so the step only states
    it. (An older dcplanner refuses a version-2 file as newer instead of naming an unknown field.)
    """
    site = doc.get("site")
    if isinstance(site, dict):
        site.setdefault("compliance", {})
        site.setdefault("drawing", {})
    return doc


def check_header(doc: Any) -> int:
    """The document's format version, after checking its format tag."""
    if not isinstance(doc, dict):
        raise FormatError("not a dcplanner project: the file holds no JSON object")
    tag = doc.get("format")
    if tag != FORMAT_TAG:
        raise FormatError(f"not a dcplanner project: 'format' is {tag!r}, expected {FORMAT_TAG!r}")
    version = doc.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FormatError(f"'format_version' must be a whole number from 1, got {version!r}")
    return version


def check_tree(doc: Any) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and text that is not Unicode, naming the path.

    Walks without recursion, so a hostile document cannot exhaust the stack here. A sound
    document takes one quick pass (containers only, text checked by one UTF-8 encoding of the
    whole); only a document with a problem is walked again to name where it is.
    """
    if _looks_sound(doc):
        return
    _check_tree_paths(doc)


def _looks_sound(doc: Any) -> bool:
    """True when no container is nested :data:`MAX_DEPTH` deep and every text encodes as UTF-8."""
    if isinstance(doc, str):
        return surrogate_problem(doc) is None
    if not isinstance(doc, (dict, list)):
        return True
    stack: list[tuple[Any, int]] = [(doc, 0)]
    while stack:
        node, depth = stack.pop()
        if depth >= MAX_DEPTH:
            return False
        children = node.values() if isinstance(node, dict) else node
        stack.extend((v, depth + 1) for v in children if isinstance(v, (dict, list)))
    try:
        json.dumps(doc, ensure_ascii=False, check_circular=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError, RecursionError):
        return False  # a lone surrogate (or something JSON cannot hold): the full walk says where
    return True


def _check_tree_paths(doc: Any) -> None:
    stack: list[tuple[Any, str, int]] = [(doc, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, str):
            problem = surrogate_problem(node)
            if problem is not None:
                raise FormatError(f"{path or 'the document'}: the text {problem}")
            continue
        if not isinstance(node, (dict, list)):
            continue
        if depth >= MAX_DEPTH:
            raise FormatError(
                f"{shown_text(path, 60)}: objects and lists are nested more than {MAX_DEPTH} levels deep; "
                "a project needs about 8"
            )
        if isinstance(node, list):
            stack.extend((v, join(path, i), depth + 1) for i, v in enumerate(node))
            continue
        for key, value in node.items():
            problem = surrogate_problem(key) if isinstance(key, str) else None
            if problem is not None:
                raise FormatError(f"{join(path, shown_text(key))}: the field name {problem}")
            stack.append((value, join(path, str(key)), depth + 1))


def migrate(doc: dict[str, Any], current: int = CURRENT_FORMAT_VERSION) -> tuple[dict[str, Any], int]:
    """Bring ``doc`` up to ``current``; returns (new document, version it was written in)."""
    version = check_header(doc)
    if version > current:
        raise FormatError(
            f"this project was written in format version {version} by a newer dcplanner; "
            f"this version reads versions 1 to {current}. Update dcplanner to open it."
        )
    original = version
    check_tree(doc)
    if version < current:
        doc = copy.deepcopy(doc)  # the steps edit a copy; a current document is read as it is
    while version < current:
        step = MIGRATIONS.get(version)
        if step is None:
            raise FormatError(f"no migration from format version {version} to {version + 1}")
        doc = step(doc)
        version += 1
        doc["format_version"] = version
    return doc, original
