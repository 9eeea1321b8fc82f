"""Layout builders: halls of contained pods (pairs of facing rows) and unit sizing (engine).

Used to build the sample sites and synthetic test sites. A pod is two horizontal rows facing a
shared cold aisle, with hot aisles on their backs; rows are separated by ``aisle_m`` (1.2 m
default, GB 50311-2016 §21.5.4 [S59]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dcplanner.model.site import Cabinet, Containment, Hall, Redundancy, Row


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
    hall_id: str, name: str, grid: PodGrid, row_ids: list[str], cabinet_type_id: str, **hall_fields: float
) -> Hall:
    """A hall just big enough (rounded up to whole metres) for ``grid``'s rows."""
    return Hall(
        id=hall_id,
        name=name,
        width_m=math.ceil(grid.width_m),
        depth_m=math.ceil(grid.depth_needed_m),
        rows=pod_rows(grid, row_ids, cabinet_type_id),
        design_it_kw=hall_fields.pop("design_it_kw", 0.0),
        **hall_fields,  # type: ignore[arg-type]
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
    return {"N": n, "N+1": n + 1, "N+2": n + 2, "2N": 2 * n}[redundancy]
