"""Site-wide forms: power chain, cooling plant, climate and load, economics (ui layer).

A form is generated from the model's dataclass fields (types, ranges, units, docs), nested
sections as group boxes, so a field added to the model appears here with its range checked.
"""

from __future__ import annotations

import dataclasses
import filecmp
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
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
from dcplanner.solvers.energy import PRESETS, parameter_issues
from dcplanner.solvers.energy.presets.params import Param
from ui.document import DocumentController
from ui.panels.binding import FormBinder
from ui.panels.fields import FieldEditor, editor_for, messages, parse_number
from ui.panels.labels import label

FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "power": ("Power chain", ("power",)),
    "cooling": ("Cooling plant", ("cooling",)),
    "climate": ("Climate and load", ("location", "climate", "it_load")),
    "economics": ("Economics", ("economics",)),
    "compliance": ("Compliance inputs", ("compliance",)),
}
"""Form key -> (title, site sections it shows)."""


class ParametersEditor(FieldEditor):
    """The cooling preset's parameters as a table: what each is, its unit, default and override.

    Every parameter of the site's preset has a row (its description, unit and default from the
    engine, its source in the tooltip); typing a value in the last column overrides the default,
    clearing it goes back to the default. Values the engine would refuse are refused here with
    its message and never become an edit.
    """

    COLUMNS = ("Parameter", "Unit", "Default", "Value")

    def __init__(self, architecture: Callable[[], str], parent: QWidget | None = None):
        super().__init__(CoolingPlant, "parameters", parent)
        self._architecture = architecture
        self._overrides: dict[str, float] = {}
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("input_parameters")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(260)
        self.line.addWidget(self.table, 1)
        self.table.itemChanged.connect(self._changed)

    def _params(self) -> tuple[Param, ...]:
        found = PRESETS.get(self._architecture())
        return found.params if found is not None else ()

    def _changed(self, *_args: Any) -> None:
        values: dict[str, float] = {}
        params = self._params()
        for r, param in enumerate(params):
            item = self.table.item(r, 3)
            text = item.text().strip() if item is not None else ""
            if not text:
                continue
            number = parse_number(text, param.unit)
            if not isinstance(number, float):
                self.show_error(f"{param.doc}: {text!r} is not a number; allowed {param.describe_range()}")
                return
            values[param.name] = number
        cooling = dataclasses.replace(CoolingPlant(), architecture=self._architecture(), parameters=values)
        issues = parameter_issues(cooling)
        if issues:
            self.show_error("\n".join(i.message for i in issues[:3]))
            return
        try:
            checked = check_value(CoolingPlant, "parameters", values)
        except ValidationError as exc:
            self.show_error(messages(exc))
            return
        self.clear_error()
        self.committed.emit(checked)
        self.finished.emit()

    def _show_values(self, values: list[Any]) -> None:
        if not values or self.table.hasFocus():
            return
        self._overrides = dict(values[0])
        self.table.blockSignals(True)
        params = self._params()
        self.table.setRowCount(len(params))
        for r, param in enumerate(params):
            unit = "" if param.unit in ("", "1") else param.unit
            tip = f"{param.name}: {param.doc}; allowed {param.describe_range()}. Source: {param.source}"
            cells = (param.doc[:1].upper() + param.doc[1:], unit, f"{param.default:g}")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(tip)
                self.table.setItem(r, col, item)
            value = self._overrides.get(param.name)
            item = QTableWidgetItem("" if value is None else f"{value:g}")
            item.setToolTip(f"{tip}\nEmpty: the default.")
            self.table.setItem(r, 3, item)
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)


def free_name(folder: Path, chosen: Path) -> Path:
    """Where ``chosen`` goes in ``folder``: its own name, unless a different file holds it."""
    target = folder / chosen.name
    n = 2
    while target.exists() and not filecmp.cmp(chosen, target, shallow=False):
        target = folder / f"{chosen.stem}-{n}{chosen.suffix}"
        n += 1
    return target


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
            if isinstance(value, list):  # per-year shares and project rules: edited in the project file
                continue
            if field.name == "parameters":
                editor: FieldEditor = ParametersEditor(lambda: self.document.editor.site.cooling.architecture)
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

    def weather_file_for_project(self, chosen: Path) -> str | None:
        """The path to store for a weather file the user picked: relative to the project's folder.

        A project file may only name files inside its own folder (so it opens anywhere and
        cannot point elsewhere on a computer); a file from outside is copied in, after asking.
        None when the user declines or the project has no folder yet.
        """
        if self.document.path is None:
            QMessageBox.information(
                self,
                "Weather file",
                "Save the project first: its weather file is kept in the project's folder, "
                "so that the project opens wherever it is copied.",
            )
            return None
        folder = self.document.path.resolve().parent
        try:
            return chosen.resolve().relative_to(folder).as_posix()
        except ValueError:
            pass
        answer = QMessageBox.question(
            self,
            "Weather file",
            f"{chosen.name} lies outside the project's folder ({folder}).\n\n"
            "Copy it into the folder? A project names only files beside it, so that it opens "
            "wherever it is copied.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        target = free_name(folder, chosen)
        try:
            if not (target.exists() and filecmp.cmp(chosen, target, shallow=False)):
                shutil.copy2(chosen, target)
        except OSError as exc:
            QMessageBox.warning(self, "Weather file", f"Could not copy {chosen.name} to {folder}: {exc.strerror}")
            return None
        return target.relative_to(folder).as_posix()

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
                chosen = self.weather_file_for_project(Path(name))
                if chosen is not None:
                    self.document.push(SetField([Ref("site", path)], "path", chosen, label="Set weather file"))

        button.clicked.connect(browse)
        return holder


if __name__ == "__main__":  # preview: the four site forms on the Anshun sample site
    import sys

    from PySide6.QtWidgets import QTabWidget

    from ui.application import application

    app = application()
    doc = DocumentController()
    doc.open(Path(__file__).resolve().parents[2] / "sample_sites" / "anshun.dcp.json")
    tabs = QTabWidget()
    for form_key, (form_title, _sections) in FORMS.items():
        tabs.addTab(SiteForm(doc, form_key), form_title)
    tabs.resize(480, 800)
    tabs.show()
    sys.exit(app.exec())
