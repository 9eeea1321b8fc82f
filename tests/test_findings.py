"""Findings: every limit over its usable capacity is an error, in the solve, its JSON and the CLI.

Numbers come from tests/factories.small_site worked by hand: eight cabinets, two 2N UPS pairs of
50 kW modules (100 kW usable), a 100 kW hall IT budget, four 30 kW cooling units at N+1 (90 kW
usable), design facility factor 1.5.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from dcplanner.cli import main
from dcplanner.findings import NO_CAPACITY, OVER_LIMIT, at_least, sorted_findings
from dcplanner.io.project_file import save_project
from dcplanner.site_solve import report_json, solve_site
from tests.factories import small_site

SAMPLES = Path(__file__).resolve().parents[1] / "sample_sites"


def test_a_site_within_its_limits_has_no_error():
    res = solve_site(small_site(design_kw=10))  # 80 kW on 100 kW UPS, 100 kW budget, 90 kW cooling
    assert res.errors == ()
    assert [f.code for f in res.findings] == ["capacity.binding", "capacity.peak_from_design_factor"]
    assert "89 %" in res.findings[0].message  # hall cooling 80 / 90


def test_every_limit_over_usable_capacity_is_an_error_with_its_excess():
    res = solve_site(small_site(design_kw=15))  # 120 kW of design IT
    over = {(f.figures["resource"], f.scope): f for f in res.errors}
    # UPS 120 / 100, budget 120 / 100, cooling 120 / 90; PDUs 120 / 120 and transformers
    # 180 / 180 sit exactly at 100 % and are not over; generators 180 / 200.
    assert set(over) == {("hall_it_budget", "H1"), ("hall_cooling", "H1"), ("ups", "site")}
    ups = over[("ups", "site")]
    assert ups.code == OVER_LIMIT
    assert ups.message == "UPS (site): 120 kW of 100 kW usable, 120 %, 20 kW over"
    assert ups.figures["excess"] == pytest.approx(20.0)
    assert ups.figures["use"] == pytest.approx(1.2)
    assert ups.path == "power.ups"
    cooling = over[("hall_cooling", "H1")]
    assert cooling.figures["excess"] == pytest.approx(30.0)
    assert cooling.figures["use"] == pytest.approx(120 / 90)
    assert over[("hall_it_budget", "H1")].path == "halls[H1].design_it_kw"


def test_a_hall_with_no_it_budget_is_an_error_never_infinite():
    site = small_site()
    site = replace(site, halls=[replace(site.halls[0], design_it_kw=0)])
    res = solve_site(site)
    (none,) = [f for f in res.errors if f.code == NO_CAPACITY]
    assert none.message == "Hall IT budget (hall H1): 80 kW of demand and no usable capacity"
    assert "use" not in none.figures
    doc = report_json(res)
    text = json.dumps(doc)
    assert "Infinity" not in text and "inf" not in json.dumps(doc["capacity"]["binding"])
    assert doc["capacity"]["binding"]["utilisation"] is None


def test_findings_come_errors_first_then_warnings_then_info():
    res = solve_site(small_site(design_kw=15))
    ranks = [f.severity for f in res.findings]
    assert ranks == [f.severity for f in sorted_findings(res.findings)]
    assert ranks[0] == "error"
    assert at_least(res.findings, "warning") == [f for f in res.findings if f.severity != "info"]


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_cli_prints_errors_first_and_fail_on_sets_the_exit_status(tmp_path):
    path = tmp_path / "over.dcp.json"
    save_project(small_site(design_kw=15), path)
    status, text = _run("solve", str(path), "--fail-on", "error")
    assert status == 1
    lines = text.splitlines()
    assert lines[1] == "3 limits broken or checks failed:"
    assert lines[2].startswith("error: ")
    status, _ = _run("solve", str(path))
    assert status == 0  # an over-limit draft still solves; --fail-on makes it a failure
    status, text = _run("solve", str(path), "--json")
    findings = json.loads(text)["findings"]
    assert [f["severity"] for f in findings[:3]] == ["error"] * 3
    assert {"code", "scope", "path", "message", "figures"} <= set(findings[0])


def test_anshun_at_25_kw_names_each_broken_limit():
    """Anshun: 203 cabinets per hall x 25 kW = 5,075 kW on a 4,300 kW hall budget (118 %)."""
    status, text = _run(
        "solve",
        str(SAMPLES / "anshun.dcp.json"),
        "--json",
        "--set",
        "halls.*.rows.*.cabinets.*.design_kw=25",
        "--fail-on",
        "error",
    )
    assert status == 1
    doc = json.loads(text)
    errors = [f for f in doc["findings"] if f["severity"] == "error" and f["code"].startswith("capacity.")]
    over = [c for c in doc["capacity"]["constraints"] if c["over"]]
    assert len(errors) == len(over) >= 6
    budget = [f for f in errors if f["figures"]["resource"] == "hall_it_budget"]
    assert len(budget) == 5
    assert budget[0]["figures"]["excess"] == pytest.approx(203 * 25 - 4300)
