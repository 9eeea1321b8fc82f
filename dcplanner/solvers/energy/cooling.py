"""Cooling architectures hour by hour: modes, fans, pumps, compressors, heat rejection, water
(engine layer).

Every function takes the outdoor air of the year, the heat to remove (``air_kw`` through the
air path, ``liquid_kw`` through liquid loops) and the resolved parameters, and returns power by
component plus the economizer share of each hour. Inputs broadcast: hours are the last axis,
and any parameter may be a column of scenarios (shape ``(S, 1)``) for batch runs. No Python
loops over hours. Equations: pue_model.md §4.1 (Lei & Masanet) and §6.4–6.7.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from dcplanner.climate import psychro
from dcplanner.solvers.energy import curves

Array = NDArray[np.float64]
Params = Mapping[str, "float | Array"]

COMPONENTS = (
    "air_fans",
    "scavenger_fans",
    "compressors",
    "chilled_water_pumps",
    "condenser_pumps",
    "heat_rejection_fans",
    "cdu_pumps",
    "humidification",
    "spray_pumps",
)
"""Cooling power components (kW), in the order reports list them."""

UPS_FED = ("air_fans", "scavenger_fans", "chilled_water_pumps", "cdu_pumps")
"""Components a UPS that ``feeds_cooling`` carries (air movers and pumps in or near the white space)."""


@dataclass(frozen=True, slots=True)
class Outdoor:
    """Outdoor air per hour (from the weather's cached psychrometrics)."""

    dry_bulb_c: Array
    wet_bulb_c: Array
    dew_point_c: Array
    humidity_ratio: Array
    enthalpy_kj_per_kg: Array
    volume_m3_per_kg: Array  # per kg of dry air
    pressure_pa: Array
    sat_pressure_pa: Array  # saturation vapour pressure at the dry bulb


@dataclass(frozen=True, slots=True)
class Plant:
    """What the cooling equipment is sized at (kW of cooling per unit)."""

    chiller_unit_kw: float
    terminal_capacity_kw: float  # all room units (CRAC/CRAH/IEC) together, for part load
    inlet_c: float | Array  # ITE inlet set point (cooling.supply_air_c)


@dataclass(slots=True)
class CoolingOutput:
    """Power by component (kW), economizer share (0–1) and water (L/h), per hour.

    ``power_kw`` holds only the components the architecture has; :meth:`component` gives
    zeros for the others.
    """

    power_kw: dict[str, Array]
    economizer_fraction: Array
    water_l_per_h: Array
    inlet_c: Array
    inlet_humidity_ratio: Array
    notes: list[str] = field(default_factory=list)

    @property
    def total_kw(self) -> Array:
        values = list(self.power_kw.values())
        total = values[0]
        for v in values[1:]:
            total = total + v
        return total

    def component(self, name: str) -> Array | float:
        return self.power_kw.get(name, 0.0)


def _zeros_like(*arrays: Array) -> Array:
    return np.zeros(np.broadcast_shapes(*(np.shape(a) for a in arrays)))


def _output(power: dict[str, Array], frac: Array, water: Array, inlet: Array, inlet_w: Array) -> CoolingOutput:
    unknown = set(power) - set(COMPONENTS)
    if unknown:
        raise KeyError(f"unknown cooling components {sorted(unknown)}")
    return CoolingOutput({k: power[k] for k in COMPONENTS if k in power}, frac, water, inlet, inlet_w)


# ---------------------------------------------------------------------------------------------
# Building blocks


@dataclass(frozen=True, slots=True)
class AirLoop:
    """A closed air loop through the IT: supply/return temperatures, dry-air flow and fan power."""

    supply_c: Array
    return_c: Array
    mass_kg_s: Array
    fan_kw: Array
    room_humidity_ratio: Array


def room_humidity_ratio(out: Outdoor, p: Params) -> Array:
    """Room moisture of a closed loop: the outdoor humidity ratio (infiltration) held inside the
    humidity-control band. W(clip(dp)) = clip(W(dp)) as W rises with dew point at fixed pressure."""
    lo = psychro.humidity_ratio_from_vapour_pressure(
        psychro.sat_vapour_pressure_pa(p["room_dew_point_min_c"]), out.pressure_pa
    )
    hi = psychro.humidity_ratio_from_vapour_pressure(
        psychro.sat_vapour_pressure_pa(p["room_dew_point_max_c"]), out.pressure_pa
    )
    return curves.clamp(out.humidity_ratio, lo, hi)


def closed_air_loop(air_kw: Array, out: Outdoor, p: Params, plant: Plant, fan_pa: float | Array) -> AirLoop:
    """Recirculating room air: T_sa = inlet − approach, T_ra = T_sa + ΔT, m = Q / (cp ΔT).

    Fan power = m × v(T_sa) × Δp / η with v the moist-air volume per kg of dry air (ASHRAE eqn 26).
    """
    supply = plant.inlet_c - p["supply_approach_k"]
    ret = supply + p["delta_t_air_k"]
    w_room = room_humidity_ratio(out, p)
    mass = air_kw / (psychro.specific_heat_kj_per_kg_k(w_room) * p["delta_t_air_k"])
    volume = mass * psychro.moist_air_volume_m3_per_kg(supply, w_room, out.pressure_pa)
    return AirLoop(supply, ret, mass, curves.fan_kw(volume, fan_pa, p["fan_efficiency"]), w_room)


def coil_latent(air_kw: Array, p: Params, coil_c: Array | float) -> tuple[Array, Array, Array]:
    """Coil load with latent part (Q/SHR), humidifier pump power and humidifier water (L/h).

    Lei & Masanet: the latent heat condensed on the coil is replaced by an atomising
    humidifier; water = latent / h_fg at the coil, pump = Δp × m / (η ρ).
    """
    coil_kw = air_kw / p["sensible_heat_ratio"]
    latent = coil_kw - air_kw
    water_kg_s = latent / psychro.latent_heat_kj_per_kg(coil_c)
    pump = curves.pump_kw(water_kg_s, p["humidifier_pump_pa"], p["humidifier_pump_efficiency"])
    return coil_kw, pump, water_kg_s * 3600.0


def supply_water_c(supply_c: Array, return_c: Array, p: Params) -> Array:
    """Facility water from coil effectiveness: T_sfw = T_ra − (T_ra − T_sa) / HTE (Lei & Masanet)."""
    return return_c - (return_c - supply_c) / p["coil_effectiveness"]


def free_cooling_fraction(supply_water: Array, return_water: Array, sink_c: Array, integrated: float) -> Array:
    """Share of the load an economizer heat exchanger takes: 1 when the sink reaches the supply
    water, linear to 0 at the return water (integrated), or all-or-nothing."""
    frac = curves.clamp((return_water - sink_c) / (return_water - supply_water), 0.0, 1.0)
    if integrated:
        return frac
    return np.where(frac >= 1.0, 1.0, 0.0)


def tower_water_l_per_h(heat_kw: Array, wet_bulb_c: Array, flow_kg_s: Array, p: Params) -> Array:
    """Tower evaporation, drift and blow-down (Lei & Masanet water model; pue_model §6.7)."""
    t_ct = wet_bulb_c + p["tower_approach_k"] + 0.5 * p["delta_t_condenser_k"]
    evap = heat_kw / psychro.latent_heat_kj_per_kg(t_ct)
    drift = p["drift_fraction"] * flow_kg_s
    blowdown = np.maximum(evap / (p["cycles_of_concentration"] - 1.0) - drift, 0.0)
    return (evap + drift + blowdown) * 3600.0


def water_cooled_chillers(
    chiller_kw: Array, condenser_heat_base_kw: Array, supply_water: Array, out: Outdoor, p: Params, plant: Plant
) -> dict[str, Array]:
    """Chiller power, condenser pumps, tower fans and tower water for a chiller load.

    ``condenser_heat_base_kw`` is the heat the condenser side rejects besides the chiller's
    own power (the whole cooling load when the economizer shares the tower, as in Lei-Masanet's
    WEC model). COP: Lei-Masanet regression at t = wet bulb + tower approach (or the sink water),
    or the staged DOE-2 centrifugal curves.
    """
    fixed_sink = bool(p["heat_sink"])
    cond_c = p["source_water_c"] + 0.0 * out.wet_bulb_c if fixed_sink else out.wet_bulb_c + p["tower_approach_k"]
    if p["chiller_model"]:
        power = curves.doe2_chiller_kw(
            chiller_kw,
            plant.chiller_unit_kw,
            supply_water,
            cond_c,
            p["chiller_cop_rated"],
            p["chiller_stage_up_load"],
        )
    else:
        fixed = p["chiller_part_load"]
        staged = curves.staged_part_load(
            chiller_kw, plant.chiller_unit_kw, p["chiller_stage_up_load"], p["chiller_min_part_load"]
        )
        part_load = np.where(fixed > 0, fixed, staged)
        cop = curves.lei_masanet_chiller_cop(part_load, cond_c) * (1.0 + p["chiller_cop_adjust"])
        power = chiller_kw / cop
    heat = condenser_heat_base_kw + power
    if fixed_sink:
        flow = curves.water_flow_kg_s(heat, p["source_water_delta_t_k"])
        return {
            "compressors": power,
            "condenser_pumps": curves.pump_kw(flow, p["source_pump_pa"], p["source_pump_efficiency"]),
            "heat_rejection_fans": np.zeros_like(power),
            "water": np.zeros_like(power),
        }
    flow = curves.water_flow_kg_s(heat, p["delta_t_condenser_k"])
    air_m3_s = flow / p["liquid_to_gas_ratio"] * out.volume_m3_per_kg
    return {
        "compressors": power,
        "condenser_pumps": curves.pump_kw(flow, p["cw_pump_pa"], p["cw_pump_efficiency"]),
        "heat_rejection_fans": curves.fan_kw(air_m3_s, p["tower_fan_pa"], p["tower_fan_efficiency"]),
        "water": tower_water_l_per_h(heat, out.wet_bulb_c, flow, p),
    }


def adiabatic_air_c(out: Outdoor, p: Params) -> tuple[Array, Array]:
    """Air temperature at dry coolers / condensers, and the cooling the spray gives (K).

    With adiabatic assist above the switch temperature: T = T_db − ε (T_db − T_wb).
    """
    if not p["adiabatic_assist"]:
        return out.dry_bulb_c, np.zeros_like(out.dry_bulb_c)
    drop = np.where(
        out.dry_bulb_c > p["adiabatic_switch_c"], p["adiabatic_effectiveness"] * (out.dry_bulb_c - out.wet_bulb_c), 0.0
    )
    return out.dry_bulb_c - drop, drop


def adiabatic_water_l_per_h(reject_kw: Array, drop_k: Array, out: Outdoor, p: Params) -> Array:
    """Water evaporated to pre-cool the dry-cooler air: m_air cp ΔT_drop / h_fg, with the air
    flow set by the dry cooler's air temperature rise (pue_model §6.5C)."""
    if not p["adiabatic_assist"]:
        return np.zeros_like(np.asarray(reject_kw) * drop_k)
    evap = reject_kw * drop_k / (p["drycooler_air_delta_t_k"] * psychro.latent_heat_kj_per_kg(out.wet_bulb_c))
    return evap * 3600.0


def air_cooled_chillers(
    chiller_kw: Array, reject_kw: Array, leaving_water_c: Array, free: Array, out: Outdoor, p: Params
) -> dict[str, Array]:
    """Air-cooled chiller (Carnot-fraction COP) and dry-cooler fans for one water loop.

    ``free`` is the economizer share; fans run at the free-cooling rate only when it is 1.
    """
    air_c, drop = adiabatic_air_c(out, p)
    cop = curves.carnot_air_chiller_cop(
        leaving_water_c,
        air_c,
        p["air_chiller_cop_rated"],
        p["evaporator_approach_k"],
        p["condenser_approach_k"],
        p["chiller_cop_max"],
    )
    power = chiller_kw / cop
    heat = reject_kw + power
    rate = np.where(free >= 1.0, p["drycooler_fan_kw_per_kw"], p["condenser_fan_kw_per_kw"])
    return {
        "compressors": power,
        "heat_rejection_fans": heat * rate,
        "water": adiabatic_water_l_per_h(heat, drop, out, p),
    }


def dx_compressor_kw(coil_kw: Array, eir: Array, plr: Array, p: Params) -> Array:
    """DX compressor (and condenser fan) power: Q × EIR / COP_rated / PLF(PLR)."""
    return coil_kw * eir / p["dx_cop_rated"] / curves.part_load_factor(plr, p["dx_degradation_coefficient"])


# ---------------------------------------------------------------------------------------------
# Architectures


def dx_crac(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """DX room units, compressors all year (pue_model §6.5A)."""
    loop = closed_air_loop(air_kw + liquid_kw, out, p, plant, p["fan_pressure_pa"])
    coil, humid, water = coil_latent(air_kw + liquid_kw, p, loop.supply_c)
    eir = curves.dx_eir_linear(out.dry_bulb_c, p["dx_eir_slope_per_k"], p["dx_eir_min"])
    comp = dx_compressor_kw(coil, eir, coil / plant.terminal_capacity_kw, p)
    zero = _zeros_like(comp)
    return _output(
        {"air_fans": loop.fan_kw, "compressors": comp, "humidification": humid},
        zero,
        water,
        plant.inlet_c + zero,
        loop.room_humidity_ratio + zero,
    )


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
    zero = _zeros_like(comp)
    return _output(
        {"air_fans": loop.fan_kw, "compressors": comp, "humidification": humid},
        frac + zero,
        water,
        plant.inlet_c + zero,
        loop.room_humidity_ratio + zero,
    )


def _liquid_cabinets_on_water(liquid_kw: Array, p: Params) -> Array:
    """CDU pumps moving liquid-cooled cabinets' heat into the facility water."""
    flow = curves.water_flow_kg_s(liquid_kw, p["delta_t_liquid_k"])
    return curves.pump_kw(flow, p["cdu_pump_pa"], p["chw_pump_efficiency"])


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
    return _output(
        {
            "air_fans": loop.fan_kw,
            "compressors": plant_kw["compressors"],
            "chilled_water_pumps": pumps,
            "condenser_pumps": plant_kw["condenser_pumps"],
            "heat_rejection_fans": plant_kw["heat_rejection_fans"],
            "cdu_pumps": _liquid_cabinets_on_water(liquid_kw, p),
            "humidification": humid,
        },
        frac,
        water_h + plant_kw["water"],
        plant.inlet_c + _zeros_like(frac),
        loop.room_humidity_ratio + _zeros_like(frac),
    )


def _air_chiller_loop(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> dict[str, Array]:
    loop = closed_air_loop(air_kw, out, p, plant, p["fan_pressure_pa"])
    coil, humid, water_h = coil_latent(air_kw, p, loop.supply_c)
    load = coil + liquid_kw
    t_sfw = supply_water_c(loop.supply_c, loop.return_c, p)
    t_rfw = t_sfw + p["delta_t_water_k"]
    air_c, _ = adiabatic_air_c(out, p)
    frac = free_cooling_fraction(
        t_sfw, t_rfw, air_c + p["drycooler_approach_k"] + p["hx_approach_k"], p["wse_integrated"]
    )
    q_free = frac * load
    q_ch = load - q_free
    chillers = air_cooled_chillers(q_ch, load, t_sfw, frac, out, p)
    pumps = curves.pump_kw(
        curves.water_flow_kg_s(q_ch, p["delta_t_water_k"]), p["chw_pump_pa"], p["chw_pump_efficiency"]
    )
    pumps = pumps + curves.pump_kw(
        curves.water_flow_kg_s(q_free, p["delta_t_water_k"]), p["wse_pump_pa"], p["wse_pump_efficiency"]
    )
    return {
        "air_fans": loop.fan_kw,
        "compressors": chillers["compressors"],
        "chilled_water_pumps": pumps,
        "heat_rejection_fans": chillers["heat_rejection_fans"],
        "humidification": humid,
        "water": water_h + chillers["water"],
        "free_kw": q_free,
        "load_kw": load,
        "room_humidity_ratio": loop.room_humidity_ratio,
    }


def air_chiller_drycooler(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """Air-cooled chillers with dry-cooler free cooling, optional adiabatic assist (pue_model §6.5C)."""
    r = _air_chiller_loop(air_kw, liquid_kw, out, p, plant)
    frac = np.divide(r["free_kw"], r["load_kw"], out=np.zeros_like(r["load_kw"]), where=r["load_kw"] > 0)
    power = {
        k: r[k] for k in ("air_fans", "compressors", "chilled_water_pumps", "heat_rejection_fans", "humidification")
    }
    power["cdu_pumps"] = _liquid_cabinets_on_water(liquid_kw, p)
    zero = _zeros_like(frac)
    return _output(power, frac, r["water"], plant.inlet_c + zero, r["room_humidity_ratio"] + zero)


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
    zero = _zeros_like(frac)
    return _output(
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
    return _output(
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
        inlet + _zeros_like(frac),
        w_supply + _zeros_like(frac),
    )


def liquid_drycooler(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> CoolingOutput:
    """Warm-water liquid cooling on dry coolers with chiller trim, plus the air residual on
    air-cooled chillers with dry-cooler free cooling (pue_model §6.5F + C)."""
    t_fws = p["facility_water_supply_c"]
    t_rfw = t_fws + p["delta_t_liquid_k"]
    air_c, _ = adiabatic_air_c(out, p)
    frac_liq = free_cooling_fraction(t_fws, t_rfw, air_c + p["liquid_drycooler_approach_k"], 1.0)
    q_free_liq = frac_liq * liquid_kw
    q_ch_liq = liquid_kw - q_free_liq
    liq = air_cooled_chillers(q_ch_liq, liquid_kw, t_fws + 0.0 * air_c, frac_liq, out, p)
    flow = curves.water_flow_kg_s(liquid_kw, p["delta_t_liquid_k"])
    cdu = curves.pump_kw(flow, p["cdu_tcs_pump_pa"] + p["cdu_fws_pump_pa"], p["cdu_pump_efficiency"])
    r = _air_chiller_loop(air_kw, 0.0 * liquid_kw, out, p, plant)
    total = r["load_kw"] + liquid_kw
    frac = np.divide(r["free_kw"] + q_free_liq, total, out=np.zeros_like(total), where=total > 0)
    power = {
        "air_fans": r["air_fans"],
        "compressors": r["compressors"] + liq["compressors"],
        "chilled_water_pumps": r["chilled_water_pumps"],
        "heat_rejection_fans": r["heat_rejection_fans"] + liq["heat_rejection_fans"],
        "cdu_pumps": cdu,
        "humidification": r["humidification"],
    }
    zero = _zeros_like(frac)
    return _output(power, frac, r["water"] + liq["water"], plant.inlet_c + zero, r["room_humidity_ratio"] + zero)


Architecture = Callable[[Array, Array, Outdoor, Params, Plant], CoolingOutput]

ARCHITECTURES: dict[str, Architecture] = {
    "dx_crac": dx_crac,
    "dx_pumped_refrigerant": dx_pumped_refrigerant,
    "chw_tower_wse": chw_tower_wse,
    "air_chiller_drycooler": air_chiller_drycooler,
    "iec_dx_trim": iec_dx_trim,
    "airside_adiabatic": airside_adiabatic,
    "d2c_drycooler": liquid_drycooler,
    "immersion": liquid_drycooler,
}

LIQUID_ARCHITECTURES = ("d2c_drycooler", "immersion")
WATER_LOOP_ARCHITECTURES = ("chw_tower_wse", "air_chiller_drycooler")
"""Liquid-cooled cabinets' heat goes to the liquid loop (liquid presets) or, through CDUs, to
the facility water (water-loop presets); other presets treat it as room air."""
