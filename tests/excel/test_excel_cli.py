"""``dcplanner export`` (energy year, climate file, hourly sheet) and ``dcplanner import-cabinets``."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from dcplanner.cli import main
from dcplanner.climate import load_weather
from dcplanner.io.project_file import load_project
from dcplanner.site_solve import solve_site
from tests.excel.energy_cells import read_energy
from tests.shared_climate import GUIYANG_EPW, needs_shared_climate
from tests.test_cli import run

BAD_AND_GOOD = """\
Hall,Row,Position,Design (kW),Server load
A3,A3-08,3,20,3 × npu-910b-8way
A1,A1-02,99,20,
A9,A1-02,1,20,
"""


def test_export_through_the_launcher(sample_paths, tmp_path):
    out = tmp_path / "guian.xlsx"
    res = run("export", str(sample_paths["guian_supercomputing"]), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(
        f"Wrote {out}: 12 sheets (Summary, Halls, Rows, Cabinets, Power, Cooling, Energy, Phases, Finance, "
        "Scenarios, Compliance, Assumptions)"
    )
    wb = openpyxl.load_workbook(out)
    assert wb["Summary"]["A1"].value == "贵安超算中心 Gui'an Supercomputing Center"


def test_export_errors_write_nothing(sample_paths, tmp_path, capsys):
    path = str(sample_paths["anshun"])
    assert main(["export", path, "-o", str(tmp_path / "a.xls")]) == 1
    assert "must end in .xlsx" in capsys.readouterr().err
    assert main(["export", path, "-o", str(tmp_path / "missing" / "a.xlsx")]) == 1
    assert "no such folder" in capsys.readouterr().err
    assert main(["export", path, "-o", str(tmp_path / "a.xlsx"), "--scenario", "nope"]) == 1
    assert "no scenario 'nope'; scenarios: 'density-30kw', 'chilled-water'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert main(["export", path, "-o", str(tmp_path / "a.xlsx"), "--scenario", "chilled-water", "--no-phasing"]) == 0
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").custom_doc_props["Scenario"].value == "chilled-water"


def test_import_refuses_bad_rows_unless_the_valid_part_is_accepted(sample_paths, tmp_path, capsys):
    project = tmp_path / "anshun.dcp.json"
    shutil.copy(sample_paths["anshun"], project)
    original = project.read_bytes()
    listing = tmp_path / "list.csv"
    listing.write_text(BAD_AND_GOOD, encoding="utf-8")
    out = tmp_path / "merged.dcp.json"

    assert main(["import-cabinets", str(project), "--from", str(listing), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "1 to update, 0 unchanged, 2 rejected" in err
    assert "row 3: Position: 99 is beyond the row; allowed 0 to 14 (15 positions)" in err
    assert "row 4: hall 'A9' is not in the plan" in err
    assert "nothing written" in err and "--accept-valid" in err
    assert project.read_bytes() == original and not out.exists()

    assert main(["import-cabinets", str(project), "--from", str(listing), "-o", str(out), "--accept-valid"]) == 0
    assert "Saved" in capsys.readouterr().out
    assert project.read_bytes() == original
    row = next(r for r in load_project(out).site.halls[2].rows if r.id == "A3-08")
    cab = next(c for c in row.cabinets if c.position == 3)
    assert [(s.model_id, s.count) for s in cab.servers] == [("npu-910b-8way", 3)]  # it held none before


def test_import_an_exported_list_into_the_project_itself(sample_paths, tmp_path, capsys):
    project = tmp_path / "guian.dcp.json"
    shutil.copy(sample_paths["guian_supercomputing"], project)
    book = tmp_path / "guian.xlsx"
    assert main(["export", str(project), "-o", str(book), "--no-phasing"]) == 0
    ws_book = openpyxl.load_workbook(book)
    ws = ws_book["Cabinets"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Design (kW)") + 1, value=11.0)
    ws_book.save(book)
    capsys.readouterr()
    assert main(["import-cabinets", str(project), "--from", str(book)]) == 0
    assert "0 to add, 1 to update, 120 unchanged, 0 rejected" in capsys.readouterr().out
    site = load_project(project).site
    assert site.halls[0].rows[0].cabinets[0].design_kw == 11.0


def cool_year_csv(path: Path) -> Path:
    """An hourly weather CSV: 12 to 18 °C every day, 70 % RH."""
    start = datetime(2023, 1, 1)
    lines = ["timestamp,dry_bulb_c,rel_humidity_pct"] + [
        f"{start + timedelta(hours=k):%Y-%m-%d %H:%M},{12 + 6 * ((k % 24) / 24):.2f},70" for k in range(8760)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_export_solves_energy_on_the_project_climate_with_hourly_sheet(sample_paths, tmp_path, capsys):
    doc = json.loads(sample_paths["guian_supercomputing"].read_text(encoding="utf-8"))
    doc["site"]["climate"] = {"source": "csv", "builtin_id": "guiyang", "path": "weather/cool.csv"}
    (tmp_path / "weather").mkdir()
    cool_year_csv(tmp_path / "weather" / "cool.csv")
    project = tmp_path / "p.dcp.json"
    project.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "p.xlsx"
    assert main(["export", str(project), "-o", str(out), "--hourly"]) == 0  # the path is relative to the project
    assert "13 sheets (Summary, Halls, Rows, Cabinets, Power, Cooling, Energy, Hourly energy, Phases, Finance" in (
        capsys.readouterr().out
    )
    wb = openpyxl.load_workbook(out, read_only=True)
    cells = read_energy(wb["Energy"])
    assert cells.figures["Climate kind"] == "measured"
    assert str(cells.figures["Climate source"]).endswith("cool.csv")
    site = load_project(project).site
    weather = load_weather(site.climate, tmp_path, site.location)
    expected = solve_site(site, energy=True, weather=weather).energy
    assert cells.months[0]["IT energy (MWh)"] == pytest.approx(expected.monthly_it_energy_kwh[0] / 1000, rel=1e-12)
    assert wb["Hourly energy"].max_row == 8761
    wb.close()


@needs_shared_climate
def test_export_with_a_climate_file(sample_paths, tmp_path, capsys):
    out = tmp_path / "gy.xlsx"
    assert (
        main(["export", str(sample_paths["guian_supercomputing"]), "-o", str(out), "--climate", str(GUIYANG_EPW)]) == 0
    )
    cells = read_energy(openpyxl.load_workbook(out, read_only=True)["Energy"])
    assert cells.figures["Climate kind"] == "measured" and cells.figures["Climate source"] == str(GUIYANG_EPW)


def test_export_without_energy_and_bad_energy_options(sample_paths, tmp_path, capsys):
    path = str(sample_paths["guian_supercomputing"])
    out = tmp_path / "a.xlsx"
    assert main(["export", path, "-o", str(out), "--hourly", "--no-energy"]) == 1
    assert "--hourly needs the energy year" in capsys.readouterr().err
    assert main(["export", path, "-o", str(out), "--climate", str(tmp_path / "none.epw")]) == 1
    assert "none.epw: file not found" in capsys.readouterr().err
    assert main(["export", path, "-o", str(out), "--climate", str(tmp_path / "weather.txt")]) == 1
    assert "must be an EnergyPlus .epw or an hourly .csv" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert main(["export", path, "-o", str(out), "--no-energy"]) == 0
    assert "11 sheets" in capsys.readouterr().out  # the build-out is still priced by the energy engine
    wb = openpyxl.load_workbook(out)
    assert "Energy" not in wb.sheetnames
    power = {row[0].value: row[1].value for row in wb["Power"].iter_rows(min_col=1, max_col=2) if row[0].value}
    assert power["Peak facility load for sizing"] == "=$B$5*$B$6"  # design IT x facility factor


def test_export_without_phasing(sample_paths, tmp_path, capsys):
    out = tmp_path / "a.xlsx"
    assert main(["export", str(sample_paths["guian_supercomputing"]), "-o", str(out), "--no-phasing"]) == 0
    line = capsys.readouterr().out
    assert "10 sheets" in line and line.rstrip().endswith(
        "Phases and Finance left out (no phasing results: left out on request)"
    )
    wb = openpyxl.load_workbook(out)
    assert not {"Phases", "Finance"} & set(wb.sheetnames)
    assert not any(str(row[0]).startswith("Build-out") for row in wb["Scenarios"].iter_rows(values_only=True))


@needs_shared_climate
def test_export_prices_the_build_out_on_the_climate_file(sample_paths, tmp_path, capsys):
    """``--climate`` reaches the phasing energy curve too, as ``dcplanner phases --climate`` prices it."""
    path = str(sample_paths["guian_supercomputing"])
    out = tmp_path / "gy.xlsx"
    assert main(["export", path, "-o", str(out), "--climate", str(GUIYANG_EPW)]) == 0
    capsys.readouterr()
    npv = {}
    for climate in ([], ["--climate", str(GUIYANG_EPW)]):
        assert main(["phases", path, "--json", *climate]) == 0
        npv[bool(climate)] = json.loads(capsys.readouterr().out)["measures"]["npv_cny"]
    lines = {row[0]: row[2] for row in openpyxl.load_workbook(out)["Scenarios"].iter_rows(values_only=True)}
    assert lines["Build-out: NPV"] == pytest.approx(npv[True], rel=1e-9)  # the base case, as phases prices it
    assert lines["Build-out: NPV"] != pytest.approx(npv[False], rel=1e-6)  # not on the project's own climate
