"""Progress and cancel hooks of the phasing solves (no threads in the engine).

``progress`` is a callable receiving the share done (0 to 1). ``cancel`` is the team's
:class:`~dcplanner.solvers.progress.CancelToken` or any callable returning True to stop; work
stops between chunks with :class:`~dcplanner.solvers.progress.Cancelled`, leaving no partial
result.
"""

from __future__ import annotations

from collections.abc import Callable

from dcplanner.solvers.progress import Cancelled, CancelToken, ProgressFn

Cancel = CancelToken | Callable[[], bool]
Progress = ProgressFn

__all__ = ["Cancel", "Cancelled", "Progress", "check", "report"]


def check(cancel: Cancel | None) -> None:
    """Raise Cancelled if the caller asked to stop."""
    if cancel is None:
        return
    if isinstance(cancel, CancelToken):
        cancel.check()
    elif cancel():
        raise Cancelled()


def report(progress: Progress | None, share: float) -> None:
    if progress is not None:
        progress(min(max(share, 0.0), 1.0))
