"""Direct-to-chip warm-water liquid cooling on dry coolers, air-cooled residual (pue_model §6.5F + C)."""

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
    id="d2c_drycooler",
    title="Direct-to-chip warm water with dry coolers, air-cooled residual heat",
    description=(
        "Cold plates take the liquid share of IT heat to facility water cooled by dry coolers (chiller trim "
        "when too warm); the rest goes to CRAHs on air-cooled chillers with dry-cooler free cooling."
    ),
    model=liquid_drycooler,
    params=with_defaults(FACILITY + AIR_SIDE + LATENT + WATER_LOOP + AIR_CHILLER + LIQUID, delta_t_air_k=15.0),
    expected_pue_band=(1.12, 1.25),
    liquid_heat="liquid_loop",
    stages_chillers=True,
)
