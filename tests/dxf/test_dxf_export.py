"""Exporting the plan: read back with ezdxf item by item, round trip with an imported drawing, LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import ezdxf
import pytest

from dcplanner.cli import main
from dcplanner.io.dxf import read_dxf
from dcplanner.io.dxf.write import block_name, export_dxf
from dcplanner.io.project_file import load_project, save_project
from dcplanner.model.catalog import hardware_index
from dcplanner.model.geometry import slot_rect
from tests.conftest import ROOT
from tests.dxf.drawings import building_drawing

GUIAN = ROOT / "sample_sites" / "guian_supercomputing.dcp.json"


def _by_layer(msp, layer: str, kind: str = "LWPOLYLINE") -> list:
    return [e for e in msp.query(kind) if e.dxf.layer == layer]


def _box(points) -> tuple[float, float, float, float]:
    points = list(points)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), max(xs), min(ys), max(ys)


def test_every_cabinet_hall_and_row_read_back(tmp_path):
    site = load_project(GUIAN).site
    target = tmp_path / "plan.dxf"
    manifest = export_dxf(site, target)
    doc = ezdxf.readfile(target)
    assert doc.header["$INSUNITS"] == 6  # metres
    auditor = doc.audit()  # ezdxf's structure checks (the ones CAD programs rely on)
    assert not auditor.has_errors and not auditor.has_fixes, [str(e) for e in auditor.errors]
    msp = doc.modelspace()
    hw = hardware_index(site)
    # halls: one closed outline each, y negated (DXF y points north)
    halls = {_box(e.get_points("xy")) for e in _by_layer(msp, "DC-HALL")}
    assert halls == {(h.x_m, h.x_m + h.width_m, -(h.y_m + h.depth_m), -h.y_m) for h in site.halls}
    rows = sum(len(h.rows) for h in site.halls)
    assert len(_by_layer(msp, "DC-ROW")) == rows == manifest.rows
    refs = {}
    for ref in msp.query("INSERT"):
        assert ref.dxf.layer == "DC-CABINET"
        attribs = {a.dxf.tag: a.dxf.text for a in ref.attribs}
        refs[attribs["ID"]] = (ref, attribs)
    cabinets = [(h, r, c) for h in site.halls for r in h.rows for c in r.cabinets]
    assert len(refs) == len(cabinets) == manifest.cabinets == 121
    for hall, row, cab in cabinets:
        ref, attribs = refs[cab.id]
        assert attribs == {
            "ID": cab.id,
            "TYPE": cab.type_id,
            "DESIGN_KW": f"{cab.design_kw:g}",
            "PHASE": cab.phase_id or "",
        }
        assert ref.dxf.name == block_name(cab.type_id)
        ctype = hw.cabinet_types[row.cabinet_type_id]
        slot = slot_rect(row, cab.position, ctype.width_m, ctype.depth_m).translated(hall.x_m, hall.y_m)
        # the block's footprint, placed: its corners transformed by the reference
        footprint = next(e for e in ref.virtual_entities() if e.dxftype() == "LWPOLYLINE")
        got = _box(footprint.vertices_in_wcs())
        assert got == pytest.approx((slot.x0, slot.x1, -slot.y1, -slot.y0), abs=1e-9)
    labels = {e.dxf.text for e in msp.query("TEXT") if e.dxf.layer == "DC-LABEL"}
    assert {r.id for h in site.halls for r in h.rows} <= labels
    aisles = sum(len(_by_layer(msp, name)) for name in ("DC-AISLE-HOT", "DC-AISLE-COLD", "DC-CONTAINMENT"))
    assert aisles == manifest.aisles > 0


def test_vertical_rows_placed_turned(tmp_path):
    from tests.factories import small_site

    site = small_site()
    for row in site.halls[0].rows:  # turn both rows: x and y of the footprint swap
        row.orientation, row.hot_aisle_side = "vertical", "west"
    site.halls[0].rows[1].x_m = 5.0
    target = tmp_path / "v.dxf"
    export_dxf(site, target)
    msp = ezdxf.readfile(target).modelspace()
    hall = site.halls[0]
    for ref in msp.query("INSERT"):
        cab_id = next(a.dxf.text for a in ref.attribs if a.dxf.tag == "ID")
        row = next(r for r in hall.rows if any(c.id == cab_id for c in r.cabinets))
        cab = next(c for c in row.cabinets if c.id == cab_id)
        slot = slot_rect(row, cab.position, 0.6, 1.2)  # std-600x1200: 0.6 m pitch along y, 1.2 m deep along x
        footprint = next(e for e in ref.virtual_entities() if e.dxftype() == "LWPOLYLINE")
        assert _box(footprint.vertices_in_wcs()) == pytest.approx((slot.x0, slot.x1, -slot.y1, -slot.y0), abs=1e-9)


def test_import_then_export_round_trip(tmp_path, capsys):
    from tests.factories import small_site

    drawing = building_drawing(tmp_path / "building.dxf")
    project = tmp_path / "p.dcp.json"
    save_project(small_site(), project)
    assert main(["import-dxf", str(project), "--from", str(drawing), "--halls-from-layer", "A-ROOM"]) == 0
    assert main(["export-dxf", str(project), "-o", str(tmp_path / "plan.dxf")]) == 0
    assert "2 halls" in capsys.readouterr().out
    before = load_project(project).site.drawing
    again = read_dxf(tmp_path / "plan.dxf", layers=["A-OUTLINE", "A-ROOM", "S-COLS", "A-WALL"]).drawing
    assert again.units == "m"
    shapes = {s.id: (s.kind, s.layer, s.closed, s.xs_m, s.ys_m) for s in again.shapes}
    assert shapes == {s.id: (s.kind, s.layer, s.closed, s.xs_m, s.ys_m) for s in before.shapes}


def test_export_refuses_a_wrong_suffix_and_writes_nothing(tmp_path, capsys):
    assert main(["export-dxf", str(GUIAN), "-o", str(tmp_path / "plan.pdf")]) == 1
    assert "plan.pdf: a drawing is written as .dxf" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def _draw_can_import_dxf() -> bool:
    exe = shutil.which("soffice")
    return exe is not None and (Path(exe).resolve().parent.parent / "share" / "registry" / "draw.xcd").exists()


@pytest.mark.skipif(not _draw_can_import_dxf(), reason="LibreOffice Draw (its DXF import filter) is not installed")
def test_libreoffice_draw_opens_the_export(tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    site = load_project(GUIAN).site
    export_dxf(site, tmp_path / "plan.dxf")
    profile = tmp_path / "profile"
    res = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "plan.dxf"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0 and (tmp_path / "plan.pdf").exists(), res.stderr
    if pdftoppm is None:
        return
    subprocess.run([pdftoppm, "-r", "40", "-gray", "plan.pdf", "page"], cwd=tmp_path, check=True, timeout=60)
    page = next(tmp_path.glob("page*.pgm")).read_bytes()
    # PGM: header of three lines, then one byte per pixel; a drawn plan darkens a share of the page
    pixels = page.split(b"\n", 3)[3]
    dark = sum(1 for b in pixels if b < 160) / len(pixels)
    assert dark > 0.005, f"the page is blank ({dark:.2%} dark pixels)"


def test_scenario_drawn_with_its_overrides(tmp_path, capsys):
    from dcplanner.model.site import Scenario
    from tests.factories import small_site

    site = small_site(design_kw=10.0)
    site.scenarios = [Scenario(id="dense", overrides={"halls.*.rows.*.cabinets.*.design_kw": 25.0})]
    project = tmp_path / "p.dcp.json"
    save_project(site, project)
    assert main(["export-dxf", str(project), "-o", str(tmp_path / "dense.dxf"), "--scenario", "dense"]) == 0
    design = {
        a.dxf.text
        for ref in ezdxf.readfile(tmp_path / "dense.dxf").modelspace().query("INSERT")
        for a in ref.attribs
        if a.dxf.tag == "DESIGN_KW"
    }
    assert design == {"25"}
    assert main(["export-dxf", str(project), "-o", str(tmp_path / "x.dxf"), "--scenario", "nope"]) == 1
    assert "no scenario 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "x.dxf").exists()
