"""The cooling plant's parameter table: every parameter of the site's preset in words, with its
unit and default; typing a value overrides it, clearing it goes back to the default, and a value
the engine refuses never becomes an edit.

Site: tests/factories.small_site (cooling chw_tower_wse, no overrides).
"""

from __future__ import annotations

from dcplanner.solvers.energy import PRESETS


def _table(win):
    return win.docks["cooling"].widget().editors["cooling.parameters"]


def _set(editor, row: int, text: str) -> None:
    editor.table.item(row, 3).setText(text)  # itemChanged: what typing and Enter send


def test_the_table_lists_the_presets_parameters_in_words(small):
    editor = _table(small)
    params = PRESETS["chw_tower_wse"].params
    assert editor.table.rowCount() == len(params)
    first = params[0]
    assert editor.table.item(0, 0).text().lower() == first.doc.lower()  # words, not "delta_t_air_k"
    assert editor.table.item(0, 2).text() == f"{first.default:g}"
    assert first.source in editor.table.item(0, 0).toolTip()
    assert all(editor.table.item(r, 3).text() == "" for r in range(len(params)))  # no overrides yet


def test_typing_a_value_overrides_the_default_and_clearing_it_goes_back(small):
    editor = _table(small)
    params = PRESETS["chw_tower_wse"].params
    row, param = next((r, p) for r, p in enumerate(params) if not p.choices and p.max > p.default)
    value = (param.default + param.max) / 2
    _set(editor, row, f"{value:g}")
    assert small.document.site.cooling.parameters == {param.name: float(f"{value:g}")}
    _set(editor, row, "")
    assert small.document.site.cooling.parameters == {}
    small.document.undo_stack.undo()
    assert small.document.site.cooling.parameters == {param.name: float(f"{value:g}")}


def test_a_value_out_of_the_engines_range_is_refused_with_its_message(small):
    editor = _table(small)
    params = PRESETS["chw_tower_wse"].params
    row, param = next((r, p) for r, p in enumerate(params) if not p.choices)
    count = small.document.undo_stack.count()
    _set(editor, row, f"{param.max * 10 + 1:g}")
    assert small.document.site.cooling.parameters == {}
    assert small.document.undo_stack.count() == count
    assert "out of range" in editor.error_text() and param.describe_range() in editor.error_text()
    _set(editor, row, "warm")
    assert "is not a number" in editor.error_text()
    assert small.document.site.cooling.parameters == {}


def test_switching_the_preset_shows_the_new_presets_parameters(small):
    arch = small.docks["cooling"].widget().editors["cooling.architecture"]
    index = arch.input.findData("dx_crac")
    arch.input.setCurrentIndex(index)
    arch.input.activated.emit(index)
    assert small.document.site.cooling.architecture == "dx_crac"
    editor = _table(small)
    assert editor.table.rowCount() == len(PRESETS["dx_crac"].params)
