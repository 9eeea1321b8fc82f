"""Servable IT load: how much of the design IT the site can power, cool and hold (engine layer).

A design over a capacity limit cannot run all of its IT: the hall's IT budget or its cooling
units, the UPS, PDUs, transformers, generators, utility feeds or cooling plant stop it first.
The servable load is what fits, taken in the design's own mix:

1. A cabinet heavier than its hall's floor limit cannot be held: it serves nothing.
2. In each hall, the cabinets it holds are scaled by ``f_h = min(1, usable / demand)`` over the
   hall's kW limits (IT budget, cooling units); no usable capacity gives ``f_h = 0``.
3. The site's limits then scale every hall by ``f_s = min(1, usable / (demand x r))``, where
   ``r`` is the share of the design IT left after steps 1-2. Facility-level demands (transformers,
   generators, utility: facility power) are taken as proportional to IT power, which holds at the
   design point where they are sized (the energy engine's design peak; PUE spec §6).

A cabinet's servable share is ``f_h x f_s`` (0 when it cannot be held). The investment case earns
only from this load (see :mod:`dcplanner.solvers.phasing.candidates`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from dcplanner.model.site import Site
from dcplanner.solvers.capacity import CapacityResult, Constraint, format_use, is_over, resource_label, scope_label
from dcplanner.solvers.inventory import CabinetInventory

HALL_POWER_LIMITS = ("hall_it_budget", "hall_cooling")
"""Hall constraints in kW whose demand is the hall's design IT."""


@dataclass(frozen=True, slots=True)
class ServableLoad:
    """The share of each cabinet's design IT that the site can serve, and the limits that cap it."""

    share_by_cabinet: Mapping[str, float]
    design_it_kw: float
    servable_it_kw: float
    limits: tuple[Constraint, ...]  # the constraints over their usable capacity, in solve order

    @property
    def capped(self) -> bool:
        return self.servable_it_kw < self.design_it_kw * (1 - 1e-9)

    def share(self, cabinet_id: str) -> float:
        return self.share_by_cabinet.get(cabinet_id, 1.0)

    def describe(self) -> str:
        """One line for reports: what is servable and the limit that caps it most."""
        if self.design_it_kw <= 0:
            return "no design IT"
        worst = sorted(self.limits, key=lambda c: c.capacity / c.demand if c.demand > 0 else 1.0)
        text = f"servable IT {self.servable_it_kw:,.0f} kW of {self.design_it_kw:,.0f} kW design " + (
            f"({self.servable_it_kw / self.design_it_kw:.1%})"
        )
        if worst:
            c = worst[0]
            text += f", capped by {resource_label(c.resource)} ({scope_label(c.scope)}) at {format_use(c)}"
            if len(worst) > 1:
                text += f" and {len(worst) - 1} more limit{'s' if len(worst) > 2 else ''} over 100 %"
        return text

    def json(self) -> dict[str, object]:
        return {
            "design_it_kw": self.design_it_kw,
            "servable_it_kw": self.servable_it_kw,
            "capped": self.capped,
            "limits": [
                {"resource": c.resource, "scope": c.scope, "demand": c.demand, "capacity": c.capacity, "unit": c.unit}
                for c in self.limits
            ],
        }


def _fit(c: Constraint, demand_scale: float = 1.0) -> float:
    """min(1, usable / (demand x scale)) for one constraint (1 when it carries no demand)."""
    demand = c.demand * demand_scale
    if demand <= 0:
        return 1.0
    return min(1.0, max(c.capacity, 0.0) / demand)


def servable_load(capacity: CapacityResult, inventory: list[CabinetInventory]) -> ServableLoad:
    """The servable share of every cabinet of a solved site (see the module docstring)."""
    hall_fit: dict[str, float] = {}
    floor_limit: dict[str, float] = {}
    for c in capacity.constraints:
        if c.scope == "site":
            continue
        if c.resource in HALL_POWER_LIMITS:
            hall_fit[c.scope] = min(hall_fit.get(c.scope, 1.0), _fit(c))
        elif c.resource == "floor_loading":
            floor_limit[c.scope] = c.capacity

    held_kw_by_hall: dict[str, float] = {}
    for inv in inventory:
        limit = floor_limit.get(inv.hall.id)
        if limit is not None and inv.floor_loading_kg_m2 > limit * (1 + 1e-9):
            continue
        held_kw_by_hall[inv.hall.id] = held_kw_by_hall.get(inv.hall.id, 0.0) + inv.cabinet.design_kw
    design_kw = sum(inv.cabinet.design_kw for inv in inventory)
    after_halls_kw = sum(kw * hall_fit.get(h, 1.0) for h, kw in held_kw_by_hall.items())
    ratio = after_halls_kw / design_kw if design_kw > 0 else 1.0
    site_fit = min(
        (_fit(c, ratio) for c in capacity.constraints if c.scope == "site" and c.unit == "kW"),
        default=1.0,
    )

    shares: dict[str, float] = {}
    for inv in inventory:
        limit = floor_limit.get(inv.hall.id)
        held = limit is None or inv.floor_loading_kg_m2 <= limit * (1 + 1e-9)
        shares[inv.cabinet.id] = hall_fit.get(inv.hall.id, 1.0) * site_fit if held else 0.0
    servable_kw = sum(inv.cabinet.design_kw * shares[inv.cabinet.id] for inv in inventory)
    return ServableLoad(
        share_by_cabinet=shares,
        design_it_kw=design_kw,
        servable_it_kw=servable_kw,
        limits=tuple(c for c in capacity.constraints if is_over(c)),
    )


def servable_site(site: Site, servable: ServableLoad) -> Site:
    """``site`` with each cabinet's design IT at its servable share (servers unchanged).

    The energy of a capped design is priced on this site: the IT that can run, with its own
    power-chain and cooling loads.
    """
    halls = [
        replace(
            hall,
            rows=[
                replace(
                    row,
                    cabinets=[replace(c, design_kw=c.design_kw * servable.share(c.id)) for c in row.cabinets],
                )
                for row in hall.rows
            ],
        )
        for hall in site.halls
    ]
    return replace(site, halls=halls)
