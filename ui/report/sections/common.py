"""What the sections share: month names, finding colours, numbers as printed (ui layer)."""

from __future__ import annotations

import math

from PySide6.QtGui import QColor

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ERROR_INK = QColor("#b71c1c")
WARNING_INK = QColor("#e65100")


def number(value: float, decimals: int = 1) -> str:
    """Grouped digits, or "—" for a value that is not a number."""
    return f"{value:,.{decimals}f}" if math.isfinite(value) else "—"
