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


# ---------------------------------------------------------------------------------------------
# Hostile or damaged files: the project's own error, naming the file and the place


def _header(site_json: str) -> str:
    return '{"format": "dcplanner.project", "format_version": 1, "site": ' + site_json + "}"


def test_json_nested_past_the_parser_limit_is_refused(tmp_path):
    path = tmp_path / "deep.dcp.json"
    path.write_text(_header("[" * 100_000 + "]" * 100_000), encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"deep\.dcp\.json: .*nested too deeply"):
        load_project(path)


def test_json_nested_below_the_parser_limit_is_refused_before_migration(tmp_path):
    # 900 levels parse, but copy.deepcopy in the migration would exhaust the stack
    path = tmp_path / "deep.dcp.json"
    path.write_text(_header("[" * 900 + "]" * 900), encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"site\[0\]\[0\].*nested more than 64 levels"):
        load_project(path)
    with pytest.raises(migrations.FormatError, match="nested more than 64"):
        nested: list = []
        for _ in range(900):
            nested = [nested]
        migrations.migrate({"format": migrations.FORMAT_TAG, "format_version": 1, "site": nested})


def test_integer_literal_of_5000_digits_names_line_and_column(tmp_path):
    path = tmp_path / "long.dcp.json"
    path.write_text('{\n  "format": "dcplanner.project",\n  "n": ' + "7" * 5000 + "\n}", encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"line 3, column 8: a number of 5,000 digits") as err:
        load_project(path)
    assert "7777" not in str(err.value)


def test_1e400_sized_integer_in_a_float_field_is_out_of_range(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["width_m"] = 10**400
    with pytest.raises(ProjectFileError, match=r"halls\[0\]\.width_m: a number of 401 digits is out of range"):
        load_project(write_doc(tmp_path / "huge.dcp.json", doc))


def test_whole_number_above_2_to_the_53_is_refused(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["rows"][0]["cabinets"][0]["servers"] = [{"model_id": "x", "count": 2**60}]
    with pytest.raises(ProjectFileError, match=r"cabinets\[0\]\.servers\[0\]\.count: a number of 19 digits"):
        load_project(write_doc(tmp_path / "huge.dcp.json", doc))


def test_lone_surrogate_is_refused_on_load_naming_the_field(tmp_path):
    doc = site_doc()
    doc["site"]["halls"][0]["name"] = "Hall \ud800"
    path = tmp_path / "surrogate.dcp.json"
    path.write_text(json.dumps(doc), encoding="utf-8")  # ensure_ascii writes the escape \ud800
    with pytest.raises(ProjectFileError, match=r"site\.halls\[0\]\.name: the text holds the lone surrogate U\+D800"):
        load_project(path)


def test_lone_surrogate_in_a_field_name_is_refused_and_printable(tmp_path):
    doc = site_doc()
    doc["site"]["\udfff"] = 1
    path = tmp_path / "surrogate.dcp.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ProjectFileError) as err:
        load_project(path)
    str(err.value).encode("utf-8")  # the message itself can be printed
    assert "U+DFFF" in str(err.value)


def test_scenario_override_with_a_5000_digit_index(tmp_path):
    doc = site_doc()
    doc["site"]["scenarios"] = [
        {"id": "s", "name": "s", "description": "", "overrides": {"halls[" + "9" * 5000 + "].width_m": 3}}
    ]
    with pytest.raises(ProjectFileError, match=r"no item at index 9{20}.*\.\.\. \(there are 1\)"):
        load_project(write_doc(tmp_path / "index.dcp.json", doc))


# ---------------------------------------------------------------------------------------------
# Files named by a project stay in its folder


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        (("climate", "path"), "/etc/passwd", "absolute path"),
        (("climate", "path"), "C:\\Windows\\win.ini", "absolute path"),
        (("climate", "path"), "\\\\server\\share\\x.epw", "absolute path"),
        (("climate", "path"), "~/weather.epw", "'~'"),
        (("climate", "path"), "weather/../../x.epw", "leaving the project's folder"),
        (("it_load", "csv_path"), "../load.csv", "leaving the project's folder"),
    ],
)
def test_paths_outside_the_project_folder_are_refused(tmp_path, field, value, reason):
    doc = site_doc()
    section, key = field
    doc["site"][section][key] = value
    if section == "climate":
        doc["site"]["climate"]["source"] = "epw"
    else:
        doc["site"]["it_load"]["profile"] = "csv"
    with pytest.raises(ProjectFileError, match=rf"{section}\.{key}: .*{reason}"):
        load_project(write_doc(tmp_path / "p.dcp.json", doc))


def test_paths_inside_the_project_folder_are_kept(tmp_path):
    doc = site_doc()
    doc["site"]["climate"] = {"source": "epw", "builtin_id": "", "path": "weather/../weather/site.epw"}
    assert load_project(write_doc(tmp_path / "p.dcp.json", doc)).site.climate.path == "weather/../weather/site.epw"


def test_scenario_may_not_point_outside_the_folder(tmp_path):
    doc = site_doc()
    doc["site"]["scenarios"] = [
        {"id": "s", "name": "s", "description": "", "overrides": {"climate": {"source": "epw", "path": "/x.epw"}}}
    ]
    with pytest.raises(ProjectFileError, match=r"scenarios\[0\]\.overrides -> climate\.path: an absolute path"):
        load_project(write_doc(tmp_path / "p.dcp.json", doc))


def test_file_chosen_in_the_app_inside_the_folder_is_saved_relative(tmp_path):
    site = small_site()
    site.climate.source, site.climate.path = "epw", str(tmp_path / "weather" / "site.epw")
    save_project(site, tmp_path / "p.dcp.json")
    assert load_project(tmp_path / "p.dcp.json").site.climate.path == "weather/site.epw"


def test_a_file_outside_the_folder_is_never_saved_into_a_project(tmp_path):
    """What load_project refuses is never written: the save names the field and keeps the old file."""
    (tmp_path / "project").mkdir()
    target = tmp_path / "project" / "p.dcp.json"
    save_project(small_site(), target)
    before = target.read_bytes()
    site = small_site()
    site.climate.source, site.climate.path = "epw", str(tmp_path / "elsewhere.epw")
    with pytest.raises(ProjectFileError, match=r"would not open again:\nclimate\.path: an absolute path"):
        save_project(site, target)
    assert target.read_bytes() == before


# ---------------------------------------------------------------------------------------------
# Interrupted saves leave no temp file behind after the next save or open

_SAVE_LOOP = """
import sys
from pathlib import Path
from dcplanner.io.atomic import write_bytes_atomic
target = Path(sys.argv[1])
data = b"x" * 4_000_000
while True:
    write_bytes_atomic(target, data)
"""


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _kill_mid_write(folder: Path, target: Path) -> None:
    """Start a process that saves ``target`` in a loop; SIGKILL it while a temp file exists."""
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen([sys.executable, "-c", _SAVE_LOOP, str(target)], cwd=Path(__file__).parents[1])
    try:
        deadline = time.monotonic() + 30
        while not _temps(folder) and time.monotonic() < deadline:
            time.sleep(0.001)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("then", ["save", "open"])
def test_killed_save_leaves_no_temp_after_the_next_save_or_open(tmp_path, then):
    target = save_project(small_site(), tmp_path / "site.dcp.json")
    left = 0
    for _ in range(3):
        _kill_mid_write(tmp_path, target)
        left += len(_temps(tmp_path))
    assert left > 0  # the kills did interrupt writes
    target.write_bytes(save_project(small_site(), tmp_path / "copy.dcp.json").read_bytes())
    if then == "save":
        save_project(small_site(), target)
    else:
        load_project(target)
    assert _temps(tmp_path) == []


def test_cleanup_keeps_the_temp_file_of_a_save_still_running(tmp_path):
    from dcplanner.io import atomic

    target = tmp_path / "site.dcp.json"
    fd, tmp = atomic._open_temp(target)  # a save in progress holds its lock
    try:
        assert atomic.remove_stale_temps(target) == []
        assert Path(tmp).exists()
    finally:
        os.close(fd)
    assert atomic.remove_stale_temps(target) == [Path(tmp)]  # once the writer is gone, it is a leftover
