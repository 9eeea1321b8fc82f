"""``dcplanner phases`` and ``dcplanner compare`` on the sample sites (energy from the engine, or a test double)."""

from __future__ import annotations

import json

import pytest

import dcplanner.cli as cli
from dcplanner.cli import main
from dcplanner.io.project_file import load_project
from dcplanner.solvers.phasing.energy_curve import EnergyEngineUnavailable
from tests.phasing.support import source


@pytest.fixture
def test_energy(monkeypatch):
    """The energy engine's curve replaced by the explicit test double."""
    monkeypatch.setattr(cli, "_phasing_energy", lambda path, climate=None, site=None: source())


def run_json(capsys, *args: str) -> dict:
    assert main([*args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_phases_json_on_every_sample(sample_paths, capsys):
    for name, path in sample_paths.items():
        out = run_json(capsys, "phases", str(path))
        assert out["schedule"]["status"] == "optimal", name
        cands = out["schedule"]["candidates"]
        assert cands and all(c["service_month"] for c in cands if c["built"])
        years = out["years"]
        assert len(years["year"]) == load_project(path).site.economics.analysis_years
        m = out["measures"]
        assert m["npv_cny"] == pytest.approx(
            sum(v * d for v, d in zip(years["net_cash_cny"], years["discount_factor"], strict=True))
        )
        assert m["annual_pue"] > 1.05
        assert m["annual_pue"] < 1.4
        assert out["energy_source"].startswith("energy engine")


def test_anshun_phase_one_as_built(sample_paths, capsys, test_energy):
    out = run_json(capsys, "phases", str(sample_paths["anshun"]))
    built = {c["id"]: (c["start_month"], c["service_month"]) for c in out["schedule"]["candidates"] if c["built"]}
    assert built == {"P1a": ("2023-07", "2025-01"), "P1b": ("2024-07", "2026-01")}
    capex = {c["id"]: c["capex_cny"] for c in out["schedule"]["candidates"]}
    assert capex["P1a"] + capex["P1b"] == pytest.approx(750e6)  # the published phase-1 investment
    assert {c["id"]: c["cabinets"] for c in out["schedule"]["candidates"]} == {"P1a": 406, "P1b": 609}


def test_compare_lists_every_scenario(sample_paths, capsys):
    for name, path in sample_paths.items():
        site = load_project(path).site
        assert len(site.scenarios) >= 2
        out = run_json(capsys, "compare", str(path))
        ids = [r["id"] for r in out["scenarios"]]
        assert ids == ["base", *(s.id for s in site.scenarios)], name
        for row in out["scenarios"]:
            assert row["ok"], row
            for key in ("npv_cny", "irr", "payback_years", "capex_cny", "annual_pue", "energy_cny_per_year"):
                assert key in row["measures"]
    anshun = run_json(capsys, "compare", str(sample_paths["anshun"]))
    paths = {r["id"]: r["schedule"] for r in anshun["scenarios"]}
    assert {"p2-block", "p2-modular"} <= set(paths)  # the built phase 1 plus two expansion paths


def test_text_output_and_options(sample_paths, capsys, test_energy):
    path = str(sample_paths["turing_town"])
    assert main(["phases", path, "--tornado", "0.1", "--monte-carlo", "500", "--seed", "3"]) == 0
    text = capsys.readouterr().out
    assert "NPV" in text and "Sensitivity (each input ±10%" in text and "Monte Carlo (500 draws, seed 3)" in text
    out = run_json(capsys, "phases", path, "--start", "P2=2025-09", "--monte-carlo", "200")
    assert out["schedule"]["how"] == "fixed"
    assert {c["id"]: c["start_month"] for c in out["schedule"]["candidates"]}["P2"] == "2025-09"
    assert out["monte_carlo"]["draws"] == 200
    assert main(["compare", path]) == 0
    assert "starts: P1 2024-09" in capsys.readouterr().out


def test_infeasible_input_is_rejected_with_the_constraint_named(sample_paths, capsys, test_energy):
    path = str(sample_paths["anshun"])
    args = ["phases", path, "--set", "buildout.coverage=must_cover", "--set", "buildout.capex_cap_cny_per_year=1e8"]
    assert main(args) == 1
    err = capsys.readouterr()
    assert err.out == ""
    assert "no feasible build-out schedule" in err.err
    assert "[budget] capex cap for 2023: at least 200.0 M CNY must be spent that year" in err.err  # P1a as built
    assert "[coverage] demand cannot be covered" in err.err  # and 40 MW wanted, 20.3 MW buildable


def test_without_the_energy_engine_nothing_is_guessed(sample_paths, capsys, monkeypatch):
    def unavailable(path, climate=None, site=None):
        def fail(site):
            raise EnergyEngineUnavailable("energy cost needs the hourly energy engine")

        return fail

    monkeypatch.setattr(cli, "_phasing_energy", unavailable)
    assert main(["phases", str(sample_paths["guian_supercomputing"])]) == 1
    err = capsys.readouterr()
    assert err.out == "" and "energy cost needs the hourly energy engine" in err.err


def test_phases_and_compare_price_energy_with_the_energy_engine(sample_paths, capsys):
    path = str(sample_paths["anshun"])
    out = run_json(capsys, "phases", path)
    assert out["energy_source"].startswith("energy engine, iec_dx_trim")
    pue = out["measures"]["annual_pue"]
    assert pue > 1.05
    assert pue < 1.4
    cmp = run_json(capsys, "compare", path)
    by_id = {r["id"]: r["measures"] for r in cmp["scenarios"]}
    assert by_id["chilled-water"]["annual_pue"] != pytest.approx(by_id["base"]["annual_pue"], rel=1e-4)
    assert by_id["p2-modular-high"]["capex_cny"] > by_id["base"]["capex_cny"]  # phase 2 gets built


def test_climate_file_replaces_the_projects_climate(sample_paths, capsys, tmp_path):
    bad = tmp_path / "short.csv"
    bad.write_text("timestamp,dry_bulb_c,rel_humidity\n2025-01-01 00:00,10,0.5\n", encoding="utf-8")
    assert main(["phases", str(sample_paths["anshun"]), "--climate", str(bad)]) == 1
    err = capsys.readouterr()
    assert err.out == "" and "short.csv" in err.err
