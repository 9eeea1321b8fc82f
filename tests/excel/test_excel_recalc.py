"""Every formula of the capacity workbook, recalculated by LibreOffice Calc, equals the engine.

One Calc run recalculates the workbooks of the three sample sites, two awkward sites, a small
build-out site (and its scenario that builds nothing) and two copies with changed inputs; each
formula cell's value must match the solver's figure to 1e-9 relative, and the formula cells in
the file must be exactly those the writer recorded (so none goes unchecked). The Energy, Phases
and Finance sheets are also read back by label and compared with the energy and phasing results
themselves, and the copies show CUE, CO2 and cost following the energy inputs, and NPV, IRR,
payback and levelised cost following the discount rate and electricity price as numpy-financial
computes them from the solver's cash flows.

Tolerances: Calc's IRR is a Newton iteration that stops once a step is below 1e-7; the step
before converges quadratically, so on these cash flows it lands within about 1e-14 of the root
numpy-financial finds, and the common 1e-9 holds for IRR too.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import numpy_financial as npf
import openpyxl
import pytest

from dcplanner.io.excel import collect_export_data, write_capacity_workbook
from dcplanner.io.excel.labels import COOLING_COMPONENTS, LOSS_STAGES
from dcplanner.io.project_file import load_project
from dcplanner.solvers import finance
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.phasing.results import PhasingResult
from tests.excel.edge_sites import HOSTILE, hostile_site, phased_site, unbudgeted_site
from tests.excel.energy_cells import read_energy
from tests.excel.libreoffice import REL_TOL, compare, formula_cells, recalculate, soffice
from tests.excel.phasing_cells import SheetCells, read_finance, read_phases

pytestmark = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)"
)
WHEN = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)


def test_libreoffice_recalculates_every_formula_to_the_engine_values(sample_paths, tmp_path):
    sites = {name: load_project(path).site for name, path in sample_paths.items()}
    sites["hostile"] = hostile_site()
    sites["unbudgeted"] = unbudgeted_site()
    sites["phased"] = sites["idle"] = phased_site()
    scenarios = {"idle": "idle"}
    manifests, books, energy, tariffs, phasing = {}, [], {}, {}, {}
    for name, site in sites.items():
        book = tmp_path / f"{name}.xlsx"
        data = collect_export_data(site, scenario=scenarios.get(name), generated_at=WHEN)
        manifests[book] = write_capacity_workbook(book, data)
        books.append(book)
        energy[book] = data.energy
        tariffs[book] = site.economics.electricity_tariff_cny_per_kwh
        if data.phasing is not None:
            phasing[book] = data.phasing
    probe = _probe_workbook(tmp_path)
    guian = tmp_path / "guian_supercomputing.xlsx"
    changed = _with_energy_inputs(guian, tmp_path / "changed.xlsx", grid=0.1, tariff=0.6)
    phased = tmp_path / "phased.xlsx"
    repriced = _with_finance_inputs(phased, tmp_path / "repriced.xlsx", rate=0.12, tariff=0.6)
    recalculated = recalculate([*books, changed, repriced, probe], tmp_path)

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

    # Phases and Finance as Calc computed them equal the phasing result, figure by figure.
    assert {b.name for b in phasing} == {
        "anshun.xlsx",
        "guian_supercomputing.xlsx",
        "turing_town.xlsx",
        "phased.xlsx",
        "idle.xlsx",
    }
    for book, result in phasing.items():
        wb = openpyxl.load_workbook(recalculated[book], data_only=True)
        _check_finance_sheet(read_finance(wb["Finance"]), result, book.name)
        _check_phases_sheet(read_phases(wb["Phases"]), result, book.name)
        summary = {row[0]: row[1] for row in wb["Summary"].iter_rows(values_only=True) if row[0]}
        assert _close(summary["Build-out: NPV"], result.measures.npv_cny), book.name
    idle = read_finance(openpyxl.load_workbook(recalculated[tmp_path / "idle.xlsx"], data_only=True)["Finance"])
    assert (idle.figures["IRR"], idle.figures["Payback"], idle.figures["Levelised cost per IT kWh"]) == (
        "none",
        0,
        None,
    )
    guian_finance = read_finance(openpyxl.load_workbook(recalculated[guian], data_only=True)["Finance"])
    assert guian_finance.figures["Payback"] == "never" and guian_finance.figures["IRR"] < 0

    # Changed discount rate and tariff: the Finance price follows the Energy sheet's tariff (times the
    # time-of-use weighting), and the sheet follows numpy-financial on the re-priced flows.
    wb = openpyxl.load_workbook(recalculated[repriced], data_only=True)
    money = phasing[phased].problem.money
    weight = money.tariff_cny_per_kwh / money.flat_tariff_cny_per_kwh
    assert weight != pytest.approx(1.0)  # the build-out site has time-of-use prices
    _check_repriced(read_finance(wb["Finance"]), phasing[phased], rate=0.12, price=0.6 * weight)
    summary = {row[0]: row[1] for row in wb["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Build-out: NPV"] == pytest.approx(read_finance(wb["Finance"]).figures["NPV"], rel=REL_TOL)


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


def _check_finance_sheet(cells: SheetCells, p: PhasingResult, name: str) -> None:
    """Every Finance figure and yearly column against the phasing result's own fields."""
    m, cf, f = p.measures, p.cash, cells.figures
    want: dict[str, object] = {
        "Discount rate": m.discount_rate,
        "Electricity price": m.tariff_cny_per_kwh,
        "NPV": m.npv_cny,
        "IRR": m.irr if math.isfinite(m.irr) else "none",
        "Payback": m.payback_years if math.isfinite(m.payback_years) else "never",
        "Discounted payback": m.discounted_payback_years if math.isfinite(m.discounted_payback_years) else "never",
        "Capex, nominal": m.capex_cny,
        "Capex, present value": m.capex_pv_cny,
        "Cost, present value": m.cost_pv_cny,
        "Levelised cost per IT kWh": m.levelised_cost_cny_per_it_kwh,
        "Cost per accelerator-hour": m.cost_per_gpu_hour_cny,
        f"Cost per PFLOPS-year ({p.pflops_precision_label})": m.cost_per_pflops_year_cny,
        "Energy cost per year": m.energy_cny_per_year,
        "PUE over the horizon": m.annual_pue,
    }
    wrong = [
        f"{label}: sheet {f[label]!r}, result {value!r}" for label, value in want.items() if not _same(f[label], value)
    ]
    # numpy-financial on the solver's flows gives the same NPV and IRR (the sheet's formulas are Calc's)
    assert m.npv_cny == pytest.approx(npf.npv(m.discount_rate, cf.net_cash_cny), rel=1e-12, abs=1e-6), name
    years = cells.tables["Year from"]
    columns = {
        "Capex (M CNY)": -cf.capex_cny,
        "Energy (M CNY)": -cf.energy_cny,
        "O&M (M CNY)": -cf.om_cny,
        "Staff (M CNY)": -cf.staff_cny,
        "Revenue (M CNY)": cf.revenue_cny,
        "Vouchers (M CNY)": cf.voucher_cny,
        "Residual value (M CNY)": cf.residual_cny,
        "Net cash (M CNY)": cf.net_cash_cny,
        "Cumulative cash (M CNY)": cf.cumulative_cash_cny,
        "Discount factor": cf.discount_factor,
        "Discounted cash (M CNY)": cf.discounted_cash_cny,
    }
    for header, values in columns.items():
        got = [row[header] for row in years]
        if not all(_close(g, float(v)) for g, v in zip(got, values, strict=True)):
            wrong.append(f"{header}: sheet {got}, result {list(values)}")
    if not _close(cells.totals["Year from"]["Discounted cash (M CNY)"], m.npv_cny):
        wrong.append("the discounted cash does not add up to the NPV")
    pue = [row["PUE"] for row in cells.tables["Year from 2"]]
    if not all(_same(g, float(v)) for g, v in zip(pue, cf.pue, strict=True)):
        wrong.append(f"yearly PUE {pue} != {list(cf.pue)}")
    assert not wrong, f"{name} Finance:\n" + "\n".join(wrong)


def _check_phases_sheet(cells: SheetCells, p: PhasingResult, name: str) -> None:
    """Phases figures against the measures; utilisation against the solver's monthly operations."""
    ops, m, f = p.operations, p.measures, cells.figures
    wrong = [
        f"{label}: sheet {f[label]!r}, result {value!r}"
        for label, value in {
            "Demand served": m.served_share,
            "Largest monthly shortfall": m.peak_shortfall,
            "Capacity built by the end": float(ops.capacity[-1]),
            "Design IT built by the end": float(ops.built_it_kw[-1]),
            "Peak compute in service": m.peak_pflops,
        }.items()
        if not _same(f[label], value)
    ]
    schedule = cells.tables["Candidate"]
    assert [(row["Candidate"], row["Built"], row["In service"]) for row in schedule] == [
        (c.id, "yes" if c.built else "no", c.service_month or "not built") for c in p.candidates
    ], name
    periods = cells.tables["Period start"]
    starts = [*ops.period_starts.tolist(), len(ops.months)]
    assert [row["Period start"] for row in periods] == [ops.months[k] for k in starts[:-1]], name
    for row, a, b in zip(periods, starts[:-1], starts[1:], strict=True):
        capacity, served = ops.capacity[a:b], ops.served[a:b]
        # capacity-weighted utilisation of the period: the monthly ratio wherever capacity holds steady
        want = float(served.sum() / capacity.sum()) if capacity.sum() > 0 else 0.0
        if np.all(capacity == capacity[0]):
            assert want == pytest.approx(float(ops.utilisation[a:b].mean()), rel=1e-12, abs=1e-15), name
        unserved = float(ops.demand[a:b].mean() - served.mean())
        if not (_close(row["Utilisation (%)"], want) and _same(row[f"Unserved, mean ({p.unit_label})"], unserved)):
            wrong.append(f"period {row['Period start']}: {row}")
    assert not wrong, f"{name} Phases:\n" + "\n".join(wrong)


def _check_repriced(cells: SheetCells, p: PhasingResult, *, rate: float, price: float) -> None:
    """The copy's measures against numpy-financial on the solver's flows with the new price and rate."""
    cf = p.cash
    energy = price * cf.facility_kwh
    net = cf.revenue_cny + cf.voucher_cny + cf.residual_cny - cf.capex_cny - cf.om_cny - cf.staff_cny - energy
    costs = cf.capex_cny + cf.om_cny + cf.staff_cny + energy - cf.residual_cny
    f = cells.figures
    assert f["Discount rate"] == rate and f["Electricity price"] == pytest.approx(price, rel=REL_TOL)
    assert f["NPV"] == pytest.approx(float(npf.npv(rate, net)), rel=REL_TOL)
    assert f["IRR"] == pytest.approx(float(npf.irr(net)), rel=REL_TOL)
    assert f["Payback"] == pytest.approx(finance.payback_years(net), rel=REL_TOL)
    assert f["Levelised cost per IT kWh"] == pytest.approx(npf.npv(rate, costs) / npf.npv(rate, cf.it_kwh), rel=REL_TOL)
    assert f["Energy cost per year"] == pytest.approx(float(energy[cf.it_kwh > 0].mean()), rel=REL_TOL)
    assert not math.isclose(f["NPV"], p.measures.npv_cny, rel_tol=0.05)  # the inputs moved it
    assert [row["Discount factor"] for row in cells.tables["Year from"]] == pytest.approx(
        (1 + rate) ** -np.arange(len(cf.years)), rel=REL_TOL
    )


def _same(got: object, want: object) -> bool:
    """Numbers to 1e-9 relative; NaN shows as an empty cell; words exactly."""
    if isinstance(want, float) and not math.isfinite(want):
        return got is None or got == ""
    if isinstance(want, str):
        return got == want
    return _close(got, want)  # type: ignore[arg-type]


def _with_finance_inputs(book: Path, out: Path, *, rate: float, tariff: float) -> Path:
    """A copy of ``book`` with a new discount rate (Finance) and electricity tariff (Energy, the one price cell)."""
    wb = openpyxl.load_workbook(book)
    wb["Finance"][read_finance(wb["Finance"]).figure_cells["Discount rate"]] = rate
    wb["Energy"][read_energy(wb["Energy"]).figure_cells["Electricity tariff"]] = tariff
    wb.save(out)
    return out


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
