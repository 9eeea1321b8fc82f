"""Cooling presets: one object per architecture, one module per preset (engine layer).

A :class:`CoolingPreset` holds the hourly model, how liquid-cooled cabinets' heat is handled,
whether the plant stages chillers, the adjustable parameters with defaults and sources, the
expected PUE band and the titles. The engine, the parameter checks, the workbook and the GUI
derive what they need from :data:`PRESETS`, in registry order.

Adding a preset: write ``<id>.py`` here defining ``PRESET = CoolingPreset(id="<id>", ...)``
(the model assembled from :mod:`dcplanner.solvers.energy.cooling`, the parameters from the
groups in :mod:`~dcplanner.solvers.energy.presets.params`) and add ``"<id>"`` to
:data:`dcplanner.model.cooling_presets.COOLING_PRESET_IDS`.
"""

from __future__ import annotations

from dcplanner.model.cooling_presets import COOLING_PRESET_IDS
from dcplanner.solvers.energy.presets.base import CoolingPreset, LiquidHeat
from dcplanner.solvers.energy.presets.params import Param
from dcplanner.solvers.energy.presets.registry import PresetRegistryError, load_presets

PRESETS: dict[str, CoolingPreset] = load_presets(COOLING_PRESET_IDS, __name__)
"""Every cooling preset by id, in registry order."""

__all__ = [
    "PRESETS",
    "CoolingPreset",
    "LiquidHeat",
    "Param",
    "PresetRegistryError",
    "preset",
    "preset_choices",
    "preset_title",
]


def preset(preset_id: str) -> CoolingPreset:
    """The preset of an id; KeyError naming the known ids otherwise."""
    try:
        return PRESETS[preset_id]
    except KeyError:
        raise KeyError(f"no cooling preset {preset_id!r}; presets: {', '.join(PRESETS)}") from None


def preset_title(preset_id: str) -> str:
    """The human title of a preset, or the id itself if no preset has it (an old result)."""
    found = PRESETS.get(preset_id)
    return found.title if found is not None else preset_id


def preset_choices() -> list[tuple[str, str]]:
    """(id, title) of every preset in registry order, for choice lists."""
    return [(p.id, p.title) for p in PRESETS.values()]
