"""Cabinet lists merged into a plan: round trip, rejected rows by number, undo, file formats."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest

from dcplanner.io.excel import (
    CabinetListError,
    StalePlanError,
    apply_cabinet_import,
    collect_export_data,
    plan_cabinet_import,
    read_cabinet_list,
    restore_cabinet_lists,
    write_capacity_workbook,
)
from dcplanner.io.excel.cabinet_import import parse_server_load
from dcplanner.io.project_file import load_project
from dcplanner.model.schema import to_dict
from dcplanner.model.site import Phase, Site
from tests.factories import small_site


def emptied(site: Site) -> Site:
    copy_ = copy.deepcopy(site)
    for hall in copy_.halls:
        for row in hall.rows:
            row.cabinets = []
    return copy_


@pytest.mark.parametrize("name", ["anshun", "guian_supercomputing", "turing_town"])
def test_export_then_import_into_an_empty_copy_gives_the_same_cabinets(name, sample_paths, tmp_path):
    site = load_project(sample_paths[name]).site
    book = tmp_path / f"{name}.xlsx"
    write_capacity_workbook(book, collect_export_data(site, with_phasing=False))  # the Cabinets sheet is enough
    table = read_cabinet_list(book)
    empty = emptied(site)
    plan = plan_cabinet_import(empty, table)
    assert not plan.rejected and plan.updated == 0
    assert plan.added == len(table.rows) == sum(len(r.cabinets) for h in site.halls for r in h.rows)
    apply_cabinet_import(empty, plan)
    assert to_dict(empty) == to_dict(site)
    again = plan_cabinet_import(site, table)  # the same list against the full plan changes nothing
    assert not again.changes and len(again.unchanged) == len(table.rows)


BAD_LIST = """\
Hall,Row,Position,Cabinet type,Design (kW),Server load,Phase,Name
H1,R1,4,,12,1 × dgx-a100,,new one
H1,R1,0,,15,,,
H9,R1,1,,10,,,
H1,R7,1,,10,,,
H1,R2,5,,10,,,
H1,R2,4,,abc,,,
H1,R2,4,,45,,,
H1,R2,4,,10,2 × no-such-server,,
H1,R2,4,,10,,P9,
H1,R2,4,,,,,
H1,R2,4,,10,,,
H1,R1,4,,10,,,
H1,R2,1,,10,8 × dgx-a100,,
"""


def test_bad_rows_are_reported_with_their_row_number_and_reason(tmp_path):
    site = small_site()  # one hall H1, rows R1 and R2 of 5 positions with cabinets at 0-3
    site.phases = [Phase(id="P1")]
    path = tmp_path / "list.csv"
    path.write_text(BAD_LIST, encoding="utf-8")
    before = to_dict(site)
    plan = plan_cabinet_import(site, read_cabinet_list(path))
    assert to_dict(site) == before  # planning changes nothing
    reasons = {r.sheet_row: r.reason for r in plan.rejected}
    assert sorted(reasons) == [4, 5, 6, 7, 8, 9, 10, 11, 13, 14]
    assert reasons[4] == "hall 'H9' is not in the plan (halls: H1)"
    assert reasons[5] == "row 'R7' is not in hall 'H1'"
    assert reasons[6] == "Position: 5 is beyond the row; allowed 0 to 4 (5 positions)"
    assert reasons[7] == "Design (kW): expected a number, got 'abc'"
    assert reasons[8].startswith("Design (kW): 45 kW exceeds the rating of cabinet type 'std-600x1200-47u'")
    assert reasons[9] == "Server load: unknown server model 'no-such-server'"
    assert reasons[10].startswith("Phase: unknown phase 'P9'")
    assert reasons[11] == "Design (kW) is empty; a new cabinet needs its power budget"
    assert reasons[13] == "position 4 of row 'R1' is also listed on row 2"
    assert reasons[14] == "Server load: servers take 48 U but cabinet type 'std-600x1200-47u' has 47 U"
    changes = {c.sheet_row: c for c in plan.changes}
    assert sorted(changes) == [2, 3, 12]  # row 12 gets R2/4 once rows 8-10 have failed their checks
    assert changes[2].kind == "add" and changes[2].cabinet.id == "R1-05" and changes[2].cabinet.name == "new one"
    assert changes[3].kind == "update" and changes[3].cabinet.design_kw == 15 and changes[3].cabinet.servers == []
    assert str(plan.rejected[0]) == "row 4: hall 'H9' is not in the plan (halls: H1)"
    assert "10 rejected" in plan.summary() and "row 14: Server load" in plan.report()


def test_apply_and_restore_are_exact_and_a_stale_plan_is_refused(tmp_path):
    site = small_site()
    path = tmp_path / "list.csv"
    path.write_text("hall;row;position;kW;cabinet id\nH1;R2;4;7.5;\nH1;R1;4;10;R2-0\n", encoding="utf-8")
    before = to_dict(site)
    plan = plan_cabinet_import(site, read_cabinet_list(path))
    assert not plan.rejected and (plan.added, plan.updated) == (1, 1)
    previous = apply_cabinet_import(site, plan)
    r1, r2 = site.halls[0].rows
    assert [c.id for c in r1.cabinets] == ["R1-0", "R1-1", "R1-2", "R1-3", "R2-0"]  # R2-0 moved to R1, slot 4
    assert [(c.id, c.position) for c in r2.cabinets][-1] == ("R2-05", 4)
    moved = r1.cabinets[-1]
    assert moved.design_kw == 10 and [s.model_id for s in moved.servers] == ["dgx-a100"]  # blank cells kept
    after = to_dict(site)
    restore_cabinet_lists(site, previous)
    assert to_dict(site) == before
    restore_cabinet_lists(site, apply_cabinet_import(site, plan))  # redo, then undo again
    assert to_dict(site) == before
    apply_cabinet_import(site, plan)
    assert to_dict(site) == after
    restore_cabinet_lists(site, previous)
    r1.cabinets.pop()  # the site changes after planning
    with pytest.raises(StalePlanError, match="plan it again"):
        apply_cabinet_import(site, plan)


def test_workbook_list_with_title_rows_and_servers_by_model(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "机柜清单"
    ws.append(["Cabinet list for hall H1"])
    ws.append([])
    ws.append(["Hall", "Row", "Slot", "Type", "Design power (kW)", "Servers", "Server model", "Name", "Notes"])
    ws.append(["H1", "R1", 4, "std-600x1200-47u", 20, 2, "dgx-a100", "一号", "kept out"])
    ws.append(["H1", "R2", 4, None, 20, 2, None, "", ""])
    ws.append(["H1", "R2", 3, None, "=10*2", 0, None, "", ""])  # a formula no program has computed yet
    path = tmp_path / "list.xlsx"
    wb.save(path)
    table = read_cabinet_list(path)
    assert table.source == "list.xlsx [机柜清单]" and table.ignored == ("Notes",)
    assert [r.sheet_row for r in table.rows] == [4, 5, 6]
    plan = plan_cabinet_import(small_site(), table)
    (change,) = plan.changes
    assert change.cabinet.name == "一号"
    assert [(s.model_id, s.count) for s in change.cabinet.servers] == [("dgx-a100", 2)]
    five, six = plan.rejected
    assert five.sheet_row == 5 and "no server model is given" in five.reason
    assert six.reason.startswith("Design power (kW) holds the formula =10*2 with no saved result")


def test_chinese_csv_from_excel_in_gb18030(tmp_path):
    path = tmp_path / "list.csv"
    text = "Hall,Row,Position,Design (kW),Name\nH1,R1,4,8,一号机柜\nH1,R2,4,8,=SUM(A1:A3)\n"
    path.write_bytes(text.encode("gb18030"))
    one, two = plan_cabinet_import(small_site(), read_cabinet_list(path)).changes
    assert one.cabinet.name == "一号机柜"
    assert two.cabinet.name == "=SUM(A1:A3)"  # text from a list stays text


def test_server_count_must_agree_with_the_server_load(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Hall,Row,Position,Design (kW),Servers,Server load\nH1,R1,0,10,3,1 × dgx-a100\n", encoding="utf-8")
    (rejected,) = plan_cabinet_import(small_site(), read_cabinet_list(path)).rejected
    assert rejected.reason.startswith("Servers says 3 but Server load holds 1 compute servers")


def test_unreadable_lists_are_refused_with_a_reason(tmp_path):
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(CabinetListError, match=r"an \.xlsx workbook or a \.csv file"):
        read_cabinet_list(tmp_path / "x.json")
    (tmp_path / "no_header.csv").write_text("a,b,c\n1,2,3\n")
    with pytest.raises(CabinetListError, match="no header line with the columns hall, row, position"):
        read_cabinet_list(tmp_path / "no_header.csv")
    (tmp_path / "twice.csv").write_text("hall,row,position,kW,Design (kW)\n")
    with pytest.raises(CabinetListError, match="both give the design_kw"):
        read_cabinet_list(tmp_path / "twice.csv")
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CabinetListError, match=r"not a readable \.xlsx workbook"):
        read_cabinet_list(tmp_path / "fake.xlsx")
    with pytest.raises(CabinetListError, match="no such file"):
        read_cabinet_list(Path(tmp_path / "missing.csv"))


def test_server_load_text():
    assert parse_server_load("3 × hgx-h20-8gpu; 1 x storage-node-2u\n2*dgx-a100") == [
        {"model_id": "hgx-h20-8gpu", "count": 3},
        {"model_id": "storage-node-2u", "count": 1},
        {"model_id": "dgx-a100", "count": 2},
    ]
    assert parse_server_load("dgx-a100") == [{"model_id": "dgx-a100", "count": 1}]
    assert parse_server_load(" ") == []
