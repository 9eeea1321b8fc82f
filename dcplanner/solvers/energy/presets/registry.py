"""Loads the cooling presets the registry lists (engine layer).

The list itself is :data:`dcplanner.model.cooling_presets.COOLING_PRESET_IDS` (the site model
reads the same ids for its choices); each id names a module of this package defining
``PRESET``, a :class:`~dcplanner.solvers.energy.presets.base.CoolingPreset` with that id.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from dcplanner.solvers.energy.presets.base import CoolingPreset


class PresetRegistryError(ImportError):
    """A listed preset module is missing, has no ``PRESET`` or names another id."""


def load_presets(ids: Iterable[str], package: str) -> dict[str, CoolingPreset]:
    """The presets of ``ids`` from ``package.<id>`` modules, in the order given."""
    out: dict[str, CoolingPreset] = {}
    for preset_id in ids:
        name = f"{package}.{preset_id}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            raise PresetRegistryError(f"cooling preset {preset_id!r} is listed but {name} does not exist") from None
        preset = getattr(module, "PRESET", None)
        if not isinstance(preset, CoolingPreset):
            raise PresetRegistryError(f"{name} defines no PRESET (a CoolingPreset)")
        if preset.id != preset_id:
            raise PresetRegistryError(f"{name}: PRESET.id is {preset.id!r}, the registry lists {preset_id!r}")
        if preset_id in out:
            raise PresetRegistryError(f"cooling preset {preset_id!r} is listed twice")
        out[preset_id] = preset
    return out
