"""Floor-plan scene: mirrors the open site as hall and row items, never owning data (ui layer).

The scene keeps ``id -> item`` dicts and re-reads from the model every item a
:class:`~dcplanner.model.events.SiteChange` lists (added, removed or modified alike), as
Orange's canvas scene mirrors its scheme. It also answers the questions tools ask: what is
under the cursor, what lies inside a rubber band, what a tooltip should say.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene, QWidget

from dcplanner.model.edited_site import EditedSite
from dcplanner.model.events import SiteChange
from dcplanner.model.geometry import Rect, aisle_strips, bounds, hall_rect, slot_at, slot_rect, slots_touching
from dcplanner.model.site import Cabinet, Hall, Row
from dcplanner.model.validation import narrow_aisle_gaps, placed_rows
from ui.document import DocumentController
from ui.floorplan.background import add_background, drawing_bounds
from ui.floorplan.colours import ColourClass, ColourMode, make_mode
from ui.floorplan.describe import cabinet_tooltip, hall_tooltip, place_label, row_tooltip, slot_label
from ui.floorplan.items import CabinetLook, HallItem, RowItem
from ui.floorplan.style import ROW_LABEL_PX_PER_M, brush_for
from ui.metrics import SiteMetrics
from ui.selection import Selection

SCENE_MARGIN_M = 60.0  # free floor around the halls, for panning and drawing new halls


@dataclass(frozen=True, slots=True)
class Hit:
    """What is under a point: a cabinet, an empty slot of a row, or a hall floor."""

    kind: str  # "cabinet", "slot" or "hall"
    id: str  # cabinet id, row id (for a slot) or hall id
    row_id: str | None = None
    hall_id: str | None = None
    position: int | None = None


class FloorPlanScene(QGraphicsScene):
    """The plan of the open site in metres: x to the right, y down, as in the model."""

    legend_changed = Signal()
    """The colour mode or the cabinets per colour class changed; payload: none."""

    def __init__(
        self,
        document: DocumentController,
        selection: Selection,
        metrics: SiteMetrics,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.metrics = metrics
        self.hall_items: dict[str, HallItem] = {}
        self.row_items: dict[str, RowItem] = {}
        self._row_cabinets: dict[str, list[str]] = {}
        self._cabinet_class: dict[str, int] = {}
        self._highlighted: set[str] = set()
        self.mode: ColourMode = make_mode("design_kw")
        self._classes: list[ColourClass] = []
        self.show_grid = True
        self.px_per_m = 1.0
        self._labels_shown = True
        document.site_replaced.connect(self.rebuild)
        document.site_changed.connect(self.on_site_changed)
        selection.changed.connect(self._on_selection_changed)
        self.rebuild()

    @property
    def editor(self) -> EditedSite:
        return self.document.editor

    # ---- building and mirroring
    def rebuild(self) -> None:
        """Throw every item away and mirror the whole site (new or opened document)."""
        self.clear()
        self.hall_items.clear()
        self.row_items.clear()
        self._row_cabinets.clear()
        self._cabinet_class.clear()
        self._highlighted.clear()
        self._classes = self.mode.classes(self.editor)
        self.background = add_background(self, self.editor.site.drawing)
        for hall in self.editor.site.halls:
            self._sync_hall(hall)
            for row in hall.rows:
                self._sync_row(row)
        self._update_scene_rect()
        self._apply_label_visibility(force=True)
        self.selection.prune(self.editor)
        self._on_selection_changed()
        self.legend_changed.emit()

    def on_site_changed(self, change: SiteChange) -> None:
        ed = self.editor
        if change.reset:
            self.rebuild()
            return
        rows = set(change.rows)
        for cid in change.cabinets:
            if ed.has("cabinet", cid):
                rows.add(ed.row_of_cabinet(cid).id)
            else:
                self._cabinet_class.pop(cid, None)
        halls = set(change.halls)
        for rid in rows:
            if ed.has("row", rid):
                halls.add(ed.hall_of_row(rid).id)
            else:
                self._remove_row(rid)
        geometry = bool(halls - set(self.hall_items)) or "x_m" in change.fields or "width_m" in change.fields
        for hid in halls:
            if ed.has("hall", hid):
                self._sync_hall(ed.hall(hid))
            else:
                self._remove_hall(hid)
                geometry = True
        for rid in rows:
            if ed.has("row", rid):
                self._sync_row(ed.row(rid))
        if geometry or {"depth_m", "y_m"} & change.fields:
            self._update_scene_rect()
        self._apply_label_visibility(force=True)
        self.selection.prune(ed)
        self._on_selection_changed(refresh=rows)
        if not change.keeps_cabinet_contents:
            self.legend_changed.emit()

    def _sync_hall(self, hall: Hall) -> None:
        item = self.hall_items.get(hall.id)
        if item is None:
            item = self.hall_items[hall.id] = HallItem(hall.id)
            item.show_grid = self.show_grid
            self.addItem(item)
        placed = placed_rows(hall, self.editor.hw)
        strips = aisle_strips(hall, [(row, rect) for _j, row, rect in placed])
        item.sync(hall, strips, narrow_aisle_gaps(hall, placed), hall.min_aisle_m)
        item.label.max_width_px = self.title_room_m(hall) * self.px_per_m

    def _sync_row(self, row: Row) -> None:
        hall = self.editor.hall_of_row(row.id)
        hall_item = self.hall_items[hall.id]
        item = self.row_items.get(row.id)
        if item is None or item.parentItem() is not hall_item:
            if item is not None:
                self.removeItem(item)
            item = self.row_items[row.id] = RowItem(row.id, hall_item)
            item.label.setVisible(self._labels_shown)
        pitch, depth = self.editor.slot_size(row)
        for cid in self._row_cabinets.get(row.id, ()):
            moved_away = self.editor.has("cabinet", cid) and self.editor.row_of_cabinet(cid).id != row.id
            if not moved_away:  # a cabinet now in another row keeps the class that row gave it
                self._cabinet_class.pop(cid, None)
        self._row_cabinets[row.id] = [c.id for c in row.cabinets]
        item.sync(row, pitch, depth, [self._look(c, row) for c in row.cabinets])

    def _look(self, cab: Cabinet, row: Row) -> CabinetLook:
        k = self.mode.class_of(cab, self.editor, self.metrics)
        self._cabinet_class[cab.id] = k
        colour = self._classes[k].colour
        # an unnamed cabinet is labelled by where it stands (row and slot), which its id only
        # tells until it is moved
        title = cab.name or place_label(row, cab)
        short = cab.name or slot_label(cab)
        detail = f"{cab.design_kw:g} kW"
        return CabinetLook(cab.position, brush_for(colour), title, short, detail, colour.lightness() < 120)

    def _remove_row(self, row_id: str) -> None:
        item = self.row_items.pop(row_id, None)
        for cid in self._row_cabinets.pop(row_id, ()):
            self._cabinet_class.pop(cid, None)
        if item is not None:
            self.removeItem(item)

    def _remove_hall(self, hall_id: str) -> None:
        item = self.hall_items.pop(hall_id, None)
        if item is None:
            return
        for rid in [r for r, ri in self.row_items.items() if ri.parentItem() is item]:
            self._remove_row(rid)
        self.removeItem(item)

    def _update_scene_rect(self) -> None:
        area = self.site_bounds()
        margin = max(SCENE_MARGIN_M, 0.5 * max(area.width(), area.height()))
        self.setSceneRect(area.adjusted(-margin, -margin, margin, margin))
        self._update_title_widths()  # a moved or resized hall changes its neighbours' room too

    def title_room_m(self, hall: Hall) -> float:
        """Width a hall's title may take: to the next hall on its right whose top is near the
        title's line (the hall's own width at least), else twice the hall's width."""
        gap_m = 1.0  # keeps neighbouring titles apart
        room = 2.0 * hall.width_m
        for other in self.editor.site.halls:
            beside = other.x_m > hall.x_m and abs(other.y_m - hall.y_m) < max(hall.depth_m, other.depth_m)
            if other.id != hall.id and beside:
                room = min(room, other.x_m - hall.x_m - gap_m)
        return max(room, hall.width_m)

    def _update_title_widths(self) -> None:
        for hid, item in self.hall_items.items():
            item.label.max_width_px = self.title_room_m(self.editor.hall(hid)) * self.px_per_m

    def title_height_px(self) -> float:
        """Screen height the tallest hall title takes above its hall at the current zoom."""
        return max((-item.label.boundingRect().top() for item in self.hall_items.values()), default=0.0)

    def site_bounds(self) -> QRectF:
        """The halls' extent in metres (a default area when there are none)."""
        box = bounds([hall_rect(h) for h in self.editor.site.halls]) or Rect(0, 0, 30, 20)
        area = QRectF(box.x0, box.y0, box.width, box.height)
        drawn = drawing_bounds(self.editor.site.drawing)
        return area.united(drawn) if drawn is not None else area

    # ---- colours, grid, labels
    def set_colour_mode(self, mode: ColourMode) -> None:
        self.mode = mode
        self._classes = mode.classes(self.editor)
        for rid, item in self.row_items.items():
            row = self.editor.row(rid)
            item.set_looks([self._look(c, row) for c in row.cabinets])
        self.legend_changed.emit()

    def legend(self) -> list[tuple[ColourClass, int]]:
        """(class, number of cabinets in it) for the legend."""
        counts = Counter(self._cabinet_class.values())
        return [(cls, counts.get(k, 0)) for k, cls in enumerate(self._classes)]

    def cabinet_colour(self, cabinet_id: str) -> QColor:
        """The fill colour of a cabinet in the current mode."""
        return self._classes[self._cabinet_class[cabinet_id]].colour

    def set_grid_visible(self, visible: bool) -> None:
        self.show_grid = visible
        for item in self.hall_items.values():
            item.show_grid = visible
            item.update()

    def set_view_scale(self, px_per_m: float) -> None:
        """Called by the view on every zoom: shows or hides labels that need room."""
        self.px_per_m = px_per_m
        self._update_title_widths()
        self._apply_label_visibility()

    def _apply_label_visibility(self, force: bool = False) -> None:
        show = self.px_per_m >= ROW_LABEL_PX_PER_M
        if show != self._labels_shown or force:
            self._labels_shown = show
            for item in self.row_items.values():
                item.label.setVisible(show)

    # ---- selection
    def _on_selection_changed(self, refresh: set[str] | None = None) -> None:
        ed = self.editor
        by_row: dict[str, set[int]] = {}
        for cid in self.selection.cabinets:
            if ed.has("cabinet", cid):
                by_row.setdefault(ed.row_of_cabinet(cid).id, set()).add(ed.cabinet(cid).position)
        rows = set(by_row) | {r for r in self.selection.rows if r in self.row_items}
        for rid in rows | self._highlighted | (refresh or set()):
            item = self.row_items.get(rid)
            if item is not None:
                item.set_selected_positions(by_row.get(rid, set()), rid in self.selection.rows)
        self._highlighted = rows
        for hid, item in self.hall_items.items():
            selected = hid in self.selection.halls
            if item.selected != selected:
                item.selected = selected
                item.update()

    # ---- questions from tools
    def to_hall(self, hall: Hall, pos: QPointF) -> tuple[float, float]:
        """Site point -> hall coordinates (metres)."""
        return pos.x() - hall.x_m, pos.y() - hall.y_m

    def hall_at(self, pos: QPointF) -> Hall | None:
        for hid, item in self.hall_items.items():
            if item.contains(item.mapFromScene(pos)):
                hall = self.editor.hall(hid)
                x, y = self.to_hall(hall, pos)
                if 0 <= x <= hall.width_m and 0 <= y <= hall.depth_m:
                    return hall
        return None

    def hit(self, pos: QPointF) -> Hit | None:
        """The cabinet, empty row slot or hall floor under a site point."""
        ed = self.editor
        for item in self.items(pos):
            if isinstance(item, RowItem):
                row, hall = ed.row(item.row_id), ed.hall_of_row(item.row_id)
                pitch, depth = ed.slot_size(row)
                slot = slot_at(row, pitch, depth, *self.to_hall(hall, pos))
                if slot is None:
                    continue
                cab = next((c for c in row.cabinets if c.position == slot), None)
                if cab is not None:
                    return Hit("cabinet", cab.id, row.id, hall.id, slot)
                return Hit("slot", row.id, row.id, hall.id, slot)
            if isinstance(item, HallItem):
                hall = ed.hall(item.hall_id)
                x, y = self.to_hall(hall, pos)
                if 0 <= x <= hall.width_m and 0 <= y <= hall.depth_m:
                    return Hit("hall", hall.id, hall_id=hall.id)
        return None

    def items_in(self, area: QRectF) -> tuple[set[str], set[str], set[str]]:
        """(halls, rows, cabinets) a rubber band picks: whole halls and rows it encloses, and the
        cabinets it touches in rows it only crosses."""
        ed = self.editor
        halls, rows, cabinets = set(), set(), set()
        band = Rect(area.left(), area.top(), area.right(), area.bottom())
        for item in self.items(area):
            if isinstance(item, HallItem):
                if band.contains(hall_rect(ed.hall(item.hall_id))):
                    halls.add(item.hall_id)
            elif isinstance(item, RowItem):
                row, hall = ed.row(item.row_id), ed.hall_of_row(item.row_id)
                local = band.translated(-hall.x_m, -hall.y_m)
                if hall.id in halls:
                    continue
                if local.contains(ed.row_rect(row)):
                    rows.add(row.id)
                    continue
                pitch, depth = ed.slot_size(row)
                touched = set(slots_touching(row, pitch, depth, local))
                cabinets.update(c.id for c in row.cabinets if c.position in touched)
        rows = {r for r in rows if ed.hall_of_row(r).id not in halls}
        cabinets = {c for c in cabinets if ed.hall_of_row(ed.row_of_cabinet(c).id).id not in halls}
        return halls, rows, cabinets

    def tooltip_at(self, pos: QPointF) -> str:
        hit = self.hit(pos)
        if hit is None:
            return ""
        ed = self.editor
        if hit.kind == "cabinet":
            return cabinet_tooltip(ed, ed.cabinet(hit.id), self.metrics.of(hit.id))
        if hit.kind == "slot":
            return row_tooltip(ed, ed.row(hit.id), self.metrics, hit.position)
        return hall_tooltip(ed, ed.hall(hit.id), self.metrics)

    def scene_rect_of(self, kind: str, ident: str) -> QRectF:
        """Where a hall, row or cabinet is on the site plan."""
        ed = self.editor
        if kind == "hall":
            r = hall_rect(ed.hall(ident))
        elif kind == "row":
            hall = ed.hall_of_row(ident)
            r = ed.row_rect(ed.row(ident)).translated(hall.x_m, hall.y_m)
        else:
            row = ed.row_of_cabinet(ident)
            hall = ed.hall_of_row(row.id)
            r = slot_rect(row, ed.cabinet(ident).position, *ed.slot_size(row)).translated(hall.x_m, hall.y_m)
        return QRectF(r.x0, r.y0, r.width, r.height)
