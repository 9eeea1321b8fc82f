"""The desktop window opens a sample site and draws its cabinets where the model puts them."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsRectItem

from dcplanner.model.geometry import slot_rect
from tests.conftest import ROOT


def test_pyside_does_not_leak_none():
    """Guard for the 6.12.0 bug: void C++ calls must not drop references to None."""
    item = QGraphicsRectItem()
    before = sys.getrefcount(None)
    for _ in range(100):
        item.setZValue(1)
    assert sys.getrefcount(None) - before >= -5


def test_window_shows_every_cabinet(qtbot, sample_paths):
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_file(sample_paths["anshun"])
    assert len(win.scene.cabinet_items) == 1015
    assert "anshun.dcp.json" in win.windowTitle()
    assert "1,015 cabinets" in win.totals_label.text()


def test_pixel_probe_finds_a_cabinet(qtbot, sample_paths):
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.open_file(sample_paths["guian_supercomputing"])
    win.show()
    qtbot.waitExposed(win)
    win.view.fit()
    hall = win.project.site.halls[0]
    row = hall.rows[0]
    cab = row.cabinets[5]
    r = slot_rect(row, cab.position, 0.6, 1.2)
    centre = win.view.mapFromScene(QPointF(hall.x_m + (r.x0 + r.x1) / 2, hall.y_m + (r.y0 + r.y1) / 2))
    floor = win.view.mapFromScene(QPointF(hall.x_m + 0.3, hall.y_m + hall.depth_m - 0.3))
    img = win.view.viewport().grab().toImage()
    cab_colour = img.pixelColor(centre)
    floor_colour = img.pixelColor(floor)
    assert cab_colour.saturation() > 80  # a coloured cabinet
    assert floor_colour.saturation() < 30  # pale floor


def test_failed_open_keeps_the_current_site(qtbot, sample_paths, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_file(sample_paths["anshun"])
    bad = tmp_path / "bad.dcp.json"
    bad.write_text("{not json", encoding="utf-8")
    assert not win.open_file(bad)
    assert shown and "not valid JSON" in shown[0]
    assert win.project.site.id == "anshun-nanzhi"


def test_screenshot_command_writes_a_png(tmp_path, sample_paths):
    out = tmp_path / "shot.png"
    res = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(sample_paths["turing_town"]), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
