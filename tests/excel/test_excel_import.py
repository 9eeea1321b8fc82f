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
    assert reasons[11] == "Design (kW) is empty; a new cabinet needs its design power"
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


# ---------------------------------------------------------------------------------------------
# Lists that could mislead: decimal commas, text in number cells, cabinets left out, long reports


def _plan(tmp_path: Path, name: str, text: str, site: Site | None = None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return plan_cabinet_import(site or small_site(), read_cabinet_list(path))


def test_semicolon_list_reads_the_decimal_comma(tmp_path):
    plan = _plan(tmp_path, "eu.csv", "Hall;Row;Position;Design (kW)\nH1;R1;4;2,5\nH1;R2;4;7.5\nH1;R2;3;2.500\n")
    changes = {c.sheet_row: c.cabinet.design_kw for c in plan.changes}
    assert changes == {2: 2.5, 3: 7.5}  # never 25
    (three,) = plan.rejected
    assert three.sheet_row == 4 and "'2.500' could be thousands or a fraction" in three.reason


def test_comma_list_refuses_a_decimal_comma_and_reads_grouped_thousands(tmp_path):
    text = 'Hall,Row,Position,Design (kW)\nH1,R1,4,"2,5"\nH1,R2,4,"1,250"\n'
    plan = _plan(tmp_path, "us.csv", text)
    two, three = plan.rejected
    assert two.sheet_row == 2 and "cannot read '2,5' as a number" in two.reason
    assert three.reason == "Design (kW): 1250 is out of range; allowed from 0 to 500 kW"  # 1,250 read as 1250


def test_text_with_a_unit_in_a_number_cell_is_refused_not_zero(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Hall", "Row", "Position", "Design (kW)"])
    ws.append(["H1", "R1", 0, "20 kW"])
    ws.append(["H1", "R1", 1, " 12 "])
    path = tmp_path / "units.xlsx"
    wb.save(path)
    plan = plan_cabinet_import(small_site(), read_cabinet_list(path))
    (rejected,) = plan.rejected
    assert rejected.sheet_row == 2 and rejected.reason == "Design (kW): expected a number, got '20 kW'"
    (change,) = plan.changes
    assert change.cabinet.design_kw == 12.0


def test_preview_counts_the_project_cabinets_the_list_leaves_out(tmp_path):
    site = small_site()  # 8 cabinets: R1-0..R1-3 and R2-0..R2-3
    plan = _plan(tmp_path, "part.csv", "hall,row,position,kW,cabinet id\nH1,R1,0,11,\nH1,R2,1,9,R2-1\n", site)
    assert plan.updated == 2 and plan.not_listed == 6
    assert plan.summary().endswith("; 6 cabinets in the project are not in the list; they are kept")
    whole = "hall,row,position,kW\n" + "".join(f"H1,R{r},{p},10\n" for r in (1, 2) for p in range(4))
    assert _plan(tmp_path, "all.csv", whole, site).not_listed == 0


def test_report_lists_the_first_50_rejected_rows_and_counts_the_rest(tmp_path):
    text = "hall,row,position,kW\n" + "H9,R1,0,10\n" * 120
    plan = _plan(tmp_path, "many.csv", text)
    assert len(plan.rejected) == 120
    lines = plan.report().splitlines()
    assert sum(line.startswith("  rejected row") for line in lines) == 50
    assert "  ... and 70 more rejected rows" in lines
    assert sum(line.startswith("  rejected row") for line in plan.report(None).splitlines()) == 120


# ---------------------------------------------------------------------------------------------
# Damaged and hostile workbooks


def _workbook_bytes() -> bytes:
    import io

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Hall", "Row", "Position", "Design (kW)", "Name"])
    ws.append(["H1", "R1", 4, 10, "one"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(data: bytes, edit, extra: dict[str, bytes] | None = None) -> bytes:
    """A copy of the zip ``data`` with ``edit(name, bytes) -> bytes`` applied to each part."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, edit(info.filename, src.read(info)))
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _with_shared_string(text: bytes, cell: str = "E2") -> bytes:
    """The test workbook with ``cell`` pointing at shared string 0, which holds ``text``."""
    import re

    def edit(name: str, body: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            inline = rb'<c r="' + cell.encode() + rb'" t="inlineStr"><is><t>[^<]*</t></is></c>'
            return re.sub(inline, b'<c r="' + cell.encode() + b'" t="s"><v>0</v></c>', body)
        if name == "[Content_Types].xml":
            override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST}"/>'
            return body.replace(b"</Types>", override.encode() + b"</Types>")
        if name == "xl/_rels/workbook.xml.rels":
            rel = f'<Relationship Id="rIdS" Type="{_SST_REL}" Target="sharedStrings.xml"/>'
            return body.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
        return body

    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
    return _rewrite(_workbook_bytes(), edit, {"xl/sharedStrings.xml": sst + text + b"</t></si></sst>"})


def _patch_flags(data: bytes, part: str, *, flag: int | None = None, method: int | None = None) -> bytes:
    """Set the general-purpose flag or compression method of ``part`` in both zip headers."""
    import struct

    blob = bytearray(data)
    name = part.encode()
    headers = ((b"PK\x03\x04", 6, 8, 26, 30), (b"PK\x01\x02", 8, 10, 28, 46))  # local, central (APPNOTE 4.3)
    for sig, flag_at, method_at, name_len_at, name_at in headers:
        start = 0
        while (i := blob.find(sig, start)) >= 0:
            (n,) = struct.unpack_from("<H", blob, i + name_len_at)
            if bytes(blob[i + name_at : i + name_at + n]) == name:
                if flag is not None:
                    struct.pack_into("<H", blob, i + flag_at, flag)
                if method is not None:
                    struct.pack_into("<H", blob, i + method_at, method)
            start = i + 4
    return bytes(blob)


def _refused(tmp_path: Path, data: bytes, pattern: str) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(data)
    with pytest.raises(CabinetListError, match=pattern) as err:
        read_cabinet_list(path)
    assert str(err.value).startswith(str(path))


def test_shared_string_read_back(tmp_path):
    path = tmp_path / "shared.xlsx"
    path.write_bytes(_with_shared_string(b"from the table"))
    assert read_cabinet_list(path).rows[0].values["name"] == "from the table"


def test_text_that_is_not_unicode_rejects_the_row_and_prints():
    from dcplanner.io.excel.cabinet_list import _table

    header = ("Hall", "Row", "Position", "Design (kW)", "Name", "Note \ud800")
    lines = [(1, header), (2, ("H1", "R1", 4, 10, "a\ud801", ""))]
    table = _table(lines, "list")
    assert table.ignored == ("Note \\ud800",)
    (rejected,) = plan_cabinet_import(small_site(), table).rejected
    assert rejected.reason.startswith("Name holds the lone surrogate U+D801 at character 2")
    str(rejected).encode("utf-8")  # printable


def test_workbook_with_no_sheets_is_refused(tmp_path):
    def no_sheets(name: str, body: bytes) -> bytes:
        if name == "xl/workbook.xml":
            import re

            return re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", body, flags=re.S)
        return body

    _refused(tmp_path, _rewrite(_workbook_bytes(), no_sheets), "holds no worksheet|not a readable")


def test_bad_shared_string_index_is_refused(tmp_path):
    path = tmp_path / "sst.xlsx"
    path.write_bytes(_with_shared_string(b"only one"))
    data = _rewrite(path.read_bytes(), lambda name, body: body.replace(b't="s"><v>0</v>', b't="s"><v>7</v>'))
    _refused(tmp_path, data, r"not a readable \.xlsx workbook \(list index out of range\)")


def test_corrupted_deflate_stream_is_refused(tmp_path):
    data = bytearray(_workbook_bytes())
    i = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
    data[i + 10 : i + 60] = b"\xff" * 50  # inside the first part's compressed bytes
    _refused(tmp_path, bytes(data), r"not a readable \.xlsx workbook")


def test_encrypted_part_is_refused(tmp_path):
    data = _patch_flags(_workbook_bytes(), "xl/worksheets/sheet1.xml", flag=0x1)
    _refused(tmp_path, data, r"part 'xl/worksheets/sheet1.xml' is encrypted")


def test_unsupported_compression_is_refused(tmp_path):
    data = _patch_flags(_workbook_bytes(), "xl/worksheets/sheet1.xml", method=14)  # LZMA
    _refused(tmp_path, data, r"uses zip compression method 14")


def test_zip_bomb_is_refused_in_under_a_second(tmp_path):
    import re
    import time

    filler = b"<row/>" * ((40 << 20) // 6)  # ~40 MiB of XML that deflates about 1000-fold

    def bomb(name: str, body: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb"</sheetData>", filler + b"</sheetData>", body)
        return body

    data = _rewrite(_workbook_bytes(), bomb)
    assert len(data) < 1 << 20
    start = time.perf_counter()
    _refused(tmp_path, data, r"would grow [\d,]+-fold to \d+ MiB when unpacked \(a zip bomb\?\)")
    assert time.perf_counter() - start < 1.0


# Headers accepted before the model declared them (list key -> headers as a person types them).
EARLIER_HEADERS = {
    "id": ("Cabinet id", "Cabinet", "ID"),
    "hall": ("Hall", "Hall id"),
    "row": ("Row", "Row_ID"),
    "position": ("Position", "Slot", "pos"),
    "type_id": ("Cabinet type", "Type", "Type id"),
    "design_kw": ("Design (kW)", "design kW", "kW", "Design power (kW)", "Power", "Design IT [kW]"),
    "server_count": ("Servers", "Server count", "Compute servers"),
    "server_model": ("Server model", "Model"),
    "servers": ("Server load",),
    "phase_id": ("Phase", "Phase id"),
    "name": ("Name", "Cabinet name"),
}


@pytest.mark.parametrize(("key", "header"), [(k, h) for k, headers in EARLIER_HEADERS.items() for h in headers])
def test_every_earlier_header_still_names_its_column(key, header, tmp_path):
    columns = {"hall": "Hall", "row": "Row", "position": "Position", key: header}
    path = tmp_path / "list.csv"
    path.write_text(",".join(columns.values()) + "\n" + ",".join("1" for _ in columns) + "\n", encoding="utf-8")
    assert read_cabinet_list(path).headers == columns


def test_every_header_the_model_declares_names_its_field(tmp_path):
    from dcplanner.model.schema import describe_fields
    from dcplanner.model.site import Cabinet

    for info in describe_fields(Cabinet):
        for n, header in enumerate(info.headers):
            if info.name == "position":
                continue
            path = tmp_path / f"{info.name}-{n}.csv"
            path.write_text(f"Hall,Row,Position,{header}\nH1,R1,4,x\n", encoding="utf-8")
            assert read_cabinet_list(path).headers == {
                "hall": "Hall",
                "row": "Row",
                "position": "Position",
                info.name: header,
            }, header


def test_chinese_headers_with_full_width_brackets(tmp_path):
    site = small_site()
    path = tmp_path / "机柜清单.csv"
    path.write_text("机房,机列,机位,设计功率（kW）,机柜名称\nH1,R1,4,8,一号机柜\n", encoding="utf-8")
    plan = plan_cabinet_import(site, read_cabinet_list(path))
    assert not plan.rejected and plan.added == 1
    (change,) = plan.changes
    assert (change.row_id, change.cabinet.position, change.cabinet.design_kw, change.cabinet.name) == (
        "R1",
        4,
        8.0,
        "一号机柜",
    )
