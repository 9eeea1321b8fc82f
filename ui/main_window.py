"""Main window: the floor plan, its panels, menus and live totals; files and unsaved changes (ui layer).

Extension points for other features:

- ``document.site_changed`` / ``document.site_replaced``: subscribe to hear about every edit or
  a newly opened site (analysis views, background solves);
- :meth:`MainWindow.add_analysis_dock`: put a plot or table in a dock (tabbed with the others);
- :meth:`MainWindow.add_export_action` / :meth:`MainWindow.add_import_action`: fill File > Export
  and File > Import (the Excel workbook, cabinet lists);
- ``status.set_annual_pue``: show the energy engine's annual PUE in the status bar.
"""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QFrame, QMainWindow, QMessageBox, QScrollArea, QWidget

from dcplanner import __version__
from dcplanner.io.project_file import PROJECT_SUFFIX, ProjectFileError
from ui import menus
from ui.document import DocumentController
from ui.edit_ops import EditOperations
from ui.exchange import ExchangeActions
from ui.floorplan.colours import MODE_KEYS, make_mode
from ui.floorplan.legend import LegendOverlay
from ui.floorplan.scene import FloorPlanScene
from ui.floorplan.tools import TOOLS, Tool, ToolContext, ToolOptions
from ui.floorplan.view import FloorPlanView
from ui.metrics import SiteMetrics
from ui.panels.properties import PropertyPanel
from ui.panels.site_forms import FORMS, SiteForm
from ui.recovery import RecoveryKeeper
from ui.result_docks import ResultDocks
from ui.selection import Selection
from ui.settings import Settings
from ui.status import StatusTotals

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_sites"
FILE_FILTER = f"dcplanner sites (*{PROJECT_SUFFIX});;All files (*)"
DOCK_MIN_SIZE_PX = 24  # an analysis dock's content may shrink to this; its title bar stays


class MainWindow(QMainWindow):
    """One open site: plan in the middle, properties and site forms in docks."""

    recovery: RecoveryKeeper | None = None
    """Keeps a crash-recovery copy of unsaved changes when the app sets one (see ui.recovery)."""

    def __init__(self, settings: Settings | None = None, restore_layout: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.document = DocumentController(self)
        self.selection = Selection(self)
        self.metrics = SiteMetrics(self.document, self)
        self.scene = FloorPlanScene(self.document, self.selection, self.metrics, self)
        self.view = FloorPlanView(self.scene, self)
        self.setCentralWidget(self.view)
        self.legend = LegendOverlay(self.scene, self.view)
        self.ops = EditOperations(self.document, self.selection, self.notify, self)
        self.options = ToolOptions(self.settings.draw_cabinet_type, self.settings.draw_design_kw)
        context = ToolContext(self.scene, self.document, self.selection, self.options, self.notify, self.show_status)
        self.tools: dict[str, Tool] = {cls.key: cls(context) for cls in TOOLS}
        self.actions_ = menus.build_actions(self)
        self.menus = menus.build_menus(self, self.actions_)
        self.toolbars = menus.build_toolbars(self, self.actions_)
        self._export_placeholder = menus.placeholder(self.menus.export, "No export formats installed")
        self._import_placeholder = menus.placeholder(self.menus.import_, "No import formats installed")
        self._fill_samples_menu()
        self.status = StatusTotals(self.statusBar(), self.metrics)
        self.properties = PropertyPanel(
            self.document, self.selection, self.metrics, [self.actions_.rotate, self.actions_.array]
        )
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        self._analysis_docks: list[QDockWidget] = []
        self._wire()
        self._init_tool_options()
        self.set_grid_visible(self.settings.show_grid)
        self.set_compute_precision(self.settings.compute_precision, apply=False)
        self.set_colour_mode(self.settings.colour_mode)
        self.set_tool("select")
        self.resize(1500, 950)
        self._fit_pending = True
        self.layout_restored = restore_layout and not self.settings.window_state.isEmpty()
        if restore_layout:
            self.restoreGeometry(self.settings.window_geometry)
            self.restoreState(self.settings.window_state)
        self.analysis = ResultDocks(self)
        self.exchange = ExchangeActions(self)
        self._update_title()

    # ---- layout
    def _build_docks(self) -> None:
        options = QMainWindow.DockOption
        self.setDockOptions(
            options.AnimatedDocks | options.AllowNestedDocks | options.AllowTabbedDocks | options.GroupedDragging
        )
        props = self._dock("properties", "Properties", self.properties, Qt.DockWidgetArea.RightDockWidgetArea)
        previous = None
        for key in FORMS:
            dock = self._dock(key, FORMS[key][0], SiteForm(self.document, key), Qt.DockWidgetArea.RightDockWidgetArea)
            if previous is None:
                self.splitDockWidget(props, dock, Qt.Orientation.Vertical)
            else:
                self.tabifyDockWidget(previous, dock)
            previous = dock
        self.docks["power"].raise_()
        self.resizeDocks([props], [420], Qt.Orientation.Horizontal)

    def _dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.menus.panels.addAction(dock.toggleViewAction())
        self.docks[key] = dock
        return dock

    def add_analysis_dock(
        self, widget: QWidget, title: str, area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea
    ) -> QDockWidget:
        """Add a dock for an analysis view (plots, tables), tabbed with the other analysis docks."""
        key = "analysis_" + "".join(ch if ch.isalnum() else "_" for ch in title.lower())
        dock = self._dock(key, title, scrollable(widget), area)
        if self._analysis_docks:
            self.tabifyDockWidget(self._analysis_docks[-1], dock)
        self._analysis_docks.append(dock)
        self.restoreDockWidget(dock)  # docks added after restoreState take their saved place
        return dock

    def add_export_action(self, action: QAction) -> None:
        """Add an entry to File > Export (e.g. the Excel capacity workbook)."""
        if self._export_placeholder is not None:
            self.menus.export.removeAction(self._export_placeholder)
            self._export_placeholder = None
        self.menus.export.addAction(action)

    def add_import_action(self, action: QAction) -> None:
        """Add an entry to File > Import (e.g. cabinets from a spreadsheet)."""
        if self._import_placeholder is not None:
            self.menus.import_.removeAction(self._import_placeholder)
            self._import_placeholder = None
        self.menus.import_.addAction(action)

    def _fill_samples_menu(self) -> None:
        for path in sorted(SAMPLE_DIR.glob(f"*{PROJECT_SUFFIX}")):
            name = path.name.removesuffix(PROJECT_SUFFIX).replace("_", " ").title()
            self.menus.samples.addAction(name, lambda p=path: self.open_file(p))

    def _wire(self) -> None:
        doc = self.document
        doc.dirty_changed.connect(self._update_title)
        doc.path_changed.connect(self._update_title)
        doc.refused.connect(self._on_refused)
        doc.site_replaced.connect(self._on_site_replaced)
        self.view.nudge_requested.connect(self.ops.nudge)
        self.view.escape_pressed.connect(self._on_escape)
        self.view.cursor_moved.connect(self.status.set_cursor)
        self.view.zoom_changed.connect(self.status.set_zoom)
        t = self.toolbars
        t.colour_mode.activated.connect(self._on_colour_mode_chosen)
        t.cabinet_type.activated.connect(self._on_tool_options)
        t.design_kw.valueChanged.connect(self._on_tool_options)
        t.phase.activated.connect(self._on_tool_options)

    # ---- tools, view options
    def set_tool(self, key: str) -> None:
        self.view.set_tool(self.tools[key])
        self.actions_.tools[key].setChecked(True)
        self.show_status(f"{self.tools[key].title} tool")

    def _on_escape(self) -> None:
        if self.view.tool is not self.tools["select"]:
            self.set_tool("select")
        else:
            self.selection.clear()

    def set_colour_mode(self, key: str) -> None:
        key = key if key in MODE_KEYS else "design_kw"
        self.scene.set_colour_mode(make_mode(key, self.settings.compute_precision))
        self.actions_.modes[key].setChecked(True)
        self.toolbars.colour_mode.setCurrentIndex(MODE_KEYS.index(key))
        self.settings.colour_mode = key

    def set_compute_precision(self, precision: str, apply: bool = True) -> None:
        self.settings.compute_precision = precision
        if precision in self.actions_.precisions:
            self.actions_.precisions[precision].setChecked(True)
        if apply:
            self.set_colour_mode("compute")

    def set_grid_visible(self, visible: bool) -> None:
        self.scene.set_grid_visible(visible)
        self.actions_.grid.setChecked(visible)
        self.settings.show_grid = visible

    def _init_tool_options(self) -> None:
        t, ed = self.toolbars, self.document.editor
        t.cabinet_type.clear()
        for ctype in ed.hw.cabinet_types.values():
            t.cabinet_type.addItem(ctype.name, ctype.id)
        index = t.cabinet_type.findData(self.options.cabinet_type_id)
        t.cabinet_type.setCurrentIndex(max(index, 0))
        t.design_kw.blockSignals(True)
        t.design_kw.setValue(self.options.design_kw)
        t.design_kw.blockSignals(False)
        t.phase.clear()
        t.phase.addItem("none", None)
        for phase in ed.site.phases:
            t.phase.addItem(phase.name or phase.id, phase.id)
        self._on_tool_options()

    def _on_tool_options(self, *_args: object) -> None:
        t = self.toolbars
        self.options.cabinet_type_id = t.cabinet_type.currentData() or self.options.cabinet_type_id
        self.options.design_kw = t.design_kw.value()
        self.options.phase_id = t.phase.currentData()
        self.settings.draw_cabinet_type = self.options.cabinet_type_id
        self.settings.draw_design_kw = self.options.design_kw

    # ---- messages
    def notify(self, text: str) -> None:
        """Show a message over the plan and in the status bar."""
        self.view.notice.show_message(text)
        self.statusBar().showMessage(text, 8000)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 4000)

    # ---- files
    def _on_refused(self, reason: str) -> None:
        self.notify(f"Refused: {reason}")

    def _on_colour_mode_chosen(self, index: int) -> None:
        self.set_colour_mode(self.toolbars.colour_mode.itemData(index))

    def _update_title(self, *_args: object) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — dcplanner")
        self.setWindowModified(self.document.dirty)

    def _on_site_replaced(self) -> None:
        self.selection.clear()
        self._init_tool_options()
        if self.isVisible():
            self.view.fit()
        else:
            self._fit_pending = True

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """Ask whether to save unsaved changes (Save, Discard or Cancel)."""
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to {self.document.display_name}?",
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )

    def maybe_save(self) -> bool:
        """True when it is fine to drop the open site (saved, discarded or unchanged)."""
        if not self.document.dirty:
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_file(self) -> None:
        if self.maybe_save():
            self.document.new()

    def choose_file(self) -> None:
        if not self.maybe_save():
            return
        start = self.settings.last_directory or str(SAMPLE_DIR)
        path, _ = QFileDialog.getOpenFileName(self, "Open site", start, FILE_FILTER)
        if path:
            self.open_file(Path(path), ask=False)

    def open_file(self, path: Path, ask: bool = True) -> bool:
        """Open ``path``; a file that fails to load leaves the open site as it was."""
        if ask and not self.maybe_save():
            return False
        try:
            loaded = self.document.open(Path(path))
        except ProjectFileError as exc:
            QMessageBox.critical(self, "Cannot open site", str(exc))
            return False
        self.settings.add_recent_file(Path(path))
        self.settings.last_directory = str(Path(path).resolve().parent)
        note = f" — {len(loaded.warnings)} warnings" if loaded.warnings else ""
        self.show_status(f"Opened {Path(path).name}{note}")
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path or Path(self.settings.last_directory or ".") / self.document.display_name)
        path, _ = QFileDialog.getSaveFileName(self, "Save site", start, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except ProjectFileError as exc:
            QMessageBox.critical(self, "Not saved", str(exc))
            return False
        self.settings.add_recent_file(path)
        self.show_status(f"Saved {path.name}")
        return True

    def fill_recent_menu(self) -> None:
        menu = self.menus.recent
        menu.clear()
        files = self.settings.recent_files
        for name, text in zip(files, menus.recent_titles(files), strict=True):
            action = menu.addAction(text, lambda p=name: self._open_recent(p))
            action.setToolTip(name)
            action.setStatusTip(name)
        if not files:
            menus.placeholder(menu, "No recent files")
        else:
            menu.addSeparator()
            menu.addAction("Clear List", self._clear_recent)

    def _open_recent(self, name: str) -> None:
        if not Path(name).exists():
            QMessageBox.warning(self, "File not found", f"{name} no longer exists; it is removed from the list.")
            self.settings.recent_files = [f for f in self.settings.recent_files if f != name]
            return
        self.open_file(Path(name))

    def _clear_recent(self) -> None:
        self.settings.recent_files = []

    # ---- help
    def about(self) -> None:
        QMessageBox.about(self, "About dcplanner", about_text())

    # ---- window events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_pending = False
            QTimer.singleShot(0, self.view.fit)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.analysis.shutdown()
        if self.recovery is not None:
            self.recovery.close()  # a clean close: no recovery copy is left behind
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        event.accept()


def scrollable(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area, so that its dock can shrink to little more than its
    title bar (the content scrolls instead of holding the dock at its minimum size)."""
    area = QScrollArea()
    area.setObjectName(f"scroll_{widget.objectName() or type(widget).__name__}")
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setMinimumSize(DOCK_MIN_SIZE_PX, DOCK_MIN_SIZE_PX)
    return area


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_text() -> str:
    """The About box: what dcplanner is and the versions it runs on."""
    import PySide6
    from PySide6.QtCore import qVersion

    lines = [
        f"<h3>dcplanner {__version__}</h3>",
        "<p>Data-center capacity, energy and build-out planning.</p>",
        "<table>",
        f"<tr><td>Python</td><td>{platform.python_version()} ({sys.platform})</td></tr>",
        f"<tr><td>PySide6 / Qt</td><td>{PySide6.__version__} / {qVersion()}</td></tr>",
    ]
    for package in ("numpy", "scipy", "pyqtgraph", "openpyxl"):
        lines.append(f"<tr><td>{package}</td><td>{_version(package)}</td></tr>")
    lines.append("</table>")
    return "".join(lines)
