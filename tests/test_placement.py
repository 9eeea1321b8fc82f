"""From gestures to commands without Qt: drawn rows, dragged cabinets, copies, arrays, paste.

Also the undo guarantee: any sequence of edits, undone to the start, gives the identical document.
Site: tests/factories.small_site (hall 10 x 8 m, rows R1 at (2.0, 1.2) and R2 at (2.0, 3.6),
5 slots of 0.6 m, cabinets in slots 0-3; R1 has its hot aisle north, R2 south).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcplanner.model.clipboard import copy_selection, paste
from dcplanner.model.commands import (
    AddRows,
    CommandStack,
    Delete,
    MoveCabinets,
    MoveHalls,
    MoveRows,
    Ref,
    RotateRows,
    SetField,
    SetRowType,
)
from dcplanner.model.edited_site import EditedSite
from dcplanner.model.geometry import Rect, aisle_strips, snap_m
from dcplanner.model.placement import (
    MovePlan,
    array_rows,
    cabinet_move_changes,
    default_array_pitch_m,
    duplicate_cabinets,
    duplicate_rows,
    plan_cabinet_move,
    plan_hall_move,
    plan_hall_nudge,
    plan_row_move,
    plan_row_nudge,
    propose_row,
    shift_cabinets,
)
from dcplanner.model.schema import ValidationError, to_dict
from dcplanner.model.site import Hall, Row
from dcplanner.model.validation import narrow_aisle_gaps, placed_rows, validate_site
from tests.factories import small_site


@pytest.fixture
def editor() -> EditedSite:
    return EditedSite(small_site())


def _errors(editor: EditedSite) -> list[str]:
    return [str(i) for i in validate_site(editor.site) if i.severity == "error"]


def test_snap_rounds_halves_up():
    assert snap_m(0.29, 0.6) == 0.0
    assert snap_m(0.31, 0.6) == 0.6
    assert snap_m(2.7, 0.6) == 3.0
    assert snap_m(-0.31, 0.6) == -0.6


def test_drawn_row_snaps_and_fills_whole_cabinets(editor):
    # start (2.1, 6.1) snaps to (2.4, 6.0); 3.5 m of drag holds 5 whole 0.6 m cabinets (3.0 m)
    row = propose_row(editor, "H1", (2.1, 6.1), (5.6, 6.3), "std-600x1200-47u", 12.0, None)
    assert (row.x_m, row.y_m, row.orientation, row.positions) == (2.4, 6.0, "horizontal", 5)
    assert [c.position for c in row.cabinets] == [0, 1, 2, 3, 4]
    assert {c.design_kw for c in row.cabinets} == {12.0}
    assert len({c.id for c in row.cabinets}) == 5
    # R2 (hot aisle south) faces it from the north: the new row puts its hot side north too
    assert row.hot_aisle_side == "north"
    assert row.containment == "none"  # copied from R2


def test_drawn_row_leftwards_and_vertical(editor):
    row = propose_row(editor, "H1", (9.0, 6.0), (7.0, 6.1), "std-600x1200-47u", 5.0)
    assert (row.x_m, row.positions) == (9.0 - 3 * 0.6, 3)
    vertical = propose_row(editor, "H1", (7.2, 0.6), (7.3, 4.0), "std-600x1200-47u", 5.0)
    assert (vertical.orientation, vertical.positions, vertical.hot_aisle_side) == ("vertical", 5, "west")


def test_drawn_row_over_another_is_refused(editor):
    row = propose_row(editor, "H1", (1.8, 1.8), (4.0, 1.8), "std-600x1200-47u", 5.0)
    with pytest.raises(ValidationError, match="overlaps row 'R1'"):
        CommandStack(editor).push(AddRows("H1", [row]))


def test_drag_plans_slot_moves(editor):
    # one slot right: slot 3 -> 4 (free)
    assert plan_cabinet_move(editor, ["R1-3"], 0.6, 0.0) == {"R1-3": ("R1", 4)}
    # a drag of 2.4 m down puts R1 slot 1 (centre y 1.8) into R2 (y 3.6-4.8) at the same slot
    assert plan_cabinet_move(editor, ["R1-1"], 0.05, 2.4) == {"R1-1": ("R2", 1)}
    with pytest.raises(ValidationError, match="1 cabinet would land outside every row"):
        plan_cabinet_move(editor, ["R1-0"], 0.0, 1.2)


def test_dragging_a_block_onto_itself_shifted_is_allowed(editor):
    stack = CommandStack(editor)
    ids = ["R1-0", "R1-1", "R1-2", "R1-3"]
    stack.push(MoveCabinets(plan_cabinet_move(editor, ids, 0.6, 0.0)))
    assert sorted(editor.cabinet(c).position for c in ids) == [1, 2, 3, 4]
    assert stack.undo_label == "Move 4 cabinets"


def test_arrow_keys_move_along_rows(editor):
    assert shift_cabinets(editor, ["R1-3"], 1, 0) == {"R1-3": ("R1", 4)}
    with pytest.raises(ValidationError, match="left/right in horizontal rows"):
        shift_cabinets(editor, ["R1-3"], 0, 1)


def _offset(plan: MovePlan) -> tuple[float, float]:
    return plan.dx_m, plan.dy_m


def test_row_drag_snaps_the_offset_to_whole_floor_tiles(editor):
    # 0.6 m tiles: 0.29 m is under half a tile (0), 0.31 m over it (one tile); each id once, sorted
    plan = plan_row_move(editor, ["R2", "R1", "R1"], 0.29, 0.31)
    assert (plan.kind, plan.ids, plan.dx_m, plan.dy_m, plan.changes) == ("row", ("R1", "R2"), 0.0, 0.6, True)
    # halves round up: 0.9 m = 1.5 tiles -> 2 tiles (1.2 m), -0.9 m = -1.5 tiles -> -1 tile (-0.6 m)
    assert _offset(plan_row_move(editor, ["R1"], 0.9, -0.9)) == (1.2, -0.6)
    # a drag of under half a tile either way changes nothing
    assert not plan_row_move(editor, ["R1"], 0.29, -0.29).changes
    assert not plan_row_move(editor, [], 5.0, 5.0).changes


def test_row_move_command_lands_on_the_snapped_place(editor):
    plan = plan_row_move(editor, ["R1"], 0.65, -0.35)  # -> 0.6 m, -0.6 m (one tile each way)
    command = plan.command()
    assert isinstance(command, MoveRows)
    CommandStack(editor).push(command)
    assert (editor.row("R1").x_m, editor.row("R1").y_m) == (2.6, 0.6)  # from (2.0, 1.2)


def test_moves_snap_to_the_first_items_hall_tiles(editor):
    editor.site.halls[0].tile_m = 0.5
    editor.site.halls.append(
        Hall(
            id="H2",
            name="Hall 2",
            x_m=20.0,
            width_m=10,
            depth_m=8,
            design_it_kw=50,
            tile_m=0.4,
            rows=[Row(id="R9", x_m=2.0, y_m=1.2, positions=5)],
        )
    )
    editor.invalidate()
    # 0.5 m tiles: 0.74 m -> 0.5 m, 0.76 m -> 1.0 m; 0.4 m tiles: 0.5 m -> 0.4 m
    assert _offset(plan_row_move(editor, ["R1"], 0.74, 0.76)) == (0.5, 1.0)
    assert _offset(plan_row_move(editor, ["R9"], 0.5, 0.0)) == (0.4, 0.0)
    assert _offset(plan_row_move(editor, ["R9", "R1"], 0.5, 0.0)) == (0.5, 0.0)  # R1 sorts first: its hall's tiles
    assert _offset(plan_hall_move(editor, ["H2"], 0.5, -0.61)) == (0.4, -0.8)
    plan = plan_hall_move(editor, ["H2", "H1"], 0.5, -0.61)
    assert (plan.ids, _offset(plan)) == (("H1", "H2"), (0.5, -0.5))


def test_hall_drag_and_nudges(editor):
    plan = plan_hall_move(editor, ["H1"], 1.0, -0.2)  # 1.67 tiles -> 2 (1.2 m); -0.33 tile -> 0
    assert (plan.kind, plan.ids, plan.dx_m, plan.dy_m, plan.changes) == ("hall", ("H1",), 1.2, 0.0, True)
    assert isinstance(plan.command(), MoveHalls)
    assert not plan_hall_move(editor, ["H1"], 0.1, 0.1).changes
    # arrow keys: whole tiles, on the micrometre grid (3 x 0.6 is 1.7999999999999998 in floating point)
    assert _offset(plan_row_nudge(editor, ["R1"], 3, -1)) == (1.8, -0.6)
    assert _offset(plan_hall_nudge(editor, ["H1"], 0, 2)) == (0.0, 1.2)
    assert not plan_row_nudge(editor, ["R1"], 0, 0).changes


def test_cabinet_move_changes_when_a_slot_or_a_row_differs(editor):
    assert not cabinet_move_changes(editor, {"R1-3": ("R1", 3)})
    assert cabinet_move_changes(editor, {"R1-3": ("R1", 4)})
    assert cabinet_move_changes(editor, {"R1-1": ("R2", 1)})  # same slot number, other row
    assert not cabinet_move_changes(editor, {})


@settings(max_examples=80, deadline=None)
@given(st.floats(-3.0, 3.0), st.floats(-3.0, 3.0), st.sampled_from(["row", "hall"]))
def test_a_planned_move_changes_the_site_exactly_when_it_says_so(dx_m, dy_m, kind):
    editor = EditedSite(small_site())
    plan = plan_row_move(editor, ["R2"], dx_m, dy_m) if kind == "row" else plan_hall_move(editor, ["H1"], dx_m, dy_m)
    assert abs(plan.dx_m - dx_m) <= 0.3 + 1e-9 and abs(plan.dy_m - dy_m) <= 0.3 + 1e-9  # within half a tile
    assert abs(plan.dx_m / 0.6 - round(plan.dx_m / 0.6)) < 1e-9  # on the tile grid
    before = to_dict(editor.site)
    try:
        CommandStack(editor).push(plan.command())
    except ValidationError:
        assert to_dict(editor.site) == before  # off the hall or onto another row: refused
        return
    assert (to_dict(editor.site) != before) == plan.changes


def test_duplicate_row_lands_on_the_nearest_free_floor(editor):
    stack = CommandStack(editor)
    stack.push(duplicate_rows(editor, ["R2"]))
    copy = editor.hall("H1").rows[-1]
    # across first: one row depth + 1.2 m aisle = 2.4 m below R2 fits (y 6.0-7.2 inside 8 m)
    assert (copy.x_m, copy.y_m) == (2.0, 6.0)
    assert len(copy.cabinets) == 4 and copy.id not in ("R1", "R2")
    assert not _errors(editor)


def test_duplicate_cabinets_fill_free_slots(editor):
    stack = CommandStack(editor)
    stack.push(duplicate_cabinets(editor, ["R1-0"]))
    assert sorted(c.position for c in editor.row("R1").cabinets) == [0, 1, 2, 3, 4]
    with pytest.raises(ValidationError, match="row 'R1' has 0 free slots for 1 new cabinet"):
        stack.push(duplicate_cabinets(editor, ["R1-0"]))


def test_array_alternates_hot_aisles():
    site = small_site()
    site.halls[0].depth_m = 20.0
    editor = EditedSite(site)
    assert default_array_pitch_m(editor, "R2") == 2.4
    CommandStack(editor).push(array_rows(editor, "R2", 3, 2.4))
    rows = editor.hall("H1").rows[2:]
    assert [r.y_m for r in rows] == [6.0, 8.4, 10.8]
    assert [r.hot_aisle_side for r in rows] == ["north", "south", "north"]
    assert not _errors(editor)
    assert not narrow_aisle_gaps(editor.hall("H1"), placed_rows(editor.hall("H1"), editor.hw))


def test_copy_paste_round_trip(editor):
    stack = CommandStack(editor)
    payload = copy_selection(editor, rows=["R1"], cabinets=["R2-0"])
    stack.push(paste(editor, payload))
    hall = editor.hall("H1")
    assert len(hall.rows) == 3
    assert len(editor.row("R2").cabinets) == 5  # pasted into R2's free slot 4
    assert not _errors(editor)
    stack.undo()
    assert len(hall.rows) == 2 and len(editor.row("R2").cabinets) == 4
    with pytest.raises(ValidationError, match="no dcplanner halls, rows or cabinets"):
        paste(editor, {"format": "something else"})


def test_aisle_strips_by_hand(editor):
    hall = editor.hall("H1")
    placed = [(r, rect) for _j, r, rect in placed_rows(hall, editor.hw)]
    strips = {(s.row_id, s.kind): s for s in aisle_strips(hall, placed)}
    # R1 hot (north): nothing faces it, 1.2 m to the wall -> full 1.2 m strip
    assert strips[("R1", "hot")].rect == Rect(2.0, 0.0, 5.0, 1.2)
    # the shared 1.2 m cold aisle between R1 and R2 is split at its middle (y 3.0)
    assert strips[("R1", "cold")].rect == Rect(2.0, 2.4, 5.0, 3.0)
    assert strips[("R2", "cold")].rect == Rect(2.0, 3.0, 5.0, 3.6)
    assert strips[("R2", "hot")].rect == Rect(2.0, 4.8, 5.0, 6.0)
    assert not strips[("R1", "hot")].contained


def test_narrow_aisle_gap_rect(editor):
    CommandStack(editor).push(MoveRows(["R2"], 0.0, -0.6))
    hall = editor.hall("H1")
    (gap,) = narrow_aisle_gaps(hall, placed_rows(hall, editor.hw))
    assert gap.gap_m == pytest.approx(0.6)
    assert gap.rect == Rect(2.0, 2.4, 5.0, 3.0)


# ---------------------------------------------------------------------------------------------
# Any sequence of edits, undone to the start, gives the same document

_CABINET_TYPES = ["std-600x1200-47u", "std-600x1200-42u", "coldplate-600x1200-47u", "immersion-tank-48u"]
_step = st.tuples(st.integers(0, 11), st.integers(0, 999), st.integers(0, 999), st.integers(-6, 6), st.integers(-6, 6))


def _pick(items: list[str], n: int) -> str | None:
    return sorted(items)[n % len(items)] if items else None


def _edit(editor: EditedSite, op: int, a: int, b: int, dx: int, dy: int):
    rows = editor.ids("row")
    cabinets = editor.ids("cabinet")
    row, cab = _pick(list(rows), a), _pick(list(cabinets), b)
    tile = 0.6
    if op == 0 and cab:
        return SetField([Ref("cabinet", cab)], "design_kw", float(abs(dx * 7 + dy)), merge_key=("kw", a % 2))
    if op == 1 and row:
        return MoveRows([row], dx * tile, dy * tile, merge_key="nudge" if b % 2 else None)
    if op == 2 and cab:
        chosen = sorted(cabinets)[b % len(cabinets) :][: 1 + a % 3]
        return MoveCabinets(plan_cabinet_move(editor, chosen, (dx % 3 - 1) * tile, (dy % 5 - 2) * 2.4))
    if op == 3 and row:
        return RotateRows([row])
    if op == 4 and (row or cab):
        return Delete(rows=[row] if row and a % 3 == 0 else [], cabinets=[cab] if cab else [])
    if op == 5:
        start, end = (a % 10, b % 8), (a % 10 + dx, b % 8 + dy)
        return AddRows("H1", [propose_row(editor, "H1", start, end, "std-600x1200-47u", 8.0)])
    if op == 6 and row:
        return duplicate_rows(editor, [row])
    if op == 7 and cab:
        return duplicate_cabinets(editor, [cab])
    if op == 8 and row:
        return array_rows(editor, row, 1 + a % 3, dy * tile or 2.4)
    if op == 9 and (row or cab):
        return paste(editor, copy_selection(editor, rows=[row] if row else [], cabinets=[cab] if cab else []))
    if op == 10 and row:
        return SetRowType([row], _CABINET_TYPES[a % len(_CABINET_TYPES)])
    if op == 11 and row:
        return SetField([Ref("row", row)], "containment", ["none", "cold_aisle", "hot_aisle", "chimney"][a % 4])
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_step, min_size=1, max_size=30))
def test_random_edits_undo_to_the_identical_document(steps):
    editor = EditedSite(small_site())
    stack = CommandStack(editor)
    start = to_dict(editor.site)
    for step in steps:
        before = to_dict(editor.site)
        try:
            cmd = _edit(editor, *step)
            if cmd is not None:
                stack.push(cmd)
        except ValidationError:
            assert to_dict(editor.site) == before  # a refused edit changes nothing
        assert not _errors(editor)  # the model never holds an error
    end = to_dict(editor.site)
    while stack.can_undo:
        stack.undo()
    assert to_dict(editor.site) == start
    while stack.can_redo:
        stack.redo()
    assert to_dict(editor.site) == end
