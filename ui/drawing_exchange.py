"""File > Export > Drawing (DXF) and File > Import > Drawing (DXF) in the window (ui layer).

The engine reads and writes the drawing (:mod:`dcplanner.io.dxf`) off the GUI thread. An import
asks for the units when the file does not say them, then lists the drawing's layers (which to
keep) and its closed outlines (which to make halls of); the accepted import is one undoable
:class:`~dcplanner.model.commands.drawing.SetDrawing`, refused with the rows and obstacles named
if a row would stand on a column or a wall.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dcplanner.io.dxf import DrawingError, ImportedDrawing, UnitsUnknown, read_dxf, with_layer_kinds
from dcplanner.io.dxf.halls import HallOffer, offer_halls
from dcplanner.io.dxf.write import DxfManifest, export_dxf
from dcplanner.model.commands.drawing import SetDrawing
from dcplanner.model.drawing import OBSTACLE_KINDS, Drawing, ShapeKind
from dcplanner.model.site import Site
from dcplanner.snapshot_solve import Snapshot
from ui.window_api import ExchangeHost
from ui.workers import BackgroundJob

KIND_LABELS: dict[ShapeKind, str] = {
    "outline": "outline",
    "column": "columns (obstacles)",
    "wall": "walls (obstacles)",
    "other": "other lines",
}


def _checklist(entries: Sequence[tuple[str, object, bool]]) -> QListWidget:
    widget = QListWidget()
    for text, data, checked in entries:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def _checked(widget: QListWidget) -> list[object]:
    return [
        widget.item(k).data(Qt.ItemDataRole.UserRole)
        for k in range(widget.count())
        if widget.item(k).checkState() == Qt.CheckState.Checked
    ]


class ImportDrawingDialog(QDialog):
    """Which layers to keep as the background, and which closed outlines become halls."""

    def __init__(self, site: Site, imported: ImportedDrawing, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import drawing")
        drawing = imported.drawing
        self.imported = imported
        counts = {layer: sum(1 for s in drawing.shapes if s.layer == layer) for layer in imported.layers_found}
        kinds = {s.layer: s.kind for s in drawing.shapes}
        self.layers = QTableWidget(len(counts), 3)
        self.layers.setHorizontalHeaderLabels(["Layer", "Shapes", "Kind"])
        self.layers.verticalHeader().setVisible(False)
        self.kinds: dict[str, QComboBox] = {}
        for n, (layer, count) in enumerate(counts.items()):
            keep = QTableWidgetItem(layer)
            keep.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            keep.setCheckState(Qt.CheckState.Checked)
            keep.setData(Qt.ItemDataRole.UserRole, layer)
            self.layers.setItem(n, 0, keep)
            shapes = QTableWidgetItem(f"{count:,}")
            shapes.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.layers.setItem(n, 1, shapes)
            kind = QComboBox()
            for choice, label in KIND_LABELS.items():
                kind.addItem(label, choice)
            kind.setCurrentIndex(list(KIND_LABELS).index(kinds.get(layer, "other")))
            self.layers.setCellWidget(n, 2, kind)
            self.kinds[layer] = kind
        self.layers.resizeColumnsToContents()
        self.offers = [o for o in offer_halls(site, imported.outlines(), exclusive=False) if o.hall is not None]
        self.halls = _checklist(
            [
                (
                    f"{o.outline.id} on {o.outline.layer}: {o.hall.width_m:g} × {o.hall.depth_m:g} m "
                    f"at ({o.hall.x_m:g}, {o.hall.y_m:g}) → hall {o.hall.id}",
                    k,
                    False,
                )
                for k, o in enumerate(self.offers)
                if o.hall is not None
            ]
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        summary = f"{drawing.source}: {len(drawing.shapes):,} shapes in {drawing.units}."
        if imported.notes:
            summary += " " + "; ".join(imported.notes).capitalize() + "."
        box.addWidget(QLabel(summary))
        box.addWidget(QLabel("Layers to keep as the background; rows may not stand on columns or walls:"))
        box.addWidget(self.layers)
        box.addWidget(QLabel("Closed outlines to make halls of:"))
        box.addWidget(self.halls)
        box.addWidget(buttons)

    def chosen_layers(self) -> list[str]:
        rows = range(self.layers.rowCount())
        checked = [self.layers.item(n, 0) for n in rows]
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in checked if i.checkState() == Qt.CheckState.Checked]

    def chosen_kinds(self) -> dict[str, ShapeKind]:
        return {layer: combo.currentData() for layer, combo in self.kinds.items()}

    def chosen_offers(self) -> list[HallOffer]:
        return [self.offers[int(k)] for k in _checked(self.halls)]  # type: ignore[call-overload]


def kept_drawing(drawing: Drawing, layers: Sequence[str]) -> Drawing:
    """``drawing`` with only the shapes on ``layers``."""
    keep = set(layers)
    return replace(drawing, shapes=[s for s in drawing.shapes if s.layer in keep])


class DrawingExchange(QObject):
    """The DXF entries of File > Export and File > Import of one main window."""

    def __init__(self, window: ExchangeHost):
        super().__init__(window)
        self.window = window
        self.export_action = QAction("Drawing (DXF)…", window)
        self.export_action.triggered.connect(self.choose_export)
        window.add_export_action(self.export_action)
        self.import_action = QAction("Drawing (DXF) as the plan's background…", window)
        self.import_action.triggered.connect(self.choose_import)
        window.add_import_action(self.import_action)
        self.last_job: BackgroundJob | None = None

    def _folder(self) -> Path:
        path = self.window.document.path
        return path.parent if path else Path.home()

    # ---- export

    def choose_export(self) -> None:
        doc = self.window.document
        default = self._folder() / f"{doc.site.id or 'site'}-plan.dxf"
        name, _ = QFileDialog.getSaveFileName(self.window, "Export drawing", str(default), "DXF drawing (*.dxf)")
        if name:
            self.export_to(Path(name))

    def export_to(self, target: Path) -> BackgroundJob:
        """Write the plan of the site as it is now, in the background."""
        if target.suffix.lower() != ".dxf":
            target = target.with_suffix(".dxf")
        snap = Snapshot.of(self.window.document.site, None)
        self.export_action.setEnabled(False)
        job = BackgroundJob(lambda: export_dxf(snap.site(), target), self)
        job.finished.connect(lambda manifest: self._exported(target, manifest))
        job.failed.connect(self._export_failed)
        self.last_job = job.start()
        return job

    def _exported(self, target: Path, manifest: DxfManifest) -> None:
        self.export_action.setEnabled(True)
        self.window.show_status(manifest.describe(Path(target.name)))

    def _export_failed(self, message: str) -> None:
        self.export_action.setEnabled(True)
        QMessageBox.critical(self.window, "Export failed", f"Nothing was written.\n\n{message}")

    # ---- import

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Import drawing", str(self._folder()), "DXF drawing (*.dxf)")
        if name:
            self.import_from(Path(name))

    def import_from(self, source: Path, units: str | None = None) -> BackgroundJob:
        """Read the drawing in the background, then ask what to keep (and the units if unknown)."""

        def read() -> ImportedDrawing | UnitsUnknown:
            try:
                return read_dxf(source, units=units)
            except UnitsUnknown as exc:
                return exc

        job = BackgroundJob(read, self)
        job.finished.connect(lambda result: self._read(source, result))
        job.failed.connect(lambda message: QMessageBox.critical(self.window, "Cannot import the drawing", message))
        self.window.show_status(f"Reading {source.name}…")
        self.last_job = job.start()
        return job

    def _read(self, source: Path, result: ImportedDrawing | DrawingError) -> None:
        if isinstance(result, DrawingError):
            unit, ok = QInputDialog.getItem(
                self.window, "Drawing units", f"{result}\n\nRead the drawing in:", ["mm", "m"], 0, False
            )
            if ok:
                self.import_from(source, unit)
            return
        dialog = ImportDrawingDialog(self.window.document.site, result, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_import(result, dialog.chosen_layers(), dialog.chosen_offers(), dialog.chosen_kinds())

    def apply_import(
        self,
        imported: ImportedDrawing,
        layers: Sequence[str],
        offers: Sequence[HallOffer],
        kinds: Mapping[str, ShapeKind] | None = None,
    ) -> bool:
        """Push the drawing (only ``layers``, their shapes of ``kinds``) and the halls of ``offers``
        as one undoable step; an outline on a layer made columns or walls gives no hall."""
        kinds = kinds or {}
        drawing = kept_drawing(with_layer_kinds(imported.drawing, kinds), layers)
        obstacle_layers = {layer for layer, kind in kinds.items() if kind in OBSTACLE_KINDS}
        halls = [o.hall for o in offers if o.hall is not None and o.outline.layer not in obstacle_layers]
        refused = self.window.document.push(SetDrawing(drawing, halls), announce=False)
        if refused is not None:
            QMessageBox.warning(self.window, "Drawing not imported", f"Nothing changed.\n\n{refused}")
            return False
        self.window.show_status(
            f"Background drawing: {len(drawing.shapes):,} shapes from {drawing.source}; {len(halls):,} halls added"
        )
        return True
