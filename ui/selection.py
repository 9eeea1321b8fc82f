"""The selection on the floor plan: ids of halls, rows and cabinets (ui layer).

Selection is view state, not model data: it holds ids only and drops the ones that an edit,
undo or redo removed from the site.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from dcplanner.model.commands import EditedSite, Ref


class Selection(QObject):
    """Selected halls, rows and cabinets."""

    changed = Signal()
    """The selection changed; payload: none (read ``halls``, ``rows``, ``cabinets``)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.halls: frozenset[str] = frozenset()
        self.rows: frozenset[str] = frozenset()
        self.cabinets: frozenset[str] = frozenset()

    def set(self, halls: Iterable[str] = (), rows: Iterable[str] = (), cabinets: Iterable[str] = ()) -> None:
        new = (frozenset(halls), frozenset(rows), frozenset(cabinets))
        if new != (self.halls, self.rows, self.cabinets):
            self.halls, self.rows, self.cabinets = new
            self.changed.emit()

    def clear(self) -> None:
        self.set()

    def toggle(self, kind: str, ident: str) -> None:
        """Add or remove one item (shift-click)."""
        sets = {"hall": set(self.halls), "row": set(self.rows), "cabinet": set(self.cabinets)}
        sets[kind].symmetric_difference_update({ident})
        self.set(sets["hall"], sets["row"], sets["cabinet"])

    def extend(self, halls: Iterable[str] = (), rows: Iterable[str] = (), cabinets: Iterable[str] = ()) -> None:
        self.set(self.halls | set(halls), self.rows | set(rows), self.cabinets | set(cabinets))

    def contains(self, kind: str, ident: str) -> bool:
        return ident in {"hall": self.halls, "row": self.rows, "cabinet": self.cabinets}[kind]

    @property
    def empty(self) -> bool:
        return not (self.halls or self.rows or self.cabinets)

    def prune(self, editor: EditedSite) -> None:
        """Forget ids the site no longer has."""
        self.set(
            (h for h in self.halls if editor.has("hall", h)),
            (r for r in self.rows if editor.has("row", r)),
            (c for c in self.cabinets if editor.has("cabinet", c)),
        )

    def refs(self, kind: str) -> list[Ref]:
        ids = {"hall": self.halls, "row": self.rows, "cabinet": self.cabinets}[kind]
        return [Ref(kind, i) for i in sorted(ids)]  # type: ignore[arg-type]

    def describe(self) -> str:
        parts = []
        for ids, word in ((self.halls, "hall"), (self.rows, "row"), (self.cabinets, "cabinet")):
            if ids:
                parts.append(f"{len(ids):,} {word}{'' if len(ids) == 1 else 's'}")
        return ", ".join(parts) or "nothing"
