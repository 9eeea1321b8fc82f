"""Preferences: typed options read back with their types; damaged values fall back to defaults."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ui.settings import MAX_RECENT_FILES, Settings


def test_options_round_trip_with_their_types(tmp_path):
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    s = Settings(store)
    s.show_grid = False
    s.draw_design_kw = 12.5
    s.recent_files = ["/a/贵安.dcp.json"]
    store.sync()
    again = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again.show_grid is False
    assert again.draw_design_kw == 12.5
    assert again.recent_files == ["/a/贵安.dcp.json"]
    assert again.settings_version == "1"


def test_damaged_values_fall_back_to_defaults(tmp_path):
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    store.setValue("files/recent", "{not a list")
    store.setValue("tools/design_kw", "lots")
    s = Settings(store)
    assert s.recent_files == []
    assert s.draw_design_kw == 10.0


def test_recent_files_keep_ten_without_duplicates(tmp_path):
    s = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    for n in range(12):
        s.add_recent_file(tmp_path / f"{n}.dcp.json")
    s.add_recent_file(tmp_path / "5.dcp.json")
    files = s.recent_files
    assert len(files) == MAX_RECENT_FILES
    assert files[0].endswith("5.dcp.json") and files[1].endswith("11.dcp.json")
    assert len(set(files)) == len(files)


def test_totals_follow_edits(small, qtbot):
    assert small.analysis.wait_for_results()
    assert "32 kW" not in small.status.totals.text()
    small.selection.set(cabinets=["R1-0"])
    with qtbot.waitSignal(small.analysis.runner.results_ready, timeout=10000):
        small.ops.delete()
    # 8 cabinets x 10 kW before; one deleted
    assert small.status.totals.text().startswith("7 cabinets  ·  design IT 70 kW")
