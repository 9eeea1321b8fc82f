"""Psychrometrics of moist air on numpy arrays, SI units (engine layer).

The equations are those of psychrolib 2.5 (ASHRAE Handbook — Fundamentals 2017, ch. 1), written
for whole arrays so that a year of hours is one call: Hyland–Wexler saturation pressure (eqn 5
and 6, switched at the triple point as psychrolib does), humidity ratio (eqn 20 and 22), moist-air
enthalpy (eqn 30), specific volume and density (eqn 26, 11), the wet bulb from eqn 33/35 and the
standard atmosphere (eqn 3). The test suite checks every function against psychrolib itself.

Temperatures in °C, pressures in Pa, relative humidity as a fraction (0–1), humidity ratio in
kg of water per kg of dry air, enthalpy in kJ per kg of dry air.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]

KELVIN = 273.15
TRIPLE_POINT_C = 0.01
R_DRY_AIR = 287.042  # J/(kg K), ASHRAE Fundamentals 2017 ch. 1 (psychrolib R_DA_SI)
MOLAR_MASS_RATIO = 0.621945  # water / dry air, eqn 20
MIN_HUM_RATIO = 1e-7  # psychrolib's floor for humidity ratio
CP_DRY_AIR_KJ = 1.006  # kJ/(kg K), eqn 30
CP_VAPOUR_KJ = 1.86  # kJ/(kg K), eqn 30
LATENT_0C_KJ = 2501.0  # kJ/kg, eqn 30

_WATER = (-5.8002206e3, 1.3914993, -4.8640239e-2, 4.1764768e-5, -1.4452093e-8, 6.5459673)
_ICE = (-5.6745359e3, 6.3925247, -9.677843e-3, 6.2215701e-7, 2.0747825e-9, -9.484024e-13, 4.1635019)


def _arr(x: ArrayLike) -> Array:
    return np.asarray(x, dtype=np.float64)


def _ln_sat_water(tk: Array) -> Array:
    c = _WATER
    return c[0] / tk + c[1] + tk * (c[2] + tk * (c[3] + tk * c[4])) + c[5] * np.log(tk)


def _ln_sat_ice(tk: Array) -> Array:
    c = _ICE
    return c[0] / tk + c[1] + tk * (c[2] + tk * (c[3] + tk * (c[4] + tk * c[5]))) + c[6] * np.log(tk)


def _d_ln_sat(tk: Array, over_ice: Array) -> Array:
    """Derivative of ln(Pws) with temperature (psychrolib ``dLnPws_``)."""
    w, i = _WATER, _ICE
    d_water = -w[0] / tk**2 + w[2] + 2 * w[3] * tk + 3 * w[4] * tk**2 + w[5] / tk
    d_ice = -i[0] / tk**2 + i[2] + 2 * i[3] * tk + 3 * i[4] * tk**2 + 4 * i[5] * tk**3 + i[6] / tk
    return np.where(over_ice, d_ice, d_water)


def sat_vapour_pressure_pa(t_c: ArrayLike) -> Array:
    """Saturation vapour pressure over water (over ice at or below 0.01 °C), Pa. Eqn 5/6."""
    t = _arr(t_c)
    tk = t + KELVIN
    ice = t <= TRIPLE_POINT_C
    if not np.any(ice):
        return np.exp(_ln_sat_water(tk))
    return np.exp(np.where(ice, _ln_sat_ice(tk), _ln_sat_water(tk)))


def standard_pressure_pa(elevation_m: ArrayLike) -> Array:
    """Standard-atmosphere barometric pressure at an elevation, Pa (eqn 3)."""
    return 101325.0 * (1.0 - 2.25577e-5 * _arr(elevation_m)) ** 5.2559


def humidity_ratio_from_vapour_pressure(pv_pa: ArrayLike, p_pa: ArrayLike) -> Array:
    """Humidity ratio from the partial pressure of water vapour (eqn 20)."""
    pv = _arr(pv_pa)
    return np.maximum(MOLAR_MASS_RATIO * pv / (_arr(p_pa) - pv), MIN_HUM_RATIO)


def vapour_pressure_from_humidity_ratio(w: ArrayLike, p_pa: ArrayLike) -> Array:
    """Partial pressure of water vapour from the humidity ratio (eqn 20 inverted)."""
    w = np.maximum(_arr(w), MIN_HUM_RATIO)
    return _arr(p_pa) * w / (MOLAR_MASS_RATIO + w)


def humidity_ratio_from_rel_humidity(t_c: ArrayLike, rh: ArrayLike, p_pa: ArrayLike) -> Array:
    """Humidity ratio from dry bulb and relative humidity (0–1)."""
    return humidity_ratio_from_vapour_pressure(_arr(rh) * sat_vapour_pressure_pa(t_c), p_pa)


def humidity_ratio_from_dew_point(t_dp_c: ArrayLike, p_pa: ArrayLike) -> Array:
    """Humidity ratio from the dew point (eqn 22)."""
    return humidity_ratio_from_vapour_pressure(sat_vapour_pressure_pa(t_dp_c), p_pa)


def sat_humidity_ratio(t_c: ArrayLike, p_pa: ArrayLike) -> Array:
    """Humidity ratio of saturated air (eqn 23)."""
    return humidity_ratio_from_dew_point(t_c, p_pa)


def rel_humidity_from_dew_point(t_c: ArrayLike, t_dp_c: ArrayLike) -> Array:
    """Relative humidity (0–1) from dry bulb and dew point."""
    return sat_vapour_pressure_pa(t_dp_c) / sat_vapour_pressure_pa(t_c)


def rel_humidity_from_humidity_ratio(t_c: ArrayLike, w: ArrayLike, p_pa: ArrayLike) -> Array:
    """Relative humidity (0–1) from dry bulb and humidity ratio."""
    return vapour_pressure_from_humidity_ratio(w, p_pa) / sat_vapour_pressure_pa(t_c)


def dew_point_from_vapour_pressure(pv_pa: ArrayLike) -> Array:
    """Dew (frost) point of a vapour pressure, °C: Newton on ln(Pws) as psychrolib does.

    The start value is the Magnus–Tetens inverse (within about 0.3 K from −40 to 50 °C); four
    Newton steps then converge to machine precision on this smooth function.
    """
    pv = np.maximum(_arr(pv_pa), 1e-6)
    ln_pv = np.log(pv)
    g = ln_pv - np.log(611.2)
    t = 243.12 * g / (17.62 - g)  # Magnus (Sonntag 1990 constants) as a first guess
    for _ in range(4):
        tk = t + KELVIN
        ice = t <= TRIPLE_POINT_C
        ln_ps = np.where(ice, _ln_sat_ice(tk), _ln_sat_water(tk))
        t = t - (ln_ps - ln_pv) / _d_ln_sat(tk, ice)
    return t


def dew_point_from_rel_humidity(t_c: ArrayLike, rh: ArrayLike) -> Array:
    """Dew point from dry bulb and relative humidity (0–1), never above the dry bulb."""
    t = _arr(t_c)
    return np.minimum(dew_point_from_vapour_pressure(_arr(rh) * sat_vapour_pressure_pa(t)), t)


def dew_point_from_humidity_ratio(t_c: ArrayLike, w: ArrayLike, p_pa: ArrayLike) -> Array:
    """Dew point from dry bulb and humidity ratio, never above the dry bulb."""
    return np.minimum(dew_point_from_vapour_pressure(vapour_pressure_from_humidity_ratio(w, p_pa)), _arr(t_c))


def humidity_ratio_from_wet_bulb(t_c: ArrayLike, t_wb_c: ArrayLike, p_pa: ArrayLike) -> Array:
    """Humidity ratio from dry and (thermodynamic) wet bulb (eqn 33 above freezing, 35 below)."""
    t, twb = _arr(t_c), _arr(t_wb_c)
    ws = sat_humidity_ratio(twb, p_pa)
    above = ((2501.0 - 2.326 * twb) * ws - 1.006 * (t - twb)) / (2501.0 + 1.86 * t - 4.186 * twb)
    below = ((2830.0 - 0.24 * twb) * ws - 1.006 * (t - twb)) / (2830.0 + 1.86 * t - 2.1 * twb)
    return np.where(twb >= 0.0, above, below)


def wet_bulb_from_humidity_ratio(t_c: ArrayLike, w: ArrayLike, p_pa: ArrayLike, tol_k: float = 1e-5) -> Array:
    """Thermodynamic wet bulb, °C: bisection between dew point and dry bulb as in psychrolib.

    Every element is bisected the same number of times (enough to shrink the widest bracket
    below ``tol_k``), so the loop runs over iterations, never over hours.
    """
    t = _arr(t_c)
    w = np.maximum(_arr(w), MIN_HUM_RATIO)
    p = _arr(p_pa)
    lo = dew_point_from_humidity_ratio(t, w, p)
    hi = t.copy() if t.ndim else np.array(t)
    lo, hi = np.broadcast_arrays(lo, hi)
    lo, hi = lo.copy(), hi.copy()
    width = float(np.max(hi - lo)) if lo.size else 0.0
    steps = max(int(np.ceil(np.log2(max(width, tol_k) / tol_k))), 1)
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        too_wet = humidity_ratio_from_wet_bulb(t, mid, p) > w
        hi = np.where(too_wet, mid, hi)
        lo = np.where(too_wet, lo, mid)
    return 0.5 * (lo + hi)


def wet_bulb_from_rel_humidity(t_c: ArrayLike, rh: ArrayLike, p_pa: ArrayLike) -> Array:
    """Thermodynamic wet bulb from dry bulb and relative humidity (0–1)."""
    return wet_bulb_from_humidity_ratio(t_c, humidity_ratio_from_rel_humidity(t_c, rh, p_pa), p_pa)


def enthalpy_kj_per_kg(t_c: ArrayLike, w: ArrayLike) -> Array:
    """Moist-air enthalpy per kg of dry air, kJ/kg (eqn 30)."""
    t = _arr(t_c)
    return CP_DRY_AIR_KJ * t + np.maximum(_arr(w), MIN_HUM_RATIO) * (LATENT_0C_KJ + CP_VAPOUR_KJ * t)


def dry_bulb_from_enthalpy(h_kj_per_kg: ArrayLike, w: ArrayLike) -> Array:
    """Dry bulb from enthalpy and humidity ratio (eqn 30 inverted)."""
    w = np.maximum(_arr(w), MIN_HUM_RATIO)
    return (_arr(h_kj_per_kg) - LATENT_0C_KJ * w) / (CP_DRY_AIR_KJ + CP_VAPOUR_KJ * w)


def humidity_ratio_from_enthalpy(h_kj_per_kg: ArrayLike, t_c: ArrayLike) -> Array:
    """Humidity ratio from enthalpy and dry bulb (eqn 30 inverted)."""
    t = _arr(t_c)
    return np.maximum((_arr(h_kj_per_kg) - CP_DRY_AIR_KJ * t) / (LATENT_0C_KJ + CP_VAPOUR_KJ * t), MIN_HUM_RATIO)


def moist_air_volume_m3_per_kg(t_c: ArrayLike, w: ArrayLike, p_pa: ArrayLike) -> Array:
    """Specific volume per kg of dry air, m³/kg (eqn 26)."""
    w = np.maximum(_arr(w), MIN_HUM_RATIO)
    return R_DRY_AIR * (_arr(t_c) + KELVIN) * (1.0 + 1.607858 * w) / _arr(p_pa)


def moist_air_density_kg_m3(t_c: ArrayLike, w: ArrayLike, p_pa: ArrayLike) -> Array:
    """Density of moist air (dry air plus its vapour), kg/m³ (eqn 11)."""
    w = np.maximum(_arr(w), MIN_HUM_RATIO)
    return (1.0 + w) / moist_air_volume_m3_per_kg(t_c, w, p_pa)


def specific_heat_kj_per_kg_k(w: ArrayLike) -> Array:
    """Specific heat of moist air per kg of dry air, kJ/(kg K): d(eqn 30)/dT."""
    return CP_DRY_AIR_KJ + CP_VAPOUR_KJ * np.maximum(_arr(w), MIN_HUM_RATIO)


def latent_heat_kj_per_kg(t_c: ArrayLike) -> Array:
    """Latent heat of vaporisation of water, kJ/kg.

    Quadratic fit used by Lei & Masanet (PUE_internalfunctions, ``Latent_heat_vaporization``):
    h_fg = −0.0013 T² − 2.3097 T + 2500.5 (2,453.7 kJ/kg at 20 °C; steam tables 2,453.5).
    """
    t = _arr(t_c)
    return -0.0013 * t * t - 2.3097 * t + 2500.5
