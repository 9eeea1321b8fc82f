"""Building blocks of the cooling models hour by hour: air loops, coils, economizers, chillers,
towers, dry coolers, DX compressors (engine layer).

Each architecture's own model lives in its preset module (:mod:`dcplanner.solvers.energy.presets`)
and is assembled from these blocks. Every model takes the outdoor air of the year, the heat to
remove (``air_kw`` through the air path, ``liquid_kw`` through liquid loops) and the resolved
parameters, and returns power by component plus the economizer share of each hour. Inputs
broadcast: hours are the last axis, and any parameter may be a column of scenarios (shape
``(S, 1)``) for batch runs. No Python loops over hours. Equations: pue_model.md §4.1 (Lei & Masanet) and §6.4–6.7.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from dcplanner.climate import psychro
from dcplanner.solvers.energy import curves

Array = NDArray[np.float64]
Values = curves.Values
Params = Mapping[str, Values]

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


def broadcast_zeros(*arrays: Array) -> Array:
    return np.zeros(np.broadcast_shapes(*(np.shape(a) for a in arrays)))


def make_output(power: dict[str, Array], frac: Array, water: Array, inlet: Array, inlet_w: Array) -> CoolingOutput:
    unknown = set(power) - set(COMPONENTS)
    if unknown:
        raise KeyError(f"unknown cooling components {sorted(unknown)}")
    return CoolingOutput({k: power[k] for k in COMPONENTS if k in power}, frac, water, inlet, inlet_w)


# ---------------------------------------------------------------------------------------------
# Building blocks


@dataclass(frozen=True, slots=True)
class AirLoop:
    """A closed air loop through the IT: supply/return temperatures, dry-air flow and fan power."""

    supply_c: Values
    return_c: Values
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


def supply_water_c(supply_c: Values, return_c: Values, p: Params) -> Values:
    """Facility water from coil effectiveness: T_sfw = T_ra − (T_ra − T_sa) / HTE (Lei & Masanet)."""
    return return_c - (return_c - supply_c) / p["coil_effectiveness"]


def free_cooling_fraction(supply_water: Values, return_water: Values, sink_c: Values, integrated: Values) -> Array:
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
    chiller_kw: Array, condenser_heat_base_kw: Array, supply_water: Values, out: Outdoor, p: Params, plant: Plant
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
    chiller_kw: Array, reject_kw: Array, leaving_water_c: Values, free: Array, out: Outdoor, p: Params
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
# Parts shared by several architectures


def liquid_cabinets_on_water(liquid_kw: Array, p: Params) -> Array:
    """CDU pumps moving liquid-cooled cabinets' heat into the facility water."""
    flow = curves.water_flow_kg_s(liquid_kw, p["delta_t_liquid_k"])
    return curves.pump_kw(flow, p["cdu_pump_pa"], p["chw_pump_efficiency"])


def air_chiller_loop(air_kw: Array, liquid_kw: Array, out: Outdoor, p: Params, plant: Plant) -> dict[str, Array]:
    """CRAHs on a water loop with dry-cooler free cooling and air-cooled chiller trim (pue_model §6.5C):
    power by component, water, and the free-cooled and total loads (kW)."""
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
    r = air_chiller_loop(air_kw, 0.0 * liquid_kw, out, p, plant)
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
    zero = broadcast_zeros(frac)
    return make_output(power, frac, r["water"] + liq["water"], plant.inlet_c + zero, r["room_humidity_ratio"] + zero)


Architecture = Callable[[Array, Array, Outdoor, Params, Plant], CoolingOutput]
"""A preset's hourly model: (air_kw, liquid_kw, outdoor, params, plant) -> CoolingOutput."""
