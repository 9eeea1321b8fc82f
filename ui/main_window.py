"""Main window: the floor plan of the open site, menus and live totals (ui layer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from dcplanner import __version__
from dcplanner.io.project_file import LoadedProject, ProjectFileError, load_project
from dcplanner.report import solve_site
from ui.floorplan.scene import FloorPlanScene
from ui.floorplan.view import FloorPlanView

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_sites"


class MainWindow(QMainWindow):
    """Shows one site; opening another file replaces it only if it loads cleanly."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: LoadedProject | None = None
        self.scene = FloorPlanScene(self)
        self.view = FloorPlanView(self.scene, self)
        self.setCentralWidget(self.view)
        self.totals_label = QLabel()
        self.statusBar().addPermanentWidget(self.totals_label)
        self._build_menus()
        self.resize(1400, 900)
        self._update_title()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open, triggered=self.choose_file)
        file_menu.addAction(open_action)
        samples = file_menu.addMenu("Open &Sample Site")
        for path in sorted(SAMPLE_DIR.glob("*.dcp.json")):
            samples.addAction(path.name.removesuffix(".dcp.json"), lambda p=path: self.open_file(p))
        file_menu.addSeparator()
        file_menu.addAction(QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close))
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(QAction("&Fit to Window", self, shortcut="Ctrl+0", triggered=self.view.fit))
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(QAction("&About dcplanner", self, triggered=self.about))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open site", str(SAMPLE_DIR), "dcplanner sites (*.dcp.json)")
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> bool:
        """Load ``path``; on failure show why and keep the current site."""
        try:
            loaded = load_project(path)
        except ProjectFileError as exc:
            QMessageBox.critical(self, "Cannot open site", str(exc))
            return False
        self.project = loaded
        self.scene.set_site(loaded.site)
        self.view.fit()
        self._update_totals()
        self._update_title()
        return True

    def _update_totals(self) -> None:
        if self.project is None:
            self.totals_label.setText("")
            return
        cap = solve_site(self.project.site).capacity.site
        self.totals_label.setText(
            f"{cap.cabinets:,} cabinets  |  design IT {cap.design_kw / 1000:,.2f} MW  |  "
            f"loaded {cap.loaded_kw / 1000:,.2f} MW"
        )

    def _update_title(self) -> None:
        name = self.project.path.name if self.project and self.project.path else "untitled"
        self.setWindowTitle(f"{name} — dcplanner")

    def about(self) -> None:
        import PySide6

        QMessageBox.about(self, "About dcplanner", f"dcplanner {__version__}\nPySide6 {PySide6.__version__}")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.view.fit()
