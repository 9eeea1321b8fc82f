"""Plan geometry: footprints of halls, rows and cabinet slots, overlaps and aisle gaps (engine).

Coordinates follow :mod:`dcplanner.model.site`: metres, x to the right, y down the page, each
footprint given by its top-left corner. A horizontal row runs left to right with its cabinets'
depth along y; a vertical row runs top to bottom with the depth along x. Slot 0 is the left
(horizontal) or top (vertical) end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dcplanner.model.site import Hall, Row

EPS_M = 1e-6  # geometric tolerance: a micrometre, far below any drawing precision


@dataclass(frozen=True, slots=True)
class Rect:
    """Axis-aligned rectangle [x0, x1] x [y0, y1] in metres."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def area(self) -> float:
        return self.width * self.height

    def translated(self, dx: float, dy: float) -> Rect:
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def overlaps(self, other: Rect) -> bool:
        """True when the interiors intersect (touching edges do not count)."""
        return (
            self.x0 < other.x1 - EPS_M
            and other.x0 < self.x1 - EPS_M
            and self.y0 < other.y1 - EPS_M
            and other.y0 < self.y1 - EPS_M
        )

    def contains(self, other: Rect) -> bool:
        return (
            other.x0 >= self.x0 - EPS_M
            and other.y0 >= self.y0 - EPS_M
            and other.x1 <= self.x1 + EPS_M
            and other.y1 <= self.y1 + EPS_M
        )

    def describe(self) -> str:
        return f"x {self.x0:g}–{self.x1:g} m, y {self.y0:g}–{self.y1:g} m"


def hall_rect(hall: Hall) -> Rect:
    """Hall floor in site coordinates."""
    return Rect(hall.x_m, hall.y_m, hall.x_m + hall.width_m, hall.y_m + hall.depth_m)


def hall_floor(hall: Hall) -> Rect:
    """Hall floor in its own coordinates (origin at its top-left corner)."""
    return Rect(0.0, 0.0, hall.width_m, hall.depth_m)


def row_rect(row: Row, pitch_m: float, depth_m: float) -> Rect:
    """Row footprint in hall coordinates, for a slot pitch and cabinet depth."""
    length = row.positions * pitch_m
    if row.orientation == "horizontal":
        return Rect(row.x_m, row.y_m, row.x_m + length, row.y_m + depth_m)
    return Rect(row.x_m, row.y_m, row.x_m + depth_m, row.y_m + length)


def slot_rect(row: Row, position: int, pitch_m: float, depth_m: float) -> Rect:
    """Footprint of slot ``position`` of a row, in hall coordinates."""
    offset = position * pitch_m
    if row.orientation == "horizontal":
        return Rect(row.x_m + offset, row.y_m, row.x_m + offset + pitch_m, row.y_m + depth_m)
    return Rect(row.x_m, row.y_m + offset, row.x_m + depth_m, row.y_m + offset + pitch_m)


def aisle_gap_m(a: Rect, b: Rect, orientation: str) -> float | None:
    """Clear distance between two parallel rows that face each other, or None if they don't.

    Two horizontal rows face each other when their x extents overlap; the gap is along y.
    Vertical rows likewise with the axes swapped.
    """
    if orientation == "horizontal":
        if a.x0 >= b.x1 - EPS_M or b.x0 >= a.x1 - EPS_M:
            return None
        return max(b.y0 - a.y1, a.y0 - b.y1)
    if a.y0 >= b.y1 - EPS_M or b.y0 >= a.y1 - EPS_M:
        return None
    return max(b.x0 - a.x1, a.x0 - b.x1)


# ---------------------------------------------------------------------------------------------
# Editing helpers: snapping, hit-testing, rotation, aisle strips


def snap_m(value: float, step_m: float) -> float:
    """``value`` rounded to the nearest multiple of ``step_m`` (halves up, to the micrometre)."""
    if step_m <= 0:
        return round(value, 6)
    return round(math.floor(value / step_m + 0.5 + 1e-9) * step_m, 6)


def slot_at(row: Row, pitch_m: float, depth_m: float, x_m: float, y_m: float) -> int | None:
    """Slot of ``row`` under the hall point (x, y), or None if the point is off the row."""
    rect = row_rect(row, pitch_m, depth_m)
    if not (rect.x0 <= x_m < rect.x1 and rect.y0 <= y_m < rect.y1):
        return None
    along = x_m - row.x_m if row.orientation == "horizontal" else y_m - row.y_m
    return min(int(along // pitch_m), row.positions - 1)


def slots_touching(row: Row, pitch_m: float, depth_m: float, area: Rect) -> range:
    """Slots of ``row`` whose footprint intersects ``area`` (hall coordinates)."""
    rect = row_rect(row, pitch_m, depth_m)
    if not rect.overlaps(area):
        return range(0)
    if row.orientation == "horizontal":
        lo, hi = area.x0 - row.x_m, area.x1 - row.x_m
    else:
        lo, hi = area.y0 - row.y_m, area.y1 - row.y_m
    first = max(int(lo // pitch_m), 0)
    last = min(int(-(-hi // pitch_m)), row.positions)  # ceiling division
    return range(first, last)


def rotated_origin(row: Row, pitch_m: float, depth_m: float, tile_m: float) -> tuple[float, float]:
    """Top-left corner of ``row`` after a quarter turn about its centre, snapped to the tiles."""
    rect = row_rect(row, pitch_m, depth_m)
    cx, cy = (rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2
    return snap_m(cx - rect.height / 2, tile_m), snap_m(cy - rect.width / 2, tile_m)


CLOCKWISE = {"north": "east", "east": "south", "south": "west", "west": "north"}
"""Where a compass side points after a clockwise quarter turn."""


def bounds(rects: list[Rect]) -> Rect | None:
    """Smallest rectangle holding every rect (None for none)."""
    if not rects:
        return None
    return Rect(min(r.x0 for r in rects), min(r.y0 for r in rects), max(r.x1 for r in rects), max(r.y1 for r in rects))


@dataclass(frozen=True, slots=True)
class AisleStrip:
    """The half of an aisle that belongs to one side of a row (hall coordinates)."""

    row_id: str
    kind: str  # "hot" (cabinet backs) or "cold" (cabinet fronts)
    rect: Rect
    contained: bool


def _side_rects(row: Row, rect: Rect) -> dict[str, tuple[str, float]]:
    """Compass side -> (axis, coordinate of that face)."""
    if row.orientation == "horizontal":
        return {"north": ("y-", rect.y0), "south": ("y+", rect.y1)}
    return {"west": ("x-", rect.x0), "east": ("x+", rect.x1)}


def _facing_gap(row: Row, rect: Rect, side: str, placed: list[tuple[Row, Rect]]) -> float | None:
    """Clear distance from the ``side`` face of a row to the nearest facing parallel row."""
    best: float | None = None
    for other, orect in placed:
        if other is row or other.orientation != row.orientation:
            continue
        gap = aisle_gap_m(rect, orect, row.orientation)
        if gap is None or gap < 0:
            continue
        ahead = {
            "north": orect.y1 <= rect.y0 + EPS_M,
            "south": orect.y0 >= rect.y1 - EPS_M,
            "west": orect.x1 <= rect.x0 + EPS_M,
            "east": orect.x0 >= rect.x1 - EPS_M,
        }[side]
        if ahead and (best is None or gap < best):
            best = gap
    return best


def aisle_strips(hall: Hall, placed: list[tuple[Row, Rect]]) -> list[AisleStrip]:
    """Hot and cold aisle strips beside every row, for shading the plan.

    A strip reaches half way to the facing row (the other half is that row's), or, with no row
    facing, one minimum aisle width (``hall.min_aisle_m``) or to the wall, whichever is nearer.
    """
    floor = hall_floor(hall)
    strips = []
    for row, rect in placed:
        for side, (axis, face) in _side_rects(row, rect).items():
            kind = "hot" if side == row.hot_aisle_side else "cold"
            gap = _facing_gap(row, rect, side, placed)
            if gap is None:
                to_wall = {"y-": face - floor.y0, "y+": floor.y1 - face, "x-": face - floor.x0, "x+": floor.x1 - face}
                depth = max(min(hall.min_aisle_m, to_wall[axis]), 0.0)
            else:
                depth = gap / 2
            if depth <= EPS_M:
                continue
            if axis == "y-":
                r = Rect(rect.x0, face - depth, rect.x1, face)
            elif axis == "y+":
                r = Rect(rect.x0, face, rect.x1, face + depth)
            elif axis == "x-":
                r = Rect(face - depth, rect.y0, face, rect.y1)
            else:
                r = Rect(face, rect.y0, face + depth, rect.y1)
            contained = (row.containment == "cold_aisle" and kind == "cold") or (
                row.containment == "hot_aisle" and kind == "hot"
            )
            strips.append(AisleStrip(row.id, kind, r, contained))
    return strips
