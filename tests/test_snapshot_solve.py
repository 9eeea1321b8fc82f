"""The GUI's one-call solve: snapshot round trip, key figures equal the solvers' numbers."""

from __future__ import annotations

import pytest

from dcplanner.io.project_file import load_project
from dcplanner.site_solve import solve_site
from dcplanner.snapshot_solve import Snapshot, analyse
from dcplanner.solvers.progress import Cancelled, CancelToken


def test_snapshot_is_an_independent_copy(sample_paths):
    site = load_project(sample_paths["guian_supercomputing"]).site
    snap = Snapshot.of(site, None)
    site.halls[0].rows[0].cabinets[0].design_kw = 1.0
    assert snap.site().halls[0].rows[0].cabinets[0].design_kw == 13.0


def test_key_figures_match_the_solvers(sample_paths):
    loaded = load_project(sample_paths["anshun"])
    analysis = analyse(Snapshot.of(loaded.site, sample_paths["anshun"].parent))
    direct = solve_site(loaded.site, energy=True)
    e = direct.energy
    assert analysis.figure("annual_pue").value == pytest.approx(e.facility_energy_kwh / e.it_energy_kwh)
    assert analysis.figure("design_it_mw").value == pytest.approx(20.3)
    assert analysis.figure("energy_cost_mcny").value == pytest.approx(e.facility_energy_kwh * 0.35 / 1e6)
    assert analysis.figure("co2_kt").value == pytest.approx(e.facility_energy_kwh * 0.5 / 1e6)
    assert analysis.figure("peak_fp16").value == pytest.approx(direct.compute.site.peak_flops["fp16"] / 1e15)
    assert analysis.figure("binding_limit").value.startswith("Cabinet positions")
    assert analysis.weather is not None and analysis.weather.hours == 8760


def test_cancelled_before_start_raises():
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        analyse(Snapshot(b"", None), cancel=token)


def test_investment_of_every_scenario_and_the_active_one(sample_paths):
    from dcplanner.snapshot_solve import InvestmentRequest, analyse_investment, investment_figures
    from dcplanner.solvers.phasing.energy_curve import project_energy_source
    from dcplanner.solvers.scenario_comparison import compare_scenarios

    path = sample_paths["anshun"]
    site = load_project(path).site
    inv = analyse_investment(InvestmentRequest(Snapshot.of(site, path.parent), "p2-modular"))
    direct = compare_scenarios(site, project_energy_source(path.parent))
    assert [r.id for r in inv.comparison.rows] == [r.id for r in direct.rows]
    row = next(r for r in direct.rows if r.id == "p2-modular")
    assert inv.result.measures.npv_cny == pytest.approx(row.result.measures.npv_cny)
    figures = {f.key: f for f in investment_figures(inv)}
    assert figures["npv_mcny"].value == pytest.approx(row.result.measures.npv_cny / 1e6)
    assert inv.tornado is not None and inv.monte_carlo is not None
    assert inv.monte_carlo.npv_cny.size == site.buildout.uncertainty.draws


def test_site_without_buildout_explains_itself():
    from dcplanner.snapshot_solve import InvestmentRequest, analyse_investment, investment_figures
    from tests.factories import small_site

    site = small_site()
    assert not site.buildout.planned
    inv = analyse_investment(InvestmentRequest(Snapshot.of(site, None)))
    assert inv.comparison is None and "no build-out plan" in inv.message
    assert all(f.value is None for f in investment_figures(inv))
