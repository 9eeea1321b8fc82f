"""Status-bar widgets: live site totals, the annual-PUE slot, warnings, zoom and cursor (ui layer)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QLabel, QStatusBar

from ui.metrics import SiteMetrics


class StatusTotals:
    """Permanent status-bar labels fed by :class:`SiteMetrics` and the view."""

    def __init__(self, bar: QStatusBar, metrics: SiteMetrics):
        self.metrics = metrics
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.pue = QLabel()
        self.pue.setObjectName("annual_pue")
        self.pue.setToolTip("Annual PUE from the energy engine")
        self.pue.hide()  # shown once an energy result arrives (set_annual_pue)
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.cursor = QLabel()
        self.zoom = QLabel()
        for widget in (self.totals, self.pue, self.warnings, self.cursor, self.zoom):
            bar.addPermanentWidget(widget)
        metrics.totals_updated.connect(self.refresh)

    def refresh(self) -> None:
        cap = self.metrics.capacity
        if cap is None:
            self.totals.setText("")
            return
        s = cap.site
        self.totals.setText(
            f"{s.cabinets:,} cabinets  ·  design IT {s.design_kw:,.0f} kW  ·  loaded {s.loaded_kw:,.0f} kW"
        )
        warnings = self.metrics.warnings
        if warnings:
            self.warnings.setText(f"<span style='color:#b71c1c'>⚠ {len(warnings)} warnings</span>")
            shown = "\n".join(str(w) for w in warnings[:15])
            more = f"\n… and {len(warnings) - 15} more" if len(warnings) > 15 else ""
            self.warnings.setToolTip(shown + more)
        else:
            self.warnings.setText("no warnings")
            self.warnings.setToolTip("")

    def set_annual_pue(self, pue: float | None, note: str = "") -> None:
        """Show the site's annual PUE (None hides the slot); ``note`` goes in the tooltip."""
        if pue is None:
            self.pue.hide()
            return
        self.pue.setText(f"annual PUE {pue:.3f}")
        self.pue.setToolTip(note or "Annual PUE from the energy engine")
        self.pue.show()

    def set_cursor(self, pos: QPointF) -> None:
        self.cursor.setText(f"x {pos.x():.2f} m, y {pos.y():.2f} m")

    def set_zoom(self, px_per_m: float) -> None:
        self.zoom.setText(f"{px_per_m:.1f} px/m")
