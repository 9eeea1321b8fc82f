"""A background drawing imported from CAD: outlines, columns and walls as polylines (engine layer).

Points are in site coordinates (metres, x east, y down the page, as :mod:`dcplanner.model.site`).
Shapes of kind ``column`` or ``wall`` are obstacles (:mod:`dcplanner.model.obstacles`): validation
refuses a row standing on one.
The geometry is kept simplified (see :mod:`dcplanner.io.dxf.read`), never the whole CAD file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dcplanner.model.schema import items, num, text

ShapeKind = Literal["outline", "column", "wall", "other"]
OBSTACLE_KINDS: tuple[str, ...] = ("column", "wall")


@dataclass(slots=True, kw_only=True)
class DrawingShape:
    """One polyline of the background drawing, on the CAD layer it came from."""

    id: str = text(label="Shape id", doc="Unique id, e.g. C3 for a column; messages name it.")
    kind: ShapeKind = text("other", label="Kind", doc="outline, column, wall (obstacles) or other.")
    layer: str = text("", label="CAD layer")
    closed: bool = False
    xs_m: list[float] = items(doc="x of each vertex, metres (site plan)")
    ys_m: list[float] = items(doc="y of each vertex, metres (site plan, down the page)")


@dataclass(slots=True, kw_only=True)
class Drawing:
    """The background drawing of the site plan (empty: none)."""

    source: str = text("", label="Imported from", doc="File name of the CAD drawing, for the record.")
    units: str = text("", label="Drawing units", doc="Units the drawing was read in (m or mm, ...).")
    scale_to_m: float = num(1.0, min=1e-9, max=1e6, doc="metres per drawing unit used on import")
    left_out: int = num(0, min=0, max=1e9, doc="small shapes left out to keep the drawing light")
    shapes: list[DrawingShape] = items()
