"""A sample building drawing made with ezdxf for the tests: numbers chosen to check by hand.

In millimetres ($INSUNITS = 4), y up as CAD draws it; on the plan (metres, y down) a DXF point
(x, y) mm lands at (x / 1000, -y / 1000) m.

- A-OUTLINE: the building, 30 x 20 m, closed.
- A-ROOM: one machine room 18 x 12 m, corners (2000, 2000)-(20000, 14000) mm: on the plan
  x 2–20 m, y -14 to -2 m.
- S-COLS: a 600 mm square column as a block reference centred at (10000, 8000) mm, and a
  round column of radius 300 mm at (16000, 8000) mm: plan centres (10, -8) m and (16, -8) m.
- A-WALL: a wall line from (2000, 11000) to (12000, 11000) mm: plan y = -11 m, x 2–12 m.
- A-TEXT: a room name (text is not kept).
"""

from __future__ import annotations

from pathlib import Path

import ezdxf

ROOM_MM = ((2000, 2000), (20000, 2000), (20000, 14000), (2000, 14000))
SQUARE_COLUMN_CENTRE_MM = (10000, 8000)
ROUND_COLUMN_CENTRE_MM = (16000, 8000)
COLUMN_SIDE_MM = 600
WALL_MM = ((2000, 11000), (12000, 11000))


def building_drawing(path: Path, insunits: int = 4) -> Path:
    """Write the sample building to ``path`` and return it."""
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = insunits
    for name in ("A-OUTLINE", "A-ROOM", "S-COLS", "A-WALL", "A-TEXT"):
        doc.layers.add(name)
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (30000, 0), (30000, 20000), (0, 20000)], close=True, dxfattribs={"layer": "A-OUTLINE"})
    msp.add_lwpolyline(ROOM_MM, close=True, dxfattribs={"layer": "A-ROOM"})
    half = COLUMN_SIDE_MM / 2
    block = doc.blocks.new("COLUMN-600")
    block.add_lwpolyline([(-half, -half), (half, -half), (half, half), (-half, half)], close=True)  # layer 0
    msp.add_blockref("COLUMN-600", SQUARE_COLUMN_CENTRE_MM, dxfattribs={"layer": "S-COLS"})
    msp.add_circle(ROUND_COLUMN_CENTRE_MM, radius=300, dxfattribs={"layer": "S-COLS"})
    msp.add_line(*WALL_MM, dxfattribs={"layer": "A-WALL"})
    msp.add_text("DATA HALL 1", height=500, dxfattribs={"layer": "A-TEXT"}).set_placement((3000, 13000))
    doc.saveas(path)
    return path
