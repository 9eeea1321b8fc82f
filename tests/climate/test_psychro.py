"""Vectorised psychrometrics against psychrolib (the ASHRAE reference implementation)."""

from __future__ import annotations

import numpy as np
import psychrolib as pl
import pytest

from dcplanner.climate import psychro

pl.SetUnitSystem(pl.SI)

T = np.linspace(-30.0, 50.0, 33)
RH = np.array([0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97, 1.0])
P = np.array([61640.0, 85598.7, 89875.0, 101325.0])
TT, RR, PP = (a.ravel() for a in np.meshgrid(T, RH, P, indexing="ij"))


def _ref(fn, *args):
    return np.array([fn(*row) for row in zip(*args, strict=True)])


def test_saturation_pressure_published_values():
    # psychrolib tests/test_psychrolib_si.py (pue_model.md V1), rel 3e-4
    got = psychro.sat_vapour_pressure_pa([-20.0, 5.0, 25.0, 50.0])
    np.testing.assert_allclose(got, [103.24, 872.6, 3169.7, 12351.3], rtol=3e-4)


def test_standard_pressure_published_values():
    got = psychro.standard_pressure_pa([500.0, 1000.0, 4000.0])
    np.testing.assert_allclose(got, [95461, 89875, 61640], atol=1)


def test_wet_bulb_published_value():
    assert psychro.wet_bulb_from_rel_humidity(7.0, 0.61, 100000.0) == pytest.approx(3.92667433781955, rel=1e-3)


def test_wet_bulb_round_trip_published():
    w = pl.GetHumRatioFromTWetBulb(30.0, 25.0, 95461.0)
    assert psychro.wet_bulb_from_humidity_ratio(30.0, w, 95461.0) == pytest.approx(25.0, abs=1e-3)


def test_saturation_pressure_grid():
    np.testing.assert_allclose(psychro.sat_vapour_pressure_pa(T), _ref(pl.GetSatVapPres, T), rtol=1e-12)


def test_humidity_ratio_grid():
    got = psychro.humidity_ratio_from_rel_humidity(TT, RR, PP)
    np.testing.assert_allclose(got, _ref(pl.GetHumRatioFromRelHum, TT, RR, PP), rtol=1e-3)


def test_dew_point_grid():
    got = psychro.dew_point_from_rel_humidity(TT, RR)
    np.testing.assert_allclose(got, _ref(pl.GetTDewPointFromRelHum, TT, RR), rtol=1e-3, atol=1e-6)


def test_wet_bulb_grid():
    # psychrolib bisects to 0.001 K; near 0 °C a relative test needs that absolute floor.
    got = psychro.wet_bulb_from_rel_humidity(TT, RR, PP)
    ref = _ref(pl.GetTWetBulbFromRelHum, TT, RR, PP)
    np.testing.assert_allclose(got, ref, rtol=1e-3, atol=1e-3)


def test_enthalpy_and_density_grid():
    w = _ref(pl.GetHumRatioFromRelHum, TT, RR, PP)
    np.testing.assert_allclose(
        psychro.enthalpy_kj_per_kg(TT, w) * 1000.0, _ref(pl.GetMoistAirEnthalpy, TT, w), rtol=1e-3, atol=1e-3
    )
    np.testing.assert_allclose(
        psychro.moist_air_density_kg_m3(TT, w, PP), _ref(pl.GetMoistAirDensity, TT, w, PP), rtol=1e-3
    )


def test_inverse_functions_round_trip():
    w = psychro.humidity_ratio_from_rel_humidity(TT, RR, PP)
    h = psychro.enthalpy_kj_per_kg(TT, w)
    np.testing.assert_allclose(psychro.dry_bulb_from_enthalpy(h, w), TT, atol=1e-9)
    np.testing.assert_allclose(psychro.humidity_ratio_from_enthalpy(h, TT), w, rtol=1e-9)
    np.testing.assert_allclose(psychro.rel_humidity_from_humidity_ratio(TT, w, PP), RR, rtol=1e-9)
    np.testing.assert_allclose(
        psychro.humidity_ratio_from_wet_bulb(TT, psychro.wet_bulb_from_humidity_ratio(TT, w, PP), PP),
        w,
        rtol=1e-3,
        atol=1e-7,
    )


def test_elevation_lowers_wet_bulb():
    # pue_model V5: psychrolib gives 22.3803 °C at sea level and 22.2559 °C at 85,598.7 Pa (1,400 m)
    got = psychro.wet_bulb_from_rel_humidity(25.0, 0.8, [101325.0, 85598.7])
    np.testing.assert_allclose(got, [22.3803, 22.2559], atol=2e-3)


def test_latent_heat_fit_matches_steam_tables():
    # IAPWS-IF97 h_fg: 2,501.0 kJ/kg at 0.01 °C, 2,453.5 at 20 °C, 2,406.0 at 40 °C
    np.testing.assert_allclose(psychro.latent_heat_kj_per_kg([0.01, 20.0, 40.0]), [2501.0, 2453.5, 2406.0], rtol=2e-3)
