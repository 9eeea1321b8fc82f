"""Schema conversion: types, ranges, optional fields and paths."""

from __future__ import annotations

import pytest

from dcplanner.model.paths import PathError, get_values, parse_assignment, set_values, split_path
from dcplanner.model.schema import ValidationError, check_value, from_dict, to_dict
from dcplanner.model.site import Cabinet, Hall, Site
from tests.factories import small_site


def test_round_trip_preserves_everything():
    site = small_site()
    assert from_dict(Site, to_dict(site)) == site


def test_int_field_rejects_fraction_and_accepts_whole_float():
    with pytest.raises(ValidationError, match=r"position: must be a whole number, got 1\.5"):
        from_dict(Cabinet, {"id": "c", "position": 1.5, "design_kw": 3})
    assert from_dict(Cabinet, {"id": "c", "position": 2.0, "design_kw": 3}).position == 2


def test_bool_is_not_a_number():
    with pytest.raises(ValidationError, match="must be a number, got true"):
        from_dict(Cabinet, {"id": "c", "position": 0, "design_kw": True})


def test_nan_is_rejected():
    with pytest.raises(ValidationError, match="finite"):
        from_dict(Cabinet, {"id": "c", "position": 0, "design_kw": float("nan")})


def test_literal_lists_allowed_values():
    with pytest.raises(ValidationError, match=r"orientation: must be one of 'horizontal', 'vertical'; got 'diagonal'"):
        from_dict(
            Hall,
            {
                "id": "h",
                "width_m": 5,
                "depth_m": 5,
                "design_it_kw": 1,
                "rows": [{"id": "r", "x_m": 0, "y_m": 0, "positions": 1, "orientation": "diagonal"}],
            },
        )


def test_all_errors_reported_at_once():
    with pytest.raises(ValidationError) as err:
        from_dict(Hall, {"id": "h", "width_m": -1, "depth_m": 0, "design_it_kw": -3})
    assert len(err.value.issues) == 3


def test_check_value_for_inline_edits():
    assert check_value(Cabinet, "design_kw", 12, "c") == 12.0
    with pytest.raises(ValidationError, match=r"c\.design_kw: 600 is out of range; allowed from 0 to 500 kW"):
        check_value(Cabinet, "design_kw", 600, "c")


def test_paths_select_by_index_id_wildcard_and_field():
    doc = to_dict(small_site())
    assert split_path("halls[H1].rows.*.cabinets[design_kw=10.0].id") == [
        "halls",
        "H1",
        "rows",
        "*",
        "cabinets",
        "design_kw=10.0",
        "id",
    ]
    assert len(get_values(doc, "halls[H1].rows.*.cabinets.*.id")) == 8
    assert set_values(doc, "halls.0.rows[R2].cabinets[position=1].design_kw", 7.5) == 1
    assert doc["halls"][0]["rows"][1]["cabinets"][1]["design_kw"] == 7.5
    with pytest.raises(PathError, match="no item with id 'R9'"):
        set_values(doc, "halls.0.rows[R9].x_m", 1)
    with pytest.raises(PathError, match="no item at index 3"):
        set_values(doc, "halls.3.x_m", 1)


def test_assignment_parsing():
    assert parse_assignment("a.b=30") == ("a.b", 30)
    assert parse_assignment("a[x=1].b=text") == ("a[x=1].b", "text")
    assert parse_assignment('a={"k": 1}') == ("a", {"k": 1})
    with pytest.raises(PathError):
        parse_assignment("no-equals")
    with pytest.raises(PathError):
        parse_assignment("a..b=1")


def test_identical_halls_are_each_reported_once():
    import copy

    from dcplanner.model.validation import hall_overlaps

    hall = small_site().halls[0]
    halls = [copy.copy(hall) for _ in range(300)]
    for i, h in enumerate(halls):
        h.id = f"H{i}"
    issues = hall_overlaps(halls)
    # every hall after the first overlaps all earlier ones: one issue each, not 300 x 299 / 2 pairs
    assert len(issues) == 299
    assert [i.path for i in issues[:2]] == ["halls[1]", "halls[2]"]
    assert issues[-1].message.endswith("overlaps hall 'H0' (x 0–10 m, y 0–8 m) and 298 more halls listed before it")


def test_halls_that_touch_or_stand_apart_do_not_overlap():
    import copy

    from dcplanner.model.validation import hall_overlaps

    a = small_site().halls[0]  # 10 x 8 m at the origin
    touching, apart, across = copy.copy(a), copy.copy(a), copy.copy(a)
    touching.id, touching.x_m = "T", 10.0  # shares the edge x = 10 m
    apart.id, apart.x_m = "A", 30.0
    across.id, across.x_m, across.y_m = "X", 5.0, 4.0  # overlaps a by 5 x 4 m and touching by 5 x 4 m
    issues = hall_overlaps([a, touching, apart, across])
    assert [(i.path, i.message.split(" (")[0]) for i in issues] == [("halls[3]", "hall 'X'")]
    assert "overlaps hall 'H1'" in issues[0].message and "and 1 more halls" in issues[0].message


def test_long_or_unicode_broken_input_gets_schema_errors():
    with pytest.raises(ValidationError, match=r"name: holds the lone surrogate U\+D800 at character 3"):
        from_dict(Cabinet, {"id": "c", "position": 0, "design_kw": 3, "name": "ab\ud800"})
    with pytest.raises(ValidationError, match=r"design_kw: a number of 401 digits is out of range"):
        from_dict(Cabinet, {"id": "c", "position": 0, "design_kw": 10**400})
    with pytest.raises(ValidationError, match=r"position: a number of 30 digits is out of range"):
        from_dict(Cabinet, {"id": "c", "position": 10**29, "design_kw": 3})
    with pytest.raises(ValidationError, match=r"position: 1e\+20 is out of range"):
        from_dict(Cabinet, {"id": "c", "position": 1e20, "design_kw": 3})


def test_path_index_of_5000_digits_is_out_of_range_without_conversion():
    doc = {"halls": [{"id": "H1"}]}
    with pytest.raises(PathError, match=r"no item at index 9{57}\.\.\. \(there are 1\)"):
        get_values(doc, "halls[" + "9" * 5000 + "].id")
    with pytest.raises(PathError, match="too many digits"):
        parse_assignment("a.b=" + "9" * 5000)
    with pytest.raises(PathError, match="nested too deeply"):
        parse_assignment("a.b=" + "[" * 100_000)


# ---------------------------------------------------------------------------------------------
# Field descriptions


def test_field_info_gives_label_unit_header_help_and_aliases():
    from dcplanner.model.schema import field_info

    design = field_info(Cabinet, "design_kw")
    assert (design.label, design.unit, design.header) == ("Design power", "kW", "Design (kW)")
    assert design.headers[0] == "Design (kW)" and "设计功率" in design.headers
    assert design.help.startswith("The cabinet's power budget")
    assert design.required and design.value_type is float and design.range.max == 500
    phase = field_info(Cabinet, "phase_id")
    assert phase.header == "Phase" and phase.value_type is str and phase.default is None and not phase.required
    with pytest.raises(KeyError, match="Cabinet has no field 'colour'"):
        field_info(Cabinet, "colour")


def test_a_field_without_a_description_reads_as_its_name():
    from dcplanner.model.schema import field_info
    from dcplanner.model.site import Accelerator

    memory = field_info(Accelerator, "memory_gb")
    assert not memory.described
    assert (memory.label, memory.header, memory.aliases) == ("Memory gb", "Memory gb (GB)", ())


def test_every_cabinet_hall_and_row_field_the_forms_show_is_described():
    from dcplanner.model.schema import describe_fields
    from dcplanner.model.site import Row

    for cls in (Cabinet, Row, Hall):
        assert [i.name for i in describe_fields(cls) if not i.described] == ["id"] * (cls is not Cabinet)
    assert all(info.help for info in describe_fields(Cabinet))  # the sheet's notes and the tooltips
