"""Equipment curves, envelope classes, loss fits, IT load and preset parameters, by hand and
against the reference values of pue_model.md §8 (V6, V8, V9, V10)."""

from __future__ import annotations

import numpy as np
import pytest

from dcplanner.model.schema import ValidationError
from dcplanner.model.site import CoolingArchitecture, CoolingPlant, ItLoad, LossModel
from dcplanner.solvers.energy import PRESETS, curves, fit_loss_model, list_presets, parameter_issues, resolve_parameters
from dcplanner.solvers.energy.electrical import Stage, chain_stages, downstream_of_transformers, efficiency
from dcplanner.solvers.energy.envelope import CLASSES, classify
from dcplanner.solvers.energy.itload import build_it_model, daily_weekly_shape, utilisation_profile
from tests.energy.energy_sites import constant_weather
from tests.factories import small_site

# --- V6: DOE-2 Centrifugal/5.50COP ------------------------------------------------------------


@pytest.mark.parametrize(
    ("chw", "cond", "eirft", "capft", "cop"),
    [
        (6.67, 29.4, 0.99909, 1.00334, 5.505),
        (10.0, 24.0, 0.84846, 1.12454, 6.482),
        (10.0, 29.4, 0.93611, 1.08721, 5.875),
        (6.67, 35.0, 1.14258, 0.91295, 4.814),
    ],
)
def test_doe2_curves_v6(chw, cond, eirft, capft, cop):
    assert curves.doe2_eirft(chw, cond) == pytest.approx(eirft, abs=5e-5)
    assert curves.doe2_capft(chw, cond) == pytest.approx(capft, abs=5e-5)
    # one chiller at full load: COP = Q / P with Q = unit x CAPFT
    unit = 1000.0
    q = unit * curves.doe2_capft(chw, cond)
    p = curves.doe2_chiller_kw(q, unit, chw, cond, 5.5, 1.0)
    assert q / p == pytest.approx(cop, abs=5e-3)


def test_doe2_part_load_v6():
    np.testing.assert_allclose(curves.doe2_eirfplr([0.25, 0.5, 0.75, 1.0]), [0.33023, 0.49552, 0.71878, 1.0], atol=5e-5)
    unit = 1000.0
    cap = unit * curves.doe2_capft(6.67, 29.4)
    cops = [plr * cap / curves.doe2_chiller_kw(plr * cap, unit, 6.67, 29.4, 5.5, 1.0) for plr in (0.25, 0.5, 0.75, 1.0)]
    # the V6 table gives COP at the reference point with EIRFT taken as exactly 1 (it is 0.99909 there)
    np.testing.assert_allclose(np.array(cops) * curves.doe2_eirft(6.67, 29.4), [4.164, 5.550, 5.739, 5.500], atol=5e-3)


def test_doe2_staging_runs_more_chillers():
    # 1,500 kW on 1,000 kW units staged at 80 %: two run at 75 % each
    cap = 1000.0 * curves.doe2_capft(6.67, 29.4)
    p = curves.doe2_chiller_kw(1500.0, 1000.0, 6.67, 29.4, 5.5, 0.8)
    plr = 1500.0 / (2 * cap)
    expected = 2 * cap / 5.5 * curves.doe2_eirft(6.67, 29.4) * curves.doe2_eirfplr(plr)
    assert p == pytest.approx(float(expected))
    assert curves.doe2_chiller_kw(0.0, 1000.0, 6.67, 29.4, 5.5, 0.8) == 0.0


# --- V8: Liebert pumped-refrigerant table -------------------------------------------------------


def test_liebert_table_v8():
    got = curves.liebert_eir([-10.0, 0.0, 10.0, 21.0, 30.0, 40.0])
    np.testing.assert_allclose(got, [0.042, 0.084, 0.31335, 0.6723, 0.83747, 1.16912], atol=5e-5)
    assert curves.liebert_eir(-60.0) == pytest.approx(0.042) and curves.liebert_eir(60.0) == pytest.approx(1.5)


# --- V9: ASHRAE TC 9.9 envelopes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "dp", "expected"),
    [(27, 15, "recommended"), (32, 17, "A1"), (35, 21, "A2"), (40, 24, "A3"), (45, 24, "A4"), (14, 5, "A2")],
)
def test_envelope_classes_v9(t, dp, expected):
    assert CLASSES[int(classify(t, dp))] == expected


def test_envelope_humidity_limits():
    # 24 °C at 75 % RH (dew point 19.3 °C) breaks the recommended 70 % RH / 15 °C DP and A1's 17 °C DP
    assert CLASSES[int(classify(24.0, 19.3))] == "A2"
    assert CLASSES[int(classify(22.0, -10.0))] == "A1"  # below -9 °C DP, above -12 °C and 8 % RH
    assert CLASSES[int(classify(50.0, 10.0))] == "outside"
    assert CLASSES[int(classify(20.0, -15.0))] == "outside"  # drier than -12 °C DP


# --- V10: three-point UPS fit -----------------------------------------------------------------


def test_ups_fit_v10():
    lm = fit_loss_model({0.25: 0.94, 0.5: 0.955, 1.0: 0.95})
    assert (lm.no_load_frac, lm.proportional_frac, lm.square_law_frac) == pytest.approx(
        (0.01298, 0.00268, 0.03698), abs=5e-6
    )
    np.testing.assert_allclose(
        efficiency(lm, [0.1, 0.25, 0.5, 0.75, 1.0]), [0.8802, 0.94, 0.955, 0.9545, 0.95], atol=5e-5
    )
    assert "exact" in lm.source
    # a flatter vendor curve than the a + b x + c x² form allows: closest non-negative fit
    flat = fit_loss_model({0.25: 0.96, 0.5: 0.97, 1.0: 0.965})
    assert min(flat.no_load_frac, flat.proportional_frac, flat.square_law_frac) >= 0
    assert "non-negative least squares" in flat.source
    np.testing.assert_allclose(efficiency(flat, [0.25, 0.5, 1.0]), [0.96, 0.97, 0.965], atol=2e-3)
    with pytest.raises(ValueError, match=r"each fraction must lie between 0 and 0\.2"):
        fit_loss_model({0.25: 0.3, 0.5: 0.9, 1.0: 0.99})
    with pytest.raises(ValueError, match="exactly three"):
        fit_loss_model({0.5: 0.95, 1.0: 0.95})


# --- power chain by hand ------------------------------------------------------------------------


def test_stage_loss_with_redundancy_by_hand():
    # 2N: 4 modules of 50 kW = 200 kW installed carry 60 kW -> x = 0.3 per unit of installed rating
    st = Stage("ups", 200.0, 0.013, 0.003, 0.037)
    assert float(st.loss_kw(60.0)) == pytest.approx(200 * (0.013 + 0.003 * 0.3 + 0.037 * 0.09))
    # same load on N (2 modules, 100 kW): fewer idle losses, more square-law
    n = Stage("ups", 100.0, 0.013, 0.003, 0.037)
    assert float(n.loss_kw(60.0)) == pytest.approx(100 * (0.013 + 0.003 * 0.6 + 0.037 * 0.36))
    assert float(n.loss_kw(60.0)) < float(st.loss_kw(60.0))


def test_chain_order_by_hand():
    site = small_site()
    site.power.pdus.losses = LossModel(proportional_frac=0.01)
    site.power.cabling_losses = LossModel(proportional_frac=0.02)
    site.power.ups.losses = LossModel(proportional_frac=0.05)
    stages = chain_stages(site.power)
    c = downstream_of_transformers(stages, np.array([100.0]), 10.0)
    assert c.pdus[0] == pytest.approx(1.0)
    assert c.cabling[0] == pytest.approx(0.02 * 101.0)
    assert c.ups[0] == pytest.approx(0.05 * (101.0 + 2.02 + 10.0))
    assert c.ups_input[0] == pytest.approx(101.0 + 2.02 + 10.0 + 0.05 * 113.02)
    assert stages["transformers"].rating_kw == pytest.approx(2 * 200 * 0.9)
    assert stages["cabling"].rating_kw == stages["pdus"].rating_kw == pytest.approx(4 * 60)


# --- IT load --------------------------------------------------------------------------------------


def test_it_model_from_servers_and_budgets():
    site = small_site(cabinets_per_row=4, design_kw=10.0)  # 8 cabinets, one DGX A100 each (1.3 / 6.5 kW)
    it = build_it_model(site)
    assert it.idle_kw == pytest.approx(8 * 1.3) and it.dynamic_kw == pytest.approx(8 * 5.2)
    assert it.design_kw == pytest.approx(80.0)
    assert it.white_space_m2 == pytest.approx(80.0)
    for cab in site.halls[0].rows[1].cabinets:
        cab.servers = []  # four cabinets by budget: 10 kW x (0.3 + 0.7 u)
    it = build_it_model(site)
    assert it.idle_kw == pytest.approx(4 * 1.3 + 4 * 3.0)
    assert it.dynamic_kw == pytest.approx(4 * 5.2 + 4 * 7.0)
    assert float(it.power_kw(0.5)) == pytest.approx(4 * (1.3 + 2.6) + 4 * (3.0 + 3.5))
    assert (it.cabinets_with_servers, it.cabinets_by_budget) == (4, 4)


def test_liquid_share_follows_cabinet_types():
    site = small_site()
    for row in site.halls[0].rows:
        row.cabinet_type_id = "coldplate-600x1200-47u"
        for cab in row.cabinets:
            cab.type_id = "coldplate-600x1200-47u"
    it = build_it_model(site)
    assert it.liquid_fraction_at_full == pytest.approx(0.75)


def test_daily_weekly_profile_keeps_the_mean():
    w = constant_weather()
    load = ItLoad(utilisation=0.6, profile="daily_weekly", daily_swing=0.3, peak_hour=14, weekend_factor=0.8)
    u = utilisation_profile(load, w)
    assert u.mean() == pytest.approx(0.6, rel=1e-9)
    assert u[14] > u[2]  # afternoon above night
    weekday = u[w.weekday < 5].mean()
    weekend = u[w.weekday >= 5].mean()
    assert weekend / weekday == pytest.approx(0.8, rel=1e-6)
    shape = daily_weekly_shape(load, w)
    assert shape.max() / shape[w.weekday < 5].min() == pytest.approx(1.15 / 0.85, rel=1e-3)


def test_csv_profile(tmp_path):
    w = constant_weather()
    path = tmp_path / "u.csv"
    path.write_text("utilisation\n" + "\n".join("0.25" if k % 2 else "0.75" for k in range(8760)) + "\n")
    u = utilisation_profile(ItLoad(profile="csv", csv_path="u.csv"), w, tmp_path)
    assert u.mean() == pytest.approx(0.5) and u[0] == 0.75 and u[1] == 0.25
    path.write_text("utilisation\n" + "\n".join(["0.5"] * 100 + ["1.5"] + ["0.5"] * 8659) + "\n")
    with pytest.raises(ValueError, match=r"line 102: utilisation 1.5 is out of range; allowed 0 to 1"):
        utilisation_profile(ItLoad(profile="csv", csv_path=str(path)), w)


# --- presets and parameters --------------------------------------------------------------------------


def test_every_architecture_has_a_preset_with_sources():
    import typing

    assert set(PRESETS) == set(typing.get_args(CoolingArchitecture))
    listed = list_presets()
    assert len(listed) == 8
    for entry in listed:
        assert entry["parameters"], entry["architecture"]
        for q in entry["parameters"]:
            assert q["source"], f"{entry['architecture']}.{q['name']} has no source"
            assert q["min"] <= q["default"] <= q["max"], q["name"]


def test_parameter_errors_name_the_path_and_range():
    plant = CoolingPlant(architecture="chw_tower_wse", parameters={"fan_efficiency": 1.5, "warp_factor": 9.0})
    messages = [str(i) for i in parameter_issues(plant)]
    assert any(
        m.startswith("cooling.parameters.fan_efficiency: 1.5 is out of range; allowed from 0.2 to 0.95")
        for m in messages
    )
    assert any(
        m.startswith("cooling.parameters.warp_factor: unknown parameter of the chw_tower_wse preset") for m in messages
    )
    with pytest.raises(ValidationError, match=r"parameters\.heat_sink: 2 is not allowed; use 0 \(cooling tower"):
        resolve_parameters(CoolingPlant(architecture="chw_tower_wse", parameters={"heat_sink": 2}))
    with pytest.raises(ValidationError, match=r"cooling\.parameters\.supply_air_min_c: 30 °C is above the supply air"):
        resolve_parameters(
            CoolingPlant(architecture="airside_adiabatic", supply_air_c=27, parameters={"supply_air_min_c": 30})
        )


def test_resolved_parameters_take_overrides():
    p = resolve_parameters(CoolingPlant(architecture="immersion", parameters={"facility_water_supply_c": 45}))
    assert p["facility_water_supply_c"] == 45.0
    assert p["liquid_fraction"] == 0.95  # immersion default
    assert resolve_parameters(CoolingPlant(architecture="d2c_drycooler"))["liquid_fraction"] == 0.75
