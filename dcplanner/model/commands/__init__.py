"""Edit commands with undo, and the headless command stack (engine layer).

Every change a user makes is a :class:`Command`. ``do`` first checks the proposed change on
copies (``check``) and raises :class:`ValidationError` naming the field, the allowed range or
the rows in the way; only then does it change the model (``apply``) and announce one
:class:`SiteChange`. ``undo`` puts back exactly what was there, so undoing every step gives the
same document. One gesture is one command (a drag of 40 cabinets is one :class:`MoveCabinets`);
typing into a field merges into one step through :meth:`Command.merge`. The GUI wraps commands
in ``QUndoCommand`` (``ui/undo.py``); :class:`CommandStack` does the same job without Qt.
Turning gestures (a drag, a drawn line, a paste) into commands is :mod:`dcplanner.model.placement`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dcplanner.model.editor import Kind, SiteEditor, index_of, plural, refuse
from dcplanner.model.events import SiteChange
from dcplanner.model.geometry import CLOCKWISE, EPS_M, rotated_origin
from dcplanner.model.schema import Issue, ValidationError, check_value, from_dict, to_dict
from dcplanner.model.site import Cabinet, Hall, Row
from dcplanner.model.validation import hall_issues, hall_overlaps, validate_site

__all__ = [
    "AddCabinets",
    "AddHall",
    "AddRows",
    "Command",
    "CommandStack",
    "Delete",
    "Kind",
    "Macro",
    "MoveCabinets",
    "MoveHalls",
    "MoveRows",
    "Ref",
    "RotateRows",
    "SetField",
    "SetRowType",
    "SiteEditor",
    "resolve",
]


# ---------------------------------------------------------------------------------------------
# Commands and the stack


class Command:
    """One undoable edit. Subclasses implement ``check`` (no side effects), ``apply`` and ``undo``."""

    label: str = ""

    def do(self, editor: SiteEditor) -> None:
        """Check, then change the model; raises ValidationError and changes nothing if refused."""
        self.check(editor)
        self.apply(editor)

    def check(self, editor: SiteEditor) -> None:
        """Raise ValidationError if the edit cannot be made on the model as it is now."""

    def apply(self, editor: SiteEditor) -> None:
        raise NotImplementedError

    def undo(self, editor: SiteEditor) -> None:
        raise NotImplementedError

    def merge_key(self) -> Hashable | None:
        """Commands with equal, non-None keys pushed in a row may merge into one step."""
        return None

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (already done) into this command; False if it cannot."""
        return False

    @property
    def obsolete(self) -> bool:
        """True when the command, after merging, changes nothing (the stack drops it)."""
        return False


class Macro(Command):
    """Several commands done and undone as one step; a refused part undoes the parts before it."""

    def __init__(self, label: str, commands: Sequence[Command]):
        self.label = label
        self.commands = list(commands)

    def do(self, editor: SiteEditor) -> None:
        done: list[Command] = []
        with editor.changed.blocker():
            try:
                for cmd in self.commands:
                    cmd.do(editor)
                    done.append(cmd)
            except ValidationError:
                for cmd in reversed(done):
                    cmd.undo(editor)
                raise

    def undo(self, editor: SiteEditor) -> None:
        with editor.changed.blocker():
            for cmd in reversed(self.commands):
                cmd.undo(editor)


class CommandStack:
    """Undo/redo history without Qt (the GUI uses QUndoStack with the same commands)."""

    def __init__(self, editor: SiteEditor, limit: int = 0):
        self.editor = editor
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean: int | None = 0

    def push(self, cmd: Command) -> Command:
        """Do ``cmd`` and record it (or merge it into the last step); ValidationError leaves all as it was."""
        cmd.do(self.editor)
        self._undone.clear()
        top = self._done[-1] if self._done else None
        key = cmd.merge_key()
        mergeable = top is not None and key is not None and key == top.merge_key()
        if mergeable and self._clean != len(self._done) and top.merge(cmd):  # type: ignore[union-attr]
            if top.obsolete:  # type: ignore[union-attr]
                self._done.pop()  # back where it started: the model already is
            return top  # type: ignore[return-value]
        self._done.append(cmd)
        if self.limit and len(self._done) > self.limit:
            self._done.pop(0)
            self._clean = None if self._clean in (None, 0) else self._clean - 1
        return cmd

    def undo(self) -> Command | None:
        if not self._done:
            return None
        cmd = self._done.pop()
        cmd.undo(self.editor)
        self._undone.append(cmd)
        return cmd

    def redo(self) -> Command | None:
        if not self._undone:
            return None
        cmd = self._undone.pop()
        cmd.do(self.editor)
        self._done.append(cmd)
        return cmd

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def set_clean(self) -> None:
        self._clean = len(self._done)

    @property
    def is_clean(self) -> bool:
        return self._clean == len(self._done)


# ---------------------------------------------------------------------------------------------
# Checking proposals: copies of the halls as they would be, checked like a file


def _refuse_new_errors(proposed: Iterable[Issue], current: Iterable[Issue]) -> None:
    """Raise for errors in ``proposed`` that ``current`` (the model today) does not have."""
    errors = [i for i in proposed if i.severity == "error"]
    if not errors:
        return
    known = {(i.path, i.message) for i in current if i.severity == "error"}
    fresh = [i for i in errors if (i.path, i.message) not in known]
    if fresh:
        raise ValidationError(fresh)


class _Proposal:
    """The halls an edit would produce, built from copies; the live model is not touched."""

    def __init__(self, editor: SiteEditor):
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
                _refuse_new_errors(proposed, hall_issues(ed.site, ed.hall(hall_id), ed.hw, path))
        for n, hall in enumerate(extra_halls):
            _refuse_new_errors(hall_issues(ed.site, hall, ed.hw, f"halls[{len(ed.site.halls) + n}]"), [])
        if halls_moved or extra_halls:
            all_halls = [self.halls.get(h.id, h) for h in ed.site.halls] + list(extra_halls)
            _refuse_new_errors(hall_overlaps(all_halls), hall_overlaps(ed.site.halls))


def _check_new_items(
    editor: SiteEditor, halls: Sequence[Hall] = (), rows: Sequence[Row] = (), cabinets: Sequence[Cabinet] = ()
) -> None:
    """Refuse new items with out-of-range fields, or ids that are empty, taken or used twice."""
    for kind, cls, items in (("halls", Hall, halls), ("rows", Row, rows), ("cabinets", Cabinet, cabinets)):
        for item in items:
            from_dict(cls, to_dict(item), f"new {kind}[{item.id}]")  # every field type and range
    rows = [*rows, *(r for h in halls for r in h.rows)]
    cabinets = [*cabinets, *(c for r in rows for c in r.cabinets)]
    for kind, items in (("hall", halls), ("row", rows), ("cabinet", cabinets)):
        seen: set[str] = set()
        for item in items:
            if not item.id:
                raise refuse(f"{kind}.id", f"a new {kind} needs an id")
            if item.id in seen or editor.has(kind, item.id):  # type: ignore[arg-type]
                raise refuse(f"{kind}.id", f"{kind} id {item.id!r} is already used; {kind}s need unique ids")
            seen.add(item.id)


# ---------------------------------------------------------------------------------------------
# Property edits


@dataclass(frozen=True, slots=True)
class Ref:
    """What a property edit targets: a hall, row or cabinet by id, or a site section by path.

    For ``kind="site"`` the id is a dotted attribute path below the site: ``""`` for the site
    itself, ``"power.ups"``, ``"cooling"``, ``"economics"``; a list item is named by its id,
    ``"buildout.candidates[P1a]"``.
    """

    kind: Kind
    id: str = ""


def resolve(editor: SiteEditor, ref: Ref) -> Any:
    """The live object a Ref points at."""
    if ref.kind == "hall":
        return editor.hall(ref.id)
    if ref.kind == "row":
        return editor.row(ref.id)
    if ref.kind == "cabinet":
        return editor.cabinet(ref.id)
    obj: Any = editor.site
    for step in filter(None, ref.id.split(".")):
        obj = _child(obj, step)
    return obj


def _split_step(step: str) -> tuple[str, str | None]:
    """``"candidates[P1a]"`` -> ``("candidates", "P1a")``; ``"cooling"`` -> ``("cooling", None)``."""
    if step.endswith("]") and "[" in step:
        name, _, ident = step[:-1].partition("[")
        return name, ident
    return step, None


def _child(obj: Any, step: str) -> Any:
    """One step down a site path: an attribute, or a list item by id (``candidates[P1a]``)."""
    name, ident = _split_step(step)
    value = getattr(obj, name)
    if ident is None:
        return value
    for item in value:
        if getattr(item, "id", None) == ident:
            return item
    raise refuse(name, f"no item with id {ident!r} in {name}")


# Fields changed by their own commands, never by a plain property edit.
_OWN_COMMAND = {
    ("row", "orientation"): "rotate the row instead",
    ("row", "cabinet_type_id"): "use the row's cabinet type setting (SetRowType)",
    ("row", "cabinets"): "add or delete cabinets instead",
    ("hall", "rows"): "add or delete rows instead",
    ("site", "halls"): "add or delete halls instead",
}


class SetField(Command):
    """Set one field to one value on one or more objects (typing a value merges into one step)."""

    def __init__(
        self,
        targets: Sequence[Ref],
        field: str,
        value: Any,
        *,
        label: str | None = None,
        merge_key: Hashable | None = None,
    ):
        if not targets:
            raise ValueError("SetField needs at least one target")
        self.targets = tuple(dict.fromkeys(targets))
        self.field = field
        self.value = value
        self.values: list[Any] | None = None  # one value per target instead (see ``restoring``)
        self._merge_key = merge_key
        self._old: list[Any] | None = None
        self._new: list[Any] = []
        what = targets[0].id or "site" if len(targets) == 1 else plural(len(targets), targets[0].kind)
        self.label = label or f"Set {field.replace('_', ' ')} of {what}"

    @classmethod
    def restoring(
        cls, targets: Sequence[Ref], field: str, values: Sequence[Any], *, merge_key: Hashable | None = None
    ) -> SetField:
        """Put back one value per target (e.g. what they held before a refused bout of typing)."""
        command = cls(targets, field, None, label=f"Restore {field.replace('_', ' ')}", merge_key=merge_key)
        if len(values) != len(command.targets):
            raise ValueError("one value per target")
        command.values = [to_dict(v) for v in values]  # JSON form, checked like any typed value
        return command

    def _object(self, editor: SiteEditor, ref: Ref) -> Any:
        return resolve(editor, ref)

    def _path(self, editor: SiteEditor, ref: Ref) -> str:
        return ref.id if ref.kind == "site" else editor.path(ref.kind, ref.id)

    def check(self, editor: SiteEditor) -> None:
        if self.field == "id":
            raise refuse(self.field, "ids cannot be edited; they tie the plan, phases and scenarios together")
        new = []
        for n, ref in enumerate(self.targets):
            why = _OWN_COMMAND.get((ref.kind, self.field))
            if why:
                raise refuse(self.field, f"{self.field} is not set directly: {why}")
            obj = self._object(editor, ref)
            raw = self.value if self.values is None else self.values[n]
            new.append(check_value(type(obj), self.field, raw, self._path(editor, ref)))
        proposal = _Proposal(editor)
        site_refs = []
        for ref, value in zip(self.targets, new, strict=True):
            if ref.kind == "cabinet":
                proposal.replace_cabinet(ref.id, **{self.field: value})
            elif ref.kind == "row":
                proposal.replace_row(ref.id, **{self.field: value})
            elif ref.kind == "hall":
                proposal.replace_hall(ref.id, **{self.field: value})
            else:
                site_refs.append((ref, value))
        proposal.check(halls_moved=any(r.kind == "hall" for r in self.targets))
        if site_refs:
            site = editor.site
            for ref, value in site_refs:
                site = _replaced_at(site, [a for a in ref.id.split(".") if a], self.field, value)
            _refuse_new_errors(validate_site(site, editor.hw), validate_site(editor.site, editor.hw))
        self._new = new

    def apply(self, editor: SiteEditor) -> None:
        objs = [self._object(editor, ref) for ref in self.targets]
        if self._old is None:
            self._old = [getattr(o, self.field) for o in objs]
        for obj, value in zip(objs, self._new, strict=True):
            setattr(obj, self.field, value)
        editor.notify(self._change())

    def undo(self, editor: SiteEditor) -> None:
        assert self._old is not None
        for ref, value in zip(self.targets, self._old, strict=True):
            setattr(self._object(editor, ref), self.field, value)
        editor.notify(self._change())

    def _change(self) -> SiteChange:
        ids: dict[str, list[str]] = {"hall": [], "row": [], "cabinet": []}
        fields = []
        for ref in self.targets:
            if ref.kind == "site":
                fields.append(f"{ref.id}.{self.field}" if ref.id else self.field)
            else:
                ids[ref.kind].append(ref.id)
                fields.append(self.field)
        return SiteChange.of(halls=ids["hall"], rows=ids["row"], cabinets=ids["cabinet"], fields=fields)

    def merge_key(self) -> Hashable | None:
        return None if self._merge_key is None else (self._merge_key, self.targets, self.field)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, SetField) or other.targets != self.targets or other.field != self.field:
            return False
        self.value, self.values, self._new = other.value, other.values, other._new
        return True

    @property
    def obsolete(self) -> bool:
        return self._old is not None and self._old == self._new


def _replaced_at(obj: Any, attrs: list[str], field: str, value: Any) -> Any:
    """A copy of ``obj`` with ``attrs...field`` set to ``value`` (only the path is copied)."""
    if not attrs:
        return replace(obj, **{field: value})
    name, ident = _split_step(attrs[0])
    child = _child(obj, attrs[0])
    new_child = _replaced_at(child, attrs[1:], field, value)
    if ident is None:
        return replace(obj, **{name: new_child})
    items = [new_child if item is child else item for item in getattr(obj, name)]
    return replace(obj, **{name: items})


class SetRowType(Command):
    """Give rows (and every cabinet in them) another cabinet type; the slot size follows it."""

    def __init__(self, row_ids: Sequence[str], type_id: str):
        self.row_ids = tuple(row_ids)
        self.type_id = type_id
        self._old: list[tuple[str, list[str]]] = []
        self.label = (
            f"Set cabinet type of {self.row_ids[0] if len(self.row_ids) == 1 else plural(len(self.row_ids), 'row')}"
        )

    def check(self, editor: SiteEditor) -> None:
        editor.cabinet_type(self.type_id)
        proposal = _Proposal(editor)
        for rid in self.row_ids:
            row = editor.row(rid)
            cabinets = [replace(c, type_id=self.type_id) for c in row.cabinets]
            proposal.replace_row(rid, cabinet_type_id=self.type_id, cabinets=cabinets)
        proposal.check()

    def apply(self, editor: SiteEditor) -> None:
        rows = [editor.row(r) for r in self.row_ids]
        self._old = [(r.cabinet_type_id, [c.type_id for c in r.cabinets]) for r in rows]
        for row in rows:
            row.cabinet_type_id = self.type_id
            for cab in row.cabinets:
                cab.type_id = self.type_id
        editor.notify(self._change(rows))

    def undo(self, editor: SiteEditor) -> None:
        rows = [editor.row(r) for r in self.row_ids]
        for row, (row_type, cab_types) in zip(rows, self._old, strict=True):
            row.cabinet_type_id = row_type
            for cab, type_id in zip(row.cabinets, cab_types, strict=True):
                cab.type_id = type_id
        editor.notify(self._change(rows))

    def _change(self, rows: list[Row]) -> SiteChange:
        return SiteChange.of(
            rows=self.row_ids, cabinets=[c.id for r in rows for c in r.cabinets], fields=["cabinet_type_id", "type_id"]
        )


# ---------------------------------------------------------------------------------------------
# Adding and deleting


class AddHall(Command):
    """Add a hall (with any rows and cabinets it already holds)."""

    def __init__(self, hall: Hall, label: str | None = None):
        self.hall = hall
        self.label = label or f"Add hall {hall.id}"

    def check(self, editor: SiteEditor) -> None:
        _check_new_items(editor, halls=[self.hall])
        _Proposal(editor).check(extra_halls=[self.hall])

    def apply(self, editor: SiteEditor) -> None:
        editor.site.halls.append(self.hall)
        editor.invalidate()
        editor.notify(self._change())

    def undo(self, editor: SiteEditor) -> None:
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

    def _target(self, source: SiteEditor | _Proposal) -> list[Any]:
        raise NotImplementedError

    def check(self, editor: SiteEditor) -> None:
        _check_new_items(editor, **{self.kind: self.items})
        proposal = _Proposal(editor)
        self._target(proposal).extend(self.items)
        proposal.check()

    def apply(self, editor: SiteEditor) -> None:
        self._target(editor).extend(self.items)
        editor.invalidate()
        editor.notify(self._change())

    def undo(self, editor: SiteEditor) -> None:
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

    def _target(self, source: SiteEditor | _Proposal) -> list[Any]:
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

    def _target(self, source: SiteEditor | _Proposal) -> list[Any]:
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

    def check(self, editor: SiteEditor) -> None:
        for ident in self.hall_ids:
            editor.hall(ident)
        for ident in self.row_ids:
            editor.row(ident)
        for ident in self.cabinet_ids:
            editor.cabinet(ident)

    def apply(self, editor: SiteEditor) -> None:
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

    def undo(self, editor: SiteEditor) -> None:
        for target, before in reversed(self._lists):
            target[:] = before
        editor.invalidate()
        editor.notify(replace(self._touched, fields=frozenset({"halls", "rows", "cabinets"})))


# ---------------------------------------------------------------------------------------------
# Moving and turning


class _MoveBy(Command):
    """Shift rows (inside their halls) or halls (on the site) by (dx, dy) metres.

    Consecutive nudges of the same items with the same ``merge_key`` merge into one step.
    """

    kind: Kind

    def __init__(self, ids: Sequence[str], dx_m: float, dy_m: float, *, merge_key: Hashable | None = None):
        self.ids = tuple(ids)
        self.dx_m, self.dy_m = dx_m, dy_m
        self._merge_key = merge_key
        self._old: dict[str, tuple[float, float]] = {}
        self.label = f"Move {self.ids[0] if len(self.ids) == 1 else plural(len(self.ids), self.kind)}"

    def _item(self, editor: SiteEditor, ident: str) -> Hall | Row:
        return editor.hall(ident) if self.kind == "hall" else editor.row(ident)

    def _targets(self, editor: SiteEditor) -> dict[str, tuple[float, float]]:
        out = {}
        for ident in self.ids:
            item = self._item(editor, ident)
            x, y = self._old.get(ident) or (item.x_m, item.y_m)
            out[ident] = (round(x + self.dx_m, 6), round(y + self.dy_m, 6))
        return out

    def check(self, editor: SiteEditor) -> None:
        proposal = _Proposal(editor)
        cls = Hall if self.kind == "hall" else Row
        for ident, (x, y) in self._targets(editor).items():
            check_value(cls, "x_m", x, editor.path(self.kind, ident))
            check_value(cls, "y_m", y, editor.path(self.kind, ident))
            if self.kind == "hall":
                proposal.replace_hall(ident, x_m=x, y_m=y)
            else:
                proposal.replace_row(ident, x_m=x, y_m=y)
        proposal.check(halls_moved=self.kind == "hall")

    def apply(self, editor: SiteEditor) -> None:
        targets = self._targets(editor)
        if not self._old:
            self._old = {i: (self._item(editor, i).x_m, self._item(editor, i).y_m) for i in self.ids}
        self._set(editor, targets)

    def undo(self, editor: SiteEditor) -> None:
        self._set(editor, self._old)

    def _set(self, editor: SiteEditor, places: Mapping[str, tuple[float, float]]) -> None:
        for ident, (x, y) in places.items():
            item = self._item(editor, ident)
            item.x_m, item.y_m = x, y
        if self.kind == "hall":
            editor.notify(SiteChange.of(halls=self.ids, fields=["x_m", "y_m"]))
        else:
            halls = {editor.hall_of_row(r).id for r in self.ids}
            editor.notify(SiteChange.of(halls=halls, rows=self.ids, fields=["x_m", "y_m"]))

    def merge_key(self) -> Hashable | None:
        return None if self._merge_key is None else (self.kind, self._merge_key, self.ids)

    def merge(self, other: Command) -> bool:
        if type(other) is not type(self) or other.ids != self.ids:  # type: ignore[attr-defined]
            return False
        assert isinstance(other, _MoveBy)
        self.dx_m += other.dx_m
        self.dy_m += other.dy_m
        return True

    @property
    def obsolete(self) -> bool:
        return abs(self.dx_m) < EPS_M and abs(self.dy_m) < EPS_M


class MoveRows(_MoveBy):
    """Move rows inside their halls; refused if a row would leave its hall or overlap another."""

    kind = "row"


class MoveHalls(_MoveBy):
    """Move halls (with everything in them) on the site plan; refused if halls would overlap."""

    kind = "hall"


class RotateRows(Command):
    """Turn rows a quarter clockwise about their centres (snapped to the floor tiles)."""

    def __init__(self, row_ids: Sequence[str]):
        self.row_ids = tuple(row_ids)
        self._old: dict[str, tuple[float, float, str, str]] = {}
        self.label = f"Rotate {self.row_ids[0] if len(self.row_ids) == 1 else plural(len(self.row_ids), 'row')}"

    def _turned(self, editor: SiteEditor, rid: str) -> dict[str, Any]:
        row = editor.row(rid)
        pitch, depth = editor.slot_size(row)
        x, y = rotated_origin(row, pitch, depth, editor.hall_of_row(rid).tile_m)
        return {
            "x_m": x,
            "y_m": y,
            "orientation": "vertical" if row.orientation == "horizontal" else "horizontal",
            "hot_aisle_side": CLOCKWISE[row.hot_aisle_side],
        }

    def check(self, editor: SiteEditor) -> None:
        proposal = _Proposal(editor)
        for rid in self.row_ids:
            proposal.replace_row(rid, **self._turned(editor, rid))
        proposal.check()

    def apply(self, editor: SiteEditor) -> None:
        turned = {rid: self._turned(editor, rid) for rid in self.row_ids}
        self._old = {}
        for rid, fields in turned.items():
            row = editor.row(rid)
            self._old[rid] = (row.x_m, row.y_m, row.orientation, row.hot_aisle_side)
            for name, value in fields.items():
                setattr(row, name, value)
        editor.notify(self._change(editor))

    def undo(self, editor: SiteEditor) -> None:
        for rid, (x, y, orientation, side) in self._old.items():
            row = editor.row(rid)
            row.x_m, row.y_m, row.orientation, row.hot_aisle_side = x, y, orientation, side  # type: ignore[assignment]
        editor.notify(self._change(editor))

    def _change(self, editor: SiteEditor) -> SiteChange:
        rows = [editor.row(r) for r in self.row_ids]
        return SiteChange.of(
            halls={editor.hall_of_row(r).id for r in self.row_ids},
            rows=self.row_ids,
            cabinets=[c.id for r in rows for c in r.cabinets],
            fields=["x_m", "y_m", "orientation", "hot_aisle_side"],
        )


class MoveCabinets(Command):
    """Move cabinets to other slots, in their own rows or in others (one drag = one command)."""

    def __init__(self, placements: Mapping[str, tuple[str, int]], *, merge_key: Hashable | None = None):
        self.placements = dict(placements)
        self._merge_key = merge_key
        self._lists: list[tuple[list[Cabinet], list[Cabinet]]] = []
        self._positions: dict[str, int] = {}
        self._rows: set[str] = set()
        n = len(self.placements)
        self.label = f"Move cabinet {next(iter(self.placements))}" if n == 1 else f"Move {n:,} cabinets"

    def check(self, editor: SiteEditor) -> None:
        movers = self.placements
        claimed: dict[tuple[str, int], str] = {}
        occupied: dict[str, dict[int, str]] = {}
        for cid, (rid, pos) in movers.items():
            cab = editor.cabinet(cid)
            row = editor.row(rid)
            if not 0 <= pos < row.positions:
                raise refuse(
                    editor.path("cabinet", cid),
                    f"cabinet {cid!r} cannot go to slot {pos} of row {rid!r}: "
                    f"the row has slots 0 to {row.positions - 1}",
                )
            source = editor.row_of_cabinet(cid)
            if source is not row:
                ctype, slot = editor.cabinet_type(cab.type_id), editor.cabinet_type(row.cabinet_type_id)
                if abs(ctype.width_m - slot.width_m) > EPS_M or abs(ctype.depth_m - slot.depth_m) > EPS_M:
                    raise refuse(
                        editor.path("cabinet", cid),
                        f"cabinet {cid!r} ({ctype.width_m:g} x {ctype.depth_m:g} m) does not fit the "
                        f"{slot.width_m:g} x {slot.depth_m:g} m slots of row {rid!r}",
                    )
            other = claimed.get((rid, pos))
            if other is not None:
                raise refuse(
                    editor.path("cabinet", cid),
                    f"cabinets {other!r} and {cid!r} would both land in slot {pos} of row {rid!r}",
                )
            claimed[(rid, pos)] = cid
            taken = occupied.get(rid)
            if taken is None:
                taken = occupied[rid] = {c.position: c.id for c in row.cabinets if c.id not in movers}
            if pos in taken:
                raise refuse(
                    editor.path("cabinet", cid),
                    f"cabinet {cid!r} cannot go to slot {pos} of row {rid!r}: cabinet {taken[pos]!r} stands there",
                )

    def apply(self, editor: SiteEditor) -> None:
        moving_rows: dict[str, Row] = {}
        sources: dict[str, Row] = {}
        self._positions = {}
        for cid, (rid, _pos) in self.placements.items():
            source = editor.row_of_cabinet(cid)
            self._positions[cid] = editor.cabinet(cid).position
            if source.id != rid:
                sources[source.id] = source
                moving_rows[rid] = editor.row(rid)
        self._lists = [(r.cabinets, list(r.cabinets)) for r in {**sources, **moving_rows}.values()]
        leaving = {cid for cid, (rid, _p) in self.placements.items() if editor.row_of_cabinet(cid).id != rid}
        cabinets = {cid: editor.cabinet(cid) for cid in self.placements}
        for source in sources.values():
            source.cabinets[:] = [c for c in source.cabinets if c.id not in leaving]
        for cid, (rid, pos) in self.placements.items():
            cab = cabinets[cid]
            if cid in leaving:
                moving_rows[rid].cabinets.append(cab)
            cab.position = pos
        self._rows = {rid for rid, _p in self.placements.values()} | set(sources)
        if leaving:
            editor.invalidate()
        editor.notify(self._change(editor))

    def undo(self, editor: SiteEditor) -> None:
        for target, before in self._lists:
            target[:] = before
        if self._lists:
            editor.invalidate()
        for cid, pos in self._positions.items():
            editor.cabinet(cid).position = pos
        editor.notify(self._change(editor))

    def _change(self, editor: SiteEditor) -> SiteChange:
        # a cabinet that changed rows changes row and hall totals too: not a pure placement
        fields = ["position", "row"] if self._lists else ["position"]
        return SiteChange.of(rows=self._rows, cabinets=self.placements, fields=fields)

    def merge_key(self) -> Hashable | None:
        return None if self._merge_key is None else ("move-cabinets", self._merge_key, frozenset(self.placements))

    def merge(self, other: Command) -> bool:
        if not isinstance(other, MoveCabinets) or set(other.placements) != set(self.placements):
            return False
        if self._lists or other._lists:
            return False  # a change of rows is its own step
        self.placements = dict(other.placements)
        return True

    @property
    def obsolete(self) -> bool:
        return not self._lists and all(self._positions.get(c) == p for c, (_r, p) in self.placements.items())
