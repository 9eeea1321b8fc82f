"""The Compliance sheet grades the Energy sheet's annual PUE live: edited energies change the grade in Calc."""

from __future__ import annotations

import json
from dataclasses import replace

import openpyxl
import pytest

from dcplanner.cli import main
from dcplanner.compliance.rules import builtin_rules
from dcplanner.io.project_file import save_project
from tests.excel.libreoffice import recalculate, soffice
from tests.factories import small_site

IT_COLUMN = 3  # Energy sheet: the monthly IT energy (MWh) in column C, rows Jan..Dec


def _month_rows(ws) -> range:
    jan = _find(ws, "Jan")
    assert ws.cell(jan + 11, 1).value == "Dec"
    return range(jan, jan + 12)


def _find(ws, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def _rule_row(ws, rule_id: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == rule_id)


@pytest.fixture(scope="module")
def anshun_book(sample_paths, tmp_path_factory):
    out = tmp_path_factory.mktemp("compliance") / "anshun.xlsx"
    assert main(["export", str(sample_paths["anshun"]), "-o", str(out), "--no-phasing"]) == 0
    return out


@pytest.fixture(scope="module")
def graded_small_book(tmp_path_factory):
    """The 8-cabinet test site, graded by project copies of the GB 40879 rules without the edge-site
    exclusion (a small workbook: quick to recalculate)."""
    site = small_site()
    site.compliance.rules = [replace(r, applies_to="") for r in builtin_rules() if r.grade > 0]
    folder = tmp_path_factory.mktemp("graded")
    project = save_project(site, folder / "small.dcp.json")
    out = folder / "small.xlsx"
    assert main(["export", str(project), "-o", str(out), "--no-phasing"]) == 0
    return out


def test_sheet_lists_every_rule_and_links_the_pue(anshun_book, sample_paths, capsys):
    wb = openpyxl.load_workbook(anshun_book)
    ws = wb["Compliance"]
    pue_row = _find(ws, "Annual PUE (RM2)")
    assert ws.cell(pue_row, 2).value == "=" + "Energy!$B$" + str(_find(wb["Energy"], "Annual PUE"))
    main(["check", str(sample_paths["anshun"]), "--no-phasing", "--json"])
    cli = {c["rule"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    verdicts = {"pass": "pass", "fail": "FAIL", "not_applicable": "not applicable", "no_data": "not enough data"}
    for rule, c in cli.items():
        r = _rule_row(ws, rule)
        shown = ws.cell(r, 10).value
        if isinstance(shown, str) and not shown.startswith("="):
            assert shown == verdicts[c["status"]], rule
    secondary = ws.cell(_rule_row(ws, "gb40879.grade1"), 4).value
    assert secondary.endswith("[secondary]")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_scaled_it_energy_moves_the_grade_in_calc(graded_small_book, tmp_path):
    """PUE = (IT + cooling + losses + misc) / IT: IT scaled by s gives PUE' = 1 + (PUE - 1) / s.
    The factors put the small site's PUE on each side of 1.20, 1.30 and 1.50 (checked by hand below)."""
    wb = openpyxl.load_workbook(graded_small_book)
    energy = wb["Energy"]
    months = _month_rows(energy)
    it = sum(energy.cell(r, IT_COLUMN).value for r in months)
    pue_cell = f"$B${_find(energy, 'Annual PUE')}"
    books, want = [], {}
    for s in (1.0, 0.6, 0.38, 0.25):  # PUE 1.152 -> 1.253, 1.400, 1.608
        edited = openpyxl.load_workbook(graded_small_book)
        for r in months:
            edited["Energy"].cell(r, IT_COLUMN).value *= s
        path = tmp_path / f"scaled_{s}.xlsx"
        edited.save(path)
        books.append(path)
        want[path] = s
    done = recalculate(books, tmp_path)
    base = openpyxl.load_workbook(done[books[0]], data_only=True)
    pue = base["Energy"][pue_cell].value
    facility_minus_it = (pue - 1.0) * it
    grades = set()
    for path, s in want.items():
        got = openpyxl.load_workbook(done[path], data_only=True)
        ws = got["Compliance"]
        hand = 1.0 + facility_minus_it / (s * it)
        grade = "1" if hand <= 1.20 else "2" if hand <= 1.30 else "3" if hand <= 1.50 else "below limit"
        assert ws.cell(_find(ws, "Annual PUE (RM2)"), 2).value == pytest.approx(hand, rel=1e-9)
        assert ws.cell(_find(ws, "Grade"), 2).value == grade, s
        limit = _rule_row(ws, "gb40879.grade3")
        assert ws.cell(limit, 10).value == ("pass" if hand <= 1.50 else "FAIL")
        assert ws.cell(limit, 8).value == pytest.approx(1.50 - hand, rel=1e-9)
        grades.add(grade)
    assert grades == {"1", "2", "3", "below limit"}  # each side of each threshold was reached
