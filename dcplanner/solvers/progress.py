"""Progress reporting and cancellation for long solves (engine layer; no threads here).

A solver takes ``progress`` (a callable receiving a fraction 0..1) and ``cancel`` (a
:class:`CancelToken`). It reports at most every percent and calls :func:`check` (or
``cancel.check()``) between chunks of work; the GUI's worker sets the token from another
thread. For scripts and tests a solver also accepts, in place of the token, a callable
returning True to stop or an object with ``is_set()`` (a ``threading.Event``);
:meth:`CancelToken.of` turns either into a token, so every solver follows the one convention.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeAlias, runtime_checkable


class Cancelled(Exception):
    """Raised inside a solver when its cancel token has been set."""


@runtime_checkable
class _Flag(Protocol):
    def is_set(self) -> bool: ...


ProgressFn = Callable[[float], None]


class CancelToken:
    """A flag another thread may set; reading or writing one attribute is atomic in CPython.

    ``asked`` (optional) is polled too: the token counts as set once either says so.
    """

    __slots__ = ("_asked", "_cancelled")

    def __init__(self, asked: Callable[[], bool] | None = None) -> None:
        self._cancelled = False
        self._asked = asked

    @classmethod
    def of(cls, cancel: Cancel | None) -> CancelToken:
        """``cancel`` as a token: itself, a token polling a callable or an ``is_set`` object,
        or (for ``None``) a token nobody sets."""
        if isinstance(cancel, CancelToken):
            return cancel
        if cancel is None:
            return cls()
        if isinstance(cancel, _Flag):
            return cls(cancel.is_set)
        return cls(cancel)

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        if not self._cancelled and self._asked is not None and self._asked():
            self._cancelled = True
        return self._cancelled

    def is_set(self) -> bool:
        """Same as :attr:`cancelled` (the ``threading.Event`` spelling)."""
        return self.cancelled

    def check(self, error: type[Cancelled] = Cancelled) -> None:
        """Raise ``error`` (:class:`Cancelled` or a subclass) if cancellation was requested."""
        if self.cancelled:
            raise error()


Cancel: TypeAlias = CancelToken | Callable[[], bool] | _Flag
"""What a solver's ``cancel`` argument may be (``None``: never cancelled)."""


def check(cancel: Cancel | None, error: type[Cancelled] = Cancelled) -> None:
    """Raise ``error`` if ``cancel`` (a token, callable or ``is_set`` object, or None) says stop."""
    CancelToken.of(cancel).check(error)


class ProgressReporter:
    """Forwards progress in steps of at least ``min_step`` and checks for cancellation."""

    def __init__(self, progress: ProgressFn | None, cancel: Cancel | None, min_step: float = 0.01):
        self._progress = progress
        self._cancel = CancelToken.of(cancel)
        self._min_step = min_step
        self._last = -1.0

    def __call__(self, fraction: float) -> None:
        self._cancel.check()
        if self._progress is not None and (fraction - self._last >= self._min_step or fraction >= 1.0):
            self._last = fraction
            self._progress(min(max(fraction, 0.0), 1.0))
