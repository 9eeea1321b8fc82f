"""Phases and Scenarios views hold the phasing results; dragging a phase marker is one undo step."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from dcplanner.io.project_file import load_project
from dcplanner.snapshot_solve import InvestmentRequest, Snapshot, analyse_investment
from ui.plots.phases_view import PhasesView
from ui.plots.scenarios_view import COLUMNS, ScenariosView
from ui.plots.timeaxis import add_months, month_to_year, year_to_month


@pytest.fixture(scope="module")
def investment(sample_paths):
    path = sample_paths["anshun"]
    return analyse_investment(InvestmentRequest(Snapshot.of(load_project(path).site, path.parent), "p2-modular"))


def test_phases_view_holds_capacity_demand_and_cash(qtbot, investment):
    view = PhasesView()
    qtbot.addWidget(view)
    result = investment.result
    view.set_result(result)
    ops = result.operations
    x, demand = view.capacity_plot.series_data("demand")
    assert len(x) == len(ops.months) and np.array_equal(demand, ops.demand)
    assert np.array_equal(view.capacity_plot.series_data("capacity")[1], ops.capacity)
    built = [p for p in result.candidates if p.built]
    assert view.marker_positions() == {p.id: pytest.approx(month_to_year(p.start_month)) for p in built}
    assert list(view.cash_bars.opts["height"]) == pytest.approx(result.cash.net_cash_cny / 1e6)
    assert np.allclose(view.cash_plot.series_data("cumulative")[1], result.cash.cumulative_cash_cny / 1e6)
    assert "NPV" in view.summary.text()


def test_a_marker_dropped_at_a_month_starts_construction_there(qtbot, investment):
    view = PhasesView()
    qtbot.addWidget(view)
    view.set_result(investment.result)
    plan = next(p for p in investment.result.candidates if p.built and p.lead_months > 0)
    line = view.markers[plan.id]
    assert year_to_month(line.value()) == plan.start_month  # drawn where construction starts
    assert plan.start_month in line.toolTip() and plan.service_month in line.toolTip()
    new_start = add_months(plan.start_month, 14)
    line.setValue(month_to_year(new_start) + 0.02)  # dropped a little into the month
    with qtbot.waitSignal(view.start_moved, timeout=1000) as blocker:
        line.sigPositionChangeFinished.emit(line)
    assert blocker.args == [plan.id, new_start]
    assert year_to_month(line.value()) == new_start  # snapped to the month


def test_neighbouring_marker_labels_sit_at_different_heights(qtbot, investment):
    view = PhasesView()
    qtbot.addWidget(view)
    view.set_result(investment.result)
    lines = sorted(view.markers.values(), key=lambda line: line.value())
    assert len(lines) >= 2
    heights = [line.label.orthoPos for line in lines]
    assert all(a != b for a, b in itertools.pairwise(heights))


def test_scenarios_view_table_plots_and_uncertainty(qtbot, investment):
    view = ScenariosView()
    qtbot.addWidget(view)
    view.set_investment(investment)
    rows = investment.comparison.rows
    assert view.table.rowCount() == len(rows)
    npv_col = 1 + [c[1] for c in COLUMNS].index("npv_cny")
    for i in range(view.table.rowCount()):
        ident = view.table.item(i, 0).data(256)  # Qt.UserRole
        row = next(r for r in rows if r.id == ident)
        shown = view.table.item(i, npv_col)
        assert shown.number == pytest.approx(row.result.measures.npv_cny / 1e6)
    view.table.sortItems(npv_col)
    numbers = [view.table.item(i, npv_col).number for i in range(view.table.rowCount())]
    assert numbers == sorted(numbers)
    solved = [r for r in rows if r.result is not None]
    assert np.allclose(view.cash_plot.series_data(solved[0].name)[1], solved[0].result.cash.cumulative_cash_cny / 1e6)
    t = investment.tornado
    order = np.argsort(t.swing_cny)
    base = t.base_npv_cny / 1e6
    assert np.allclose(np.asarray(view.tornado_low.opts["width"]) + base, t.npv_low_cny[order] / 1e6)
    mc = investment.monte_carlo
    assert list(view.histogram.opts["height"]) == list(mc.npv_histogram_counts)
    assert np.allclose(view.fan_plot.series_data("P50")[1], mc.cumulative_cash_fan_cny[2] / 1e6)
    assert view.active_box.currentData() == "p2-modular"
