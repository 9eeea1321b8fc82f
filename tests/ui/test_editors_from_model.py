"""Editors built from the model: list fields are combo boxes of the engine's lists, shares are typed
in percent, a value the document checks refuse never becomes a command, and an input never shows
a value the model does not hold after Ctrl+Z or Escape.

Site: tests/factories.small_site (built-in climate guiyang, cooling chw_tower_wse, discount rate
8 %, site name "Test site").
"""

from __future__ import annotations

from typing import get_args

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dcplanner.climate.builtin import builtin_ids
from dcplanner.model.schema import to_dict
from dcplanner.model.site import CoolingArchitecture, Redundancy
from ui.panels.fields import ChoiceEditor, parse_number


def _type(editor, text: str) -> None:
    line = editor.input
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)


def _items(combo) -> list:
    return [combo.itemData(i) for i in range(combo.count())]


def test_list_fields_are_combo_boxes_of_the_engines_lists(small):
    climate = small.docks["climate"].widget().editors
    builtin = climate["climate.builtin_id"]
    assert isinstance(builtin, ChoiceEditor)
    assert _items(builtin.input) == list(builtin_ids())  # resources/climate/*.json, nothing else
    assert "harbin" not in _items(builtin.input)
    arch = small.docks["cooling"].widget().editors["cooling.architecture"]
    assert set(_items(arch.input)) == set(get_args(CoolingArchitecture))
    titles = [arch.input.itemText(i) for i in range(arch.input.count())]
    assert "_" not in "".join(titles)  # human titles, not "chw_tower_wse"
    power = small.docks["power"].widget().editors
    assert _items(power["power.ups.redundancy"].input) == list(get_args(Redundancy))
    assert power["power.ups.topology"].input.itemText(0) == "Double conversion (online, VFI)"
    assert isinstance(climate["it_load.profile"], ChoiceEditor)


def test_unknown_builtin_climate_is_refused_at_the_field_and_never_becomes_a_command(small):
    builtin = small.docks["climate"].widget().editors["climate.builtin_id"]
    before = to_dict(small.document.site)
    builtin.committed.emit("harbin")  # what a typed or pasted id would send
    assert to_dict(small.document.site) == before
    assert small.document.undo_stack.count() == 0
    text = builtin.error_text()
    assert "no built-in climate 'harbin'" in text
    assert "ValidationError" not in text and "dcplanner." not in text


def test_a_missing_weather_file_is_refused_at_the_field(small, tmp_path):
    climate = small.docks["climate"].widget().editors
    _type(climate["climate.path"], str(tmp_path / "nowhere.epw"))  # the path alone is fine: source is builtin
    source = climate["climate.source"]
    source.committed.emit("epw")
    assert small.document.site.climate.source == "builtin"
    assert "file not found" in source.error_text()


def test_switching_preset_with_overrides_it_lacks_is_refused_at_the_field(small):
    from dcplanner.model.commands import Ref, SetField

    assert small.document.push(SetField([Ref("site", "cooling")], "parameters", {"tower_approach_k": 4.0})) is None
    arch = small.docks["cooling"].widget().editors["cooling.architecture"]
    arch.committed.emit("dx_crac")
    assert small.document.site.cooling.architecture == "chw_tower_wse"
    assert "unknown parameter" in arch.error_text()


def test_a_rate_is_typed_in_percent(small):
    rate = small.docks["economics"].widget().editors["economics.discount_rate"]
    assert rate.input.text() == "8" and rate.unit == "%"
    _type(rate, "6.5 %")
    assert small.document.site.economics.discount_rate == 0.065
    _type(rate, "7")
    assert small.document.site.economics.discount_rate == 0.07
    _type(rate, "800")  # the model allows -50 % to 100 %
    assert small.document.site.economics.discount_rate == 0.07
    assert "800 % is out of range; allowed from -50 to 100 %" in rate.error_text()


def test_numbers_are_read_as_people_type_them():
    assert parse_number("8 %", "%") == 8.0
    assert parse_number("20 kW", "kW") == 20.0
    assert parse_number("1,200", "kg/m²") == 1200.0
    assert parse_number(" 3.5 ") == 3.5
    assert parse_number("2,5") == "2,5"  # a decimal comma is not guessed at: the check names the text
    assert parse_number("") is None


def test_ctrl_z_in_a_text_field_undoes_the_site_edit_and_shows_the_models_value(small):
    name = small.properties.editors["site.name"]
    original = small.document.site.name
    _type(name, "Renamed")
    assert small.document.site.name == "Renamed"
    assert name.input.hasFocus()
    QTest.keyClick(name.input, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert small.document.site.name == original
    assert name.input.text() == original  # never a text the model does not hold


def test_red_reason_goes_when_the_value_reverts(small):
    small.selection.set(cabinets=["R1-0"])
    field = small.properties.editors["cabinet.design_kw"]
    _type(field, "600")
    assert "out of range" in field.error_text() and field.input.text() == "600"
    small.view.setFocus()  # leaving the input puts the model's value back
    assert field.input.text() == "10" and field.error_text() == ""


def test_labels_are_words_with_units_beside_numbers(small):
    from PySide6.QtWidgets import QGroupBox, QLabel

    econ = small.docks["economics"].widget()
    texts = [w.text() for w in econ.findChildren(QLabel)]
    assert "Facility capex per cabinet" in texts and not any("cny" in t for t in texts)
    assert econ.editors["economics.capex_per_cabinet_cny"].unit == "CNY"
    climate = small.docks["climate"].widget()
    titles = [box.title() for box in climate.findChildren(QGroupBox)]
    assert "IT load" in titles and "It load" not in titles
