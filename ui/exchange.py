"""File > Export capacity workbook and File > Import cabinets (ui layer).

Both run the engine's functions (:func:`dcplanner.io.excel.export.export_workbook`,
:func:`~dcplanner.io.excel.read_cabinet_list` and :func:`~dcplanner.io.excel.plan_cabinet_import`)
off the GUI thread; an accepted import becomes one undoable command. The export of the base site
writes the results the window already shows (when they match the site as it is), not a second
solve of them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QWidget,
)

from dcplanner.io.excel import ImportPlan, plan_cabinet_import, read_cabinet_list
from dcplanner.io.excel.export import describe_manifest, export_workbook
from dcplanner.io.excel.import_command import ImportCabinets
from dcplanner.model.site import Site
from dcplanner.site_solve import SiteResults
from dcplanner.snapshot_solve import Snapshot
from ui.drawing_exchange import DrawingExchange
from ui.report.action import ReportExport
from ui.window_api import ExchangeHost
from ui.workers import BackgroundJob


class ExportOptions(QDialog):
    """Which case to export and whether to add the 8,760-row hourly sheet."""

    def __init__(self, site: Site, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export capacity workbook")
        self.case = QComboBox()
        self.case.addItem("Base site", None)
        for sc in site.scenarios:
            self.case.addItem(f"Scenario: {sc.name or sc.id}", sc.id)
        self.hourly = QCheckBox("Add the hourly energy sheet (8,760 rows)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Export", self.case)
        form.addRow(self.hourly)
        form.addRow(buttons)

    @property
    def scenario(self) -> str | None:
        return self.case.currentData()


class ExchangeActions(QObject):
    """The Export and Import menu entries of one main window."""

    def __init__(self, window: ExchangeHost):
        super().__init__(window)
        self.window = window
        self.export_action = QAction("Capacity workbook (Excel)…", window)
        self.export_action.triggered.connect(self.choose_export)
        window.add_export_action(self.export_action)
        self.report = ReportExport(window, self.current_results)
        self.import_action = QAction("Cabinets from a list (Excel or CSV)…", window)
        self.import_action.triggered.connect(self.choose_import)
        window.add_import_action(self.import_action)
        self.drawing = DrawingExchange(window)
        self.last_job: BackgroundJob | None = None

    # ---- export

    def choose_export(self) -> None:
        doc = self.window.document
        options = ExportOptions(doc.site, self.window)
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        folder = doc.path.parent if doc.path else Path.home()
        default = folder / f"{doc.site.id or 'site'}-capacity.xlsx"
        name, _ = QFileDialog.getSaveFileName(self.window, "Export capacity workbook", str(default), "Excel (*.xlsx)")
        if name:
            self.export_to(Path(name), scenario=options.scenario, hourly=options.hourly.isChecked())

    def export_to(self, target: Path, *, scenario: str | None = None, hourly: bool = False) -> BackgroundJob:
        """Write the workbook of the site as it is now, in the background."""
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        snap = Snapshot.of(self.window.document.site, self._base_dir())
        results = self.current_results() if scenario is None else None
        self.export_action.setEnabled(False)
        self.window.show_status(f"Writing {target.name}…")
        job = BackgroundJob(
            lambda: export_workbook(
                snap.site(), target, scenario=scenario, hourly=hourly, base_dir=snap.base_dir, results=results
            ),
            self,
        )
        job.finished.connect(lambda manifest: self._exported(target, manifest))
        job.failed.connect(self._export_failed)
        self.last_job = job.start()
        return job

    def current_results(self) -> SiteResults | None:
        """The window's results of the open site, if they match it as it is now and hold the
        energy year it has (None: an edit is still being solved, or the energy year failed, and
        the export solves the site itself)."""
        analysis = self.window.analysis
        shown = analysis.analysis
        if shown is None or analysis.runner.is_stale or shown.problem:
            return None
        return shown.results

    def _exported(self, target: Path, manifest: object) -> None:
        self.export_action.setEnabled(True)
        self.window.show_status(describe_manifest(target.name, manifest))  # type: ignore[arg-type]

    def _export_failed(self, message: str) -> None:
        self.export_action.setEnabled(True)
        self.window.show_status("The workbook was not written")
        QMessageBox.critical(self.window, "Export failed", f"Nothing was written.\n\n{message}")

    # ---- import

    def choose_import(self) -> None:
        folder = str(self.window.document.path.parent) if self.window.document.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Import cabinets", folder, "Cabinet lists (*.xlsx *.xlsm *.csv *.txt)"
        )
        if name:
            self.import_from(Path(name))

    def import_from(self, source: Path) -> BackgroundJob:
        """Read the list in the background; plan against the live site and ask before applying."""
        job = BackgroundJob(lambda: read_cabinet_list(source), self)
        job.finished.connect(lambda table: self.confirm_import(plan_cabinet_import(self.window.document.site, table)))
        job.failed.connect(lambda message: QMessageBox.critical(self.window, "Cannot import", message))
        self.window.show_status(f"Reading {source.name}…")
        self.last_job = job.start()
        return job

    def confirm_import(self, plan: ImportPlan) -> None:
        if not plan.changes:
            QMessageBox.information(self.window, "Import cabinets", plan.report() + "\n\nNothing to import.")
            return
        box = QMessageBox(self.window)
        box.setWindowTitle("Import cabinets")
        box.setIcon(QMessageBox.Icon.Warning if plan.rejected else QMessageBox.Icon.Question)
        box.setText(plan.summary())
        if plan.rejected or plan.warnings:
            box.setInformativeText(
                f"{len(plan.rejected):,} lines were rejected and will not be imported. "
                "Import the valid cabinets? (Details lists every line and reason.)"
            )
            box.setDetailedText(plan.report())
        accept = box.addButton(f"Import {plan.added + plan.updated:,} cabinets", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is accept:
            self.apply_import(plan)

    def apply_import(self, plan: ImportPlan) -> bool:
        refused = self.window.document.push(ImportCabinets(plan))
        if refused is None:
            self.window.show_status(plan.summary())
        return refused is None

    def _base_dir(self) -> Path | None:
        path = self.window.document.path
        return path.parent if path else None
