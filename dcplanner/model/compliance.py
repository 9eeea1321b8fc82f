"""Compliance inputs of a site and the grammar of a compliance rule (engine layer).

A rule is data: the built-in ones live in ``resources/rules/*.csv``, a project adds its own in
``compliance.rules`` with the same columns. Thresholds are never in code (the standards are
being revised: GB 40879 revision launched 2025-04-30). The checks themselves are in
:mod:`dcplanner.compliance`.

Applies-to conditions are ``key=value[|value...]`` joined by ``;``, e.g.
``hub=western_hub;status=new|rebuilt|expanded``; every condition must hold. Keys: ``hub``,
``class``, ``status``, ``procurement`` (yes / no) and ``min_cabinets`` (a whole number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from dcplanner.model.schema import Issue, items, num, text

Hub = Literal["western_hub", "eastern_cluster", "none"]
DesignClass = Literal["A", "B", "C", "unspecified"]
SiteStatus = Literal["new", "rebuilt", "expanded", "existing"]
Comparison = Literal["<=", "<", ">=", ">"]
Evidence = Literal["primary", "secondary"]
Quantity = Literal[
    "energy_ratio_rm2",  # annual facility energy / IT energy (GB 40879-2021 RM2 = annual PUE)
    "rack_occupancy",  # cabinets in use / cabinets built (上架率), share
    "green_power_share",  # green power / facility energy, share
    "wue_l_per_kwh",  # site water / IT energy
    "cabinets",  # cabinets in the model (not converted to standard racks)
    "ups_capacity_ratio",  # usable UPS capacity / the load it carries
    "inlet_dry_bulb_c",  # hourly ITE inlet dry bulb
    "inlet_dew_point_c",  # hourly ITE inlet dew point
    "inlet_rel_humidity",  # hourly ITE inlet relative humidity, share
    "clear_height_m",  # lowest hall clear height
    "aisle_width_m",  # narrowest aisle between facing rows
    "passage_width_m",  # main equipment passage (not in the model: no data)
    "utility_redundancy",
    "transformer_redundancy",
    "generator_redundancy",
    "ups_redundancy",
    "cooling_plant_redundancy",
    "hall_cooling_redundancy",
]
QUANTITIES: tuple[str, ...] = get_args(Quantity)
REDUNDANCY_QUANTITIES = frozenset(q for q in QUANTITIES if q.endswith("_redundancy"))
YEARLY_QUANTITIES = frozenset({"energy_ratio_rm2", "rack_occupancy", "green_power_share"})
"""Quantities that change from year to year of a build-out."""

REDUNDANCY_ORDER = ("N", "N+1", "N+2", "N+3", "2N", "2N+1")
"""Ascending tolerance of a unit failure (Uptime Institute Tier Standard: Topology): 2N and 2N+1
duplicate the whole set, so they meet any N+k and "2N" requirement below them."""

CONDITION_KEYS: dict[str, tuple[str, ...]] = {
    "hub": get_args(Hub),
    "class": get_args(DesignClass),
    "status": get_args(SiteStatus),
    "procurement": ("yes", "no"),
    "min_cabinets": (),
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(slots=True, kw_only=True)
class ComplianceRule:
    """One rule: a quantity compared with a threshold, where and when it applies, and its source."""

    id: str = text(doc="Unique id, e.g. gb40879.grade3.")
    standard: str = text(doc="Standard or notice, e.g. GB 40879-2021.")
    clause: str = text("", doc="Clause, table or article of the standard.")
    title: str = text("", doc="What the rule asks, in a few words.")
    quantity: Quantity = text(doc="The quantity checked (one the engine computes).")
    comparison: Comparison = text(doc="How the quantity must compare with the threshold.")
    threshold: str = text(doc="A number, or a redundancy (N, N+1, 2N ...) for a redundancy quantity.")
    unit: str = text("", doc="Unit of the threshold.")
    applies_to: str = text("", doc="Conditions joined by ';', e.g. hub=western_hub;status=new.")
    effective_from: str = text("", doc="First day in force, YYYY-MM-DD ('' = always).")
    effective_until: str = text("", doc="First day no longer in force, YYYY-MM-DD ('' = open).")
    binding: bool = text(True, doc="A failure blocks approval (exit 1 of dcplanner check).")
    grade: int = num(0, min=0, max=9, doc="Energy-efficiency grade this rule defines (0 = not a grade rule).")
    evidence: Evidence = text("primary", doc="primary text or a secondary quote of it.")
    source: str = text("", doc="Where the number comes from.")


@dataclass(slots=True, kw_only=True)
class YearShare:
    """A share (0-1) for one calendar year."""

    year: int = num(min=2000, max=2100)
    share: float = num(min=0, max=1)


@dataclass(slots=True, kw_only=True)
class ComplianceInputs:
    """What the Chinese energy-efficiency, hub and design rules need to know about a site."""

    hub: Hub = text(
        "none", label="Hub", doc="East Data West Computing: western hub (Guizhou ...), eastern cluster or none."
    )
    design_class: DesignClass = text(
        "unspecified", label="GB 50174 class", doc="A fault tolerant, B redundant, C basic."
    )
    status: SiteStatus = text("new", label="Status", doc="new, rebuilt or expanded (GB 40879 scope), or existing.")
    government_procurement: bool = text(
        False, label="Government procurement", doc="Sold under the green government-procurement standard."
    )
    assessment_year: int = num(
        2026, min=2000, max=2100, label="Assessment year", doc="Year of the single-year check of the design."
    )
    report_findings: bool = text(
        False,
        label="Rule failures as findings",
        doc="Add the design's rule failures to the solve's findings (status bar, workbook Summary, solve --json).",
    )
    green_power: list[YearShare] = items(
        label="Green power", doc="Share of facility energy from green power (contracts, certificates, on site)."
    )
    rack_occupancy: list[YearShare] = items(
        label="Rack occupancy", doc="Cabinets in use / built per year; empty = from the build-out."
    )
    rules: list[ComplianceRule] = items(label="Project rules", doc="Rules added to the built-in ones.")


def year_share(entries: list[YearShare], year: int) -> float | None:
    """The share given for ``year``, else the latest earlier year's, else None."""
    known = [e for e in entries if e.year <= year]
    return max(known, key=lambda e: e.year).share if known else None


def parse_conditions(applies_to: str) -> dict[str, tuple[str, ...]]:
    """``hub=western_hub;status=new|rebuilt`` as {key: values}; raises ValueError naming the problem."""
    out: dict[str, tuple[str, ...]] = {}
    for part in (p.strip() for p in applies_to.split(";")):
        if not part:
            continue
        key, sep, values = part.partition("=")
        key = key.strip()
        if not sep or key not in CONDITION_KEYS:
            raise ValueError(f"condition {part!r} must be KEY=VALUE with KEY one of {', '.join(CONDITION_KEYS)}")
        vals = tuple(v.strip() for v in values.split("|") if v.strip())
        allowed = CONDITION_KEYS[key]
        if key == "min_cabinets":
            if len(vals) != 1 or not vals[0].isdigit():
                raise ValueError(f"min_cabinets takes one whole number, got {values!r}")
        elif not vals or any(v not in allowed for v in vals):
            raise ValueError(f"{key} takes {', '.join(allowed)}; got {values!r}")
        out[key] = vals
    return out


def parse_threshold(rule: ComplianceRule) -> float | str:
    """The threshold as a number, or as a redundancy for a redundancy quantity; raises ValueError."""
    if rule.quantity in REDUNDANCY_QUANTITIES:
        if rule.threshold not in REDUNDANCY_ORDER:
            raise ValueError(f"threshold of a redundancy must be one of {', '.join(REDUNDANCY_ORDER)}")
        return rule.threshold
    try:
        return float(rule.threshold)
    except ValueError:
        raise ValueError(f"threshold must be a number, got {rule.threshold!r}") from None


def rule_issues(rule: ComplianceRule, path: str) -> list[Issue]:
    """Every problem of one rule, each naming its field."""
    out: list[Issue] = []
    if not rule.id.strip():
        out.append(Issue(f"{path}.id", "a rule needs an id"))
    try:
        parse_threshold(rule)
    except ValueError as exc:
        out.append(Issue(f"{path}.threshold", str(exc)))
    try:
        parse_conditions(rule.applies_to)
    except ValueError as exc:
        out.append(Issue(f"{path}.applies_to", str(exc)))
    for name in ("effective_from", "effective_until"):
        value = getattr(rule, name)
        if value and not _DATE.match(value):
            out.append(Issue(f"{path}.{name}", f"must be a date written YYYY-MM-DD, got {value!r}"))
    if rule.quantity in REDUNDANCY_QUANTITIES and rule.comparison != ">=":
        out.append(Issue(f"{path}.comparison", "a redundancy is compared with >= (at least)"))
    return out


def in_force(rule: ComplianceRule, year: int) -> bool:
    """Whether the rule is in force on 31 December of ``year``."""
    day = f"{year:04d}-12-31"
    return (not rule.effective_from or rule.effective_from <= day) and (
        not rule.effective_until or day < rule.effective_until
    )


def compliance_issues(inputs: ComplianceInputs, path: str = "compliance") -> list[Issue]:
    """Cross-field problems of the compliance inputs: project rules and repeated years."""
    out: list[Issue] = []
    seen: set[str] = set()
    for i, rule in enumerate(inputs.rules):
        out.extend(rule_issues(rule, f"{path}.rules[{i}]"))
        if rule.id in seen:
            out.append(Issue(f"{path}.rules[{i}].id", f"rule id {rule.id!r} is used twice"))
        seen.add(rule.id)
    for name in ("green_power", "rack_occupancy"):
        years = [e.year for e in getattr(inputs, name)]
        for y in sorted({y for y in years if years.count(y) > 1}):
            out.append(Issue(f"{path}.{name}", f"year {y} is given twice"))
    return out
