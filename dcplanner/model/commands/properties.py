"""Property edits: one field of halls, rows, cabinets or a site section; a row's cabinet type (engine layer).

A :class:`Ref` names what an edit targets. Site sections are named with the document path grammar
of :mod:`dcplanner.model.paths` (``"power.ups"``, ``"buildout.candidates[P1a]"``).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dcplanner.model.commands.base import Command, unchanged
from dcplanner.model.commands.checks import Proposal, refuse_new_errors
from dcplanner.model.edited_site import EditedSite, Kind, plural, refuse
from dcplanner.model.events import SiteChange
from dcplanner.model.paths import PathError, object_trail
from dcplanner.model.schema import check_value, to_dict
from dcplanner.model.site import Row, Site
from dcplanner.model.validation import validate_site


@dataclass(frozen=True, slots=True)
class Ref:
    """What a property edit targets: a hall, row or cabinet by id, or a site section by path.

    For ``kind="site"`` the id is a document path below the site (:mod:`dcplanner.model.paths`):
    ``""`` for the site itself, ``"power.ups"``, ``"cooling"``, ``"economics"``; a list item is
    named by its id, ``"buildout.candidates[P1a]"``.
    """

    kind: Kind
    id: str = ""


def resolve(editor: EditedSite, ref: Ref) -> Any:
    """The live object a Ref points at; ValidationError naming the path if there is none."""
    if ref.kind == "hall":
        return editor.hall(ref.id)
    if ref.kind == "row":
        return editor.row(ref.id)
    if ref.kind == "cabinet":
        return editor.cabinet(ref.id)
    trail = _trail(editor.site, ref.id)
    return trail[-1][1] if trail else editor.site


def _trail(site: Site, path: str) -> list[tuple[str, Any]]:
    try:
        return object_trail(site, path)
    except PathError as exc:
        raise refuse(path, str(exc)) from None


def _replaced_at(site: Site, path: str, field: str, value: Any) -> Site:
    """A copy of ``site`` with ``path.field`` set to ``value`` (only the objects on the path are copied)."""
    trail = _trail(site, path)
    parents = [site, *(obj for _step, obj in trail)][: len(trail)]
    new: Any = replace(trail[-1][1] if trail else site, **{field: value})
    for (step, old), parent in zip(reversed(trail), reversed(parents), strict=True):
        if isinstance(parent, list):
            new = [new if item is old else item for item in parent]
        elif isinstance(parent, dict):
            new = {**parent, step: new}
        else:
            new = replace(parent, **{step: new})
    return new


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

    def _object(self, editor: EditedSite, ref: Ref) -> Any:
        return resolve(editor, ref)

    def _path(self, editor: EditedSite, ref: Ref) -> str:
        return ref.id if ref.kind == "site" else editor.path(ref.kind, ref.id)

    def check(self, editor: EditedSite) -> None:
        if self.field == "id":
            raise refuse(self.field, "ids cannot be edited; they tie the plan, phases and scenarios together")
        new = []
        for n, ref in enumerate(self.targets):
            why = _OWN_COMMAND.get((ref.kind, self.field))
            if why:
                raise refuse(self.field, f"{self.field} is not set directly: {why}")
            if ref.kind == "site" and ref.id.split(".", 1)[0].split("[", 1)[0] == "halls":
                raise refuse(ref.id, "halls, rows and cabinets are edited by id (Ref 'hall', 'row' or 'cabinet')")
            obj = self._object(editor, ref)
            raw = self.value if self.values is None else self.values[n]
            new.append(check_value(type(obj), self.field, raw, self._path(editor, ref)))
        proposal = Proposal(editor)
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
                site = _replaced_at(site, ref.id, self.field, value)
            refuse_new_errors(validate_site(site, editor.hw), validate_site(editor.site, editor.hw))
        self._new = new

    def apply(self, editor: EditedSite) -> None:
        objs = [self._object(editor, ref) for ref in self.targets]
        if self._old is None:
            self._old = [getattr(o, self.field) for o in objs]
        for obj, value in zip(objs, self._new, strict=True):
            setattr(obj, self.field, value)
        editor.notify(self._change())

    def undo(self, editor: EditedSite) -> None:
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
        return self._old is not None and all(map(unchanged, self._old, self._new))


class SetRowType(Command):
    """Give rows (and every cabinet in them) another cabinet type; the slot size follows it."""

    def __init__(self, row_ids: Sequence[str], type_id: str):
        self.row_ids = tuple(row_ids)
        self.type_id = type_id
        self._old: list[tuple[str, list[str]]] = []
        self.label = (
            f"Set cabinet type of {self.row_ids[0] if len(self.row_ids) == 1 else plural(len(self.row_ids), 'row')}"
        )

    def check(self, editor: EditedSite) -> None:
        editor.cabinet_type(self.type_id)
        proposal = Proposal(editor)
        for rid in self.row_ids:
            row = editor.row(rid)
            cabinets = [replace(c, type_id=self.type_id) for c in row.cabinets]
            proposal.replace_row(rid, cabinet_type_id=self.type_id, cabinets=cabinets)
        proposal.check()

    def apply(self, editor: EditedSite) -> None:
        rows = [editor.row(r) for r in self.row_ids]
        self._old = [(r.cabinet_type_id, [c.type_id for c in r.cabinets]) for r in rows]
        for row in rows:
            row.cabinet_type_id = self.type_id
            for cab in row.cabinets:
                cab.type_id = self.type_id
        editor.notify(self._change(rows))

    def undo(self, editor: EditedSite) -> None:
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
