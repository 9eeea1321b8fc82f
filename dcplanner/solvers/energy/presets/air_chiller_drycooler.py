"""Air-cooled chillers with dry-cooler free cooling, optional adiabatic assist (pue_model §6.5C)."""

from __future__ import annotations

import numpy as np

from dcplanner.solvers.energy.cooling import (
    Array,
    CoolingOutput,
    Outdoor,
    Params,
    Plant,
    air_chiller_loop,
    broadcast_zeros,
    liquid_cabinets_on_water,
    make_output,
)
from dcplanner.solvers.energy.presets.base import CoolingPreset
from dcplanner.solvers.energy.presets.params import AIR_CHILLER, AIR_SIDE, FACILITY, LATENT, WATER_LOOP


def air_chiller_drycooler(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """Air-cooled chillers with dry-cooler free cooling, optional adiabatic assist (pue_model §6.5C)."""
    r = air_chiller_loop(air_kw, liquid_kw, out, p, plant)
    frac = np.divide(r["free_kw"], r["load_kw"], out=np.zeros_like(r["load_kw"]), where=r["load_kw"] > 0)
    power = {
        k: r[k] for k in ("air_fans", "compressors", "chilled_water_pumps", "heat_rejection_fans", "humidification")
    }
    power["cdu_pumps"] = liquid_cabinets_on_water(liquid_kw, p)
    zero = broadcast_zeros(frac)
    return make_output(power, frac, r["water"], plant.inlet_c + zero, r["room_humidity_ratio"] + zero)


PRESET = CoolingPreset(
    id="air_chiller_drycooler",
    title="Air-cooled chillers with dry-cooler free cooling",
    description=(
        "Waterless: free cooling through dry-cooler coils from outdoor dry bulb, air-cooled chillers (Carnot "
        "fraction) for the rest; optional adiabatic assist."
    ),
    model=air_chiller_drycooler,
    params=FACILITY + AIR_SIDE + LATENT + WATER_LOOP + AIR_CHILLER,
    expected_pue_band=(1.30, 1.50),
    liquid_heat="water_loop",
    stages_chillers=True,
)
