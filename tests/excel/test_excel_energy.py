"""The energy year in the workbook: Energy sheet, hourly sheet, Summary, Power and Scenarios lines."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import openpyxl
import pytest
from openpyxl.chart import LineChart

from dcplanner.climate import make_weather
from dcplanner.io.excel import collect_export_data, write_capacity_workbook
from dcplanner.io.excel.book import Book, Column
from dcplanner.io.excel.sheets.energy import shown_components
from dcplanner.io.excel.styles import INPUT_FONT
from dcplanner.io.excel.writer import build_workbook, workbook_bytes
from dcplanner.io.project_file import load_project
from dcplanner.scenarios import scenario_site
from dcplanner.site_solve import solve_site
from dcplanner.solvers.energy.cooling import COMPONENTS
from tests.excel.edge_sites import HOSTILE
from tests.excel.energy_cells import read_energy
from tests.factories import small_site

WHEN = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)
MODE_TEXT = {0: "mechanical cooling only", 1: "partial free cooling", 2: "full free cooling"}


@pytest.fixture(scope="module")
def guian(sample_paths, tmp_path_factory):
    """The Gui'an sample exported: (site, data, manifest, formulas workbook)."""
    path = tmp_path_factory.mktemp("guian") / "guian.xlsx"
    site = load_project(sample_paths["guian_supercomputing"]).site
    data = collect_export_data(site, generated_at=WHEN)
    manifest = write_capacity_workbook(path, data)
    return site, data, manifest, openpyxl.load_workbook(path)


def test_hourly_sheet_holds_every_hour_of_the_year(sample_paths, tmp_path):
    path = tmp_path / "hourly.xlsx"
    site = load_project(sample_paths["guian_supercomputing"]).site
    data = collect_export_data(site, generated_at=WHEN, hourly=True)
    book, manifest = build_workbook(data)
    ws = book["Hourly energy"]  # formatting, before the values are read back from the file
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:T8761"
    assert ws["G2"].number_format == "#,##0.0" and ws["R8761"].number_format == "0.000"
    path.write_bytes(workbook_bytes(book))
    e = data.energy
    assert list(manifest.sheets).index("Hourly energy") == list(manifest.sheets).index("Energy") + 1
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb["Hourly energy"].iter_rows(values_only=True))
    assert len(rows) == 1 + 8760
    columns = dict(zip(rows[0], zip(*rows[1:], strict=True), strict=True))
    # calendar of a 365-day year from the standard library
    hours = [datetime(2001, 1, 1) + timedelta(hours=k) for k in range(8760)]
    assert list(columns["Time (MM-DD hh:mm)"]) == [f"{t:%m-%d %H:%M}" for t in hours]
    assert list(columns["Month"]) == [t.month for t in hours]
    assert list(columns["Day"]) == [t.day for t in hours]
    assert list(columns["Hour"]) == [t.hour for t in hours]
    # every value is the engine's array (the file keeps 16 significant digits)
    for header, values in (
        ("Dry bulb (°C)", e.dry_bulb_c),
        ("Wet bulb (°C)", e.wet_bulb_c),
        ("IT (kW)", e.it_kw),
        ("Electrical losses (kW)", e.electrical_loss_total_kw),
        ("Lighting (kW)", e.lighting_kw),
        ("Misc (kW)", e.misc_kw),
        ("Facility total (kW)", e.total_kw),
        ("PUE", e.total_kw / e.it_kw),
        ("Free-cooling share (%)", e.economizer_fraction),
    ):
        np.testing.assert_allclose(np.array(columns[header], dtype=float), values, rtol=1e-15, atol=0, err_msg=header)
    assert list(columns["Cooling mode"]) == [MODE_TEXT[m] for m in e.mode.tolist()]
    listed = [
        h for h in columns if h.startswith(("Air fans", "Compressors", "Chilled", "Condenser", "Heat-rej", "Hum"))
    ]
    assert len(listed) == 6
    cooling = np.sum([np.array(columns[h], dtype=float) for h in listed], axis=0)
    np.testing.assert_allclose(cooling, e.cooling_total_kw, rtol=1e-12)  # the listed components are the whole plant
    # the parts of each hour add up to its total (energy balance survives the export)
    parts = np.array(columns["IT (kW)"]) + cooling
    for h in ("Electrical losses (kW)", "Lighting (kW)", "Misc (kW)"):
        parts += np.array(columns[h])
    np.testing.assert_allclose(parts, np.array(columns["Facility total (kW)"]), rtol=1e-12)
    # the Energy sheet's months are these hours summed
    month, it = np.array(columns["Month"]), np.array(columns["IT (kW)"])
    full = np.array(columns["Cooling mode"]) == "full free cooling"
    cells = read_energy(wb["Energy"])
    for m, row in enumerate(cells.months, start=1):
        assert row["IT energy (MWh)"] == pytest.approx(it[month == m].sum() / 1000, rel=1e-12)
        assert row["Full free cooling (h)"] == int(full[month == m].sum())
    wb.close()


def test_hourly_sheet_only_when_asked(tmp_path):
    data = collect_export_data(small_site(), generated_at=WHEN, with_phasing=False)
    manifest = write_capacity_workbook(tmp_path / "a.xlsx", data)
    assert "Energy" in manifest.sheets and "Hourly energy" not in manifest.sheets
    assert [title for title, _ in manifest.skipped] == ["Phases", "Finance"]  # not asked for; no hourly sheet


def test_energy_sheet_formulas_follow_their_cells(guian):
    _, data, manifest, wb = guian
    e = data.energy
    ws = wb["Energy"]
    cells = read_energy(ws)
    at = cells.figure_cells
    grid, tariff = at["Grid emission factor"], at["Electricity tariff"]
    assert ws[grid].value == 0.5 and ws[grid].font.color.rgb == "001F4EA8"  # a blue input
    assert ws[tariff].value == 0.35
    grid_ref, tariff_ref = (f"${c[0]}${c[1:]}" for c in (grid, tariff))
    cue = ws[at["CUE"]].value
    assert cue.startswith("=IF(ISNUMBER(") and f"{grid_ref}*" in cue
    assert ws[at["Energy cost per year"]].value == f"={tariff_ref}*{ws[at['Facility energy']].value[1:]}*1000"
    # annual PUE divides the year's totals: total facility energy over total IT energy
    it_total, fac_total = ws[at["IT energy"]].value[1:], ws[at["Facility energy"]].value[1:]
    assert ws[at["Annual PUE"]].value == f'=IF({it_total}>0,{fac_total}/{it_total},"")'
    assert ws[it_total.replace("$", "")].value.startswith("=SUM(")  # the monthly table's year total
    # a month's PUE divides that month's facility energy by its IT energy
    jan = next(r for r in range(1, ws.max_row) if ws.cell(row=r, column=1).value == "Jan")
    header = {c.value: c.column_letter for c in ws[jan - 1]}
    pue = ws[f"{header['PUE']}{jan}"].value
    it, fac = (f"${header[h]}${jan}" for h in ("IT energy (MWh)", "Facility energy (MWh)"))
    assert pue == f'=IF({it}>0,{fac}/{it},"")'

    assert manifest.expected[("Energy", f"{header['PUE']}{jan}")] == pytest.approx(e.monthly_pue[0], rel=1e-12)
    # cached values are the engine's months
    assert [m["IT energy (MWh)"] for m in cells.months] == pytest.approx(
        [e.it_kw[e.month == m].sum() / 1000 for m in range(1, 13)], rel=1e-12
    )
    assert [m["Hours"] for m in cells.months] == [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]
    assert cells.figures["Climate kind"] == "synthesised" and cells.figures["Climate"] == e.climate_name
    assert cells.figures["Cooling architecture"] == "chw_tower_wse"


def test_energy_sheet_lists_only_components_the_plant_has(guian):
    _, data, _, wb = guian
    e = data.energy
    cooling, _ = shown_components(e)
    assert set(cooling) == {k for k in COMPONENTS if e.cooling_energy_kwh[k] > 0}
    assert "scavenger_fans" not in cooling and "compressors" in cooling  # chillers, no indirect evaporative unit
    parts = read_energy(wb["Energy"]).parts
    assert "  Scavenger fans (indirect evaporative)" not in {f"  {p}" for p in parts}
    assert "Compressors (chillers, DX)" in parts


def test_monthly_pue_line_chart(guian):
    _, _, _, wb = guian
    ws = wb["Energy"]
    charts = ws._charts
    assert len(charts) == 1 and isinstance(charts[0], LineChart)
    series = charts[0].series
    assert len(series) == 1
    jan = next(r for r in range(1, ws.max_row) if ws.cell(row=r, column=1).value == "Jan")
    pue_col = next(c.column_letter for c in ws[jan - 1] if c.value == "PUE")
    assert series[0].val.numRef.f == f"'Energy'!${pue_col}${jan}:${pue_col}${jan + 11}"
    assert series[0].cat.numRef.f == f"'Energy'!$A${jan}:$A${jan + 11}" or series[0].cat.strRef.f.endswith(
        f"$A${jan}:$A${jan + 11}"
    )


def test_summary_key_figures_come_from_the_energy_sheet(guian):
    _, data, manifest, wb = guian
    e = data.energy
    lines = {row[0].value: row[1] for row in wb["Summary"].iter_rows(min_col=1, max_col=2) if row[0].value}
    want = {
        "Annual PUE": e.facility_energy_kwh / e.it_energy_kwh,
        "Facility energy per year": e.total_kw.sum() / 1000,
        "Energy cost per year": 0.35 * e.total_kw.sum(),  # the site tariff, CNY/kWh
        "CO2 per year": 0.5 * e.total_kw.sum() / 1000,  # 0.5 kg/kWh -> t
        "WUE": e.water_l_per_h.sum() / e.it_kw.sum(),
    }
    for label, value in want.items():
        c = lines[label]
        assert c.value.startswith("=Energy!$B$"), label
        assert manifest.expected[("Summary", c.coordinate)] == pytest.approx(value, rel=1e-12), label


def test_power_chain_is_sized_by_the_energy_design_peak(guian):
    _, data, manifest, wb = guian
    power = wb["Power"]
    lines = {row[0].value: row[1] for row in power.iter_rows(min_col=1, max_col=2) if row[0].value}
    it, ratio, peak = (lines[k] for k in ("Design IT load", "Design-peak ratio", "Peak facility load for sizing"))
    # design IT (the Cabinets sheet's design kW, summed) times the ratio input cell
    assert peak.value == f"=$B${it.row}*$B${ratio.row}"
    assert it.value.startswith("=Halls!")
    assert ratio.font.color.rgb == INPUT_FONT.color.rgb
    design_it = data.results.capacity.site.design_kw
    assert ratio.value == pytest.approx(data.energy.design_peak_facility_kw / design_it, rel=1e-12)
    assert manifest.expected[("Power", peak.coordinate)] == pytest.approx(data.results.capacity.peak_facility_kw)
    energy_peak = next(r for r in wb["Energy"].iter_rows() if r[0].value == "Design peak facility power")[1]
    assert energy_peak.value == data.energy.design_peak_facility_kw  # the figure the ratio was taken from
    # the utility, transformers and generators carry that load
    rows = {row[0].value: row for row in power.iter_rows() if row[0].value}
    header = next(r for r in power.iter_rows() if r[0].value == "Equipment" and r[1].value)  # below the section title
    load_col = [c.value for c in header].index("Load (kW)")
    for name in ("Utility feeds", "Transformers (MV/LV)", "Standby generators"):
        coord = rows[name][load_col].coordinate
        assert manifest.expected[("Power", coord)] == pytest.approx(data.energy.design_peak_facility_kw)


def test_scenarios_compare_energy_per_case(guian, sample_paths):
    site, data, _, wb = guian
    lines = {row[0].value: [c.value for c in row[2:5]] for row in wb["Scenarios"].iter_rows() if row[0].value}
    header = [c.value for c in wb["Scenarios"][1]][2:5]
    assert header == ["Base site (this workbook)", "Tariff 0.50 CNY/kWh", "GPU nodes refreshed to DGX H100"]
    refresh = solve_site(scenario_site(site, "h100-refresh"), energy=True).energy
    base = data.energy
    assert lines["Annual PUE"] == pytest.approx([base.annual_pue, base.annual_pue, refresh.annual_pue], rel=1e-12)
    assert lines["Facility energy per year"] == pytest.approx(
        [base.facility_energy_kwh / 1000, base.facility_energy_kwh / 1000, refresh.facility_energy_kwh / 1000]
    )
    # each case at its own tariff: the tariff scenario pays 0.50 instead of 0.35 CNY/kWh
    assert lines["Energy cost per year"] == pytest.approx(
        [0.35 * base.facility_energy_kwh, 0.50 * base.facility_energy_kwh, 0.35 * refresh.facility_energy_kwh]
    )
    assert not math.isclose(refresh.annual_pue, base.annual_pue, rel_tol=1e-6)


def test_site_without_it_load_exports_without_energy(tmp_path):
    site = small_site()
    for row in site.halls[0].rows:
        row.cabinets = []
    data = collect_export_data(site, generated_at=WHEN)
    assert data.energy is None
    manifest = write_capacity_workbook(tmp_path / "empty.xlsx", data)
    assert ("Energy", ("energy",)) in manifest.skipped and "Energy" not in manifest.sheets


def test_data_rows_keep_text_as_text_and_refuse_infinity():
    book = Book()
    ws = book.sheet("T")
    cols = [Column("name", "Name"), Column("kw", "kW", "0.0")]
    last = book.data_rows(ws, cols, {"name": [HOSTILE, "plain"], "kw": np.array([1.5, np.nan])})
    assert last == 2 and ws["A1"].value == HOSTILE and ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert ws["B1"].value == 1.5 and ws["B1"].number_format == "0.0" and ws["B2"].value is None  # NaN -> blank
    with pytest.raises(ValueError, match="'kW' holds an infinite value"):
        book.data_rows(ws, cols, {"name": ["x"], "kw": np.array([np.inf])})


def test_leap_year_weather(tmp_path):
    """8,784 hours: February has 696 hours and the hourly sheet holds 29 February."""
    hours = np.arange(8784)
    weather = make_weather(
        name="leap test year",
        source="test",
        kind="measured",
        latitude_deg=26.6,
        longitude_deg=106.7,
        elevation_m=1224,
        time_zone_h=8,
        first_weekday=0,
        dry_bulb_c=10 + 12 * (hours % 24) / 24,
        pressure_pa=87_000.0,
        rel_humidity=np.full(8784, 0.7),
    )
    data = collect_export_data(small_site(), generated_at=WHEN, weather=weather, hourly=True)
    book, _ = build_workbook(data)
    cells = read_energy(book["Energy"])
    assert [m["Hours"] for m in cells.months] == [744, 696, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]
    ws = book["Hourly energy"]
    assert ws.max_row == 1 + 8784
    feb29 = 1 + 59 * 24 + 1  # header, 31 + 28 days, then the first hour of 29 February
    assert [c.value for c in ws[feb29]][:4] == ["02-29 00:00", 2, 29, 0]
    assert [c.value for c in ws[ws.max_row]][:4] == ["12-31 23:00", 12, 31, 23]
