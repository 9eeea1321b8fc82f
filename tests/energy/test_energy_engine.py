"""The energy engine end to end: energy balance, physical ordering, sample sites in Guizhou,
the synthesised Guiyang year against the real file, batch runs and hooks."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from dcplanner.climate import builtin_weather
from dcplanner.climate.epw import read_epw
from dcplanner.climate.weather import with_pressure_for_elevation
from dcplanner.io.project_file import load_project
from dcplanner.model.site import LossModel, Site
from dcplanner.solvers.energy import (
    PRESETS,
    EnergyCancelled,
    annual_energy_at_loads,
    energy_json,
    fit_loss_model,
    solve_energy,
    solve_energy_batch,
)
from dcplanner.solvers.energy.cooling import COMPONENTS
from dcplanner.solvers.energy.engine import design_peak_kw, prepare
from dcplanner.solvers.progress import Cancelled, CancelToken
from tests.shared_climate import GUANGZHOU_EPW, GUIYANG_EPW, needs_shared_climate


@pytest.fixture(scope="module")
def guian(sample_paths) -> Site:
    return load_project(sample_paths["guian_supercomputing"]).site


def with_arch(site: Site, arch: str, **params: float) -> Site:
    s = copy.deepcopy(site)
    s.cooling.architecture = arch
    s.cooling.parameters = dict(params)
    return s


@pytest.mark.parametrize("arch", list(PRESETS))
def test_energy_balance_every_hour(guian, arch):
    site = with_arch(guian, arch)
    site.power.ups.feeds_cooling = arch == "chw_tower_wse"  # exercise the UPS-fed pass once
    site.it_load.profile = "daily_weekly"
    r = solve_energy(site, builtin_weather("guangzhou"))
    parts = (
        r.it_kw
        + sum(r.cooling_kw[k] for k in COMPONENTS)
        + sum(r.electrical_loss_kw.values())
        + r.lighting_kw
        + r.misc_kw
    )
    np.testing.assert_allclose(parts, r.total_kw, rtol=1e-12)
    assert np.all(r.total_kw > r.it_kw)
    # annual PUE is an energy ratio, not a mean of hourly ratios
    assert r.annual_pue == pytest.approx(r.total_kw.sum() / r.it_kw.sum())
    assert r.annual_pue != pytest.approx(float(np.mean(r.pue_hourly)), abs=1e-9)
    monthly = r.monthly_pue
    assert monthly.shape == (12,)
    assert np.sum(monthly * r.monthly_it_energy_kwh) / r.it_energy_kwh == pytest.approx(r.annual_pue)
    assert sum(r.mode_hours.values()) == r.hours == int(r.monthly_mode_hours.sum())
    assert r.cue_kg_per_kwh == pytest.approx(site.economics.grid_emission_kg_per_kwh * r.annual_pue)
    assert r.ppue_cooling - 1 + r.ppue_power - 1 < r.annual_pue - 1


@pytest.mark.parametrize("arch", list(PRESETS))
def test_same_design_lower_pue_in_guiyang_than_guangzhou(guian, arch):
    site = with_arch(guian, arch)
    cool = solve_energy(site, builtin_weather("guiyang"))
    warm = solve_energy(site, builtin_weather("guangzhou"))
    assert cool.annual_pue < warm.annual_pue
    assert cool.ppue_cooling < warm.ppue_cooling


def test_higher_ups_efficiency_lowers_pue(guian):
    base = solve_energy(guian, builtin_weather("guiyang"))
    better = copy.deepcopy(guian)
    better.power.ups.losses = fit_loss_model({0.25: 0.958, 0.5: 0.968, 1.0: 0.966})
    improved = solve_energy(better, builtin_weather("guiyang"))
    assert improved.annual_pue < base.annual_pue
    assert improved.electrical_loss_energy_kwh["ups"] < base.electrical_loss_energy_kwh["ups"]
    # less UPS heat also means a little less cooling
    assert improved.ppue_cooling < base.ppue_cooling


@pytest.mark.parametrize("arch", ["chw_tower_wse", "air_chiller_drycooler", "iec_dx_trim", "airside_adiabatic"])
def test_free_cooling_hours_rise_with_supply_air(guian, arch):
    hours = []
    for supply in (20.0, 23.0, 26.0):
        site = with_arch(guian, arch)
        site.cooling.supply_air_c = supply
        hours.append(solve_energy(site, builtin_weather("shanghai")).mode_hours["full"])
    if arch == "airside_adiabatic":
        # outdoor air below the fixed 27 °C / 15 °C DP enthalpy limit is used at any set point
        # (Lei-Masanet); only the adiabatic range grows with the set point
        assert hours[0] <= hours[1] < hours[2], hours
    else:
        assert hours[0] < hours[1] < hours[2], hours


def test_water_use_by_architecture(guian):
    w = builtin_weather("guiyang")
    assert solve_energy(with_arch(guian, "chw_tower_wse"), w).wue_l_per_kwh > 1.0  # tower evaporation
    assert solve_energy(with_arch(guian, "air_chiller_drycooler", sensible_heat_ratio=1.0), w).water_l == 0.0
    dry = solve_energy(with_arch(guian, "air_chiller_drycooler"), w)
    wet = solve_energy(with_arch(guian, "air_chiller_drycooler", adiabatic_assist=1), w)
    assert wet.water_l > dry.water_l
    assert wet.cooling_energy_kwh["compressors"] < dry.cooling_energy_kwh["compressors"]


def test_dx_without_economizer_has_no_free_hours(guian):
    r = solve_energy(with_arch(guian, "dx_crac"), builtin_weather("guiyang"))
    assert r.mode_hours == {"mechanical": r.hours, "partial": 0, "full": 0}
    pumped = solve_energy(with_arch(guian, "dx_pumped_refrigerant"), builtin_weather("beijing"))
    # full pumped-refrigerant economizer exactly at or below 1.5555 °C outdoor (Liebert table)
    assert pumped.mode_hours["full"] == int(np.count_nonzero(pumped.dry_bulb_c <= 1.5555))


def test_liquid_share_from_cabinets_and_parameter(sample_paths):
    turing = load_project(sample_paths["turing_town"]).site
    w = builtin_weather("guiyang")
    r = solve_energy(turing, w)
    assert r.liquid_fraction == pytest.approx(0.75)  # cold-plate cabinet type
    forced = copy.deepcopy(turing)
    forced.cooling.parameters["liquid_fraction"] = 0.9
    r2 = solve_energy(forced, w)
    assert r2.liquid_fraction == pytest.approx(0.9)
    assert r2.cooling_energy_kwh["air_fans"] < r.cooling_energy_kwh["air_fans"]
    air = with_arch(turing, "iec_dx_trim")
    assert any("treated as room air" in n for n in solve_energy(air, w).notes)


def test_sample_sites_give_plausible_guizhou_pue(sample_paths):
    # pue_model §6.8 planning bands; Gui'an parks report PUE < 1.2 (hardware_sites §5)
    for name in ("anshun", "guian_supercomputing", "turing_town"):
        site = load_project(sample_paths[name]).site
        r = solve_energy(site, builtin_weather(site.climate.builtin_id))
        lo, hi = PRESETS[site.cooling.architecture].expected_pue_band
        assert r.annual_pue >= 1.1, (name, r.annual_pue)
        assert r.annual_pue <= 1.25, (name, r.annual_pue)
        assert lo - 0.06 <= r.annual_pue <= hi, (name, r.annual_pue)
        assert r.hours_outside_recommended == 0  # closed air loops hold the inlet at the set point
        assert r.design_peak_facility_kw > r.peak_facility_kw


@pytest.mark.parametrize("arch", list(PRESETS))
def test_design_peak_candidate_hours_find_the_true_peak(guian, arch):
    site = with_arch(guian, arch)
    for climate in ("guangzhou", "hohhot"):
        prep = prepare(site, builtin_weather(climate))
        every_hour = design_peak_kw(prep, np.arange(prep.weather.hours))
        assert design_peak_kw(prep) == pytest.approx(every_hour, rel=1e-12)


def test_energy_json_contract(guian):
    r = solve_energy(guian, builtin_weather("guiyang"))
    j = energy_json(r)
    for key in (
        "annual_pue",
        "monthly_pue",
        "it_energy_kwh",
        "facility_energy_kwh",
        "peak_facility_kw",
        "economizer_hours",
        "wue_l_per_kwh",
        "cue_kg_per_kwh",
        "ppue_cooling",
        "ppue_power",
        "cooling_energy_kwh",
        "electrical_loss_energy_kwh",
        "envelope_hours",
        "hours_outside_recommended",
        "climate",
    ):
        assert key in j
    assert len(j["monthly_pue"]) == 12
    assert set(j["economizer_hours"]) == {"full", "partial", "mechanical"}
    assert j["facility_energy_kwh"] == pytest.approx(
        j["it_energy_kwh"]
        + sum(j["cooling_energy_kwh"].values())
        + sum(j["electrical_loss_energy_kwh"].values())
        + j["lighting_energy_kwh"]
        + j["misc_energy_kwh"],
        rel=1e-6,
    )
    grid = r.day_by_hour(r.pue_hourly)
    assert grid.shape == (365, 24)


@needs_shared_climate
@pytest.mark.parametrize("name", ["anshun", "guian_supercomputing", "turing_town"])
def test_synthesised_guiyang_matches_the_real_file(sample_paths, name):
    """Built-in Guiyang (from monthly statistics) against the CSWD file, each sample's design."""
    site = load_project(sample_paths[name]).site
    real = solve_energy(site, with_pressure_for_elevation(read_epw(GUIYANG_EPW), site.location.elevation_m))
    synth = solve_energy(site, with_pressure_for_elevation(builtin_weather("guiyang"), site.location.elevation_m))
    assert synth.annual_pue == pytest.approx(real.annual_pue, abs=0.01)
    for mode in ("full", "partial"):
        assert synth.mode_hours[mode] == pytest.approx(real.mode_hours[mode], rel=0.05)
    econ = lambda r: r.mode_hours["full"] + r.mode_hours["partial"]  # noqa: E731
    assert econ(synth) == pytest.approx(econ(real), rel=0.05)


@needs_shared_climate
def test_real_files_order_guiyang_below_guangzhou(guian):
    gy = solve_energy(guian, read_epw(GUIYANG_EPW))
    gz = solve_energy(guian, read_epw(GUANGZHOU_EPW))
    assert gy.annual_pue < gz.annual_pue
    assert gy.mode_hours["full"] > gz.mode_hours["full"]


# --- batch ----------------------------------------------------------------------------------------


def test_batch_matches_single_solves(guian):
    w = builtin_weather("guiyang")
    supply = np.array([22.0, 25.0, 27.0])
    fan = np.array([300.0, 400.0, 600.0])
    ups_b = np.array([0.0, 0.003, 0.01])
    batch = solve_energy_batch(
        guian, w, {"supply_air_c": supply, "fan_pressure_pa": fan, "ups.proportional": ups_b, "utilisation": 0.5}
    )
    for k in range(3):
        site = copy.deepcopy(guian)
        site.cooling.supply_air_c = float(supply[k])
        site.cooling.parameters["fan_pressure_pa"] = float(fan[k])
        site.power.ups.losses = LossModel(
            no_load_frac=site.power.ups.losses.no_load_frac,
            proportional_frac=float(ups_b[k]),
            square_law_frac=site.power.ups.losses.square_law_frac,
        )
        single = solve_energy(site, w, utilisation=0.5)
        assert batch.annual_pue[k] == pytest.approx(single.annual_pue, rel=1e-12)
        assert batch.facility_energy_kwh[k] == pytest.approx(single.facility_energy_kwh, rel=1e-12)
        assert batch.peak_facility_kw[k] == pytest.approx(single.peak_facility_kw, rel=1e-12)
        assert batch.full_economizer_hours[k] == single.mode_hours["full"]
        assert batch.water_l[k] == pytest.approx(single.water_l, rel=1e-12)


def test_load_levels_for_phasing(sample_paths):
    site = load_project(sample_paths["turing_town"]).site
    w = builtin_weather("guiyang")
    levels = annual_energy_at_loads(site, w, it_scale=[0.25, 0.5, 1.0])
    full = solve_energy(site, w)
    assert levels.it_energy_kwh[2] == pytest.approx(full.it_energy_kwh)
    assert levels.annual_pue[2] == pytest.approx(full.annual_pue)
    assert levels.it_energy_kwh[0] == pytest.approx(0.25 * full.it_energy_kwh)
    # a quarter-filled site still carries the whole chain's no-load losses: worse PUE
    assert levels.annual_pue[0] > levels.annual_pue[1] > levels.annual_pue[2]


def test_batch_progress_and_cancel(guian):
    w = builtin_weather("guiyang")
    seen: list[float] = []
    solve_energy_batch(guian, w, {"fan_pressure_pa": np.linspace(300, 600, 10)}, chunk_size=4, progress=seen.append)
    assert seen == pytest.approx([0.4, 0.8, 1.0])

    class Flag:
        def __init__(self) -> None:
            self.calls = 0

        def is_set(self) -> bool:
            self.calls += 1
            return self.calls > 1

    with pytest.raises(EnergyCancelled):
        solve_energy_batch(guian, w, {"fan_pressure_pa": np.linspace(300, 600, 10)}, chunk_size=4, cancel=Flag())
    with pytest.raises(EnergyCancelled):
        solve_energy(guian, w, cancel=lambda: True)
    token = CancelToken()  # the GUI worker's token: the engine follows the solvers' one convention
    token.cancel()
    with pytest.raises(Cancelled):
        solve_energy_batch(guian, w, {"fan_pressure_pa": [300.0, 600.0]}, cancel=token)


def test_batch_rejects_unknown_or_out_of_range(guian):
    from dcplanner.model.schema import ValidationError

    w = builtin_weather("guiyang")
    with pytest.raises(ValidationError, match="warp: unknown variable"):
        solve_energy_batch(guian, w, {"warp": [1.0, 2.0]})
    with pytest.raises(ValidationError, match="fan_pressure_pa: values must lie from 50 to 3000"):
        solve_energy_batch(guian, w, {"fan_pressure_pa": [10.0, 400.0]})
    with pytest.raises(ValidationError, match="a switch cannot vary"):
        solve_energy_batch(guian, w, {"chiller_model": [0, 1]})


def test_leap_year_and_daily_profile(guian):
    from tests.energy.energy_sites import constant_weather

    site = copy.deepcopy(guian)
    site.it_load.profile = "daily_weekly"
    r = solve_energy(site, constant_weather(18.0, 0.6, 88000.0, hours=8784))
    assert r.hours == 8784
    assert r.day_by_hour(r.it_kw).shape == (366, 24)
    assert int(np.count_nonzero(r.month == 2)) == 29 * 24
    assert r.utilisation.mean() == pytest.approx(site.it_load.utilisation, rel=1e-9)
    assert np.isfinite(r.monthly_pue).all()
