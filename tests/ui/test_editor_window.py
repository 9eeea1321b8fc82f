"""The main window as a user meets it: files, title, unsaved changes, totals, colours, pixels."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QMessageBox

from dcplanner.model.edited_site import EditedSite
from dcplanner.model.schema import ValidationError, to_dict
from tests.conftest import ROOT
from tests.factories import small_site
from tests.test_placement import _edit, _step


def test_pyside_does_not_leak_none():
    """Guard for the 6.12.0 bug: void C++ calls must not drop references to None."""
    item = QGraphicsRectItem()
    before = sys.getrefcount(None)
    for _ in range(100):
        item.setZValue(1)
    assert sys.getrefcount(None) - before >= -5


def test_menus_and_standard_shortcuts(window):
    a = window.actions_
    assert a.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert a.save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert a.copy.shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    assert a.duplicate.shortcut() == QKeySequence("Ctrl+D")
    titles = [m.title() for m in (window.menus.file, window.menus.edit, window.menus.view, window.menus.help)]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    assert [act.text() for act in window.menus.export.actions()] == [
        "Capacity workbook (Excel)…",
        "Design report (PDF)…",
        "Drawing (DXF)…",
    ]
    assert [act.text() for act in window.menus.import_.actions()] == [
        "Cabinets from a list (Excel or CSV)…",
        "Drawing (DXF) as the plan's background…",
    ]


def test_export_and_analysis_hooks(window):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel

    window.add_export_action(QAction("Rack elevations (PDF)…", window))
    exports = [act.text() for act in window.menus.export.actions()]
    assert exports == ["Capacity workbook (Excel)…", "Design report (PDF)…", "Drawing (DXF)…", "Rack elevations (PDF)…"]
    dock = window.add_analysis_dock(QLabel("plot"), "Hourly PUE")
    assert dock.objectName() == "dock_analysis_hourly_pue"
    window.status.set_annual_pue(None)
    assert window.status.pue.isHidden()  # hidden until the energy engine reports
    window.status.set_annual_pue(1.2876)
    assert window.status.pue.text() == "annual PUE 1.288" and not window.status.pue.isHidden()


def test_open_shows_every_cabinet_and_totals(window, sample_paths):
    assert window.open_file(sample_paths["anshun"], ask=False)
    assert window.analysis.wait_for_results(120000)
    cabinets = sum(len(r.cabinets) for h in window.document.site.halls for r in h.rows)
    assert cabinets == 1015
    assert sum(len(window.scene._row_cabinets[r]) for r in window.scene.row_items) == 1015
    assert window.windowTitle() == "anshun.dcp.json[*] — dcplanner"
    assert "1,015 cabinets" in window.status.totals.text()
    assert "design IT 20,300 kW" in window.status.totals.text()  # 1,015 x 20 kW


def test_failed_open_keeps_the_current_site(window, sample_paths, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    window.open_file(sample_paths["anshun"], ask=False)
    bad = tmp_path / "bad.dcp.json"
    bad.write_text("{not json", encoding="utf-8")
    assert not window.open_file(bad, ask=False)
    assert shown and "not valid JSON" in shown[0]
    assert window.document.site.id == "anshun-nanzhi"


def test_title_marks_unsaved_changes_and_close_asks(small, monkeypatch):
    win = small
    assert not win.isWindowModified()
    win.selection.set(rows=["R2"])
    win.ops.nudge(1, 0)
    assert win.isWindowModified() and win.windowTitle().startswith("small.dcp.json[*]")
    answers = [QMessageBox.StandardButton.Cancel]
    win.ask_save_changes = lambda: answers.pop(0)
    win.close()
    assert win.isVisible()  # cancelled
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Save
    win.close()
    assert not win.isVisible()
    assert not win.document.dirty  # saved on the way out


def test_opening_another_file_asks_first(small, sample_paths):
    small.selection.set(rows=["R2"])
    small.ops.nudge(1, 0)
    small.ask_save_changes = lambda: QMessageBox.StandardButton.Cancel
    assert not small.open_file(sample_paths["anshun"])
    assert small.document.site.id == "t"
    small.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    assert small.open_file(sample_paths["anshun"])


def test_save_then_reopen_shows_the_same_plan(small, tmp_path, qtbot, settings):
    from ui.main_window import MainWindow

    win = small
    win.selection.set(rows=["R2"])
    win.ops.nudge(1, 0)
    win.selection.set(cabinets=["R1-3"])
    win.ops.duplicate()
    path = tmp_path / "edited.dcp.json"
    assert win._save_to(path)
    assert not win.isWindowModified() and win.windowTitle().startswith("edited.dcp.json")
    other = MainWindow(settings, restore_layout=False)
    qtbot.addWidget(other)
    assert other.open_file(path, ask=False)
    assert to_dict(other.document.site) == to_dict(win.document.site)
    assert set(other.scene.row_items) == set(win.scene.row_items)
    for rid, item in win.scene.row_items.items():
        twin = other.scene.row_items[rid]
        assert twin.scenePos() == item.scenePos()
        assert twin._looks == item._looks
    assert str(path.resolve()) == settings.recent_files[0]


def test_recent_files_and_layout_persist(small, settings, tmp_path):
    from ui.settings import Settings

    small.close()
    again = Settings(settings.qsettings)
    assert again.recent_files[0] == str((tmp_path / "small.dcp.json").resolve())
    assert not again.window_state.isEmpty()


def _probe(win, x: float, y: float) -> QColor:
    image = win.view.viewport().grab().toImage()
    return image.pixelColor(win.view.mapFromScene(QPointF(x, y)))


def test_pixel_probes_find_cabinets_where_the_model_says(window, sample_paths):
    window.open_file(sample_paths["guian_supercomputing"], ask=False)
    window.view.fit()
    QApplication.processEvents()
    ed = window.document.editor
    for cid in ("GPU-001", "GPU-005"):
        box = window.scene.scene_rect_of("cabinet", cid)
        seen = _probe(window, box.center().x(), box.center().y())
        expected = window.scene.cabinet_colour(cid)
        assert abs(seen.red() - expected.red()) + abs(seen.green() - expected.green()) < 12, (cid, seen.name())
    hall = ed.site.halls[0]
    floor = _probe(window, hall.x_m + 0.3, hall.y_m + hall.depth_m - 0.3)
    assert floor.saturation() < 20 and floor.lightness() > 230  # pale floor, no cabinet


def test_pixels_follow_a_move(small):
    win = small
    win.view.fit()
    QApplication.processEvents()
    old = win.scene.scene_rect_of("cabinet", "R1-3").center()
    colour = win.scene.cabinet_colour("R1-3")
    empty_before = _probe(win, old.x() + 0.6, old.y())
    win.selection.set(cabinets=["R1-3"])
    win.ops.nudge(1, 0)
    QApplication.processEvents()
    new = win.scene.scene_rect_of("cabinet", "R1-3").center()
    assert new.x() == pytest.approx(old.x() + 0.6)
    moved = _probe(win, new.x(), new.y() + 0.4)  # below the selection tint's centre, same fill
    assert moved != empty_before
    assert _probe(win, old.x(), old.y() + 0.4) != colour


def test_colour_modes_and_legend_counts(window, sample_paths):
    window.open_file(sample_paths["anshun"], ask=False)
    for mode in ("design_kw", "loading", "phase", "compute", "cooling"):
        window.set_colour_mode(mode)
        counts = [count for _colour, _label, count in window.legend.entries()]
        assert sum(counts) == 1015, mode
    window.set_colour_mode("phase")
    entries = {label: count for _c, label, count in window.legend.entries()}
    assert entries["一期 A: halls 1-2 (P1a)"] == 406  # halls 1-2: 2 x 7 pods x 29 cabinets
    window.set_colour_mode("loading")
    entries = {label: count for _c, label, count in window.legend.entries()}
    # servers in halls 1-2 and in the first 7 rows of hall 3 (15 + 14 + 15 + 14 + 15 + 14 + 15 = 102):
    # empty are halls 4-5 (2 x 203) and the other 101 cabinets of hall 3
    assert entries["empty"] == 2 * 203 + (203 - 102)


def test_tooltip_tells_kw_loading_and_phase(window, sample_paths):
    window.open_file(sample_paths["anshun"], ask=False)
    point = window.scene.scene_rect_of("cabinet", "A1-01-01").center()
    text = window.scene.tooltip_at(point)
    assert "Design: <b>20 kW</b>" in text
    assert "Loaded: <b>16.5 kW</b>" in text  # 3 x HGX H20 at 5.5 kW
    assert "(82% of budget)" in text
    assert "一期 A: halls 1-2 (P1a)" in text


def test_narrow_aisle_is_flagged(small):
    win = small
    win.selection.set(rows=["R2"])
    win.ops.nudge(0, -1)  # aisle 1.2 -> 0.6 m
    item = win.scene.hall_items["H1"]
    assert [text for _rect, text in item._narrow] == ["0.60 m < 1.2 m"]
    assert win.analysis.wait_for_results()
    assert "1 warning" in win.status.findings.text()
    win.document.undo_stack.undo()
    assert item._narrow == []


def test_copy_paste_rotate_array(small):
    win = small
    ed = win.document.editor
    win.selection.set(rows=["R1"])
    assert win.ops.copy()
    win.ops.paste()
    assert len(ed.hall("H1").rows) == 3
    pasted = win.selection.rows
    assert len(pasted) == 1 and "R1" not in pasted
    win.document.undo_stack.undo()
    win.selection.set(rows=["R2"])
    win.ops.rotate()
    assert ed.row("R2").orientation == "vertical"
    win.document.undo_stack.undo()
    assert not win.ops.array_row("R2", 3, 2.4, True)  # the 8 m deep hall has no room for three more
    assert "outside hall" in win.view.notice.text()


def test_delete_and_cut(small):
    win = small
    win.selection.set(cabinets=["R1-0", "R2-3"])
    win.ops.cut()
    assert not win.document.editor.has("cabinet", "R1-0")
    assert win.document.undo_stack.undoText() == "Cut 2 cabinets"
    assert win.selection.empty
    win.ops.paste()  # nothing selected: back into their own rows
    assert len(win.document.editor.row("R1").cabinets) == 4


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(_step, min_size=5, max_size=25))
def test_random_edits_through_the_window_undo_to_the_start(window, steps):
    doc = window.document
    doc._replace(EditedSite(small_site()), None, None)
    start = to_dict(doc.site)
    for step in steps:
        try:
            command = _edit(doc.editor, *step)
        except ValidationError:
            continue
        if command is not None:
            doc.push(command, announce=False)
    end = to_dict(doc.site)
    rows_shown = set(window.scene.row_items)
    assert rows_shown == doc.editor.ids("row")
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert to_dict(doc.site) == start
    assert set(window.scene.row_items) == {"R1", "R2"}
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert to_dict(doc.site) == end
    assert set(window.scene.row_items) == rows_shown


def test_screenshot_command_writes_a_png(tmp_path, sample_paths):
    out = tmp_path / "shot.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    res = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--screenshot", str(out), str(sample_paths["turing_town"])],
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "HOME": str(tmp_path)},
    )
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (tmp_path / "cfg" / "dcplanner").exists() or os.listdir(tmp_path / "cfg" / "dcplanner") == []


def test_screenshot_of_a_bad_file_fails_cleanly(tmp_path):
    bad = tmp_path / "bad.dcp.json"
    bad.write_text("[]", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(bad), "--screenshot", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert res.returncode == 1
    assert "error:" in res.stderr and not (tmp_path / "x.png").exists()
