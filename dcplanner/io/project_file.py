"""Project files (``*.dcp.json``): load with migration and validation, save atomically (engine).

A failed load raises and returns nothing, so the caller's open project stays as it was; a save
validates first and then replaces the file atomically, so a crash never leaves a broken file,
and each save or open removes the temp files an interrupted save of that file left behind.
Files a project names (``climate.path``, ``it_load.csv_path``) must lie inside its folder.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dcplanner import __version__
from dcplanner.climate import climate_issues
from dcplanner.climate.load import project_path_issues
from dcplanner.io.atomic import remove_stale_temps, write_bytes_atomic
from dcplanner.io.migrations import CURRENT_FORMAT_VERSION, FORMAT_TAG, MAX_DEPTH, FormatError, check_tree, migrate
from dcplanner.io.readable_json import dumps_readable
from dcplanner.model.schema import Issue, ValidationError, from_dict, gc_paused, to_dict
from dcplanner.model.site import Site
from dcplanner.model.validation import raise_on_errors, validate_site
from dcplanner.scenarios import apply_overrides, check_scenarios
from dcplanner.solvers.energy.parameters import parameter_issues

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
        with gc_paused():  # tens of thousands of long-lived objects and no cycles: no collector passes
            site = from_dict(Site, doc["site"])
            warnings = raise_on_errors(validate_site(site))
            raise_on_errors(check_scenarios(site))
            raise_on_errors(_file_field_issues(site))
    except ValidationError as exc:
        raise ProjectFileError(f"{origin}: invalid project:\n{exc}") from exc
    return LoadedProject(site=site, warnings=warnings, written_in_version=version)


def project_issues(site: Site, base_dir: Path | None) -> list[Issue]:
    """Every error that makes a project invalid, as ``dcplanner validate`` and the app's Open and
    Save find them: the model's cross-field rules, scenarios that do not apply, files outside the
    project's folder, unknown or out-of-range cooling parameters, and a climate that does not
    exist (relative weather files resolve against ``base_dir``, the project's folder).

    Capacity findings are not among them: a design over a limit is a legitimate draft.
    """
    with gc_paused():  # the scenario checks build whole sites: no collector passes over them
        issues = [i for i in validate_site(site) if i.severity == "error"]
        issues += check_scenarios(site)
        issues += _file_field_issues(site)
        issues += _issues_load_does_not_check(site, base_dir)
    return [i for i in issues if i.severity == "error"]


def loaded_project_issues(loaded: LoadedProject, base_dir: Path | None) -> list[Issue]:
    """:func:`project_issues` of a site just loaded and not edited since: the rules the load
    already passed (the model's, the scenarios', files outside the folder) are not run again."""
    return [i for i in _issues_load_does_not_check(loaded.site, base_dir) if i.severity == "error"]


def _issues_load_does_not_check(site: Site, base_dir: Path | None) -> list[Issue]:
    """Unknown or out-of-range cooling parameters and a climate that does not exist."""
    return parameter_issues(site.cooling) + climate_issues(site.climate, base_dir)


def _file_field_issues(site: Site) -> list[Issue]:
    """Files named by the site or a scenario that lie outside the project's folder."""
    issues = project_path_issues(site)
    for i, sc in enumerate(site.scenarios):
        if any(key.endswith(("path", "*")) or isinstance(v, (dict, list)) for key, v in sc.overrides.items()):
            issues += project_path_issues(apply_overrides(site, sc.overrides), f"scenarios[{i}].overrides -> ")
    return issues


def _relative_file_fields(doc: dict[str, Any], folder: Path) -> None:
    """Write files inside the project's folder (such as one chosen in the app) relative to it."""
    site = doc["site"]
    for section, key in (("climate", "path"), ("it_load", "csv_path")):
        value = site.get(section, {}).get(key)
        if not value or not Path(value).is_absolute():
            continue
        try:
            site[section][key] = Path(value).resolve().relative_to(folder.resolve()).as_posix()
        except (ValueError, OSError):
            continue  # outside the folder: kept as chosen


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
    except RecursionError:
        raise ProjectFileError(
            f"{path}: objects and lists are nested too deeply to read (a project allows {MAX_DEPTH} levels)"
        ) from None
    except ValueError:  # an integer literal longer than Python converts (sys.get_int_max_str_digits)
        raise ProjectFileError(f"{path}: {_long_number(text)}") from None


def _long_number(text: str) -> str:
    """Where the first over-long integer literal of ``text`` is, without echoing it."""
    limit = sys.get_int_max_str_digits()
    m = re.search(rf"\d{{{limit + 1},}}", text)
    if m is None:
        return "a number in the file cannot be read"
    line = text.count("\n", 0, m.start()) + 1
    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return f"line {line}, column {column}: a number of {len(m.group()):,} digits; numbers may have up to {limit:,}"


def load_project(path: Path | str) -> LoadedProject:
    """Read a project file; raises ProjectFileError (nothing else changes) on any problem."""
    path = Path(path)
    remove_stale_temps(path)
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
    doc = site_to_document(site)
    _relative_file_fields(doc, path.parent)
    written = doc["site"]
    as_written = replace(
        site,
        climate=replace(site.climate, path=written.get("climate", {}).get("path", site.climate.path)),
        it_load=replace(site.it_load, csv_path=written.get("it_load", {}).get("csv_path", site.it_load.csv_path)),
    )
    outside = _file_field_issues(as_written)  # what load_project would refuse: never write it
    if outside:
        raise ProjectFileError(f"not saved: {path} would not open again:\n" + "\n".join(str(i) for i in outside))
    try:
        check_tree(doc)
    except FormatError as exc:
        raise ProjectFileError(f"not saved: {exc}") from None
    write_bytes_atomic(path, dumps_readable(doc).encode("utf-8"))
    return path
