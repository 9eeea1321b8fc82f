"""dcplanner report: the PDF read back with poppler, page by page (tests that look)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dcplanner.io.project_file import load_project
from dcplanner.site_solve import solve_site
from main import main
from tests.report.pdf_pages import fonts, page_count, page_pixels, page_sizes_pt, page_texts
from ui.report.layout import DPI
from ui.report.plan import plan_scale, scale_bar_m

ROOT = Path(__file__).resolve().parents[2]
A4_PT = (595.0, 842.0)  # ISO 216 A4, 210 x 297 mm in PostScript points (1/72 in), rounded


@pytest.fixture(scope="module")
def anshun(sample_paths, tmp_path_factory, qapp) -> tuple[Path, list[str]]:
    target = tmp_path_factory.mktemp("report") / "anshun.pdf"
    assert main(["report", str(sample_paths["anshun"]), "-o", str(target), "--author", "R. Engineer"]) == 0
    return target, page_texts(target)


def _page_of(texts: list[str], heading: str) -> int:
    """The first page (from 1) whose text starts a line with ``heading``, after the contents page."""
    return next(k + 1 for k, t in enumerate(texts) if k > 1 and re.search(rf"^\s*{re.escape(heading)}\s*$", t, re.M))


def _cabinets(path: Path) -> int:
    site = load_project(path).site
    return sum(len(r.cabinets) for h in site.halls for r in h.rows)


def test_pages_are_a4_and_numbered_n_of_total(anshun):
    pdf, texts = anshun
    count = page_count(pdf)
    assert count >= 10
    for k, (w, h) in enumerate(page_sizes_pt(pdf)):
        assert sorted((round(w), round(h))) == sorted(A4_PT), k
    for k, text in enumerate(texts):
        assert re.search(rf"\b{k + 1} / {count}\s*$", text.rstrip()), f"page {k + 1} has no footer number"


def test_cover_names_site_author_and_version(anshun):
    from dcplanner import __version__

    cover = anshun[1][0]
    assert "Nanzhi Cloud Valley" in cover
    assert "R. Engineer" in cover
    assert f"dcplanner {__version__}" in cover
    assert "anshun.dcp.json" in cover


def test_contents_page_numbers_lead_to_their_headings(anshun):
    texts = anshun[1]
    entries = re.findall(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", texts[1], re.M)
    titles = [t for t, _ in entries]
    for needed in ("Key figures", "Floor plan", "Energy year", "Scenario comparison", "Assumptions and sources"):
        assert needed in titles
    for title, page in entries:
        assert re.search(rf"^\s*{re.escape(title)}\s*$", texts[int(page) - 1], re.M), (title, page)


def test_annual_pue_and_binding_limit_are_printed(anshun, sample_paths):
    path = sample_paths["anshun"]
    results = solve_site(load_project(path).site, energy=True, base_dir=path.parent)
    e = results.energy
    pue = float(np.sum(e.total_kw) / np.sum(e.it_kw))  # facility / IT energy of the year (The Green Grid WP49)
    text = "\n".join(anshun[1])
    assert f"Annual PUE {pue:.3f}" in " ".join(text.split())
    assert "Binding limit: Cabinet positions" in text


def test_plan_page_is_landscape_drawn_and_counts_every_cabinet(anshun, sample_paths):
    pdf, texts = anshun
    page = _page_of(texts, "Floor plan")
    w, h = page_sizes_pt(pdf)[page - 1]
    assert w > h  # five halls side by side: wider than deep
    pixels = page_pixels(pdf, page).astype(float)
    plan = pixels[int(0.15 * len(pixels)) : int(0.55 * len(pixels))]
    assert plan.std() > 25  # halls, rows and cabinets, not a blank page (white = 255)
    assert (plan < 128).mean() > 0.02
    legend = sum(int(n.replace(",", "")) for n in re.findall(r"kW\s+\((\d[\d,]*)\)", texts[page - 1]))
    assert legend == _cabinets(sample_paths["anshun"])
    assert re.search(r"1 : (500|1,000) \(A4\)", texts[page - 1])


def test_scenario_in_chinese_headless(sample_paths, tmp_path):
    """A separate process with no display and no Qt platform named (the command picks offscreen),
    a scenario that reaches the plan, and the Chinese titles in an embedded CJK font."""
    path = sample_paths["anshun"]
    target = tmp_path / "dense.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    args = ["report", str(path), "-o", str(target), "--scenario", "density-30kw", "--lang", "zh_CN"]
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"Wrote {target}: ")
    texts = page_texts(target)
    assert "scenario 30 kW cabinets" in texts[0]
    assert "南智云谷数据中心" in texts[0]
    assert "设计报告 / Design report" in texts[0]
    assert "平面布置图 / Floor plan" in texts[1]
    assert re.search(r"WenQuanYi\S*\s.*\byes\b", fonts(target))
    plan = texts[_page_of(texts, "平面布置图 / Floor plan") - 1]
    assert re.search(rf"30–50 kW\s+\({_cabinets(path):,}\)", plan)  # every cabinet budgeted at 30 kW
    assert re.search(r"20–30 kW\s+\(0\)", plan)


def test_plan_scale_is_the_largest_iso_scale_that_fits():
    px_per_mm = DPI / 25.4
    # 100 m x 20 m in a 170 mm x 100 mm area: 1:500 needs 200 mm, 1:1000 needs 100 mm
    s = plan_scale(100, 20, 170 * px_per_mm, 100 * px_per_mm)
    assert s.ratio == 1000
    assert s.px_per_m == pytest.approx(1.0 * px_per_mm)  # 1 m = 1 mm on paper at 1:1000
    # 30 m x 10 m: 1:200 needs 150 mm x 50 mm
    assert plan_scale(30, 10, 170 * px_per_mm, 100 * px_per_mm).ratio == 200
    # a scale bar at most 55 mm long at 1:1000 (1 mm per m): 50 m
    assert scale_bar_m(px_per_mm, 55 * px_per_mm) == 50


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["missing.dcp.json", "-o", "{out}"], "missing.dcp.json"),
        (["{sample}", "-o", "{folder}/report.txt"], "report.txt"),
        (["{sample}", "-o", "{out}", "--scenario", "no-such-case"], "anshun.dcp.json"),
        (["{sample}", "-o", "{folder}/nowhere/report.pdf"], "nowhere"),
    ],
)
def test_bad_input_is_one_line_and_nothing_written(args, named, sample_paths, tmp_path, capsys, qapp):
    out = tmp_path / "report.pdf"
    filled = [a.format(out=out, folder=tmp_path, sample=sample_paths["anshun"]) for a in args]
    assert main(["report", *filled]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and named in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_compliance_section_grades_the_annual_pue(anshun, sample_paths):
    """GB 40879-2021 grades by RM2 = annual facility / IT energy: the report prints the year's PUE as RM2."""
    path = sample_paths["anshun"]
    e = solve_site(load_project(path).site, energy=True, base_dir=path.parent).energy
    rm2 = float(np.sum(e.total_kw) / np.sum(e.it_kw))
    texts = anshun[1]
    page = texts[_page_of(texts, "Compliance") - 1]
    assert re.search(r"^\s*GB 40879-2021\s*$", page, re.M)
    assert re.search(rf"GB 40879-2021 4 .*?{rm2:.3f}", " ".join(page.split()))
    assert rm2 <= 1.20  # grade 1 of GB 40879-2021 is RM2 <= 1.20 (as the rule file quotes it, secondary source)
    assert "GB 40879-2021 grade 1." in " ".join(page.split())


def test_a_design_over_its_limits_lists_the_errors_first(tmp_path, qapp):
    from dcplanner.io.project_file import save_project
    from tests.factories import small_site

    path = save_project(small_site(design_kw=25.0), tmp_path / "over.dcp.json")  # 8 x 25 kW in a 100 kW hall
    target = tmp_path / "over.pdf"
    assert main(["report", str(path), "-o", str(target)]) == 0
    text = " ".join("\n".join(page_texts(target)).split())
    assert "Hall IT budget (hall H1): 200 kW of 100 kW usable" in text
    findings = text[text.index("limits broken or checks failed") :]
    severities = re.findall(r"\b(ERROR|WARNING|INFO) ", findings)
    assert severities and severities[0] == "ERROR"
    assert severities == sorted(severities, key=["ERROR", "WARNING", "INFO"].index)
