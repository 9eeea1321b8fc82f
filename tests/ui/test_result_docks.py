"""Live results in the main window: background solves after edits, cancel, errors, culprits."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication

from dcplanner.model.commands import Ref, SetField
from dcplanner.site_solve import solve_site
from dcplanner.solvers.progress import ProgressReporter


@pytest.fixture
def guian(window, sample_paths, qtbot):
    assert window.open_file(sample_paths["guian_supercomputing"], ask=False)
    assert window.analysis.wait_for_results()
    return window


def test_edit_updates_the_dashboard_to_the_solvers_value(guian, qtbot):
    analysis = guian.analysis
    before = analysis.analysis.results.energy.annual_pue
    assert analysis.dashboard.value_text("annual_pue") == f"{before:.3f}"
    with qtbot.waitSignal(analysis.runner.results_ready, timeout=15000):
        assert guian.document.push(SetField([Ref("site", "cooling")], "supply_air_c", 18.0)) is None
    expected = solve_site(guian.document.site, energy=True).energy.annual_pue
    assert expected > before  # a colder supply air costs cooling energy
    assert analysis.dashboard.value_text("annual_pue") == f"{expected:.3f}"
    assert guian.status.pue.text() == f"annual PUE {expected:.3f}"
    _, pue = analysis.energy.pue_plot.series_data("PUE")
    assert len(pue) == 8760  # the energy view holds the new year


def test_injected_error_is_shown_and_previous_results_kept(guian, qtbot, monkeypatch):
    analysis = guian.analysis
    shown = analysis.dashboard.value_text("annual_pue")

    def broken(snapshot, progress, cancel):
        raise RuntimeError("climate server unreachable")

    monkeypatch.setattr(analysis.runner, "_solve", broken)
    with qtbot.waitSignal(analysis.runner.solve_failed, timeout=5000):
        guian.document.push(SetField([Ref("site", "economics")], "electricity_tariff_cny_per_kwh", 0.4))
    assert analysis.error.isVisible() and "climate server unreachable" in analysis.error.text()
    assert analysis.dashboard.value_text("annual_pue") == shown
    assert analysis.runner.is_stale and "could not be solved" in analysis.dashboard.status.text()


def test_cancelled_solve_leaves_no_partial_result(guian, qtbot, monkeypatch):
    analysis = guian.analysis
    previous = analysis.analysis
    real = analysis.runner._solve

    def slow(snapshot, progress, cancel):
        # a long solve that checks its token every few ms; uncancelled, it ends after 30 s and
        # its result would fail the test
        report = ProgressReporter(progress, cancel)
        deadline = time.monotonic() + 30.0
        while time.monotonic() < deadline:
            report(0.5)
            time.sleep(0.002)
        return real(snapshot, progress, cancel)

    monkeypatch.setattr(analysis.runner, "_solve", slow)
    results = []
    analysis.runner.results_ready.connect(results.append)
    with qtbot.waitSignal(analysis.runner.long_running_changed, timeout=5000, check_params_cb=bool):
        guian.document.push(SetField([Ref("site", "cooling")], "supply_air_c", 20.0))
    assert analysis.progress.isVisible()
    analysis.progress.cancel.click()
    # the cancelled solve has returned and its outcome reached the GUI thread: nothing more can come
    assert analysis.runner.wait(35000)
    QCoreApplication.sendPostedEvents()
    assert results == [] and analysis.analysis is previous
    assert not analysis.progress.isVisible() and analysis.runner.is_stale


def test_capacity_culprit_selects_on_the_plan(guian, qtbot):
    view = guian.analysis.capacity
    floor = next(c for c in view.constraints if c.resource == "floor_loading")
    view.culprit_selected.emit(floor.culprit)
    assert guian.selection.contains("cabinet", floor.culprit)
    view.culprit_selected.emit("G1")
    assert guian.selection.contains("hall", "G1")


def test_climate_switch_is_one_undoable_edit(guian, qtbot):
    from dcplanner.model.site import ClimateRef

    with qtbot.waitSignal(guian.analysis.runner.results_ready, timeout=15000):
        guian.analysis.climate.climate_change_requested.emit(ClimateRef(source="builtin", builtin_id="guangzhou"))
    assert guian.document.site.climate.builtin_id == "guangzhou"
    hot = guian.analysis.analysis.results.energy.annual_pue
    with qtbot.waitSignal(guian.analysis.runner.results_ready, timeout=15000):
        guian.document.undo_stack.undo()
    assert guian.document.site.climate.builtin_id == "guiyang"
    assert guian.analysis.analysis.results.energy.annual_pue < hot  # Guiyang is cooler than Guangzhou


def test_phase_marker_drag_is_an_undoable_edit_and_active_scenario_feeds_the_dashboard(window, sample_paths, qtbot):
    assert window.open_file(sample_paths["anshun"], ask=False)
    analysis = window.analysis
    assert analysis.wait_for_results(120000)
    assert analysis.dashboard.value_text("npv_mcny") == f"{analysis.investment.result.measures.npv_cny / 1e6:,.1f}"
    with qtbot.waitSignal(analysis.invest_runner.results_ready, timeout=60000):
        analysis.scenarios.active_changed.emit("p2-modular")
    assert analysis.investment.active == "p2-modular"
    with qtbot.waitSignal(analysis.invest_runner.results_ready, timeout=60000):
        analysis.phases.start_moved.emit("P1b", "2025-01")
    candidate = next(c for c in window.document.site.buildout.candidates if c.id == "P1b")
    assert candidate.fixed_start == "2025-01"
    assert window.document.undo_stack.undoText() == "Move P1b to start 2025-01"
    window.document.undo_stack.undo()
    assert next(c for c in window.document.site.buildout.candidates if c.id == "P1b").fixed_start == "2024-07"
