"""The cabinet-list import as one undoable edit (engine layer).

:func:`~dcplanner.io.excel.cabinet_import.plan_cabinet_import` decides what a list changes;
this command applies the accepted plan in one step, so File > Import cabinets undoes and redoes
as a single "Import N cabinets".
"""

from __future__ import annotations

from dcplanner.io.excel.cabinet_import import (
    ImportPlan,
    StalePlanError,
    apply_cabinet_import,
    restore_cabinet_lists,
)
from dcplanner.model.commands import Command
from dcplanner.model.edited_site import EditedSite, plural, refuse
from dcplanner.model.events import SiteChange
from dcplanner.model.site import Cabinet


class ImportCabinets(Command):
    """Put an import plan's valid changes into the site; undo restores the rows exactly."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        self.label = f"Import {plural(plan.added + plan.updated, 'cabinet')}"
        self._previous: dict[str, list[Cabinet]] | None = None

    def check(self, editor: EditedSite) -> None:
        if not self.plan.changes:
            raise refuse("import", "the list changes nothing in this site")

    def apply(self, editor: EditedSite) -> None:
        try:
            self._previous = apply_cabinet_import(editor.site, self.plan)
        except StalePlanError as exc:
            raise refuse("import", str(exc)) from None
        editor.invalidate()
        editor.notify(self._change())

    def undo(self, editor: EditedSite) -> None:
        assert self._previous is not None
        restore_cabinet_lists(editor.site, self._previous)
        editor.invalidate()
        editor.notify(self._change())

    def _change(self) -> SiteChange:
        before = {c.id for cabs in self.plan.base_lists.values() for c in cabs}
        after = {c.id for cabs in self.plan.row_lists.values() for c in cabs}
        return SiteChange.of(rows=self.plan.row_lists, cabinets=before | after, fields=["cabinets"])
