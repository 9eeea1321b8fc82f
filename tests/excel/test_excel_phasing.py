"""The workbook's build-out sheets: Phases, Finance and the phasing comparison on the Scenarios sheet.

The numbers recalculated by a spreadsheet engine are checked in test_excel_recalc; these tests
check what is written: which sheets appear (and why not), the formulas' shape, the inputs, the
charts, and the scenario comparison against ``compare_scenarios`` run on its own.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import openpyxl
import pytest

from dcplanner.io.excel import collect_export_data, write_capacity_workbook
from dcplanner.io.excel.buildout import NO_BUILDOUT, NOT_ASKED
from dcplanner.io.excel.export import describe_manifest
from dcplanner.io.excel.sheets.scenarios import BUILDOUT_ENERGY_COST, BUILDOUT_PUE
from dcplanner.io.excel.styles import INPUT_FONT
from dcplanner.io.excel.writer import build_workbook
from dcplanner.io.project_file import load_project
from dcplanner.solvers.phasing.energy_curve import project_energy_source
from dcplanner.solvers.scenario_comparison import compare_scenarios
from tests.excel.edge_sites import phased_site
from tests.excel.energy_cells import read_energy
from tests.excel.phasing_cells import read_finance, read_phases
from tests.factories import small_site

WHEN = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def phased(tmp_path_factory):
    path = tmp_path_factory.mktemp("phased") / "phased.xlsx"
    data = collect_export_data(phased_site(), generated_at=WHEN)
    manifest = write_capacity_workbook(path, data)
    return data, manifest, openpyxl.load_workbook(path)


def test_a_site_without_a_build_out_is_exported_without_phases_and_finance(tmp_path):
    site = small_site()
    assert not site.buildout.planned
    data = collect_export_data(site, generated_at=WHEN, with_energy=False)
    assert data.phasing is None and data.unavailable["phasing"] == NO_BUILDOUT
    assert all(case.phasing is None and not case.phasing_problem for case in data.cases)
    manifest = write_capacity_workbook(tmp_path / "small.xlsx", data)
    assert ("Phases", ("phasing",)) in manifest.skipped and ("Finance", ("phasing",)) in manifest.skipped
    line = describe_manifest("small.xlsx", manifest)
    assert line.endswith(f"Phases and Finance left out (no phasing results: {NO_BUILDOUT})")
    labels = {
        row[0] for row in openpyxl.load_workbook(tmp_path / "small.xlsx")["Scenarios"].iter_rows(values_only=True)
    }
    assert not any(str(label).startswith("Build-out") for label in labels)


def test_phasing_can_be_left_out(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("phasing was solved")

    monkeypatch.setattr("dcplanner.io.excel.buildout.compare_scenarios", never)
    data = collect_export_data(phased_site(), generated_at=WHEN, with_energy=False, with_phasing=False)
    assert data.phasing is None and data.unavailable == {"energy": NOT_ASKED, "phasing": NOT_ASKED}


def test_an_infeasible_exported_scenario_skips_the_sheets_with_the_binding_limit(tmp_path):
    data = collect_export_data(phased_site(), scenario="tight", generated_at=WHEN, with_energy=False)
    assert data.phasing is None and "no feasible build-out schedule" in data.unavailable["phasing"]
    manifest = write_capacity_workbook(tmp_path / "tight.xlsx", data)
    line = describe_manifest("tight.xlsx", manifest)
    assert "Phases and Finance left out (no phasing results: Test site: no feasible build-out schedule" in line
    assert "[coverage] demand cannot be covered" in line and "\n" not in line
    # the other cases keep their results for the comparison
    assert {case.id: case.phasing is not None for case in data.cases} == {"base": True, "tight": False, "idle": True}


def test_phases_sheet_schedule_periods_and_utilisation_formulas(phased):
    data, manifest, wb = phased
    p = data.phasing
    ws = wb["Phases"]
    cells = read_phases(ws)
    schedule = cells.tables["Candidate"]
    assert [row["Candidate"] for row in schedule] == ["H1", "EXT"]
    ext = schedule[1]
    assert ext["Name"] == "=extension" and ext["Kind"] == "rows"  # user text stays text
    assert ext["Design IT (kW)"] == 40.0 and ext["Facility capex (M CNY)"] == 1.5e6
    hall = schedule[0]
    assert hall["Design IT (kW)"] == pytest.approx(80.0) and hall["Cabinets"] == 8  # covered: the laid-out hall
    assert cells.totals["Candidate"]["Capacity (MW)"].startswith("=SUMIFS(")  # built candidates only
    periods = cells.tables["Period start"]
    assert len(periods) == 6 * 4  # six years of quarters
    header = [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "Period start")]
    col = {str(h).replace("\u00a0", " "): n for n, h in enumerate(header)}
    for n, row in enumerate(r for r in ws.iter_rows() if r[0].value in {x["Period start"] for x in periods}):
        use, cap, served = (row[col[key]] for key in ("Utilisation (%)", "Capacity, mean (MW)", "Served, mean (MW)"))
        c, v = f"${cap.column_letter}${cap.row}", f"${served.column_letter}${served.row}"
        assert use.value == f"=IF({c}>0,{v}/{c},0)"  # served / capacity, 0 where nothing is built
        want = served.value / cap.value if cap.value > 0 else 0.0
        assert manifest.expected[("Phases", use.coordinate)] == pytest.approx(want, rel=1e-12), n
    assert ws.conditional_formatting  # utilisation from 90 % shaded
    (chart,) = ws._charts
    assert len(chart.series) == 1 and len(chart._charts[1].series) == 3  # capacity bars, three demand lines
    assert any(str(text).startswith("EXT: not laid out") for text in cells.figures)  # the solver's notes
    assert p is not None and p.schedule.how == "optimised"


def test_finance_sheet_inputs_and_formulas(phased):
    data, manifest, wb = phased
    p = data.phasing
    ws = wb["Finance"]
    cells = read_finance(ws)
    rate = ws[cells.figure_cells["Discount rate"]]
    price = ws[cells.figure_cells["Electricity price"]]
    assert rate.value == p.measures.discount_rate and rate.font.color.rgb == INPUT_FONT.color.rgb
    # one tariff cell prices both sheets: the Energy sheet's, times the time-of-use weighting
    tariff = read_energy(wb["Energy"]).figure_cells["Electricity tariff"]
    weight = cells.figure_cells["Time-of-use weighting"]
    assert price.value == f"=Energy!${tariff[0]}${tariff[1:]}*${weight[0]}${weight[1:]}"
    assert wb["Energy"][tariff].font.color.rgb == INPUT_FONT.color.rgb
    assert ws[weight].value == pytest.approx(p.measures.tariff_cny_per_kwh / p.problem.money.flat_tariff_cny_per_kwh)
    # time-of-use prices: the energy-weighted price sits between the valley and the peak price
    want = manifest.expected[("Finance", cells.figure_cells["Electricity price"])]
    assert want == pytest.approx(p.measures.tariff_cny_per_kwh) and 0.2 < want < 0.9
    assert want != pytest.approx(p.problem.money.flat_tariff_cny_per_kwh)
    years = cells.tables["Year from"]
    assert [y["Year from"] for y in years] == [f"{2026 + k}-01" for k in range(6)]
    header = next(r for r in ws.iter_rows() if r[0].value == "Year from")
    net = next(c for c in header if c.value == "Net cash (M\u00a0CNY)")
    col, first, last = net.column_letter, net.row + 1, net.row + 6
    # year 0 undiscounted, years 1 ... through the spreadsheet NPV (which discounts its first value)
    assert ws[cells.figure_cells["NPV"]].value == f"=${col}${first}+NPV($B${rate.row},${col}${first + 1}:${col}${last})"
    irr = ws[cells.figure_cells["IRR"]].value
    net_span = f"${col}${first}:${col}${last}"
    assert irr == f'=IF(AND(MAX({net_span})>0,MIN({net_span})<0),IRR({net_span}),"none")'
    assert cells.totals["Year from"]["Net cash (M CNY)"] == f"=SUM(${col}${first}:${col}${last})"
    flows = ws[f"{col}{first}"].value
    assert flows.startswith("=SUM(") and flows.endswith(f"${first})")  # the flows to its left
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Build-out: NPV"] == f"=Finance!{cells.figure_cells['NPV'].replace('B', '$B$')}"
    assert manifest.expected[("Finance", cells.figure_cells["NPV"])] == pytest.approx(p.measures.npv_cny)
    (chart,) = ws._charts
    assert len(chart.series) == 1 and len(chart._charts[1].series) == 1  # net cash bars, cumulative line


def test_scenarios_sheet_compares_the_build_out_of_every_case(sample_paths):
    path = sample_paths["guian_supercomputing"]
    site = load_project(path).site
    wb, _ = build_workbook(collect_export_data(site, generated_at=WHEN, base_dir=path.parent))
    ws = wb["Scenarios"]
    lines = {row[0].value: [c.value for c in row[2:]] for row in ws.iter_rows() if row[0].value}
    reference = compare_scenarios(site, project_energy_source(path.parent))
    assert [r.id for r in reference.rows] == ["base", *lines["Scenario id"][1:]]
    for label, key in (
        ("Build-out: NPV", "npv_cny"),
        ("Build-out: IRR", "irr"),
        ("Build-out: capex, nominal", "capex_cny"),
        (BUILDOUT_ENERGY_COST, "energy_cny_per_year"),
        (BUILDOUT_PUE, "annual_pue"),
        ("Build-out: cost per accelerator-hour", "cost_per_gpu_hour_cny"),
        ("Build-out: demand served", "served_share"),
    ):
        want = [getattr(r.result.measures, key) for r in reference.rows]
        assert lines[label] == pytest.approx(want, rel=1e-12), label
    assert lines["Build-out: payback"] == ["never"] * 4  # none of Gui'an's cases pays back
    assert lines["Build-out: construction starts"][0] == "P1 2021-06, P2 2023-07"
    table = [row for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]
    base = reference.rows[0].result.cash
    assert [row[0] for row in table] == list(base.years)
    assert [row[2] for row in table] == pytest.approx(list(base.cumulative_cash_cny), rel=1e-12)
    (chart,) = ws._charts
    assert len(chart.series) == 4  # one cumulative cash line per case


def test_scenarios_sheet_names_a_case_without_a_schedule(phased):
    data, _, wb = phased
    lines = {row[0].value: [c.value for c in row[2:]] for row in wb["Scenarios"].iter_rows() if row[0].value}
    base, tight, idle = lines["Build-out: construction starts"]
    assert base.startswith("H1 2026-") and tight.startswith("no schedule: Test site: no feasible build-out schedule")
    assert idle == "nothing built"  # both candidates disabled
    npv = lines["Build-out: NPV"]
    assert npv[0] == pytest.approx(data.phasing.measures.npv_cny) and npv[1] is None and npv[2] == 0
    assert lines["Build-out: IRR"][2] is None and math.isfinite(lines["Build-out: IRR"][0])
