"""File > Export capacity workbook and File > Import cabinets in the window."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QMessageBox

from dcplanner.model.commands import Ref, SetField
from dcplanner.model.schema import to_dict


def test_export_writes_the_edited_site(window, sample_paths, tmp_path, qtbot):
    assert window.open_file(sample_paths["guian_supercomputing"], ask=False)
    window.document.push(SetField([Ref("cabinet", "GPU-001")], "design_kw", 14.0))
    target = tmp_path / "guian.xlsx"
    job = window.exchange.export_to(target)
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    book = openpyxl.load_workbook(target)
    assert {"Summary", "Cabinets", "Energy", "Power"} <= set(book.sheetnames)
    cabinets = book["Cabinets"]
    header = [c.value for c in next(cabinets.iter_rows(min_row=1, max_row=1))]
    rows = list(cabinets.iter_rows(values_only=True))
    id_col = next(i for i, h in enumerate(header) if h and str(h).lower().startswith("cabinet"))
    kw_col = next(i for i, h in enumerate(header) if h and "design" in str(h).lower())
    gpu1 = next(r for r in rows if r[id_col] == "GPU-001")
    assert gpu1[kw_col] == 14.0
    assert "Wrote guian.xlsx" in window.statusBar().currentMessage()


def test_import_with_a_bad_line_is_one_undoable_step(window, tmp_path, monkeypatch, qtbot):
    from dcplanner.io.project_file import save_project
    from tests.factories import small_site

    path = save_project(small_site(), tmp_path / "small.dcp.json")
    assert window.open_file(path, ask=False)
    before = to_dict(window.document.site)
    listing = tmp_path / "list.csv"
    listing.write_text("hall,row,position,kW\nH1,R1,4,12\nH1,R2,4,9\nH1,R9,0,5\n", encoding="utf-8")
    asked = []

    def accept(box):
        asked.append((box.text(), box.detailedText()))
        box.clickedButton = lambda: box.buttons()[0]  # the "Import N cabinets" button
        return 0

    monkeypatch.setattr(QMessageBox, "exec", accept)
    job = window.exchange.import_from(listing)
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert asked and "1 rejected" in asked[0][0] and "row 4" in asked[0][1].lower()
    assert [c.id for c in window.document.site.halls[0].rows[0].cabinets][-1] != "R1-3"
    assert len(window.document.site.halls[0].rows[0].cabinets) == 5
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert to_dict(window.document.site) == before
