"""Project files (``*.dcp.json``): load with migration and validation, save atomically (engine).

A failed load raises and returns nothing, so the caller's open project stays as it was; a save
validates first and then replaces the file atomically, so a crash never leaves a broken file.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dcplanner import __version__
from dcplanner.io.atomic import write_bytes_atomic
from dcplanner.io.migrations import CURRENT_FORMAT_VERSION, FORMAT_TAG, FormatError, migrate
from dcplanner.io.readable_json import dumps_readable
from dcplanner.model.schema import Issue, ValidationError, from_dict, to_dict
from dcplanner.model.site import Site
from dcplanner.model.validation import raise_on_errors, validate_site
from dcplanner.scenarios import check_scenarios

PROJECT_SUFFIX = ".dcp.json"


class ProjectFileError(ValueError):
    """A project file that cannot be read: not JSON, wrong format or invalid content."""


@dataclass(slots=True)
class LoadedProject:
    """A site read from disk, with the warnings it raised and the version it was written in."""

    site: Site
    path: Path | None = None
    warnings: list[Issue] = field(default_factory=list)
    written_in_version: int = CURRENT_FORMAT_VERSION

    @property
    def migrated(self) -> bool:
        return self.written_in_version != CURRENT_FORMAT_VERSION


def site_from_document(doc: Any, origin: str = "document") -> LoadedProject:
    """Parse, migrate and validate a project document (a dict from JSON)."""
    try:
        doc, version = migrate(doc)
    except FormatError as exc:
        raise ProjectFileError(f"{origin}: {exc}") from None
    if "site" not in doc:
        raise ProjectFileError(f"{origin}: required field 'site' is missing")
    try:
        site = from_dict(Site, doc["site"])
        warnings = raise_on_errors(validate_site(site))
        raise_on_errors(check_scenarios(site))
    except ValidationError as exc:
        raise ProjectFileError(f"{origin}: invalid project:\n{exc}") from exc
    return LoadedProject(site=site, warnings=warnings, written_in_version=version)


def site_to_document(site: Site) -> dict[str, Any]:
    """The JSON-ready project document of a site."""
    return {
        "format": FORMAT_TAG,
        "format_version": CURRENT_FORMAT_VERSION,
        "app_version": __version__,
        "site": to_dict(site),
    }


def read_document(path: Path) -> Any:
    """The raw JSON of a file; errors give the line and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectFileError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ProjectFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None


def load_project(path: Path | str) -> LoadedProject:
    """Read a project file; raises ProjectFileError (nothing else changes) on any problem."""
    path = Path(path)
    loaded = site_from_document(read_document(path), str(path))
    loaded.path = path
    return loaded


def save_project(site: Site, path: Path | str, *, keep_backup_of: LoadedProject | None = None) -> Path:
    """Validate, then write atomically. A migrated original is first kept as ``*.bak``."""
    path = Path(path)
    try:
        raise_on_errors(validate_site(site))
        raise_on_errors(check_scenarios(site))
    except ValidationError as exc:
        raise ProjectFileError(f"not saved: the site is invalid:\n{exc}") from exc
    if keep_backup_of is not None and keep_backup_of.migrated and path.exists():
        backup = path.with_name(path.name + ".bak")
        if not backup.exists():
            shutil.copy2(path, backup)
    write_bytes_atomic(path, dumps_readable(site_to_document(site)).encode("utf-8"))
    return path
