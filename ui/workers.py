"""Background solves: debounced, cancellable, newest-snapshot-wins (ui layer; the only threads).

After an edit the window calls :meth:`SolverRunner.schedule`. When the model has been quiet for
the debounce interval the runner takes a snapshot on the GUI thread and solves it on a worker
thread. A newer request cancels the running solve and its result is dropped; a solve that takes
longer than ``long_ms`` raises :attr:`SolverRunner.long_running_changed` so a progress bar with a
Cancel button can appear; an error keeps the last good result and marks it stale.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from dcplanner.model.schema import ValidationError
from dcplanner.solvers.progress import Cancelled, CancelToken, ProgressFn

SolveFn = Callable[[Any, ProgressFn, CancelToken], Any]


class _JobSignals(QObject):
    """Carries a job's outcome from the worker thread to the GUI thread (queued)."""

    progressed = Signal(int, float)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class _CollectorPause:
    """Keep Python's cyclic garbage collector off while any solve runs.

    A collection triggered by the solver's allocations would walk every object while holding
    the GIL and pause the GUI thread for tens of milliseconds; solves allocate little cyclic
    garbage, and the collector resumes (and catches up) as soon as the last solve ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._was_enabled = True

    def __enter__(self) -> None:
        with self._lock:
            if self._active == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._active += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._active -= 1
            if self._active == 0 and self._was_enabled:
                gc.enable()


_collector_paused = _CollectorPause()


def error_text(exc: BaseException) -> str:
    """What went wrong, in the engine's words: never a class name or a traceback.

    A refused model names each field and why (``climate.builtin_id: no built-in climate …``);
    any other error gives its message.
    """
    if isinstance(exc, ValidationError):
        return "\n".join(str(i) for i in exc.issues[:20])
    text = str(exc).strip()
    if isinstance(exc, KeyError) and len(exc.args) == 1 and isinstance(exc.args[0], str):
        text = exc.args[0]  # str(KeyError) adds quotes
    return text or "an unexpected error stopped the solve"


class _SolveJob(QRunnable):
    def __init__(self, generation: int, solve: SolveFn, snapshot: Any, token: CancelToken, signals: _JobSignals):
        super().__init__()
        self.setAutoDelete(True)
        self._generation = generation
        self._solve = solve
        self._snapshot = snapshot
        self._token = token
        self._signals = signals

    def run(self) -> None:
        gen, sig = self._generation, self._signals
        try:
            with _collector_paused:
                result = self._solve(self._snapshot, lambda f: sig.progressed.emit(gen, f), self._token)
        except Cancelled:
            sig.cancelled.emit(gen)
            return
        except Exception as exc:  # reported to the user, never swallowed
            sig.failed.emit(gen, error_text(exc))
            return
        if self._token.cancelled:
            sig.cancelled.emit(gen)
        else:
            sig.finished.emit(gen, result)


class SolverRunner(QObject):
    """Runs ``solve(snapshot, progress, cancel)`` off the GUI thread for the newest snapshot."""

    results_ready = Signal(object)
    """The result of the newest snapshot (payload: whatever ``solve`` returned)."""
    solve_failed = Signal(str)
    """A solve raised (payload: message); the previous result is kept and marked stale."""
    progress_changed = Signal(float)
    """Progress of the running solve (payload: fraction 0..1)."""
    long_running_changed = Signal(bool)
    """True once a solve has run longer than ``long_ms``; False when no solve is running."""
    busy_changed = Signal(bool)
    """True while a solve runs (payload: running)."""
    stale_changed = Signal(bool)
    """True when the shown result no longer matches the model (payload: stale)."""

    def __init__(
        self,
        solve: SolveFn,
        snapshot: Callable[[], Any],
        *,
        debounce_ms: int = 300,
        long_ms: int = 500,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._solve = solve
        self._snapshot = snapshot
        self._pool = pool or QThreadPool(self)
        if pool is None:
            self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._token: CancelToken | None = None
        self._jobs: dict[int, _JobSignals] = {}
        self.last_result: Any = None
        self.last_error: str | None = None
        self._stale = False
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.run_now)
        self._long = QTimer(self, singleShot=True, interval=long_ms)
        self._long.timeout.connect(lambda: self.long_running_changed.emit(True))

    # ---- public API

    @property
    def is_stale(self) -> bool:
        return self._stale

    def schedule(self) -> None:
        """The model changed: solve again once it has been quiet for the debounce interval."""
        self._set_stale(True)
        self._debounce.start()

    def run_now(self) -> None:
        """Snapshot the model now and solve it, cancelling any solve in progress."""
        self._debounce.stop()
        self._cancel_running()
        self._generation += 1
        gen = self._generation
        snapshot = self._snapshot()
        token = CancelToken()
        signals = _JobSignals()
        signals.progressed.connect(self._on_progress)
        signals.finished.connect(self._on_finished)
        signals.failed.connect(self._on_failed)
        signals.cancelled.connect(self._on_cancelled)
        self._jobs[gen] = signals
        self._token = token
        self.busy_changed.emit(True)
        self._long.start()
        self._pool.start(_SolveJob(gen, self._solve, snapshot, token, signals))

    def cancel(self) -> None:
        """Stop the running solve; nothing partial is shown and the last result stays (stale)."""
        self._debounce.stop()
        if self._cancel_running():
            self._end_run()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    # ---- internals

    def _cancel_running(self) -> bool:
        if self._token is None:
            return False
        self._token.cancel()
        self._token = None
        return True

    def _end_run(self) -> None:
        self._long.stop()
        self.long_running_changed.emit(False)
        self.busy_changed.emit(False)

    def _set_stale(self, stale: bool) -> None:
        if stale != self._stale:
            self._stale = stale
            self.stale_changed.emit(stale)

    def _current(self, gen: int) -> bool:
        return gen == self._generation and self._token is not None

    def _forget(self, gen: int) -> None:
        signals = self._jobs.pop(gen, None)
        if signals is not None:
            signals.deleteLater()

    def _on_progress(self, gen: int, fraction: float) -> None:
        if self._current(gen):
            self.progress_changed.emit(fraction)

    def _on_finished(self, gen: int, result: Any) -> None:
        current = self._current(gen)
        self._forget(gen)
        if not current:
            return  # an outdated snapshot: dropped
        self._token = None
        self.last_result = result
        self.last_error = None
        self._end_run()
        if not self._debounce.isActive():
            self._set_stale(False)
        self.results_ready.emit(result)

    def _on_failed(self, gen: int, message: str) -> None:
        current = self._current(gen)
        self._forget(gen)
        if not current:
            return
        self._token = None
        self.last_error = message
        self._end_run()
        self._set_stale(True)
        self.solve_failed.emit(message)

    def _on_cancelled(self, gen: int) -> None:
        self._forget(gen)


class BackgroundJob(QObject):
    """Run one function off the GUI thread (an export, reading a large list) and report back.

    ``finished`` carries the function's return value, ``failed`` a message; both arrive on the
    GUI thread. The job keeps itself alive until it has reported.
    """

    finished = Signal(object)
    """The function returned (payload: its value)."""
    failed = Signal(str)
    """The function raised (payload: the exception as text)."""

    _running: ClassVar[set[BackgroundJob]] = set()  # keeps started jobs alive until they report

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self._signals = _JobSignals()
        self._signals.finished.connect(lambda _gen, result: self._done(self.finished, result))
        self._signals.failed.connect(lambda _gen, message: self._done(self.failed, message))

    def start(self, pool: QThreadPool | None = None) -> BackgroundJob:
        BackgroundJob._running.add(self)
        token = CancelToken()
        job = _SolveJob(0, lambda _snapshot, _progress, _cancel: self._fn(), None, token, self._signals)
        (pool or QThreadPool.globalInstance()).start(job)
        return self

    def _done(self, signal: Signal, payload: Any) -> None:
        BackgroundJob._running.discard(self)
        signal.emit(payload)
