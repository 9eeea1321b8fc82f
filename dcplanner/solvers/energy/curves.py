"""Equipment performance curves: chillers, DX units, fans and pumps (engine layer).

Every function works on numpy arrays (or floats) and clips its inputs to the range its source
declares valid. Sources: pue_model.md §2.2-2.3, §4.1 and §6.5.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Values = float | Array  # one value, or one per hour or per batch member (numpy broadcasting)
KELVIN = 273.15
WATER_CP_KJ = 4.2  # kJ/(kg K), as Lei & Masanet
WATER_DENSITY = 1000.0  # kg/m³


def clamp(x: Values, lo: Values, hi: Values) -> Array:
    """``min(max(x, lo), hi)`` elementwise (np.clip without its per-call overhead)."""
    return np.minimum(np.maximum(x, lo), hi)


# --- Lei & Masanet water-cooled chiller regression (PUE_internalfunctions ``COP_Chiller``) ------------


def lei_masanet_chiller_cop(part_load: Values, condenser_c: Values) -> Array:
    """COP = 16.798751 + 0.008840 t² − 8.528931 L² + 9.885294 L − 0.760621 t + 0.084615 L t.

    ``t`` is the condenser-water temperature proxy (wet bulb + tower approach), clipped to
    5–35 °C, ``L`` the part-load ratio, clipped to 0.1–1.0 (pue_model §6.9 guard rails).
    """
    load = clamp(np.asarray(part_load, dtype=np.float64), 0.1, 1.0)
    t = clamp(np.asarray(condenser_c, dtype=np.float64), 5.0, 35.0)
    return 16.798751 + 0.008840 * t * t - 8.528931 * load * load + 9.885294 * load - 0.760621 * t + 0.084615 * load * t


# --- DOE-2 Centrifugal/5.50COP (EnergyPlus datasets/Chillers.idf) ------------------------------------

DOE2_CAPFT = (0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344)
DOE2_EIRFT = (0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215)
DOE2_EIRFPLR = (0.222903, 0.313387, 0.463710)
DOE2_CHW_RANGE_C = (5.0, 10.0)  # leaving chilled water, curve validity
DOE2_COND_RANGE_C = (24.0, 35.0)  # entering condenser water, curve validity
DOE2_MIN_PLR = 0.1


def biquadratic(c: tuple[float, ...], x: Values, y: Values) -> Array:
    """EnergyPlus Curve:Biquadratic c1 + c2 x + c3 x² + c4 y + c5 y² + c6 x y."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return c[0] + c[1] * x + c[2] * x * x + c[3] * y + c[4] * y * y + c[5] * x * y


def doe2_capft(chw_c: Values, cond_c: Values) -> Array:
    """Capacity multiplier at leaving chilled water and entering condenser water (clipped to validity)."""
    return biquadratic(DOE2_CAPFT, clamp(chw_c, *DOE2_CHW_RANGE_C), clamp(cond_c, *DOE2_COND_RANGE_C))


def doe2_eirft(chw_c: Values, cond_c: Values) -> Array:
    """Energy-input-ratio multiplier at leaving chilled water and entering condenser water."""
    return biquadratic(DOE2_EIRFT, clamp(chw_c, *DOE2_CHW_RANGE_C), clamp(cond_c, *DOE2_COND_RANGE_C))


def doe2_eirfplr(plr: Values) -> Array:
    """Energy-input-ratio multiplier at part load (quadratic), PLR floored at the curve minimum 0.1."""
    p = np.maximum(np.asarray(plr, dtype=np.float64), DOE2_MIN_PLR)
    c = DOE2_EIRFPLR
    return c[0] + c[1] * p + c[2] * p * p


def doe2_chiller_kw(
    load_kw: Values, unit_kw: Values, chw_c: Values, cond_c: Values, cop_ref: Values, stage_up: Values
) -> Array:
    """Electric power of a staged DOE-2 chiller plant meeting ``load_kw``.

    Chillers start one at a time when the running ones would pass ``stage_up`` of their
    available capacity; each runs at PLR = load / (n x unit x CAPFT) and draws
    unit x CAPFT / COP_ref x EIRFT x EIRFPLR(PLR) (EnergyPlus Chiller:Electric:EIR).
    """
    q = np.maximum(np.asarray(load_kw, dtype=np.float64), 0.0)
    cap_one = np.asarray(unit_kw) * doe2_capft(chw_c, cond_c)
    running = np.maximum(np.ceil(q / (cap_one * stage_up) - 1e-9), 1.0)
    plr = q / (running * cap_one)
    power = running * cap_one / cop_ref * doe2_eirft(chw_c, cond_c) * doe2_eirfplr(plr)
    return np.where(q > 0, power, 0.0)


def staged_part_load(load_kw: Values, unit_kw: Values, stage_up: Values, floor: Values) -> Array:
    """Part-load ratio of the running units when units are staged on at ``stage_up``."""
    q = np.maximum(np.asarray(load_kw, dtype=np.float64), 0.0)
    running = np.maximum(np.ceil(q / (np.asarray(unit_kw) * stage_up) - 1e-9), 1.0)
    return clamp(q / (running * unit_kw), floor, 1.0)


# --- DX units --------------------------------------------------------------------------------------

# EnergyPlus 1ZoneDataCenterCRAC_wApproachTemp.idf "Liebert Econophase EIR Func T" (outdoor dry bulb °C)
LIEBERT_T_C = (
    -50.0,
    -4.0,
    -1.2222,
    1.5555,
    4.3333,
    7.1111,
    9.8888,
    12.6667,
    15.4444,
    18.222,
    21.0,
    23.7778,
    26.5556,
    29.3333,
    32.1111,
    34.8889,
    50.0,
)
LIEBERT_EIR = (
    0.042,
    0.042,
    0.084,
    0.084,
    0.2269,
    0.2395,
    0.311,
    0.3697,
    0.4454,
    0.5462,
    0.6723,
    0.7227,
    0.7773,
    0.8193,
    0.895,
    1.0,
    1.5,
)
LIEBERT_FULL_ECONOMIZER_EIR = 0.084  # pumped refrigerant only at or below this (T_db <= 1.5555 °C)


def liebert_eir(outdoor_c: Values) -> Array:
    """EIR multiplier of the pumped-refrigerant DX unit (linear interpolation, clamped at the ends)."""
    return np.interp(np.asarray(outdoor_c, dtype=np.float64), LIEBERT_T_C, LIEBERT_EIR)


def dx_eir_linear(outdoor_c: Values, slope_per_k: Values, eir_min: Values) -> Array:
    """EIR multiplier 1 + slope (T − 35 °C), never below ``eir_min`` (pue_model §6.5A)."""
    return np.maximum(1.0 + slope_per_k * (np.asarray(outdoor_c, dtype=np.float64) - 35.0), eir_min)


def part_load_factor(plr: Values, degradation: Values) -> Array:
    """EnergyPlus PLF = 1 − c (1 − PLR): cycling losses at part load (0.85 + 0.15 PLR in the example)."""
    return 1.0 - degradation * (1.0 - clamp(plr, 0.0, 1.0))


# --- Air-cooled chillers ------------------------------------------------------------------------


def carnot_air_chiller_cop(
    leaving_water_c: Values,
    outdoor_c: Values,
    cop_rated: Values,
    evaporator_approach_k: Values,
    condenser_approach_k: Values,
    cop_max: Values,
) -> Array:
    """COP as a constant fraction of the Carnot COP between evaporating and condensing temperatures.

    T_ev = leaving water − evaporator approach, T_cd = outdoor + condenser approach; the Carnot
    fraction is fixed so that COP = ``cop_rated`` at 35 °C outdoor and 7 °C leaving water
    (pue_model §6.5C [U]). Capped at ``cop_max``.
    """
    t_ev = np.asarray(leaving_water_c, dtype=np.float64) - evaporator_approach_k + KELVIN
    t_cd = np.asarray(outdoor_c, dtype=np.float64) + condenser_approach_k + KELVIN
    rated_ev = 7.0 - np.asarray(evaporator_approach_k) + KELVIN
    rated_lift = 35.0 + np.asarray(condenser_approach_k) + KELVIN - rated_ev
    fraction = np.asarray(cop_rated) * rated_lift / rated_ev
    lift = np.maximum(t_cd - t_ev, 1e-3)
    return np.minimum(fraction * t_ev / lift, cop_max)


# --- Fans and pumps (Lei & Masanet ``Fan_Power`` / ``Pump_Power``) ----------------------------------


def fan_kw(volume_m3_s: Values, pressure_pa: Values, efficiency: Values) -> Array:
    """Fan power = volume flow × pressure rise / efficiency, kW."""
    return np.asarray(volume_m3_s) * pressure_pa / efficiency / 1000.0


def pump_kw(mass_kg_s: Values, pressure_pa: Values, efficiency: Values) -> Array:
    """Pump power = Δp × mass flow / (efficiency × water density), kW."""
    return pressure_pa * np.asarray(mass_kg_s) / (1000.0 * efficiency * WATER_DENSITY)


def water_flow_kg_s(heat_kw: Values, delta_t_k: Values) -> Array:
    """Water mass flow carrying ``heat_kw`` over a temperature rise, kg/s."""
    return np.asarray(heat_kw) / (WATER_CP_KJ * delta_t_k)
