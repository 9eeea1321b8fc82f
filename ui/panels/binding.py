"""Binds form inputs to model fields through commands (ui layer).

Each input is bound to targets (``Ref``s) and a field. A value the input accepts becomes a
``SetField`` command (or a custom one) pushed on the document; values typed into one field in
one go merge into one undo step. A refusal shows under the input and changes nothing: a value the
document checks would refuse (:func:`dcplanner.snapshot_solve.edit_issues`: a built-in climate that does
not exist, a weather file that is not there, cooling parameters the preset does not have) never
becomes a command. Every input shows the model's value after any change of the site (an undo, a
redo, another panel's edit), except the one being typed into.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from dcplanner.model.commands import Command, Ref, SetField, resolve
from dcplanner.model.schema import Issue, ValidationError
from dcplanner.snapshot_solve import edit_issues
from ui.document import DocumentController
from ui.panels.fields import FieldEditor, messages
from ui.panels.labels import label

CommandFactory = Callable[[Any, Hashable], Command]
_sessions = itertools.count(1)


@dataclass(slots=True)
class Binding:
    editor: FieldEditor
    refs: list[Ref]
    field: str
    make: CommandFactory | None = None
    read: Callable[[], list[Any]] | None = None


class FormBinder(QObject):
    """The bindings of one form; call :meth:`refresh` when the model changed."""

    def __init__(self, document: DocumentController, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.bindings: list[Binding] = []
        self._session = next(_sessions)
        self._before: dict[int, list[Any]] = {}  # binding -> its targets' values when this session began
        self._committing: Binding | None = None  # the input whose value is being applied

    def bind(
        self,
        editor: FieldEditor,
        refs: list[Ref],
        field: str | None = None,
        make: CommandFactory | None = None,
        read: Callable[[], list[Any]] | None = None,
    ) -> FieldEditor:
        binding = Binding(editor, refs, field or editor.name, make, read)
        self.bindings.append(binding)
        editor.committed.connect(lambda value, b=binding: self._commit(b, value))
        editor.refused.connect(lambda b=binding: self._put_back(b))
        editor.finished.connect(self._end_session)
        editor.set_values(self.values(binding))
        return editor

    def values(self, binding: Binding) -> list[Any]:
        if binding.read is not None:
            return binding.read()
        ed = self.document.editor
        out = []
        for ref in binding.refs:
            try:
                out.append(getattr(resolve(ed, ref), binding.field))
            except ValidationError:  # the item is gone (the panel refreshes on the next selection)
                continue
        return out

    def section_issues(self, binding: Binding, value: Any) -> list[Issue]:
        """What the document checks would newly refuse if a site section's field took ``value``."""
        path = self.document.path
        base_dir = path.resolve().parent if path else None
        fresh: list[Issue] = []
        for ref in binding.refs:
            if ref.kind != "site":
                continue
            try:
                section = resolve(self.document.editor, ref)
            except ValidationError:
                continue
            if not dataclasses.is_dataclass(section) or isinstance(section, type):
                continue
            known = {(i.path, i.message) for i in edit_issues(section, base_dir)}
            trial = dataclasses.replace(section, **{binding.field: value})
            fresh += [i for i in edit_issues(trial, base_dir) if (i.path, i.message) not in known]
        return fresh

    def _commit(self, binding: Binding, value: Any) -> None:
        issues = self.section_issues(binding, value)
        if issues:
            binding.editor.show_error(messages(ValidationError(issues)))
            return
        self._committing = binding
        try:
            self._apply(binding, value)
        finally:
            self._committing = None

    def _apply(self, binding: Binding, value: Any) -> None:
        key = ("form", self._session)
        self._before.setdefault(id(binding), self.values(binding))  # what this bout of typing began from
        if binding.make is not None:
            command = binding.make(value, key)
        else:
            what = (
                binding.refs[0].id or "site"
                if len(binding.refs) == 1
                else f"{len(binding.refs)} {binding.refs[0].kind}s"
            )
            name = label(binding.field, binding.editor.cls).lower()
            command = SetField(binding.refs, binding.field, value, label=f"Set {name} of {what}", merge_key=key)
        refused = self.document.push(command, announce=False)
        if refused is None:
            binding.editor.clear_error()
            return
        binding.editor.show_error(messages(refused))
        self._restore(binding)

    def _put_back(self, binding: Binding) -> None:
        """The input itself refused what is being typed (see :meth:`_restore`)."""
        self._committing = binding
        try:
            self._restore(binding)
        finally:
            self._committing = None

    def _restore(self, binding: Binding) -> None:
        """Values applied earlier in this bout of typing ("6", "60" before a refused "600") go
        back to what the targets held before it; the restore merges into the same step, which
        then drops as a no-op."""
        before = self._before.get(id(binding))
        if binding.make is not None or before is None or self.values(binding) == before:
            return
        key = ("form", self._session)
        self.document.push(SetField.restoring(binding.refs, binding.field, before, merge_key=key), announce=False)

    def _end_session(self) -> None:
        self._session = next(_sessions)
        self._before.clear()

    def refresh(self) -> None:
        """Every input shows the model's values again (but the one whose value is being applied)."""
        for binding in self.bindings:
            if binding is self._committing:
                binding.editor.hold_values(self.values(binding))
            else:
                binding.editor.set_values(self.values(binding))

    def clear(self) -> None:
        self.bindings.clear()
