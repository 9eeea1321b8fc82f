"""``dcplanner solve --json`` energy section, ``--climate`` and bad climate / parameter input."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta

import pytest

from dcplanner.cli import main
from tests.shared_climate import GUIYANG_EPW, needs_shared_climate


def solve_json(capsys, *args: str) -> dict:
    assert main(["solve", *args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", ["anshun", "guian_supercomputing", "turing_town"])
def test_solve_json_has_energy_with_builtin_climate(sample_paths, capsys, name):
    out = solve_json(capsys, str(sample_paths[name]))
    e = out["energy"]
    assert e["annual_pue"] > 1.1
    assert e["annual_pue"] < 1.25
    assert len(e["monthly_pue"]) == 12
    assert e["facility_energy_kwh"] / e["it_energy_kwh"] == pytest.approx(e["annual_pue"], abs=1e-4)
    assert e["economizer_hours"]["full"] + e["economizer_hours"]["partial"] > 0
    assert e["wue_l_per_kwh"] >= 0 and e["cue_kg_per_kwh"] == pytest.approx(0.5 * e["annual_pue"], abs=1e-3)
    # the energy engine's design peak sizes the utility, transformers and generators
    assert out["capacity"]["peak_facility_source"] == "energy"
    assert out["capacity"]["peak_facility_kw_for_sizing"] == pytest.approx(e["design_peak_facility_kw"], abs=0.06)
    assert e["climate"]["kind"] == ("derived" if name == "anshun" else "synthesised")


@needs_shared_climate
def test_solve_with_epw_climate(sample_paths, capsys):
    builtin = solve_json(capsys, str(sample_paths["guian_supercomputing"]))["energy"]
    real = solve_json(capsys, str(sample_paths["guian_supercomputing"]), "--climate", str(GUIYANG_EPW))["energy"]
    assert real["climate"]["source"] == str(GUIYANG_EPW)
    assert real["climate"]["kind"] == "measured"
    assert real["annual_pue"] == pytest.approx(builtin["annual_pue"], abs=0.01)


@needs_shared_climate
def test_project_relative_epw_path(sample_paths, tmp_path, capsys):
    doc = json.loads(sample_paths["guian_supercomputing"].read_text(encoding="utf-8"))
    doc["site"]["climate"] = {"source": "epw", "builtin_id": "guiyang", "path": "weather/gy.epw"}
    (tmp_path / "weather").mkdir()
    shutil.copy(GUIYANG_EPW, tmp_path / "weather" / "gy.epw")  # a user's copy beside the project
    project = tmp_path / "p.dcp.json"
    project.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    e = solve_json(capsys, str(project))["energy"]
    assert e["climate"]["source"].endswith("gy.epw")


def test_solve_with_csv_climate(sample_paths, tmp_path, capsys):
    start = datetime(2023, 1, 1)
    lines = ["timestamp,dry_bulb_c,rel_humidity_pct"] + [
        f"{start + timedelta(hours=k):%Y-%m-%d %H:%M},{12 + 6 * ((k % 24) / 24):.2f},70" for k in range(8760)
    ]
    path = tmp_path / "cool.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    e = solve_json(capsys, str(sample_paths["guian_supercomputing"]), "--climate", str(path))["energy"]
    assert e["climate"]["hours"] == 8760
    assert e["annual_pue"] < 1.2  # 12-18 °C all year: mostly free cooling


def test_malformed_epw_is_rejected_with_its_line(sample_paths, tmp_path, capsys):
    from tests.climate.test_weather_files import HEADER, epw_rows

    rows = epw_rows()
    rows[4000] = rows[4000].replace(",20.0,", ",hot,", 1)
    bad = tmp_path / "bad.epw"
    bad.write_text("\n".join(HEADER + rows) + "\n", encoding="ascii")
    assert main(["solve", str(sample_paths["anshun"]), "--json", "--climate", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{bad}: line 4009: field 7 (dry bulb temperature (°C)) is not a number" in captured.err
    assert "hot" not in captured.err  # messages never echo a file's contents
    assert main(["solve", str(sample_paths["anshun"]), "--climate", str(tmp_path / "none.epw")]) == 1
    assert "file not found" in capsys.readouterr().err


def test_bad_cooling_parameter_rejected_by_validate_and_solve(sample_paths, tmp_path, capsys):
    doc = json.loads(sample_paths["turing_town"].read_text(encoding="utf-8"))
    doc["site"]["cooling"]["parameters"]["facility_water_supply_c"] = 90
    path = tmp_path / "t.dcp.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "cooling.parameters.facility_water_supply_c: 90 is out of range; allowed from 15 to 50 °C" in err
    assert main(["solve", str(path), "--json"]) == 1
    assert "cooling.parameters.facility_water_supply_c" in capsys.readouterr().err


def test_set_override_of_a_cooling_parameter(sample_paths, capsys):
    path = str(sample_paths["guian_supercomputing"])
    base = solve_json(capsys, path)["energy"]
    warmer = solve_json(capsys, path, "--set", "cooling.supply_air_c=27")["energy"]
    assert warmer["economizer_hours"]["full"] > base["economizer_hours"]["full"]
    assert warmer["annual_pue"] < base["annual_pue"]


def test_text_summary_mentions_energy(sample_paths, capsys):
    assert main(["solve", str(sample_paths["turing_town"])]) == 0
    text = capsys.readouterr().out
    assert "annual PUE 1.1" in text and "free cooling:" in text and "WUE" in text


def test_validate_checks_the_climate_reference(sample_paths, tmp_path, capsys):
    doc = json.loads(sample_paths["anshun"].read_text(encoding="utf-8"))
    doc["site"]["climate"] = {"source": "builtin", "builtin_id": "atlantis", "path": ""}
    path = tmp_path / "a.dcp.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert (
        "climate.builtin_id: no built-in climate 'atlantis'; built-in climates: anshun, beijing"
        in capsys.readouterr().err
    )
    doc["site"]["climate"] = {"source": "epw", "builtin_id": "guiyang", "path": "missing.epw"}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert f"climate.path: file not found: {tmp_path / 'missing.epw'}" in capsys.readouterr().err
