"""Cabinet import as one undoable command on the command stack."""

from __future__ import annotations

import pytest

from dcplanner.io.excel import plan_cabinet_import, read_cabinet_list
from dcplanner.io.excel.import_command import ImportCabinets
from dcplanner.model.commands import CommandStack
from dcplanner.model.editor import SiteEditor
from dcplanner.model.schema import ValidationError, to_dict
from tests.factories import small_site


def test_import_is_one_step_that_undoes_and_redoes_exactly(tmp_path):
    site = small_site()
    path = tmp_path / "list.csv"
    path.write_text("hall;row;position;kW;cabinet id\nH1;R2;4;7.5;\nH1;R1;4;10;R2-0\n", encoding="utf-8")
    editor = SiteEditor(site)
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
    stack = CommandStack(SiteEditor(site))
    with pytest.raises(ValidationError, match="plan it again"):
        stack.push(ImportCabinets(plan))
    same = tmp_path / "same.csv"
    same.write_text("hall;row;position;kW;cabinet id\nH1;R1;0;10;R1-0\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="changes nothing"):
        stack.push(ImportCabinets(plan_cabinet_import(site, read_cabinet_list(same))))
