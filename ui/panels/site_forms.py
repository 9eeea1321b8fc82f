"""Site-wide forms: power chain, cooling plant, climate and load, economics (ui layer).

A form is generated from the model's dataclass fields (types, ranges, units, docs), nested
sections as group boxes, so a field added to the model appears here with its range checked.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dcplanner.model.commands import Ref, SetField, resolve
from dcplanner.model.schema import ValidationError, check_value
from dcplanner.model.site import CoolingPlant
from ui.document import DocumentController
from ui.panels.binding import FormBinder
from ui.panels.fields import FieldEditor, editor_for, messages
from ui.panels.labels import label

FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "power": ("Power chain", ("power",)),
    "cooling": ("Cooling plant", ("cooling",)),
    "climate": ("Climate and load", ("location", "climate", "it_load")),
    "economics": ("Economics", ("economics",)),
}
"""Form key -> (title, site sections it shows)."""


class ParametersEditor(FieldEditor):
    """Named overrides of the cooling preset (name -> number), edited as a small table."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(CoolingPlant, "parameters", parent)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("input_parameters")
        self.table.setHorizontalHeaderLabels(["parameter", "value"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(120)
        add, remove = QPushButton("Add"), QPushButton("Remove")
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.line.addWidget(self.table, 1)
        self.line.addLayout(buttons)
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        self.table.itemChanged.connect(self._changed)

    def _add(self) -> None:
        self.table.blockSignals(True)
        n = self.table.rowCount()
        self.table.insertRow(n)
        self.table.setItem(n, 0, QTableWidgetItem(f"parameter_{n + 1}"))
        self.table.setItem(n, 1, QTableWidgetItem("0"))
        self.table.blockSignals(False)
        self._changed()

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True) or [self.table.rowCount() - 1]
        for r in rows:
            if r >= 0:
                self.table.removeRow(r)
        self._changed()

    def _changed(self, *_args: Any) -> None:
        values: dict[str, Any] = {}
        for r in range(self.table.rowCount()):
            name_item, value_item = self.table.item(r, 0), self.table.item(r, 1)
            if name_item is None or not name_item.text().strip():
                continue
            text = value_item.text().strip() if value_item is not None else ""
            try:
                values[name_item.text().strip()] = float(text)
            except ValueError:
                values[name_item.text().strip()] = text
        try:
            checked = check_value(CoolingPlant, "parameters", values)
        except ValidationError as exc:
            self.show_error(messages(exc))
            return
        self.clear_error()
        self.committed.emit(checked)
        self.finished.emit()

    def set_values(self, values: list[Any]) -> None:
        if not values or self.table.hasFocus():
            return
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for name, value in sorted(values[0].items()):
            n = self.table.rowCount()
            self.table.insertRow(n)
            self.table.setItem(n, 0, QTableWidgetItem(name))
            self.table.setItem(n, 1, QTableWidgetItem(f"{value:g}"))
        self.table.blockSignals(False)


class SiteForm(QScrollArea):
    """One site-wide form (power chain, cooling, climate and load, or economics)."""

    def __init__(self, document: DocumentController, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.key = key
        self.title, self.sections = FORMS[key]
        self.setObjectName(f"form_{key}")
        self.setWidgetResizable(True)
        self.binder = FormBinder(document, self)
        self.editors: dict[str, FieldEditor] = {}
        document.site_replaced.connect(self.rebuild)
        document.site_changed.connect(self._on_site_changed)
        self.rebuild()

    def _on_site_changed(self, _change: object) -> None:
        self.binder.refresh()

    def rebuild(self) -> None:
        self.binder.clear()
        self.editors = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        for section in self.sections:
            layout.addWidget(self._section(section, label(section) if len(self.sections) > 1 else self.title))
        layout.addStretch(1)
        self.setWidget(body)

    def _section(self, path: str, title: str) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        obj = resolve(self.document.editor, Ref("site", path))
        for field in dataclasses.fields(obj):
            value = getattr(obj, field.name)
            if dataclasses.is_dataclass(value):
                form.addRow(self._section(f"{path}.{field.name}", label(field.name)))
                continue
            if field.name == "parameters":
                editor: FieldEditor = ParametersEditor()
            else:
                editor = editor_for(type(obj), field.name)
            self.binder.bind(editor, [Ref("site", path)], field.name)
            self.editors[f"{path}.{field.name}"] = editor
            text = label(field.name)  # a number's unit stands after its input
            if path == "climate" and field.name == "path":
                form.addRow(text, self._with_browse(editor, path))
            else:
                form.addRow(text, editor)
        return box

    def _with_browse(self, editor: FieldEditor, path: str) -> QWidget:
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor, 1)
        button = QPushButton("Browse…")
        line.addWidget(button)

        def browse() -> None:
            start = str(self.document.path.parent) if self.document.path else ""
            name, _ = QFileDialog.getOpenFileName(self, "Weather file", start, "Weather (*.epw *.csv)")
            if name:
                self.document.push(SetField([Ref("site", path)], "path", name, label="Set weather file"))

        button.clicked.connect(browse)
        return holder


if __name__ == "__main__":  # preview: the four site forms on the Anshun sample site
    import sys
    from pathlib import Path

    from PySide6.QtWidgets import QTabWidget

    from ui.app import application

    app = application()
    doc = DocumentController()
    doc.open(Path(__file__).resolve().parents[2] / "sample_sites" / "anshun.dcp.json")
    tabs = QTabWidget()
    for form_key, (form_title, _sections) in FORMS.items():
        tabs.addTab(SiteForm(doc, form_key), form_title)
    tabs.resize(480, 800)
    tabs.show()
    sys.exit(app.exec())
