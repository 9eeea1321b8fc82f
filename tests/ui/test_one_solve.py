"""One solve per edit: the background solve's results feed the plan, the status bar and the export;
the status bar shows the findings, errors first.
"""

from __future__ import annotations

import threading

import pytest

import dcplanner.site_solve
from dcplanner.model.commands import Ref, SetField


@pytest.fixture
def capacity_solves(monkeypatch):
    """Every call of the capacity solver, with the thread it ran on."""
    calls: list[str] = []
    real = dcplanner.site_solve.solve_capacity

    def counting(*args, **kwargs):
        calls.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(dcplanner.site_solve, "solve_capacity", counting)
    return calls


def test_a_drag_of_cabinets_solves_capacity_once(small, mouse, qtbot, capacity_solves):
    assert small.analysis.wait_for_results()
    capacity_solves.clear()
    mouse.click(2.3, 1.8)  # R1 slot 0
    assert small.selection.cabinets == {"R1-0"}
    with qtbot.waitSignal(small.analysis.runner.results_ready, timeout=10000):
        mouse.drag((2.3, 1.8), (4.7, 1.8))  # four 0.6 m slots to the right, the free slot 4: one MoveCabinets
    assert small.document.editor.cabinet("R1-0").position == 4
    assert small.document.undo_stack.count() == 1
    assert len(capacity_solves) == 1  # the worker's; the GUI thread solved nothing
    assert capacity_solves[0] != threading.main_thread().name
    assert small.metrics.results is small.analysis.analysis.results  # the plan reads the same results
    assert not small.metrics.stale


def test_export_writes_the_windows_results_without_solving_again(small, qtbot, tmp_path, capacity_solves):
    assert small.analysis.wait_for_results()
    capacity_solves.clear()
    job = small.exchange.export_to(tmp_path / "small.xlsx")
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    assert capacity_solves == []  # small_site has no scenarios: nothing else to solve
    assert (tmp_path / "small.xlsx").stat().st_size > 0


def test_export_solves_when_the_shown_results_are_out_of_date(small, qtbot, tmp_path, capacity_solves):
    assert small.analysis.wait_for_results()
    small.document.push(SetField([Ref("cabinet", "R1-0")], "design_kw", 12.0))  # not solved yet
    assert small.exchange.current_results() is None
    capacity_solves.clear()
    job = small.exchange.export_to(tmp_path / "edited.xlsx")
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    assert len(capacity_solves) >= 1


def test_anshun_at_25_kw_shows_its_broken_limits_in_the_status_bar(window, sample_paths):
    assert window.open_file(sample_paths["anshun"], ask=False)
    assert window.analysis.wait_for_results(180000)
    assert "limits over" not in window.status.findings.text()
    site = window.document.site
    refs = [Ref("cabinet", c.id) for h in site.halls for r in h.rows for c in r.cabinets]
    assert window.document.push(SetField(refs, "design_kw", 25.0)) is None
    assert window.analysis.wait_for_results(180000)
    cap = window.metrics.capacity
    over = [c for c in cap.constraints if c.demand > c.capacity]  # by hand: demand above usable
    assert len(over) >= 3
    text = window.status.findings.text()
    assert f"{len(over)} limits over" in text and "all limits fit" not in text and "no warnings" not in text
    assert "#b71c1c" in window.status.findings.styleSheet()  # red
    tip = window.status.findings.toolTip()
    lines = tip.splitlines()
    assert all(line.startswith("error:") for line in lines[: len(over)])  # errors first
    assert any(line.startswith("error: UPS (site):") for line in lines)
    # hall IT budgets: 25 kW x cabinets of each hall against its budget (issue: 118 %)
    hall = site.halls[0]
    use = 25.0 * sum(len(r.cabinets) for r in hall.rows) / hall.design_it_kw
    assert f"{use:.0%}".replace("%", " %") in tip
    assert "inf" not in tip.lower()
    menu = [a.text() for a in window.status.findings_menu.actions()]
    assert menu[: len(over)] == lines[: len(over)]
    assert "limits over" in window.analysis.capacity.summary.text()
