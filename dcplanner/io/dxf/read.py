"""Read a CAD drawing (DXF) into a simplified background :class:`Drawing` in metres (engine layer).

Flawed files are read with ezdxf's recover mode (ezdxf docs, "Recover": it repairs what the
auditor can and loads the rest); what cannot be read at all is refused with a
:class:`DrawingError` naming the file. Curves are flattened to polylines, block references
are exploded, and huge drawings are simplified (Douglas-Peucker, then the smallest shapes left
out) so the background stays light, never refused.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dcplanner.model.drawing import Drawing, DrawingShape, ShapeKind

# $INSUNITS codes (AutoCAD DXF Reference, HEADER section: $INSUNITS) -> metres per unit
INSUNITS_TO_M: dict[int, tuple[str, float]] = {
    1: ("in", 0.0254),
    2: ("ft", 0.3048),
    4: ("mm", 0.001),
    5: ("cm", 0.01),
    6: ("m", 1.0),
    14: ("dm", 0.1),
}
UNIT_CHOICES: dict[str, float] = {"m": 1.0, "mm": 0.001}

FLATTEN_TOLERANCE_M = 0.01  # chord error of flattened arcs and splines: 1 cm, finer than any tile
SIMPLIFY_TOLERANCE_M = 0.005  # Douglas-Peucker tolerance of the first pass: 5 mm
MAX_POINTS = 40_000  # points kept for the background: a few milliseconds to draw
MAX_BLOCK_DEPTH = 8  # nested block references exploded (deeper ones are left out)
COORD_LIMIT_M = 1e5  # the plan's extent (Hall.x_m range)

# Layer names told apart by the words in them (AIA CAD Layer Guidelines: A-WALL, S-COLS; GB/T 18112 layers)
KIND_WORDS: dict[ShapeKind, tuple[str, ...]] = {
    "column": ("COLUMN", "COLS", "COL", "PILLAR", "柱"),
    "wall": ("WALL", "墙"),
    "outline": ("OUTLINE", "BUILDING", "ROOM", "HALL", "AREA", "轮廓", "房间", "机房"),
}
ID_PREFIX: dict[str, str] = {"column": "C", "wall": "W", "outline": "O", "other": "D"}


class DrawingError(ValueError):
    """A drawing that cannot be read, with the file named in the message."""


class UnitsUnknown(DrawingError):
    """The drawing does not say its units ($INSUNITS 0 or unknown): the caller must give them."""


@dataclass(slots=True)
class ImportedDrawing:
    """What a DXF file gave: the background drawing and the layers the file holds."""

    drawing: Drawing
    layers_found: list[str]
    entities_read: int
    simplified: bool = False
    notes: list[str] = field(default_factory=list)

    def outlines(self) -> list[DrawingShape]:
        """Closed shapes that are not obstacles: the outlines that may become halls."""
        return [s for s in self.drawing.shapes if s.closed and s.kind in ("outline", "other")]


def layer_kind(layer: str, columns: Iterable[str] = (), walls: Iterable[str] = ()) -> ShapeKind:
    """Kind of the shapes on ``layer``: named explicitly, else by the words in its name."""
    if layer in set(columns):
        return "column"
    if layer in set(walls):
        return "wall"
    upper = layer.upper()
    tokens = {t for t in "".join(c if c.isalnum() else " " for c in upper).split()}
    for kind, words in KIND_WORDS.items():
        if any(w in tokens or (not w.isascii() and w in upper) for w in words):
            return kind
    return "other"


def with_layer_kinds(drawing: Drawing, kinds: Mapping[str, ShapeKind]) -> Drawing:
    """``drawing`` with the shapes of each layer named in ``kinds`` of that kind, the ids renumbered."""
    current = {s.layer: s.kind for s in drawing.shapes}
    raw = [(s.layer, list(zip(s.xs_m, s.ys_m, strict=True)), s.closed) for s in drawing.shapes]
    return replace(drawing, shapes=_named(raw, lambda layer: kinds.get(layer, current.get(layer, "other"))))


def read_dxf(
    path: Path | str,
    *,
    layers: Sequence[str] = (),
    units: str | None = None,
    column_layers: Sequence[str] = (),
    wall_layers: Sequence[str] = (),
    max_points: int = MAX_POINTS,
) -> ImportedDrawing:
    """The drawing in ``path`` in site metres, only ``layers`` (all when empty)."""
    path = Path(path)
    try:
        doc, unfixed = _open(path)
        scale, unit_name = _scale(doc, path, units)
        msp = doc.modelspace()
        if len(msp) == 0:
            raise DrawingError(f"{path}: holds no drawing (its model space is empty)")
        every = list(_polylines(msp, set(), scale))
        # a layer may be used by entities without an entry in the layer table (DXF allows it)
        found = sorted({str(layer.dxf.name) for layer in doc.layers} | {layer for layer, _p, _c in every})
        missing = [name for name in layers if name not in found]
        if missing:
            raise DrawingError(
                f"{path}: no layer {', '.join(map(repr, missing))} in the drawing; its layers: {', '.join(found)}"
            )
        raw = [shape for shape in every if not layers or shape[0] in set(layers)]
    except DrawingError:
        raise
    except Exception as exc:  # ezdxf raises many kinds on a broken file; one clear message
        raise DrawingError(f"{path}: cannot read this DXF drawing ({_reason(exc)})") from None
    used_layers = {layer for layer, _pts, _closed in raw}
    notes = [f"{unfixed:,} faults in the file could not be repaired; what could be read is shown"] if unfixed else []
    if not raw:
        where = f"on the layers {', '.join(layers)}" if layers else "in the drawing"
        raise DrawingError(f"{path}: no lines, polylines, arcs or circles {where} to show")
    shapes, left_out, simplified = _simplify(raw, max_points)
    named = _named(shapes, lambda layer: layer_kind(layer, column_layers, wall_layers))
    if simplified:
        notes.append(f"simplified for display: {left_out:,} small shapes left out" if left_out else "simplified")
    drawing = Drawing(source=path.name, units=unit_name, scale_to_m=scale, left_out=left_out, shapes=named)
    return ImportedDrawing(drawing, sorted(used_layers) if not layers else list(layers), len(raw), simplified, notes)


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:160]
    return text or type(exc).__name__


def _open(path: Path) -> tuple[Any, int]:
    """The document read in recover mode, and the count of faults the repair left."""
    from ezdxf import recover
    from ezdxf.lldxf.const import DXFStructureError

    if not path.exists():
        raise DrawingError(f"{path}: no such file")
    if not path.is_file():
        raise DrawingError(f"{path}: is a folder, not a DXF drawing")
    try:
        doc, auditor = recover.readfile(path)
    except OSError as exc:
        raise DrawingError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except DXFStructureError as exc:
        raise DrawingError(f"{path}: not a DXF drawing that can be repaired ({_reason(exc)})") from None
    return doc, len(auditor.errors)


def _scale(doc: Any, path: Path, units: str | None) -> tuple[float, str]:
    if units is not None:
        if units not in UNIT_CHOICES:
            raise DrawingError(f"{path}: units must be one of {', '.join(UNIT_CHOICES)}, got {units!r}")
        return UNIT_CHOICES[units], units
    code = int(doc.header.get("$INSUNITS", 0) or 0)
    if code in INSUNITS_TO_M:
        name, scale = INSUNITS_TO_M[code]
        return scale, name
    raise UnitsUnknown(
        f"{path}: the drawing does not say its units ($INSUNITS = {code}); give them: --units m or --units mm"
    )


_SKIPPED = {"TEXT", "MTEXT", "ATTRIB", "ATTDEF", "DIMENSION", "HATCH", "MPOLYGON", "POINT", "IMAGE", "VIEWPORT"}


def _polylines(
    entities: Iterable[Any], layers: set[str], scale: float, depth: int = 0, parent_layer: str = ""
) -> Iterator[tuple[str, list[tuple[float, float]], bool]]:
    """(layer, points in site metres, closed) of every line-like entity, blocks exploded."""
    from ezdxf import path as ezpath

    distance = FLATTEN_TOLERANCE_M / scale
    for entity in entities:
        kind = entity.dxftype()
        layer = str(entity.dxf.get("layer", "0"))
        if layer == "0" and parent_layer:
            layer = parent_layer  # entities of a block on layer 0 take the reference's layer (DXF convention)
        if kind == "INSERT":
            if depth < MAX_BLOCK_DEPTH:
                try:
                    parts = list(entity.virtual_entities())
                except Exception:  # a reference to a broken or missing block: leave it out
                    continue
                yield from _polylines(parts, layers, scale, depth + 1, layer)
            continue
        if kind in _SKIPPED or (layers and layer not in layers):
            continue
        try:
            made = ezpath.make_path(entity)
        except (TypeError, ValueError):  # not a line-like entity
            continue
        for sub in made.sub_paths():
            points = [(v.x * scale, (0.0 - v.y) * scale) for v in sub.flattening(distance)]
            points = [p for p in points if all(math.isfinite(c) and abs(c) <= COORD_LIMIT_M for c in p)]
            closed = len(points) > 2 and math.dist(points[0], points[-1]) < 1e-9
            if closed:
                points.pop()
            if len(points) >= 2 or (len(points) == 1 and kind == "LINE"):
                yield layer, points, closed


def _douglas_peucker(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Ramer-Douglas-Peucker simplification (Douglas & Peucker 1973), iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        length = math.hypot(bx - ax, by - ay)
        best, index = -1.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            d = (
                abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
                if length > 0
                else math.hypot(px - ax, py - ay)
            )
            if d > best:
                best, index = d, k
        if best > tol:
            keep[index] = True
            stack.extend(((i, index), (index, j)))
    return [p for p, k in zip(points, keep, strict=True) if k]


Raw = tuple[str, list[tuple[float, float]], bool]


def _extent(points: list[tuple[float, float]]) -> float:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _simplify(raw: list[Raw], max_points: int) -> tuple[list[Raw], int, bool]:
    """Shapes with few enough points: finer tolerances first, then the smallest shapes left out."""
    shapes = [(layer, _douglas_peucker(pts, SIMPLIFY_TOLERANCE_M), closed) for layer, pts, closed in raw]
    total = sum(len(p) for _l, p, _c in shapes)
    simplified = total > max_points
    tol = SIMPLIFY_TOLERANCE_M
    while total > max_points and tol < 0.5:  # coarser up to 0.5 m, still legible at hall scale
        tol *= 4
        shapes = [(layer, _douglas_peucker(pts, tol), closed) for layer, pts, closed in shapes]
        total = sum(len(p) for _l, p, _c in shapes)
    left_out = 0
    if total > max_points:
        ranked = sorted(shapes, key=lambda s: _extent(s[1]), reverse=True)
        kept, count = [], 0
        for shape in ranked:
            if count + len(shape[1]) > max_points:
                left_out += 1
                continue
            kept.append(shape)
            count += len(shape[1])
        shapes = kept
    return shapes, left_out, simplified


def _named(raw: list[Raw], kind_of: Callable[[str], ShapeKind]) -> list[DrawingShape]:
    """Shapes with ids in reading order (top to bottom, left to right) within each kind: C1, C2, W1..."""
    shapes = []
    for layer, pts, closed in raw:
        kind = kind_of(layer)
        shapes.append((kind, layer, pts, closed))
    shapes.sort(key=lambda s: (s[0], round(min(p[1] for p in s[2]), 3), round(min(p[0] for p in s[2]), 3)))
    counts: dict[str, int] = {}
    out = []
    for kind, layer, pts, closed in shapes:
        counts[kind] = counts.get(kind, 0) + 1
        out.append(
            DrawingShape(
                id=f"{ID_PREFIX[kind]}{counts[kind]}",
                kind=kind,
                layer=layer,
                closed=closed,
                xs_m=[round(p[0], 4) for p in pts],
                ys_m=[round(p[1], 4) for p in pts],
            )
        )
    return out
