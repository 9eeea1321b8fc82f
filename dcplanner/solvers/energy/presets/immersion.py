"""Single-phase immersion tanks on W40 facility water and dry coolers (pue_model §6.5F + C)."""

from __future__ import annotations

from dcplanner.solvers.energy.cooling import liquid_drycooler
from dcplanner.solvers.energy.presets.base import CoolingPreset
from dcplanner.solvers.energy.presets.params import (
    AIR_CHILLER,
    AIR_SIDE,
    FACILITY,
    LATENT,
    LIQUID,
    WATER_LOOP,
    with_defaults,
)

PRESET = CoolingPreset(
    id="immersion",
    title="Single-phase immersion with dry coolers",
    description=(
        "Tanks take the liquid share of IT heat to W40 facility water on dry coolers; a small air residual "
        "goes to CRAHs on air-cooled chillers."
    ),
    model=liquid_drycooler,
    params=with_defaults(
        FACILITY + AIR_SIDE + LATENT + WATER_LOOP + AIR_CHILLER + LIQUID,
        liquid_fraction=0.95,
        facility_water_supply_c=40.0,
        delta_t_air_k=15.0,
    ),
    expected_pue_band=(1.05, 1.15),
    liquid_heat="liquid_loop",
    stages_chillers=True,
)
