"""Compliance results as text, JSON and findings (engine layer).

A failed binding rule is an error finding, a failed non-binding one a warning, and the
GB 40879-2021 grade is an info finding (``compliance.gb40879.grade``). A threshold quoted from a
secondary source is marked "[secondary]" wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dcplanner.compliance.checks import STATUS_WORDS, CheckResult, ComplianceReport, grade_of
from dcplanner.findings import Finding
from dcplanner.model.compliance import ComplianceRule

GRADE_CODE = "compliance.gb40879.grade"

_PATH_OF_QUANTITY = {
    "energy_ratio_rm2": "cooling",
    "rack_occupancy": "compliance.rack_occupancy",
    "green_power_share": "compliance.green_power",
    "wue_l_per_kwh": "cooling",
    "cabinets": "halls",
    "ups_capacity_ratio": "power.ups",
    "inlet_dry_bulb_c": "cooling.supply_air_c",
    "inlet_dew_point_c": "cooling.parameters.room_dew_point_min_c",
    "inlet_rel_humidity": "cooling",
    "clear_height_m": "halls",
    "aisle_width_m": "halls",
    "utility_redundancy": "power.utility.redundancy",
    "transformer_redundancy": "power.transformers.redundancy",
    "generator_redundancy": "power.generators.redundancy",
    "ups_redundancy": "power.ups.redundancy",
    "cooling_plant_redundancy": "cooling.plant_redundancy",
    "hall_cooling_redundancy": "halls",
}
"""The model field to look at when a rule on this quantity fails."""


def format_quantity(value: float | str | None, unit: str) -> str:
    """A checked value or limit in words: shares in %, redundancies as written."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if abs(value) < 1e-9:  # round-off at a limit met exactly: no "-0.00"
        value = 0.0
    if unit == "share":
        return f"{value * 100:.1f} %"
    if unit in ("cabinets",):
        return f"{value:,.0f}"
    if unit in ("", "ratio"):
        return f"{value:.3f}"
    return f"{value:.2f} {unit}"


def rule_label(rule: ComplianceRule) -> str:
    """'GB 40879-2021 4 (...): energy ratio for grade 1 [secondary]'."""
    flag = " [secondary]" if rule.evidence == "secondary" else ""
    return f"{rule.standard} {rule.clause}: {rule.title}{flag}"


def _verdict(c: CheckResult) -> str:
    r = c.rule
    if c.status in ("pass", "fail"):
        margin = "" if c.margin is None else f", margin {format_quantity(c.margin, r.unit)}"
        return (
            f"{format_quantity(c.value, r.unit)} {r.comparison} {format_quantity(c.limit, r.unit)}"
            f"{margin}{'' if r.binding else ' (not binding)'}"
        )
    return c.note


def _failure_finding(c: CheckResult, years: list[int]) -> Finding:
    r = c.rule
    when = f" in {', '.join(map(str, years))}" if years else f" ({c.year})"
    message = (
        f"{rule_label(r)}: {format_quantity(c.value, r.unit)} against {r.comparison} "
        f"{format_quantity(c.limit, r.unit)}{when}"
    )
    figures: dict[str, float | str] = {"rule": r.id, "standard": r.standard, "clause": r.clause, "year": c.year}
    if c.value is not None:
        figures["value"] = c.value
    if c.limit is not None:
        figures["limit"] = c.limit
    if c.margin is not None:
        figures["margin"] = c.margin
    figures["evidence"] = r.evidence
    return Finding(
        "error" if r.binding else "warning",
        f"compliance.{r.id}",
        "site",
        message,
        _PATH_OF_QUANTITY.get(r.quantity, ""),
        figures,
    )


def compliance_findings(report: ComplianceReport) -> list[Finding]:
    """One finding per failed rule (its failing build-out years named), and the grade."""
    out = [_failure_finding(c, []) for c in report.checks if c.status == "fail"]
    failing: dict[str, list[CheckResult]] = {}
    for y in report.years:
        for c in y.checks:
            if c.status == "fail":
                failing.setdefault(c.rule.id, []).append(c)
    for fails in failing.values():
        worst = min(fails, key=lambda c: c.margin if c.margin is not None else 0.0)
        out.append(_failure_finding(worst, [c.year for c in fails]))
    grade = grade_of(report.checks)
    out.append(
        Finding(
            "info",
            GRADE_CODE,
            "site",
            f"GB 40879-2021 energy-efficiency grade (RM2): {grade} [thresholds secondary]; RM1 is not computed "
            "(the coefficients of the standard's Annex B are not available)",
            "cooling",
            {"grade": grade, "year": report.year},
        )
    )
    return out


# ---------------------------------------------------------------------------------------------
# JSON


def check_json(c: CheckResult) -> dict[str, Any]:
    r = c.rule
    return {
        "rule": r.id,
        "standard": r.standard,
        "clause": r.clause,
        "title": r.title,
        "quantity": r.quantity,
        "comparison": r.comparison,
        "unit": r.unit,
        "year": c.year,
        "status": c.status,
        "value": c.value,
        "limit": c.limit,
        "margin": c.margin,
        "binding": r.binding,
        "evidence": r.evidence,
        "source": r.source,
        "note": c.note,
    }


def compliance_json(report: ComplianceReport) -> dict[str, Any]:
    """The whole report as one JSON-ready dict."""
    return {
        "site": report.site_id,
        "scenario": report.scenario,
        "year": report.year,
        "grade": grade_of(report.checks),
        "rm1": "not computed: the coefficients of GB 40879-2021 Annex B are not available",
        "passes": report.passes_every_year,
        "binding_failures": [f"{c.rule.id} ({c.year})" for c in report.binding_failures],
        "checks": [check_json(c) for c in report.checks],
        "years": [
            {
                "year": y.year,
                "quantities": dict(y.quantities),
                "grade": grade_of(y.checks),
                "checks": [check_json(c) for c in y.checks if c.status != "not_applicable"],
            }
            for y in report.years
        ],
        "notes": list(report.notes),
    }


# ---------------------------------------------------------------------------------------------
# text


def by_standard(checks: Iterable[CheckResult]) -> dict[str, list[CheckResult]]:
    """Checks grouped by standard, in rule order."""
    out: dict[str, list[CheckResult]] = {}
    for c in checks:
        out.setdefault(c.rule.standard, []).append(c)
    return out


def compliance_text(report: ComplianceReport) -> str:
    """Each rule's result grouped by standard, then the year-by-year energy ratio and grades."""
    title = f"Compliance: {report.site_id}" + (f", scenario {report.scenario}" if report.scenario else "")
    lines = [title, f"design checked for {report.year}; GB 40879-2021 grade {grade_of(report.checks)}"]
    lines.append("  (RM1 is not computed: the coefficients of the standard's Annex B are not available)")
    for standard, checks in by_standard(report.checks).items():
        lines.append("")
        lines.append(standard)
        for c in checks:
            flag = " [secondary]" if c.rule.evidence == "secondary" else ""
            lines.append(f"  {STATUS_WORDS[c.status]:<15} {c.rule.id:<28} {c.rule.title}{flag}: {_verdict(c)}")
    if report.years:
        lines.append("")
        lines.append("Per build-out year (RM2, occupancy, green power; grade; failed rules)")
        for y in report.years:
            q = y.quantities
            ratio = q.get("energy_ratio_rm2")
            occ, green = q.get("rack_occupancy"), q.get("green_power_share")
            fails = [c.rule.id + ("" if c.rule.binding else "*") for c in y.checks if c.status == "fail"]
            lines.append(
                f"  {y.year}  RM2 {format_quantity(ratio, ''):>6}  occupancy {format_quantity(occ, 'share'):>7}  "
                f"green {format_quantity(green, 'share'):>7}  grade {grade_of(y.checks):<11} "
                f"{', '.join(fails) if fails else 'no rule failed'}"
            )
        lines.append("  (* = not binding)")
    lines.append("")
    failures = report.binding_failures
    lines.append(
        "every binding rule passes"
        if not failures
        else f"{len(failures)} binding rule result(s) fail: " + ", ".join(sorted({c.rule.id for c in failures}))
    )
    lines.extend(f"note: {n}" for n in report.notes)
    return "\n".join(lines)


def scenarios_text(reports: Iterable[ComplianceReport]) -> str:
    """One line per scenario: design grade, the worst build-out year's RM2, and the binding rules it fails."""
    lines = ["Compliance by scenario (binding rules, design year and every build-out year)"]
    lines.append(f"  {'scenario':<22} {'grade':<11} {'worst RM2 (year)':<18} {'passes':<7} failing binding rules")
    for r in reports:
        ratios = [(y.quantities.get("energy_ratio_rm2"), y.year) for y in r.years]
        known = [(v, y) for v, y in ratios if v is not None]
        worst = max(known) if known else None
        worst_text = f"{worst[0]:.3f} ({worst[1]})" if worst else "-"
        failing = sorted({c.rule.id for c in r.binding_failures})
        lines.append(
            f"  {r.scenario or 'base':<22} {grade_of(r.checks):<11} {worst_text:<18} "
            f"{'yes' if r.passes_every_year else 'no':<7} {', '.join(failing) or '-'}"
        )
    return "\n".join(lines)


def check_detail(c: CheckResult) -> str:
    """Everything about one result, one fact a line: for a tooltip or a detail pane."""
    r = c.rule
    lines = [
        f"{r.standard}, {r.clause}" if r.clause else r.standard,
        f"{r.title}: {STATUS_WORDS[c.status]} ({c.year})",
        f"value {format_quantity(c.value, r.unit)}; limit {r.comparison} {format_quantity(c.limit, r.unit)}"
        + ("" if c.margin is None else f"; margin {format_quantity(c.margin, r.unit)}"),
        f"{'binding' if r.binding else 'not binding'}; threshold from the {r.evidence} text"
        + (" (a secondary quote: check the standard)" if r.evidence == "secondary" else ""),
    ]
    if r.source:
        lines.append(f"source: {r.source}")
    if c.note:
        lines.append(c.note)
    lines.append(f"rule {r.id}")
    return "\n".join(lines)
