"""ASHRAE TC 9.9 (2021, 5th ed.) inlet-air envelopes for air-cooled IT (engine layer).

Reference card Table 2.1 (SI), pue_model.md §3.2 [V]:

=============  ============  =====================================================
envelope       dry bulb °C   humidity (non-condensing)
=============  ============  =====================================================
recommended    18 to 27      −9 °C DP to 15 °C DP and 70 % RH
A1 allowable   15 to 32      −12 °C DP and 8 % RH to 17 °C DP and 80 % RH
A2 allowable   10 to 35      −12 °C DP and 8 % RH to 21 °C DP and 80 % RH
A3 allowable   5 to 40       −12 °C DP and 8 % RH to 24 °C DP and 85 % RH
A4 allowable   5 to 45       −12 °C DP and 8 % RH to 24 °C DP and 90 % RH
=============  ============  =====================================================

An hour gets the tightest envelope that holds it: 0 recommended, 1–4 A1–A4, 5 outside A4.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dcplanner.climate import psychro

CLASSES = ("recommended", "A1", "A2", "A3", "A4", "outside")

# (t_min, t_max, dp_min, dp_max, rh_min, rh_max)
_LIMITS = (
    (18.0, 27.0, -9.0, 15.0, 0.0, 0.70),
    (15.0, 32.0, -12.0, 17.0, 0.08, 0.80),
    (10.0, 35.0, -12.0, 21.0, 0.08, 0.80),
    (5.0, 40.0, -12.0, 24.0, 0.08, 0.85),
    (5.0, 45.0, -12.0, 24.0, 0.08, 0.90),
)


def _limits_pa() -> tuple[tuple[float, float, float, float, float, float], ...]:
    """The envelopes with dew-point limits turned into vapour pressures (Pa)."""
    out = []
    for t_lo, t_hi, dp_lo, dp_hi, rh_lo, rh_hi in _LIMITS:
        pv_lo, pv_hi = (float(x) for x in psychro.sat_vapour_pressure_pa([dp_lo, dp_hi]))
        out.append((t_lo, t_hi, pv_lo, pv_hi, rh_lo, rh_hi))
    return tuple(out)


_LIMITS_PA = _limits_pa()


def classify_vapour_pressure(dry_bulb_c: ArrayLike, vapour_pressure_pa: ArrayLike) -> NDArray[np.int8]:
    """Envelope index per hour from dry bulb and water-vapour partial pressure.

    A dew-point limit is a vapour-pressure limit (the saturation pressure at that dew point),
    so no dew point has to be solved for.
    """
    t = np.asarray(dry_bulb_c, dtype=np.float64)
    pv = np.asarray(vapour_pressure_pa, dtype=np.float64)
    t, pv = np.broadcast_arrays(t, pv)
    rh = pv / psychro.sat_vapour_pressure_pa(t)
    out = np.full(t.shape, len(_LIMITS_PA), dtype=np.int8)
    eps = 1e-9
    for k in range(len(_LIMITS_PA) - 1, -1, -1):
        t_lo, t_hi, pv_lo, pv_hi, rh_lo, rh_hi = _LIMITS_PA[k]
        inside = (
            (t >= t_lo - eps)
            & (t <= t_hi + eps)
            & (pv >= pv_lo * (1 - 1e-9))
            & (pv <= pv_hi * (1 + 1e-9))
            & (rh >= rh_lo - eps)
            & (rh <= rh_hi + eps)
        )
        out[inside] = k
    return out


def classify(dry_bulb_c: ArrayLike, dew_point_c: ArrayLike) -> NDArray[np.int8]:
    """Envelope index per hour (0 recommended ... 4 A4, 5 outside all) from dry bulb and dew point."""
    t = np.asarray(dry_bulb_c, dtype=np.float64)
    dp = np.minimum(np.asarray(dew_point_c, dtype=np.float64), t)
    return classify_vapour_pressure(t, psychro.sat_vapour_pressure_pa(dp))


def classify_humidity_ratio(
    dry_bulb_c: ArrayLike, humidity_ratio: ArrayLike, pressure_pa: ArrayLike
) -> NDArray[np.int8]:
    """Envelope index per hour from dry bulb, humidity ratio and pressure."""
    pv = psychro.vapour_pressure_from_humidity_ratio(humidity_ratio, pressure_pa)
    return classify_vapour_pressure(dry_bulb_c, pv)
