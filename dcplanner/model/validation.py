"""Cross-field rules of a site: ids, references, geometry, power-chain sanity (engine layer).

Field types and ranges are checked by :mod:`dcplanner.model.schema` while a document is read;
this module checks what one field alone cannot: that rows stay in their hall and don't
overlap, that cabinets refer to known hardware, that servers fit in their cabinet, and so on.
Errors block loading; warnings (narrow aisles, over-budget cabinets) are shown to the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from dcplanner.model.buildout_rules import MONTH_PATTERN, check_buildout
from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.compliance import compliance_issues
from dcplanner.model.drawing import Drawing, DrawingShape
from dcplanner.model.geometry import EPS_M, Rect, aisle_gap_m, aisle_strips, hall_floor, hall_rect, row_rect
from dcplanner.model.obstacles import describe_shape, obstacles_on
from dcplanner.model.schema import Issue, ValidationError
from dcplanner.model.site import CabinetType, Hall, Redundancy, Row, Site

# GB 50174-2017 §6.1.3: clear height of a new machine room >= 3.0 m [S58]
MIN_CLEAR_HEIGHT_M = 3.0
RESERVED_SCENARIO_ID = "base"  # names the base site's row in scenario comparisons


def redundancy_spares(redundancy: Redundancy, count: int) -> int:
    """Units kept in reserve: N -> 0, N+k -> k, 2N -> half, 2N+1 -> one plus half of the rest."""
    if redundancy == "2N":
        return count // 2
    if redundancy == "2N+1":
        return 1 + max(count - 1, 0) // 2
    return {"N": 0, "N+1": 1, "N+2": 2, "N+3": 3}[redundancy]


@dataclass(slots=True)
class _Checker:
    site: Site
    hw: HardwareIndex
    issues: list[Issue]

    def error(self, path: str, message: str) -> None:
        self.issues.append(Issue(path, message, "error"))

    def warn(self, path: str, message: str, code: str = "") -> None:
        self.issues.append(Issue(path, message, "warning", code))


def validate_site(site: Site, hw: HardwareIndex | None = None) -> list[Issue]:
    """Every cross-field error and warning of ``site`` (empty list = clean)."""
    chk = _Checker(site, hw or hardware_index(site), [])
    _check_catalog(chk)
    _check_unique(chk, "halls", [(f"halls[{i}]", h.id) for i, h in enumerate(site.halls)])
    _check_unique(
        chk,
        "rows",
        [(f"halls[{i}].rows[{j}]", r.id) for i, h in enumerate(site.halls) for j, r in enumerate(h.rows)],
    )
    _check_unique(
        chk,
        "cabinets",
        [
            (f"halls[{i}].rows[{j}].cabinets[{k}]", c.id)
            for i, h in enumerate(site.halls)
            for j, r in enumerate(h.rows)
            for k, c in enumerate(r.cabinets)
        ],
    )
    _check_unique(chk, "phases", [(f"phases[{i}]", p.id) for i, p in enumerate(site.phases)])
    _check_unique(chk, "scenarios", [(f"scenarios[{i}]", s.id) for i, s in enumerate(site.scenarios)])
    for i, sc in enumerate(site.scenarios):
        if sc.id == RESERVED_SCENARIO_ID:
            chk.error(
                f"scenarios[{i}].id", f"{RESERVED_SCENARIO_ID!r} names the base site in comparisons; choose another id"
            )
    _check_halls_apart(chk)
    for i, hall in enumerate(site.halls):
        _check_hall(chk, hall, f"halls[{i}]")
    _check_power(chk)
    chk.issues.extend(drawing_issues(site.drawing))
    for i, phase in enumerate(site.phases):
        if not MONTH_PATTERN.match(phase.start):
            chk.error(f"phases[{i}].start", f"must be a month written YYYY-MM, got {phase.start!r}")
    if site.climate.source != "builtin" and not site.climate.path:
        chk.error("climate.path", f"a {site.climate.source.upper()} climate needs a file path")
    if site.it_load.profile == "csv" and not site.it_load.csv_path:
        chk.error("it_load.csv_path", "a 'csv' utilisation profile needs a file path")
    chk.issues.extend(check_buildout(site))
    chk.issues.extend(compliance_issues(site.compliance))
    return chk.issues


def raise_on_errors(issues: Iterable[Issue]) -> list[Issue]:
    """Raise ValidationError if any issue is an error; return the warnings."""
    issues = list(issues)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise ValidationError(errors)
    return issues


def _check_unique(chk: _Checker, what: str, entries: list[tuple[str, str]]) -> None:
    seen: dict[str, str] = {}
    for path, ident in entries:
        if not ident:
            chk.error(f"{path}.id", "must not be empty")
        elif ident in seen:
            chk.error(f"{path}.id", f"duplicate id {ident!r} (also used by {seen[ident]}); {what} need unique ids")
        else:
            seen[ident] = path


def _check_catalog(chk: _Checker) -> None:
    hw = chk.hw
    for i, s in enumerate(chk.site.catalog.servers):
        path = f"catalog.servers[{i}]"
        if s.accelerator_id and s.accelerator_id not in hw.accelerators:
            chk.error(f"{path}.accelerator_id", f"unknown accelerator {s.accelerator_id!r}")
        if s.cpu_id and s.cpu_id not in hw.cpus:
            chk.error(f"{path}.cpu_id", f"unknown CPU {s.cpu_id!r}")
        if s.idle_kw > s.max_kw:
            chk.error(f"{path}.idle_kw", f"{s.idle_kw:g} kW is above max_kw; allowed 0 to {s.max_kw:g} kW")
        if s.accelerator_count and not s.accelerator_id:
            chk.error(f"{path}.accelerator_id", "accelerator_count is set but no accelerator_id is given")
    for i, t in enumerate(chk.site.catalog.cabinet_types):
        if t.empty_weight_kg > t.max_weight_kg:
            chk.error(
                f"catalog.cabinet_types[{i}].empty_weight_kg",
                f"{t.empty_weight_kg:g} kg exceeds the rating; allowed 0 to {t.max_weight_kg:g} kg",
            )


def _check_halls_apart(chk: _Checker) -> None:
    chk.issues.extend(hall_overlaps(chk.site.halls))


def hall_overlaps(halls: list[Hall]) -> list[Issue]:
    """One error for each hall whose floor overlaps an earlier hall's, naming the first of them.

    Each hall is reported once however many halls it overlaps (with their count), so a site
    of identical halls gives one line per hall, not one per pair; the test is vectorised over
    the earlier halls (the same open-interior rule and tolerance as :meth:`Rect.overlaps`).
    """
    if len(halls) < 2:
        return []
    rects = [hall_rect(h) for h in halls]
    x0, y0, x1, y1 = (np.array([getattr(r, k) for r in rects]) for k in ("x0", "y0", "x1", "y1"))
    issues = []
    for i in range(1, len(rects)):
        hits = np.flatnonzero(
            (x0[:i] < x1[i] - EPS_M) & (x0[i] < x1[:i] - EPS_M) & (y0[:i] < y1[i] - EPS_M) & (y0[i] < y1[:i] - EPS_M)
        )
        if hits.size == 0:
            continue
        j = int(hits[0])
        others = f" and {hits.size - 1:,} more halls listed before it" if hits.size > 1 else ""
        issues.append(
            Issue(
                f"halls[{i}]",
                f"hall {halls[i].id!r} ({rects[i].describe()}) overlaps hall {halls[j].id!r} ({rects[j].describe()})"
                + others,
            )
        )
    return issues


def hall_issues(site: Site, hall: Hall, hw: HardwareIndex | None = None, path: str | None = None) -> list[Issue]:
    """Cross-field errors and warnings of one hall, read against ``site``'s phases and catalog.

    Edit commands run it on the proposed hall before they change the live one.
    """
    if path is None:
        index = next((i for i, h in enumerate(site.halls) if h.id == hall.id), len(site.halls))
        path = f"halls[{index}]"
    chk = _Checker(site, hw or hardware_index(site), [])
    _check_hall(chk, hall, path)
    return chk.issues


def placed_rows(hall: Hall, hw: HardwareIndex) -> list[tuple[int, Row, Rect]]:
    """(index, row, footprint) of every row of ``hall`` whose cabinet type is known."""
    out = []
    for j, row in enumerate(hall.rows):
        ctype = hw.cabinet_types.get(row.cabinet_type_id)
        if ctype is not None:
            out.append((j, row, row_rect(row, ctype.width_m, ctype.depth_m)))
    return out


def _row_type(chk: _Checker, row: Row, path: str) -> CabinetType | None:
    ctype = chk.hw.cabinet_types.get(row.cabinet_type_id)
    if ctype is None:
        chk.error(f"{path}.cabinet_type_id", f"unknown cabinet type {row.cabinet_type_id!r}")
    return ctype


def _check_hall(chk: _Checker, hall: Hall, hpath: str) -> None:
    if hall.clear_height_m < MIN_CLEAR_HEIGHT_M:
        chk.warn(
            f"{hpath}.clear_height_m",
            f"{hall.clear_height_m:g} m is below the {MIN_CLEAR_HEIGHT_M:g} m that GB 50174-2017 "
            "§6.1.3 asks of a new machine room",
            "layout.low_clear_height",
        )
    floor = hall_floor(hall)
    near = obstacles_on(chk.site.drawing, hall_rect(hall)) if chk.site.drawing.shapes else []
    placed: list[tuple[int, Row, Rect]] = []
    for j, row in enumerate(hall.rows):
        rpath = f"{hpath}.rows[{j}]"
        ctype = _row_type(chk, row, rpath)
        _check_aisle_side(chk, row, rpath)
        if ctype is None:
            continue
        rect = row_rect(row, ctype.width_m, ctype.depth_m)
        if not floor.contains(rect):
            chk.error(
                rpath,
                f"row {row.id!r} ({rect.describe()}) lies outside hall {hall.id!r}; rows must stay "
                f"within x 0–{hall.width_m:g} m and y 0–{hall.depth_m:g} m",
            )
        for k, other, orect in placed:
            if rect.overlaps(orect):
                chk.error(
                    rpath,
                    f"row {row.id!r} ({rect.describe()}) overlaps row {other.id!r} "
                    f"({orect.describe()}, {hpath}.rows[{k}])",
                )
        for shape in obstacles_on(near, rect.translated(hall.x_m, hall.y_m)):
            chk.error(
                rpath,
                f"row {row.id!r} ({rect.describe()} in hall {hall.id!r}) stands on {describe_shape(shape)} "
                "of the drawing; move the row clear of it",
            )
        placed.append((j, row, rect))
        _check_cabinets(chk, row, ctype, rpath)
    for path, message in narrow_aisles(hall, placed, hpath):
        chk.warn(path, message, "layout.narrow_aisle")
    for path, message in obstructed_aisles(near, hall, placed, hpath):
        chk.warn(path, message, "layout.obstacle_in_aisle")


def obstructed_aisles(
    near: list[DrawingShape], hall: Hall, placed: list[tuple[int, Row, Rect]], hpath: str
) -> list[tuple[str, str]]:
    """(path, message) for each of the columns and walls ``near`` standing in the aisle beside a row.

    The aisle is the strip the plan shades (:func:`aisle_strips`): half way to the facing row, or
    one minimum aisle from a row with none facing it; an obstacle there narrows the clear aisle
    below the minimum (GB 50311-2016 §21.5.4).
    """
    if not near:
        return []
    index = {row.id: j for j, row, _rect in placed}
    out = []
    for strip in aisle_strips(hall, [(row, rect) for _j, row, rect in placed]):
        for shape in obstacles_on(near, strip.rect.translated(hall.x_m, hall.y_m)):
            out.append(
                (
                    f"{hpath}.rows[{index[strip.row_id]}]",
                    f"{describe_shape(shape)} of the drawing stands in the {strip.kind} aisle of row "
                    f"{strip.row_id!r} ({strip.rect.describe()}): the clear aisle there is below the "
                    f"{hall.min_aisle_m:g} m minimum (GB 50311-2016 §21.5.4)",
                )
            )
    return out


def narrow_aisles(hall: Hall, placed: list[tuple[int, Row, Rect]], hpath: str) -> list[tuple[str, str]]:
    """(path, message) for facing rows closer than the hall's minimum aisle.

    Default minimum 1.2 m between rows: GB 50311-2016 §21.5.4 [S59] (also GB 50174).
    """
    return [
        (
            f"{hpath}.rows[{n.index}]",
            f"aisle between rows {n.row_id!r} and {n.other_row_id!r} is {n.gap_m:.2f} m; the minimum is "
            f"{hall.min_aisle_m:g} m (GB 50311-2016 §21.5.4)",
        )
        for n in narrow_aisle_gaps(hall, placed)
    ]


@dataclass(frozen=True, slots=True)
class NarrowAisle:
    """Two facing rows closer than the hall's minimum aisle, and the gap between them."""

    index: int  # of ``row_id`` in hall.rows
    row_id: str
    other_row_id: str
    gap_m: float
    rect: Rect  # the clear space between the rows, hall coordinates


def narrow_aisle_gaps(hall: Hall, placed: list[tuple[int, Row, Rect]]) -> list[NarrowAisle]:
    """Every pair of facing parallel rows closer than ``hall.min_aisle_m`` (GB 50311-2016 §21.5.4)."""
    out = []
    for a in range(len(placed)):
        for b in range(a):
            ja, ra, rect_a = placed[a]
            _jb, rb, rect_b = placed[b]
            if ra.orientation != rb.orientation:
                continue
            gap = aisle_gap_m(rect_a, rect_b, ra.orientation)
            if gap is not None and 0 <= gap < hall.min_aisle_m - 1e-9:
                out.append(NarrowAisle(ja, ra.id, rb.id, gap, _between(rect_a, rect_b, ra.orientation)))
    return out


def _between(a: Rect, b: Rect, orientation: str) -> Rect:
    """The clear space between two facing rows over the length they share."""
    if orientation == "horizontal":
        top, bottom = (a, b) if a.y0 < b.y0 else (b, a)
        return Rect(max(a.x0, b.x0), top.y1, min(a.x1, b.x1), bottom.y0)
    left, right = (a, b) if a.x0 < b.x0 else (b, a)
    return Rect(left.x1, max(a.y0, b.y0), right.x0, min(a.y1, b.y1))


def drawing_issues(drawing: Drawing) -> list[Issue]:
    """Errors of the background drawing: unique shape ids, x and y lists alike, enough points."""
    issues = []
    seen: dict[str, int] = {}
    for i, shape in enumerate(drawing.shapes):
        path = f"drawing.shapes[{i}]"
        if not shape.id:
            issues.append(Issue(f"{path}.id", "must not be empty"))
        elif shape.id in seen:
            issues.append(Issue(f"{path}.id", f"duplicate id {shape.id!r} (also drawing.shapes[{seen[shape.id]}])"))
        else:
            seen[shape.id] = i
        if len(shape.xs_m) != len(shape.ys_m):
            issues.append(
                Issue(f"{path}.ys_m", f"has {len(shape.ys_m)} values but xs_m has {len(shape.xs_m)}; one y per x")
            )
        least = 3 if shape.closed else 1
        if len(shape.xs_m) < least:
            issues.append(Issue(f"{path}.xs_m", f"a {'closed ' if shape.closed else ''}shape needs {least}+ points"))
        for axis in ("xs_m", "ys_m"):
            values = getattr(shape, axis)
            bad = next((k for k, v in enumerate(values) if not -1e5 <= v <= 1e5), None)
            if bad is not None:
                issues.append(
                    Issue(f"{path}.{axis}[{bad}]", f"{values[bad]:g} m is off the plan; allowed -1e5 to 1e5 m")
                )
    return issues


def _check_aisle_side(chk: _Checker, row: Row, rpath: str) -> None:
    allowed = ("north", "south") if row.orientation == "horizontal" else ("east", "west")
    if row.hot_aisle_side not in allowed:
        chk.error(
            f"{rpath}.hot_aisle_side",
            f"a {row.orientation} row has its hot aisle on the {' or '.join(allowed)} side; got {row.hot_aisle_side!r}",
        )


def _check_cabinets(chk: _Checker, row: Row, rtype: CabinetType, rpath: str) -> None:
    hw = chk.hw
    phases = {p.id for p in chk.site.phases}
    taken: dict[int, str] = {}
    for k, cab in enumerate(row.cabinets):
        cpath = f"{rpath}.cabinets[{k}]"
        if cab.position >= row.positions:
            chk.error(
                f"{cpath}.position",
                f"{cab.position} is beyond the row; allowed 0 to {row.positions - 1} ({row.positions} positions)",
            )
        if cab.position in taken:
            chk.error(
                f"{cpath}.position", f"position {cab.position} is already taken by cabinet {taken[cab.position]!r}"
            )
        taken[cab.position] = cab.id
        ctype = hw.cabinet_types.get(cab.type_id)
        if ctype is None:
            chk.error(f"{cpath}.type_id", f"unknown cabinet type {cab.type_id!r}")
            continue
        if abs(ctype.width_m - rtype.width_m) > 1e-9 or abs(ctype.depth_m - rtype.depth_m) > 1e-9:
            chk.error(
                f"{cpath}.type_id",
                f"cabinet type {cab.type_id!r} is {ctype.width_m:g} x {ctype.depth_m:g} m but row slots are "
                f"{rtype.width_m:g} x {rtype.depth_m:g} m",
            )
        if cab.design_kw > ctype.max_power_kw:
            chk.error(
                f"{cpath}.design_kw",
                f"{cab.design_kw:g} kW exceeds the rating of cabinet type {ctype.id!r}; allowed 0 to "
                f"{ctype.max_power_kw:g} kW",
            )
        if cab.phase_id is not None and cab.phase_id not in phases:
            chk.error(
                f"{cpath}.phase_id", f"unknown phase {cab.phase_id!r}; phases: {', '.join(sorted(phases)) or 'none'}"
            )
        units = 0
        weight = ctype.empty_weight_kg
        max_kw = 0.0
        for m, load in enumerate(cab.servers):
            model = hw.servers.get(load.model_id)
            if model is None:
                chk.error(f"{cpath}.servers[{m}].model_id", f"unknown server model {load.model_id!r}")
                continue
            units += model.rack_units * load.count
            weight += model.weight_kg * load.count
            max_kw += model.max_kw * load.count
        if units > ctype.rack_units:
            chk.error(
                f"{cpath}.servers",
                f"servers take {units} U but cabinet type {ctype.id!r} has {ctype.rack_units} U",
            )
        if weight > ctype.max_weight_kg:
            chk.warn(
                f"{cpath}.servers",
                f"loaded weight {weight:g} kg exceeds the cabinet rating of {ctype.max_weight_kg:g} kg",
                "cabinet.overweight",
            )
        if max_kw > cab.design_kw + 1e-9:
            chk.warn(
                f"{cpath}.design_kw",
                f"servers draw up to {max_kw:g} kW, above the cabinet budget of {cab.design_kw:g} kW",
                "cabinet.servers_over_budget",
            )


def _check_power(chk: _Checker) -> None:
    p = chk.site.power
    blocks = {
        "power.transformers": (p.transformers.redundancy, p.transformers.count),
        "power.ups": (p.ups.redundancy, p.ups.modules),
        "power.pdus": (p.pdus.redundancy, p.pdus.count),
        "power.generators": (p.generators.redundancy, p.generators.count),
        "power.utility": (p.utility.redundancy, p.utility.feeds),
    }
    for path, (redundancy, count) in blocks.items():
        if count == 0:
            continue
        if redundancy == "2N" and count % 2:
            chk.error(f"{path}.redundancy", f"2N needs an even number of units; there are {count}")
        elif redundancy == "2N+1" and count % 2 == 0:
            chk.error(
                f"{path}.redundancy",
                f"2N+1 needs an odd number of units (two equal sets and a spare); there are {count}",
            )
        elif count <= redundancy_spares(redundancy, count):
            chk.error(
                f"{path}.redundancy",
                f"{redundancy} needs more than {redundancy_spares(redundancy, count)} units; there are {count}",
            )
