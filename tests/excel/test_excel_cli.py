"""``dcplanner export`` and ``dcplanner import-cabinets`` on the command line."""

from __future__ import annotations

import shutil

import openpyxl

from dcplanner.cli import main
from dcplanner.io.project_file import load_project
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
        f"Wrote {out}: 9 sheets (Summary, Halls, Rows, Cabinets, Power, Cooling, Energy, Scenarios, Assumptions)"
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
    assert main(["export", path, "-o", str(tmp_path / "a.xlsx"), "--scenario", "chilled-water"]) == 0
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
    assert main(["export", str(project), "-o", str(book)]) == 0
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
