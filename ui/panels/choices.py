"""The values a list-valued field may take, each with a human title, from the engine's own lists (ui).

A field whose values come from a list is edited with a combo box filled here, so a value the
engine does not know cannot be typed: built-in climates (``resources/climate``), cooling
architectures (the energy engine's presets), hardware from the catalog (cabinet types, server
models), the site's phases, and every ``Literal`` field of the model (redundancy, UPS topology,
load profile, climate source, containment …).
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

from dcplanner.climate.builtin import list_builtin
from dcplanner.model.commands import EditedSite
from dcplanner.model.schema import field_specs
from dcplanner.model.site import ClimateRef, CoolingPlant
from dcplanner.solvers.energy import list_presets

Choices = list[tuple[Any, str]]

LITERAL_TITLES: dict[str, str] = {
    # UPS topology (IEC 62040-3 classes: VFI double conversion, VFD/eco mode)
    "double_conversion": "Double conversion (online, VFI)",
    "eco_mode": "Eco mode (VFD bypass)",
    "rotary": "Rotary (flywheel / DRUPS)",
    "hvdc": "High-voltage DC (240/336 V)",
    # IT-load profile
    "flat": "Flat (the mean all year)",
    "daily_weekly": "Daily and weekly cycle",
    # climate source
    "builtin": "Built-in climate",
    "epw": "EnergyPlus weather file (EPW)",
    "csv": "Hourly CSV file",
    # containment and cabinet cooling
    "none": "None",
    "cold_aisle": "Cold aisle",
    "hot_aisle": "Hot aisle",
    "chimney": "Chimney cabinets",
    "air": "Air",
    "rear_door": "Rear-door heat exchanger",
    "cold_plate": "Cold plate (direct to chip)",
    "immersion": "Immersion",
    # revenue model
    "colocation": "Colocation (per kW and month)",
    "compute": "Compute (per GPU-hour)",
}
"""Titles of Literal values; a value not listed shows as its words ("north", "N+1")."""

CSV_PROFILE_TITLE = "From a CSV file"  # ItLoad.profile "csv" reads differently from a climate "csv"


def literal_title(value: Any) -> str:
    text = str(value)
    return LITERAL_TITLES.get(text, text.replace("_", " ").capitalize() if text.islower() else text)


def _base_hint(hint: Any) -> Any:
    if get_origin(hint) in (types.UnionType, typing.Union):
        return next(a for a in get_args(hint) if a is not type(None))
    return hint


def builtin_climates() -> Choices:
    """Every built-in climate (id, "Name — kind")."""
    return [(c.id, f"{c.name} ({c.kind})" if c.kind else c.name) for c in list_builtin()]


def cooling_architectures() -> Choices:
    """Every cooling preset of the energy engine, by its title."""
    return [(p["architecture"], str(p["title"])) for p in list_presets()]


def cabinet_types(editor: EditedSite) -> Choices:
    return [(t.id, t.name) for t in editor.hw.cabinet_types.values()]


def server_models(editor: EditedSite) -> Choices:
    return [(s.id, s.name) for s in editor.hw.servers.values()]


def phases(editor: EditedSite) -> Choices:
    return [(None, "none"), *((p.id, f"{p.name} ({p.id})" if p.name else p.id) for p in editor.site.phases)]


def field_choices(cls: type, name: str) -> Choices | None:
    """The choices of ``cls.name`` that do not depend on the open site (None: not a list field)."""
    if (cls, name) == (ClimateRef, "builtin_id"):
        return builtin_climates()
    if (cls, name) == (CoolingPlant, "architecture"):
        return cooling_architectures()
    spec = next(s for s in field_specs(cls) if s.name == name)
    hint = _base_hint(spec.hint)
    if get_origin(hint) is Literal:
        values = get_args(hint)
        if name == "profile":
            return [(v, CSV_PROFILE_TITLE if v == "csv" else literal_title(v)) for v in values]
        return [(v, literal_title(v)) for v in values]
    return None
