"""Hardware catalog: built-in CSV tables merged with a project's own entries (engine layer).

The CSV files in ``resources/catalog`` carry one row per model and a ``source`` column whose
keys resolve in ``sources.csv``. An empty cell means "not published / unknown" and stays
``None``: the compute solver reports it as unknown rather than guessing.
"""

from __future__ import annotations

import csv
import functools
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from dcplanner.model.schema import ValidationError, field_specs, from_dict
from dcplanner.model.site import Accelerator, CabinetType, Catalog, Cpu, ServerModel, Site
from resources import resource_path

CATALOG_DIR = resource_path("catalog")

_TABLES: dict[str, type] = {
    "accelerators": Accelerator,
    "cpus": Cpu,
    "servers": ServerModel,
    "cabinet_types": CabinetType,
}


def _cell(hint: Any, text: str) -> Any:
    """Turn a CSV cell into the JSON value the schema expects (empty -> None)."""
    text = text.strip()
    origin = get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        if text == "":
            return None
        hint = next(a for a in get_args(hint) if a is not type(None))
    if hint is str or get_origin(hint) is Literal:
        return text
    if hint in (int, float):
        if text == "":
            return None
        try:
            return int(text) if hint is int else float(text)
        except ValueError:
            return text  # the schema check reports it with its path
    raise TypeError(f"unsupported catalog column type {hint!r}")


def read_table(path: Path, cls: type) -> list[Any]:
    """Read one catalog CSV into model objects; errors name the file, line and column."""
    specs = {s.name: s for s in field_specs(cls)}
    out: list[Any] = []
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        unknown = set(reader.fieldnames or ()) - set(specs)
        if unknown:
            raise ValueError(f"{path.name}: unknown columns {sorted(unknown)}; allowed {sorted(specs)}")
        for line_no, row in enumerate(reader, start=2):
            data = {k: _cell(specs[k].hint, v or "") for k, v in row.items()}
            data = {k: v for k, v in data.items() if v is not None or k in ("id", "name")}
            try:
                out.append(from_dict(cls, data, f"{path.name}:{line_no}"))
            except ValidationError as exc:
                raise ValueError(f"catalog error: {exc}") from None
    return out


@functools.cache
def builtin_catalog() -> Catalog:
    """The catalog shipped in ``resources/catalog`` (read once)."""
    tables = {name: read_table(CATALOG_DIR / f"{name}.csv", cls) for name, cls in _TABLES.items()}
    return Catalog(**tables)


@functools.cache
def source_titles() -> dict[str, tuple[str, str]]:
    """Source key -> (title, address) from ``sources.csv``."""
    with (CATALOG_DIR / "sources.csv").open(newline="", encoding="utf-8") as fh:
        return {r["key"]: (r["title"], r["url"]) for r in csv.DictReader(fh)}


@dataclass(slots=True)
class HardwareIndex:
    """Lookup tables by id: built-in entries overlaid with the project's own."""

    accelerators: dict[str, Accelerator] = field(default_factory=dict)
    cpus: dict[str, Cpu] = field(default_factory=dict)
    servers: dict[str, ServerModel] = field(default_factory=dict)
    cabinet_types: dict[str, CabinetType] = field(default_factory=dict)
    user_ids: set[str] = field(default_factory=set)


def hardware_index(site: Site | None = None) -> HardwareIndex:
    """Effective catalog for a site (project entries replace built-ins with the same id)."""
    index = HardwareIndex()
    layers = [builtin_catalog()] + ([site.catalog] if site is not None else [])
    for layer_no, layer in enumerate(layers):
        for name in _TABLES:
            table: dict[str, Any] = getattr(index, name)
            for entry in getattr(layer, name):
                table[entry.id] = entry
                if layer_no > 0:
                    index.user_ids.add(entry.id)
    return index
