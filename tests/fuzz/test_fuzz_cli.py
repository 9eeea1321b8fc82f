"""The CLI on broken inputs, run in-process: an exit status and plain messages, never an exception."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dcplanner.cli import main
from dcplanner.io.project_file import site_to_document
from tests.factories import small_site
from tests.fuzz.conftest import fuzz
from tests.fuzz.strategies import ODD_VALUES, mutated_document, mutated_lines
from tests.fuzz.test_fuzz_cabinet_lists import CSV_LINES

SMALL = site_to_document(small_site())


def _run(argv: list[str], capsys) -> None:
    out = io.StringIO()
    status = main(argv, out)
    err = capsys.readouterr().err
    assert status in (0, 1, 2), status
    assert "Traceback" not in err and "Error:" not in err, err  # no traceback, no exception class names


@fuzz(40)
@given(doc=mutated_document(SMALL))
def test_validate_on_broken_projects(tmp_path, capsys, doc):
    path = tmp_path / "p.dcp.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _run(["validate", str(path)], capsys)


@fuzz(30)
@given(lines=mutated_lines(CSV_LINES, 9), all_errors=st.booleans())
def test_import_cabinets_on_broken_lists(tmp_path, capsys, lines, all_errors):
    project = tmp_path / "p.dcp.json"
    project.write_text(json.dumps(SMALL), encoding="utf-8")
    listing = tmp_path / "list.csv"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["import-cabinets", str(project), "--from", str(listing), "-o", str(tmp_path / "out.dcp.json")]
    _run([*argv, "--accept-valid"] + (["--all-errors"] if all_errors else []), capsys)


STEPS = st.one_of(
    st.sampled_from(["halls", "rows", "cabinets", "*", "design_kw", "name", "0", "-1", "H1"]),
    st.integers(5_000, 6_000).map(lambda n: "9" * n),
    st.text(max_size=6),
)


@fuzz(12)
@given(steps=st.lists(STEPS, min_size=1, max_size=5), value=ODD_VALUES)
def test_solve_with_odd_overrides(tmp_path, capsys, steps, value):
    project = tmp_path / "p.dcp.json"
    project.write_text(json.dumps(SMALL), encoding="utf-8")
    try:
        raw = json.dumps(value)
    except (ValueError, RecursionError):
        raw = str(value)[:50]
    _run(["validate", str(project)], capsys)
    _run(
        ["solve", str(project), "--set", ".".join(steps) + "=" + raw, "--climate", str(Path("/nonexistent.epw"))],
        capsys,
    )
