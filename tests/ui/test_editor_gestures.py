"""Editing on the floor plan with the mouse and keyboard, checked against the model.

Site: tests/factories.small_site — hall H1 10 x 8 m at the origin; rows R1 at (2.0, 1.2) and
R2 at (2.0, 3.6), 5 slots of 0.6 x 1.2 m each, cabinets in slots 0-3 (R1-0..R1-3, R2-0..R2-3).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dcplanner.model.layout import grid_site
from dcplanner.model.schema import to_dict
from tests.ui.conftest import open_site


def test_drawing_a_row_creates_its_cabinets_and_undo_redo(small, mouse):
    win = small
    doc = win.document
    before = to_dict(doc.site)
    win.set_tool("row")
    # press at (2.3, 6.1) -> snaps to (2.4, 6.0); 3.2 m from there holds 5 whole 0.6 m cabinets
    mouse.drag((2.3, 6.1), (5.6, 6.3))
    hall = doc.editor.hall("H1")
    assert len(hall.rows) == 3
    row = hall.rows[-1]
    assert (row.x_m, row.y_m, row.orientation, row.positions) == (2.4, 6.0, "horizontal", 5)
    assert [c.position for c in row.cabinets] == [0, 1, 2, 3, 4]
    assert {c.design_kw for c in row.cabinets} == {win.options.design_kw}
    assert {c.type_id for c in row.cabinets} == {win.options.cabinet_type_id}
    assert row.id in win.scene.row_items
    assert win.selection.rows == {row.id}
    after = to_dict(doc.site)
    doc.undo_stack.undo()
    assert to_dict(doc.site) == before
    assert row.id not in win.scene.row_items
    doc.undo_stack.redo()
    assert to_dict(doc.site) == after
    assert row.id in win.scene.row_items


def test_row_outside_a_hall_is_refused_visibly(small, mouse):
    small.set_tool("row")
    mouse.drag((12.0, 2.0), (14.0, 2.0))  # right of the hall
    assert len(small.document.editor.hall("H1").rows) == 2
    assert small.view.notice.isVisible()
    assert "inside a hall" in small.view.notice.text()


def test_click_shift_click_and_rubber_band(small, mouse):
    sel = small.selection
    mouse.click(2.3, 1.8)  # R1 slot 0
    assert sel.cabinets == {"R1-0"}
    mouse.click(2.9, 1.8, Qt.KeyboardModifier.ShiftModifier)  # R1 slot 1
    assert sel.cabinets == {"R1-0", "R1-1"}
    mouse.click(2.3, 1.8, Qt.KeyboardModifier.ShiftModifier)
    assert sel.cabinets == {"R1-1"}
    # a band from empty floor over slots 0-1 of both rows
    mouse.drag((1.0, 0.6), (3.1, 4.2))
    assert sel.cabinets == {"R1-0", "R1-1", "R2-0", "R2-1"}
    # a band around the whole of R1 picks the row itself
    mouse.drag((1.5, 0.9), (5.5, 2.7))
    assert sel.rows == {"R1"} and not sel.cabinets
    mouse.click(8.0, 7.0)  # hall floor
    assert sel.halls == {"H1"}
    mouse.click(-3.0, -3.0)  # outside every hall
    assert sel.empty


def test_dragging_a_row_onto_another_is_refused(small, mouse):
    doc = small.document
    before = to_dict(doc.site)
    small.selection.set(rows=["R1"])
    mouse.drag((3.0, 1.8), (3.0, 3.6))  # R1 would cover y 3.0-4.2, over R2
    assert to_dict(doc.site) == before
    assert doc.undo_stack.count() == 0
    assert small.view.notice.isVisible()
    assert "overlaps row" in small.view.notice.text()


def test_dragging_a_row_moves_it_by_whole_tiles(small, mouse):
    small.selection.set(rows=["R2"])
    mouse.drag((3.0, 4.2), (4.25, 5.4))  # +1.25, +1.2 m -> snapped to +1.2, +1.2
    row = small.document.editor.row("R2")
    assert (row.x_m, row.y_m) == (3.2, 4.8)
    assert small.document.undo_stack.undoText() == "Move R2"


def test_dragging_forty_cabinets_is_one_step(window, tmp_path, mouse):
    open_site(window, grid_site(1, 4, 12, 10), tmp_path / "grid.dcp.json")
    doc = window.document
    hall = doc.editor.site.halls[0]
    rows = hall.rows
    x0, y0 = hall.x_m + rows[0].x_m, hall.y_m + rows[0].y_m
    y1 = hall.y_m + rows[-1].y_m + 1.2
    mouse.drag((x0 - 0.3, y0 - 0.3), (x0 + 5.9, y1 + 0.3))  # slots 0-9 of all four rows
    assert len(window.selection.cabinets) == 40
    before = to_dict(doc.site)
    mouse.drag((x0 + 0.3, y0 + 0.6), (x0 + 1.5, y0 + 0.6))  # two slots to the right
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Move 40 cabinets"
    assert sorted(c.position for c in rows[0].cabinets) == list(range(2, 12))
    doc.undo_stack.undo()
    assert to_dict(doc.site) == before


def test_arrow_keys_nudge_and_merge(small):
    small.selection.set(rows=["R2"])
    small.view.setFocus()
    for _ in range(3):
        QTest.keyClick(small.view, Qt.Key.Key_Right)
    QTest.keyClick(small.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # 5 tiles: y 3.6 -> 6.6
    QTest.keyClick(small.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # bottom at 10.8 > 8 m
    row = small.document.editor.row("R2")
    assert (row.x_m, row.y_m) == (3.8, 6.6)
    assert small.document.undo_stack.count() == 1
    assert "lies outside hall" in small.view.notice.text()
    small.document.undo_stack.undo()
    assert small.document.editor.row("R2").x_m == 2.0


def test_cabinet_nudges_move_along_the_row(small):
    small.selection.set(cabinets=["R1-3"])
    small.view.setFocus()
    QTest.keyClick(small.view, Qt.Key.Key_Right)
    assert small.document.editor.cabinet("R1-3").position == 4
    QTest.keyClick(small.view, Qt.Key.Key_Right)  # off the end of the row
    assert small.document.editor.cabinet("R1-3").position == 4
    assert "slots 0 to 4" in small.view.notice.text()


def test_add_hall_tool(small, mouse):
    small.set_tool("hall")
    mouse.drag((12.1, 0.1), (24.1, 8.3))
    halls = small.document.site.halls
    assert len(halls) == 2
    new = halls[-1]
    assert (new.x_m, new.y_m, new.width_m, new.depth_m) == (12.0, 0.0, 12.0, 8.4)
    small.set_tool("hall")
    mouse.drag((5.0, 5.0), (15.0, 9.0))  # over both halls
    assert len(small.document.site.halls) == 2
    assert "overlaps hall" in small.view.notice.text()


def test_escape_cancels_and_returns_to_select(small, mouse):
    small.set_tool("row")
    small.view.setFocus()
    QTest.keyClick(small.view, Qt.Key.Key_Escape)
    assert small.view.tool is small.tools["select"]


def test_labels_appear_as_you_zoom_in(small):
    view, item = small.view, small.scene.row_items["R1"]
    view.show_rect(small.scene.site_bounds().adjusted(-200, -200, 200, 200))  # far out
    assert not item.label.isVisible()
    view.show_rect(small.scene.scene_rect_of("row", "R1").adjusted(-1, -1, 1, 1))
    assert view.px_per_m() > 34 / 0.6  # cabinets wide enough for their names
    assert item.label.isVisible()
