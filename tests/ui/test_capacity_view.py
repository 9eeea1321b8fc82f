"""Capacity view: bars hold the solver's utilisations, the binding one is red, clicks name culprits."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetrics

from dcplanner.site_solve import solve_site
from tests.factories import small_site
from ui.plots.capacity_view import BINDING, CapacityView


@pytest.fixture
def view(qtbot):
    v = CapacityView()
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.set_result(solve_site(small_site()).capacity)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_bars_hold_solver_utilisations(view):
    cap = view.result
    expected = sorted(c.utilisation * 100 for c in cap.constraints)
    assert list(view.bar_widths()) == pytest.approx(expected)
    top = view.constraints[-1]
    assert top is cap.binding and top.resource == "hall_cooling"
    assert view.bars.opts["brushes"][-1].color().name() == BINDING


def test_click_on_binding_bar_selects_its_hall(view, qtbot):
    vb = view.plot.getPlotItem().vb
    index = len(view.constraints) - 1
    scene_pos = vb.mapViewToScene(QPointF(40.0, index))
    with qtbot.waitSignal(view.culprit_selected, timeout=1000) as blocker:
        view._on_plot_clicked(type("E", (), {"scenePos": lambda self: scene_pos})())
    assert blocker.args == ["H1"]


def test_floor_bar_points_at_heaviest_cabinet(view):
    floor = next(c for c in view.constraints if c.resource == "floor_loading")
    assert view.constraint_at(view.constraints.index(floor)).culprit == "R1-0"
    assert "kg/m²" in view._readout(10, view.constraints.index(floor))


def test_table_lists_halls_and_rows(view, qtbot):
    assert view.table.rowCount() == 3  # hall H1 and rows R1, R2
    assert view.table.item(0, 1).text() == "H1" and view.table.item(0, 2).text() == "8 / 10"
    assert view.table.item(1, 3).text() == "40.0"
    with qtbot.waitSignal(view.culprit_selected, timeout=1000) as blocker:
        view.table.cellClicked.emit(2, 0)
    assert blocker.args == ["R2"]


def test_summary_names_binding_limit_and_headroom(view):
    text = view.summary.text()
    assert "Hall cooling units (H1) at 89 %" in text  # 80 kW of IT on 3 usable 30 kW units (4, N+1)
    assert "can still grow by 10 kW" in text
    assert "UPS (site) 10 kW" in text


def test_hall_without_it_budget_reads_no_capacity_and_lists_the_error(qtbot):
    site = small_site()
    site.halls[0].design_it_kw = 0.0  # 80 kW of cabinets on no IT budget
    results = solve_site(site)
    v = CapacityView()
    qtbot.addWidget(v)
    v.set_result(results.capacity, results.findings)
    budget = next(c for c in v.constraints if c.resource == "hall_it_budget")
    assert "no capacity" in v._readout(0, v.constraints.index(budget))
    assert np.isfinite(v.bar_widths()).all()
    text = v.summary.text()
    assert "inf" not in text.lower()
    assert "limit over" in text or "limits over" in text
    assert "Hall IT budget (hall H1): 80 kW of demand and no usable capacity" in text
    v.clear()
    assert v.table.rowCount() == 0 and v.summary.text() == "" and len(v.bar_widths()) == 0


def test_labels_thin_out_instead_of_overlapping_in_a_short_dock(qtbot, sample_paths):
    """Anshun has 27 constraints; at 200 px the bars get ~5 px each, a line of text ~15 px."""
    from dcplanner.io.project_file import load_project

    v = CapacityView()
    qtbot.addWidget(v)
    v.resize(900, 900)
    v.show()
    qtbot.waitExposed(v)
    v.set_result(solve_site(load_project(sample_paths["anshun"]).site).capacity)
    qtbot.waitUntil(lambda: len(v.shown_labels()) == len(v.constraints))  # room for every label
    tall = v.plot.getViewBox().height()
    v.resize(900, 260)
    qtbot.waitUntil(lambda: v.plot.getViewBox().height() < tall / 2)
    line_px = QFontMetrics(v.plot.font()).height()
    shown = v.shown_labels()
    assert 0 < len(shown) < len(v.constraints)
    assert v.plot.getViewBox().height() / len(v.constraints) * (len(v.constraints) / len(shown)) >= line_px
    assert shown[-1] == v._labels[-1]  # the most used bar keeps its label
