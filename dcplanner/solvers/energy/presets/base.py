"""What a cooling preset is: one object holding its model, flags, parameters and titles (engine layer).

The engine, the parameter checks, the workbook and the GUI read everything they need about an
architecture from its :class:`CoolingPreset`; none of them branch on the preset's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dcplanner.solvers.energy.cooling import Architecture
from dcplanner.solvers.energy.presets.params import Param

LiquidHeat = Literal["liquid_loop", "water_loop", "room_air"]
"""Where the heat of liquid-cooled cabinets goes: the preset's own liquid loop (the liquid
share of IT heat, ``liquid_fraction``), the facility water through CDUs (``water_loop``), or
the room air when the preset has no water loop (``room_air``)."""


@dataclass(frozen=True, slots=True)
class CoolingPreset:
    """A cooling architecture: its hourly model, how it treats liquid cooling, and its parameters."""

    id: str  # also the name of the preset's module and the project files' cooling.architecture
    title: str  # short human name (GUI lists, workbook, CLI)
    description: str  # one or two sentences on what the model does
    model: Architecture  # (air_kw, liquid_kw, outdoor, params, plant) -> CoolingOutput
    params: tuple[Param, ...]
    expected_pue_band: tuple[float, float]  # pue_model §6.8 planning band for Guizhou-like climates [U]
    liquid_heat: LiquidHeat
    stages_chillers: bool  # the plant has chillers staged by cooling.plant_unit_kw (DX units have none)

    @property
    def architecture(self) -> str:
        """The id (the name project files and results use)."""
        return self.id

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def defaults(self) -> dict[str, float]:
        """Every parameter at its default."""
        return {p.name: p.default for p in self.params}
