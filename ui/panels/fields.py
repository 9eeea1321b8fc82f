"""Form inputs for model fields, with the model's range check and inline refusal messages (ui layer).

An input never clamps: a value the model refuses stays visible with the reason and the allowed
range under it (from :func:`dcplanner.model.schema.check_value` and the field's declared range),
and nothing is changed. The reason goes as soon as the input shows the model's value again.
A field whose values come from a list is a combo box of the engine's list
(:mod:`ui.panels.choices`); a number shows its unit and accepts what a person types ("8 %" or
"8" for a share shown in percent, "1,200" with thousands separators, "20 kW" with its unit).
Ctrl+Z in an input undoes the last edit of the site, never just the input's text.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, get_args, get_origin

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dcplanner.model.schema import Issue, Range, ValidationError, check_value, field_specs
from ui.panels.choices import field_choices
from ui.panels.labels import PERCENT_FIELDS, tooltip

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


_HISTORY_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class ModelLineEdit(QLineEdit):
    """A line edit without its own undo history: Ctrl+Z and Ctrl+Shift+Z go to the window's
    Undo and Redo (the site's history), so the text never shows a value the model does not hold.
    Escape asks for the model's value back (:attr:`escaped`), and so does leaving it
    (:attr:`left`: Qt emits ``editingFinished`` on focus loss only for a changed text)."""

    escaped = Signal()
    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()

    def event(self, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.ShortcutOverride
            and any(event.matches(key) for key in _HISTORY_KEYS)
        ):
            event.ignore()  # not ours: the window's shortcut takes it
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if any(event.matches(key) for key in _HISTORY_KEYS):
            event.ignore()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def parse_number(text: str, unit: str = "") -> float | str | None:
    """A typed number: None when empty, a float, or the text itself when it is no number (the
    model's check then names it). The field's unit may follow ("20 kW", "8 %"); thousands may be
    grouped with commas ("1,200"). A decimal comma ("2,5") is not guessed at: it stays text."""
    t = text.strip()
    if not t:
        return None
    for suffix in (unit, "%"):
        if suffix and t.lower().endswith(suffix.lower()):
            t = t[: -len(suffix)].strip()
            break
    t = t.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("_", "")
    if _THOUSANDS.fullmatch(t):
        t = t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return text.strip()


class FieldEditor(QWidget):
    """One input bound to ``cls.name``; emits values the model's type and range check accept."""

    committed = Signal(object)
    """A value to apply; payload: the converted value."""
    refused = Signal()
    """A value being typed was refused by the field's own check; payload: none."""
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
        self.setToolTip(tooltip(name, cls, rng.describe() if rng is not None else ""))

    def set_values(self, values: list[Any]) -> None:
        """Show the targets' current values (several different ones show as mixed); a reason
        shown for a refused value goes, since the input holds the model's value again."""
        self.clear_error()
        self._show_values(values)

    def _show_values(self, values: list[Any]) -> None:
        raise NotImplementedError

    def hold_values(self, values: list[Any]) -> None:
        """The model took (or put back) values while this input is being typed into: remember
        them for when editing ends, without touching the text being typed."""

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
    """A number typed as text; applied while typing (merged into one undo step).

    A share stored as a fraction 0–1 (:data:`~ui.panels.labels.PERCENT_FIELDS`) is shown and
    typed in percent: "8" or "8 %" stores 0.08.
    """

    def __init__(self, cls: type, name: str, parent: QWidget | None = None):
        super().__init__(cls, name, parent)
        self.input = ModelLineEdit()
        self.input.setObjectName(f"input_{name}")
        self.percent = name in PERCENT_FIELDS
        self.scale = 100.0 if self.percent else 1.0
        rng = self.display_range
        if rng is not None:
            self.input.setPlaceholderText(rng.describe())
            self.input.setToolTip(tooltip(name, cls, rng.describe()))
            self.setToolTip(self.input.toolTip())
        self.line.addWidget(self.input, 1)
        if self.unit:
            self.unit_label = QLabel(self.unit)
            self.unit_label.setObjectName(f"unit_{name}")
            self.line.addWidget(self.unit_label)
        self._shown: list[Any] = []
        self.input.textEdited.connect(self._on_edited)
        self.input.editingFinished.connect(self._on_finished)
        self.input.escaped.connect(lambda: self.set_values(self._shown))
        self.input.left.connect(self._on_left)

    @property
    def unit(self) -> str:
        return "%" if self.percent else (self.spec.range.unit if self.spec.range is not None else "")

    @property
    def display_range(self) -> Range | None:
        """The allowed range in the unit shown (percent for shares)."""
        rng = self.spec.range
        if rng is None or not self.percent:
            return rng
        scaled = [None if x is None else round(x * self.scale, 9) for x in (rng.min, rng.max)]
        return Range(scaled[0], scaled[1], "%", rng.min_exclusive)

    def _on_edited(self, text: str) -> None:
        try:
            value = self.check(self.parse(text))
        except ValidationError as exc:
            self.show_error(messages(exc))
            self.refused.emit()  # "8", "80" applied on the way to a refused "800" are put back
            return
        self.clear_error()
        self.committed.emit(value)

    def parse(self, text: str) -> Any:
        """The stored value of a typed text (a share typed in percent is divided by 100)."""
        value = parse_number(text, self.unit)
        return value / self.scale if isinstance(value, float) else value

    def check(self, raw: Any) -> Any:
        rng, shown = self.spec.range, self.display_range
        if self.percent and isinstance(raw, float) and rng is not None and shown is not None and not rng.contains(raw):
            typed = raw * self.scale
            raise ValidationError([Issue(self.name, f"{typed:.10g} % is out of range; allowed {shown.describe()}")])
        return super().check(raw)

    def hold_values(self, values: list[Any]) -> None:
        self._shown = list(values)

    def _on_left(self) -> None:
        if self.error_text():
            self.set_values(self._shown)

    def _on_finished(self) -> None:
        # Enter on a refused value keeps it with its reason; leaving the input puts the model's
        # value back, and the reason goes with the refused text
        if not (self.error_text() and self.input.hasFocus()):
            self.set_values(self._shown)
        self.finished.emit()

    def _show_values(self, values: list[Any]) -> None:
        self._shown = list(values)
        distinct = {v for v in values}
        if len(distinct) == 1:
            value = values[0]
            self.input.setText("" if value is None else f"{value * self.scale:.10g}")
        else:
            numbers = [v * self.scale for v in distinct if v is not None]
            span = f"{min(numbers):g}–{max(numbers):g}" if numbers else ""
            self.input.clear()
            self.input.setPlaceholderText(f"mixed {span}".strip())


class TextEditor(FieldEditor):
    """Free text, applied when editing ends; Escape puts back the model's text."""

    def __init__(self, cls: type, name: str, parent: QWidget | None = None):
        super().__init__(cls, name, parent)
        self.input = ModelLineEdit()
        self.input.setObjectName(f"input_{name}")
        self.line.addWidget(self.input, 1)
        self._value: Any = None
        self._values: list[Any] = []
        self.input.editingFinished.connect(self._on_finished)
        self.input.escaped.connect(lambda: self.set_values(self._values))
        self.input.left.connect(lambda: self.set_values(self._values) if self.error_text() else None)

    def hold_values(self, values: list[Any]) -> None:
        self._values = list(values)
        self._value = values[0] if len(set(values)) == 1 else ""

    def _on_finished(self) -> None:
        text = self.input.text()
        if self._value is not None and text != self._value:
            try:
                self.committed.emit(self.check(text))
            except ValidationError as exc:
                self.show_error(messages(exc))
        self.finished.emit()

    def _show_values(self, values: list[Any]) -> None:
        self._values = list(values)
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
            choices = field_choices(cls, name) or []
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

    def _show_values(self, values: list[Any]) -> None:
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

    def _show_values(self, values: list[Any]) -> None:
        self.input.blockSignals(True)
        if len(set(values)) == 1:
            self.input.setTristate(False)
            self.input.setChecked(bool(values[0]))
        else:
            self.input.setCheckState(Qt.CheckState.PartiallyChecked)
        self.input.blockSignals(False)


def editor_for(cls: type, name: str, choices: list[tuple[Any, str]] | None = None) -> FieldEditor:
    """The input that suits the field's type: a combo box for a field whose values come from a list."""
    hint, _optional = _base_hint(_spec(cls, name).hint)
    choices = choices if choices is not None else field_choices(cls, name)
    if choices is not None:
        return ChoiceEditor(cls, name, choices)
    if hint is bool:
        return BoolEditor(cls, name)
    if hint in (int, float):
        return NumberEditor(cls, name)
    return TextEditor(cls, name)
