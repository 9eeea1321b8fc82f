"""Progress and cancel hooks for long solves: plain callables, no threads in the engine."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float], None]
"""Called with the share of the work done (0 to 1)."""
Cancel = Callable[[], bool]
"""Returns True when the caller wants the work stopped."""


class Cancelled(RuntimeError):
    """The work was stopped by its cancel hook; no partial result is returned."""


def check(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled("cancelled")


def report(progress: Progress | None, share: float) -> None:
    if progress is not None:
        progress(min(max(share, 0.0), 1.0))
