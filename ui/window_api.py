"""What the main window's parts need from the window (ui layer).

The analysis docks, the Export/Import actions and the menus are built by :class:`ui.main_window.MainWindow`
and talk back to it. They name the window by these protocols, not by its class, so none of them
imports the module that imports them. The window is a ``QMainWindow`` too: the parts also use it
as the Qt parent of their actions and dialogs.
"""

from __future__ import annotations

from typing import Protocol, overload

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenuBar, QStatusBar, QToolBar, QWidget

from dcplanner.snapshot_solve import Analysis
from ui.document import DocumentController
from ui.edit_ops import EditOperations
from ui.floorplan.scene import FloorPlanScene
from ui.floorplan.view import FloorPlanView
from ui.metrics import SiteMetrics
from ui.selection import Selection
from ui.status import StatusTotals
from ui.workers import SolverRunner


class StatusHost(Protocol):
    """A window with the open site and a status line."""

    document: DocumentController

    def show_status(self, text: str) -> None: ...


class AnalysisHost(StatusHost, Protocol):
    """What :class:`ui.result_docks.ResultDocks` needs: docks, the plan and the status bar."""

    selection: Selection
    metrics: SiteMetrics
    scene: FloorPlanScene
    view: FloorPlanView
    status: StatusTotals
    layout_restored: bool

    def add_analysis_dock(
        self, widget: QWidget, title: str, area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea
    ) -> QDockWidget: ...

    def height(self) -> int: ...

    def resizeDocks(self, docks: list[QDockWidget], sizes: list[int], orientation: Qt.Orientation) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class ResultsSource(Protocol):
    """The window's solver of the open site (:class:`ui.result_docks.ResultDocks`)."""

    analysis: Analysis | None  # the results shown, None until the first solve
    runner: SolverRunner  # ``is_stale`` while an edit is not yet solved


class ExchangeHost(StatusHost, Protocol):
    """What :class:`ui.exchange.ExchangeActions` needs: the File menu's Export and Import entries."""

    analysis: ResultsSource

    def add_export_action(self, action: QAction) -> None: ...

    def add_import_action(self, action: QAction) -> None: ...


class MenuHost(StatusHost, Protocol):
    """What :mod:`ui.menus` binds the actions, menus and toolbars to."""

    ops: EditOperations
    view: FloorPlanView

    def new_file(self) -> None: ...

    def choose_file(self) -> None: ...

    def save(self) -> bool: ...

    def save_as(self) -> bool: ...

    def close(self) -> bool: ...

    def about(self) -> None: ...

    def fill_recent_menu(self) -> None: ...

    def set_tool(self, key: str) -> None: ...

    def set_colour_mode(self, key: str) -> None: ...

    def set_compute_precision(self, precision: str, apply: bool = True) -> None: ...

    def set_grid_visible(self, visible: bool) -> None: ...

    def menuBar(self) -> QMenuBar: ...

    @overload
    def addToolBar(self, toolbar: QToolBar, /) -> None: ...

    @overload
    def addToolBar(self, area: Qt.ToolBarArea, toolbar: QToolBar, /) -> None: ...
