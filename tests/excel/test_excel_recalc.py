"""Every formula of the capacity workbook, recalculated by LibreOffice Calc, equals the engine.

One Calc run recalculates the workbooks of the three sample sites and two awkward sites; each
formula cell's value must match the solver's figure to 1e-9 relative, and the formula cells in
the file must be exactly those the writer recorded (so none goes unchecked).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from dcplanner.io.excel import collect_export_data, write_capacity_workbook
from dcplanner.io.project_file import load_project
from tests.excel.edge_sites import HOSTILE, hostile_site, unbudgeted_site
from tests.excel.libreoffice import compare, formula_cells, recalculate, soffice

pytestmark = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)"
)
WHEN = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)


def test_libreoffice_recalculates_every_formula_to_the_engine_values(sample_paths, tmp_path):
    sites = {name: load_project(path).site for name, path in sample_paths.items()}
    sites["hostile"] = hostile_site()
    sites["unbudgeted"] = unbudgeted_site()
    manifests, books = {}, []
    for name, site in sites.items():
        book = tmp_path / f"{name}.xlsx"
        manifests[book] = write_capacity_workbook(book, collect_export_data(site, generated_at=WHEN))
        books.append(book)
    probe = _probe_workbook(tmp_path)
    recalculated = recalculate([*books, probe], tmp_path)

    # The harness can fail: the probe's value comes from Calc and a 1e-8 error is caught.
    assert compare(recalculated[probe], {("T", "A3"): 14.0}) == []
    assert compare(recalculated[probe], {("T", "A3"): 14.0 * (1 + 1e-8)}) != []

    problems: list[str] = []
    for book in books:
        manifest = manifests[book]
        assert formula_cells(book) == set(manifest.expected), f"{book.name}: formula cells without an expected value"
        problems += [f"{book.name} {p}" for p in compare(recalculated[book], manifest.expected)]
    assert not problems, "\n".join(problems[:40])
    assert sum(len(m.expected) for m in manifests.values()) > 2000  # the samples carry real formula tables

    # Zero capacity is told apart from a ratio, and the binding limit follows the solver.
    unbudgeted = openpyxl.load_workbook(recalculated[tmp_path / "unbudgeted.xlsx"], data_only=True)
    summary = {row[0]: row[1] for row in unbudgeted["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Binding limit"] == "Hall IT budget — hall H1"
    assert summary["Binding limit use"] == "no capacity"

    # Hostile text is still text after Calc has loaded and saved the workbook.
    hostile = openpyxl.load_workbook(recalculated[tmp_path / "hostile.xlsx"])
    assert hostile["Summary"]["A1"].value == HOSTILE
    assert hostile["Summary"]["A1"].data_type == "s"
    names = [c for row in hostile["Cabinets"].iter_rows() for c in row if c.value == HOSTILE]
    assert len(names) == 2 and all(c.data_type == "s" for c in names)


def _probe_workbook(folder: Path) -> Path:
    """2.5 x 4 + SUMIFS(values above 3) = 10 + 4 = 14, written without a cached value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "T"
    ws["A1"], ws["A2"], ws["A3"] = 2.5, 4, '=A1*A2+SUMIFS(A1:A2,A1:A2,">3")'
    path = folder / "probe.xlsx"
    wb.save(path)
    return path
