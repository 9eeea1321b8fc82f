"""Broken project files: accepted (and then saved and read back), or a ProjectFileError naming the file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dcplanner.io.project_file import ProjectFileError, load_project, save_project, site_to_document
from dcplanner.io.readable_json import dumps_readable
from tests.factories import small_site
from tests.fuzz.conftest import fuzz
from tests.fuzz.strategies import mutated_bytes, mutated_document

SMALL = site_to_document(small_site())
SAMPLE = json.loads((Path(__file__).resolve().parents[2] / "sample_sites" / "anshun.dcp.json").read_text("utf-8"))
SMALL_TEXT = dumps_readable(SMALL).encode("utf-8")


def _check_contract(path: Path, out: Path) -> None:
    try:
        loaded = load_project(path)
    except ProjectFileError as exc:
        message = str(exc)
        assert message.startswith(str(path)), message
        message.encode("utf-8")  # printable as it is
        return
    saved = save_project(loaded.site, out)  # what loads also saves, and reads back the same
    assert load_project(saved).site == loaded.site


@fuzz(100)
@given(doc=mutated_document(SMALL))
def test_mutated_documents_load_or_name_the_file(tmp_path, doc):
    path = tmp_path / "fuzz.dcp.json"
    try:
        text = json.dumps(doc, ensure_ascii=True)  # lone surrogates are written as \ud800 escapes
    except (ValueError, RecursionError):  # NaN is written as NaN; only nesting past Python's own limit fails here
        text = "[" * 5000
    path.write_text(text, encoding="utf-8")
    _check_contract(path, tmp_path / "saved.dcp.json")


@fuzz(6)
@given(doc=mutated_document(SAMPLE))
def test_mutated_sample_site_loads_or_names_the_file(tmp_path, doc):
    path = tmp_path / "fuzz.dcp.json"
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    _check_contract(path, tmp_path / "saved.dcp.json")


@fuzz(40)
@given(data=mutated_bytes(SMALL_TEXT))
def test_damaged_bytes_of_a_sample_load_or_name_the_file(tmp_path, data):
    path = tmp_path / "fuzz.dcp.json"
    path.write_bytes(data)
    _check_contract(path, tmp_path / "saved.dcp.json")


@fuzz(25)
@given(
    prefix=st.sampled_from(['{"format": "dcplanner.project", "format_version": 1, "site": ', "", "["]),
    body=st.one_of(
        st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
        st.integers(4_301, 20_000).map(lambda n: "9" * n),
        st.sampled_from(['"\\ud800"', '"\\udfff\\ud800"', "NaN", "-Infinity", "1e400", '{"\\ud800": 1}', "{}"]),
    ),
)
def test_hostile_json_text_loads_or_names_the_file(tmp_path, prefix, body):
    path = tmp_path / "fuzz.dcp.json"
    path.write_text(prefix + body + ("}" if prefix.startswith("{") else "]" if prefix else ""), encoding="utf-8")
    _check_contract(path, tmp_path / "saved.dcp.json")
