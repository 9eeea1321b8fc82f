"""Scenarios: a base site plus named dotted-path overrides (engine layer)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from dcplanner.model.paths import PathError, set_values, split_path
from dcplanner.model.schema import Issue, ValidationError, convert_fields, field_specs, from_dict, to_dict
from dcplanner.model.site import Scenario, Site
from dcplanner.model.validation import raise_on_errors, validate_site


def apply_overrides(site: Site, overrides: Mapping[str, Any], origin: str = "override") -> Site:
    """A new, validated site with each ``path: value`` applied to the JSON form of ``site``.

    Raises ValidationError whose paths name the override and the field that broke.
    """
    doc = to_dict(site)
    for path, value in overrides.items():
        try:
            set_values(doc, path, value)
        except PathError as exc:
            raise ValidationError([Issue(f"{origin} {path!r}", str(exc))]) from None
    try:
        new = from_dict(Site, doc)
        raise_on_errors(validate_site(new))
    except ValidationError as exc:
        raise ValidationError([Issue(f"{origin} -> {i.path}", i.message) for i in exc.issues]) from None
    return new


def find_scenario(site: Site, name: str) -> Scenario:
    """A scenario by id or by name."""
    for sc in site.scenarios:
        if name in (sc.id, sc.name):
            return sc
    known = ", ".join(repr(s.id) for s in site.scenarios) or "none"
    raise KeyError(f"no scenario {name!r}; scenarios: {known}")


def scenario_site(site: Site, name: str) -> Site:
    """The site as a scenario sees it (its overrides applied to the base)."""
    sc = find_scenario(site, name)
    return apply_overrides(site, sc.overrides, origin=f"scenarios[{sc.id}].overrides")


def check_scenarios(site: Site) -> list[Issue]:
    """Errors for scenarios whose overrides do not apply cleanly to the base site."""
    issues: list[Issue] = []
    for i, sc in enumerate(site.scenarios):
        try:
            _check_overrides(site, sc.overrides, origin=f"scenarios[{i}].overrides")
        except ValidationError as exc:
            issues.extend(exc.issues)
    return issues


def _check_overrides(site: Site, overrides: Mapping[str, Any], origin: str) -> None:
    """Raise what :func:`apply_overrides` raises, rebuilding only the site's top-level fields the
    override paths reach (``cooling``, ``halls`` ...); the others are shared with ``site``, so the
    site built here is validated and dropped, never handed out."""
    floats = {s.name for s in field_specs(Site) if s.hint in (float, float | None)}
    heads: set[str] = set()
    for path in overrides:
        try:
            heads.add(split_path(path)[0])
        except PathError:
            apply_overrides(site, overrides, origin)  # raises with the full path's message
            return
    names = {s.name for s in field_specs(Site)}
    if not heads <= names:
        apply_overrides(site, overrides, origin)
        return
    doc: dict[str, Any] = {}
    for name in heads:
        value = getattr(site, name)
        doc[name] = float(value) if type(value) is int and name in floats else to_dict(value)
    for path, value in overrides.items():
        try:
            set_values(doc, path, value)
        except PathError as exc:
            raise ValidationError([Issue(f"{origin} {path!r}", str(exc))]) from None
    try:
        new = dataclasses.replace(site, **convert_fields(Site, doc))
        raise_on_errors(validate_site(new))
    except ValidationError as exc:
        raise ValidationError([Issue(f"{origin} -> {i.path}", i.message) for i in exc.issues]) from None
