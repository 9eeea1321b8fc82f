"""The window's default layout at 1920 x 1080: the floor plan gets the screen, docks give way."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

FULL_HD = (1920, 1080)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def full_hd(qtbot, settings, sample_paths):
    from ui.main_window import MainWindow

    win = MainWindow(settings, restore_layout=False)
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(win)
    win.resize(*FULL_HD)
    assert win.open_file(sample_paths["anshun"], ask=False)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.view.height() > 0)
    qtbot.wait(50)  # the first-run dock sizes are applied on the next event-loop turn
    return win


def test_plan_takes_at_least_60_percent_of_a_full_hd_window(full_hd):
    assert full_hd.size().toTuple() == FULL_HD
    share = full_hd.view.height() / full_hd.height()
    assert share >= 0.60, f"plan is {full_hd.view.height()} px of {full_hd.height()} px ({share:.0%})"


def test_analysis_docks_shrink_to_about_their_title_bar(full_hd):
    summary = full_hd.docks["analysis_summary"]
    # the Summary's cards alone need ~475 px; in their scroll area they no longer hold the dock up
    full_hd.resizeDocks([summary], [10], Qt.Orientation.Vertical)
    full_hd.layout().activate()
    assert summary.height() <= 80
    assert full_hd.view.height() >= 0.85 * full_hd.height()


def test_site_forms_are_tabbed_and_analysis_docks_are_tabbed(full_hd):
    tabbed = full_hd.tabifiedDockWidgets(full_hd.docks["analysis_summary"])
    assert {d.objectName() for d in tabbed} >= {"dock_analysis_energy", "dock_analysis_phases"}
    assert full_hd.docks["cooling"] in full_hd.tabifiedDockWidgets(full_hd.docks["power"])


@pytest.mark.parametrize("size", [FULL_HD, (1100, 800)])
def test_at_fit_the_legend_covers_no_hall_and_hall_titles_are_whole(full_hd, size):
    win = full_hd
    win.resize(*size)
    win.layout().activate()
    win.view.fit()
    legend = win.view.mapToScene(win.legend.geometry()).boundingRect()
    viewport = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    for hall in win.document.site.halls:
        rect = win.scene.scene_rect_of("hall", hall.id)
        assert not rect.intersects(legend), f"the legend covers {hall.id}"
        assert viewport.contains(rect), f"{hall.id} is not wholly in view"
        label = win.scene.hall_items[hall.id].label
        assert not any("…" in line for line in label.lines()), label.lines()
        # every word of the title is drawn (wrapped onto lines, not cut)
        assert " ".join(label.lines()).replace(" / ", " ").split() == hall.name.replace(" / ", " ").split()


def test_a_long_title_wraps_at_the_slash_then_at_spaces():
    from PySide6.QtGui import QFont, QFontMetricsF

    from ui.floorplan.items import wrap_title

    font = QFont()
    font.setPixelSize(13)
    metrics = QFontMetricsF(font)
    title = "数据机房 1 / Data hall 1"
    assert wrap_title(title, metrics, metrics.horizontalAdvance(title) + 1) == [title]
    narrow = max(metrics.horizontalAdvance("Data hall 1"), metrics.horizontalAdvance("数据机房 1")) + 1
    assert wrap_title(title, metrics, narrow) == ["数据机房 1", "Data hall 1"]
    width = max(metrics.horizontalAdvance("Data hall"), metrics.horizontalAdvance("number 12")) + 1
    assert wrap_title("Data hall number 12", metrics, width) == [
        "Data hall",
        "number 12",
    ]
    lines = wrap_title("ab cd ef gh", metrics, metrics.horizontalAdvance("ab") + 1)
    assert lines[:2] == ["ab", "cd"] and len(lines) == 3 and lines[2].endswith("…")  # at most 3 lines


def test_a_moved_cabinet_is_labelled_and_described_where_it_stands(small):
    from dcplanner.model.commands import MoveCabinets

    assert small.document.push(MoveCabinets({"R1-0": ("R2", 4)})) is None
    looks = {look.position: look for look in small.scene.row_items["R2"]._looks}
    assert (looks[4].title, looks[4].short) == ("R2-05", "05")  # row R2, fifth slot
    point = small.scene.scene_rect_of("cabinet", "R1-0").center()
    text = small.scene.tooltip_at(point)
    assert "<b>R2-05</b> (cabinet R1-0)" in text and "stands in row R2, slot 5 of 5, Hall 1" in text


def test_open_recent_names_the_folder_only_where_names_repeat():
    from ui.menus import recent_titles

    files = ["/a/x/anshun.dcp.json", "/b/x/anshun.dcp.json", "/c/anshun.dcp.json", "/d/turing.dcp.json"]
    assert recent_titles(files) == [
        "anshun.dcp.json — a/x",
        "anshun.dcp.json — b/x",
        "anshun.dcp.json — c",
        "turing.dcp.json",
    ]


def _screenshot_command(out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--screenshot", str(out), str(ROOT / "sample_sites/anshun.dcp.json")]


def test_offscreen_screenshot_prints_no_platform_noise(tmp_path):
    out = tmp_path / "plan.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(_screenshot_command(out), env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "propagateSizeHints" not in run.stderr
    assert QImage(str(out)).size().toTuple() == FULL_HD


@pytest.mark.skipif(
    shutil.which("xvfb-run") is None and os.environ.get("CI") != "true", reason="needs xvfb-run (xvfb, xauth)"
)
def test_the_app_starts_on_a_real_x_server_with_the_xcb_platform(tmp_path):
    """Qt's xcb platform loads (every library it needs is installed) and the window draws."""
    out = tmp_path / "xcb.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_DEBUG_PLUGINS="0")
    command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", *_screenshot_command(out)]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    image = QImage(str(out))
    assert image.size().toTuple() == FULL_HD
    assert len({image.pixel(x, y) for x in range(0, 1920, 97) for y in range(0, 1080, 89)}) > 5  # drawn, not blank
