"""Derived numbers the plan shows: per-cabinet inventory, and the open site's solve results (ui layer).

The inventory (what each cabinet holds and draws) is built here, and rebuilt only when an edit
changed what cabinets hold (moves keep it). Capacity totals and findings are not solved here:
they are the background solve's results (:class:`ui.result_docks.ResultDocks` hands them
over with :meth:`SiteMetrics.set_results`), so an edit is solved once. Until the first results of
a newly opened site arrive there are none, never the previous site's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dcplanner.findings import Finding
from dcplanner.model.events import SiteChange
from dcplanner.site_solve import SiteResults
from dcplanner.solvers.capacity import CapacityResult
from dcplanner.solvers.inventory import CabinetInventory, build_inventory
from ui.document import DocumentController


class SiteMetrics(QObject):
    """Inventory by cabinet id, and the latest capacity solve and findings of the open site."""

    totals_updated = Signal()
    """Results arrived, were dropped (another site) or went stale; payload: none."""

    def __init__(self, document: DocumentController, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self._inventory: dict[str, CabinetInventory] | None = None
        self.results: SiteResults | None = None
        self.stale = True
        """True while the results (if any) do not match the site as it is now."""
        document.site_replaced.connect(self._on_replaced)
        document.site_changed.connect(self._on_changed)

    @property
    def capacity(self) -> CapacityResult | None:
        return self.results.capacity if self.results is not None else None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of the latest solve, errors first (empty before the first one)."""
        return self.results.findings if self.results is not None else ()

    def set_results(self, results: SiteResults | None, *, stale: bool = False) -> None:
        """The background solve's results for the open site (None: nothing solved)."""
        self.results = results
        self.stale = stale
        self.totals_updated.emit()

    def _on_replaced(self) -> None:
        self._inventory = None
        self.set_results(None, stale=True)

    def _on_changed(self, change: SiteChange) -> None:
        if not change.keeps_cabinet_contents:
            self._inventory = None
        if not self.stale:
            self.stale = True
            self.totals_updated.emit()

    def inventory(self) -> dict[str, CabinetInventory]:
        """Per-cabinet inventory (rebuilt if an edit made it stale)."""
        if self._inventory is None:
            ed = self.document.editor
            self._inventory = {inv.cabinet.id: inv for inv in build_inventory(ed.site, ed.hw)}
        return self._inventory

    def of(self, cabinet_id: str) -> CabinetInventory | None:
        return self.inventory().get(cabinet_id)
