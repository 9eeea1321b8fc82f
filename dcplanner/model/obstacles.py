"""Columns and walls of the background drawing against rows: what stands where (engine layer)."""

from __future__ import annotations

from dcplanner.model.drawing import OBSTACLE_KINDS, Drawing, DrawingShape
from dcplanner.model.geometry import EPS_M, Rect


def shape_bounds(shape: DrawingShape) -> Rect:
    """Axis-aligned bounding box of a shape."""
    return Rect(min(shape.xs_m), min(shape.ys_m), max(shape.xs_m), max(shape.ys_m))


def describe_shape(shape: DrawingShape) -> str:
    """``column 'C3' (layer S-COLS, x 11.8–12.2 m, y 5.8–6.2 m)`` for a message."""
    where = shape_bounds(shape).describe() if shape.xs_m and shape.ys_m else "no points"
    layer = f"layer {shape.layer}, " if shape.layer else ""
    return f"{shape.kind} {shape.id!r} ({layer}{where})"


def obstacles(drawing: Drawing) -> list[DrawingShape]:
    """Columns and walls: the shapes rows may not stand on."""
    return [s for s in drawing.shapes if s.kind in OBSTACLE_KINDS and len(s.xs_m) == len(s.ys_m) >= 1]


def _segment_hits_box(ax: float, ay: float, bx: float, by: float, box: Rect) -> bool:
    """True if segment a-b passes through the open box (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = bx - ax, by - ay
    for p, q in ((-dx, ax - box.x0), (dx, box.x1 - ax), (-dy, ay - box.y0), (dy, box.y1 - ay)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return t0 < t1


def _inside_polygon(x: float, y: float, xs: list[float], ys: list[float]) -> bool:
    """Even-odd point-in-polygon test."""
    inside = False
    j = len(xs) - 1
    for i in range(len(xs)):
        if (ys[i] > y) != (ys[j] > y) and x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]:
            inside = not inside
        j = i
    return inside


def shape_overlaps_rect(shape: DrawingShape, rect: Rect) -> bool:
    """True when the shape's lines or (closed) area reach inside ``rect``; touching does not count."""
    box = Rect(rect.x0 + EPS_M, rect.y0 + EPS_M, rect.x1 - EPS_M, rect.y1 - EPS_M)
    xs, ys = shape.xs_m, shape.ys_m
    if not xs or box.x0 >= box.x1 or box.y0 >= box.y1 or not shape_bounds(shape).overlaps(rect):
        return False
    n = len(xs)
    if n == 1:
        return box.x0 < xs[0] < box.x1 and box.y0 < ys[0] < box.y1
    pairs = n if shape.closed else n - 1
    for i in range(pairs):
        j = (i + 1) % n
        if _segment_hits_box(xs[i], ys[i], xs[j], ys[j], box):
            return True
    # a row wholly inside a closed shape crosses none of its edges
    return shape.closed and n >= 3 and _inside_polygon((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, xs, ys)


def obstacles_on(among: Drawing | list[DrawingShape], rect: Rect) -> list[DrawingShape]:
    """The columns and walls of a drawing (or of a list of them) reaching into ``rect`` (site coordinates)."""
    shapes = obstacles(among) if isinstance(among, Drawing) else among
    return [s for s in shapes if shape_overlaps_rect(s, rect)]
