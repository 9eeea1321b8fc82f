"""CRAH + water-cooled chillers + cooling towers + integrated waterside economizer (Lei-Masanet WEC)."""

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
    free_cooling_fraction,
    liquid_cabinets_on_water,
    make_output,
    supply_water_c,
    water_cooled_chillers,
)
from dcplanner.solvers.energy.presets.base import CoolingPreset
from dcplanner.solvers.energy.presets.params import (
    AIR_SIDE,
    CHILLER,
    FACILITY,
    LATENT,
    TOWER,
    WATER_LOOP,
)


def chw_tower_wse(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """CRAH + water-cooled chillers + towers + integrated waterside economizer (Lei-Masanet WEC)."""
    loop = closed_air_loop(air_kw, out, p, plant, p["fan_pressure_pa"])
    coil, humid, water_h = coil_latent(air_kw, p, loop.supply_c)
    load = coil + liquid_kw
    t_sfw = supply_water_c(loop.supply_c, loop.return_c, p)
    t_rfw = t_sfw + p["delta_t_water_k"]
    sink = (p["source_water_c"] + 0.0 * out.wet_bulb_c) if p["heat_sink"] else out.wet_bulb_c + p["tower_approach_k"]
    frac = free_cooling_fraction(t_sfw, t_rfw, sink + p["hx_approach_k"], p["wse_integrated"])
    q_wse = frac * load
    q_ch = load - q_wse
    plant_kw = water_cooled_chillers(q_ch, load, t_sfw, out, p, plant)
    pumps = curves.pump_kw(
        curves.water_flow_kg_s(q_ch, p["delta_t_water_k"]), p["chw_pump_pa"], p["chw_pump_efficiency"]
    )
    pumps = pumps + curves.pump_kw(
        curves.water_flow_kg_s(q_wse, p["delta_t_water_k"]), p["wse_pump_pa"], p["wse_pump_efficiency"]
    )
    return make_output(
        {
            "air_fans": loop.fan_kw,
            "compressors": plant_kw["compressors"],
            "chilled_water_pumps": pumps,
            "condenser_pumps": plant_kw["condenser_pumps"],
            "heat_rejection_fans": plant_kw["heat_rejection_fans"],
            "cdu_pumps": liquid_cabinets_on_water(liquid_kw, p),
            "humidification": humid,
        },
        frac,
        water_h + plant_kw["water"],
        plant.inlet_c + broadcast_zeros(frac),
        loop.room_humidity_ratio + broadcast_zeros(frac),
    )


PRESET = CoolingPreset(
    id="chw_tower_wse",
    title="CRAH + water-cooled chillers + cooling towers + integrated waterside economizer",
    description=(
        "Lei-Masanet WEC model: free cooling from the tower through a heat exchanger when the wet bulb allows, "
        "chillers for the rest."
    ),
    model=chw_tower_wse,
    params=FACILITY + AIR_SIDE + LATENT + WATER_LOOP + CHILLER + TOWER,
    expected_pue_band=(1.25, 1.40),
    liquid_heat="water_loop",
    stages_chillers=True,
)
