"""Progress reporting and cancellation for long solves (engine layer; no threads here).

A solver takes ``progress`` (a callable receiving a fraction 0..1) and ``cancel`` (a
:class:`CancelToken`). It reports at most every percent and calls ``cancel.check()`` between
chunks of work; the GUI's worker sets the token from another thread.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[float], None]


class Cancelled(Exception):
    """Raised inside a solver when its cancel token has been set."""


class CancelToken:
    """A flag another thread may set; reading or writing one attribute is atomic in CPython."""

    __slots__ = ("_cancelled",)

    def __init__(self) -> None:
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def is_set(self) -> bool:
        """Same as :attr:`cancelled` (the ``threading.Event`` spelling the solvers accept)."""
        return self._cancelled

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._cancelled:
            raise Cancelled()


class ProgressReporter:
    """Forwards progress in steps of at least ``min_step`` and checks for cancellation."""

    def __init__(self, progress: ProgressFn | None, cancel: CancelToken | None, min_step: float = 0.01):
        self._progress = progress
        self._cancel = cancel
        self._min_step = min_step
        self._last = -1.0

    def __call__(self, fraction: float) -> None:
        if self._cancel is not None:
            self._cancel.check()
        if self._progress is not None and (fraction - self._last >= self._min_step or fraction >= 1.0):
            self._last = fraction
            self._progress(min(max(fraction, 0.0), 1.0))
