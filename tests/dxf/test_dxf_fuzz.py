"""Flawed DXF files: read (repaired), or a DrawingError naming the file; never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dcplanner.io.dxf import DrawingError, read_dxf
from dcplanner.model.validation import drawing_issues
from tests.dxf.drawings import building_drawing
from tests.fuzz.conftest import fuzz
from tests.fuzz.strategies import mutated_bytes

with tempfile.TemporaryDirectory() as _folder:
    SAMPLE_BYTES = building_drawing(Path(_folder) / "building.dxf").read_bytes()
SAMPLE_LINES = SAMPLE_BYTES.decode("utf-8").splitlines()


def _contract(path: Path) -> None:
    try:
        imported = read_dxf(path, units="mm")
    except DrawingError as exc:
        assert str(exc).startswith(str(path)), exc  # the file is named first
        return
    # what was read is a valid drawing: every shape with enough points, on the plan
    assert drawing_issues(imported.drawing) == []


@fuzz(40)
@given(data=mutated_bytes(SAMPLE_BYTES))
def test_mutated_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("dxf") / "drawing.dxf"
    path.write_bytes(data)
    _contract(path)


@fuzz(40)
@given(
    cut=st.integers(0, len(SAMPLE_LINES)),
    edits=st.lists(
        st.tuples(
            st.integers(0, len(SAMPLE_LINES) - 1),
            st.sampled_from(["", "nan", "1e400", "-1e400", "EOF", "SECTION", "0", "LWPOLYLINE", "x" * 300, "\x00"]),
        ),
        max_size=4,
    ),
)
def test_truncated_and_mutated_text(tmp_path_factory, cut, edits):
    lines = SAMPLE_LINES[:cut]
    for index, text in edits:
        if index < len(lines):
            lines[index] = text
    path = tmp_path_factory.mktemp("dxf") / "drawing.dxf"
    path.write_text("\n".join(lines), encoding="utf-8")
    _contract(path)


@pytest.mark.parametrize("content", [b"", b"not a drawing at all\n", b"\xff\xfe\x00garbage", b"0\nSECTION\n"])
def test_plain_garbage_is_refused_by_name(tmp_path, content):
    path = tmp_path / "junk.dxf"
    path.write_bytes(content)
    with pytest.raises(DrawingError, match=r"junk\.dxf: "):
        read_dxf(path, units="m")


def _site_with_drawing_document() -> dict:
    from dcplanner.io.project_file import site_to_document
    from tests.factories import small_site

    site = small_site()
    with tempfile.TemporaryDirectory() as folder:
        drawing = read_dxf(building_drawing(Path(folder) / "building.dxf")).drawing
    for shape in drawing.shapes:  # away from the hall at (0, 0)-(10, 8): every shape has y < 0
        assert max(shape.ys_m) <= 0
    site.drawing = drawing
    return site_to_document(site)


WITH_DRAWING = _site_with_drawing_document()


def _drawing_paths(doc: dict) -> st.SearchStrategy:
    shapes = doc["site"]["drawing"]["shapes"]
    fields = ["id", "kind", "layer", "closed", "xs_m", "ys_m"]
    return st.tuples(st.integers(0, len(shapes) - 1), st.sampled_from(fields))


@fuzz(60)
@given(
    where=_drawing_paths(WITH_DRAWING),
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.text(max_size=8),
        st.floats(allow_nan=True, allow_infinity=True),
        st.lists(st.floats(-2e5, 2e5), max_size=6),
        st.sampled_from(["column", "wall", "outline", "door", [], {}, [[1, 2]]]),
    ),
)
def test_mutated_drawing_section_loads_or_names_the_field(tmp_path, where, value):
    """A broken ``drawing`` section is refused naming the file and the field, or loads valid."""
    import copy
    import json

    from dcplanner.io.project_file import ProjectFileError, load_project

    doc = copy.deepcopy(WITH_DRAWING)
    index, name = where
    doc["site"]["drawing"]["shapes"][index][name] = value
    path = tmp_path / "drawing.dcp.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    try:
        site = load_project(path).site
    except ProjectFileError as exc:
        assert str(exc).startswith(str(path)) and "drawing.shapes[" in str(exc), exc
        return
    assert drawing_issues(site.drawing) == []
