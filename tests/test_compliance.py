"""Compliance checks against hand-worked thresholds (resources/rules/china.csv, china_rules.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dcplanner.cli import main
from dcplanner.compliance.checks import ComplianceReport, Measured, check_quantities, check_site, grade_of
from dcplanner.compliance.report import compliance_findings
from dcplanner.compliance.rules import builtin_rules, read_rules, site_rules
from dcplanner.io.project_file import save_project
from dcplanner.model.compliance import ComplianceRule, YearShare
from dcplanner.model.schema import from_dict, to_dict
from dcplanner.model.site import Site
from dcplanner.model.validation import validate_site
from dcplanner.site_solve import solve_site
from tests.factories import small_site

RULES = {r.id: r for r in builtin_rules()}


def _context(**kw: str | int) -> dict[str, str | int]:
    base: dict[str, str | int] = {
        "hub": "none",
        "class": "unspecified",
        "status": "new",
        "procurement": "no",
        "cabinets": 1015,
    }
    return {**base, **kw}


def _run(rules: list[ComplianceRule], year: int = 2026, **quantities: float | str) -> dict[str, str]:
    q = {k: Measured(float(v) if not isinstance(v, str) else v) for k, v in quantities.items()}
    return {c.rule.id: c.status for c in check_quantities(rules, q, year, _context())}


def test_builtin_thresholds_are_the_published_numbers():
    """china_rules.md: grades 1.20 / 1.30 / 1.50 [S]; western hub 1.2 [S]; eastern 1.25 and 65 % [P];
    green power > 80 % [P]; WUE < 2.5 L/kWh [P]; UPS E >= 1.1 P [P]; inlet 18-27 °C, dew point 5.5-15 °C,
    RH <= 60 % [P]; clear height 3.0 m new [P]."""
    want = {
        "gb40879.grade1": ("<=", 1.20, "secondary"),
        "gb40879.grade2": ("<=", 1.30, "secondary"),
        "gb40879.grade3": ("<=", 1.50, "secondary"),
        "hub.western.pue": ("<=", 1.2, "secondary"),
        "hub.eastern.pue": ("<=", 1.25, "primary"),
        "hub.eastern.occupancy": (">=", 0.65, "primary"),
        "action2024.green_power": (">", 0.80, "primary"),
        "procurement.wue": ("<", 2.5, "primary"),
        "gb50174.ups_capacity": (">=", 1.1, "primary"),
        "gb50174.inlet_min": (">=", 18, "primary"),
        "gb50174.inlet_max": ("<=", 27, "primary"),
        "gb50174.dew_min": (">=", 5.5, "primary"),
        "gb50174.dew_max": ("<=", 15, "primary"),
        "gb50174.rh_max": ("<=", 0.60, "primary"),
        "gb50174.clear_height": (">=", 3.0, "primary"),
    }
    for rid, (cmp, threshold, evidence) in want.items():
        r = RULES[rid]
        assert (r.comparison, float(r.threshold), r.evidence) == (cmp, threshold, evidence), rid
    assert RULES["gb40879.grade3"].binding and not RULES["gb40879.grade1"].binding


@pytest.mark.parametrize(("pue", "grade"), [(1.19, "1"), (1.21, "2"), (1.31, "3"), (1.51, "below limit")])
def test_gb40879_grade_by_rm2(pue, grade):
    """1.19 <= 1.20 -> grade 1; 1.21 <= 1.30 -> 2; 1.31 <= 1.50 -> 3; 1.51 > 1.50 fails the limit."""
    rules = [RULES[f"gb40879.grade{g}"] for g in (1, 2, 3)]
    q = {"energy_ratio_rm2": Measured(pue)}
    checks = check_quantities(rules, q, 2026, _context())
    assert grade_of(checks) == grade
    limit = next(c for c in checks if c.rule.id == "gb40879.grade3")
    assert limit.failed_binding == (pue > 1.50)
    assert limit.margin == pytest.approx(1.50 - pue)


def test_edge_site_and_existing_site_are_outside_gb40879():
    """GB 40879 covers new, rebuilt and expanded sites and excludes edge sites of <= 100 racks."""
    rule = RULES["gb40879.grade3"]
    q = {"energy_ratio_rm2": Measured(1.6)}
    (edge,) = check_quantities([rule], q, 2026, _context(cabinets=100))
    (existing,) = check_quantities([rule], q, 2026, _context(status="existing"))
    (big,) = check_quantities([rule], q, 2026, _context(cabinets=101))
    assert (edge.status, existing.status, big.status) == ("not_applicable", "not_applicable", "fail")


def test_western_hub_at_1_21_fails_the_hub_target_and_earns_grade_2():
    rules = [RULES["hub.western.pue"], *(RULES[f"gb40879.grade{g}"] for g in (1, 2, 3))]
    checks = check_quantities(rules, {"energy_ratio_rm2": Measured(1.21)}, 2026, _context(hub="western_hub"))
    hub = next(c for c in checks if c.rule.id == "hub.western.pue")
    assert hub.status == "fail" and hub.failed_binding and hub.margin == pytest.approx(-0.01)
    assert grade_of(checks) == "2"


def test_green_power_75_percent_at_a_new_hub_site_fails_the_80_percent_rule():
    rule = RULES["action2024.green_power"]
    q = {"green_power_share": Measured(0.75)}
    (new,) = check_quantities([rule], q, 2026, _context(hub="western_hub"))
    (old,) = check_quantities([rule], q, 2026, _context(hub="western_hub", status="existing"))
    (before,) = check_quantities([rule], q, 2023, _context(hub="western_hub"))  # the plan dates from July 2024
    assert new.status == "fail" and new.margin == pytest.approx(-0.05)
    assert old.status == before.status == "not_applicable"
    (exactly,) = check_quantities([rule], {"green_power_share": Measured(0.80)}, 2026, _context(hub="western_hub"))
    assert exactly.status == "fail"  # "> 80 %": 80 % itself is not enough


def test_procurement_pue_steps_down_in_2025():
    """PUE < 1.4 from June 2023, < 1.3 from 2025: 1.35 passes in 2024 and fails in 2025."""
    rules = [RULES["procurement.pue2023"], RULES["procurement.pue2025"]]
    q = {"energy_ratio_rm2": Measured(1.35)}
    y2024 = {c.rule.id: c.status for c in check_quantities(rules, q, 2024, _context(procurement="yes"))}
    y2025 = {c.rule.id: c.status for c in check_quantities(rules, q, 2025, _context(procurement="yes"))}
    assert y2024 == {"procurement.pue2023": "pass", "procurement.pue2025": "not_applicable"}
    assert y2025 == {"procurement.pue2023": "not_applicable", "procurement.pue2025": "fail"}


def _site_file(tmp_path: Path, site: Site) -> str:
    return str(save_project(site, tmp_path / "site.dcp.json"))


def test_class_a_with_n_plus_1_ups_fails_naming_the_clause(tmp_path, capsys):
    site = small_site()
    site.compliance.design_class = "A"
    site.power.ups.redundancy = "N+1"
    status = main(["check", _site_file(tmp_path, site), "--no-phasing", "--json"])
    out = json.loads(capsys.readouterr().out)
    ups = next(c for c in out["checks"] if c["rule"] == "gb50174.a.ups")
    assert status == 1 and ups["status"] == "fail" and (ups["value"], ups["limit"]) == ("N+1", "2N")
    assert ups["clause"] == "Annex A (class A: UPS system)" and ups["evidence"] == "secondary"
    assert "gb50174.a.ups (2026)" in out["binding_failures"]
    # the same site with 2N UPS meets the class A UPS rule
    site.power.ups.redundancy = "2N"
    main(["check", _site_file(tmp_path, site), "--no-phasing", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert next(c for c in out["checks"] if c["rule"] == "gb50174.a.ups")["status"] == "pass"


def test_design_quantities_of_the_small_site():
    """small_site: two facing rows 1.2 m apart (factories), 3.0 m clear height, UPS 4 x 50 kW 2N = 100 kW
    usable for 8 x 10 kW = 80 kW of IT: ratio 1.25 >= 1.1."""
    site = small_site()
    res = solve_site(site, energy=True)
    report = check_site(site, site_rules(site), res.capacity, res.energy)
    by = {c.rule.id: c for c in report.checks}
    assert by["gb50174.ups_capacity"].value == pytest.approx(100 / 80)
    assert by["gb50311.aisle"].value == pytest.approx(1.2) and by["gb50311.aisle"].status == "pass"
    assert by["gb50174.clear_height"].status == "pass"
    assert by["gb40879.grade3"].status == "not_applicable"  # 8 cabinets: an edge site
    # inlet envelope checked at the worst hour of the energy year
    inlet = res.energy.inlet_c
    assert by["gb50174.inlet_max"].value == pytest.approx(float(inlet.max()))
    assert by["gb50174.inlet_max"].status == ("pass" if inlet.max() <= 27 else "fail")


def test_a_project_rule_is_checked_like_the_built_in_ones(tmp_path, capsys):
    """A provincial PUE <= 1.05 rule in the project fails on any site with cooling; a copy of a built-in
    id replaces the built-in rule."""
    site = small_site()
    site.compliance.rules = [
        ComplianceRule(
            id="province.pue",
            standard="Provincial notice",
            clause="art. 3",
            title="PUE at most 1.05",
            quantity="energy_ratio_rm2",
            comparison="<=",
            threshold="1.05",
            source="test",
        ),
        ComplianceRule(
            id="gb50174.ups_capacity",
            standard="GB 50174-2017",
            title="UPS at least 1.3 x load",
            quantity="ups_capacity_ratio",
            comparison=">=",
            threshold="1.3",
        ),
    ]
    assert not [i for i in validate_site(site) if i.severity == "error"]
    status = main(["check", _site_file(tmp_path, site), "--no-phasing", "--json"])
    out = json.loads(capsys.readouterr().out)
    by = {c["rule"]: c for c in out["checks"]}
    assert status == 1 and by["province.pue"]["status"] == "fail" and by["province.pue"]["value"] > 1.05
    assert by["gb50174.ups_capacity"]["limit"] == 1.3 and by["gb50174.ups_capacity"]["status"] == "fail"  # 1.25
    assert sum(1 for c in out["checks"] if c["rule"] == "gb50174.ups_capacity") == 1


def test_bad_project_rules_are_named_by_field():
    site = small_site()
    data = to_dict(site)
    data["compliance"]["rules"] = [
        {"id": "x", "standard": "s", "quantity": "ups_redundancy", "comparison": ">=", "threshold": "3N"},
        {
            "id": "y",
            "standard": "s",
            "quantity": "rack_occupancy",
            "comparison": ">=",
            "threshold": "a lot",
            "applies_to": "hub=mars",
            "effective_from": "2025",
        },
    ]
    issues = {i.path: i.message for i in validate_site(from_dict(Site, data)) if i.severity == "error"}
    assert "N+1" in issues["compliance.rules[0].threshold"]
    assert "must be a number" in issues["compliance.rules[1].threshold"]
    assert "western_hub" in issues["compliance.rules[1].applies_to"]
    assert "YYYY-MM-DD" in issues["compliance.rules[1].effective_from"]


def test_a_rule_file_error_names_the_line(tmp_path):
    bad = tmp_path / "rules.csv"
    bad.write_text("id,standard,quantity,comparison,threshold\nok,s,cabinets,>=,3000\nbad,s,cabinets,=>,1\n")
    with pytest.raises(ValueError, match=r"rules\.csv:3"):
        read_rules(bad)


def test_failures_become_findings_with_secondary_flagged():
    site = small_site()
    site.compliance.hub = "western_hub"
    site.compliance.green_power = [YearShare(year=2025, share=0.75)]
    site.compliance.report_findings = True
    res = solve_site(site, energy=True)
    codes = {f.code: f for f in res.findings}
    green = codes["compliance.action2024.green_power"]
    assert green.severity == "error" and green.figures["value"] == 0.75 and green.figures["limit"] == 0.8
    assert "compliance.gb40879.grade" in codes and codes["compliance.gb40879.grade"].severity == "info"
    checks = check_quantities(
        [RULES["hub.western.pue"]], {"energy_ratio_rm2": Measured(1.3)}, 2026, _context(hub="western_hub")
    )
    (hub, _grade) = compliance_findings(ComplianceReport("t", "", 2026, checks))
    assert hub.code == "compliance.hub.western.pue" and "[secondary]" in hub.message
    assert hub.path == "cooling" and hub.figures["margin"] == pytest.approx(-0.1)


def test_anshun_years_graded_from_their_own_energy_ratio(sample_paths, capsys):
    """Each build-out year's grade follows from that year's RM2 and the thresholds 1.20/1.30/1.50."""
    status = main(["check", str(sample_paths["anshun"]), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["years"], "the build-out years are checked"
    for y in out["years"]:
        rm2 = y["quantities"]["energy_ratio_rm2"]
        want = "1" if rm2 <= 1.20 else "2" if rm2 <= 1.30 else "3" if rm2 <= 1.50 else "below limit"
        assert y["grade"] == want, y["year"]
        hub = next(c for c in y["checks"] if c["rule"] == "hub.western.pue")
        assert hub["status"] == ("pass" if rm2 <= 1.2 + 1e-6 else "fail")
    assert status == (1 if out["binding_failures"] else 0)


def test_all_scenarios_shows_which_pass(tmp_path, capsys):
    """A class A site: the base (2N UPS) meets the UPS rule; a scenario with N+1 UPS does not."""
    from dcplanner.model.site import Scenario

    site = small_site()
    site.compliance.design_class = "A"
    site.scenarios = [Scenario(id="lean-ups", overrides={"power.ups.redundancy": "N+1"})]
    main(["check", _site_file(tmp_path, site), "--no-phasing", "--all-scenarios", "--json"])
    reports = {r["scenario"] or "base": r for r in json.loads(capsys.readouterr().out)}
    assert set(reports) == {"base", "lean-ups"}
    assert not any(f.startswith("gb50174.a.ups") for f in reports["base"]["binding_failures"])
    assert "gb50174.a.ups (2026)" in reports["lean-ups"]["binding_failures"]
    assert not reports["lean-ups"]["passes"]


@given(pue=st.floats(min_value=1.0, max_value=2.5, allow_nan=False))
@settings(max_examples=200, deadline=None)
def test_grade_follows_the_thresholds_for_any_ratio(pue):
    """Grade = the first of 1.20 / 1.30 / 1.50 the ratio does not exceed; a pass never has a negative margin."""
    rules = [RULES[f"gb40879.grade{g}"] for g in (1, 2, 3)]
    checks = check_quantities(rules, {"energy_ratio_rm2": Measured(pue)}, 2026, _context())
    want = "1" if pue <= 1.20 else "2" if pue <= 1.30 else "3" if pue <= 1.50 else "below limit"
    slack = 1e-6 * 1.5  # the engine meets a limit up to round-off (checks.TOLERANCE)
    if all(abs(pue - t) > slack for t in (1.20, 1.30, 1.50)):
        assert grade_of(checks) == want
    for c in checks:
        if abs(c.margin) > slack:  # away from the limit: pass exactly when there is room left
            assert (c.status == "pass") == (c.margin > 0)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 5000) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_RULE_FIELDS = ("id", "standard", "quantity", "comparison", "threshold", "applies_to", "effective_from", "grade")


@given(
    section=st.dictionaries(
        st.sampled_from(("hub", "design_class", "status", "assessment_year", "green_power", "rules")), _JSON
    ),
    rule=st.dictionaries(st.sampled_from(_RULE_FIELDS), st.text(max_size=20) | st.integers(-5, 20)),
)
@settings(max_examples=150, deadline=None)
def test_any_compliance_section_is_refused_by_name_or_checked(section, rule):
    """Whatever the file holds under compliance, loading names the bad field or the site checks without raising."""
    from dcplanner.model.schema import ValidationError

    data = to_dict(small_site())
    data["compliance"] = {**section, "rules": [rule]} if rule else section
    try:
        site = from_dict(Site, data)
    except ValidationError as exc:
        assert all(str(i).startswith("compliance") for i in exc.issues)
        return
    issues = [i for i in validate_site(site) if i.severity == "error"]
    if issues:
        assert all(i.path.startswith("compliance") for i in issues)
        return
    res = solve_site(site)
    check_site(site, site_rules(site), res.capacity, None)


def test_build_out_years_are_calendar_years_of_the_monthly_energy():
    """Nov-Dec 2025 and Jan 2026: IT 100 + 100 | 200 kWh, facility 130 + 120 | 230 kWh ->
    RM2 250 / 200 = 1.25 in 2025 and 230 / 200 = 1.15 in 2026; occupancy from the built months only."""
    from types import SimpleNamespace

    import numpy as np

    from dcplanner.compliance.checks import check_years, yearly_figures

    ops = SimpleNamespace(
        months=("2025-11", "2025-12", "2026-01"),
        it_kwh=np.array([100.0, 100.0, 200.0]),
        facility_kwh=np.array([130.0, 120.0, 230.0]),
        capacity=np.array([0.0, 1.0, 1.0]),
        utilisation=np.array([0.0, 0.5, 0.7]),
    )
    phasing = SimpleNamespace(operations=ops)
    assert yearly_figures(phasing) == [(2025, pytest.approx(1.25), 0.5), (2026, pytest.approx(1.15), 0.7)]
    site = small_site()
    site.compliance.hub = "western_hub"
    years = check_years(site, [RULES["hub.western.pue"]], phasing, {}, 1015)
    assert [(y.year, y.checks[0].status) for y in years] == [(2025, "fail"), (2026, "pass")]
