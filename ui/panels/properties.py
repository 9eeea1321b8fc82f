"""Property panel: edit the selected hall(s), row(s) or cabinet(s), several at once (ui layer).

Every input is bound to the selected items through :class:`~ui.panels.binding.FormBinder`, so
an edit is a command with undo, a refused value shows its reason and allowed range under the
input, and the model stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from html import escape
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dcplanner.findings import over_limit
from dcplanner.model.commands import Command, Ref, SetField, SetRowType
from dcplanner.model.events import SiteChange
from dcplanner.model.schema import ValidationError, check_value, describe_fields
from dcplanner.model.site import Cabinet, Hall, Row, ServerLoad, Site
from dcplanner.solvers.capacity import format_use, resource_label, scope_label
from ui.document import DocumentController
from ui.metrics import SiteMetrics
from ui.panels import choices
from ui.panels.binding import FormBinder
from ui.panels.fields import FieldEditor, editor_for, messages
from ui.panels.labels import label
from ui.selection import Selection

HALL_FIELDS = (
    "x_m",
    "y_m",
    "width_m",
    "depth_m",
    "clear_height_m",
    "floor_load_limit_kg_m2",
    "design_it_kw",
    "cooling_unit_kw",
    "cooling_units",
    "cooling_redundancy",
    "tile_m",
    "min_aisle_m",
)
ROW_FIELDS = ("x_m", "y_m", "positions", "hot_aisle_side", "containment")
CABINET_FIRST = ("name", "design_kw")
"""Cabinet fields shown first; the others follow in the model's order (a field added there shows up)."""
CABINET_HIDDEN = frozenset({"id", "position"})
"""Cabinet fields without an input: the id names it, the position changes by moving it on the plan."""


class ServersEditor(FieldEditor):
    """What a cabinet holds: one server model and how many (applied to every selected cabinet)."""

    def __init__(self, models: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(Cabinet, "servers", parent)
        self.model = QComboBox()
        self.model.setObjectName("input_server_model")
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model.setMinimumContentsLength(12)
        self.model.addItem("empty", None)
        for model_id, name in models:
            self.model.addItem(name, model_id)
        self.count = QLineEdit()
        self.count.setObjectName("input_server_count")
        self.count.setMaximumWidth(56)
        self.line.addWidget(self.model, 1)
        self.line.addWidget(QLabel("×"))
        self.line.addWidget(self.count)
        self.model.activated.connect(self._changed)
        self.count.textEdited.connect(self._changed)
        self.count.editingFinished.connect(self.finished.emit)

    def _changed(self, *_args: Any) -> None:
        model_id = self.model.currentData()
        if model_id is None:
            self.clear_error()
            self.committed.emit([])
            return
        text = self.count.text().strip() or "1"
        try:
            raw: Any = float(text)
        except ValueError:
            raw = text  # the model's check names it
        try:
            count = check_value(ServerLoad, "count", raw)
        except ValidationError as exc:
            self.show_error("server count: " + messages(exc))
            return
        self.clear_error()
        self.committed.emit([{"model_id": model_id, "count": count}])

    def set_values(self, values: list[Any]) -> None:
        loads = {tuple((s.model_id, s.count) for s in v) for v in values}
        self.model.blockSignals(True)
        if len(loads) == 1:
            (load,) = loads
            if not load:
                self.model.setCurrentIndex(0)
                self.count.clear()
            elif len(load) == 1:
                self.model.setCurrentIndex(max(self.model.findData(load[0][0]), 0))
                if not self.count.hasFocus():
                    self.count.setText(str(load[0][1]))
            else:
                self.model.setCurrentIndex(-1)
                self.model.setPlaceholderText(", ".join(f"{n} × {m}" for m, n in load))
        else:
            self.model.setCurrentIndex(-1)
            self.model.setPlaceholderText("mixed")
            self.count.clear()
        self.model.blockSignals(False)


class PropertyPanel(QScrollArea):
    """The selection's properties; rebuilt when the selection changes, refreshed on edits."""

    def __init__(
        self,
        document: DocumentController,
        selection: Selection,
        metrics: SiteMetrics,
        actions: list[QAction] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.document, self.selection, self.metrics = document, selection, metrics
        self.row_actions = actions or []
        self.setWidgetResizable(True)
        self.binder = FormBinder(document, self)
        self.summary = QLabel()
        self.editors: dict[str, FieldEditor] = {}
        selection.changed.connect(self.rebuild)
        document.site_replaced.connect(self.rebuild)
        document.site_changed.connect(self._on_site_changed)
        metrics.totals_updated.connect(self._update_summary)
        self.rebuild()

    # ---- building
    def rebuild(self) -> None:
        self.binder.clear()
        self.editors = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        sel = self.selection
        header = QLabel(f"<b>Selected:</b> {sel.describe()}")
        header.setObjectName("selection_header")
        layout.addWidget(header)
        if sel.empty:
            layout.addWidget(self._site_group())
        if sel.halls:
            layout.addWidget(self._hall_group(sorted(sel.halls)))
        if sel.rows:
            layout.addWidget(self._row_group(sorted(sel.rows)))
        if sel.cabinets:
            layout.addWidget(self._cabinet_group(sorted(sel.cabinets)))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("selection_summary")
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.setWidget(body)
        self._update_summary()

    def _add(
        self, form: QFormLayout, refs: list[Ref], editor: FieldEditor, field: str | None = None, **kw: Any
    ) -> None:
        name = field or editor.name
        self.binder.bind(editor, refs, name, **kw)
        key = f"{refs[0].kind}.{name}" if refs else name
        self.editors[key] = editor
        form.addRow(label(name, editor.cls), editor)  # a number's unit stands after its input

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def _site_group(self) -> QGroupBox:
        box, form = self._group("Site")
        refs = [Ref("site", "")]
        for name in ("name", "description"):
            self._add(form, refs, editor_for(Site, name))
        return box

    def _fields_group(
        self, kind: str, cls: type, ids: list[str], fields: tuple[str, ...]
    ) -> tuple[QGroupBox, QFormLayout, list[Ref]]:
        """A group of inputs for ``fields`` of the selected items (and the name of a single one)."""
        box, form = self._group(kind.capitalize() if len(ids) == 1 else f"{len(ids)} {kind}s")
        refs = [Ref(kind, i) for i in ids]  # type: ignore[arg-type]
        names = ("name", *fields) if len(ids) == 1 else fields
        for name in names:
            self._add(form, refs, editor_for(cls, name))
        return box, form, refs

    def _hall_group(self, ids: list[str]) -> QGroupBox:
        return self._fields_group("hall", Hall, ids, HALL_FIELDS)[0]

    def _type_choices(self) -> list[tuple[str, str]]:
        return choices.cabinet_types(self.document.editor)

    def _row_group(self, ids: list[str]) -> QGroupBox:
        box, form, refs = self._fields_group("row", Row, ids, ROW_FIELDS)

        def set_type(value: Any, _key: Hashable) -> Command:
            return SetRowType(ids, value)

        self._add(form, refs, editor_for(Row, "cabinet_type_id", self._type_choices()), make=set_type)
        orientations = sorted({self.document.editor.row(i).orientation for i in ids})
        buttons = QWidget()
        line = QHBoxLayout(buttons)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(" / ".join(orientations)))
        for action in self.row_actions:
            button = QToolButton()
            button.setDefaultAction(action)
            line.addWidget(button)
        line.addStretch(1)
        form.addRow(label("orientation", Row), buttons)
        return box

    def _cabinet_group(self, ids: list[str]) -> QGroupBox:
        ed = self.document.editor
        box, form = self._group("Cabinet" if len(ids) == 1 else f"{len(ids)} cabinets")
        refs = [Ref("cabinet", i) for i in ids]
        own: dict[str, Callable[[], FieldEditor]] = {  # inputs that list the site's types, phases, models
            "type_id": lambda: editor_for(Cabinet, "type_id", self._type_choices()),
            "phase_id": lambda: editor_for(Cabinet, "phase_id", choices.phases(ed)),
            "servers": lambda: ServersEditor(choices.server_models(ed)),
        }
        names = [info.name for info in describe_fields(Cabinet) if info.name not in CABINET_HIDDEN]
        for name in sorted(names, key=lambda n: CABINET_FIRST.index(n) if n in CABINET_FIRST else len(CABINET_FIRST)):
            if name == "name" and len(ids) != 1:
                continue  # one name for several cabinets is no name
            self._add(form, refs, own[name]() if name in own else editor_for(Cabinet, name))
        row_ids = sorted({ed.row_of_cabinet(c).id for c in ids})
        row_refs = [Ref("row", r) for r in row_ids]

        def set_containment(value: Any, key: Hashable) -> Command:
            return SetField(row_refs, "containment", value, label="Set containment of rows", merge_key=key)

        containment = editor_for(Row, "containment")
        self.binder.bind(containment, row_refs, "containment", make=set_containment)
        self.editors["cabinet_rows.containment"] = containment
        form.addRow("Row containment", containment)
        return box

    # ---- refreshing
    def _on_site_changed(self, change: SiteChange) -> None:
        self.binder.refresh()

    def _update_summary(self) -> None:
        sel, ed = self.selection, self.document.editor
        lines = []
        if sel.cabinets:
            invs = [self.metrics.of(c) for c in sel.cabinets if ed.has("cabinet", c)]
            invs = [i for i in invs if i is not None]
            if len(invs) == 1:
                inv = invs[0]
                lines.append(
                    f"Loaded {inv.loaded_kw:.1f} kW of {inv.cabinet.design_kw:g} kW design; "
                    f"{inv.rack_units_used} of {inv.ctype.rack_units} U used; {inv.weight_kg:,.0f} kg"
                )
        cap = self.metrics.capacity
        if cap is not None and sel.empty:
            s = cap.site
            lines.append(f"{s.cabinets:,} cabinets in {s.positions:,} slots; {s.servers:,} servers")
            if cap.binding is not None:
                b = cap.binding
                lines.append(f"Binding limit: {resource_label(b.resource)} ({scope_label(b.scope)}) at {format_use(b)}")
            over = over_limit(self.metrics.findings)
            if over:
                lines.append(f"<span style='color:#b71c1c'>{len(over):,} limits over: {escape(over[0].message)}</span>")
        self.summary.setText("<br>".join(lines))


if __name__ == "__main__":  # preview: the panel for two cabinets of the Gui'an sample site
    import sys
    from pathlib import Path

    from ui.application import application

    app = application()
    doc = DocumentController()
    doc.open(Path(__file__).resolve().parents[2] / "sample_sites" / "guian_supercomputing.dcp.json")
    selection = Selection()
    panel = PropertyPanel(doc, selection, SiteMetrics(doc))
    selection.set(cabinets=["GPU-001", "GPU-002"])
    panel.resize(420, 600)
    panel.show()
    sys.exit(app.exec())
