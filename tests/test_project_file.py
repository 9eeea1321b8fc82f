"""Project files: validation messages, atomic saves, migrations and round trips."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dcplanner.io import migrations, project_file
from dcplanner.io.project_file import ProjectFileError, load_project, save_project, site_to_document
from tests.factories import small_site


def write_doc(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def site_doc() -> dict:
    return site_to_document(small_site())


def test_load_save_load_is_identical(tmp_path, sample_paths):
    for path in sample_paths.values():
        first = load_project(path).site
        out = save_project(first, tmp_path / path.name)
        second = load_project(out).site
        assert second == first
        # A second save writes byte-identical text: nothing drifts between saves.
        again = save_project(second, tmp_path / ("again-" + path.name))
        assert again.read_bytes() == out.read_bytes()
        # The committed sample is already in canonical form.
        assert out.read_bytes() == path.read_bytes()


def test_negative_cabinet_power_names_the_field_and_range(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["rows"][1]["cabinets"][2]["design_kw"] = -5
    path = write_doc(tmp_path / "neg.dcp.json", doc)
    with pytest.raises(ProjectFileError) as err:
        load_project(path)
    msg = str(err.value)
    assert "halls[0].rows[1].cabinets[2].design_kw" in msg
    assert "-5 is out of range" in msg and "0 to 500 kW" in msg


def test_absurd_power_rejected(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["rows"][0]["cabinets"][0]["design_kw"] = 1e9
    with pytest.raises(ProjectFileError, match=r"cabinets\[0\]\.design_kw: 1e\+09 is out of range"):
        load_project(write_doc(tmp_path / "big.dcp.json", doc))


def test_row_outside_hall_is_rejected_with_its_path(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["rows"][0]["x_m"] = 8.0  # 5 x 0.6 m = 3 m long: ends at 11 m in a 10 m hall
    with pytest.raises(ProjectFileError) as err:
        load_project(write_doc(tmp_path / "out.dcp.json", doc))
    msg = str(err.value)
    assert "halls[0].rows[0]" in msg and "outside hall 'H1'" in msg and "x 0–10 m" in msg


def test_overlapping_rows_rejected(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["rows"][1]["y_m"] = 2.0  # row 1 spans y 1.2-2.4
    with pytest.raises(ProjectFileError, match=r"halls\[0\]\.rows\[1\]: row 'R2' .* overlaps row 'R1'"):
        load_project(write_doc(tmp_path / "overlap.dcp.json", doc))


def test_unknown_server_model_rejected(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["rows"][0]["cabinets"][1]["servers"][0]["model_id"] = "no-such-server"
    with pytest.raises(ProjectFileError, match=r"cabinets\[1\]\.servers\[0\]\.model_id: unknown server model"):
        load_project(write_doc(tmp_path / "unknown.dcp.json", doc))


def test_wrong_type_and_missing_field_rejected(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["width_m"] = "ten"
    del doc["site"]["halls"][0]["depth_m"]
    with pytest.raises(ProjectFileError) as err:
        load_project(write_doc(tmp_path / "types.dcp.json", doc))
    msg = str(err.value)
    assert "halls[0].width_m: must be a number, got the text 'ten' (allowed from 1 to 1000 m)" in msg
    assert "halls[0].depth_m: required field is missing" in msg


def test_unknown_field_is_named(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["desing_it_kw"] = 5
    with pytest.raises(ProjectFileError, match=r"halls\[0\]\.desing_it_kw: unknown field"):
        load_project(write_doc(tmp_path / "typo.dcp.json", doc))


def test_not_json_reports_line(tmp_path):
    path = tmp_path / "broken.dcp.json"
    path.write_text('{\n  "format": "dcplanner.project",\n  oops\n}', encoding="utf-8")
    with pytest.raises(ProjectFileError, match="line 3, column 3"):
        load_project(path)


def test_wrong_format_tag_and_newer_version_refused(tmp_path):
    doc = site_doc()
    doc["format"] = "something.else"
    with pytest.raises(ProjectFileError, match="not a dcplanner project"):
        load_project(write_doc(tmp_path / "a.dcp.json", doc))
    doc = site_doc()
    doc["format_version"] = migrations.CURRENT_FORMAT_VERSION + 1
    with pytest.raises(ProjectFileError, match="newer dcplanner"):
        load_project(write_doc(tmp_path / "b.dcp.json", doc))


def test_migrations_run_step_by_step(monkeypatch, tmp_path):
    """With two registered steps, a version-1 file passes through both, in order."""
    current = migrations.CURRENT_FORMAT_VERSION
    calls = []

    def step_a(doc):
        calls.append(("a", doc["format_version"]))
        doc["site"]["name"] += " (migrated once)"
        return doc

    def step_b(doc):
        calls.append(("b", doc["format_version"]))
        doc["site"]["name"] += " (twice)"
        return doc

    monkeypatch.setattr(migrations, "MIGRATIONS", {current: step_a, current + 1: step_b})
    monkeypatch.setattr(migrations, "CURRENT_FORMAT_VERSION", current + 2)
    doc = site_doc()
    migrated, was = migrations.migrate(doc, current + 2)
    assert was == current and migrated["format_version"] == current + 2
    assert calls == [("a", current), ("b", current + 1)]
    assert migrated["site"]["name"] == "Test site (migrated once) (twice)"
    assert doc["site"]["name"] == "Test site"  # the input document is not modified


def test_failed_load_returns_nothing_and_leaves_file(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["rows"][0]["cabinets"][0]["design_kw"] = -1
    path = write_doc(tmp_path / "bad.dcp.json", doc)
    before = path.read_bytes()
    with pytest.raises(ProjectFileError):
        load_project(path)
    assert path.read_bytes() == before


def test_crash_mid_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = save_project(small_site(), tmp_path / "site.dcp.json")
    before = path.read_bytes()
    site = small_site()
    site.name = "changed"

    def crash(src, dst):
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk pulled out"):
        save_project(site, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.dcp.json"]  # no temp file left


def test_invalid_site_is_not_saved(tmp_path):
    path = save_project(small_site(), tmp_path / "site.dcp.json")
    before = path.read_bytes()
    site = small_site()
    site.halls[0].rows[0].x_m = 50.0
    with pytest.raises(ProjectFileError, match="not saved"):
        save_project(site, path)
    assert path.read_bytes() == before


def test_backup_kept_when_a_migrated_file_is_saved(tmp_path, monkeypatch):
    path = save_project(small_site(), tmp_path / "site.dcp.json")
    original = path.read_bytes()
    loaded = load_project(path)
    loaded.written_in_version = 0  # as if it had been migrated from an older format
    save_project(loaded.site, path, keep_backup_of=loaded)
    assert (tmp_path / "site.dcp.json.bak").read_bytes() == original


def test_project_file_module_never_writes_on_load(tmp_path, monkeypatch, sample_paths):
    def no_write(*args, **kwargs):
        raise AssertionError("load must not write")

    monkeypatch.setattr(project_file, "write_bytes_atomic", no_write)
    load_project(sample_paths["anshun"])


def test_scenario_id_base_is_reserved(tmp_path):
    doc = site_doc()
    doc["site"]["scenarios"] = [{"id": "base", "name": "x", "description": "", "overrides": {}}]
    with pytest.raises(ProjectFileError, match=r"scenarios\[0\]\.id: 'base' names the base site"):
        load_project(write_doc(tmp_path / "base.dcp.json", doc))
