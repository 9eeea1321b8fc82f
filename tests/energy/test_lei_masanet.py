"""Lei & Masanet single-hour PUE cases (pue_model.md V2-V5), run through the engine's presets.

The published values come from the authors' notebooks (Magnus psychrometrics, fsolve wet
bulb); the engine uses ASHRAE psychrometrics, so agreement is asked within 0.003 (V2-V4).
Parameters are mapped one to one onto the presets; each mapping is spelled out below.
"""

from __future__ import annotations

import numpy as np
import pytest

from dcplanner.model.site import LossModel
from dcplanner.solvers.energy import constant_efficiency, solve_energy
from dcplanner.solvers.energy.curves import lei_masanet_chiller_cop
from tests.energy.energy_sites import constant_weather, one_kw_site

COMMON_OFF = {"lighting_w_per_m2": 0.0, "misc_fraction_of_design_it": 0.0, "supply_approach_k": 0.0}


def lm_losses(ups_e: float, pd_lr: float) -> tuple[LossModel, LossModel]:
    # Loss_UPS = P/UPS_e - P; Loss_PD = P/(1 - PD_lr) - P  (both proportional to the load)
    return constant_efficiency(ups_e), LossModel(proportional_frac=pd_lr / (1.0 - pd_lr))


def test_v2_airside_economizer_adiabatic():
    w = [0.980302734, 0.00560546875, 0.00181445313, 10.3671875, 34.1953125, -10.4970703, 15.8320312,
         0.0901953125, 0.676464844, 14.7840712, 6.91894531, 4.28710938, 685.058594, 0.829931641,
         203.417969, 0.897802734, 7315820.31, 0.704492187, 146519.937, 0.790039062, 212001.820,
         0.716601562, 6.33818359, 0.224023438, 0.105488281, 1.11914062]  # fmt: skip
    params = {
        **COMMON_OFF,
        "lighting_fraction_of_it": w[2],
        "supply_air_min_c": w[3],  # T_sa_lower; T_sa_upper is the inlet set point below
        "room_dew_point_min_c": w[5],
        "supply_dew_point_max_c": 15.0,  # the notebook's first threshold is fixed at 27 °C / 15 °C DP
        "economizer_limit_dry_bulb_c": 27.0,
        "supply_rh_min": 0.2,  # fixed 20 % RH humidification threshold in the notebook
        "adiabatic_max_rh": 0.8,  # fixed 80 % RH second threshold
        "airside_integrated": 0,  # the notebook has no partial airside mode
        "sensible_heat_ratio": 1.0,
        "delta_t_air_k": w[9],
        "delta_t_water_k": w[10],
        "delta_t_condenser_k": w[11],
        "fan_pressure_pa": w[12],
        "fan_efficiency": w[13],
        "tower_fan_pa": w[14],
        "tower_fan_efficiency": w[15],
        "humidifier_pump_pa": w[16],
        "humidifier_pump_efficiency": w[17],
        "chw_pump_pa": w[18],
        "chw_pump_efficiency": w[19],
        "cw_pump_pa": w[20],
        "cw_pump_efficiency": w[21],
        "tower_approach_k": w[22],
        "chiller_part_load": w[23],
        "chiller_cop_adjust": w[24],
        "liquid_to_gas_ratio": w[25],
    }
    ups, pdu = lm_losses(w[0], w[1])
    site = one_kw_site("airside_adiabatic", params, supply_air_c=w[4], ups=ups, pdu=pdu)
    r = solve_energy(site, constant_weather(20.0, 0.40, 101325.0))
    assert r.annual_pue == pytest.approx(1.0746922969797756, abs=0.003)
    np.testing.assert_allclose(r.pue_hourly, r.annual_pue)
    assert r.mode_hours["full"] == r.hours  # 20 °C, 40 % RH: all outdoor air, no chiller
    assert r.cooling_energy_kwh["compressors"] == 0.0


def test_v3_waterside_economizer_cooling_tower():
    w = [0.980302734, 0.00560546875, 0.00181445313, 27.3671875, 18.8856337, 7.50488281, 4.13867188,
         416.992188, 0.713720703, 148.339844, 0.745947266, 6500976.56, 0.674023438, 156284.191,
         0.668945312, 171884.552, 0.745117188, 210534.680, 0.709960938, 6.50576172, 2.29404297,
         0.816601563, 0.986289063, 0.224023438, 0.105488281, 1.11914062]  # fmt: skip
    params = {
        **COMMON_OFF,
        "lighting_fraction_of_it": w[2],
        "delta_t_air_k": w[4],
        "delta_t_water_k": w[5],
        "delta_t_condenser_k": w[6],
        "fan_pressure_pa": w[7],
        "fan_efficiency": w[8],
        "tower_fan_pa": w[9],
        "tower_fan_efficiency": w[10],
        "humidifier_pump_pa": w[11],
        "humidifier_pump_efficiency": w[12],
        "wse_pump_pa": w[13],
        "wse_pump_efficiency": w[14],
        "chw_pump_pa": w[15],
        "chw_pump_efficiency": w[16],
        "cw_pump_pa": w[17],
        "cw_pump_efficiency": w[18],
        "tower_approach_k": w[19],
        "hx_approach_k": w[20],
        "coil_effectiveness": w[21],
        "sensible_heat_ratio": w[22],
        "chiller_part_load": w[23],
        "chiller_cop_adjust": w[24],
        "liquid_to_gas_ratio": w[25],
    }
    ups, pdu = lm_losses(w[0], w[1])
    site = one_kw_site("chw_tower_wse", params, supply_air_c=w[3], ups=ups, pdu=pdu)
    r = solve_energy(site, constant_weather(20.0, 0.40, 101325.0))
    assert r.annual_pue == pytest.approx(1.0887168184890426, abs=0.003)
    assert r.mode_hours["full"] == r.hours  # wet bulb 12.4 + 6.5 + 2.3 K is below the 23.1 °C supply water


def test_v4_seawater_economizer():
    w = [0.975556641, 0.0135351562, 0.000560546875, 34.2578125, 14.1438802, 9.49707031, 7.50488281,
         413.867188, 0.671240234, 6656835.94, 0.632226562, 136980.148, 0.628710937, 136194.518,
         0.743945313, 699398.438, 0.798242188, 2.49814453, 0.804492187, 0.971992187, 0.770117188,
         0.00880859375]  # fmt: skip
    params = {
        **COMMON_OFF,
        "lighting_fraction_of_it": w[2],
        "delta_t_air_k": w[4],
        "delta_t_water_k": w[5],
        "heat_sink": 1,
        "source_water_c": 20.0,
        "source_water_delta_t_k": w[6],
        "fan_pressure_pa": w[7],
        "fan_efficiency": w[8],
        "humidifier_pump_pa": w[9],
        "humidifier_pump_efficiency": w[10],
        "wse_pump_pa": w[11],
        "wse_pump_efficiency": w[12],
        "chw_pump_pa": w[13],
        "chw_pump_efficiency": w[14],
        "source_pump_pa": w[15],
        "source_pump_efficiency": w[16],
        "hx_approach_k": w[17],
        "coil_effectiveness": w[18],
        "sensible_heat_ratio": w[19],
        "chiller_part_load": w[20],
        "chiller_cop_adjust": w[21],
    }
    ups, pdu = lm_losses(w[0], w[1])
    site = one_kw_site("chw_tower_wse", params, supply_air_c=w[3], ups=ups, pdu=pdu)
    r = solve_energy(site, constant_weather(20.0, 0.40, 101325.0))
    assert r.annual_pue == pytest.approx(1.1140761465494835, abs=0.003)
    assert r.cooling_energy_kwh["heat_rejection_fans"] == 0.0  # no tower on a seawater sink


def test_v5_chiller_regression():
    # pue_model V5 [C]: COP(0.224023438, 15) = 9.4493; COP(0.5, 20) = 8.7789; COP(0.8, 30) = 6.4166
    got = lei_masanet_chiller_cop([0.224023438, 0.5, 0.8], [15.0, 20.0, 30.0])
    np.testing.assert_allclose(got, [9.4493, 8.7789, 6.4166], atol=5e-4)
