"""Importing a building drawing: units, layers, halls from outlines, columns and walls as obstacles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dcplanner.cli import main
from dcplanner.io.dxf import DrawingError, read_dxf
from dcplanner.io.dxf.halls import offer_halls
from dcplanner.io.project_file import load_project, save_project
from dcplanner.model.commands import AddRows, EditedSite, MoveRows
from dcplanner.model.commands.drawing import SetDrawing
from dcplanner.model.schema import ValidationError
from dcplanner.model.site import Row
from dcplanner.model.validation import validate_site
from tests.dxf.drawings import building_drawing
from tests.factories import small_site


@pytest.fixture
def drawing_path(tmp_path: Path) -> Path:
    return building_drawing(tmp_path / "building.dxf")


def test_units_layers_and_kinds(drawing_path):
    imported = read_dxf(drawing_path)
    drawing = imported.drawing
    assert (drawing.units, drawing.scale_to_m) == ("mm", 0.001)  # $INSUNITS = 4
    by_id = {s.id: s for s in drawing.shapes}
    assert {s.kind for s in drawing.shapes} == {"outline", "column", "wall"}  # the text is not kept
    # square column: 600 mm block at (10000, 8000) mm -> x 9.7-10.3 m, y -8.3 to -7.7 m (y negated)
    c1 = by_id["C1"]
    assert (c1.layer, c1.closed) == ("S-COLS", True)
    assert (min(c1.xs_m), max(c1.xs_m), min(c1.ys_m), max(c1.ys_m)) == pytest.approx((9.7, 10.3, -8.3, -7.7))
    # round column r = 300 mm at (16000, 8000) mm, flattened within 1 cm
    c2 = by_id["C2"]
    assert min(c2.xs_m) == pytest.approx(15.7, abs=0.011) and max(c2.xs_m) == pytest.approx(16.3, abs=0.011)
    wall = by_id["W1"]
    assert (wall.closed, wall.xs_m, wall.ys_m) == (False, [2.0, 12.0], [-11.0, -11.0])
    rooms = [s for s in imported.outlines() if s.layer == "A-ROOM"]
    assert len(rooms) == 1 and (min(rooms[0].xs_m), max(rooms[0].ys_m)) == (2.0, -2.0)


def test_units_given_override_and_unitless_refused(tmp_path):
    path = building_drawing(tmp_path / "nounits.dxf", insunits=0)
    with pytest.raises(DrawingError, match=r"nounits\.dxf: the drawing does not say its units.*--units mm"):
        read_dxf(path)
    metres = read_dxf(path, units="m")  # read as metres: 1000 times the size
    c1 = next(s for s in metres.drawing.shapes if s.id == "C1")
    assert max(c1.xs_m) == pytest.approx(10300)


def test_only_chosen_layers_kept(drawing_path):
    imported = read_dxf(drawing_path, layers=["S-COLS"])
    assert {s.id for s in imported.drawing.shapes} == {"C1", "C2"}
    with pytest.raises(DrawingError, match=r"no layer 'NOPE' in the drawing; its layers: .*S-COLS"):
        read_dxf(drawing_path, layers=["NOPE"])


def _site_with_drawing(drawing_path: Path):
    """small_site plus the drawing's room as hall H2 (x 2-20 m, y -14 to -2 m)."""
    site = small_site()
    imported = read_dxf(drawing_path)
    room = [s for s in imported.outlines() if s.layer == "A-ROOM"]
    offers = offer_halls(site, room)
    hall = offers[0].hall
    assert hall is not None and hall.id == "H2"  # H1 is taken
    assert (hall.x_m, hall.y_m, hall.width_m, hall.depth_m) == (2.0, -14.0, 18.0, 12.0)
    editor = EditedSite(site)
    SetDrawing(imported.drawing, [hall]).do(editor)
    return editor


def test_row_across_a_column_refused_naming_it(drawing_path):
    editor = _site_with_drawing(drawing_path)
    # column C1 in hall H2 coordinates: x 9.7-2 = 7.7 to 8.3 m, y -8.3+14 = 5.7 to 6.3 m.
    # A row of 10 slots of 0.6 m from x = 4 m spans x 4-10 m; 1.2 m deep from y = 5.4 m: y 5.4-6.6 m: it crosses C1.
    across = Row(id="RX", x_m=4.0, y_m=5.4, positions=10)
    with pytest.raises(ValidationError) as refused:
        AddRows("H2", [across]).do(editor)
    message = str(refused.value)
    assert "row 'RX'" in message and "column 'C1' (layer S-COLS" in message
    assert not editor.has("row", "RX")  # nothing changed
    # the same row 1.2 m further north (y 4.2-5.4 m) stands clear of the column
    clear = Row(id="RY", x_m=4.0, y_m=4.2, positions=10)
    AddRows("H2", [clear]).do(editor)
    assert editor.has("row", "RY")
    # moving it onto the column is refused too (the edit commands' checks)
    with pytest.raises(ValidationError, match="column 'C1'"):
        MoveRows(["RY"], 0.0, 1.2).do(editor)
    # the wall at plan y = -11 m is hall y 3 m, x 0-10 m: a row from y 2.4 to 3.6 m crosses it
    with pytest.raises(ValidationError, match="wall 'W1' \\(layer A-WALL"):
        AddRows("H2", [Row(id="RW", x_m=12.0 - 2 - 6.0, y_m=2.4, positions=10)]).do(editor)
    # east of the wall's end (x 10 m in the hall) the same row is clear
    AddRows("H2", [Row(id="RE", x_m=10.2, y_m=2.4, positions=10)]).do(editor)


def test_file_with_a_row_on_a_column_is_refused_on_load(drawing_path, tmp_path, capsys):
    editor = _site_with_drawing(drawing_path)
    site = editor.site
    path = tmp_path / "ok.dcp.json"
    save_project(site, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["site"]["halls"][1]["rows"] = [{"id": "RX", "x_m": 4.0, "y_m": 5.4, "positions": 10}]
    bad = tmp_path / "bad.dcp.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    issues = [str(i) for i in validate_site(load_project(path).site)]
    assert not [i for i in issues if "stands on" in i]
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "halls[1].rows[0]: row 'RX'" in err and "stands on column 'C1' (layer S-COLS" in err


def test_import_refused_when_a_row_already_stands_there(drawing_path):
    site = small_site()  # rows R1, R2 at x 2-5 m, y 1.2-2.4 and 3.6-4.8 m in hall H1 at (0, 0)
    imported = read_dxf(drawing_path)
    shape = imported.drawing.shapes[0]
    shape.xs_m, shape.ys_m, shape.closed = [3.0, 3.5, 3.5, 3.0], [1.5, 1.5, 2.0, 2.0], True  # inside row R1
    with pytest.raises(ValidationError, match=f"row 'R1'.*column '{shape.id}'"):
        SetDrawing(imported.drawing).do(EditedSite(site))
    assert site.drawing.shapes == []


def test_cli_import_with_halls_then_validate(drawing_path, tmp_path, capsys):
    project = tmp_path / "p.dcp.json"
    save_project(small_site(), project)
    out = tmp_path / "out.dcp.json"
    assert (
        main(["import-dxf", str(project), "--from", str(drawing_path), "--halls-from-layer", "A-ROOM", "-o", str(out)])
        == 0
    )
    printed = capsys.readouterr().out
    assert "hall H2 from outline O2: 18 x 12 m at (2, -14)" in printed
    site = load_project(out).site
    assert [h.id for h in site.halls] == ["H1", "H2"]
    assert len(site.drawing.shapes) == 5 and site.drawing.source == "building.dxf"
    assert main(["validate", str(out)]) == 0
    capsys.readouterr()
    # nothing written when refused: a missing file, named
    assert (
        main(["import-dxf", str(project), "--from", str(tmp_path / "missing.dxf"), "-o", str(tmp_path / "x.json")]) == 1
    )
    assert "missing.dxf: no such file" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_huge_drawing_simplified_not_refused(tmp_path):
    import ezdxf

    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6
    msp = doc.modelspace()
    for k in range(3000):  # 3,000 small squares of 10 cm, 12,000 vertices, and one 50 m outline
        x, y = (k % 60) * 0.5, (k // 60) * 0.5
        msp.add_lwpolyline(
            [(x, y), (x + 0.1, y), (x + 0.1, y + 0.1), (x, y + 0.1)], close=True, dxfattribs={"layer": "FURN"}
        )
    msp.add_lwpolyline([(0, 0), (50, 0), (50, 40), (0, 40)], close=True, dxfattribs={"layer": "A-OUTLINE"})
    path = tmp_path / "huge.dxf"
    doc.saveas(path)
    imported = read_dxf(path, max_points=2000)
    points = sum(len(s.xs_m) for s in imported.drawing.shapes)
    assert points <= 2000 and imported.simplified
    assert imported.drawing.left_out == 3001 - len(imported.drawing.shapes) > 0
    assert any(s.layer == "A-OUTLINE" for s in imported.drawing.shapes)  # the largest shapes are kept


def test_column_in_an_aisle_is_a_clearance_warning(drawing_path):
    editor = _site_with_drawing(drawing_path)
    # row RA at hall y 6.9-8.1 m, x 4-10 m: column C1 (hall y 5.7-6.3 m) is 0.6 m north of it, inside
    # the 1.2 m aisle strip the plan shades north of a row with no row facing it (y 5.7-6.9 m)
    AddRows("H2", [Row(id="RA", x_m=4.0, y_m=6.9, positions=10, hot_aisle_side="north")]).do(editor)
    warnings = [i for i in validate_site(editor.site) if i.code == "layout.obstacle_in_aisle"]
    assert len(warnings) == 1
    assert warnings[0].path == "halls[1].rows[0]"
    assert "column 'C1'" in warnings[0].message and "hot aisle of row 'RA'" in warnings[0].message
    # 1.3 m further south the strip (y 7.0-8.2 m) clears the column (ends at 6.3 m): no warning
    editor2 = _site_with_drawing(drawing_path)
    AddRows("H2", [Row(id="RB", x_m=4.0, y_m=8.2, positions=10, hot_aisle_side="north")]).do(editor2)
    assert not [i for i in validate_site(editor2.site) if i.code == "layout.obstacle_in_aisle"]


def test_layers_named_as_columns_and_walls(tmp_path, capsys):
    import ezdxf

    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6
    msp = doc.modelspace()
    msp.add_lwpolyline([(1, 1), (1.5, 1), (1.5, 1.5), (1, 1.5)], close=True, dxfattribs={"layer": "STRUCT-P"})
    msp.add_line((0, 3), (8, 3), dxfattribs={"layer": "PARTITION"})
    path = tmp_path / "named.dxf"
    doc.saveas(path)
    plain = read_dxf(path)
    assert {s.kind for s in plain.drawing.shapes} == {"other"}  # no layer name says column or wall
    named = read_dxf(path, column_layers=["STRUCT-P"], wall_layers=["PARTITION"])
    assert sorted((s.id, s.kind) for s in named.drawing.shapes) == [("C1", "column"), ("W1", "wall")]
    project = tmp_path / "p.dcp.json"
    save_project(small_site(), project)
    args = ["import-dxf", str(project), "--from", str(path), "--column-layer", "STRUCT-P", "--layer", "STRUCT-P"]
    assert main(args) == 0
    assert "1 column," in capsys.readouterr().out
    assert [s.kind for s in load_project(project).site.drawing.shapes] == ["column"]
