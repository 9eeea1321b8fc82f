"""CAD drawings (DXF, read and written with ezdxf): the background drawing in, the plan out."""

from dcplanner.io.dxf.read import DrawingError, ImportedDrawing, UnitsUnknown, read_dxf, with_layer_kinds

__all__ = ["DrawingError", "ImportedDrawing", "UnitsUnknown", "read_dxf", "with_layer_kinds"]
