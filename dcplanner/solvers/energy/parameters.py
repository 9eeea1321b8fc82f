"""A project's cooling parameters checked against its preset and resolved (engine layer).

A project overrides any parameter of its preset (:mod:`dcplanner.solvers.energy.presets`) in
``cooling.parameters``; names and values are checked here and every problem is reported with
its path (``cooling.parameters.<name>``) and allowed range.
"""

from __future__ import annotations

from collections.abc import Mapping

from dcplanner.model.schema import Issue, ValidationError
from dcplanner.model.site import CoolingPlant
from dcplanner.solvers.energy.presets import PRESETS, preset

__all__ = [
    "PRESETS",
    "list_presets",
    "parameter_issues",
    "preset",
    "resolve_parameters",
]  # PRESETS, preset: re-exported


def list_presets() -> list[dict[str, object]]:
    """Every preset with its parameters (name, default, range, unit, meaning, source)."""
    return [
        {
            "architecture": p.id,
            "title": p.title,
            "description": p.description,
            "expected_pue_band": list(p.expected_pue_band),
            "parameters": [
                {
                    "name": q.name,
                    "default": q.default,
                    "min": q.min,
                    "max": q.max,
                    "unit": q.unit,
                    "doc": q.doc,
                    "source": q.source,
                    **({"choices": {str(k): v for k, v in q.choices.items()}} if q.choices else {}),
                }
                for q in p.params
            ],
        }
        for p in PRESETS.values()
    ]


def parameter_issues(cooling: CoolingPlant, path: str = "cooling") -> list[Issue]:
    """Every unknown name or out-of-range value in ``cooling.parameters`` (empty = fine)."""
    pre = PRESETS.get(cooling.architecture)
    if pre is None:
        return [Issue(f"{path}.architecture", f"no cooling preset {cooling.architecture!r}")]
    issues: list[Issue] = []
    known = {p.name: p for p in pre.params}
    for name, value in cooling.parameters.items():
        ppath = f"{path}.parameters.{name}"
        spec = known.get(name)
        if spec is None:
            issues.append(Issue(ppath, f"unknown parameter of the {pre.id} preset; it has: {', '.join(sorted(known))}"))
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            issues.append(Issue(ppath, f"must be a number; allowed {spec.describe_range()}"))
            continue
        if spec.choices:
            if value not in spec.choices:
                issues.append(Issue(ppath, f"{value:g} is not allowed; use {spec.describe_range()}"))
        elif not spec.min <= value <= spec.max:
            issues.append(Issue(ppath, f"{value:g} is out of range; allowed {spec.describe_range()} ({spec.doc})"))
    if not issues:
        values = {**pre.defaults(), **cooling.parameters}
        issues.extend(_cross_checks(values, cooling, path))
    return issues


def _cross_checks(v: Mapping[str, float], cooling: CoolingPlant, path: str) -> list[Issue]:
    out = []
    pp = f"{path}.parameters"
    if v["room_dew_point_min_c"] > v["room_dew_point_max_c"]:
        out.append(Issue(f"{pp}.room_dew_point_min_c", "must not exceed room_dew_point_max_c"))
    if "supply_air_min_c" in v and v["supply_air_min_c"] > cooling.supply_air_c - v["supply_approach_k"]:
        out.append(
            Issue(
                f"{pp}.supply_air_min_c",
                f"{v['supply_air_min_c']:g} °C is above the supply air set point "
                f"({cooling.supply_air_c:g} °C inlet minus {v['supply_approach_k']:g} K approach)",
            )
        )
    if cooling.supply_air_c - v["supply_approach_k"] <= 0:
        out.append(Issue(f"{pp}.supply_approach_k", "leaves a supply air at or below 0 °C"))
    return out


def resolve_parameters(cooling: CoolingPlant, path: str = "cooling") -> dict[str, float]:
    """The preset's defaults with the project's overrides; raises ValidationError naming each bad one."""
    issues = parameter_issues(cooling, path)
    if issues:
        raise ValidationError(issues)
    pre = PRESETS[cooling.architecture]
    return {**pre.defaults(), **{k: float(v) for k, v in cooling.parameters.items()}}
