"""Project-file migrations: pure dict -> dict steps, one per format version (engine layer).

``MIGRATIONS[n]`` turns a version-``n`` document into a version-``n + 1`` one. Each step has a
saved fixture under ``tests/fixtures/migrations`` so it keeps working as the model moves on.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

FORMAT_TAG = "dcplanner.project"
CURRENT_FORMAT_VERSION = 1

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


def migrate(doc: dict[str, Any], current: int = CURRENT_FORMAT_VERSION) -> tuple[dict[str, Any], int]:
    """Bring ``doc`` up to ``current``; returns (new document, version it was written in)."""
    version = check_header(doc)
    if version > current:
        raise FormatError(
            f"this project was written in format version {version} by a newer dcplanner; "
            f"this version reads versions 1 to {current}. Update dcplanner to open it."
        )
    original = version
    doc = copy.deepcopy(doc)
    while version < current:
        step = MIGRATIONS.get(version)
        if step is None:
            raise FormatError(f"no migration from format version {version} to {version + 1}")
        doc = step(doc)
        version += 1
        doc["format_version"] = version
    return doc, original
