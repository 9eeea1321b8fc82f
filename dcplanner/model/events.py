"""Change events of the site model: a small emitter with a blocker, and the change record (engine).

Edit commands announce what they touched with one :class:`SiteChange`; views (the floor-plan scene,
property panels, solvers) subscribe and mirror the model, they never own it. During a bulk edit
``with emitter.blocker():`` holds the events back and sends a single combined one at the end (the
napari ``events.blocker()`` pattern), so a view refreshes once instead of once per cabinet.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_Slot = Callable[[Any], None]


class Emitter(Generic[T]):
    """Calls every connected slot with one payload.

    Bound methods are held weakly (a closed view does not stay alive, or keep receiving events,
    because it forgot to disconnect); plain functions and lambdas are held strongly.
    ``combine`` merges payloads held back by :meth:`blocker`; without it they are dropped.
    """

    def __init__(self, combine: Callable[[T, T], T] | None = None) -> None:
        self._slots: list[Callable[[], _Slot | None]] = []
        self._combine = combine
        self._depth = 0
        self._pending: tuple[T] | None = None  # the payload held back while blocked, if any

    def connect(self, slot: _Slot) -> _Slot:
        """Subscribe ``slot``; returns it, so it can be used as a decorator."""
        bound = hasattr(slot, "__self__") and hasattr(slot, "__func__")
        ref: Callable[[], _Slot | None] = weakref.WeakMethod(slot) if bound else _Strong(slot)
        self._slots.append(ref)
        return slot

    def disconnect(self, slot: _Slot | None = None) -> None:
        """Unsubscribe ``slot`` (every slot when None); unknown slots are ignored."""
        if slot is None:
            self._slots.clear()
            return
        self._slots = [r for r in self._slots if (s := r()) is not None and s != slot]

    @property
    def blocked(self) -> bool:
        return self._depth > 0

    def emit(self, payload: T) -> None:
        """Deliver ``payload`` now, or hold it back while blocked."""
        if self._depth:
            if self._combine is not None:
                held = self._pending
                self._pending = (payload if held is None else self._combine(held[0], payload),)
            return
        alive = []
        for ref in list(self._slots):
            slot = ref()
            if slot is None:
                continue
            alive.append(ref)
            slot(payload)
        if len(alive) != len(self._slots):
            self._slots = [r for r in self._slots if r() is not None]

    @contextmanager
    def blocker(self) -> Iterator[None]:
        """Hold events back; on leaving the outermost block emit one combined event (if any)."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._pending is not None:
                (payload,), self._pending = self._pending, None
                self.emit(payload)


class _Strong:
    """A strong reference with the same call shape as ``weakref.WeakMethod``."""

    __slots__ = ("_slot",)

    def __init__(self, slot: _Slot) -> None:
        self._slot = slot

    def __call__(self) -> _Slot:
        return self._slot


def _ids(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(values or ())


@dataclass(frozen=True, slots=True)
class SiteChange:
    """What one edit touched. A view re-reads each listed item from the model.

    An id listed here may have been added, removed or modified: the model says which. Rows
    whose cabinets changed are listed too, as are both rows of a cabinet that moved between
    rows. ``fields`` names the changed fields (``position``, ``design_kw``, ``power.ups.modules``)
    so a view can skip work that a change cannot affect. ``reset`` means "re-read everything".
    """

    halls: frozenset[str] = field(default_factory=frozenset)
    rows: frozenset[str] = field(default_factory=frozenset)
    cabinets: frozenset[str] = field(default_factory=frozenset)
    fields: frozenset[str] = field(default_factory=frozenset)
    reset: bool = False

    @classmethod
    def of(
        cls,
        *,
        halls: Iterable[str] | None = None,
        rows: Iterable[str] | None = None,
        cabinets: Iterable[str] | None = None,
        fields: Iterable[str] | None = None,
        reset: bool = False,
    ) -> SiteChange:
        return cls(_ids(halls), _ids(rows), _ids(cabinets), _ids(fields), reset)

    def merged(self, other: SiteChange) -> SiteChange:
        """Both changes as one (used while events are blocked)."""
        return SiteChange(
            self.halls | other.halls,
            self.rows | other.rows,
            self.cabinets | other.cabinets,
            self.fields | other.fields,
            self.reset or other.reset,
        )

    @property
    def keeps_cabinet_contents(self) -> bool:
        """True when no cabinet was added, removed or changed what it holds (moves, renames)."""
        return not self.reset and self.fields <= PLACEMENT_FIELDS


PLACEMENT_FIELDS = frozenset({"position", "x_m", "y_m", "orientation", "hot_aisle_side", "name"})
"""Fields whose change leaves the set of cabinets and what each holds (servers, kW, type) as it was."""
