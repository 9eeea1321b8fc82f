"""Background solve runner: debounce, newest snapshot wins, cancel, errors keep last result."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication

from dcplanner.solvers.progress import Cancelled, CancelToken, ProgressReporter
from ui.workers import SolverRunner


class FakeModel:
    """A model whose value the solver doubles; the solve of a ``held`` value runs until cancelled."""

    def __init__(self) -> None:
        self.value = 1
        self.fail_on: set[int] = set()
        self.held: set[int] = set()
        self.started = threading.Event()
        self.solved: list[int] = []

    def snapshot(self) -> int:
        return self.value

    def solve(self, snap: int, progress, cancel: CancelToken) -> int:
        self.started.set()
        report = ProgressReporter(progress, cancel)
        for i in range(10):
            report(i / 10)
        if snap in self.held:
            deadline = time.monotonic() + HELD_S
            while time.monotonic() < deadline:  # a long solve: checks its token every few ms
                report(0.5)
                time.sleep(0.002)
        if snap in self.fail_on:
            raise ValueError(f"cannot solve {snap}")
        report(1.0)
        self.solved.append(snap)
        return snap * 2


HELD_S = 10.0  # a held solve that nobody cancels ends after this, so a broken cancel fails the test


def delivered(runner: SolverRunner) -> None:
    """Every solve started so far has returned and what it reported has reached the GUI thread.

    The pool is idle once every job has emitted its outcome; the queued signals then wait in the
    GUI thread's event queue, and ``sendPostedEvents`` delivers them all.
    """
    assert runner.wait(int(HELD_S * 1000) + 5000)
    QCoreApplication.sendPostedEvents()


@pytest.fixture
def model_runner(qtbot):
    model = FakeModel()
    runner = SolverRunner(model.solve, model.snapshot, debounce_ms=30, long_ms=50)
    yield model, runner
    runner.cancel()
    runner.wait(5000)


def test_result_after_edit_matches_solver(qtbot, model_runner):
    model, runner = model_runner
    model.value = 21
    with qtbot.waitSignal(runner.results_ready, timeout=3000) as blocker:
        runner.schedule()
    assert blocker.args == [42]
    assert runner.last_result == 42 and not runner.is_stale


def test_rapid_edits_are_debounced_into_one_solve(qtbot, model_runner):
    model, runner = model_runner
    for v in range(5):
        model.value = v
        runner.schedule()
    with qtbot.waitSignal(runner.results_ready, timeout=3000) as blocker:
        pass
    assert blocker.args == [8]
    assert model.solved == [4]


def test_outdated_result_is_dropped(qtbot, model_runner):
    model, runner = model_runner
    model.held = {1}
    model.value = 1
    runner.run_now()
    assert model.started.wait(5)
    model.value = 2
    results = []
    runner.results_ready.connect(results.append)
    with qtbot.waitSignal(runner.results_ready, timeout=5000):
        runner.run_now()
    delivered(runner)
    assert results == [4]  # the solve of value 1 was cancelled, never shown
    assert model.solved == [2]


def test_cancel_leaves_no_partial_result(qtbot, model_runner):
    model, runner = model_runner
    model.value = 3
    with qtbot.waitSignal(runner.results_ready, timeout=3000):
        runner.run_now()
    model.held = {4}
    model.value = 4
    shown = []
    runner.results_ready.connect(shown.append)
    with qtbot.waitSignal(runner.long_running_changed, timeout=3000, check_params_cb=lambda v: v):
        runner.schedule()
    with qtbot.waitSignal(runner.busy_changed, timeout=1000, check_params_cb=lambda v: not v):
        runner.cancel()
    delivered(runner)
    assert shown == [] and model.solved == [3]
    assert runner.last_result == 6 and runner.is_stale


def test_error_is_reported_and_previous_result_kept(qtbot, model_runner):
    model, runner = model_runner
    model.value = 5
    with qtbot.waitSignal(runner.results_ready, timeout=3000):
        runner.run_now()
    model.value = 7
    model.fail_on = {7}
    with qtbot.waitSignal(runner.solve_failed, timeout=3000) as blocker:
        runner.schedule()
    assert blocker.args[0] == "cannot solve 7"  # the message, never the exception's class name
    assert runner.last_result == 10 and runner.is_stale


def test_progress_reporter_steps_and_cancels():
    seen = []
    token = CancelToken()
    report = ProgressReporter(seen.append, token, min_step=0.1)
    for i in range(101):
        report(i / 100)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) == 11
    token.cancel()
    with pytest.raises(Cancelled):
        report(0.5)
