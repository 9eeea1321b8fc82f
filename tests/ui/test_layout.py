"""The window's default layout at 1920 x 1080: the floor plan gets the screen, docks give way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

FULL_HD = (1920, 1080)


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
