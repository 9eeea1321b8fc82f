"""Undo and redo are exact to the byte of the saved project file.

Random sequences of edits (moves and nudges that merge, quarter turns, adds, deletes, property
edits, cabinet moves) run on a site whose rows and hall stand off the floor grid with many
decimals. The project text (``site_to_document`` written by ``dumps_readable``, as ``save_project``
writes it) is recorded after every step; undoing must walk back through exactly those texts to the
first one, and redoing forward to the last. A refused edit must leave the text as it was, and a
merged step the stack drops as "changed nothing" must really have changed nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcplanner.io.project_file import site_to_document
from dcplanner.io.readable_json import dumps_readable
from dcplanner.model.commands import (
    AddCabinets,
    AddRows,
    Command,
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
from dcplanner.model.schema import ValidationError
from dcplanner.model.site import Cabinet, Row, Site
from tests.factories import small_site


def _text(site: Site) -> str:
    return dumps_readable(site_to_document(site))


def _off_grid_site(row_dx_m: float, row_dy_m: float, hall_x_m: float) -> Site:
    """The small test site with its rows and hall shifted off the 0.6 m grid."""
    site = small_site()
    hall = site.halls[0]
    hall.x_m = hall_x_m
    for row in hall.rows:
        row.x_m += row_dx_m
        row.y_m += row_dy_m
    return site


# Offsets with up to 15 significant digits, and plain floor-tile steps, in metres.
many_decimals = st.floats(min_value=-1.5, max_value=1.5, allow_nan=False, allow_infinity=False)
tile_steps = st.integers(-3, 3).map(lambda n: n * 0.6)
offsets = st.one_of(many_decimals, tile_steps, st.just(0.0))
merge_keys = st.sampled_from([None, "nudge"])


def _burst(data: st.DataObject, editor: EditedSite) -> list[Command]:
    """Two to four edits of one target with one merge key, as arrow-key nudges or typing send them;
    an offset may take back the one before exactly."""
    rows = [r for h in editor.site.halls for r in h.rows]
    kinds = ["hall"] + (["row", "row", "cabinet_slot", "cabinet_kw"] if any(r.cabinets for r in rows) else [])
    kind = data.draw(st.sampled_from(kinds), label="burst")
    out: list[Command] = []
    if kind in ("hall", "row"):
        ids = ["H1"] if kind == "hall" else [data.draw(st.sampled_from(rows), label="row").id]
        cls = MoveHalls if kind == "hall" else MoveRows
        dx = dy = 0.0
        for _ in range(data.draw(st.integers(2, 4))):
            dx = data.draw(st.one_of(offsets, st.just(-dx)), label="dx")
            dy = data.draw(st.one_of(offsets, st.just(-dy)), label="dy")
            out.append(cls(ids, dx, dy, merge_key="nudge"))
        return out
    cab = data.draw(st.sampled_from([c for r in rows for c in r.cabinets]), label="cabinet")
    row = editor.row_of_cabinet(cab.id)
    for _ in range(data.draw(st.integers(2, 4))):
        if kind == "cabinet_slot":
            slot = data.draw(st.sampled_from([cab.position, *range(row.positions)]), label="slot")
            out.append(MoveCabinets({cab.id: (row.id, slot)}, merge_key="drag"))
        else:
            value = data.draw(st.sampled_from([cab.design_kw, 2.5, 25.123456789, 12]), label="kw")
            out.append(SetField([Ref("cabinet", cab.id)], "design_kw", value, merge_key="typing"))
    return out


def _commands(data: st.DataObject, editor: EditedSite, serial: int) -> list[Command]:
    """A burst of merging edits, or one random edit of the model as it is now."""
    if data.draw(st.booleans(), label="burst?"):
        return _burst(data, editor)
    return [_command(data, editor, serial)]


def _command(data: st.DataObject, editor: EditedSite, serial: int) -> Command:
    """One random edit of the model as it is now."""
    site = editor.site
    rows = [r for h in site.halls for r in h.rows]
    cabinets = [c for r in rows for c in r.cabinets]
    kinds = ["move_hall", "add_row", "set_site"]
    if rows:
        kinds += ["move_row", "move_row", "rotate", "delete_row", "add_cabinet", "row_type"]
    if cabinets:
        kinds += ["set_kw", "set_kw", "move_cabinet", "delete_cabinet"]
    kind = data.draw(st.sampled_from(kinds), label="kind")
    if kind == "move_row":
        row = data.draw(st.sampled_from(rows), label="row")
        return MoveRows([row.id], data.draw(offsets), data.draw(offsets), merge_key=data.draw(merge_keys))
    if kind == "move_hall":
        return MoveHalls(["H1"], data.draw(offsets), data.draw(offsets), merge_key=data.draw(merge_keys))
    if kind == "rotate":
        return RotateRows([data.draw(st.sampled_from(rows), label="row").id])
    if kind == "delete_row":
        return Delete(rows=[data.draw(st.sampled_from(rows), label="row").id])
    if kind == "delete_cabinet":
        return Delete(cabinets=[data.draw(st.sampled_from(cabinets), label="cabinet").id])
    if kind == "row_type":
        row = data.draw(st.sampled_from(rows), label="row")
        return SetRowType([row.id], data.draw(st.sampled_from(["std-600x1200-42u", "std-600x1200-47u"])))
    if kind == "add_row":
        x = data.draw(st.floats(0.0, 7.0), label="x")
        y = data.draw(st.floats(0.0, 6.8), label="y")
        new = Row(id=f"N{serial}", x_m=x, y_m=y, positions=3, hot_aisle_side="north")
        new.cabinets = [Cabinet(id=f"N{serial}-0", position=0, design_kw=data.draw(st.floats(0.0, 30.0)))]
        return AddRows("H1", [new])
    if kind == "add_cabinet":
        row = data.draw(st.sampled_from(rows), label="row")
        slot = data.draw(st.integers(0, row.positions - 1), label="slot")
        return AddCabinets(row.id, [Cabinet(id=f"C{serial}", position=slot, design_kw=7.123456789012345)])
    if kind == "set_kw":
        cab = data.draw(st.sampled_from(cabinets), label="cabinet")
        value = data.draw(st.one_of(st.floats(0.0, 30.0), st.integers(0, 30)), label="kw")
        return SetField([Ref("cabinet", cab.id)], "design_kw", value, merge_key=data.draw(merge_keys))
    if kind == "set_site":
        modules = data.draw(st.integers(1, 8), label="modules")
        return SetField([Ref("site", "power.ups")], "modules", modules, merge_key=data.draw(merge_keys))
    cab = data.draw(st.sampled_from(cabinets), label="cabinet")
    row = editor.row_of_cabinet(cab.id)
    slot = data.draw(st.integers(0, row.positions - 1), label="slot")
    return MoveCabinets({cab.id: (row.id, slot)}, merge_key=data.draw(merge_keys))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    row_dx_m=st.floats(-0.5, 0.5),
    row_dy_m=st.floats(-0.05, 0.05),
    hall_x_m=st.floats(-3.0, 3.0),
    data=st.data(),
)
def test_undo_all_and_redo_all_give_the_saved_text_back_byte_for_byte(row_dx_m, row_dy_m, hall_x_m, data):
    editor = EditedSite(_off_grid_site(row_dx_m, row_dy_m, hall_x_m))
    stack = CommandStack(editor)
    texts = [_text(editor.site)]  # texts[i]: the file after i steps
    for serial in range(data.draw(st.integers(1, 15), label="gestures")):
        for command in _commands(data, editor, serial):
            steps_before = stack.index
            try:
                stack.push(command)
            except ValidationError:
                assert _text(editor.site) == texts[stack.index], "a refused edit changed the model"
                continue
            now = _text(editor.site)
            if stack.index < steps_before:
                assert now == texts[stack.index], "a merged step was dropped though it changed the model"
            texts[stack.index :] = [now]
    assert len(texts) == stack.index + 1

    for steps in reversed(range(stack.index)):
        stack.undo()
        assert _text(editor.site) == texts[steps]
    assert not stack.can_undo
    while stack.can_redo:
        stack.redo()
        assert _text(editor.site) == texts[stack.index]
    assert stack.index == len(texts) - 1


# ---------------------------------------------------------------------------------------------
# The two ways a move used to change the file behind undo's back, by hand


@pytest.fixture
def off_grid() -> tuple[EditedSite, CommandStack, str]:
    site = small_site()
    site.halls[0].rows[1].x_m = 2.123456789  # R2 as a file may hold it, nine decimals
    editor = EditedSite(site)
    return editor, CommandStack(editor), _text(site)


def test_undoing_a_move_puts_back_every_decimal(off_grid):
    editor, stack, before = off_grid
    stack.push(MoveRows(["R2"], 0.6, 0.0))
    assert editor.row("R2").x_m == 2.723457  # 2.123456789 + 0.6, kept to the micrometre
    stack.undo()
    assert editor.row("R2").x_m == 2.123456789
    assert _text(editor.site) == before


def test_nudges_that_cancel_out_but_rounded_the_row_stay_one_undo_step(off_grid):
    editor, stack, before = off_grid
    stack.push(MoveRows(["R2"], 0.6, 0.0, merge_key="nudge"))
    stack.push(MoveRows(["R2"], -0.6, 0.0, merge_key="nudge"))
    assert editor.row("R2").x_m == 2.123457  # offsets sum to zero, yet the row moved by 0.211 µm
    assert stack.count == 1 and stack.undo_label == "Move R2"
    stack.undo()
    assert _text(editor.site) == before
    stack.redo()
    assert editor.row("R2").x_m == 2.123457


def test_nudges_back_to_the_exact_place_leave_no_step():
    editor = EditedSite(small_site())  # R1 at x = 2.0, on the grid
    stack = CommandStack(editor)
    stack.push(MoveRows(["R1"], 0.6, 0.0, merge_key="nudge"))
    stack.push(MoveRows(["R1"], -0.6, 0.0, merge_key="nudge"))
    assert editor.row("R1").x_m == 2.0
    assert stack.count == 0


def test_a_move_by_nothing_leaves_an_off_grid_row_untouched(off_grid):
    editor, stack, before = off_grid
    command = MoveRows(["R2"], 0.0, 0.0)
    assert command.obsolete  # what the floor plan asks before pushing a drag that did not move
    stack.push(command)
    assert _text(editor.site) == before


def test_a_move_never_writes_minus_zero():
    site = small_site()
    site.halls[0].x_m = 1e-9
    editor = EditedSite(site)
    CommandStack(editor).push(MoveHalls(["H1"], -2e-9, 0.0))
    assert '"x_m": -0.0' not in _text(editor.site)
    assert editor.hall("H1").x_m == 0.0


def test_typing_back_the_value_a_field_held_leaves_no_step():
    editor = EditedSite(small_site())  # 4 UPS modules
    stack = CommandStack(editor)
    stack.push(SetField([Ref("site", "power.ups")], "modules", 6, merge_key="typing"))
    stack.push(SetField([Ref("site", "power.ups")], "modules", 4, merge_key="typing"))
    assert editor.site.power.ups.modules == 4 and stack.count == 0
