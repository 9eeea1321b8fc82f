"""The rule set of a site: the built-in rule files plus the project's own rules (engine layer)."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from dcplanner.model.compliance import ComplianceRule, rule_issues
from dcplanner.model.schema import ValidationError, field_specs, from_dict
from dcplanner.model.site import Site
from resources import resource_path

RULES_DIR = resource_path("rules")
_YES, _NO = ("yes", "true", "1"), ("no", "false", "0")


def _row_data(row: dict[str, str | None], where: str) -> dict[str, object]:
    data: dict[str, object] = {k: (v or "").strip() for k, v in row.items() if k is not None}
    binding = str(data.get("binding", "yes")).lower()
    if binding not in _YES + _NO:
        raise ValueError(f"{where}: binding must be yes or no, got {binding!r}")
    data["binding"] = binding in _YES
    grade = str(data.get("grade", "") or "0")
    if not grade.isdigit():
        raise ValueError(f"{where}: grade must be a whole number, got {grade!r}")
    data["grade"] = int(grade)
    return data


def read_rules(path: Path) -> tuple[ComplianceRule, ...]:
    """One rule file; every problem names the file, the line and the column."""
    allowed = {s.name for s in field_specs(ComplianceRule)}
    out: list[ComplianceRule] = []
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        unknown = set(reader.fieldnames or ()) - allowed
        if unknown:
            raise ValueError(f"{path.name}: unknown columns {sorted(unknown)}; allowed {sorted(allowed)}")
        for line_no, row in enumerate(reader, start=2):
            where = f"{path.name}:{line_no}"
            try:
                rule = from_dict(ComplianceRule, _row_data(row, where), where)
            except ValidationError as exc:
                raise ValueError(f"rule file error: {exc}") from None
            problems = rule_issues(rule, where)
            if problems:
                raise ValueError(f"rule file error: {problems[0]}")
            out.append(rule)
    return tuple(out)


@functools.cache
def builtin_rules() -> tuple[ComplianceRule, ...]:
    """Every rule shipped in ``resources/rules`` (read once), files in name order."""
    return tuple(r for p in sorted(RULES_DIR.glob("*.csv")) for r in read_rules(p))


def site_rules(site: Site) -> tuple[ComplianceRule, ...]:
    """The built-in rules, then the project's; a project rule with a built-in id replaces it."""
    own = {r.id: r for r in site.compliance.rules}
    kept = [r for r in builtin_rules() if r.id not in own]
    return (*kept, *site.compliance.rules)
