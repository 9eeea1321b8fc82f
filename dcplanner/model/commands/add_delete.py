"""Adding and deleting halls, rows and cabinets (engine layer).

Undo takes out exactly the items that were added, or puts back the very lists a delete changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from dcplanner.model.commands.base import Command
from dcplanner.model.commands.checks import Proposal, check_new_items
from dcplanner.model.edited_site import EditedSite, index_of, plural
from dcplanner.model.events import SiteChange
from dcplanner.model.site import Cabinet, Hall, Row


class AddHall(Command):
    """Add a hall (with any rows and cabinets it already holds)."""

    def __init__(self, hall: Hall, label: str | None = None):
        self.hall = hall
        self.label = label or f"Add hall {hall.id}"

    def check(self, editor: EditedSite) -> None:
        check_new_items(editor, halls=[self.hall])
        Proposal(editor).check(extra_halls=[self.hall])

    def apply(self, editor: EditedSite) -> None:
        editor.site.halls.append(self.hall)
        editor.invalidate()
        editor.notify(self._change())

    def undo(self, editor: EditedSite) -> None:
        editor.site.halls.pop(index_of(editor.site.halls, self.hall))
        editor.invalidate()
        editor.notify(self._change())

    def _change(self) -> SiteChange:
        rows = self.hall.rows
        return SiteChange.of(
            halls=[self.hall.id],
            rows=[r.id for r in rows],
            cabinets=[c.id for r in rows for c in r.cabinets],
            fields=["halls", "rows", "cabinets"],
        )


class _AddInto(Command):
    """Append new items to one list of the model (a hall's rows, a row's cabinets); undo takes
    exactly those items out again."""

    items: list[Any]
    kind = ""  # "rows" or "cabinets"

    def _target(self, source: EditedSite | Proposal) -> list[Any]:
        raise NotImplementedError

    def check(self, editor: EditedSite) -> None:
        check_new_items(editor, **{self.kind: self.items})
        proposal = Proposal(editor)
        self._target(proposal).extend(self.items)
        proposal.check()

    def apply(self, editor: EditedSite) -> None:
        self._target(editor).extend(self.items)
        editor.invalidate()
        editor.notify(self._change())

    def undo(self, editor: EditedSite) -> None:
        target = self._target(editor)
        added = {id(item) for item in self.items}
        target[:] = [item for item in target if id(item) not in added]
        editor.invalidate()
        editor.notify(self._change())

    def _change(self) -> SiteChange:
        raise NotImplementedError


class AddRows(_AddInto):
    """Add rows (with their cabinets) to a hall."""

    kind = "rows"

    def __init__(self, hall_id: str, rows: Sequence[Row], label: str | None = None):
        self.hall_id = hall_id
        self.rows = self.items = list(rows)
        cabinets = sum(len(r.cabinets) for r in self.rows)
        what = f"row {self.rows[0].id}" if len(self.rows) == 1 else plural(len(self.rows), "row")
        self.label = label or f"Add {what} ({plural(cabinets, 'cabinet')})"

    def _target(self, source: EditedSite | Proposal) -> list[Any]:
        return source.hall(self.hall_id).rows

    def _change(self) -> SiteChange:
        return SiteChange.of(
            halls=[self.hall_id],
            rows=[r.id for r in self.rows],
            cabinets=[c.id for r in self.rows for c in r.cabinets],
            fields=["rows", "cabinets"],
        )


class AddCabinets(_AddInto):
    """Put new cabinets into free positions of a row."""

    kind = "cabinets"

    def __init__(self, row_id: str, cabinets: Sequence[Cabinet], label: str | None = None):
        self.row_id = row_id
        self.cabinets = self.items = list(cabinets)
        self.label = label or f"Add {plural(len(self.cabinets), 'cabinet')} to row {row_id}"

    def _target(self, source: EditedSite | Proposal) -> list[Any]:
        return source.row(self.row_id).cabinets

    def _change(self) -> SiteChange:
        return SiteChange.of(rows=[self.row_id], cabinets=[c.id for c in self.cabinets], fields=["cabinets"])


class Delete(Command):
    """Delete halls, rows and cabinets (with everything inside them); undo restores the order."""

    def __init__(self, halls: Iterable[str] = (), rows: Iterable[str] = (), cabinets: Iterable[str] = ()):
        self.hall_ids = tuple(dict.fromkeys(halls))
        self.row_ids = tuple(dict.fromkeys(rows))
        self.cabinet_ids = tuple(dict.fromkeys(cabinets))
        parts = [
            plural(len(ids), word)
            for ids, word in ((self.hall_ids, "hall"), (self.row_ids, "row"), (self.cabinet_ids, "cabinet"))
            if ids
        ]
        self.label = "Delete " + " and ".join(parts or ["nothing"])
        self._lists: list[tuple[list[Any], list[Any]]] = []
        self._touched = SiteChange()

    def check(self, editor: EditedSite) -> None:
        for ident in self.hall_ids:
            editor.hall(ident)
        for ident in self.row_ids:
            editor.row(ident)
        for ident in self.cabinet_ids:
            editor.cabinet(ident)

    def apply(self, editor: EditedSite) -> None:
        halls = {editor.hall(h).id for h in self.hall_ids}
        rows = {r for r in self.row_ids if editor.hall_of_row(r).id not in halls}
        cabinets = {
            c
            for c in self.cabinet_ids
            if (row := editor.row_of_cabinet(c)).id not in rows and editor.hall_of_row(row.id).id not in halls
        }
        touched_halls, touched_rows, touched_cabs = set(halls), set(rows), set(cabinets)
        self._lists = []
        for hall in editor.site.halls:
            if hall.id in halls:
                touched_rows.update(r.id for r in hall.rows)
                touched_cabs.update(c.id for r in hall.rows for c in r.cabinets)
                continue
            if any(r.id in rows for r in hall.rows):
                touched_halls.add(hall.id)
                for row in hall.rows:
                    if row.id in rows:
                        touched_cabs.update(c.id for c in row.cabinets)
                self._lists.append((hall.rows, list(hall.rows)))
                hall.rows[:] = [r for r in hall.rows if r.id not in rows]
            for row in hall.rows:
                if any(c.id in cabinets for c in row.cabinets):
                    touched_rows.add(row.id)
                    self._lists.append((row.cabinets, list(row.cabinets)))
                    row.cabinets[:] = [c for c in row.cabinets if c.id not in cabinets]
        if halls:
            self._lists.append((editor.site.halls, list(editor.site.halls)))
            editor.site.halls[:] = [h for h in editor.site.halls if h.id not in halls]
        self._touched = SiteChange.of(halls=touched_halls, rows=touched_rows, cabinets=touched_cabs, fields=["removed"])
        editor.invalidate()
        editor.notify(self._touched)

    def undo(self, editor: EditedSite) -> None:
        for target, before in reversed(self._lists):
            target[:] = before
        editor.invalidate()
        editor.notify(replace(self._touched, fields=frozenset({"halls", "rows", "cabinets"})))
