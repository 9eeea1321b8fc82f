"""Progress and cancel hooks of the phasing solves (no threads in the engine).

``progress`` is a callable receiving the share done (0 to 1). ``cancel`` follows the solvers'
one convention (:mod:`dcplanner.solvers.progress`): a
:class:`~dcplanner.solvers.progress.CancelToken` (or a callable returning True to stop);
work stops between chunks with :class:`~dcplanner.solvers.progress.Cancelled`, leaving no
partial result.
"""

from __future__ import annotations

from dcplanner.solvers.progress import Cancel, Cancelled, ProgressFn, check

Progress = ProgressFn

__all__ = ["Cancel", "Cancelled", "Progress", "check", "report"]


def report(progress: Progress | None, share: float) -> None:
    if progress is not None:
        progress(min(max(share, 0.0), 1.0))
