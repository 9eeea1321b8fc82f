"""Result views kept current while the user edits: solves run in the background (ui layer).

Every edit schedules a debounced solve of a snapshot of the site (:class:`ui.workers.SolverRunner`
running :func:`dcplanner.snapshot_solve.analyse`), the one solve of that edit. Results update the
dashboard, climate, energy and capacity views, the plan's metrics and the status bar; a solve that
runs longer than half a second shows a progress bar with Cancel; a failed solve shows why and
keeps the last results of the same site, marked stale. A newly opened site shows no figure of the
previous one: each view says it is solving, or why it has nothing to show.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStackedWidget, QWidget

from dcplanner.compliance.run import check_solved
from dcplanner.model.commands import Ref, SetField
from dcplanner.model.schema import ValidationError, to_dict
from dcplanner.model.site import ClimateRef
from dcplanner.snapshot_solve import (
    BASE_SCENARIO,
    Analysis,
    Investment,
    InvestmentRequest,
    Snapshot,
    analyse,
    analyse_investment,
    investment_figures,
)
from ui.dashboard import Dashboard
from ui.panels.compliance_view import ComplianceView
from ui.plots.capacity_view import CapacityView
from ui.plots.climate_view import ClimateView
from ui.plots.energy_view import EnergyView
from ui.plots.phases_view import PhasesView
from ui.plots.scenarios_view import ScenariosView
from ui.window_api import AnalysisHost
from ui.workers import SolverRunner

DEFAULT_DOCK_SHARE = 0.28  # of the window height, for the analysis docks on first run: the plan keeps >= 60 %


def freeze_long_lived_objects(full: bool = True) -> None:
    """Move the objects alive now (the open site, the window, shown results) out of the cyclic
    collector's reach.

    A full collection walks every tracked object while holding the GIL; with a 10,000-cabinet
    site that pauses the GUI thread for 50-150 ms each time the solver thread allocates enough to
    trigger one. Frozen objects are still freed by reference counting when they are replaced;
    cyclic garbage is collected first (``full``: every generation, else the young ones) so that
    none of it is frozen.
    """
    gc.collect() if full else gc.collect(1)
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
        self._long: set[SolverRunner] = set()
        self.hide()

    def track(self, runner: SolverRunner) -> None:
        """Show while any tracked runner's solve is long; Cancel stops them all."""
        runner.long_running_changed.connect(lambda long: self._set_long(runner, long))
        runner.progress_changed.connect(lambda f: self.bar.setValue(round(f * 100)))
        self.cancel.clicked.connect(runner.cancel)

    def _set_long(self, runner: SolverRunner, long: bool) -> None:
        if long:
            self._long.add(runner)
        else:
            self._long.discard(runner)
        self.setVisible(bool(self._long))


SOLVING = "Solving the open site…"


class EmptyStateView(QStackedWidget):
    """A view, or in its place a sentence saying why it has nothing to show."""

    def __init__(self, view: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.setObjectName(f"holder_{type(view).__name__}")
        self.sentence = QLabel(SOLVING)
        self.sentence.setObjectName("empty_state")
        self.sentence.setWordWrap(True)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setStyleSheet("color: #546e7a; padding: 16px;")
        self.addWidget(view)
        self.addWidget(self.sentence)
        self.show_empty(SOLVING)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.sentence

    def show_view(self) -> None:
        self.setCurrentWidget(self.view)

    def show_empty(self, sentence: str) -> None:
        self.sentence.setText(sentence)
        self.setCurrentWidget(self.sentence)


class ResultDocks(QObject):
    """Owns the analysis views and the background solver of one main window."""

    def __init__(self, window: AnalysisHost):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.analysis: Analysis | None = None
        self.dashboard = Dashboard()
        self.climate = ClimateView()
        self.energy = EnergyView()
        self.capacity = CapacityView()
        self.phases = PhasesView()
        self.scenarios = ScenariosView()
        self.compliance = ComplianceView()
        self.investment: Investment | None = None
        self.active_scenario = BASE_SCENARIO
        self.holders = {
            name: EmptyStateView(view)
            for name, view in (
                ("climate", self.climate),
                ("energy", self.energy),
                ("capacity", self.capacity),
                ("phases", self.phases),
                ("scenarios", self.scenarios),
                ("compliance", self.compliance),
            )
        }
        docks = [
            window.add_analysis_dock(widget, title)
            for widget, title in (
                (self.dashboard, "Summary"),
                (self.holders["climate"], "Climate"),
                (self.holders["energy"], "Energy"),
                (self.holders["capacity"], "Capacity"),
                (self.holders["phases"], "Phases"),
                (self.holders["scenarios"], "Scenarios"),
                (self.holders["compliance"], "Compliance"),
            )
        ]
        docks[0].raise_()
        if not window.layout_restored:  # first run: the plan keeps most of the height
            QTimer.singleShot(
                0,
                lambda: window.resizeDocks(
                    [docks[0]], [int(window.height() * DEFAULT_DOCK_SHARE)], Qt.Orientation.Vertical
                ),
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
        self.progress.track(self.runner)
        # The investment case (every scenario's build-out) is slower: its own runner, longer debounce.
        self.invest_runner = SolverRunner(
            analyse_investment, self.investment_request, debounce_ms=700, long_ms=500, parent=self
        )
        self.invest_runner.results_ready.connect(self.show_investment)
        self.invest_runner.solve_failed.connect(self.show_investment_failure)
        self.invest_runner.stale_changed.connect(self._on_stale)
        self.progress.track(self.invest_runner)
        self.document.site_changed.connect(lambda _change: self.schedule())
        self.document.site_replaced.connect(self._on_site_replaced)
        self.capacity.culprit_selected.connect(self.select)
        self.climate.climate_change_requested.connect(self.set_climate)
        self.phases.start_moved.connect(self.move_start)
        self.scenarios.active_changed.connect(self.set_active_scenario)
        self.schedule()

    @property
    def runners(self) -> tuple[SolverRunner, SolverRunner]:
        return (self.runner, self.invest_runner)

    def schedule(self) -> None:
        """The site changed: solve both analyses again once edits pause."""
        for runner in self.runners:
            runner.schedule()

    def _on_site_replaced(self) -> None:
        """Another site is open: drop every figure of the previous one, then solve."""
        freeze_long_lived_objects()
        self.active_scenario = BASE_SCENARIO
        self.analysis = None
        self.investment = None
        self.error.hide()
        self.clear_views(SOLVING)
        self.schedule()

    def clear_views(self, sentence: str) -> None:
        """Every view empty, saying ``sentence``; the dashboard without figures."""
        for holder in self.holders.values():
            holder.show_empty(sentence)
        self.capacity.clear()
        self.phases.set_result(None, sentence)
        self.scenarios.clear(sentence)
        self.dashboard.clear(sentence)
        self.window.status.set_annual_pue(None)

    def snapshot(self) -> Snapshot:
        """A frozen copy of the open site (taken on the GUI thread in milliseconds)."""
        path = self.document.path
        return Snapshot.of(self.document.site, path.parent if path else None)

    def investment_request(self) -> InvestmentRequest:
        return InvestmentRequest(self.snapshot(), self.active_scenario)

    # ---- results

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        results = analysis.results
        self.window.metrics.set_results(results, stale=self.runner.is_stale)
        if analysis.problem:
            self._show_error(analysis.problem)
        else:
            self.error.hide()
        self._show_figures()
        self.capacity.set_result(results.capacity, results.findings)
        self.holders["capacity"].show_view()
        self._show_compliance()
        energy = results.energy
        if energy is not None and analysis.weather is not None:
            self.climate.set_data(analysis.weather, energy, results.site.climate)
            self.energy.set_result(energy)
            self.holders["climate"].show_view()
            self.holders["energy"].show_view()
            self.window.status.set_annual_pue(energy.annual_pue, f"{energy.architecture_title}, {energy.climate_name}")
        else:
            why = analysis.problem or (
                "No energy year: the site has no IT load yet. Draw cabinets or give them a design power."
            )
            self.holders["climate"].show_empty(why)
            self.holders["energy"].show_empty(why)
            self.window.status.set_annual_pue(None)
        freeze_long_lived_objects(full=False)

    def show_investment(self, investment: Investment) -> None:
        self.investment = investment
        self.phases.set_result(investment.result, investment.message)
        self.scenarios.set_investment(investment)
        for name in ("phases", "scenarios"):
            if investment.comparison is None:
                self.holders[name].show_empty(investment.message)
            else:
                self.holders[name].show_view()
        self._show_figures()
        self._show_compliance()
        freeze_long_lived_objects(full=False)

    def _show_compliance(self) -> None:
        """The rules against the open site's results; the base site's build-out years once solved."""
        if self.analysis is None:
            return
        results = self.analysis.results
        row = self.investment.active_row if self.investment is not None else None
        phasing = row.result if row is not None and row.id == BASE_SCENARIO else None
        self.compliance.set_report(check_solved(results.site, results.capacity, results.energy, phasing))
        self.holders["compliance"].show_view()

    def _show_figures(self) -> None:
        figures = list(self.analysis.figures) if self.analysis else []
        if self.investment is not None:
            figures += investment_figures(self.investment)
        self.dashboard.set_figures(figures)
        if any(r.is_stale for r in self.runners):
            self.dashboard.set_stale(True)

    def show_failure(self, message: str) -> None:
        """A solve raised: say why; the open site's last results stay, marked stale."""
        self._show_error(f"results out of date: {message}")
        if self.analysis is None:  # nothing of this site to keep
            for name in ("climate", "energy", "capacity"):
                self.holders[name].show_empty(f"This site could not be solved: {message}")
        self.dashboard.set_stale(True, f"The last edit could not be solved: {message}")

    def show_investment_failure(self, message: str) -> None:
        self._show_error(f"build-out out of date: {message}")
        if self.investment is None:
            for name in ("phases", "scenarios"):
                self.holders[name].show_empty(f"The build-out could not be solved: {message}")
        self.dashboard.set_stale(True, f"The last edit could not be solved: {message}")

    def _show_error(self, message: str) -> None:
        first = message.splitlines()[0] if message else "the solver failed"
        self.error.setText(f"⚠ {first[:120]}")
        self.error.setToolTip(message)
        self.error.show()

    def _on_stale(self, stale: bool) -> None:
        if stale and all(r.last_error is None for r in self.runners):
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

    def move_start(self, candidate_id: str, start_month: str) -> None:
        """A phase marker was dragged: pin that candidate's construction start (one undo step)."""
        self.document.push(
            SetField(
                [Ref("site", f"buildout.candidates[{candidate_id}]")],
                "fixed_start",
                start_month,
                label=f"Move {candidate_id} to start {start_month}",
            )
        )

    def set_active_scenario(self, scenario_id: str) -> None:
        """Show another scenario's investment case (a view choice, not an edit of the site)."""
        self.active_scenario = scenario_id
        self.invest_runner.run_now()

    def set_climate(self, ref: ClimateRef) -> None:
        self.document.push(SetField([Ref("site", "")], "climate", to_dict(ref), label="Switch climate"))

    def wait_for_results(self, timeout_ms: int = 60000) -> bool:
        """Solve both analyses now and block (running the event loop) until both have reported."""
        pending = set(self.runners)
        loop = QEventLoop()

        def done(runner: SolverRunner) -> None:
            pending.discard(runner)
            if not pending:
                loop.quit()

        hooks = []
        for runner in self.runners:
            for signal in (runner.results_ready, runner.solve_failed):
                hook = (signal, lambda *_a, r=runner: done(r))
                signal.connect(hook[1])
                hooks.append(hook)
        QTimer.singleShot(timeout_ms, loop.quit)
        for runner in self.runners:
            runner.run_now()
        if pending:
            loop.exec()
        for signal, hook in hooks:
            signal.disconnect(hook)
        return self.analysis is not None and not any(r.is_stale for r in self.runners)

    def shutdown(self) -> None:
        """Stop any running solve (window closing)."""
        for runner in self.runners:
            runner.cancel()
        for runner in self.runners:
            runner.wait(10000)
