"""Form inputs for model fields, with the model's range check and inline refusal messages (ui layer).

An input never clamps: a value the model refuses stays visible with the reason and the allowed
range under it (from :func:`dcplanner.model.schema.check_value` and the field's declared range),
and nothing is changed.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dcplanner.model.schema import ValidationError, check_value, field_specs
from ui.panels.labels import label

ERROR_STYLE = "color: #b71c1c;"


def messages(exc: ValidationError, limit: int = 3) -> str:
    """The reasons of a refusal, without document paths."""
    return "\n".join(i.message for i in exc.issues[:limit])


def _spec(cls: type, name: str) -> Any:
    for spec in field_specs(cls):
        if spec.name == name:
            return spec
    raise KeyError(f"{cls.__name__} has no field {name!r}")


def _base_hint(hint: Any) -> tuple[Any, bool]:
    """(hint without None, optional?)."""
    if get_origin(hint) in (types.UnionType, typing.Union):
        args = [a for a in get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


class FieldEditor(QWidget):
    """One input bound to ``cls.name``; emits values the model's type and range check accept."""

    committed = Signal(object)
    """A value to apply; payload: the converted value."""
    finished = Signal()
    """Editing of this field ended (Enter, focus out, a choice made); payload: none."""

    def __init__(self, cls: type, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.cls, self.name = cls, name
        self.spec = _spec(cls, name)
        self.hint, self.optional = _base_hint(self.spec.hint)
        self.setObjectName(f"field_{name}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(1)
        self.line = QHBoxLayout()
        self.line.setSpacing(4)
        outer.addLayout(self.line)
        self.error = QLabel()
        self.error.setObjectName(f"error_{name}")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        outer.addWidget(self.error)
        rng = self.spec.range
        self.setToolTip(f"{label(name)}: {rng.describe()}" if rng is not None else label(name))

    def set_values(self, values: list[Any]) -> None:
        """Show the targets' current values (several different ones show as mixed)."""
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def error_text(self) -> str:
        return self.error.text() if self.error.isVisible() else ""

    def check(self, raw: Any) -> Any:
        """Convert and range-check a raw value; raises ValidationError."""
        return check_value(self.cls, self.name, raw)


class NumberEditor(FieldEditor):
    """A number typed as text; applied while typing (merged into one undo step)."""

    def __init__(self, cls: type, name: str, parent: QWidget | None = None):
        super().__init__(cls, name, parent)
        self.input = QLineEdit()
        self.input.setObjectName(f"input_{name}")
        rng = self.spec.range
        if rng is not None:
            self.input.setPlaceholderText(rng.describe())
        self.line.addWidget(self.input, 1)
        if rng is not None and rng.unit:
            self.line.addWidget(QLabel(rng.unit))
        self._editing = False
        self._shown: list[Any] = []
        self.input.textEdited.connect(self._on_edited)
        self.input.editingFinished.connect(self._on_finished)

    def _on_edited(self, text: str) -> None:
        self._editing = True
        try:
            value = self.check(self.parse(text))
        except ValidationError as exc:
            self.show_error(messages(exc))
            return
        self.clear_error()
        self.committed.emit(value)

    def parse(self, text: str) -> Any:
        text = text.strip().replace(" ", "")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return text  # the model's check names it: "must be a number, got the text 'abc'"

    def _on_finished(self) -> None:
        self._editing = False
        self._show(self._shown)  # a refused text gives way to the model's value; the reason stays
        self.finished.emit()

    def set_values(self, values: list[Any]) -> None:
        self._shown = list(values)
        if not self._editing:
            self._show(values)

    def _show(self, values: list[Any]) -> None:
        distinct = {v for v in values}
        if len(distinct) == 1:
            value = values[0]
            self.input.setText("" if value is None else f"{value:.10g}")
        else:
            numbers = [v for v in distinct if v is not None]
            span = f"{min(numbers):g}–{max(numbers):g}" if numbers else ""
            self.input.clear()
            self.input.setPlaceholderText(f"mixed {span}".strip())


class TextEditor(FieldEditor):
    """Free text, applied when editing ends."""

    def __init__(self, cls: type, name: str, parent: QWidget | None = None):
        super().__init__(cls, name, parent)
        self.input = QLineEdit()
        self.input.setObjectName(f"input_{name}")
        self.line.addWidget(self.input, 1)
        self._value: Any = None
        self.input.editingFinished.connect(self._on_finished)

    def _on_finished(self) -> None:
        text = self.input.text()
        if self._value is not None and text != self._value:
            try:
                self.committed.emit(self.check(text))
            except ValidationError as exc:
                self.show_error(messages(exc))
        self.finished.emit()

    def set_values(self, values: list[Any]) -> None:
        if self.input.hasFocus():
            return
        if len(set(values)) == 1:
            self._value = values[0]
            self.input.setText(values[0] or "")
            self.input.setPlaceholderText("")
        else:
            self._value = ""
            self.input.clear()
            self.input.setPlaceholderText("mixed")


class ChoiceEditor(FieldEditor):
    """One of a fixed set of values (a Literal field, or ids such as phases and types)."""

    def __init__(
        self, cls: type, name: str, choices: list[tuple[Any, str]] | None = None, parent: QWidget | None = None
    ):
        super().__init__(cls, name, parent)
        self.input = QComboBox()
        self.input.setObjectName(f"input_{name}")
        self.input.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.input.setMinimumContentsLength(12)
        self.line.addWidget(self.input, 1)
        if choices is None:
            choices = (
                [(v, str(v).replace("_", " ")) for v in get_args(self.hint)] if get_origin(self.hint) is Literal else []
            )
        self.set_choices(choices)
        self.input.activated.connect(self._on_activated)

    def set_choices(self, choices: list[tuple[Any, str]]) -> None:
        self.input.blockSignals(True)
        self.input.clear()
        for value, text in choices:
            self.input.addItem(text, value)
        self.input.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        value = self.input.itemData(index)
        try:
            self.committed.emit(self.check(value))
        except ValidationError as exc:
            self.show_error(messages(exc))
        self.finished.emit()

    def set_values(self, values: list[Any]) -> None:
        self.input.blockSignals(True)
        if len(set(values)) == 1:
            index = self.input.findData(values[0])
            if index < 0 and values[0] is not None:
                self.input.addItem(f"{values[0]} (unknown)", values[0])
                index = self.input.count() - 1
            self.input.setCurrentIndex(index)
        else:
            self.input.setCurrentIndex(-1)
            self.input.setPlaceholderText("mixed")
        self.input.blockSignals(False)


class BoolEditor(FieldEditor):
    def __init__(self, cls: type, name: str, parent: QWidget | None = None):
        super().__init__(cls, name, parent)
        self.input = QCheckBox()
        self.input.setObjectName(f"input_{name}")
        self.line.addWidget(self.input, 1)
        self.input.clicked.connect(self._on_clicked)

    def _on_clicked(self, checked: bool) -> None:
        self.committed.emit(bool(checked))
        self.finished.emit()

    def set_values(self, values: list[Any]) -> None:
        self.input.blockSignals(True)
        if len(set(values)) == 1:
            self.input.setTristate(False)
            self.input.setChecked(bool(values[0]))
        else:
            self.input.setCheckState(Qt.CheckState.PartiallyChecked)
        self.input.blockSignals(False)


def editor_for(cls: type, name: str, choices: list[tuple[Any, str]] | None = None) -> FieldEditor:
    """The input that suits the field's type."""
    hint, _optional = _base_hint(_spec(cls, name).hint)
    if choices is not None or get_origin(hint) is Literal:
        return ChoiceEditor(cls, name, choices)
    if hint is bool:
        return BoolEditor(cls, name)
    if hint in (int, float):
        return NumberEditor(cls, name)
    return TextEditor(cls, name)
