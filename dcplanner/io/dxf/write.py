"""Write the floor plan as a DXF drawing in metres, on named layers (engine layer).

Halls, rows, aisles and containment are closed polylines; cabinets are references to one block
per cabinet type carrying the attributes ID, TYPE, DESIGN_KW and PHASE; labels are TEXT. The
background drawing, if any, goes back on its own layers. DXF's y axis points up (north), the
plan's down the page, so y is negated: an imported drawing comes back where it was.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dcplanner.io.atomic import write_bytes_atomic
from dcplanner.model.catalog import hardware_index
from dcplanner.model.geometry import Rect, aisle_strips, hall_rect, slot_rect
from dcplanner.model.site import CabinetType, Hall, Site
from dcplanner.model.validation import placed_rows

# Layer name -> AutoCAD Color Index (ACI 7 = white/black, 8 = grey, 5 = blue, 1 = red, 4 = cyan, 6 = magenta)
LAYERS: dict[str, int] = {
    "DC-HALL": 7,
    "DC-ROW": 8,
    "DC-CABINET": 5,
    "DC-AISLE-HOT": 1,
    "DC-AISLE-COLD": 4,
    "DC-CONTAINMENT": 6,
    "DC-LABEL": 7,
}
BACKGROUND_COLOUR = 9  # ACI 9: light grey, below the plan
INSUNITS_METRES = 6  # $INSUNITS 6 = metres (AutoCAD DXF Reference, HEADER section)
ATTRIBUTE_TAGS = ("ID", "TYPE", "DESIGN_KW", "PHASE")
HALL_TEXT_M, ROW_TEXT_M, CABINET_TEXT_M = 0.4, 0.2, 0.1  # label heights, legible at 1:100


@dataclass(frozen=True, slots=True)
class DxfManifest:
    """What was written: counts per kind, for the command's summary line."""

    halls: int
    rows: int
    cabinets: int
    aisles: int
    background_shapes: int

    def describe(self, target: Path) -> str:
        extra = f", {self.background_shapes:,} background shapes" if self.background_shapes else ""
        return (
            f"Wrote {target}: {self.halls:,} halls, {self.rows:,} rows, {self.cabinets:,} cabinets, "
            f"{self.aisles:,} aisle strips{extra} (metres)"
        )


def block_name(type_id: str) -> str:
    """The block of a cabinet type: ``CAB-`` and the id with characters DXF names refuse replaced."""
    return "CAB-" + re.sub(r'[<>/\\":;?*|=`,\s]', "_", type_id)


def _flip(x_m: float, y_m: float) -> tuple[float, float]:
    return (x_m, 0.0 - y_m)


def _rect_points(rect: Rect) -> list[tuple[float, float]]:
    return [_flip(rect.x0, rect.y0), _flip(rect.x1, rect.y0), _flip(rect.x1, rect.y1), _flip(rect.x0, rect.y1)]


def _cabinet_block(doc: Any, ctype: CabinetType) -> str:
    """Define the block of a cabinet type: its footprint from the top-left corner, and attributes."""
    name = block_name(ctype.id)
    if name in doc.blocks:
        return name
    block = doc.blocks.new(name=name)
    w, d = ctype.width_m, ctype.depth_m
    block.add_lwpolyline([(0, 0), (w, 0), (w, -d), (0, -d)], close=True)
    for n, tag in enumerate(ATTRIBUTE_TAGS):
        attdef = block.add_attdef(tag, (w * 0.1, -d * (0.3 + 0.2 * n)), dxfattribs={"height": CABINET_TEXT_M})
        if tag != "ID":
            attdef.is_invisible = True
    return name


def build_document(site: Site) -> tuple[Any, DxfManifest]:
    """The ezdxf document of the site's plan (not yet written), and what it holds."""
    import ezdxf

    doc = ezdxf.new("R2010", setup=True)
    doc.header["$INSUNITS"] = INSUNITS_METRES
    doc.header["$MEASUREMENT"] = 1  # metric
    for name, colour in LAYERS.items():
        doc.layers.add(name, color=colour)
    msp = doc.modelspace()
    for shape in site.drawing.shapes:
        if shape.layer and shape.layer not in doc.layers:
            doc.layers.add(shape.layer, color=BACKGROUND_COLOUR)
        points = [_flip(x, y) for x, y in zip(shape.xs_m, shape.ys_m, strict=True)]
        layer = shape.layer or "0"
        if len(points) == 1:
            msp.add_point(points[0], dxfattribs={"layer": layer})
        else:
            msp.add_lwpolyline(points, close=shape.closed, dxfattribs={"layer": layer})
    hw = hardware_index(site)
    counts = {"rows": 0, "cabinets": 0, "aisles": 0}
    for hall in site.halls:
        _hall(msp, doc, hall, hw, counts)
    _set_extents(doc)
    shapes = len(site.drawing.shapes)
    return doc, DxfManifest(len(site.halls), counts["rows"], counts["cabinets"], counts["aisles"], shapes)


def _set_extents(doc: Any) -> None:
    """Record the drawing's extents and zoom the view to them: readers (LibreOffice) fit the page to them."""
    from ezdxf import appsettings, zoom

    box = appsettings.update_extents(doc)  # ezdxf docs, appsettings.update_extents recipe
    if box.has_data:
        zoom.center(doc.modelspace(), box.center, box.size)


def _text(msp: Any, text: str, x_m: float, y_m: float, height_m: float) -> None:
    if text:
        msp.add_text(text, height=height_m, dxfattribs={"layer": "DC-LABEL"}).set_placement(_flip(x_m, y_m))


def _hall(msp: Any, doc: Any, hall: Hall, hw: Any, counts: dict[str, int]) -> None:
    dx, dy = hall.x_m, hall.y_m
    msp.add_lwpolyline(_rect_points(hall_rect(hall)), close=True, dxfattribs={"layer": "DC-HALL"})
    label = f"{hall.id} {hall.name}".strip() if hall.name and hall.name != hall.id else hall.id
    _text(msp, label, dx + 0.2, dy + 0.2 + HALL_TEXT_M, HALL_TEXT_M)
    placed = placed_rows(hall, hw)
    for strip in aisle_strips(hall, [(row, rect) for _j, row, rect in placed]):
        layer = "DC-CONTAINMENT" if strip.contained else f"DC-AISLE-{strip.kind.upper()}"
        msp.add_lwpolyline(_rect_points(strip.rect.translated(dx, dy)), close=True, dxfattribs={"layer": layer})
        counts["aisles"] += 1
    for _j, row, rect in placed:
        ctype: CabinetType = hw.cabinet_types[row.cabinet_type_id]
        msp.add_lwpolyline(_rect_points(rect.translated(dx, dy)), close=True, dxfattribs={"layer": "DC-ROW"})
        _text(msp, row.id, dx + rect.x0, dy + rect.y0 - 0.05, ROW_TEXT_M)
        counts["rows"] += 1
        for cab in row.cabinets:
            cab_type = hw.cabinet_types.get(cab.type_id, ctype)
            name = _cabinet_block(doc, cab_type)
            slot = slot_rect(row, cab.position, ctype.width_m, ctype.depth_m).translated(dx, dy)
            if row.orientation == "horizontal":
                at, rotation = _flip(slot.x0, slot.y0), 0.0
            else:  # the block turned a quarter clockwise: its top-left corner goes to the slot's top-right
                at, rotation = _flip(slot.x1, slot.y0), -90.0
            ref = msp.add_blockref(name, at, dxfattribs={"layer": "DC-CABINET", "rotation": rotation})
            ref.add_auto_attribs(
                {"ID": cab.id, "TYPE": cab.type_id, "DESIGN_KW": f"{cab.design_kw:g}", "PHASE": cab.phase_id or ""}
            )
            counts["cabinets"] += 1


def export_dxf(site: Site, target: Path | str) -> DxfManifest:
    """Write the plan of ``site`` to ``target`` (replaced atomically) and say what was written."""
    target = Path(target)
    if target.suffix.lower() != ".dxf":
        raise ValueError(f"{target}: a drawing is written as .dxf")
    doc, manifest = build_document(site)
    stream = io.StringIO()
    doc.write(stream)
    write_bytes_atomic(target, stream.getvalue().encode("utf-8"))
    return manifest
