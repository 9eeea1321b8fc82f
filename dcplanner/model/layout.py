"""Layout builders: halls of contained pods (pairs of facing rows) and unit sizing (engine).

Used to build the sample sites and synthetic test sites. A pod is two horizontal rows facing a
shared cold aisle, with hot aisles on their backs; rows are separated by ``aisle_m`` (1.2 m
default, GB 50311-2016 §21.5.4 [S59]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from dcplanner.model.site import (
    Assumption,
    Cabinet,
    Containment,
    GeneratorBlock,
    Hall,
    Location,
    PduBlock,
    PowerChain,
    Redundancy,
    Row,
    Site,
    TransformerBlock,
    UpsSystem,
    UtilityFeed,
)


@dataclass(frozen=True, slots=True)
class PodGrid:
    """Where the rows of a hall go: how many, how long, and the clearances around them."""

    rows: int
    positions: int
    pitch_m: float = 0.6
    depth_m: float = 1.2
    cold_aisle_m: float = 1.2
    hot_aisle_m: float = 1.2
    end_clearance_m: float = 2.4  # service aisle at each row end (RISA circulation >= 1.2 m) [S60]
    containment: Containment = "cold_aisle"

    @property
    def width_m(self) -> float:
        return self.positions * self.pitch_m + 2 * self.end_clearance_m

    @property
    def depth_needed_m(self) -> float:
        pods, single = divmod(self.rows, 2)
        body = pods * (2 * self.depth_m + self.cold_aisle_m) + single * (self.depth_m + self.cold_aisle_m)
        gaps = pods + single + 1  # hot aisles between pods and along both walls
        return body + gaps * self.hot_aisle_m


def pod_rows(grid: PodGrid, row_ids: list[str], cabinet_type_id: str) -> list[Row]:
    """Empty rows laid out as pods from the top of the hall down."""
    rows: list[Row] = []
    y = grid.hot_aisle_m
    for n, rid in enumerate(row_ids):
        top_of_pod = n % 2 == 0
        rows.append(
            Row(
                id=rid,
                name=rid,
                x_m=grid.end_clearance_m,
                y_m=round(y, 6),
                orientation="horizontal",
                positions=grid.positions,
                cabinet_type_id=cabinet_type_id,
                hot_aisle_side="north" if top_of_pod else "south",
                containment=grid.containment,
            )
        )
        if top_of_pod:
            y += grid.depth_m + grid.cold_aisle_m
        else:
            y += grid.depth_m + grid.hot_aisle_m
    return rows


def hall_with_pods(
    hall_id: str, name: str, grid: PodGrid, row_ids: list[str], cabinet_type_id: str, **hall_fields: Any
) -> Hall:
    """A hall just big enough (rounded up to whole metres) for ``grid``'s rows; ``hall_fields``
    are further :class:`Hall` fields by name (``x_m``, ``floor_load_limit_kg_m2``, ...)."""
    return Hall(
        id=hall_id,
        name=name,
        width_m=math.ceil(grid.width_m),
        depth_m=math.ceil(grid.depth_needed_m),
        rows=pod_rows(grid, row_ids, cabinet_type_id),
        design_it_kw=hall_fields.pop("design_it_kw", 0.0),
        **hall_fields,
    )


def fill_row(row: Row, cabinets: list[Cabinet]) -> None:
    """Place cabinets in the row's free positions, from slot 0 onwards."""
    taken = {c.position for c in row.cabinets}
    free = (p for p in range(row.positions) if p not in taken)
    for cab in cabinets:
        cab.position = next(free)
        row.cabinets.append(cab)


def size_units(demand_kw: float, unit_kw: float, redundancy: Redundancy, max_loading: float = 0.9) -> int:
    """Units to install so the usable ones run at or below ``max_loading`` of their rating.

    A planning rule of thumb (ASSUMPTION): size for N at <= 90 % loading, then add the
    redundant units (N+1: one more; 2N: double).
    """
    n = max(math.ceil(demand_kw / (unit_kw * max_loading) - 1e-9), 1)
    return {"N": n, "N+1": n + 1, "N+2": n + 2, "N+3": n + 3, "2N": 2 * n, "2N+1": 2 * n + 1}[redundancy]


# ---------------------------------------------------------------------------------------------
# Builders used by the editor: fresh ids, new sites, halls and rows


class IdAllocator:
    """Hands out ids ``<prefix><number>`` that are not taken, counting up from the highest in use."""

    def __init__(self, taken: set[str]):
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def new(self, prefix: str, width: int = 2) -> str:
        n = self._next.get(prefix)
        if n is None:
            used = [int(t[len(prefix) :]) for t in self.taken if t.startswith(prefix) and t[len(prefix) :].isdigit()]
            n = max(used, default=0) + 1
        while f"{prefix}{n:0{width}d}" in self.taken:
            n += 1
        ident = f"{prefix}{n:0{width}d}"
        self.taken.add(ident)
        self._next[prefix] = n + 1
        return ident


# Placeholder location of a new site: Guiyang, Guizhou (CMA station 57816, 1,223.8 m).
NEW_SITE_LOCATION = Location(name="贵阳 Guiyang", latitude_deg=26.58, longitude_deg=106.73, elevation_m=1223.8)
NEW_HALL_WIDTH_M = 18.0  # ASSUMPTION: a starting hall of 18 x 30 m (30 x 50 tiles); edit to suit
NEW_HALL_DEPTH_M = 30.0


def empty_power_chain() -> PowerChain:
    """A power chain with nothing installed yet (every block has zero units)."""
    return PowerChain(
        utility=UtilityFeed(capacity_kw=0.0, feeds=1, redundancy="N"),
        transformers=TransformerBlock(count=0, rating_kva=0.0),
        ups=UpsSystem(module_kw=0.0, modules=0),
        pdus=PduBlock(count=0, rating_kw=0.0),
        generators=GeneratorBlock(count=0, rating_kw=0.0),
    )


def new_site(name: str = "New site") -> Site:
    """A fresh site with one empty hall, ready for drawing rows (File > New)."""
    hall = Hall(id="H1", name="Hall 1", width_m=NEW_HALL_WIDTH_M, depth_m=NEW_HALL_DEPTH_M, design_it_kw=0.0)
    return Site(
        id="new-site",
        name=name,
        location=replace(NEW_SITE_LOCATION),
        power=empty_power_chain(),
        halls=[hall],
        assumptions=[
            Assumption(subject="location", value="Guiyang placeholder", source="set the real site location"),
        ],
    )


def grid_site(halls: int, rows_per_hall: int, positions: int, cabinets_per_row: int, design_kw: float = 10.0) -> Site:
    """A synthetic site of identical pod halls, for benchmarks and tests.

    Every hall holds ``rows_per_hall`` rows of ``positions`` slots, the first
    ``cabinets_per_row`` of them filled with 600 x 1200 mm cabinets of ``design_kw``.
    """
    site = new_site(f"Synthetic {halls} x {rows_per_hall} x {cabinets_per_row}")
    site.id = "synthetic"
    grid = PodGrid(rows=rows_per_hall, positions=positions)
    per_line = max(int(math.sqrt(halls)), 1)
    site.halls = []
    for h in range(halls):
        row_ids = [f"H{h + 1}-{r + 1:02d}" for r in range(rows_per_hall)]
        hall = hall_with_pods(
            f"H{h + 1}",
            f"Hall {h + 1}",
            grid,
            row_ids,
            "std-600x1200-47u",
            x_m=(h % per_line) * (math.ceil(grid.width_m) + 6.0),
            y_m=(h // per_line) * (math.ceil(grid.depth_needed_m) + 6.0),
        )
        for row in hall.rows:
            fill_row(
                row,
                [Cabinet(id=f"{row.id}-{k + 1:02d}", position=0, design_kw=design_kw) for k in range(cabinets_per_row)],
            )
        hall.design_it_kw = float(rows_per_hall * cabinets_per_row * design_kw)
        site.halls.append(hall)
    return site
