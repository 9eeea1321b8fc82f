"""Derived numbers the plan shows: per-cabinet inventory, capacity totals, warnings (ui layer).

A cache over the engine's solvers. The inventory is rebuilt only when an edit changed what
cabinets hold (moves keep it); the totals and warnings are refreshed on a short timer after
edits, so a burst of nudges costs one solve.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from dcplanner.model.events import SiteChange
from dcplanner.model.schema import Issue
from dcplanner.model.validation import validate_site
from dcplanner.solvers.capacity import CapacityResult, solve_capacity
from dcplanner.solvers.inventory import CabinetInventory, build_inventory
from ui.document import DocumentController

REFRESH_DELAY_MS = 150


class SiteMetrics(QObject):
    """Inventory by cabinet id, the capacity solve and the validation warnings of the open site."""

    totals_updated = Signal()
    """Capacity totals and warnings were recomputed; payload: none."""

    def __init__(self, document: DocumentController, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self._inventory: dict[str, CabinetInventory] | None = None
        self.capacity: CapacityResult | None = None
        self.warnings: list[Issue] = []
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_totals)
        document.site_replaced.connect(self._on_replaced)
        document.site_changed.connect(self._on_changed)

    def _on_replaced(self) -> None:
        self._inventory = None
        self.refresh_totals()

    def _on_changed(self, change: SiteChange) -> None:
        if not change.keeps_cabinet_contents:
            self._inventory = None
        self._timer.start()

    def inventory(self) -> dict[str, CabinetInventory]:
        """Per-cabinet inventory (rebuilt if an edit made it stale)."""
        if self._inventory is None:
            ed = self.document.editor
            self._inventory = {inv.cabinet.id: inv for inv in build_inventory(ed.site, ed.hw)}
        return self._inventory

    def of(self, cabinet_id: str) -> CabinetInventory | None:
        return self.inventory().get(cabinet_id)

    def refresh_totals(self) -> None:
        """Solve capacity and collect warnings now."""
        self._timer.stop()
        ed = self.document.editor
        self.capacity = solve_capacity(ed.site, hw=ed.hw, inventory=list(self.inventory().values()))
        self.warnings = [i for i in validate_site(ed.site, ed.hw) if i.severity == "warning"]
        self.totals_updated.emit()
