"""File > Export > Design report (PDF) in the window (ui layer).

The results are gathered off the GUI thread (the workbook's data: the window's own results of
the base site when they are current, every case's build-out); the pages are then painted on the
GUI thread, where the floor-plan scene lives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from dcplanner.model.site import Site
from dcplanner.site_solve import SiteResults
from dcplanner.snapshot_solve import Snapshot
from ui.report.data import ReportData, collect_report_data
from ui.report.document import write_report
from ui.window_api import ExchangeHost
from ui.workers import BackgroundJob


class ReportOptions(QDialog):
    """Which case to report, in which language, by whom."""

    def __init__(self, site: Site, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export design report")
        self.case = QComboBox()
        self.case.addItem("Base site", None)
        for sc in site.scenarios:
            self.case.addItem(f"Scenario: {sc.name or sc.id}", sc.id)
        self.lang = QComboBox()
        self.lang.addItem("English", "en")
        self.lang.addItem("中文 / English titles", "zh_CN")
        self.author = QLineEdit()
        self.author.setPlaceholderText("printed on the cover")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Report", self.case)
        form.addRow("Language", self.lang)
        form.addRow("Author", self.author)
        form.addRow(buttons)


class ReportExport(QObject):
    """The File > Export entry that writes the design report."""

    written = Signal(object)
    """The report was written; payload: its path."""

    def __init__(self, window: ExchangeHost, current_results: Callable[[], SiteResults | None]):
        super().__init__(window)
        self.window = window
        self.current_results = current_results
        self.action = QAction("Design report (PDF)…", window)
        self.action.setObjectName("action_export_report")
        self.action.triggered.connect(self.choose)
        window.add_export_action(self.action)
        self.last_job: BackgroundJob | None = None

    def choose(self) -> None:
        doc = self.window.document
        options = ReportOptions(doc.site, self.window)
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        folder = doc.path.parent if doc.path else Path.home()
        default = folder / f"{doc.site.id or 'site'}-report.pdf"
        name, _ = QFileDialog.getSaveFileName(self.window, "Export design report", str(default), "PDF (*.pdf)")
        if name:
            self.export_to(
                Path(name),
                scenario=options.case.currentData(),
                lang=options.lang.currentData(),
                author=options.author.text().strip(),
            )

    def export_to(
        self, target: Path, *, scenario: str | None = None, lang: str = "en", author: str = ""
    ) -> BackgroundJob:
        """Gather the results in the background, then write the PDF of the site as it is now."""
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        path = self.window.document.path
        snap = Snapshot.of(self.window.document.site, path.parent if path else None)
        results = self.current_results() if scenario is None else None
        source_name = path.name if path else ""
        self.action.setEnabled(False)
        self.window.show_status(f"Solving for {target.name}…")
        job = BackgroundJob(
            lambda: collect_report_data(
                snap.site(),
                scenario=scenario,
                base_dir=snap.base_dir,
                results=results,
                lang=lang,
                author=author,
                source_name=source_name,
            ),
            self,
        )
        job.finished.connect(lambda data: self._write(target, data))
        job.failed.connect(self._failed)
        self.last_job = job.start()
        return job

    def _write(self, target: Path, data: ReportData) -> None:
        try:
            pages = write_report(data, target)
        except OSError as exc:
            self._failed(f"{target}: cannot write ({exc.strerror})")
            return
        self.action.setEnabled(True)
        self.window.show_status(f"Wrote {target.name}: {pages} pages")
        self.written.emit(target)

    def _failed(self, message: str) -> None:
        self.action.setEnabled(True)
        self.window.show_status("The report was not written")
        QMessageBox.critical(self.window, "Report not written", f"Nothing was written.\n\n{message}")
