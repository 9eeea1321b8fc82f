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
