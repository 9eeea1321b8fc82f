"""A workbook that follows its inputs: findings, OVER flags, the facility peak from the cabinets,
inputs that feed formulas, one tariff, fixed values told apart, print layout, redundancy schemes.

LibreOffice Calc recalculates edited copies (every cabinet raised to 30 kW) and a probe of the
usable-unit formula; the figures it computes are compared with ``dcplanner solve --json`` run as a
user runs it, and with the capacity solver's own rule.

The facility peak that sizes utility, transformers and generators is design IT x the design-peak
ratio held in an input cell (the energy engine's design peak / design IT at export). The engine's
ratio moves with the load (cooling and losses do not scale exactly with IT): at Anshun it is
1.23227 at 20 kW per cabinet and 1.23347 at 30 kW, so a copy that keeps the exported ratio
differs from the CLI at 30 kW by exactly the ratio of the two ratios (about 0.1 %); a copy given
the CLI's ratio agrees to 1e-9.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formula import Tokenizer
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

from dcplanner.io.excel import collect_export_data, write_capacity_workbook
from dcplanner.io.excel.charts import PRINTABLE_HEIGHT_CM
from dcplanner.io.excel.formulas import OVER, REDUNDANCY_SCHEMES, usable_units
from dcplanner.io.excel.styles import FROZEN_FILL, FROZEN_FONT, HIGHLIGHT_FILL, INPUT_FONT
from dcplanner.io.excel.writer import build_workbook
from dcplanner.io.project_file import load_project
from dcplanner.solvers.capacity import usable_units as solver_usable_units
from tests.excel.edge_sites import phased_site, unbudgeted_site
from tests.excel.libreoffice import recalculate, soffice
from tests.factories import small_site
from tests.test_cli import run

WHEN = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)
AT_30_KW = "halls.*.rows.*.cabinets.*.design_kw=30"
needs_calc = pytest.mark.skipif(soffice() is None, reason="LibreOffice Calc is not installed")

# Functions of Excel 2010 that LibreOffice computes too (no MAXIFS, IFS, TEXTJOIN: Excel 2019).
EXCEL_2010 = {
    "SUM", "SUMIFS", "SUMPRODUCT", "COUNTIF", "COUNTIFS", "AVERAGEIF", "IF", "AND", "OR", "MAX", "MIN",
    "INT", "INDEX", "MATCH", "ROWS", "ISNUMBER", "N", "NPV", "IRR",
}  # fmt: skip


@pytest.fixture(scope="module")
def books(sample_paths, tmp_path_factory):
    """Workbooks of Anshun (base and at 30 kW), the build-out site and the small site without energy."""
    folder = tmp_path_factory.mktemp("follows")
    anshun = load_project(sample_paths["anshun"]).site
    cases = {
        "anshun": (anshun, {}),
        "anshun30": (anshun, {"scenario": "density-30kw", "with_phasing": False}),
        "phased": (phased_site(), {}),
        "small": (small_site(), {"with_energy": False}),
        "unbudgeted": (unbudgeted_site(), {"with_energy": False}),
    }
    out = {}
    for name, (site, options) in cases.items():
        data = collect_export_data(site, generated_at=WHEN, **options)
        path = folder / f"{name}.xlsx"
        manifest = write_capacity_workbook(path, data)
        out[name] = (path, data, manifest)
    return folder, out


def _cli(sample_paths, *sets: str) -> dict:
    args = [arg for s in sets for arg in ("--set", s)]
    res = run("solve", str(sample_paths["anshun"]), "--json", *args)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def _rows(ws) -> dict[str, tuple]:
    return {row[0].value: row for row in ws.iter_rows() if row[0].value}


def _power_table(ws) -> tuple[dict[str, int], dict[str, tuple]]:
    header = next(r for r in ws.iter_rows() if r[0].value == "Equipment" and r[1].value)
    col = {c.value: n for n, c in enumerate(header) if c.value}
    return col, _rows(ws)


# ---------------------------------------------------------------------------------------------
# formulas and the cells they follow


def _references(wb) -> dict[str, list[tuple[int, int, int, int]]]:
    """Every cell block any formula refers to, by sheet: (min col, min row, max col, max row)."""
    refs: dict[str, list[tuple[int, int, int, int]]] = {ws.title: [] for ws in wb.worksheets}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                for token in Tokenizer(c.value).items:
                    if token.type != "OPERAND" or token.subtype != "RANGE":
                        continue
                    sheet, _, block = token.value.rpartition("!")
                    sheet = sheet.strip("'").replace("''", "'") or ws.title
                    lo_col, lo_row, hi_col, hi_row = range_boundaries(block.replace("$", ""))
                    refs[sheet].append((lo_col, lo_row or 1, hi_col, hi_row or 1_048_576))
    return refs


def _functions(wb) -> set[str]:
    names = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    names |= {
                        t.value.rstrip("(") for t in Tokenizer(c.value).items if t.type == "FUNC" and t.value != ")"
                    }
    return names


def _legend_rows(ws) -> set[int]:
    """Rows of the Summary legend (its samples wear the styles they explain)."""
    start = next(c.row for (c,) in ws.iter_rows(min_col=1, max_col=1) if c.value == "Legend")
    return {start + 1, start + 2, start + 3}


def _is_input(c) -> bool:
    return c.font is not None and c.font.color is not None and c.font.color.rgb == INPUT_FONT.color.rgb


def test_every_blue_input_feeds_a_formula(books):
    _, out = books
    checked = 0
    for name, (path, _, _) in out.items():
        wb = openpyxl.load_workbook(path)
        refs = _references(wb)
        orphans = []
        legend = _legend_rows(wb["Summary"])
        for ws in wb.worksheets:
            blocks = refs[ws.title]
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None or c.data_type == "f" or not _is_input(c):
                        continue
                    if ws.title == "Summary" and c.row in legend:  # the legend's sample of the input style
                        continue
                    checked += 1
                    if not any(a <= c.column <= b and r0 <= c.row <= r1 for a, r0, b, r1 in blocks):
                        orphans.append(f"{ws.title}!{c.coordinate} = {c.value!r}")
        assert not orphans, f"{name}: inputs no formula follows:\n" + "\n".join(orphans[:20])
    assert checked > 2000  # the cabinets' design kW and types, halls, rows, power and cooling units


def test_the_reference_parser_sees_an_unreferenced_input(tmp_path):
    """The check above can fail: an input cell no formula names is found."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["B1"] = 1, 2, "=SUM(Sheet!$A$1:$A$1)+Sheet!$C:$C"
    refs = _references(wb)["Sheet"]
    covered = {
        (c, r) for c, r in ((1, 1), (1, 2), (3, 500)) if any(a <= c <= b and r0 <= r <= r1 for a, r0, b, r1 in refs)
    }
    assert covered == {(1, 1), (3, 500)}


def test_fixed_values_look_different_from_formulas_and_the_summary_explains(books):
    _, out = books
    path, _, _ = out["anshun"]
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                number = isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
                if c.data_type == "f":
                    assert not _is_input(c) and c.fill.fgColor.rgb != FROZEN_FILL.fgColor.rgb, c.coordinate
                elif number and not _is_input(c) and not (c.font and c.font.b):  # bold: row labels (years)
                    # grey text; pale grey fill unless the Scenarios sheet highlights the exported case
                    assert c.font.color.rgb == FROZEN_FONT.color.rgb, f"{ws.title}!{c.coordinate}"
                    fills = {FROZEN_FILL.fgColor.rgb, HIGHLIGHT_FILL.fgColor.rgb}
                    assert c.fill.fgColor.rgb in fills, f"{ws.title}!{c.coordinate}"
    legend = _rows(wb["Summary"])
    assert _is_input(legend["Input"][0]) and legend["Fixed"][0].fill.fgColor.rgb == FROZEN_FILL.fgColor.rgb
    assert "live formula" in legend["Formula"][1].value and "fixed at export" in legend["Fixed"][1].value
    # the energy year's monthly figures are engine results: fixed, not inputs
    months = next(r for r in wb["Energy"].iter_rows() if r[0].value == "Jan")
    assert months[2].fill.fgColor.rgb == FROZEN_FILL.fgColor.rgb and not _is_input(months[2])


def test_formulas_use_only_functions_excel_2010_and_calc_share(books):
    _, out = books
    seen: set[str] = set()
    for path, _, _ in out.values():
        seen |= _functions(openpyxl.load_workbook(path))
    assert seen <= EXCEL_2010, seen - EXCEL_2010
    assert "SUMPRODUCT" in seen and "MAXIFS" not in str(seen)


def test_one_tariff_cell_prices_the_energy_and_the_finance_sheets(books):
    _, out = books
    path, data, manifest = out["anshun"]
    wb = openpyxl.load_workbook(path)
    energy, finance = _rows(wb["Energy"]), _rows(wb["Finance"])
    tariff = energy["Electricity tariff"][1]
    price = finance["Electricity price"][1]
    assert _is_input(tariff) and not _is_input(price)
    assert price.value == f"=Energy!$B${tariff.row}"  # Anshun has no time-of-use prices
    assert manifest.expected[("Finance", price.coordinate)] == data.phasing.problem.money.tariff_cny_per_kwh
    cost = energy["Energy cost per year"][1].value
    assert f"$B${tariff.row}" in cost


# ---------------------------------------------------------------------------------------------
# findings and OVER flags


def test_summary_lists_the_solves_findings_errors_first(books, sample_paths):
    _, out = books
    cli = _cli(sample_paths, AT_30_KW)
    wb = openpyxl.load_workbook(out["anshun30"][0])
    ws = wb["Summary"]
    header = next(r for r in ws.iter_rows() if r[0].value == "Severity")
    listed = []
    for row in ws.iter_rows(min_row=header[0].row + 1):
        if not row[0].value:
            break
        listed.append((row[0].value, row[1].value, row[2].value))
    want = [(f["severity"], f["scope"], f["message"]) for f in cli["findings"]]
    assert listed == want
    errors = sum(1 for f in cli["findings"] if f["severity"] == "error")
    assert errors >= 15 and [s for s, *_ in listed[:errors]] == ["error"] * errors
    assert any(m.startswith("UPS (site): 30,450 kW of 21,600 kW usable, 141 %") for *_, m in listed)
    above = ws.cell(row=header[0].row - 1, column=1).value
    assert above == f"{errors} errors and {len(want) - errors - _infos(cli)} warnings."
    # a site that breaks nothing says so (the Anshun sample fails compliance rules, listed as findings)
    base = _rows(openpyxl.load_workbook(out["small"][0])["Summary"])
    assert "No limit broken and no warning." in base
    assert "No warnings from the site checks." not in base


def _infos(cli: dict) -> int:
    return sum(1 for f in cli["findings"] if f["severity"] == "info")


def test_use_is_defined_and_over_flags_are_formulas(books):
    _, out = books
    path, data, manifest = out["anshun30"]
    wb = openpyxl.load_workbook(path)
    summary = wb["Summary"]
    header = next(r for r in summary.iter_rows() if r[0].value == "Limit")
    col = {c.value: n for n, c in enumerate(header) if c.value}
    assert "demand / usable capacity" in header[col["Use (%)"]].comment.text
    over_count = 0
    first = header[0].row + 1
    for row in summary.iter_rows(min_row=first, max_row=first + len(data.results.capacity.constraints) - 1):
        use, flag = row[col["Use (%)"]], row[col["Over"]]
        u = f"${use.column_letter}${use.row}"
        assert flag.value == f'=IF(ISNUMBER({u}),IF({u}>1+1e-09,"OVER",""),IF({u}="no capacity","OVER",""))'
        over_count += manifest.expected[("Summary", flag.coordinate)] == OVER
    cli_over = sum(1 for k in data.results.capacity.constraints if k.demand > k.capacity)
    assert over_count == cli_over >= 15
    power_cols, power = _power_table(wb["Power"])
    ups_use = power["UPS modules"][power_cols["Use (%)"]]
    assert power["UPS modules"][power_cols["Over"]].value.startswith(f"=IF(ISNUMBER(${ups_use.column_letter}$")
    assert wb["Halls"].conditional_formatting and wb["Power"].conditional_formatting


# ---------------------------------------------------------------------------------------------
# recalculated by LibreOffice: cabinets at 30 kW, zero capacity, the redundancy schemes


def _at_30_kw(source: Path, target: Path, ratio: float | None = None) -> Path:
    """A copy with every cabinet's design kW at 30 (and the design-peak ratio, if given), as a user edits it."""
    wb = openpyxl.load_workbook(source)
    cab = wb["Cabinets"]
    col = [c.value for c in cab[1]].index("Design (kW)") + 1
    for r in range(2, cab.max_row + 1):
        cab.cell(row=r, column=col).value = 30.0
    if ratio is not None:
        wb["Power"][_rows(wb["Power"])["Design-peak ratio"][1].coordinate] = ratio
    wb.save(target)
    return target


def _usable_units_probe(folder: Path) -> tuple[Path, dict[str, tuple[str, int]]]:
    """Every redundancy scheme with 0 to 9 units through the workbook's usable-unit formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "U"
    cells = {}
    for r, (scheme, count) in enumerate(((s, n) for s in REDUNDANCY_SCHEMES for n in range(10)), start=1):
        ws.cell(row=r, column=1).value = count
        ws.cell(row=r, column=2).value = scheme
        ws.cell(row=r, column=3).value = "=" + usable_units(f"$A${r}", f"$B${r}")
        cells[f"C{r}"] = (scheme, count)
    path = folder / "units.xlsx"
    wb.save(path)
    return path, cells


@pytest.fixture(scope="module")
def recalculated(books, sample_paths):
    folder, out = books
    cli = _cli(sample_paths, AT_30_KW)
    ratio = cli["capacity"]["peak_facility_kw_for_sizing"] / cli["capacity"]["design_it_kw"]
    held = _at_30_kw(out["anshun"][0], folder / "held.xlsx")
    given = _at_30_kw(out["anshun"][0], folder / "given.xlsx", ratio)
    probe, probe_cells = _usable_units_probe(folder)
    books_out = recalculate([held, given, out["unbudgeted"][0], probe], folder)
    return cli, books_out, (held, given, out["unbudgeted"][0], probe), probe_cells


def _site_uses(wb) -> dict[str, tuple[float, str]]:
    col, rows = _power_table(wb["Power"])
    names = {"Utility feeds": "utility", "Transformers (MV/LV)": "transformers", "Standby generators": "generators",
             "UPS modules": "ups", "PDUs / RPPs": "pdus"}  # fmt: skip
    return {key: (rows[label][col["Use (%)"]].value, rows[label][col["Over"]].value) for label, key in names.items()}


@needs_calc
def test_cabinets_at_30_kw_move_the_power_loadings_to_the_clis(books, recalculated):
    cli, done, (held, given, _, _), _ = recalculated
    _, out = books
    want = {k["resource"]: k for k in cli["capacity"]["constraints"] if k["scope"] == "site"}
    exported_ratio = openpyxl.load_workbook(out["anshun"][0])["Power"]
    ratio_cell = _rows(exported_ratio)["Design-peak ratio"][1].value
    cli_ratio = cli["capacity"]["peak_facility_kw_for_sizing"] / cli["capacity"]["design_it_kw"]

    given_uses = _site_uses(openpyxl.load_workbook(done[given], data_only=True))
    for resource, (use, flag) in given_uses.items():
        assert use == pytest.approx(want[resource]["utilisation"], rel=1e-9), resource
        assert flag == (OVER if want[resource]["over"] else ""), resource

    held_wb = openpyxl.load_workbook(done[held], data_only=True)
    for resource, (use, flag) in _site_uses(held_wb).items():
        if resource in ("utility", "transformers", "generators"):  # carry the facility peak: the held ratio
            assert use == pytest.approx(want[resource]["utilisation"] * ratio_cell / cli_ratio, rel=1e-9), resource
            assert use == pytest.approx(want[resource]["utilisation"], rel=2e-3), resource
        else:  # carry design IT: exact
            assert use == pytest.approx(want[resource]["utilisation"], rel=1e-9), resource
        assert flag == OVER, resource  # every power limit is broken at 30 kW
    # the hall limits and the Summary count follow too
    summary = _rows(held_wb["Summary"])
    over = sum(1 for k in cli["capacity"]["constraints"] if k["over"])
    assert summary["Limits over their usable capacity"][1].value == over >= 15
    halls = held_wb["Halls"]
    header = [c.value for c in halls[1]]
    a1 = next(r for r in halls.iter_rows(min_row=2) if r[0].value == "A1")
    budget = next(k for k in cli["capacity"]["constraints"] if k["resource"] == "hall_it_budget" and k["scope"] == "A1")
    assert a1[header.index("IT budget use (%)")].value == pytest.approx(budget["utilisation"], rel=1e-9)
    assert a1[header.index("IT budget over")].value == OVER


@needs_calc
def test_zero_capacity_with_demand_shows_no_capacity_and_over(recalculated):
    _, done, (_, _, unbudgeted, _), _ = recalculated
    wb = openpyxl.load_workbook(done[unbudgeted], data_only=True)
    halls = wb["Halls"]
    header = [c.value for c in halls[1]]
    h1 = next(r for r in halls.iter_rows(min_row=2) if r[0].value == "H1")
    assert h1[header.index("IT budget use (%)")].value == "no capacity"
    assert h1[header.index("IT budget over")].value == OVER
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(re.search(r"#DIV/0|inf\s*%|#VALUE", t) for t in texts)
    summary = _rows(wb["Summary"])
    assert any(str(k).startswith("Hall IT budget (hall H1): 80 kW of demand and no usable capacity") for k in
               (row[2].value for row in summary.values()))  # fmt: skip


@needs_calc
def test_usable_unit_formula_for_every_redundancy_scheme(recalculated):
    """Calc's value of the formula against the solver's rule, and the two schemes the model lacks by hand:
    N+3 keeps all but three; 2N+1 keeps one spare and the smaller half of the rest as the second path."""
    _, done, (*_, probe), cells = recalculated
    ws = openpyxl.load_workbook(done[probe], data_only=True)["U"]
    by_hand = {"N+3": lambda n: max(n - 3, 0), "2N+1": lambda n: max(n - 1 - (n - 1) // 2, 0) if n else 0}
    for coord, (scheme, count) in cells.items():
        want = by_hand[scheme](count) if scheme in by_hand else solver_usable_units(count, scheme)
        assert ws[coord].value == want, (scheme, count)
    assert by_hand["2N+1"](7) == 3 and solver_usable_units(5, "2N") == 3  # 2N+1 of 3; odd 2N keeps the larger half


def test_redundancy_cells_accept_only_the_schemes(books):
    _, out = books
    wb = openpyxl.load_workbook(out["anshun"][0])
    for title in ("Power", "Cooling"):
        ws = wb[title]
        (dv,) = [d for d in ws.data_validations.dataValidation if "N+1" in (d.formula1 or "")]
        assert dv.formula1 == '"N,N+1,N+2,N+3,2N,2N+1"' and dv.showErrorMessage and not dv.allow_blank
        covered = {str(c) for rng in dv.sqref.ranges for c in [rng.coord]}
        header = next(r for r in ws.iter_rows() if any(c.value == "Redundancy" for c in r))
        col = next(c.column_letter for c in header if c.value == "Redundancy")
        cells = [
            f"{col}{r}" for r in range(header[0].row + 1, ws.max_row + 1) if ws[f"{col}{r}"].value in REDUNDANCY_SCHEMES
        ]
        assert cells and set(cells) <= covered, title


# ---------------------------------------------------------------------------------------------
# layout: percent widths, charts on one page, repeated headers


def _needed_width(fmt: str) -> float:
    decimals = len(fmt.split(".")[1]) - 1 if "." in fmt else 0
    return len(f"{1000:.{decimals}f}%") + 1  # 1,000 % as the format shows it, one character of margin


def test_percent_columns_fit_a_thousand_percent(books):
    _, out = books
    for name, (path, _, _) in out.items():
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            if ws.title == "Scenarios":  # fixed-width case columns, values shown in full
                continue
            for row in ws.iter_rows():
                for c in row:
                    if c.number_format.endswith("%") and c.value is not None:
                        width = ws.column_dimensions[c.column_letter].width
                        assert width >= _needed_width(c.number_format), f"{name} {ws.title}!{c.coordinate}: {width}"


def test_charts_start_a_page_and_fit_on_it(books):
    _, out = books
    for name in ("anshun", "phased"):
        wb, _ = build_workbook(out[name][1])
        for ws in wb.worksheets:
            breaks = {b.id for b in ws.row_breaks.brk}
            for chart in ws._charts:
                row = coordinate_to_tuple(chart.anchor)[0]
                assert chart.height <= PRINTABLE_HEIGHT_CM, (name, ws.title)
                # a break just above the chart, or above the section title that goes with it
                assert breaks & {row - 1, row - 2}, (name, ws.title, row, sorted(breaks))


def test_long_tables_repeat_their_header_on_every_page(books):
    _, out = books
    wb = openpyxl.load_workbook(out["anshun"][0])
    for title in ("Halls", "Rows", "Cabinets", "Scenarios", "Assumptions"):
        assert wb[title].print_title_rows == "$1:$1", title
    phases = wb["Phases"]
    header = next(r for r in phases.iter_rows() if r[0].value == "Period start")[0].row
    assert phases.print_title_rows == f"${header}:${header}"


def test_base_case_is_named_base_and_agrees_with_dcplanner_solve(books, sample_paths):
    _, out = books
    path, data, manifest = out["anshun"]
    assert data.cases[0].id == "base" and data.cases[0].phasing is not None
    wb = openpyxl.load_workbook(path)
    lines = _rows(wb["Scenarios"])
    assert lines["Scenario id"][2].value == "base"
    assert wb.custom_doc_props["Scenario"].value == "base"
    # the base's annual PUE, energy and energy cost are the solve's (the dashboard shows the same)
    energy = _cli(sample_paths)["energy"]
    tariff = data.site.economics.electricity_tariff_cny_per_kwh
    summary = _rows(wb["Summary"])

    def shown(label: str) -> float:
        return manifest.expected[("Summary", summary[label][1].coordinate)]

    assert shown("Annual PUE") == pytest.approx(energy["annual_pue"], abs=5e-5)  # the JSON rounds to 4 places
    assert shown("Facility energy per year") == pytest.approx(energy["facility_energy_kwh"] / 1000, rel=1e-9)
    assert shown("Energy cost per year") == pytest.approx(energy["facility_energy_kwh"] * tariff, rel=1e-9)
    assert lines["Annual PUE"][2].value == pytest.approx(energy["annual_pue"], abs=5e-5)
    assert lines["Energy cost per year"][2].value == pytest.approx(energy["facility_energy_kwh"] * tariff, rel=1e-9)
    # the build-out's figures differ (another load, time-of-use prices) and their lines say so
    labelled = [label for label in lines if "at the build-out load" in str(label)]
    assert len(labelled) == 2
    buildout_pue = lines[next(x for x in labelled if "PUE" in x)][2].value
    assert math.isfinite(buildout_pue) and buildout_pue != pytest.approx(energy["annual_pue"], abs=5e-4)
