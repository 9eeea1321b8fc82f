"""The site being edited: id lookups, cabinet types and change events (engine layer).

Edit commands (:mod:`dcplanner.model.commands`) are the only code that changes the site; they
find items here by id and announce each change through ``EditedSite.changed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.events import Emitter, SiteChange
from dcplanner.model.geometry import Rect, row_rect
from dcplanner.model.schema import Issue, ValidationError
from dcplanner.model.site import Cabinet, CabinetType, Hall, Row, Site

Kind = Literal["site", "hall", "row", "cabinet"]


def refuse(path: str, message: str) -> ValidationError:
    """A ValidationError with one issue (``raise refuse(...)``)."""
    return ValidationError([Issue(path, message)])


# ---------------------------------------------------------------------------------------------
# The editor: the live site, id lookups, the hardware index and the change events


class EditedSite:
    """The site being edited: lookups by id, cabinet types, and the ``changed`` events.

    Commands are the only code that changes ``site``; they call :meth:`invalidate` after adding,
    removing or re-parenting items and :meth:`notify` once per do or undo.
    """

    def __init__(self, site: Site, hw: HardwareIndex | None = None):
        self.site = site
        self.hw = hw or hardware_index(site)
        self.changed: Emitter[SiteChange] = Emitter(SiteChange.merged)
        self._halls: dict[str, Hall] | None = None
        self._rows: dict[str, tuple[Hall, Row]] = {}
        self._cabinets: dict[str, tuple[Row, Cabinet]] = {}

    # ---- lookups
    def _index(self) -> dict[str, Hall]:
        if self._halls is None:
            halls: dict[str, Hall] = {}
            rows: dict[str, tuple[Hall, Row]] = {}
            cabinets: dict[str, tuple[Row, Cabinet]] = {}
            for hall in self.site.halls:
                halls[hall.id] = hall
                for row in hall.rows:
                    rows[row.id] = (hall, row)
                    for cab in row.cabinets:
                        cabinets[cab.id] = (row, cab)
            self._halls, self._rows, self._cabinets = halls, rows, cabinets
        return self._halls

    def invalidate(self) -> None:
        """Forget the id index (after items were added, removed or moved between rows)."""
        self._halls = None

    def hall(self, hall_id: str) -> Hall:
        try:
            return self._index()[hall_id]
        except KeyError:
            raise refuse("halls", f"no hall {hall_id!r}") from None

    def row(self, row_id: str) -> Row:
        return self._row_entry(row_id)[1]

    def hall_of_row(self, row_id: str) -> Hall:
        return self._row_entry(row_id)[0]

    def _row_entry(self, row_id: str) -> tuple[Hall, Row]:
        self._index()
        try:
            return self._rows[row_id]
        except KeyError:
            raise refuse("rows", f"no row {row_id!r}") from None

    def cabinet(self, cabinet_id: str) -> Cabinet:
        return self._cabinet_entry(cabinet_id)[1]

    def row_of_cabinet(self, cabinet_id: str) -> Row:
        return self._cabinet_entry(cabinet_id)[0]

    def _cabinet_entry(self, cabinet_id: str) -> tuple[Row, Cabinet]:
        self._index()
        try:
            return self._cabinets[cabinet_id]
        except KeyError:
            raise refuse("cabinets", f"no cabinet {cabinet_id!r}") from None

    def has(self, kind: Kind, ident: str) -> bool:
        self._index()
        return ident in self._table(kind)

    def ids(self, kind: Kind) -> set[str]:
        self._index()
        return set(self._table(kind))

    def _table(self, kind: Kind) -> Mapping[str, object]:
        tables: dict[str, Mapping[str, object]] = {
            "hall": self._halls or {},
            "row": self._rows,
            "cabinet": self._cabinets,
        }
        return tables[kind]

    def cabinet_type(self, type_id: str) -> CabinetType:
        ctype = self.hw.cabinet_types.get(type_id)
        if ctype is None:
            raise refuse("cabinet_type_id", f"unknown cabinet type {type_id!r}")
        return ctype

    def slot_size(self, row: Row) -> tuple[float, float]:
        """(pitch, depth) of the row's slots, from its cabinet type."""
        ctype = self.cabinet_type(row.cabinet_type_id)
        return ctype.width_m, ctype.depth_m

    def row_rect(self, row: Row) -> Rect:
        """Row footprint in hall coordinates."""
        return row_rect(row, *self.slot_size(row))

    def path(self, kind: Kind, ident: str) -> str:
        """The document path of an item, e.g. ``halls[0].rows[3].cabinets[2]``."""
        if kind == "hall":
            return f"halls[{index_of(self.site.halls, self.hall(ident))}]"
        if kind == "row":
            hall, row = self._row_entry(ident)
            return f"{self.path('hall', hall.id)}.rows[{index_of(hall.rows, row)}]"
        if kind == "cabinet":
            row, cab = self._cabinet_entry(ident)
            return f"{self.path('row', row.id)}.cabinets[{index_of(row.cabinets, cab)}]"
        return ident

    def notify(self, change: SiteChange) -> None:
        self.changed.emit(change)


def plural(n: int, word: str) -> str:
    """``"1 row"``, ``"1,015 cabinets"``."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def index_of(items: list[Any], obj: Any) -> int:
    for i, item in enumerate(items):
        if item is obj:
            return i
    raise ValueError("item not in list")
