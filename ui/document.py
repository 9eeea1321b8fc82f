"""The open document: site editor, undo stack, file path and unsaved state (ui layer).

Everything that changes the site goes through :meth:`DocumentController.push`; views listen to
``site_changed`` (one :class:`~dcplanner.model.events.SiteChange` per edit, undo or redo) and
``site_replaced`` (a new or opened site). Analysis views and solver workers subscribe to the
same two signals.

A file that :func:`dcplanner.snapshot_solve.document_issues` finds invalid (what ``dcplanner validate``
refuses) is neither opened nor written: the open document stays exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from dcplanner.io.project_file import (
    PROJECT_SUFFIX,
    LoadedProject,
    ProjectFileError,
    load_project,
    project_issues,
    save_project,
)
from dcplanner.model.commands import Command, EditedSite
from dcplanner.model.events import SiteChange
from dcplanner.model.layout import new_site
from dcplanner.model.schema import Issue, ValidationError
from dcplanner.model.site import Site
from ui.undo import UndoStack


def reason_text(exc: ValidationError, limit: int = 2) -> str:
    """Why an edit was refused, in words (the issues' messages without document paths)."""
    text = "; ".join(i.message for i in exc.issues[:limit])
    more = len(exc.issues) - limit
    return text + (f" (and {more} more)" if more > 0 else "")


def issues_text(issues: list[Issue], limit: int = 20) -> str:
    """One line per issue (field path and reason), at most ``limit`` and a count of the rest."""
    lines = [f"• {i}" for i in issues[:limit]]
    if len(issues) > limit:
        lines.append(f"… and {len(issues) - limit:,} more")
    return "\n".join(lines)


class DocumentController(QObject):
    """One open site with its undo history."""

    site_replaced = Signal()
    """A different site is now open (File > New or Open); payload: none."""
    site_changed = Signal(object)
    """The open site changed (an edit, undo or redo); payload: the SiteChange."""
    refused = Signal(str)
    """An edit was refused and nothing changed; payload: the reason."""
    dirty_changed = Signal(bool)
    """The unsaved-changes state flipped; payload: True when there are unsaved changes."""
    path_changed = Signal(object)
    """The file the site is saved to changed; payload: Path or None."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self.loaded: LoadedProject | None = None
        self.editor = EditedSite(new_site())
        self.undo_stack = UndoStack(self.editor, self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.refused.connect(self.refused.emit)
        self.editor.changed.connect(self._on_model_changed)

    # ---- state
    @property
    def site(self) -> Site:
        return self.editor.site

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "untitled" + PROJECT_SUFFIX

    # ---- documents
    def new(self) -> None:
        """Start a fresh site with one empty hall."""
        self._replace(EditedSite(new_site()), None, None)

    def open(self, path: Path) -> LoadedProject:
        """Read ``path``; ProjectFileError (an unreadable or invalid file) leaves the open site,
        its undo history and every view untouched."""
        path = Path(path)
        loaded = load_project(path)
        issues = project_issues(loaded.site, path.resolve().parent)
        if issues:
            raise ProjectFileError(f"{path}: invalid project:\n{issues_text(issues)}")
        self._replace(EditedSite(loaded.site), path, loaded)
        return loaded

    def restore(self, loaded: LoadedProject, path: Path | None) -> None:
        """Adopt a recovered site as unsaved changes to ``path`` (its file, or None if untitled)."""
        self._replace(EditedSite(loaded.site), path, None)
        self.undo_stack.resetClean()  # Qt: leaves the clean state, so it reads as unsaved

    def save(self, path: Path | None = None) -> Path:
        """Write the site (atomically) to ``path`` or the current file; ProjectFileError if refused.

        A site with validation errors is refused with them listed (capacity findings are not
        errors of the document: a design over a limit is saved as a draft).
        """
        target = Path(path or self.path or "")
        if not str(target):
            raise ValueError("no file name to save to")
        issues = project_issues(self.site, target.resolve().parent)
        if issues:
            raise ProjectFileError(f"The site was not saved; it is invalid:\n{issues_text(issues)}")
        same_file = self.path is not None and target.resolve() == self.path.resolve()
        save_project(self.site, target, keep_backup_of=self.loaded if same_file else None)
        self.undo_stack.setClean()
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        return target

    def _replace(self, editor: EditedSite, path: Path | None, loaded: LoadedProject | None) -> None:
        self.editor.changed.disconnect(self._on_model_changed)
        self.undo_stack.reset(editor)
        self.editor = editor
        self.editor.changed.connect(self._on_model_changed)
        self.path, self.loaded = path, loaded
        self.site_replaced.emit()
        self.path_changed.emit(path)
        self.dirty_changed.emit(False)

    # ---- edits
    def push(self, command: Command, *, announce: bool = True) -> ValidationError | None:
        """Do ``command`` as one undo step; returns None, or why it was refused (nothing changed).

        A refusal is also announced on ``refused`` unless the caller shows it itself.
        """
        try:
            self.undo_stack.push(command)
        except ValidationError as exc:
            if announce:
                self.refused.emit(reason_text(exc))
            return exc
        return None

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    def _on_model_changed(self, change: SiteChange) -> None:
        self.site_changed.emit(change)
