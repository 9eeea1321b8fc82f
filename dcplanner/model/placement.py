"""From a gesture to a command: where dragged, drawn, duplicated and arrayed items go (engine).

The floor-plan tools hand over what the user did (a drag offset in metres, the two ends of a
drawn line, the selected ids); these functions work out the placements and return the command
to push. They never change the site themselves.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from dcplanner.model.commands import AddCabinets, AddRows, Command, Macro, MoveHalls, MoveRows
from dcplanner.model.edited_site import EditedSite, plural, refuse
from dcplanner.model.geometry import EPS_M, Rect, aisle_gap_m, hall_floor, row_rect, slot_rect, snap_m
from dcplanner.model.layout import IdAllocator
from dcplanner.model.schema import from_dict, to_dict
from dcplanner.model.site import Cabinet, Hall, Row


@dataclass(frozen=True, slots=True)
class MovePlan:
    """Where a drag or nudge takes rows or halls: the offset on the floor tiles and who moves.

    ``dx_m``/``dy_m`` are whole floor tiles of the first item's hall (rows move inside their
    halls, halls with everything in them). ``changes`` is False when the move leaves every item
    where it stands, so there is nothing to push.
    """

    kind: Literal["row", "hall"]
    ids: tuple[str, ...]
    dx_m: float
    dy_m: float

    @property
    def changes(self) -> bool:
        # A non-zero offset is at least one tile (Hall.tile_m >= 0.1 m), far beyond the
        # micrometre the move commands round places to, so it moves every item it names.
        return bool(self.ids) and (self.dx_m != 0 or self.dy_m != 0)

    def command(self, *, merge_key: Hashable | None = None) -> MoveRows | MoveHalls:
        """The command that makes this move (check it before pushing)."""
        cls = MoveRows if self.kind == "row" else MoveHalls
        return cls(self.ids, self.dx_m, self.dy_m, merge_key=merge_key)


def plan_row_move(editor: EditedSite, row_ids: Iterable[str], dx_m: float, dy_m: float) -> MovePlan:
    """Rows dragged by (dx, dy) metres: the offset snapped to the first row's hall tiles."""
    ids = tuple(sorted(set(row_ids)))
    tile_m = editor.hall_of_row(ids[0]).tile_m if ids else 0.0
    return _snapped("row", ids, dx_m, dy_m, tile_m)


def plan_hall_move(editor: EditedSite, hall_ids: Iterable[str], dx_m: float, dy_m: float) -> MovePlan:
    """Halls dragged by (dx, dy) metres on the site: the offset snapped to the first hall's tiles."""
    ids = tuple(sorted(set(hall_ids)))
    tile_m = editor.hall(ids[0]).tile_m if ids else 0.0
    return _snapped("hall", ids, dx_m, dy_m, tile_m)


def plan_row_nudge(editor: EditedSite, row_ids: Iterable[str], dx_tiles: int, dy_tiles: int) -> MovePlan:
    """Rows moved by whole floor tiles of the first row's hall (arrow keys)."""
    ids = tuple(sorted(set(row_ids)))
    tile_m = editor.hall_of_row(ids[0]).tile_m if ids else 0.0
    return _snapped("row", ids, dx_tiles * tile_m, dy_tiles * tile_m, tile_m)


def plan_hall_nudge(editor: EditedSite, hall_ids: Iterable[str], dx_tiles: int, dy_tiles: int) -> MovePlan:
    """Halls moved by whole floor tiles of the first hall (arrow keys)."""
    ids = tuple(sorted(set(hall_ids)))
    tile_m = editor.hall(ids[0]).tile_m if ids else 0.0
    return _snapped("hall", ids, dx_tiles * tile_m, dy_tiles * tile_m, tile_m)


def _snapped(kind: Literal["row", "hall"], ids: tuple[str, ...], dx_m: float, dy_m: float, tile_m: float) -> MovePlan:
    if not ids:
        return MovePlan(kind, ids, 0.0, 0.0)
    # + 0.0 turns a snapped -0.0 into 0.0 (IEEE 754 addition), so "no offset" is one value
    return MovePlan(kind, ids, snap_m(dx_m, tile_m) + 0.0, snap_m(dy_m, tile_m) + 0.0)


def cabinet_move_changes(editor: EditedSite, placements: Mapping[str, tuple[str, int]]) -> bool:
    """True when some cabinet of ``placements`` (id -> (row id, slot)) is not already there."""
    return any(editor.cabinet(c).position != p or editor.row_of_cabinet(c).id != r for c, (r, p) in placements.items())


def plan_cabinet_move(
    editor: EditedSite, cabinet_ids: Iterable[str], dx_m: float, dy_m: float
) -> dict[str, tuple[str, int]]:
    """Where each cabinet lands when the selection is dragged by (dx, dy) metres.

    Each cabinet goes to the slot under its moved centre, in any row of any hall. Raises
    ValidationError when a cabinet would land off every row.
    """
    ids = list(cabinet_ids)
    if not ids:
        return {}
    rows: list[tuple[Hall, Row]] = [(h, r) for h in editor.site.halls for r in h.rows]
    n = len(rows)
    x0, y0, x1, y1, pitch = (np.empty(n) for _ in range(5))
    horizontal = np.empty(n, dtype=bool)
    for i, (hall, row) in enumerate(rows):
        p, d = editor.slot_size(row)
        rect = row_rect(row, p, d).translated(hall.x_m, hall.y_m)
        x0[i], y0[i], x1[i], y1[i], pitch[i] = rect.x0, rect.y0, rect.x1, rect.y1, p
        horizontal[i] = row.orientation == "horizontal"
    px, py = np.empty(len(ids)), np.empty(len(ids))
    for k, cid in enumerate(ids):
        row = editor.row_of_cabinet(cid)
        hall = editor.hall_of_row(row.id)
        p, d = editor.slot_size(row)
        s = slot_rect(row, editor.cabinet(cid).position, p, d)
        px[k] = hall.x_m + (s.x0 + s.x1) / 2 + dx_m
        py[k] = hall.y_m + (s.y0 + s.y1) / 2 + dy_m
    inside = (px[:, None] >= x0) & (px[:, None] < x1) & (py[:, None] >= y0) & (py[:, None] < y1)
    found = inside.any(axis=1)
    if not found.all():
        lost = [ids[k] for k in np.flatnonzero(~found)]
        k = ids.index(lost[0])
        raise refuse(
            "cabinets",
            f"{plural(len(lost), 'cabinet')} would land outside every row (e.g. {lost[0]!r} at "
            f"x {px[k]:.1f} m, y {py[k]:.1f} m); cabinets stand in row slots",
        )
    which = inside.argmax(axis=1)
    along = np.where(horizontal[which], px - x0[which], py - y0[which])
    slots = np.floor(along / pitch[which] + 1e-9).astype(int)
    return {cid: (rows[which[k]][1].id, int(slots[k])) for k, cid in enumerate(ids)}


def shift_cabinets(
    editor: EditedSite, cabinet_ids: Iterable[str], dx_steps: int, dy_steps: int
) -> dict[str, tuple[str, int]]:
    """Placements that move cabinets along their rows by whole slots (arrow-key nudges).

    Cabinets in horizontal rows follow the left/right steps, those in vertical rows up/down.
    """
    out = {}
    for cid in cabinet_ids:
        row = editor.row_of_cabinet(cid)
        step = dx_steps if row.orientation == "horizontal" else dy_steps
        out[cid] = (row.id, editor.cabinet(cid).position + step)
    if out and all(p == editor.cabinet(c).position for c, (_r, p) in out.items()):
        raise refuse(
            "cabinets", "cabinets move along their rows: left/right in horizontal rows, up/down in vertical ones"
        )
    return out


def propose_row(
    editor: EditedSite,
    hall_id: str,
    start: tuple[float, float],
    end: tuple[float, float],
    cabinet_type_id: str,
    design_kw: float,
    phase_id: str | None = None,
) -> Row:
    """The row a drag from ``start`` to ``end`` (hall coordinates) draws, full of whole cabinets.

    The start snaps to the hall's floor tiles; the direction of the drag sets the orientation
    and the length rounds down to whole cabinets (at least one). The hot-aisle side faces the
    hot aisle of the nearest facing row, so new rows extend the hot/cold pattern.
    """
    hall = editor.hall(hall_id)
    ctype = editor.cabinet_type(cabinet_type_id)
    pitch, depth = ctype.width_m, ctype.depth_m
    sx, sy = snap_m(start[0], hall.tile_m), snap_m(start[1], hall.tile_m)
    dx, dy = end[0] - sx, end[1] - sy
    horizontal = abs(dx) >= abs(dy)
    length = abs(dx if horizontal else dy)
    positions = max(int(length / pitch + 1e-9), 1)
    positions = min(positions, 500)
    span = positions * pitch
    if horizontal:
        x, y = (sx if dx >= 0 else sx - span), sy
    else:
        x, y = sx, (sy if dy >= 0 else sy - span)
    ids = IdAllocator(editor.ids("row"))
    row_id = ids.new(f"{hall.id}-")
    row = Row(
        id=row_id,
        name=row_id,
        x_m=round(x, 6),
        y_m=round(y, 6),
        orientation="horizontal" if horizontal else "vertical",
        positions=positions,
        cabinet_type_id=cabinet_type_id,
    )
    row.hot_aisle_side, row.containment = _neighbour_pattern(editor, hall, row, pitch, depth)  # type: ignore[assignment]  # str pair from a Compass/Containment pattern
    cab_ids = IdAllocator(editor.ids("cabinet"))
    row.cabinets = [
        Cabinet(
            id=cab_ids.new(f"{row_id}-"), position=k, type_id=cabinet_type_id, design_kw=design_kw, phase_id=phase_id
        )
        for k in range(positions)
    ]
    return row


def _neighbour_pattern(editor: EditedSite, hall: Hall, row: Row, pitch: float, depth: float) -> tuple[str, str]:
    """(hot_aisle_side, containment) that continue the nearest facing row's aisle pattern."""
    rect = row_rect(row, pitch, depth)
    horizontal = row.orientation == "horizontal"
    best: tuple[float, Row, Rect] | None = None
    for other in hall.rows:
        if other.orientation != row.orientation:
            continue
        orect = editor.row_rect(other)
        gap = aisle_gap_m(rect, orect, row.orientation)
        if gap is not None and gap >= 0 and (best is None or gap < best[0]):
            best = (gap, other, orect)
    if best is None:
        return ("north" if horizontal else "west"), "none"
    _gap, other, orect = best
    if horizontal:
        other_is_before = orect.y1 <= rect.y0 + EPS_M
        our_face, their_face = ("north", "south") if other_is_before else ("south", "north")
        back = {"north": "south", "south": "north"}
    else:
        other_is_before = orect.x1 <= rect.x0 + EPS_M
        our_face, their_face = ("west", "east") if other_is_before else ("east", "west")
        back = {"west": "east", "east": "west"}
    hot_faces_us = other.hot_aisle_side == their_face
    return (our_face if hot_faces_us else back[our_face]), other.containment


def propose_hall(editor: EditedSite, x0: float, y0: float, x1: float, y1: float, tile_m: float = 0.6) -> Hall:
    """A new empty hall over the dragged rectangle (site coordinates, snapped to ``tile_m``)."""
    xa, xb = sorted((snap_m(x0, tile_m), snap_m(x1, tile_m)))
    ya, yb = sorted((snap_m(y0, tile_m), snap_m(y1, tile_m)))
    hall_id = IdAllocator(editor.ids("hall")).new("H", width=1)
    return Hall(
        id=hall_id,
        name=f"Hall {hall_id[1:]}",
        x_m=xa,
        y_m=ya,
        width_m=round(max(xb - xa, tile_m), 6),
        depth_m=round(max(yb - ya, tile_m), 6),
        design_it_kw=0.0,
        tile_m=tile_m,
    )


def clone_row(row: Row, row_id: str, cab_ids: IdAllocator) -> Row:
    new = from_dict(Row, to_dict(row))
    new.id = row_id
    if row.name == row.id or not row.name:
        new.name = row_id
    for cab in new.cabinets:
        cab.id = cab_ids.new(f"{row_id}-")
    return new


def placed_ok(hall: Hall, rect: Rect, others: list[Rect]) -> bool:
    return hall_floor(hall).contains(rect) and not any(rect.overlaps(o) for o in others)


def free_offset(editor: EditedSite, hall: Hall, row: Row, others: list[Rect]) -> tuple[float, float] | None:
    """Smallest shift, across the row first and then along it, that puts a copy on free floor."""
    rect = editor.row_rect(row)
    horizontal = row.orientation == "horizontal"
    across = (rect.height if horizontal else rect.width) + hall.min_aisle_m
    along = (rect.width if horizontal else rect.height) + hall.min_aisle_m
    steps = [(0.0, across), (along, 0.0)] if horizontal else [(across, 0.0), (0.0, along)]
    for k in range(1, 200):
        for sign in (1, -1):
            for ux, uy in steps:
                dx, dy = snap_m(sign * k * ux, hall.tile_m), snap_m(sign * k * uy, hall.tile_m)
                if placed_ok(hall, rect.translated(dx, dy), others):
                    return dx, dy
    return None


def duplicate_rows(editor: EditedSite, row_ids: Sequence[str]) -> Command:
    """Copies of rows (new ids), each on the nearest free floor beside its original."""
    rids, cids = IdAllocator(editor.ids("row")), IdAllocator(editor.ids("cabinet"))
    by_hall: dict[str, list[Row]] = {}
    occupied: dict[str, list[Rect]] = {}
    for rid in row_ids:
        hall, row = editor.hall_of_row(rid), editor.row(rid)
        others = occupied.setdefault(hall.id, [editor.row_rect(r) for r in hall.rows])
        offset = free_offset(editor, hall, row, others)
        if offset is None:
            raise refuse(editor.path("row", rid), f"no free floor in hall {hall.id!r} for a copy of row {rid!r}")
        copy = clone_row(row, rids.new(f"{hall.id}-"), cids)
        copy.x_m, copy.y_m = round(row.x_m + offset[0], 6), round(row.y_m + offset[1], 6)
        others.append(editor.row_rect(copy))
        by_hall.setdefault(hall.id, []).append(copy)
    label = f"Duplicate {row_ids[0] if len(row_ids) == 1 else plural(len(row_ids), 'row')}"
    return one_or_macro(label, [AddRows(h, rows, label) for h, rows in by_hall.items()])


def duplicate_cabinets(editor: EditedSite, cabinet_ids: Sequence[str]) -> Command:
    """Copies of cabinets (new ids) in the free slots of their own rows, after the originals."""
    cids = IdAllocator(editor.ids("cabinet"))
    by_row: dict[str, list[Cabinet]] = {}
    for cid in cabinet_ids:
        by_row.setdefault(editor.row_of_cabinet(cid).id, []).append(editor.cabinet(cid))
    commands: list[Command] = []
    for rid, originals in by_row.items():
        row = editor.row(rid)
        taken = {c.position for c in row.cabinets}
        start = max(c.position for c in originals) + 1
        order = [*range(start, row.positions), *range(start)]
        free = [p for p in order if p not in taken]
        if len(free) < len(originals):
            raise refuse(
                editor.path("row", rid),
                f"row {rid!r} has {plural(len(free), 'free slot')} for {plural(len(originals), 'new cabinet')}",
            )
        copies = []
        for cab, pos in zip(sorted(originals, key=lambda c: c.position), free, strict=False):
            copy = from_dict(Cabinet, to_dict(cab))
            copy.id, copy.position = cids.new(f"{rid}-"), pos
            if copy.name:
                copy.name = f"{cab.name} (copy)"
            copies.append(copy)
        commands.append(AddCabinets(rid, copies))
    label = f"Duplicate {cabinet_ids[0] if len(cabinet_ids) == 1 else plural(len(cabinet_ids), 'cabinet')}"
    return one_or_macro(label, commands)


def array_rows(editor: EditedSite, row_id: str, copies: int, pitch_m: float, mirror: bool = True) -> Command:
    """``copies`` copies of a row stepped ``pitch_m`` apart across it (negative: up or left).

    With ``mirror`` every other copy turns its hot aisle the other way, so the copies form
    hot/cold aisle pairs.
    """
    if copies < 1:
        raise refuse("copies", f"{copies} copies; allowed from 1 to 100")
    if copies > 100:
        raise refuse("copies", f"{copies} copies; allowed from 1 to 100")
    hall, row = editor.hall_of_row(row_id), editor.row(row_id)
    rids, cids = IdAllocator(editor.ids("row")), IdAllocator(editor.ids("cabinet"))
    flip = {"north": "south", "south": "north", "east": "west", "west": "east"}
    rows = []
    for k in range(1, copies + 1):
        copy = clone_row(row, rids.new(f"{hall.id}-"), cids)
        if row.orientation == "horizontal":
            copy.y_m = round(row.y_m + k * pitch_m, 6)
        else:
            copy.x_m = round(row.x_m + k * pitch_m, 6)
        if mirror and k % 2:
            copy.hot_aisle_side = flip[row.hot_aisle_side]  # type: ignore[assignment]  # flip maps Compass to Compass
        rows.append(copy)
    return AddRows(hall.id, rows, f"Array row {row_id} × {copies}")


def default_array_pitch_m(editor: EditedSite, row_id: str) -> float:
    """Row depth plus the hall's minimum aisle: copies face each other across code-minimum aisles."""
    row, hall = editor.row(row_id), editor.hall_of_row(row_id)
    return round(editor.slot_size(row)[1] + hall.min_aisle_m, 6)


def one_or_macro(label: str, commands: list[Command]) -> Command:
    if len(commands) == 1:
        commands[0].label = label
        return commands[0]
    return Macro(label, commands)
