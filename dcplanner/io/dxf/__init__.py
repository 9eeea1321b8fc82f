"""CAD drawings (DXF, read and written with ezdxf): the background drawing in, the plan out."""

from dcplanner.io.dxf.read import DrawingError, ImportedDrawing, UnitsUnknown, read_dxf

__all__ = ["DrawingError", "ImportedDrawing", "UnitsUnknown", "read_dxf"]
