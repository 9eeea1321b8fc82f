"""Edit commands without Qt: checks before changes, exact undo, merging, and the event emitter.

The small test site (tests/factories.py) is one 10 x 8 m hall with rows R1 at (2.0, 1.2) and
R2 at (2.0, 3.6), 5 slots of 0.6 x 1.2 m each (3.0 m long), cabinets in slots 0-3, 10 kW each,
type std-600x1200-47u rated 30 kW.
"""

from __future__ import annotations

import gc

import pytest

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
from dcplanner.model.events import Emitter, SiteChange
from dcplanner.model.layout import new_site
from dcplanner.model.schema import ValidationError, to_dict
from dcplanner.model.site import Hall
from dcplanner.model.validation import validate_site
from tests.factories import small_site


@pytest.fixture
def editor() -> EditedSite:
    return EditedSite(small_site())


@pytest.fixture
def stack(editor: EditedSite) -> CommandStack:
    return CommandStack(editor)


def _changes(editor: EditedSite) -> list[SiteChange]:
    seen: list[SiteChange] = []
    editor.changed.connect(seen.append)
    return seen


# ---------------------------------------------------------------------------------------------
# Emitter


class _View:
    def __init__(self) -> None:
        self.got: list[int] = []

    def on_change(self, value: int) -> None:
        self.got.append(value)


def test_emitter_holds_bound_methods_weakly():
    emitter: Emitter[int] = Emitter()
    view = _View()
    emitter.connect(view.on_change)
    emitter.emit(1)
    assert view.got == [1]
    del view
    gc.collect()
    emitter.emit(2)  # the dead slot is dropped, not called
    assert emitter._slots == []


def test_blocker_sends_one_combined_event():
    emitter: Emitter[SiteChange] = Emitter(SiteChange.merged)
    got: list[SiteChange] = []
    emitter.connect(got.append)
    with emitter.blocker():
        emitter.emit(SiteChange.of(rows=["R1"], fields=["x_m"]))
        with emitter.blocker():
            emitter.emit(SiteChange.of(cabinets=["C1"], fields=["design_kw"]))
        assert got == []
    assert got == [SiteChange.of(rows=["R1"], cabinets=["C1"], fields=["x_m", "design_kw"])]


def test_disconnect_stops_delivery():
    emitter: Emitter[int] = Emitter()
    got: list[int] = []
    emitter.connect(got.append)
    emitter.disconnect(got.append)
    emitter.emit(3)
    assert got == []


# ---------------------------------------------------------------------------------------------
# Property edits


def test_set_field_out_of_range_is_refused_with_path_and_range(editor, stack):
    before = to_dict(editor.site)
    with pytest.raises(ValidationError) as exc:
        stack.push(SetField([Ref("cabinet", "R1-0")], "design_kw", 600.0))
    message = str(exc.value)
    assert "halls[0].rows[0].cabinets[0].design_kw" in message
    assert "from 0 to 500 kW" in message
    assert to_dict(editor.site) == before
    assert not stack.can_undo


def test_set_field_above_the_cabinet_rating_is_refused(editor, stack):
    before = to_dict(editor.site)
    rating = "exceeds the rating of cabinet type 'std-600x1200-47u'; allowed 0 to 30 kW"
    with pytest.raises(ValidationError, match=rating):
        stack.push(SetField([Ref("cabinet", "R1-0"), Ref("cabinet", "R2-1")], "design_kw", 31.0))
    assert to_dict(editor.site) == before


def test_set_field_on_several_cabinets_is_one_step(editor, stack):
    seen = _changes(editor)
    stack.push(SetField([Ref("cabinet", "R1-0"), Ref("cabinet", "R2-1")], "design_kw", 25))
    assert editor.cabinet("R1-0").design_kw == 25.0
    assert isinstance(editor.cabinet("R2-1").design_kw, float)  # stored in canonical form
    assert seen[-1].cabinets == {"R1-0", "R2-1"}
    stack.undo()
    assert editor.cabinet("R1-0").design_kw == 10.0 and editor.cabinet("R2-1").design_kw == 10.0


def test_typing_merges_into_one_step_and_typing_back_drops_it(editor, stack):
    for text in ("1", "12", "12.5"):
        stack.push(SetField([Ref("cabinet", "R1-0")], "design_kw", float(text), merge_key="typing-1"))
    assert editor.cabinet("R1-0").design_kw == 12.5
    assert len(stack._done) == 1
    stack.undo()
    assert editor.cabinet("R1-0").design_kw == 10.0
    stack.redo()
    assert editor.cabinet("R1-0").design_kw == 12.5
    stack.push(SetField([Ref("cabinet", "R1-0")], "design_kw", 10.0, merge_key="typing-1"))
    assert not stack.can_undo  # back where it started: the step is dropped


def test_no_merge_across_a_save(editor, stack):
    stack.push(SetField([Ref("hall", "H1")], "name", "A", merge_key="k"))
    stack.set_clean()
    stack.push(SetField([Ref("hall", "H1")], "name", "AB", merge_key="k"))
    assert len(stack._done) == 2
    stack.undo()
    assert stack.is_clean and editor.hall("H1").name == "A"


def test_unknown_phase_is_refused(editor, stack):
    with pytest.raises(ValidationError, match="unknown phase 'P9'"):
        stack.push(SetField([Ref("cabinet", "R1-0")], "phase_id", "P9"))


def test_too_many_servers_for_the_cabinet_height_are_refused(editor, stack):
    # a DGX A100 is 6U; 8 of them take 48U of a 47U cabinet
    with pytest.raises(ValidationError, match="servers take 48 U but cabinet type 'std-600x1200-47u' has 47 U"):
        stack.push(SetField([Ref("cabinet", "R1-0")], "servers", [{"model_id": "dgx-a100", "count": 8}]))
    stack.push(SetField([Ref("cabinet", "R1-0")], "servers", [{"model_id": "dgx-a100", "count": 3}]))
    assert editor.cabinet("R1-0").servers[0].count == 3


def test_site_section_fields_are_checked_across_fields(editor, stack):
    with pytest.raises(ValidationError, match="2N needs an even number of units; there are 5"):
        stack.push(SetField([Ref("site", "power.ups")], "modules", 5))
    stack.push(SetField([Ref("site", "power.ups")], "modules", 6))
    assert editor.site.power.ups.modules == 6
    stack.undo()
    assert editor.site.power.ups.modules == 4


def test_shrinking_a_row_under_its_cabinets_is_refused(editor, stack):
    with pytest.raises(ValidationError, match="3 is beyond the row; allowed 0 to 2"):
        stack.push(SetField([Ref("row", "R1")], "positions", 3))


def test_orientation_is_changed_by_rotating_only(editor, stack):
    with pytest.raises(ValidationError, match="rotate the row instead"):
        stack.push(SetField([Ref("row", "R1")], "orientation", "vertical"))


def test_row_type_change_keeps_cabinets_consistent(editor, stack):
    stack.push(SetRowType(["R1"], "std-600x1200-42u"))
    assert {c.type_id for c in editor.row("R1").cabinets} == {"std-600x1200-42u"}
    assert not [i for i in validate_site(editor.site) if i.severity == "error"]
    with pytest.raises(ValidationError, match="exceeds the rating"):  # 42U type is rated 20 kW
        stack.push(SetField([Ref("cabinet", "R1-0")], "design_kw", 25.0))
    stack.undo()
    assert editor.row("R1").cabinet_type_id == "std-600x1200-47u"
    assert {c.type_id for c in editor.row("R1").cabinets} == {"std-600x1200-47u"}


# ---------------------------------------------------------------------------------------------
# Moving rows and halls


def test_row_move_onto_another_row_is_refused_and_names_both(editor, stack):
    before = to_dict(editor.site)
    with pytest.raises(ValidationError) as exc:
        stack.push(MoveRows(["R1"], 0.0, 1.8))  # R1 y 3.0-4.2 would overlap R2 at y 3.6-4.8
    assert "row 'R2' (x 2–5 m, y 3.6–4.8 m) overlaps row 'R1' (x 2–5 m, y 3–4.2 m" in str(exc.value)
    assert to_dict(editor.site) == before


def test_row_move_out_of_the_hall_is_refused(editor, stack):
    with pytest.raises(ValidationError, match="lies outside hall 'H1'; rows must stay within x 0–10 m and y 0–8 m"):
        stack.push(MoveRows(["R2"], 0.0, 3.6))  # bottom edge would be at 8.4 m


def test_row_move_and_exact_undo(editor, stack):
    seen = _changes(editor)
    stack.push(MoveRows(["R1", "R2"], 0.6, 0.0))
    assert (editor.row("R1").x_m, editor.row("R2").x_m) == (2.6, 2.6)
    assert seen[-1].rows == {"R1", "R2"} and seen[-1].halls == {"H1"}
    stack.undo()
    assert editor.row("R1").x_m == 2.0


def test_nudges_merge_and_cancel_out(editor, stack):
    for dx in (0.6, 0.6, -0.6):
        stack.push(MoveRows(["R1"], dx, 0.0, merge_key="nudge"))
    assert editor.row("R1").x_m == 2.6
    assert len(stack._done) == 1
    stack.push(MoveRows(["R1"], -0.6, 0.0, merge_key="nudge"))
    assert editor.row("R1").x_m == 2.0
    assert not stack.can_undo


def test_halls_cannot_overlap():
    site = small_site()
    site.halls.append(Hall(id="H2", x_m=12.0, width_m=10, depth_m=8, design_it_kw=0))
    editor = EditedSite(site)
    stack = CommandStack(editor)
    with pytest.raises(ValidationError, match=r"hall 'H2' .* overlaps hall 'H1'"):
        stack.push(MoveHalls(["H2"], -3.0, 0.0))
    stack.push(MoveHalls(["H2"], 2.0, 1.0))
    assert (editor.hall("H2").x_m, editor.hall("H2").y_m) == (14.0, 1.0)


def test_rotation_turns_about_the_centre_onto_tiles(editor, stack):
    # R2: x 2.0-5.0, y 3.6-4.8, centre (3.5, 4.2). Turned: 1.2 wide, 3.0 long;
    # corner (3.5 - 0.6, 4.2 - 1.5) = (2.9, 2.7), snapped half-up to 0.6 m tiles = (3.0, 3.0).
    # The hot aisle turns clockwise with it: south -> west.
    stack.push(RotateRows(["R2"]))
    row = editor.row("R2")
    assert (row.x_m, row.y_m, row.orientation, row.hot_aisle_side) == (3.0, 3.0, "vertical", "west")
    stack.undo()
    row = editor.row("R2")
    assert (row.x_m, row.y_m, row.orientation, row.hot_aisle_side) == (2.0, 3.6, "horizontal", "south")


# ---------------------------------------------------------------------------------------------
# Cabinets


def test_cabinet_moves_to_a_free_slot_and_back(editor, stack):
    stack.push(MoveCabinets({"R1-3": ("R1", 4)}))
    assert editor.cabinet("R1-3").position == 4
    stack.undo()
    assert editor.cabinet("R1-3").position == 3


def test_cabinet_cannot_land_on_another(editor, stack):
    taken = "cabinet 'R1-0' cannot go to slot 1 of row 'R1': cabinet 'R1-1' stands there"
    with pytest.raises(ValidationError, match=taken):
        stack.push(MoveCabinets({"R1-0": ("R1", 1)}))


def test_cabinet_move_between_rows_restores_list_order(editor, stack):
    before = to_dict(editor.site)
    stack.push(MoveCabinets({"R1-1": ("R2", 4), "R1-2": ("R1", 4)}))
    assert editor.row_of_cabinet("R1-1").id == "R2"
    assert [c.id for c in editor.row("R1").cabinets] == ["R1-0", "R1-2", "R1-3"]
    stack.undo()
    assert to_dict(editor.site) == before


def test_delete_and_undo_restore_the_document(editor, stack):
    before = to_dict(editor.site)
    stack.push(Delete(rows=["R1"], cabinets=["R1-0", "R2-2"]))
    assert [r.id for r in editor.hall("H1").rows] == ["R2"]
    assert [c.id for c in editor.row("R2").cabinets] == ["R2-0", "R2-1", "R2-3"]
    assert not editor.has("cabinet", "R1-0")
    stack.undo()
    assert to_dict(editor.site) == before
    stack.redo()
    assert not editor.has("row", "R1")


def test_adding_a_row_with_a_taken_id_is_refused(editor, stack):
    from dcplanner.model.site import Row

    with pytest.raises(ValidationError, match="row id 'R1' is already used"):
        stack.push(AddRows("H1", [Row(id="R1", x_m=2.0, y_m=6.0, positions=2)]))
    with pytest.raises(ValidationError, match=r"new rows\[R9\].positions: 600 is out of range; allowed from 1 to 500"):
        stack.push(AddRows("H1", [Row(id="R9", x_m=2.0, y_m=6.0, positions=600)]))


def test_new_site_is_valid_and_editable():
    editor = EditedSite(new_site())
    assert not [i for i in validate_site(editor.site) if i.severity == "error"]
    CommandStack(editor).push(SetField([Ref("site")], "name", "贵安新区"))
    assert editor.site.name == "贵安新区"


def test_restoring_values_merges_into_a_no_op(editor, stack):
    # what the property panel does when "250" is refused after "2" and "25" were applied
    refs = [Ref("cabinet", "R1-0"), Ref("cabinet", "R2-1")]
    stack.push(SetField(refs[:1], "design_kw", 20.0))
    before = to_dict(editor.site)
    for value in (2.0, 25.0):
        stack.push(SetField(refs, "design_kw", value, merge_key="typing"))
    stack.push(SetField.restoring(refs, "design_kw", [20.0, 10.0], merge_key="typing"))
    assert to_dict(editor.site) == before
    assert len(stack._done) == 1  # only the first edit is left to undo


def test_set_field_on_a_list_item_by_id():
    """Site paths reach list items by id (a build candidate), with exact undo."""
    from dcplanner.io.project_file import load_project
    from tests.conftest import ROOT

    site = load_project(ROOT / "sample_sites" / "anshun.dcp.json").site
    stack = CommandStack(EditedSite(site))
    before = to_dict(site)
    stack.push(SetField([Ref("site", "buildout.candidates[P1b]")], "fixed_start", "2025-01"))
    assert next(c for c in site.buildout.candidates if c.id == "P1b").fixed_start == "2025-01"
    with pytest.raises(ValidationError, match="YYYY-MM"):
        stack.push(SetField([Ref("site", "buildout.candidates[P1b]")], "fixed_start", "next spring"))
    with pytest.raises(ValidationError, match="no item with id 'P9'"):
        stack.push(SetField([Ref("site", "buildout.candidates[P9]")], "fixed_start", "2025-01"))
    stack.undo()
    assert to_dict(site) == before


# ---------------------------------------------------------------------------------------------
# The undo history: limit, clean mark, refused redo, path grammar


def _rename(stack: CommandStack, name: str) -> None:
    stack.push(SetField([Ref("hall", "H1")], "name", name))


def test_history_keeps_the_last_steps_up_to_the_limit(editor):
    stack = CommandStack(editor, limit=3)
    for name in "ABCDE":
        _rename(stack, name)
    assert stack.count == 3
    while stack.can_undo:
        stack.undo()
    assert editor.hall("H1").name == "B"  # the steps to A and to B fell off; undo stops at B


def test_default_limit_is_500_steps(editor):
    stack = CommandStack(editor)
    assert stack.limit == 500
    for n in range(501):
        _rename(stack, f"H{n}")
    assert stack.count == 500


def test_clean_mark_forgotten_by_the_limit_never_comes_back(editor):
    stack = CommandStack(editor, limit=2)
    stack.set_clean()  # the file as opened
    for name in "ABC":
        _rename(stack, name)
    stack.undo()
    stack.undo()
    assert not stack.is_clean  # the opened state fell off the history


def test_a_new_edit_after_undo_makes_the_saved_state_unreachable(editor, stack):
    _rename(stack, "A")
    _rename(stack, "B")
    stack.set_clean()  # saved with B
    stack.undo()
    _rename(stack, "C")  # the redo of B is gone, so no state is the saved one
    assert not stack.is_clean
    _rename(stack, "B")  # same name as saved, but reached by other steps: still unsaved (like QUndoStack)
    assert not stack.is_clean


def test_reset_clean_marks_every_state_unsaved(editor, stack):
    stack.reset_clean()
    assert not stack.is_clean
    _rename(stack, "A")
    stack.undo()
    assert not stack.is_clean


def test_a_refused_redo_drops_that_step_and_changes_nothing(editor, stack):
    stack.push(MoveRows(["R1"], 2.4, 0.0))  # R1 now spans x 4.4 to 7.4 m
    stack.undo()
    editor.hall("H1").width_m = 6.0  # the model changed outside the history: the move no longer fits
    before = to_dict(editor.site)
    with pytest.raises(ValidationError, match="lies outside hall 'H1'"):
        stack.redo()
    assert to_dict(editor.site) == before
    assert not stack.can_redo and stack.redo() is None


def test_a_negative_limit_is_refused(editor):
    with pytest.raises(ValueError, match="undo limit -1 is negative"):
        CommandStack(editor, limit=-1)


def test_site_paths_use_the_document_path_grammar(editor, stack):
    """Ref paths mean what ``dcplanner solve --set`` paths mean."""
    stack.push(SetField([Ref("site", "power.ups")], "modules", 6))
    assert editor.site.power.ups.modules == 6
    with pytest.raises(ValidationError, match=r"power\.nope: no such field"):
        stack.push(SetField([Ref("site", "power.nope")], "modules", 6))
    with pytest.raises(ValidationError, match="malformed path"):
        stack.push(SetField([Ref("site", "power..ups")], "modules", 6))


def test_site_paths_do_not_reach_into_halls(editor, stack):
    """Rows turn, take cabinets and change type through their own commands, never a site path."""
    with pytest.raises(ValidationError, match="edited by id"):
        stack.push(SetField([Ref("site", "halls[0].rows[R1]")], "orientation", "vertical"))
    assert editor.row("R1").orientation == "horizontal"
