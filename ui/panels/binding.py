"""Binds form inputs to model fields through commands (ui layer).

Each input is bound to targets (``Ref``s) and a field. A value the input accepts becomes a
``SetField`` command (or a custom one) pushed on the document; values typed into one field in
one go merge into one undo step. A refusal shows under the input and changes nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from dcplanner.model.commands import Command, Ref, SetField, resolve
from dcplanner.model.schema import ValidationError
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

    def _commit(self, binding: Binding, value: Any) -> None:
        key = ("form", self._session)
        before = self._before.setdefault(id(binding), self.values(binding))
        if binding.make is not None:
            command = binding.make(value, key)
        else:
            what = (
                binding.refs[0].id or "site"
                if len(binding.refs) == 1
                else f"{len(binding.refs)} {binding.refs[0].kind}s"
            )
            command = SetField(
                binding.refs, binding.field, value, label=f"Set {label(binding.field).lower()} of {what}", merge_key=key
            )
        refused = self.document.push(command, announce=False)
        if refused is None:
            binding.editor.clear_error()
            return
        binding.editor.show_error(messages(refused))
        if binding.make is None and self.values(binding) != before:
            # Values applied earlier in this bout of typing ("6", "60" before a refused "600") are
            # put back; the restore merges into the same step, which then drops as a no-op.
            self.document.push(SetField.restoring(binding.refs, binding.field, before, merge_key=key), announce=False)

    def _end_session(self) -> None:
        self._session = next(_sessions)
        self._before.clear()

    def refresh(self) -> None:
        for binding in self.bindings:
            binding.editor.set_values(self.values(binding))

    def clear(self) -> None:
        self.bindings.clear()
