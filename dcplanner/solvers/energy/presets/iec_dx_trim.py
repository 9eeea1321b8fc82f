"""Indirect evaporative cooling with DX trim (pue_model §6.5E)."""

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
    closed_air_loop,
    coil_latent,
    dx_compressor_kw,
    make_output,
)
from dcplanner.solvers.energy.presets.base import CoolingPreset
from dcplanner.solvers.energy.presets.params import AIR_SIDE, DX, FACILITY, IEC, LATENT, with_defaults


def iec_dx_trim(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """Indirect evaporative cooling with DX trim (pue_model §6.5E).

    Dry heat exchange when it reaches the supply set point, the spray otherwise; the scavenger
    fan slows (power ∝ speed³) when less than full effectiveness is needed; DX trims the rest.
    """
    q = air_kw + liquid_kw
    loop = closed_air_loop(q, out, p, plant, p["process_fan_pa"])
    t_ra, t_sa = loop.return_c, loop.supply_c
    span = t_ra - t_sa
    need_dry = span / np.maximum(t_ra - out.dry_bulb_c, 1e-6)  # effectiveness needed, dry
    need_wet = span / np.maximum(t_ra - out.wet_bulb_c, 1e-6)
    dry_ok = (out.dry_bulb_c < t_ra) & (need_dry <= p["iec_dry_effectiveness"])
    wet_allowed = bool(p["iec_wet_mode"])
    wet_ok = wet_allowed & (out.wet_bulb_c < t_ra) & (need_wet <= p["iec_wet_effectiveness"]) & ~dry_ok
    partial = ~dry_ok & ~wet_ok & (out.wet_bulb_c < t_ra if wet_allowed else out.dry_bulb_c < t_ra)
    eff_partial = p["iec_wet_effectiveness"] if wet_allowed else p["iec_dry_effectiveness"]
    sink_partial = out.wet_bulb_c if wet_allowed else out.dry_bulb_c
    drop_partial = np.maximum(eff_partial * (t_ra - sink_partial), 0.0)
    frac = np.where(dry_ok | wet_ok, 1.0, np.where(partial, np.minimum(drop_partial / span, 1.0), 0.0))
    q_iec = frac * q
    q_trim = q - q_iec
    speed = np.where(
        dry_ok,
        need_dry / p["iec_dry_effectiveness"],
        np.where(wet_ok, need_wet / p["iec_wet_effectiveness"], np.where(partial, 1.0, 0.0)),
    )
    speed = np.where(frac > 0, curves.clamp(speed, p["scavenger_min_flow_fraction"], 1.0), 0.0)
    scav_full = curves.fan_kw(
        loop.mass_kg_s * p["scavenger_flow_ratio"] * out.volume_m3_per_kg, p["scavenger_fan_pa"], p["fan_efficiency"]
    )
    wet = (wet_ok | (partial & wet_allowed)) & ~dry_ok
    q_wet = np.where(wet, q_iec, 0.0)
    evap_kg_s = p["iec_latent_share"] * q_wet / psychro.latent_heat_kj_per_kg(out.wet_bulb_c)
    water = evap_kg_s * (1.0 + 1.0 / (p["cycles_of_concentration"] - 1.0)) * 3600.0
    coil, humid, water_h = coil_latent(q_trim, p, t_sa)
    eir = curves.dx_eir_linear(out.dry_bulb_c, p["dx_eir_slope_per_k"], p["dx_eir_min"])
    comp = dx_compressor_kw(coil, eir, coil / plant.terminal_capacity_kw, p)
    zero = broadcast_zeros(frac)
    return make_output(
        {
            "air_fans": loop.fan_kw,
            "scavenger_fans": scav_full * speed**3,
            "compressors": comp,
            "humidification": humid,
            "spray_pumps": p["spray_pump_kw_per_kw"] * q_wet,
        },
        frac,
        water + water_h,
        plant.inlet_c + zero,
        loop.room_humidity_ratio + zero,
    )


PRESET = CoolingPreset(
    id="iec_dx_trim",
    title="Indirect evaporative cooling with DX trim",
    description="Air-to-air heat exchanger cooled dry or with spray by outdoor scavenger air; DX trims what is left.",
    model=iec_dx_trim,
    params=with_defaults(
        FACILITY + AIR_SIDE + LATENT + DX + IEC,
        delta_t_air_k=14.0,
        dx_cop_rated=4.5669,
        sensible_heat_ratio=1.0,
    ),
    expected_pue_band=(1.20, 1.35),
    liquid_heat="room_air",
    stages_chillers=False,
)
