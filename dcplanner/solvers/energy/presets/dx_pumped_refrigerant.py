"""DX with a pumped-refrigerant economizer, Liebert DSE type (pue_model §6.5A′)."""

from __future__ import annotations

import numpy as np

from dcplanner.solvers.energy import curves
from dcplanner.solvers.energy.cooling import (
    Array,
    CoolingOutput,
    Outdoor,
    Params,
    Plant,
    broadcast_zeros,
    closed_air_loop,
    coil_latent,
    dx_compressor_kw,
    make_output,
)
from dcplanner.solvers.energy.presets.base import CoolingPreset
from dcplanner.solvers.energy.presets.params import AIR_SIDE, DX, FACILITY, LATENT, PUMPED_REFRIGERANT, with_defaults


def dx_pumped_refrigerant(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """DX with pumped-refrigerant economizer: EIR from the Liebert table (pue_model §6.5A′)."""
    loop = closed_air_loop(air_kw + liquid_kw, out, p, plant, p["fan_pressure_pa"])
    coil, humid, water = coil_latent(air_kw + liquid_kw, p, loop.supply_c)
    eir = curves.liebert_eir(out.dry_bulb_c)
    comp = dx_compressor_kw(coil, eir, coil / plant.terminal_capacity_kw, p)
    full_c = np.interp(curves.LIEBERT_FULL_ECONOMIZER_EIR + 1e-9, curves.LIEBERT_EIR[1:], curves.LIEBERT_T_C[1:])
    limit_c = loop.return_c - p["pumped_refrigerant_min_approach_k"]
    # economizer share: 1 at full pumped-refrigerant operation, linear to 0 at the approach limit
    frac = curves.clamp((limit_c - out.dry_bulb_c) / np.maximum(limit_c - full_c, 1e-6), 0.0, 1.0)
    frac = np.where(eir <= curves.LIEBERT_FULL_ECONOMIZER_EIR + 1e-12, 1.0, np.minimum(frac, 0.999))
    zero = broadcast_zeros(comp)
    return make_output(
        {"air_fans": loop.fan_kw, "compressors": comp, "humidification": humid},
        frac + zero,
        water,
        plant.inlet_c + zero,
        loop.room_humidity_ratio + zero,
    )


PRESET = CoolingPreset(
    id="dx_pumped_refrigerant",
    title="DX with pumped-refrigerant economizer",
    description=(
        "Liebert DSE type: EIR from the EnergyPlus 'Liebert Econophase EIR Func T' table over outdoor dry bulb; "
        "full economizer at or below 1.56 °C."
    ),
    model=dx_pumped_refrigerant,
    params=with_defaults(FACILITY + AIR_SIDE + LATENT + DX + PUMPED_REFRIGERANT, dx_cop_rated=4.5669),
    expected_pue_band=(1.4, 1.6),
    liquid_heat="room_air",
    stages_chillers=False,
)
