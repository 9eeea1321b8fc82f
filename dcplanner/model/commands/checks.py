"""Checking a proposed edit on copies of the halls, as a file would be checked (engine layer).

Commands build the halls an edit would produce from copies (:class:`Proposal`) and refuse it if
that breaks a rule the model keeps today; the live model is not touched until the edit is sure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from dcplanner.model.edited_site import EditedSite, Kind, index_of, refuse
from dcplanner.model.schema import Issue, ValidationError, from_dict, to_dict
from dcplanner.model.site import Cabinet, Hall, Row
from dcplanner.model.validation import hall_issues, hall_overlaps


def refuse_new_errors(proposed: Iterable[Issue], current: Iterable[Issue]) -> None:
    """Raise for errors in ``proposed`` that ``current`` (the model today) does not have."""
    errors = [i for i in proposed if i.severity == "error"]
    if not errors:
        return
    known = {(i.path, i.message) for i in current if i.severity == "error"}
    fresh = [i for i in errors if (i.path, i.message) not in known]
    if fresh:
        raise ValidationError(fresh)


class Proposal:
    """The halls an edit would produce, built from copies; the live model is not touched."""

    def __init__(self, editor: EditedSite):
        self.editor = editor
        self.halls: dict[str, Hall] = {}
        self.rows: dict[str, Row] = {}

    def hall(self, hall_id: str) -> Hall:
        hall = self.halls.get(hall_id)
        if hall is None:
            live = self.editor.hall(hall_id)
            hall = self.halls[hall_id] = replace(live, rows=list(live.rows))
        return hall

    def row(self, row_id: str) -> Row:
        row = self.rows.get(row_id)
        if row is None:
            live_hall, live = self.editor.hall_of_row(row_id), self.editor.row(row_id)
            row = self.rows[row_id] = replace(live, cabinets=list(live.cabinets))
            hall = self.hall(live_hall.id)
            hall.rows[index_of(hall.rows, live)] = row
        return row

    def replace_hall(self, hall_id: str, **fields: Any) -> Hall:
        hall = self.hall(hall_id)
        for name, value in fields.items():
            setattr(hall, name, value)
        return hall

    def replace_row(self, row_id: str, **fields: Any) -> Row:
        row = self.row(row_id)
        for name, value in fields.items():
            setattr(row, name, value)
        return row

    def replace_cabinet(self, cabinet_id: str, **fields: Any) -> Cabinet:
        live_row, live = self.editor.row_of_cabinet(cabinet_id), self.editor.cabinet(cabinet_id)
        row = self.row(live_row.id)
        k = index_of(row.cabinets, live)
        new = row.cabinets[k] = replace(live, **fields)
        return new

    def check(self, halls_moved: bool = False, extra_halls: Sequence[Hall] = ()) -> None:
        """Refuse the proposal if it breaks a rule the current halls keep."""
        ed = self.editor
        for hall_id, hall in self.halls.items():
            path = ed.path("hall", hall_id)
            proposed = hall_issues(ed.site, hall, ed.hw, path)
            if any(i.severity == "error" for i in proposed):
                refuse_new_errors(proposed, hall_issues(ed.site, ed.hall(hall_id), ed.hw, path))
        for n, hall in enumerate(extra_halls):
            refuse_new_errors(hall_issues(ed.site, hall, ed.hw, f"halls[{len(ed.site.halls) + n}]"), [])
        if halls_moved or extra_halls:
            all_halls = [self.halls.get(h.id, h) for h in ed.site.halls] + list(extra_halls)
            refuse_new_errors(hall_overlaps(all_halls), hall_overlaps(ed.site.halls))


def check_new_items(
    editor: EditedSite, halls: Sequence[Hall] = (), rows: Sequence[Row] = (), cabinets: Sequence[Cabinet] = ()
) -> None:
    """Refuse new items with out-of-range fields, or ids that are empty, taken or used twice."""
    for kind, cls, items in (("halls", Hall, halls), ("rows", Row, rows), ("cabinets", Cabinet, cabinets)):
        for item in items:
            from_dict(cls, to_dict(item), f"new {kind}[{item.id}]")  # every field type and range
    rows = [*rows, *(r for h in halls for r in h.rows)]
    cabinets = [*cabinets, *(c for r in rows for c in r.cabinets)]
    groups: tuple[tuple[Kind, Sequence[Hall | Row | Cabinet]], ...] = (
        ("hall", halls),
        ("row", rows),
        ("cabinet", cabinets),
    )
    for noun, new_items in groups:
        seen: set[str] = set()
        for item in new_items:
            if not item.id:
                raise refuse(f"{noun}.id", f"a new {noun} needs an id")
            if item.id in seen or editor.has(noun, item.id):
                raise refuse(f"{noun}.id", f"{noun} id {item.id!r} is already used; {noun}s need unique ids")
            seen.add(item.id)
