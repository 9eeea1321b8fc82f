"""A scenario that cannot be priced keeps its reason; the others still compare."""

from __future__ import annotations

from dcplanner.io.project_file import load_project
from dcplanner.model.site import Scenario
from dcplanner.solvers.phasing.energy_curve import project_energy_source
from dcplanner.solvers.scenario_comparison import compare_scenarios
from tests.factories import small_site


def test_site_without_a_forecast_gives_a_reason_not_an_error():
    cmp = compare_scenarios(small_site(), project_energy_source(None))
    (row,) = cmp.rows
    assert not row.ok and "buildout.demand.variant" in row.problem


def test_unreadable_climate_in_one_scenario_leaves_the_others(sample_paths, tmp_path):
    site = load_project(sample_paths["guian_supercomputing"]).site
    missing = str(tmp_path / "no-such-weather.epw")
    site.scenarios.append(
        Scenario(id="bad-climate", name="Bad climate", overrides={"climate": {"source": "epw", "path": missing}})
    )
    cmp = compare_scenarios(site, project_energy_source(sample_paths["guian_supercomputing"].parent))
    rows = {r.id: r for r in cmp.rows}
    assert rows["bad-climate"].problem and "no-such-weather.epw" in rows["bad-climate"].problem
    assert rows["base"].ok and rows["tariff-0.50"].ok
