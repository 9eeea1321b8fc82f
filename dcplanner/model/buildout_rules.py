"""Cross-field rules of a site's build-out and economics inputs (engine layer).

Called by :func:`dcplanner.model.validation.validate_site`. Checks what one field alone cannot:
month formats, references between candidates and to halls, rows and phases, dependency cycles,
date windows, demand variants in month order. Whether the schedule can meet the demand within
the horizon and budget is the phasing solver's question, not a file-format one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from dcplanner.model.schema import Issue
from dcplanner.model.site import Site

MONTH_PATTERN = re.compile(r"^(19|20|21)\d\d-(0[1-9]|1[0-2])$")
"""A month written ``YYYY-MM``."""


def month_number(text: str) -> int:
    """``"2026-03"`` -> months since year 0 (2026 * 12 + 2)."""
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def check_buildout(site: Site) -> list[Issue]:
    """Errors and warnings for ``site.buildout`` and the economics it uses."""
    return list(_issues(site))


def _month(path: str, text: str, *, optional: bool = False) -> Iterator[Issue]:
    if optional and not text:
        return
    if not MONTH_PATTERN.match(text):
        yield Issue(path, f"must be a month written YYYY-MM, got {text!r}")


def _issues(site: Site) -> Iterator[Issue]:
    b = site.buildout
    yield from _month("buildout.start", b.start)
    yield from _demand_issues(site)
    yield from _candidate_issues(site)
    years: dict[int, int] = {}
    for i, cap in enumerate(b.budget_caps):
        if cap.year in years:
            yield Issue(
                f"buildout.budget_caps[{i}].year", f"{cap.year} already has a cap (budget_caps[{years[cap.year]}])"
            )
        years.setdefault(cap.year, i)
    taken: dict[int, str] = {}
    tou = site.economics.time_of_use
    for band in ("peak", "valley"):
        path = f"economics.time_of_use.{band}_hours"
        try:
            hours = parse_hours(getattr(tou, f"{band}_hours"))
        except ValueError as exc:
            yield Issue(path, str(exc))
            continue
        for hour in hours:
            if hour in taken:
                yield Issue(path, f"hour {hour} is already a {taken[hour]} hour")
            taken[hour] = band


def parse_hours(text: str) -> list[int]:
    """``"8-11,18-21"`` -> [8, 9, 10, 11, 18, 19, 20, 21]; ValueError naming the bad part."""
    hours: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        lo, sep, hi = part.partition("-")
        try:
            a, b = int(lo), int(hi) if sep else int(lo)
        except ValueError:
            raise ValueError(f"{part!r} is not an hour or a range of hours such as 8-11") from None
        if not (0 <= a <= 23 and 0 <= b <= 23 and a <= b):
            raise ValueError(f"{part!r}: hours run from 0 to 23, the first no later than the last")
        hours.extend(range(a, b + 1))
    return hours


def _demand_issues(site: Site) -> Iterator[Issue]:
    d = site.buildout.demand
    seen: set[str] = set()
    for i, variant in enumerate(d.variants):
        vpath = f"buildout.demand.variants[{i}]"
        if not variant.id:
            yield Issue(f"{vpath}.id", "must not be empty")
        elif variant.id in seen:
            yield Issue(f"{vpath}.id", f"duplicate variant id {variant.id!r}")
        seen.add(variant.id)
        if not variant.points:
            yield Issue(f"{vpath}.points", "a demand variant needs at least one point")
        last = None
        for k, point in enumerate(variant.points):
            ppath = f"{vpath}.points[{k}].month"
            bad = list(_month(ppath, point.month))
            yield from bad
            if bad:
                continue
            n = month_number(point.month)
            if last is not None and n <= last:
                yield Issue(ppath, f"{point.month} is not after the previous point; points must be in month order")
            last = n
    if (d.variants or site.buildout.candidates) and d.variant not in seen:
        known = ", ".join(repr(v.id) for v in d.variants) or "none"
        yield Issue("buildout.demand.variant", f"no demand variant {d.variant!r}; variants: {known}")


def _candidate_issues(site: Site) -> Iterator[Issue]:
    cands = site.buildout.candidates
    index: dict[str, int] = {}
    for i, c in enumerate(cands):
        if not c.id:
            yield Issue(f"buildout.candidates[{i}].id", "must not be empty")
        elif c.id in index:
            yield Issue(
                f"buildout.candidates[{i}].id", f"duplicate id {c.id!r} (also buildout.candidates[{index[c.id]}])"
            )
        else:
            index[c.id] = i
    halls = {h.id for h in site.halls}
    rows = {r.id for h in site.halls for r in h.rows}
    phases = {p.id for p in site.phases}
    for i, c in enumerate(cands):
        path = f"buildout.candidates[{i}]"
        for k, ref in enumerate(c.covers):
            kinds = [name for name, ids in (("hall", halls), ("row", rows), ("phase", phases)) if ref in ids]
            if not kinds:
                yield Issue(f"{path}.covers[{k}]", f"no hall, row or phase with id {ref!r}")
            elif len(kinds) > 1:
                yield Issue(f"{path}.covers[{k}]", f"{ref!r} is ambiguous: it is the id of a {' and a '.join(kinds)}")
        for k, ref in enumerate(c.requires):
            if ref not in index:
                yield Issue(f"{path}.requires[{k}]", f"no candidate {ref!r}")
            elif ref == c.id:
                yield Issue(f"{path}.requires[{k}]", "a candidate cannot require itself")
            elif c.enabled and not cands[index[ref]].enabled:
                severity: Literal["error", "warning"] = "error" if c.must_build or c.fixed_start else "warning"
                yield Issue(
                    f"{path}.requires[{k}]",
                    f"requires {ref!r}, which is disabled, so {c.id!r} can never be built",
                    severity,
                )
        for field in ("provides", "consumes"):
            for key, value in getattr(c, field).items():
                if value < 0:
                    yield Issue(f"{path}.{field}.{key}", f"{value:g} kW is negative; allowed at least 0 kW")
        dates = {}
        for field in ("earliest_start", "latest_start", "fixed_start"):
            text = getattr(c, field)
            bad = list(_month(f"{path}.{field}", text, optional=True))
            yield from bad
            if text and not bad:
                dates[field] = month_number(text)
        lo, hi, fixed = dates.get("earliest_start"), dates.get("latest_start"), dates.get("fixed_start")
        if lo is not None and hi is not None and lo > hi:
            yield Issue(f"{path}.latest_start", f"{c.latest_start} is before earliest_start {c.earliest_start}")
        if fixed is not None and ((lo is not None and fixed < lo) or (hi is not None and fixed > hi)):
            yield Issue(
                f"{path}.fixed_start",
                f"{c.fixed_start} lies outside the window {c.earliest_start or '…'} to {c.latest_start or '…'}",
            )
    yield from _cycles(cands, index)


def _cycles(cands: list, index: dict[str, int]) -> Iterator[Issue]:
    """One error per dependency cycle (a requires b requires ... requires a)."""
    state = [0] * len(cands)  # 0 new, 1 on the stack, 2 done
    stack: list[int] = []

    def visit(i: int) -> Iterator[Issue]:
        state[i] = 1
        stack.append(i)
        for ref in cands[i].requires:
            j = index.get(ref)
            if j is None or j == i:
                continue
            if state[j] == 1:
                loop = [cands[k].id for k in stack[stack.index(j) :]] + [cands[j].id]
                yield Issue(
                    f"buildout.candidates[{i}].requires",
                    "dependency cycle: " + " requires ".join(repr(x) for x in loop),
                )
            elif state[j] == 0:
                yield from visit(j)
        stack.pop()
        state[i] = 2

    for i in range(len(cands)):
        if state[i] == 0:
            yield from visit(i)
