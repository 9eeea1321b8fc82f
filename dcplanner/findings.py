"""Findings: every limit and check result a solve reports, in one list (engine layer).

A finding has a severity (``error`` > ``warning`` > ``info``), a stable ``code``, the ``scope``
it concerns (``site``, a hall id, or a field path), the model ``path`` to look at, a sentence,
and its figures. The CLI, the window, the workbook and the report all show this list.

"Use" is demand / usable capacity everywhere (usable = installed less the redundant units, see
:mod:`dcplanner.solvers.capacity`). A capacity constraint above 100 % use is an error: the design
as drawn cannot be powered, cooled or held (Uptime Institute, Tier Standard: Topology, counts
capacity "N" without the redundant units). A capacity of zero with demand on it is an error too,
never an infinite use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from dcplanner.model.schema import Issue
from dcplanner.solvers.capacity import (
    CapacityResult,
    Constraint,
    constraint_use,
    format_use,
    is_over,
    resource_label,
    scope_label,
)

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
"""Most severe first."""

OVER_LIMIT = "capacity.over_limit"
NO_CAPACITY = "capacity.no_capacity"
BINDING = "capacity.binding"
PEAK_FROM_FACTOR = "capacity.peak_from_design_factor"


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of a check: how bad, which check, where, what, and its numbers."""

    severity: Severity
    code: str
    scope: str
    message: str
    path: str = ""
    figures: Mapping[str, float | str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"

    def json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "scope": self.scope,
            "path": self.path,
            "message": self.message,
            "figures": dict(self.figures),
        }


def severity_rank(severity: str) -> int:
    """0 for errors, 1 for warnings, 2 for info."""
    return SEVERITIES.index(severity)


def sorted_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Errors first, then warnings, then info; the order within a severity is kept."""
    return tuple(sorted(findings, key=lambda f: severity_rank(f.severity)))


def at_least(findings: Iterable[Finding], severity: Severity) -> list[Finding]:
    """The findings as severe as ``severity`` or more."""
    limit = severity_rank(severity)
    return [f for f in findings if severity_rank(f.severity) <= limit]


# ---------------------------------------------------------------------------------------------
# capacity


def format_amount(value: float, unit: str) -> str:
    """A quantity with thousands separators: 0 decimals from 100 up, else 1."""
    digits = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    return f"{value:,.{digits}f} {unit}"


_FIELD_OF_RESOURCE = {
    "space": "halls[{scope}].rows",
    "hall_it_budget": "halls[{scope}].design_it_kw",
    "hall_cooling": "halls[{scope}].cooling_units",
    "floor_loading": "halls[{scope}].floor_load_limit_kg_m2",
    "ups": "power.ups",
    "pdus": "power.pdus",
    "transformers": "power.transformers",
    "generators": "power.generators",
    "utility": "power.utility",
    "cooling_plant": "cooling.plant_units",
}
"""The model field that holds each resource's capacity (a path in :mod:`dcplanner.model.paths`)."""


def _figures(c: Constraint) -> dict[str, float | str]:
    figures: dict[str, float | str] = {
        "resource": c.resource,
        "demand": c.demand,
        "capacity": c.capacity,
        "unit": c.unit,
    }
    if c.installed is not None:
        figures["installed"] = c.installed
    use = constraint_use(c)
    if use is not None:
        figures["use"] = use
    figures["excess"] = max(c.demand - c.capacity, 0.0)
    if c.culprit:
        figures["culprit"] = c.culprit
    return figures


def constraint_finding(c: Constraint) -> Finding | None:
    """The error finding of a constraint over its usable capacity (None when it fits)."""
    if not is_over(c):
        return None
    where = f"{resource_label(c.resource)} ({scope_label(c.scope)})"
    path = _FIELD_OF_RESOURCE.get(c.resource, "").format(scope=c.scope)
    if c.capacity <= 0:
        message = (
            f"{where}: {format_amount(c.demand, c.unit)} of demand and no usable capacity"
            + (f" ({format_amount(c.installed, c.unit)} installed, all held in reserve)" if c.installed else "")
        )
        return Finding("error", NO_CAPACITY, c.scope, message, path, _figures(c))
    message = (
        f"{where}: {format_amount(c.demand, c.unit)} of {format_amount(c.capacity, c.unit)} usable, "
        f"{format_use(c)}, {format_amount(c.demand - c.capacity, c.unit)} over"
    )
    return Finding("error", OVER_LIMIT, c.scope, message, path, _figures(c))


def capacity_findings(cap: CapacityResult, *, peak_from_energy: bool = True) -> list[Finding]:
    """Errors for every constraint over its usable capacity, then the binding limit as info."""
    out = [f for c in cap.constraints if (f := constraint_finding(c)) is not None]
    b = cap.binding
    if b is not None and not is_over(b) and b.capacity > 0:
        out.append(
            Finding(
                "info",
                BINDING,
                b.scope,
                f"binding limit: {resource_label(b.resource)} ({scope_label(b.scope)}) at {format_use(b)}, "
                f"{format_amount(b.capacity - b.demand, b.unit)} left",
                _FIELD_OF_RESOURCE.get(b.resource, "").format(scope=b.scope),
                _figures(b),
            )
        )
    if not peak_from_energy and cap.site.design_kw > 0:
        out.append(
            Finding(
                "info",
                PEAK_FROM_FACTOR,
                "site",
                f"utility, transformers and generators carry {format_amount(cap.peak_facility_kw, 'kW')}: design IT "
                "times the power chain's design facility factor (the energy year was not solved)",
                "power.design_facility_factor",
                {"peak_facility_kw": cap.peak_facility_kw},
            )
        )
    return out


def issue_finding(issue: Issue) -> Finding:
    """A validation issue as a finding (its code, else ``validation.<severity>``)."""
    code = issue.code or f"validation.{issue.severity}"
    return Finding(issue.severity, code, issue.path or "site", str(issue), issue.path)


def over_limit(findings: Iterable[Finding]) -> list[Finding]:
    """The capacity errors among ``findings`` (the limits a design breaks)."""
    return [f for f in findings if f.code in (OVER_LIMIT, NO_CAPACITY)]
