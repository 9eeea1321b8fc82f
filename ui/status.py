"""Status-bar widgets: live site totals, the annual-PUE slot, findings, zoom and cursor (ui layer).

Totals and findings are the background solve's (:class:`ui.metrics.SiteMetrics`): errors first,
a red count of the limits over their usable capacity, every finding in the tooltip and in the
menu the count opens. "Use" is demand / usable capacity (:mod:`dcplanner.findings`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QLabel, QMenu, QStatusBar, QToolButton

from dcplanner.findings import Finding, over_limit
from ui.metrics import SiteMetrics

ERROR_COLOUR = "#b71c1c"
WARNING_COLOUR = "#e65100"
STALE_COLOUR = "#78909c"
TOOLTIP_LINES = 15
MENU_LINES = 200  # a menu taller than this is no longer read


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def findings_summary(findings: Sequence[Finding]) -> str:
    """``2 limits over · 1 error · 3 warnings``, or ``all limits fit`` when nothing is wrong."""
    errors = [f for f in findings if f.severity == "error"]
    over = over_limit(errors)
    other_errors = len(errors) - len(over)
    warnings = sum(f.severity == "warning" for f in findings)
    parts = []
    if over:
        parts.append(f"{len(over):,} limit{'s' if len(over) != 1 else ''} over")
    if other_errors:
        parts.append(plural(other_errors, "error"))
    if warnings:
        parts.append(plural(warnings, "warning"))
    return " · ".join(parts) if parts else "all limits fit"


def findings_tooltip(findings: Sequence[Finding], limit: int = TOOLTIP_LINES) -> str:
    """One line per finding, errors first, capped at ``limit`` lines and a count of the rest."""
    lines = [str(f) for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"… and {len(findings) - limit:,} more (click to see them all)")
    return "\n".join(lines)


class StatusTotals:
    """Permanent status-bar widgets fed by :class:`SiteMetrics` and the view."""

    def __init__(self, bar: QStatusBar, metrics: SiteMetrics):
        self.metrics = metrics
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.pue = QLabel()
        self.pue.setObjectName("annual_pue")
        self.pue.setToolTip("Annual PUE from the energy engine")
        self.pue.hide()  # shown once an energy result arrives (set_annual_pue)
        self.findings = QToolButton()
        self.findings.setObjectName("findings")
        self.findings.setAutoRaise(True)
        self.findings.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.findings_menu = QMenu(self.findings)
        self.findings.setMenu(self.findings_menu)
        self.cursor = QLabel()
        self.zoom = QLabel()
        for widget in (self.totals, self.pue, self.findings, self.cursor, self.zoom):
            bar.addPermanentWidget(widget)
        metrics.totals_updated.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        cap = self.metrics.capacity
        if cap is None:
            self.totals.setText("solving…")
            self.totals.setStyleSheet(f"color: {STALE_COLOUR};")
            self.totals.setToolTip("The open site is being solved")
            self._show_findings(None)
            return
        s = cap.site
        self.totals.setText(
            f"{s.cabinets:,} cabinets  ·  design IT {s.design_kw:,.0f} kW  ·  loaded {s.loaded_kw:,.0f} kW"
        )
        stale = self.metrics.stale
        self.totals.setStyleSheet(f"color: {STALE_COLOUR};" if stale else "")
        self.totals.setToolTip("Solving the latest edit…" if stale else "Totals of the open site")
        self._show_findings(self.metrics.findings)

    def _show_findings(self, findings: Sequence[Finding] | None) -> None:
        menu = self.findings_menu
        menu.clear()
        if findings is None:
            self.findings.setText("")
            self.findings.setToolTip("")
            self.findings.hide()
            return
        shown = [f for f in findings if f.severity in ("error", "warning")]
        errors = any(f.severity == "error" for f in shown)
        self.findings.setText(("⚠ " if shown else "") + findings_summary(findings))
        colour = ERROR_COLOUR if errors else WARNING_COLOUR if shown else ""
        self.findings.setStyleSheet(f"QToolButton#findings {{ color: {colour}; font-weight: 600; }}" if colour else "")
        self.findings.setToolTip(findings_tooltip(findings) or "Every capacity limit fits and no check failed")
        for f in findings[:MENU_LINES]:
            action = menu.addAction(str(f))
            action.setToolTip(f.path)
        if len(findings) > MENU_LINES:
            menu.addAction(f"… and {len(findings) - MENU_LINES:,} more").setEnabled(False)
        if not findings:
            menu.addAction("Every capacity limit fits and no check failed").setEnabled(False)
        self.findings.show()

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
