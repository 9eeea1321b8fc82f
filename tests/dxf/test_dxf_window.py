"""File > Import > Drawing in the window: a locked background, halls from outlines, a row refused on a column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGraphicsItem

from dcplanner.model.commands import AddRows
from dcplanner.model.schema import to_dict
from dcplanner.model.site import Row
from tests.dxf.drawings import building_drawing
from tests.ui.conftest import Mouse
from ui.drawing_exchange import ImportDrawingDialog
from ui.floorplan.background import BACKGROUND_Z, OBSTACLE_Z, BackgroundDrawingItem


def test_import_drawing_then_a_row_dragged_onto_a_column_is_refused(small, tmp_path, monkeypatch, qtbot):
    win = small
    before = to_dict(win.document.site)
    drawing = building_drawing(tmp_path / "building.dxf")

    def accept_with_the_room(dialog: ImportDrawingDialog) -> int:
        assert dialog.layers.rowCount() == 4  # A-OUTLINE, A-ROOM, A-WALL, S-COLS (the text layer holds no lines)
        kinds = {"A-OUTLINE": "outline", "A-ROOM": "outline", "A-WALL": "wall", "S-COLS": "column"}
        assert dialog.chosen_kinds() == kinds  # from the layer names
        walls = dialog.kinds["A-WALL"]  # the user says the wall layer is only lines
        walls.setCurrentIndex(walls.findData("other"))
        for k in range(dialog.halls.count()):  # offer the room (18 x 12 m), not the building around it
            item = dialog.halls.item(k)
            if "A-ROOM" in item.text():
                item.setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDrawingDialog, "exec", accept_with_the_room)
    job = win.exchange.drawing.import_from(drawing)
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: len(win.document.site.drawing.shapes) == 5, timeout=5000)
    site = win.document.site
    assert sorted((s.id, s.kind) for s in site.drawing.shapes if s.layer in ("A-WALL", "S-COLS")) == [
        ("C1", "column"),
        ("C2", "column"),
        ("D1", "other"),
    ]
    assert len(site.halls) == 2  # the room only
    hall = site.halls[1]
    assert (hall.x_m, hall.y_m, hall.width_m, hall.depth_m) == (2.0, -14.0, 18.0, 12.0)
    layers = [i for i in win.scene.items() if isinstance(i, BackgroundDrawingItem)]
    assert sorted(i.zValue() for i in layers) == [BACKGROUND_Z, OBSTACLE_Z]
    hall_z = win.scene.hall_items[hall.id].zValue()
    assert BACKGROUND_Z < hall_z < OBSTACLE_Z  # lines under the halls, obstacles on the floors
    for item in layers:  # locked: not selectable, not movable, no mouse buttons
        assert not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        assert not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
        assert item.acceptedMouseButtons() == Qt.MouseButton.NoButton
    # a clear row north of column C1 (hall y 4.2-5.4 m; C1 is at hall x 7.7-8.3, y 5.7-6.3 m)
    assert win.document.push(AddRows(hall.id, [Row(id="RY", x_m=4.0, y_m=4.2, positions=10)])) is None
    win.view.fit()
    # drag it 1.2 m south, across the column: refused, the column named, nothing moved
    Mouse(win).drag((9.0, -14 + 4.8), (9.0, -14 + 6.0))
    assert win.document.site.halls[1].rows[0].y_m == 4.2
    assert "column 'C1'" in win.statusBar().currentMessage()
    # undo the row and the import: the site as it was
    win.document.undo_stack.undo()
    win.document.undo_stack.undo()
    assert to_dict(win.document.site) == before
    assert not [i for i in win.scene.items() if isinstance(i, BackgroundDrawingItem)]


def test_export_drawing_from_the_window(small, tmp_path, qtbot):
    import ezdxf

    target = tmp_path / "plan.dxf"
    job = small.exchange.drawing.export_to(target)
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    refs = list(ezdxf.readfile(target).modelspace().query("INSERT"))
    assert len(refs) == 8  # small_site: two rows of 4 cabinets
    assert "Wrote plan.dxf" in small.statusBar().currentMessage()
