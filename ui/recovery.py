"""Crash recovery: a copy of the unsaved document, offered back after a crash (ui layer).

While a window holds unsaved changes, :class:`RecoveryKeeper` writes the site to a recovery file
in the user's application-data folder (``QStandardPaths.AppDataLocation``/recovery), never over the
user's own file: shortly after edits pause, and every few minutes while changes keep coming. Each
write is atomic (:func:`dcplanner.io.atomic.write_bytes_atomic`). Saving, opening another site or
a clean close removes the copy. Each running window holds a lock on its copy (``QLockFile``); after
a crash the lock is stale, and the next start offers the copy back (:func:`offer_recovery`), as
LibreOffice's and FreeCAD's document recovery do.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from dcplanner.io.atomic import write_bytes_atomic
from dcplanner.io.project_file import (
    PROJECT_SUFFIX,
    LoadedProject,
    ProjectFileError,
    site_from_document,
    site_to_document,
)

if TYPE_CHECKING:
    from ui.document import DocumentController

RECOVERY_FORMAT = "dcplanner.recovery"
RECOVERY_SUFFIX = ".recovery.json"
# Periodic copy while edits keep coming. LibreOffice saves AutoRecovery information every 10 min
# by default, FreeCAD every 15 min; a few minutes loses less work and costs one JSON write.
RECOVERY_INTERVAL_MS = 3 * 60 * 1000
# Copy once the user pauses this long after an edit (idle), so a crash rarely loses more.
RECOVERY_IDLE_MS = 5 * 1000


def default_folder() -> Path:
    """Where recovery copies live: the user's application-data folder, ``recovery`` inside it."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


@dataclass(frozen=True, slots=True)
class RecoveryCopy:
    """One recovery file left by a window that did not close cleanly."""

    path: Path
    saved_at: datetime
    original_path: Path | None
    lock: QLockFile

    @property
    def display_name(self) -> str:
        return self.original_path.name if self.original_path else "untitled" + PROJECT_SUFFIX

    def load(self) -> LoadedProject:
        """The recovered site (validated as a project file is); ProjectFileError if unreadable."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ProjectFileError(f"{self.path}: unreadable recovery copy ({exc})") from None
        return site_from_document(raw.get("document") if isinstance(raw, dict) else None, str(self.path))

    def discard(self) -> None:
        """Delete the copy and give up its lock."""
        self.path.unlink(missing_ok=True)
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)


def _lock_for(copy_path: Path) -> QLockFile:
    lock = QLockFile(str(copy_path.with_name(copy_path.name.removesuffix(RECOVERY_SUFFIX) + ".lock")))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it has run
    return lock


def orphaned_copies(folder: Path | None = None) -> list[RecoveryCopy]:
    """Recovery copies whose window is gone (crashed), newest first; each comes locked to us.

    A copy whose lock is held by a running dcplanner is left alone. A file that is not a
    recovery copy is ignored.
    """
    folder = folder or default_folder()
    found: list[RecoveryCopy] = []
    for path in sorted(folder.glob(f"*{RECOVERY_SUFFIX}")) if folder.is_dir() else []:
        lock = _lock_for(path)
        if not lock.tryLock(0):
            continue  # a running window's copy
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            saved_at = datetime.fromisoformat(meta["saved_at"])
            original = Path(meta["original_path"]) if meta.get("original_path") else None
            if meta.get("format") != RECOVERY_FORMAT:
                raise ValueError("not a recovery copy")
        except (OSError, ValueError, KeyError, TypeError):
            lock.unlock()
            continue
        found.append(RecoveryCopy(path, saved_at, original, lock))
    return sorted(found, key=lambda c: c.saved_at, reverse=True)


class RecoveryKeeper(QObject):
    """Keeps a recovery copy of one document's unsaved changes."""

    written = Signal(object)
    """A recovery copy was written; payload: its Path."""

    def __init__(
        self,
        document: DocumentController,
        folder: Path | None = None,
        *,
        idle_ms: int = RECOVERY_IDLE_MS,
        interval_ms: int = RECOVERY_INTERVAL_MS,
        parent: QObject | None = None,
    ):
        super().__init__(parent or document)
        self.document = document
        self.folder = folder or default_folder()
        self.path = self.folder / f"{os.getpid()}-{uuid.uuid4().hex[:8]}{RECOVERY_SUFFIX}"
        self._lock: QLockFile | None = None
        self._pending = False  # edits not yet in the copy
        self.idle = QTimer(self, singleShot=True, interval=idle_ms)
        self.idle.timeout.connect(self.write)
        self.periodic = QTimer(self, interval=interval_ms)
        self.periodic.timeout.connect(self._on_period)
        self.periodic.start()
        document.site_changed.connect(self._on_edit)
        document.dirty_changed.connect(self._on_dirty_changed)
        document.site_replaced.connect(self._on_site_replaced)
        self._closed = False

    # ---- triggers
    def _on_edit(self, *_args: object) -> None:
        self._pending = True
        self.idle.start()  # restarts: write once edits pause

    def _on_period(self) -> None:
        if self._pending:
            self.write()

    def _on_dirty_changed(self, dirty: bool) -> None:
        if dirty:
            self._on_edit()  # also a restored copy, unsaved from the start
        else:
            self.remove()  # saved, or undone back to the saved state: nothing to recover

    def _on_site_replaced(self) -> None:
        self.remove()  # the previous site was saved or discarded by the user

    # ---- files
    def write(self) -> Path | None:
        """Write the copy now if the document has unsaved changes; returns its path."""
        self.idle.stop()
        if self._closed or not self.document.dirty:
            self._pending = False
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._lock is None:
            self._lock = _lock_for(self.path)
            self._lock.tryLock(0)
        original = self.document.path
        record: dict[str, Any] = {
            "format": RECOVERY_FORMAT,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "original_path": str(original.resolve()) if original else None,
            "document": site_to_document(self.document.site),
        }
        write_bytes_atomic(self.path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        self._pending = False
        self.written.emit(self.path)
        return self.path

    def remove(self) -> None:
        """Delete the copy (nothing unsaved any more)."""
        self.idle.stop()
        self._pending = False
        self.path.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def close(self) -> None:
        """The window closed cleanly: stop and remove the copy."""
        self.periodic.stop()
        self.remove()
        self._closed = True


def offer_recovery(parent: QWidget, document: DocumentController, copies: list[RecoveryCopy]) -> bool:
    """Ask whether to restore the newest orphaned copy; True when one was restored.

    Restore opens it as unsaved changes to its original file; Discard deletes it; Later keeps it
    for the next start. Older copies are offered on later starts.
    """
    if not copies:
        return False
    copy = copies[0]
    for other in copies[1:]:
        other.lock.unlock()  # not decided now: left for a later start
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Recover unsaved changes",
        f"dcplanner did not close properly. A recovery copy of {copy.display_name} "
        f"from {copy.saved_at:%Y-%m-%d %H:%M} holds changes that were not saved.",
        buttons.Open | buttons.Discard | buttons.Ignore,
        parent,
    )
    box.button(buttons.Open).setText("Restore")
    box.button(buttons.Ignore).setText("Later")
    box.setDefaultButton(buttons.Open)
    box.setInformativeText(
        f"Restore opens it as unsaved changes{' to ' + str(copy.original_path) if copy.original_path else ''}; "
        "your file is not touched until you save."
    )
    answer = box.exec()
    if answer == buttons.Open:
        return restore(parent, document, copy)
    if answer == buttons.Discard:
        copy.discard()
    else:
        copy.lock.unlock()
    return False


def restore(parent: QWidget | None, document: DocumentController, copy: RecoveryCopy) -> bool:
    """Open ``copy`` in ``document`` as unsaved changes; the copy file is then the window's own."""
    try:
        loaded = copy.load()
    except ProjectFileError as exc:
        if parent is not None:
            QMessageBox.warning(parent, "Cannot recover", f"The recovery copy cannot be read:\n{exc}")
        copy.lock.unlock()
        return False
    document.restore(loaded, copy.original_path)
    copy.discard()  # the window's keeper writes its own copy of the restored site
    return True
