"""Cabinet import as one undoable command on the command stack."""

from __future__ import annotations

import pytest

from dcplanner.io.excel import plan_cabinet_import, read_cabinet_list
from dcplanner.io.excel.import_command import ImportCabinets
from dcplanner.model.commands import CommandStack
from dcplanner.model.edited_site import EditedSite
from dcplanner.model.schema import ValidationError, to_dict
from tests.factories import small_site


def test_import_is_one_step_that_undoes_and_redoes_exactly(tmp_path):
    site = small_site()
    path = tmp_path / "list.csv"
    path.write_text("hall;row;position;kW;cabinet id\nH1;R2;4;7.5;\nH1;R1;4;10;R2-0\n", encoding="utf-8")
    editor = EditedSite(site)
    changes = []
    editor.changed.connect(changes.append)
    stack = CommandStack(editor)
    before = to_dict(site)
    command = stack.push(ImportCabinets(plan_cabinet_import(site, read_cabinet_list(path))))
    assert command.label == "Import 2 cabinets"
    after = to_dict(site)
    assert after != before
    assert editor.cabinet("R2-0") in site.halls[0].rows[0].cabinets  # the id index follows the import
    assert changes[-1].rows == {"R1", "R2"} and "R2-0" in changes[-1].cabinets
    stack.undo()
    assert to_dict(site) == before
    assert editor.cabinet("R2-0") in site.halls[0].rows[1].cabinets
    stack.redo()
    assert to_dict(site) == after


def test_stale_or_empty_plan_is_refused(tmp_path):
    site = small_site()
    path = tmp_path / "list.csv"
    path.write_text("hall;row;position;kW\nH1;R2;4;7.5\n", encoding="utf-8")
    plan = plan_cabinet_import(site, read_cabinet_list(path))
    site.halls[0].rows[1].cabinets.pop()  # the row changed after planning
    stack = CommandStack(EditedSite(site))
    with pytest.raises(ValidationError, match="plan it again"):
        stack.push(ImportCabinets(plan))
    same = tmp_path / "same.csv"
    same.write_text("hall;row;position;kW;cabinet id\nH1;R1;0;10;R1-0\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="changes nothing"):
        stack.push(ImportCabinets(plan_cabinet_import(site, read_cabinet_list(same))))


# ---------------------------------------------------------------------------------------------
# The import-cabinets command


def _run(*argv: str) -> tuple[int, str]:
    import io

    from dcplanner.cli import main

    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_cli_caps_rejections_at_50_and_all_errors_lists_every_one(tmp_path, capsys):
    from dcplanner.io.project_file import save_project

    project = save_project(small_site(), tmp_path / "p.dcp.json")
    listing = tmp_path / "list.csv"
    listing.write_text("hall,row,position,kW\n" + "H9,R1,0,10\n" * 75, encoding="utf-8")
    status, _ = _run("import-cabinets", str(project), "--from", str(listing))
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("  rejected row ") == 50
    assert "... and 25 more rejected rows" in err and "--all-errors" in err
    status, _ = _run("import-cabinets", str(project), "--from", str(listing), "--all-errors")
    err = capsys.readouterr().err
    assert status == 1 and err.count("  rejected row ") == 75 and "more rejected rows" not in err


def test_cli_says_how_many_cabinets_the_list_leaves_out(tmp_path):
    from dcplanner.io.project_file import save_project

    project = save_project(small_site(), tmp_path / "p.dcp.json")
    listing = tmp_path / "list.csv"
    listing.write_text("hall;row;position;kW\nH1;R1;0;12,5\n", encoding="utf-8")
    status, out = _run("import-cabinets", str(project), "--from", str(listing))
    assert status == 0
    assert "7 cabinets in the project are not in the list; they are kept" in out
    from dcplanner.io.project_file import load_project

    assert load_project(project).site.halls[0].rows[0].cabinets[0].design_kw == 12.5


def test_cli_refuses_a_project_with_a_lone_surrogate_without_a_traceback(tmp_path, capsys):
    import json

    from dcplanner.io.project_file import site_to_document

    doc = site_to_document(small_site())
    doc["site"]["name"] = "site \ud800"
    project = tmp_path / "p.dcp.json"
    project.write_text(json.dumps(doc), encoding="utf-8")
    listing = tmp_path / "list.csv"
    listing.write_text("hall,row,position,kW\nH1,R1,0,11\n", encoding="utf-8")
    status, _ = _run("import-cabinets", str(project), "--from", str(listing))
    err = capsys.readouterr().err
    assert status == 1 and "site.name: the text holds the lone surrogate U+D800" in err
    assert "Traceback" not in err


def test_cli_refuses_a_zip_bomb_quickly(tmp_path, capsys):
    import time
    import zipfile

    from dcplanner.io.project_file import save_project

    project = save_project(small_site(), tmp_path / "p.dcp.json")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (64 << 20))  # 64 MiB of blanks deflate about 1000-fold
    start = time.perf_counter()
    status, _ = _run("import-cabinets", str(project), "--from", str(bomb))
    assert time.perf_counter() - start < 1.0
    assert status == 1 and "a zip bomb?" in capsys.readouterr().err
