"""Direct airside economizer with adiabatic cooling, water-cooled chillers otherwise (Lei-Masanet AE)."""

from __future__ import annotations

import numpy as np

from dcplanner.climate import psychro
from dcplanner.solvers.energy import curves
from dcplanner.solvers.energy.cooling import (
    Array,
    CoolingOutput,
    Outdoor,
    Params,
    Plant,
    broadcast_zeros,
    make_output,
    room_humidity_ratio,
    supply_water_c,
    water_cooled_chillers,
)
from dcplanner.solvers.energy.presets.base import CoolingPreset
from dcplanner.solvers.energy.presets.params import (
    AIR_SIDE,
    AIRSIDE,
    CHILLER,
    FACILITY,
    LATENT,
    TOWER,
    WATER_LOOP,
    with_defaults,
)


def airside_adiabatic(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """Direct airside economizer with adiabatic cooling (Lei-Masanet AE model), vectorised.

    Outdoor air is used (humidified, or adiabatically cooled to the supply temperature) while
    its enthalpy is below air at ``economizer_limit_dry_bulb_c`` and the maximum dew point, or
    below air at the supply temperature and ``adiabatic_max_rh``; integrated operation lets the
    chiller pre-cool outdoor air below the return temperature; otherwise the air recirculates
    through chilled-water coils on water-cooled chillers and towers.
    """
    q = air_kw + liquid_kw
    t_oa, w_oa, h_oa, pres = out.dry_bulb_c, out.humidity_ratio, out.enthalpy_kj_per_kg, out.pressure_pa
    t_min = p["supply_air_min_c"]
    t_max = plant.inlet_c - p["supply_approach_k"]
    t_sa = curves.clamp(t_oa, t_min, t_max)
    t_ra = t_sa + p["delta_t_air_k"]
    w_dp_max = psychro.humidity_ratio_from_dew_point(p["supply_dew_point_max_c"], pres)
    h_limit = psychro.enthalpy_kj_per_kg(p["economizer_limit_dry_bulb_c"], w_dp_max)
    # saturation pressure rises with temperature, so Pws(clip(T)) = clip(Pws(T)): no exp per variant
    p_sat_sa = curves.clamp(
        out.sat_pressure_pa, psychro.sat_vapour_pressure_pa(t_min), psychro.sat_vapour_pressure_pa(t_max)
    )
    w_rh_min = psychro.humidity_ratio_from_vapour_pressure(p["supply_rh_min"] * p_sat_sa, pres)
    w_rh_max = psychro.humidity_ratio_from_vapour_pressure(p["adiabatic_max_rh"] * p_sat_sa, pres)
    cond_a = h_oa < h_limit
    cond_b = ~cond_a & (h_oa <= psychro.enthalpy_kj_per_kg(t_sa, w_rh_max))
    full = cond_a | cond_b
    cools_adiabatically = (cond_a & (t_oa > t_sa)) | cond_b
    w_adiabatic = psychro.humidity_ratio_from_enthalpy(h_oa, t_sa)
    w_supply_full = np.where(cools_adiabatically, np.maximum(w_adiabatic, w_oa), np.maximum(w_oa, w_rh_min))
    partial = ~full & bool(p["airside_integrated"]) & (t_oa < t_ra) & (w_oa <= w_dp_max)
    w_room = room_humidity_ratio(out, p)
    w_supply = np.where(full, w_supply_full, np.where(partial, w_oa, w_room))
    cp = psychro.specific_heat_kj_per_kg_k(w_supply)
    mass = q / (cp * p["delta_t_air_k"])
    fan = curves.fan_kw(
        mass * psychro.moist_air_volume_m3_per_kg(t_sa, w_supply, pres), p["fan_pressure_pa"], p["fan_efficiency"]
    )
    humid_kg_s = np.where(full, mass * np.maximum(w_supply_full - w_oa, 0.0), 0.0)
    humid = curves.pump_kw(humid_kg_s, p["humidifier_pump_pa"], p["humidifier_pump_efficiency"])
    q_pre = np.where(partial, np.maximum(mass * cp * (t_oa - t_sa), 0.0), 0.0)
    q_mech = np.where(full, 0.0, np.where(partial, np.minimum(q_pre, q), q / p["sensible_heat_ratio"]))
    frac = np.where(full, 1.0, np.where(partial, 1.0 - np.minimum(q_pre, q) / np.maximum(q, 1e-12), 0.0))
    t_sfw = supply_water_c(t_sa, t_ra, p)
    plant_kw = water_cooled_chillers(q_mech, q_mech, t_sfw, out, p, plant)
    pumps = curves.pump_kw(
        curves.water_flow_kg_s(q_mech, p["delta_t_water_k"]), p["chw_pump_pa"], p["chw_pump_efficiency"]
    )
    inlet = t_sa + p["supply_approach_k"]
    return make_output(
        {
            "air_fans": fan,
            "compressors": plant_kw["compressors"],
            "chilled_water_pumps": pumps,
            "condenser_pumps": plant_kw["condenser_pumps"],
            "heat_rejection_fans": plant_kw["heat_rejection_fans"],
            "humidification": humid,
        },
        frac,
        humid_kg_s * 3600.0 + plant_kw["water"],
        inlet + broadcast_zeros(frac),
        w_supply + broadcast_zeros(frac),
    )


PRESET = CoolingPreset(
    id="airside_adiabatic",
    title="Direct airside economizer with adiabatic cooling",
    description=(
        "Lei-Masanet AE model: filtered outdoor air, adiabatically cooled and humidified, while its enthalpy "
        "allows; water-cooled chillers otherwise."
    ),
    model=airside_adiabatic,
    params=with_defaults(
        FACILITY + AIR_SIDE + AIRSIDE + LATENT + WATER_LOOP + CHILLER + TOWER,
        delta_t_air_k=15.0,
        fan_pressure_pa=700.0,
        sensible_heat_ratio=1.0,
    ),
    expected_pue_band=(1.10, 1.25),
    liquid_heat="room_air",
    stages_chillers=True,
)
