"""The capacity workbook as a reader opens it: sheets, figures, formatting, safety, atomic writes."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest

from dcplanner import __version__
from dcplanner.io.excel import (
    KeyFigure,
    SheetSpec,
    WorkbookManifest,
    collect_export_data,
    default_sheets,
    write_capacity_workbook,
)
from dcplanner.io.excel.book import Book
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.labels import COOLING_ARCHITECTURES, PRECISION_LABELS
from dcplanner.io.excel.safe_text import clean_text
from dcplanner.io.project_file import load_project
from dcplanner.model.site import CoolingArchitecture
from dcplanner.solvers.inventory import PRECISIONS
from tests.excel.edge_sites import HOSTILE, hostile_site
from tests.factories import small_site

WHEN = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)
SHEETS = [
    "Summary",
    "Halls",
    "Rows",
    "Cabinets",
    "Power",
    "Cooling",
    "Energy",
    "Phases",
    "Finance",
    "Scenarios",
    "Compliance",
    "Assumptions",
]


def export(site, path: Path, **kw) -> tuple[openpyxl.Workbook, WorkbookManifest]:
    manifest = write_capacity_workbook(path, collect_export_data(site, generated_at=WHEN, **kw))
    return openpyxl.load_workbook(path), manifest


def figure(wb: openpyxl.Workbook, manifest: WorkbookManifest, label: str) -> tuple[object, object]:
    """(cell content, engine value) of a Summary line."""
    ws = wb["Summary"]
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value == label:
            return row[1].value, manifest.expected.get(("Summary", row[1].coordinate), row[1].value)
    raise KeyError(label)


@pytest.fixture(scope="module")
def anshun(sample_paths, tmp_path_factory):
    path = tmp_path_factory.mktemp("anshun") / "anshun.xlsx"
    site = load_project(sample_paths["anshun"]).site
    wb, manifest = export(site, path)
    return site, wb, manifest, path


def test_labels_cover_the_engine_keys():
    assert set(PRECISION_LABELS) == set(PRECISIONS)
    assert set(COOLING_ARCHITECTURES) == set(CoolingArchitecture.__args__)


def test_sample_workbook_sheets_cabinets_and_chinese_text(anshun):
    site, wb, manifest, _ = anshun
    assert wb.sheetnames == SHEETS == list(manifest.sheets)
    assert wb.active.title == "Summary"
    assert wb["Summary"]["A1"].value == "南智云谷数据中心 Nanzhi Cloud Valley, Anshun"
    halls = wb["Halls"]
    names = [halls.cell(row=r, column=2).value for r in range(2, 7)]
    assert names == [f"数据机房 {h} / Data hall {h}" for h in range(1, 6)]
    cab = wb["Cabinets"]
    header = [c.value for c in cab[1]]
    assert header[:6] == ["Cabinet id", "Hall", "Row", "Position", "Cabinet type", "Design (kW)"]
    assert "Peak FP16 (TFLOPS)" in header and "Peak INT8 (TOPS)" in header
    cabinets = [c for h in site.halls for r in h.rows for c in r.cabinets]
    assert cab.max_row == 1 + len(cabinets) == 1016
    first = [c.value for c in cab[2]]
    assert first[:7] == ["A1-01-01", "A1", "A1-01", 0, "std-600x1200-47u", 20.0, 3 * 5.5]  # 3 HGX H20 at 5.5 kW
    assert first[header.index("Server load")] == "3 × hgx-h20-8gpu"
    # 3 x 8 H20 at 148 TFLOPS FP16 dense [S11]
    assert first[header.index("Peak FP16 (TFLOPS)")] == pytest.approx(3 * 8 * 148)


def test_summary_figures_are_live_links_with_units(anshun):
    _, wb, manifest, _ = anshun
    assert figure(wb, manifest, "Cabinets installed")[1] == 1015
    text, value = figure(wb, manifest, "Design IT load")
    assert text.startswith("=Halls!") and value == pytest.approx(1015 * 20.0)
    text, value = figure(wb, manifest, "Peak FP16")
    assert text.startswith("=Halls!") and value == pytest.approx(2176.512)
    assert figure(wb, manifest, "Accelerator-hours per year")[1] == pytest.approx(12192 * 8760 * 0.65)
    halls = wb["Halls"]
    design = halls.cell(row=2, column=12)
    assert design.value == "=SUMIFS(Cabinets!$F:$F,Cabinets!$B:$B,$A$2)"
    assert manifest.expected[("Halls", "L2")] == pytest.approx(203 * 20.0)
    units = {c.value for c in wb["Summary"]["C"] if c.value}
    assert {"kW", "PFLOPS", "POPS", "cabinets", "m²", "h"} <= units


def test_formatting_freeze_filter_formats_print_and_charts(anshun):
    _, wb, _, _ = anshun
    halls, cab, rows = wb["Halls"], wb["Cabinets"], wb["Rows"]
    assert halls.freeze_panes == "B2" and cab.freeze_panes == "B2" and rows.freeze_panes == "C2"
    assert cab.auto_filter.ref.startswith("A1:") and cab.auto_filter.ref.endswith("1016")
    assert halls.auto_filter.ref == "A1:V6"  # five halls; the site total stays out of the filter
    assert cab["F2"].number_format == "#,##0.0" and halls["J2"].number_format == "0.0%"
    assert cab.print_title_rows == "$1:$1"
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert "&P" in ws.oddFooter.right.text
        widths = [d.width for d in ws.column_dimensions.values() if d.width]
        assert widths and min(widths) >= 6 and max(widths) <= 48, ws.title
    assert len(wb["Summary"]._charts) == 1 and len(halls._charts) == 1
    assert wb["Power"].data_validations.dataValidation  # redundancy drop-downs
    assert halls.conditional_formatting  # use above 90 % / 100 % is shaded


def test_document_properties(anshun):
    site, wb, _, _ = anshun
    p = wb.properties
    assert p.title == f"{site.name} — capacity workbook"
    assert p.creator == f"dcplanner {__version__}" and p.version == __version__
    custom = {prop.name: prop.value for prop in wb.custom_doc_props.props}
    assert custom["Site id"] == "anshun-nanzhi" and custom["Scenario"] == "base"


def test_capacity_figures_match_a_hand_calculation(tmp_path):
    """Small site without its energy year: 8 cabinets x 10 kW = 80 kW in one hall.

    Hall cooling 4 x 30 kW N+1 -> 90 kW usable -> 88.9 %, the highest use; UPS 4 x 50 kW 2N ->
    100 kW (80 %); transformers 2 x 200 kVA x 0.9 2N -> 180 kW for 80 x 1.5 = 120 kW (66.7 %).
    IT headroom before the cooling limit: 90 - 80 = 10 kW.
    """
    wb, manifest = export(small_site(), tmp_path / "small.xlsx", with_energy=False)
    assert "Energy" not in wb.sheetnames
    assert figure(wb, manifest, "Design IT load")[1] == pytest.approx(80.0)
    assert figure(wb, manifest, "Binding limit")[1] == "Hall cooling units — hall H1"
    assert figure(wb, manifest, "Binding limit use")[1] == pytest.approx(80 / 90)
    assert figure(wb, manifest, "IT headroom before the binding limit")[1] == pytest.approx(10.0)
    power = wb["Power"]
    lines = {row[0].value: row for row in power.iter_rows() if row[0].value}
    ups = lines["UPS modules"]
    assert manifest.expected[("Power", ups[9].coordinate)] == pytest.approx(100.0)  # usable kW
    assert ups[7].value.startswith('=MAX($F$15-IF($G$15="2N",INT($F$15/2)')  # usable units from count
    tx = lines["Transformers (MV/LV)"]
    assert manifest.expected[("Power", tx[11].coordinate)] == pytest.approx(120 / 180)


def test_user_text_never_becomes_a_formula(tmp_path):
    assert openpyxl.xml.DEFUSEDXML, "workbooks must be read through defusedxml"
    wb, manifest = export(hostile_site(), tmp_path / "hostile.xlsx")
    summary = wb["Summary"]
    assert summary["A1"].value == HOSTILE and summary["A1"].data_type == "s" and summary["A1"].quotePrefix
    texts = {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ("+1 hall", "=1+1", "@SUM(1,2) 贵阳", "=P1", "=R1", ">R2", "A*", "=hot"):
        assert texts[text].data_type == "s", text
    assert "-2+3 plan with a bell character" in texts  # the control character is dropped, the rest kept
    formulas = {
        (ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    }
    assert formulas == set(manifest.expected)  # every formula is one the writer made
    halls = wb["Halls"]
    assert halls["H2"].value == '=COUNTIFS(Cabinets!$B:$B,"=A~*")'  # a wildcard id is matched literally
    scenarios = {row[0].value: row for row in wb["Scenarios"].iter_rows()}
    assert scenarios["Changes from the base site"][4].value.startswith("not solved: scenarios[broken]")


def test_clean_text_limits():
    assert clean_text("a\x00b\x1fc") == "abc"
    long = clean_text("x" * 40_000)
    assert len(long) == 32_767 and long.endswith("…")


def test_nothing_is_written_when_a_sheet_fails(tmp_path):
    target = tmp_path / "keep.xlsx"
    target.write_bytes(b"previous workbook")

    def broken(book: Book, data: ExportData) -> list[KeyFigure]:
        raise RuntimeError("builder failed")

    data = collect_export_data(small_site(), generated_at=WHEN)
    with pytest.raises(RuntimeError, match="builder failed"):
        write_capacity_workbook(target, data, [*default_sheets(), SheetSpec("Broken", broken, tab=95)])
    assert target.read_bytes() == b"previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.xlsx"]  # no temporary file left behind


def test_sheets_needing_absent_results_are_skipped(tmp_path):
    seen: list[object] = []

    def probe_sheet(book: Book, data: ExportData) -> list[KeyFigure]:
        ws = book.sheet("Probe")
        book.put(ws, 1, 1, "a sheet of phasing results")
        seen.append(data.phasing)
        return [KeyFigure("Probe", 3, fmt="0")]

    specs = [*default_sheets(), SheetSpec("Probe", probe_sheet, tab=75, requires=("phasing",))]
    data = collect_export_data(small_site(), generated_at=WHEN, with_energy=False)  # no build-out: no phasing
    manifest = write_capacity_workbook(tmp_path / "a.xlsx", data, specs)
    assert not {"Probe", "Phases", "Finance", "Energy"} & set(manifest.sheets)
    assert manifest.skipped == (  # the hourly sheet was not asked for
        ("Energy", ("energy",)),
        ("Phases", ("phasing",)),
        ("Finance", ("phasing",)),
        ("Probe", ("phasing",)),
    )
    assert seen == []

    result = object()
    probe_only = [spec for spec in specs if spec.title not in ("Phases", "Finance", "Compliance")]
    manifest = write_capacity_workbook(tmp_path / "b.xlsx", dataclasses.replace(data, phasing=result), probe_only)
    assert manifest.sheets == (
        "Summary",
        "Halls",
        "Rows",
        "Cabinets",
        "Power",
        "Cooling",
        "Probe",
        "Scenarios",
        "Assumptions",
    )
    assert seen == [result]
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx")
    assert figure(wb, manifest, "Probe")[0] == 3  # key figures of a new sheet reach the Summary


def test_scenario_export_marks_the_scenario(sample_paths, tmp_path):
    site = load_project(sample_paths["anshun"]).site
    wb, manifest = export(site, tmp_path / "s.xlsx", scenario="density-30kw", with_phasing=False)
    assert "Scenario 30 kW cabinets" in wb["Summary"]["A2"].value
    assert figure(wb, manifest, "Design IT load")[1] == pytest.approx(1015 * 30.0)
    header = [c.value for c in wb["Scenarios"][1]]
    assert header[2:5] == ["Base site", "30 kW cabinets (this workbook)", "Chilled water with waterside economizer"]
    lines = {row[0].value: [c.value for c in row] for row in wb["Scenarios"].iter_rows()}
    assert lines["Design IT load"][2:5] == pytest.approx([20300.0, 30450.0, 20300.0])
    assert wb.custom_doc_props["Scenario"].value == "density-30kw"


def test_assumptions_resolve_catalog_sources(anshun):
    _, wb, _, _ = anshun
    ws = wb["Assumptions"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    kinds = {r[3] for r in rows if r[3]}
    assert {"fact", "assumption", "derived", "catalog", "convention"} <= kinds
    h20 = next(r for r in rows if r[1] and str(r[1]).startswith("h20-96gb"))
    assert "FP16 148" in h20[2] and "S11" in h20[5]
    refs = {r[0]: r[2] for r in rows if r[0] and re.fullmatch(r"S\d+|SEED", str(r[0]))}
    assert refs["S11"].startswith("H20 specification summary")
    assert refs["SEED"].startswith("Guizhou Daily")


def test_cabinets_sheet_heads_and_notes_every_cabinet_field_as_the_model_describes_it(anshun):
    from dcplanner.model.schema import describe_fields
    from dcplanner.model.site import Cabinet

    site, wb, _, _ = anshun
    assert not any(c.name for h in site.halls for r in h.rows for c in r.cabinets)  # so no Name column
    header = {c.value: c for c in wb["Cabinets"][1]}
    shown = ["Cabinet id", "Position", "Cabinet type", "Design (kW)", "Phase", "Server load"]
    assert [h for h in header if h in {*shown, "Name"}] == shown
    for info in describe_fields(Cabinet):
        if info.name != "name":
            assert header[info.header].comment.text.startswith(info.help), info.name
    assert header["Design (kW)"].comment.text == (
        "The cabinet's power budget: the halls' design IT, the power chain's loads and their use follow it."
    )
    assert header["Phase"].comment.text == (
        "Build-out phase id. Read back by dcplanner import-cabinets; no formula in this workbook follows it (grey)."
    )
    assert "'count × server model id', several joined by '; '" in header["Server load"].comment.text
