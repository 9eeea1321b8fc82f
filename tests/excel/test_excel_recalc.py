"""Every formula of the capacity workbook, recalculated by LibreOffice Calc, equals the engine.

One Calc run recalculates the workbooks of the three sample sites, two awkward sites and a copy
with changed energy inputs; each formula cell's value must match the solver's figure to 1e-9
relative, and the formula cells in the file must be exactly those the writer recorded (so none
goes unchecked). The Energy sheet's figures are also read back by label and compared with the
energy result itself, and the copy shows CUE, CO2 and cost following their input cells.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from dcplanner.io.excel import collect_export_data, write_capacity_workbook
from dcplanner.io.excel.labels import COOLING_COMPONENTS, LOSS_STAGES
from dcplanner.io.project_file import load_project
from dcplanner.solvers.energy import EnergyResult
from tests.excel.edge_sites import HOSTILE, hostile_site, unbudgeted_site
from tests.excel.energy_cells import read_energy
from tests.excel.libreoffice import REL_TOL, compare, formula_cells, recalculate, soffice

pytestmark = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)"
)
WHEN = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)


def test_libreoffice_recalculates_every_formula_to_the_engine_values(sample_paths, tmp_path):
    sites = {name: load_project(path).site for name, path in sample_paths.items()}
    sites["hostile"] = hostile_site()
    sites["unbudgeted"] = unbudgeted_site()
    manifests, books, energy, tariffs = {}, [], {}, {}
    for name, site in sites.items():
        book = tmp_path / f"{name}.xlsx"
        data = collect_export_data(site, generated_at=WHEN)
        manifests[book] = write_capacity_workbook(book, data)
        books.append(book)
        energy[book] = data.energy
        tariffs[book] = site.economics.electricity_tariff_cny_per_kwh
    probe = _probe_workbook(tmp_path)
    guian = tmp_path / "guian_supercomputing.xlsx"
    changed = _with_energy_inputs(guian, tmp_path / "changed.xlsx", grid=0.1, tariff=0.6)
    recalculated = recalculate([*books, changed, probe], tmp_path)

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

    # The Energy sheet as Calc computed it equals the energy result, figure by figure.
    for book in books:
        e = energy[book]
        assert e is not None, book.name
        wb = openpyxl.load_workbook(recalculated[book], data_only=True)
        _check_energy_sheet(wb, e, tariffs[book], e.grid_emission_kg_per_kwh, book.name)

    # Changed inputs: CUE, CO2 and the energy cost follow the grid-factor and tariff cells.
    e = energy[guian]
    wb = openpyxl.load_workbook(recalculated[changed], data_only=True)
    cells = _check_energy_sheet(wb, e, 0.6, 0.1, "changed inputs")
    assert cells.figures["CUE"] == pytest.approx(0.1 * e.annual_pue, rel=REL_TOL)
    assert not math.isclose(cells.figures["CUE"], e.cue_kg_per_kwh, rel_tol=0.5)  # 0.5 kg/kWh before
    summary = {row[0]: row[1] for row in wb["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Energy cost per year"] == pytest.approx(0.6 * e.facility_energy_kwh, rel=REL_TOL)
    assert summary["CO2 per year"] == pytest.approx(0.1 * e.facility_energy_kwh / 1000, rel=REL_TOL)


def _close(got: object, want: float | int) -> bool:
    return isinstance(got, (int, float)) and math.isclose(got, want, rel_tol=REL_TOL, abs_tol=1e-12)


def _check_energy_sheet(wb: openpyxl.Workbook, e: EnergyResult, tariff: float, grid: float, name: str):
    """Every Energy figure against the result's own properties (not the writer's expected map)."""
    cells = read_energy(wb["Energy"])
    f = cells.figures
    facility_mwh = e.facility_energy_kwh / 1000
    want = {
        "IT energy": e.it_energy_kwh / 1000,
        "Facility energy": facility_mwh,
        "Annual PUE": e.annual_pue,
        "Cooling partial PUE": e.ppue_cooling,
        "Power partial PUE": e.ppue_power,
        "WUE": e.wue_l_per_kwh,
        "CUE": grid * e.annual_pue,
        "CO2 per year": grid * facility_mwh,
        "Energy cost per year": tariff * e.facility_energy_kwh,
        "Full free cooling hours": e.mode_hours["full"],
        "Partial free cooling hours": e.mode_hours["partial"],
        "Mechanical cooling only hours": e.mode_hours["mechanical"],
        "Hours outside the ASHRAE recommended envelope": e.hours_outside_recommended,
        "Mean IT load": float(np.mean(e.it_kw)),
        "Grid emission factor": grid,
        "Electricity tariff": tariff,
    }
    wrong = [
        f"{label}: sheet {f[label]!r}, result {value!r}" for label, value in want.items() if not _close(f[label], value)
    ]
    monthly_pue = [m["PUE"] for m in cells.months]
    if not all(_close(got, w) for got, w in zip(monthly_pue, e.monthly_pue, strict=True)):
        wrong.append(f"monthly PUE {monthly_pue} != {list(e.monthly_pue)}")
    if not _close(cells.year["PUE"], e.annual_pue):
        wrong.append(f"year PUE {cells.year['PUE']!r}")
    # the year's PUE weighs months by their IT energy: it is not the mean of the monthly ratios
    assert abs(float(np.mean(e.monthly_pue)) - e.annual_pue) > 1e-7, name
    parts = {label: row["Energy (MWh)"] for label, row in cells.parts.items()}
    listed = [(COOLING_COMPONENTS[k], kwh) for k, kwh in e.cooling_energy_kwh.items()]
    listed += [(LOSS_STAGES[k], kwh) for k, kwh in e.electrical_loss_energy_kwh.items()]
    for label, kwh in listed:  # parts that are zero all year may be left out
        if (kwh > 0 or label in parts) and not _close(parts.get(label), kwh / 1000):
            wrong.append(f"{label}: sheet {parts.get(label)!r} MWh, result {kwh / 1000}")
    facility = cells.parts["Facility, total"]
    if not (_close(facility["Energy (MWh)"], facility_mwh) and _close(facility["Per kWh of IT (kWh)"], e.annual_pue)):
        wrong.append(f"facility total line {facility}")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
    return cells


def _with_energy_inputs(book: Path, out: Path, *, grid: float, tariff: float) -> Path:
    """A copy of ``book`` with new grid-factor and tariff input cells (a user's edit)."""
    wb = openpyxl.load_workbook(book)
    cells = read_energy(wb["Energy"])
    ws = wb["Energy"]
    ws[cells.figure_cells["Grid emission factor"]] = grid
    ws[cells.figure_cells["Electricity tariff"]] = tariff
    wb.save(out)
    return out


def _probe_workbook(folder: Path) -> Path:
    """2.5 x 4 + SUMIFS(values above 3) = 10 + 4 = 14, written without a cached value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "T"
    ws["A1"], ws["A2"], ws["A3"] = 2.5, 4, '=A1*A2+SUMIFS(A1:A2,A1:A2,">3")'
    path = folder / "probe.xlsx"
    wb.save(path)
    return path
