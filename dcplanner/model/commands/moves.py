"""Moving and turning: rows and halls by an offset, rows a quarter turn, cabinets to other slots (engine layer).

A moved position is rounded to the micrometre (:data:`~dcplanner.model.geometry.EPS_M`, so float
noise like 1.2 + 0.6 = 1.7999999999999998 never reaches the file); undo puts back the exact
coordinates that were there, and redo the exact ones the move produced.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from dcplanner.model.commands.base import Command, unchanged
from dcplanner.model.commands.checks import Proposal
from dcplanner.model.edited_site import EditedSite, Kind, plural, refuse
from dcplanner.model.events import SiteChange
from dcplanner.model.geometry import CLOCKWISE, EPS_M, rotated_origin
from dcplanner.model.schema import check_value
from dcplanner.model.site import Cabinet, Compass, Hall, Orientation, Row


def _moved(coordinate_m: float, offset_m: float) -> float:
    """``coordinate_m`` shifted by ``offset_m``, to the micrometre; untouched when the offset is zero."""
    if offset_m == 0:
        return coordinate_m
    return round(coordinate_m + offset_m, 6) + 0.0  # + 0.0 turns -0.0 into 0.0 (IEEE 754 addition)


class _MoveBy(Command):
    """Shift rows (inside their halls) or halls (on the site) by (dx, dy) metres.

    Consecutive nudges of the same items with the same ``merge_key`` merge into one step.
    """

    kind: Kind

    def __init__(self, ids: Sequence[str], dx_m: float, dy_m: float, *, merge_key: Hashable | None = None):
        self.ids = tuple(dict.fromkeys(ids))
        self.dx_m, self.dy_m = dx_m, dy_m
        self._merge_key = merge_key
        self._old: dict[str, tuple[float, float]] = {}  # exact places before the first apply
        self._new: dict[str, tuple[float, float]] = {}  # places after it: what redo puts back
        self.label = f"Move {self.ids[0] if len(self.ids) == 1 else plural(len(self.ids), self.kind)}"

    def _item(self, editor: EditedSite, ident: str) -> Hall | Row:
        return editor.hall(ident) if self.kind == "hall" else editor.row(ident)

    def _targets(self, editor: EditedSite) -> dict[str, tuple[float, float]]:
        if self._new:
            return self._new
        out = {}
        for ident in self.ids:
            item = self._item(editor, ident)
            out[ident] = (_moved(item.x_m, self.dx_m), _moved(item.y_m, self.dy_m))
        return out

    def check(self, editor: EditedSite) -> None:
        proposal = Proposal(editor)
        cls = Hall if self.kind == "hall" else Row
        for ident, (x, y) in self._targets(editor).items():
            check_value(cls, "x_m", x, editor.path(self.kind, ident))
            check_value(cls, "y_m", y, editor.path(self.kind, ident))
            if self.kind == "hall":
                proposal.replace_hall(ident, x_m=x, y_m=y)
            else:
                proposal.replace_row(ident, x_m=x, y_m=y)
        proposal.check(halls_moved=self.kind == "hall")

    def apply(self, editor: EditedSite) -> None:
        targets = self._targets(editor)
        if not self._old:
            self._old = {i: (self._item(editor, i).x_m, self._item(editor, i).y_m) for i in self.ids}
        self._new = dict(targets)
        self._set(editor, targets)

    def undo(self, editor: EditedSite) -> None:
        self._set(editor, self._old)

    def _set(self, editor: EditedSite, places: Mapping[str, tuple[float, float]]) -> None:
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
        if type(other) is not type(self) or other.ids != self.ids:
            return False
        assert isinstance(other, _MoveBy)
        self.dx_m += other.dx_m  # the total offset, for display; redo uses the places themselves
        self.dy_m += other.dy_m
        self._new = dict(other._new)
        return True

    @property
    def obsolete(self) -> bool:
        """Done: the items stand exactly where they stood. Not done yet: the offset is zero."""
        if not self._new:
            return self.dx_m == 0 and self.dy_m == 0
        return all(unchanged(self._old[i], self._new[i]) for i in self.ids)


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
        self._old: dict[str, tuple[float, float, Orientation, Compass]] = {}
        self.label = f"Rotate {self.row_ids[0] if len(self.row_ids) == 1 else plural(len(self.row_ids), 'row')}"

    def _turned(self, editor: EditedSite, rid: str) -> dict[str, Any]:
        row = editor.row(rid)
        pitch, depth = editor.slot_size(row)
        x, y = rotated_origin(row, pitch, depth, editor.hall_of_row(rid).tile_m)
        return {
            "x_m": x,
            "y_m": y,
            "orientation": "vertical" if row.orientation == "horizontal" else "horizontal",
            "hot_aisle_side": CLOCKWISE[row.hot_aisle_side],
        }

    def check(self, editor: EditedSite) -> None:
        proposal = Proposal(editor)
        for rid in self.row_ids:
            proposal.replace_row(rid, **self._turned(editor, rid))
        proposal.check()

    def apply(self, editor: EditedSite) -> None:
        turned = {rid: self._turned(editor, rid) for rid in self.row_ids}
        self._old = {}
        for rid, fields in turned.items():
            row = editor.row(rid)
            self._old[rid] = (row.x_m, row.y_m, row.orientation, row.hot_aisle_side)
            for name, value in fields.items():
                setattr(row, name, value)
        editor.notify(self._change(editor))

    def undo(self, editor: EditedSite) -> None:
        for rid, (x, y, orientation, side) in self._old.items():
            row = editor.row(rid)
            row.x_m, row.y_m, row.orientation, row.hot_aisle_side = x, y, orientation, side
        editor.notify(self._change(editor))

    def _change(self, editor: EditedSite) -> SiteChange:
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

    def check(self, editor: EditedSite) -> None:
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

    def apply(self, editor: EditedSite) -> None:
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

    def undo(self, editor: EditedSite) -> None:
        for target, before in self._lists:
            target[:] = before
        if self._lists:
            editor.invalidate()
        for cid, pos in self._positions.items():
            editor.cabinet(cid).position = pos
        editor.notify(self._change(editor))

    def _change(self, editor: EditedSite) -> SiteChange:
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
