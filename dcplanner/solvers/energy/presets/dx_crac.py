"""DX CRAC room units with air-cooled condensers, compressors all year (pue_model §6.5A)."""

from __future__ import annotations

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
from dcplanner.solvers.energy.presets.params import AIR_SIDE, DX, FACILITY, LATENT, with_defaults


def dx_crac(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """DX room units, compressors all year (pue_model §6.5A)."""
    loop = closed_air_loop(air_kw + liquid_kw, out, p, plant, p["fan_pressure_pa"])
    coil, humid, water = coil_latent(air_kw + liquid_kw, p, loop.supply_c)
    eir = curves.dx_eir_linear(out.dry_bulb_c, p["dx_eir_slope_per_k"], p["dx_eir_min"])
    comp = dx_compressor_kw(coil, eir, coil / plant.terminal_capacity_kw, p)
    zero = broadcast_zeros(comp)
    return make_output(
        {"air_fans": loop.fan_kw, "compressors": comp, "humidification": humid},
        zero,
        water,
        plant.inlet_c + zero,
        loop.room_humidity_ratio + zero,
    )


PRESET = CoolingPreset(
    id="dx_crac",
    title="DX CRAC units with air-cooled condensers, no economizer",
    description="Direct-expansion room units, compressors all year; COP falls linearly with outdoor dry bulb.",
    model=dx_crac,
    params=with_defaults(FACILITY + AIR_SIDE + LATENT + DX, delta_t_air_k=11.0),
    expected_pue_band=(1.7, 2.0),
    liquid_heat="room_air",
    stages_chillers=False,
)
