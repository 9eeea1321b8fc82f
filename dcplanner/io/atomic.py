"""Atomic file writes: temp file in the same folder, fsync, rename (engine layer).

A save writes ``.<name>.<random>.tmp`` beside the target and renames it over the target. While
it writes, the save holds an exclusive lock on its temp file (``flock`` on POSIX; on Windows an
open file cannot be deleted). A process killed mid-write leaves its temp file behind, unlocked:
the next save or open of the same file removes every unlocked temp file of that name with
:func:`remove_stale_temps`, and leaves those of a save still running.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be removed, which protects a running save
    fcntl = None  # type: ignore[assignment]  # a module or None: every use tests for None

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """The name every temp file of ``path`` starts with."""
    return f".{Path(path).name}."


def _lock(fd: int) -> bool:
    """Take the exclusive lock on an open temp file without waiting; False if another holds it."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove the temp files that interrupted saves of ``path`` left behind; returns them.

    A temp file whose save is still running is locked and kept.
    """
    path = Path(path)
    prefix = temp_prefix(path)
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix) and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return removed
    for name in names:
        leftover = path.parent / name
        try:
            fd = os.open(leftover, os.O_RDWR)
        except OSError:
            continue
        try:
            if _lock(fd):
                os.unlink(leftover)  # on Windows this fails while a running save holds the file open
                removed.append(leftover)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _open_temp(path: Path) -> tuple[int, str]:
    """A new, locked temp file beside ``path`` that no cleaner removed before the lock was taken."""
    while True:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
        if _lock(fd) and os.fstat(fd).st_nlink > 0:
            return fd, tmp
        os.close(fd)  # a cleaner took it in the instant before the lock: start again


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""
    path = Path(path)
    remove_stale_temps(path)
    fd, tmp = _open_temp(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
            if fcntl is not None:
                os.replace(tmp, path)  # renamed while still locked, so no cleaner can take it first
        if fcntl is None:
            os.replace(tmp, path)  # Windows renames only closed files
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders can't be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
