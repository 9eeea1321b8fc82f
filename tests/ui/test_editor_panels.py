"""Property panel and site forms: edits are commands, bad values are refused inline with their range.

Site: tests/factories.small_site (cabinets of type std-600x1200-47u, rated 30 kW, 10 kW design;
power chain UPS 4 x 50 kW modules in 2N).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dcplanner.model.schema import to_dict


def _type(editor, text: str) -> None:
    """Select all in a line edit and type ``text`` key by key, then press Enter."""
    line = editor.input
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)


def test_out_of_range_value_is_refused_inline_and_model_unchanged(small):
    small.selection.set(cabinets=["R1-0", "R2-1"])
    before = to_dict(small.document.site)
    field = small.properties.editors["cabinet.design_kw"]
    _type(field, "600")
    assert to_dict(small.document.site) == before
    assert "600 is out of range; allowed from 0 to 500 kW" in field.error_text()
    assert small.document.undo_stack.count() == 0


def test_value_above_the_cabinet_rating_is_refused_with_the_reason(small):
    small.selection.set(cabinets=["R1-0"])
    field = small.properties.editors["cabinet.design_kw"]
    _type(field, "31")
    assert small.document.editor.cabinet("R1-0").design_kw == 10.0
    assert "exceeds the rating of cabinet type 'std-600x1200-47u'; allowed 0 to 30 kW" in field.error_text()
    assert field.input.text() == "31"  # after Enter the refused text stays, with its reason
    QTest.keyClick(field.input, Qt.Key.Key_Escape)
    assert field.input.text() == "10" and field.error_text() == ""  # the model's value, and the reason goes


def test_typing_a_value_is_one_undo_step(small):
    small.selection.set(cabinets=["R1-0", "R1-1"])
    field = small.properties.editors["cabinet.design_kw"]
    _type(field, "25.5")  # "2", "25", "25.", "25.5" applied while typing
    ed = small.document.editor
    assert ed.cabinet("R1-0").design_kw == 25.5 and ed.cabinet("R1-1").design_kw == 25.5
    assert small.document.undo_stack.count() == 1
    assert field.error_text() == ""
    small.document.undo_stack.undo()
    assert ed.cabinet("R1-0").design_kw == 10.0
    _type(field, "12")  # a new edit session is a new step
    assert small.document.undo_stack.count() == 1 and small.document.undo_stack.index() == 1


def test_text_is_refused_with_the_range(small):
    small.selection.set(rows=["R1"])
    field = small.properties.editors["row.positions"]
    _type(field, "lots")
    assert "must be a whole number, got the text 'lots' (allowed from 1 to 500)" in field.error_text()
    _type(field, "8")
    assert small.document.editor.row("R1").positions == 8


def test_mixed_values_show_as_mixed(small):
    small.selection.set(cabinets=["R1-0"])
    _type(small.properties.editors["cabinet.design_kw"], "20")
    small.selection.set(cabinets=["R1-0", "R1-1"])
    field = small.properties.editors["cabinet.design_kw"]
    assert field.input.text() == ""
    assert field.input.placeholderText() == "mixed 10–20"


def test_choices_for_phase_servers_and_row_type(small):
    win = small
    ed = win.document.editor
    win.selection.set(cabinets=["R1-0"])
    servers = win.properties.editors["cabinet.servers"]
    servers.model.setCurrentIndex(servers.model.findData("dgx-h100"))
    servers.model.activated.emit(servers.model.currentIndex())
    assert [(s.model_id, s.count) for s in ed.cabinet("R1-0").servers] == [("dgx-h100", 1)]
    servers.count.setFocus()
    servers.count.selectAll()
    QTest.keyClicks(servers.count, "9")  # 9 x 8U = 72U in a 47U cabinet
    assert "servers take 72 U" in servers.error_text()
    assert ed.cabinet("R1-0").servers[0].count == 1
    win.selection.set(rows=["R2"])
    row_type = win.properties.editors["row.cabinet_type_id"]
    row_type.input.setCurrentIndex(row_type.input.findData("std-600x1200-42u"))
    row_type.input.activated.emit(row_type.input.currentIndex())
    assert {c.type_id for c in ed.row("R2").cabinets} == {"std-600x1200-42u"}
    assert win.document.undo_stack.undoText() == "Set cabinet type of R2"


def test_site_form_refuses_cross_field_errors(small):
    form = small.docks["power"].widget()
    modules = form.editors["power.ups.modules"]
    _type(modules, "5")
    assert "2N needs an even number of units; there are 5" in modules.error_text()
    assert small.document.site.power.ups.modules == 4
    _type(modules, "6")
    assert small.document.site.power.ups.modules == 6
    assert modules.error_text() == ""


def test_economics_and_cooling_forms_edit_the_site(small):
    econ = small.docks["economics"].widget()
    _type(econ.editors["economics.electricity_tariff_cny_per_kwh"], "0.42")
    assert small.document.site.economics.electricity_tariff_cny_per_kwh == 0.42
    cooling = small.docks["cooling"].widget()
    arch = cooling.editors["cooling.architecture"]
    arch.input.setCurrentIndex(arch.input.findData("iec_dx_trim"))
    arch.input.activated.emit(arch.input.currentIndex())
    assert small.document.site.cooling.architecture == "iec_dx_trim"
    small.document.undo_stack.undo()
    assert small.document.site.cooling.architecture == "chw_tower_wse"
    assert cooling.editors["cooling.architecture"].input.currentData() == "chw_tower_wse"  # the form follows undo


def test_cabinet_inputs_carry_the_model_label_and_help(small):
    from PySide6.QtWidgets import QFormLayout, QGroupBox

    small.selection.set(cabinets=["R1-0"])
    panel = small.properties
    assert list(panel.editors)[:5] == [
        "cabinet.name",
        "cabinet.design_kw",
        "cabinet.type_id",
        "cabinet.phase_id",
        "cabinet.servers",
    ]
    form = next(b for b in panel.widget().findChildren(QGroupBox) if b.title() == "Cabinet").layout()
    assert isinstance(form, QFormLayout)
    labels = [form.labelForField(panel.editors[k]).text() for k in list(panel.editors)[:5]]
    assert labels == ["Name", "Design power", "Cabinet type", "Phase", "Servers"]
    tip = panel.editors["cabinet.design_kw"].toolTip()
    assert tip == (
        "Design power: from 0 to 500 kW\n"
        "The cabinet's power budget: the halls' design IT, the power chain's loads and their use follow it."
    )
