"""Result views kept current while the user edits: solves run in the background (ui layer).

Every edit schedules a debounced solve of a snapshot of the site (:class:`ui.workers.SolverRunner`
running :func:`dcplanner.analysis.analyse`). Results update the dashboard, climate, energy and
capacity views and the status-bar PUE; a solve that runs longer than half a second shows a
progress bar with Cancel; a failed solve shows why and keeps the last results, marked stale.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from dcplanner.analysis import Analysis, Snapshot, analyse
from dcplanner.model.commands import Ref, SetField
from dcplanner.model.schema import ValidationError, to_dict
from dcplanner.model.site import ClimateRef
from ui.dashboard import Dashboard
from ui.plots.capacity_view import CapacityView
from ui.plots.climate_view import ClimateView
from ui.plots.energy_view import EnergyView
from ui.workers import SolverRunner

if TYPE_CHECKING:
    from ui.main_window import MainWindow


DEFAULT_DOCK_HEIGHT_PX = 330


def freeze_long_lived_objects() -> None:
    """Move the objects alive now (the open site, the window) out of the cyclic collector's reach.

    A full collection walks every tracked object while holding the GIL; with a 10,000-cabinet
    site that pauses the GUI thread for 50-90 ms each time the solver thread allocates enough to
    trigger one. Frozen objects are still freed by reference counting when the site is replaced.
    """
    gc.collect()
    gc.freeze()


class SolveProgress(QWidget):
    """Status-bar progress bar with a Cancel button, shown for long solves."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(160)
        self.bar.setFormat("solving %p%")
        self.cancel = QPushButton("Cancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def set_fraction(self, fraction: float) -> None:
        self.bar.setValue(round(fraction * 100))


class AnalysisController(QObject):
    """Owns the analysis views and the background solver of one main window."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.analysis: Analysis | None = None
        self.dashboard = Dashboard()
        self.climate = ClimateView()
        self.energy = EnergyView()
        self.capacity = CapacityView()
        docks = [
            window.add_analysis_dock(widget, title)
            for widget, title in (
                (self.dashboard, "Summary"),
                (self.climate, "Climate"),
                (self.energy, "Energy"),
                (self.capacity, "Capacity"),
            )
        ]
        docks[0].raise_()
        if not window.layout_restored:  # first run: the plan keeps most of the height
            QTimer.singleShot(
                0, lambda: window.resizeDocks([docks[0]], [DEFAULT_DOCK_HEIGHT_PX], Qt.Orientation.Vertical)
            )

        self.progress = SolveProgress()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.hide()
        window.statusBar().addPermanentWidget(self.error)
        window.statusBar().addPermanentWidget(self.progress)

        self.runner = SolverRunner(analyse, self.snapshot, debounce_ms=300, long_ms=500, parent=self)
        self.runner.results_ready.connect(self.show_analysis)
        self.runner.solve_failed.connect(self.show_failure)
        self.runner.stale_changed.connect(self._on_stale)
        self.runner.long_running_changed.connect(self.progress.setVisible)
        self.runner.progress_changed.connect(self.progress.set_fraction)
        self.progress.cancel.clicked.connect(self.runner.cancel)
        self.document.site_changed.connect(lambda _change: self.runner.schedule())
        self.document.site_replaced.connect(self._on_site_replaced)
        self.capacity.culprit_selected.connect(self.select)
        self.climate.climate_change_requested.connect(self.set_climate)
        self.runner.schedule()

    def _on_site_replaced(self) -> None:
        freeze_long_lived_objects()
        self.runner.schedule()

    def snapshot(self) -> Snapshot:
        """A frozen copy of the open site (taken on the GUI thread in milliseconds)."""
        path = self.document.path
        return Snapshot.of(self.document.site, path.parent if path else None)

    # ---- results

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.error.hide()
        self.dashboard.set_figures(analysis.figures)
        results = analysis.results
        self.capacity.set_result(results.capacity)
        energy = results.energy
        if energy is not None and analysis.weather is not None:
            self.climate.set_data(analysis.weather, energy, results.site.climate)
            self.energy.set_result(energy)
            self.window.status.set_annual_pue(energy.annual_pue, f"{energy.architecture}, {energy.climate_name}")
        else:
            self.window.status.set_annual_pue(None)

    def show_failure(self, message: str) -> None:
        first = message.splitlines()[0] if message else "the solver failed"
        self.error.setText(f"⚠ results out of date: {first[:120]}")
        self.error.setToolTip(message)
        self.error.show()
        self.dashboard.set_stale(True, f"The last edit could not be solved: {message}")

    def _on_stale(self, stale: bool) -> None:
        if stale and self.runner.last_error is None:
            self.dashboard.set_stale(True)

    # ---- requests from the views

    def select(self, ident: str) -> None:
        """Select a hall, row or cabinet by id on the plan and bring it into view."""
        editor = self.document.editor
        for kind, lookup in (("cabinet", editor.cabinet), ("row", editor.row), ("hall", editor.hall)):
            try:
                lookup(ident)
            except ValidationError:  # not an id of this kind
                continue
            self.window.selection.set(**{f"{kind}s": [ident]})
            rect = self.window.scene.scene_rect_of(kind, ident)
            pad = max(rect.width(), rect.height(), 6.0)
            self.window.view.show_rect(rect.adjusted(-pad, -pad, pad, pad))
            self.window.show_status(f"Selected {kind} {ident}")
            return
        self.window.show_status(f"{ident} is not on the plan")

    def set_climate(self, ref: ClimateRef) -> None:
        self.document.push(SetField([Ref("site", "")], "climate", to_dict(ref), label="Switch climate"))

    def wait_for_results(self, timeout_ms: int = 30000) -> bool:
        """Solve now and block (running the event loop) until results or an error arrive."""
        loop = QEventLoop()
        self.runner.results_ready.connect(loop.quit)
        self.runner.solve_failed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.runner.run_now()
        loop.exec()
        self.runner.results_ready.disconnect(loop.quit)
        self.runner.solve_failed.disconnect(loop.quit)
        return self.analysis is not None and not self.runner.is_stale

    def shutdown(self) -> None:
        """Stop any running solve (window closing)."""
        self.runner.cancel()
        self.runner.wait(5000)
