"""Plan geometry: footprints of halls, rows and cabinet slots, overlaps and aisle gaps (engine).

Coordinates follow :mod:`dcplanner.model.site`: metres, x to the right, y down the page, each
footprint given by its top-left corner. A horizontal row runs left to right with its cabinets'
depth along y; a vertical row runs top to bottom with the depth along x. Slot 0 is the left
(horizontal) or top (vertical) end.
"""

from __future__ import annotations

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
