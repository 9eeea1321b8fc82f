"""Clipboard payloads: copies of halls, rows and cabinets as JSON, pasted with fresh ids (engine).

The payload is plain JSON (type tags, no class paths), so it survives the system clipboard and
works between two open windows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dcplanner.model.commands import AddCabinets, AddHall, AddRows, Command
from dcplanner.model.edited_site import EditedSite, plural, refuse
from dcplanner.model.geometry import Rect, hall_rect
from dcplanner.model.layout import IdAllocator
from dcplanner.model.placement import clone_row, free_offset, one_or_macro, placed_ok
from dcplanner.model.schema import from_dict, to_dict
from dcplanner.model.site import Cabinet, Hall, Row

CLIPBOARD_FORMAT = "dcplanner.clipboard"


def copy_selection(
    editor: EditedSite, halls: Iterable[str] = (), rows: Iterable[str] = (), cabinets: Iterable[str] = ()
) -> dict[str, Any]:
    """A JSON-ready clipboard payload of the selected items (rows remember their hall)."""
    return {
        "format": CLIPBOARD_FORMAT,
        "version": 1,
        "halls": [to_dict(editor.hall(h)) for h in halls],
        "rows": [{"hall_id": editor.hall_of_row(r).id, "row": to_dict(editor.row(r))} for r in rows],
        "cabinets": [{"row_id": editor.row_of_cabinet(c).id, "cabinet": to_dict(editor.cabinet(c))} for c in cabinets],
    }


def paste(editor: EditedSite, payload: Any, hall_id: str | None = None, row_id: str | None = None) -> Command:
    """A command adding copies of the clipboard items with new ids, on free floor or in free slots.

    Rows go to ``hall_id`` (else their own hall, else the first hall); cabinets go to ``row_id``
    (else their own row).
    """
    if not isinstance(payload, dict) or payload.get("format") != CLIPBOARD_FORMAT:
        raise refuse("clipboard", "the clipboard holds no dcplanner halls, rows or cabinets")
    hids, rids, cids = (
        IdAllocator(editor.ids("hall")),
        IdAllocator(editor.ids("row")),
        IdAllocator(editor.ids("cabinet")),
    )
    commands: list[Command] = []
    placed_halls = [hall_rect(h) for h in editor.site.halls]
    for data in payload.get("halls", []):
        hall = from_dict(Hall, data, "clipboard.halls")
        hall.id = hids.new("H", width=1)
        rows = hall.rows
        hall.rows = []
        for row in rows:
            hall.rows.append(clone_row(row, rids.new(f"{hall.id}-"), cids))
        for k in range(1, 100):
            rect = hall_rect(hall).translated(k * (hall.width_m + 6.0), 0.0)
            if not any(rect.overlaps(o) for o in placed_halls):
                hall.x_m = round(hall.x_m + k * (hall.width_m + 6.0), 6)
                break
        placed_halls.append(hall_rect(hall))
        commands.append(AddHall(hall))
    by_hall: dict[str, list[Row]] = {}
    occupied: dict[str, list[Rect]] = {}
    for entry in payload.get("rows", []):
        row = from_dict(Row, entry.get("row"), "clipboard.rows")
        target = hall_id or (entry.get("hall_id") if editor.has("hall", entry.get("hall_id", "")) else None)
        target = target or (editor.site.halls[0].id if editor.site.halls else None)
        if target is None:
            raise refuse("halls", "there is no hall to paste rows into")
        hall = editor.hall(target)
        copy = clone_row(row, rids.new(f"{hall.id}-"), cids)
        others = occupied.setdefault(hall.id, [editor.row_rect(r) for r in hall.rows])
        if not placed_ok(hall, editor.row_rect(copy), others):
            offset = free_offset(editor, hall, copy, others)
            if offset is None:
                raise refuse(f"halls[{hall.id}]", f"no free floor in hall {hall.id!r} for pasted row {row.id!r}")
            copy.x_m, copy.y_m = round(copy.x_m + offset[0], 6), round(copy.y_m + offset[1], 6)
        others.append(editor.row_rect(copy))
        by_hall.setdefault(hall.id, []).append(copy)
    commands.extend(AddRows(h, rows) for h, rows in by_hall.items())
    by_row: dict[str, list[Cabinet]] = {}
    for entry in payload.get("cabinets", []):
        cab = from_dict(Cabinet, entry.get("cabinet"), "clipboard.cabinets")
        target = row_id or (entry.get("row_id") if editor.has("row", entry.get("row_id", "")) else None)
        if target is None:
            raise refuse("rows", "select a row to paste cabinets into")
        by_row.setdefault(target, []).append(cab)
    for rid, cabs in by_row.items():
        row = editor.row(rid)
        taken = {c.position for c in row.cabinets}
        free = [p for p in range(row.positions) if p not in taken]
        if len(free) < len(cabs):
            raise refuse(
                editor.path("row", rid),
                f"row {rid!r} has {plural(len(free), 'free slot')} for {plural(len(cabs), 'pasted cabinet')}",
            )
        for cab, pos in zip(sorted(cabs, key=lambda c: c.position), free, strict=False):
            cab.id, cab.position = cids.new(f"{rid}-"), pos
        commands.append(AddCabinets(rid, cabs))
    if not commands:
        raise refuse("clipboard", "the clipboard is empty")
    counts = [
        plural(n, w)
        for n, w in (
            (len(payload.get("halls", [])), "hall"),
            (len(payload.get("rows", [])), "row"),
            (len(payload.get("cabinets", [])), "cabinet"),
        )
        if n
    ]
    return one_or_macro("Paste " + " and ".join(counts), commands)
