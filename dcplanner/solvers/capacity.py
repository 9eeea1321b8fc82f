"""Capacity solver: space, power, cooling and floor headroom, and which limit binds first.

Each resource is a constraint ``demand <= usable capacity`` at its level (site or hall). Usable
capacity applies redundancy: N keeps every unit, N+1 / N+2 / N+3 hold one / two / three in
reserve, 2N keeps half of what is installed, 2N+1 half of all but one (Uptime Institute tier
topology; Schneider WP75). The binding limit is
the constraint with the highest utilisation; stranded capacity is what every other resource
would have left over when that one is full, if the load grew in its present mix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.site import Redundancy, Site
from dcplanner.model.validation import redundancy_spares
from dcplanner.solvers.inventory import CabinetInventory, build_inventory

RESOURCE_LABELS = {
    "space": "Cabinet positions",
    "hall_it_budget": "Hall IT budget",
    "hall_cooling": "Hall cooling units",
    "floor_loading": "Floor loading",
    "ups": "UPS",
    "pdus": "PDUs",
    "transformers": "Transformers",
    "generators": "Generators",
    "utility": "Utility feeds",
    "cooling_plant": "Cooling plant",
}
"""Names people use for each capacity resource (CLI, workbook and GUI)."""


def usable_units(count: int, redundancy: Redundancy) -> int:
    """Units that may carry load: N -> all, N+k -> count-k, 2N -> half, 2N+1 -> half of count-1."""
    return max(count - redundancy_spares(redundancy, count), 0)


@dataclass(frozen=True, slots=True)
class Constraint:
    """One capacity check: ``demand`` against ``capacity`` (same unit) at one place."""

    resource: str  # space, hall_it_budget, hall_cooling, floor_loading, ups, pdus, ...
    scope: str  # "site" or a hall id
    demand: float
    capacity: float
    unit: str
    installed: float | None = None  # before redundancy, where it differs
    culprit: str | None = None  # id of the hall or cabinet to look at (None: site-wide)

    @property
    def utilisation(self) -> float:
        if self.capacity <= 0:
            return float("inf") if self.demand > 0 else 0.0
        return self.demand / self.capacity

    @property
    def headroom(self) -> float:
        return self.capacity - self.demand


@dataclass(frozen=True, slots=True)
class Totals:
    """Counts and sums for a row, a hall or the site."""

    id: str
    name: str
    positions: int
    cabinets: int
    loaded_cabinets: int
    servers: int
    other_devices: int
    accelerators: int
    design_kw: float
    loaded_kw: float
    weight_kg: float
    max_floor_loading_kg_m2: float

    @property
    def free_positions(self) -> int:
        return self.positions - self.cabinets


@dataclass(frozen=True, slots=True)
class HallCapacity:
    totals: Totals
    rows: tuple[Totals, ...]
    constraints: tuple[Constraint, ...]


@dataclass(frozen=True, slots=True)
class Stranded:
    """Capacity of a resource left unusable once the binding limit is reached."""

    resource: str
    scope: str
    amount: float
    unit: str


@dataclass(frozen=True, slots=True)
class CapacityResult:
    site: Totals
    halls: tuple[HallCapacity, ...]
    constraints: tuple[Constraint, ...]  # every constraint, site and hall level
    binding: Constraint | None
    stranded: tuple[Stranded, ...]
    peak_facility_kw: float
    it_headroom_kw: float | None  # extra design IT kW, in today's mix, before the binding limit


def _totals(ident: str, name: str, positions: int, invs: list[CabinetInventory]) -> Totals:
    return Totals(
        id=ident,
        name=name,
        positions=positions,
        cabinets=len(invs),
        loaded_cabinets=sum(1 for i in invs if i.cabinet.servers),
        servers=sum(i.servers for i in invs),
        other_devices=sum(i.other_devices for i in invs),
        accelerators=sum(i.accelerators for i in invs),
        design_kw=sum(i.cabinet.design_kw for i in invs),
        loaded_kw=sum(i.loaded_kw for i in invs),
        weight_kg=sum(i.weight_kg for i in invs),
        max_floor_loading_kg_m2=max((i.floor_loading_kg_m2 for i in invs), default=0.0),
    )


def solve_capacity(
    site: Site,
    *,
    peak_facility_kw: float | None = None,
    hw: HardwareIndex | None = None,
    inventory: list[CabinetInventory] | None = None,
) -> CapacityResult:
    """Capacity of a validated site.

    ``peak_facility_kw`` is the facility peak from the energy engine; without it the power
    chain's ``design_facility_factor`` x design IT kW sizes the utility, transformers and
    generators.
    """
    hw = hw or hardware_index(site)
    inventory = inventory if inventory is not None else build_inventory(site, hw)
    by_row: dict[str, list[CabinetInventory]] = {}
    for inv in inventory:
        by_row.setdefault(inv.row.id, []).append(inv)

    halls: list[HallCapacity] = []
    constraints: list[Constraint] = []
    for hall in site.halls:
        rows = tuple(_totals(r.id, r.name, r.positions, by_row.get(r.id, [])) for r in hall.rows)
        hall_invs = [i for r in hall.rows for i in by_row.get(r.id, [])]
        ht = _totals(hall.id, hall.name, sum(r.positions for r in hall.rows), hall_invs)
        heaviest = max(hall_invs, key=lambda i: i.floor_loading_kg_m2, default=None)
        hc = [
            Constraint("space", hall.id, ht.cabinets, ht.positions, "cabinets", culprit=hall.id),
            Constraint("hall_it_budget", hall.id, ht.design_kw, hall.design_it_kw, "kW", culprit=hall.id),
            Constraint(
                "floor_loading",
                hall.id,
                ht.max_floor_loading_kg_m2,
                hall.floor_load_limit_kg_m2,
                "kg/m²",
                culprit=heaviest.cabinet.id if heaviest else hall.id,
            ),
        ]
        if hall.cooling_units:
            # Heat to remove in the hall = IT design power (all electrical input becomes heat).
            hc.append(
                unit_block(
                    "hall_cooling",
                    hall.id,
                    ht.design_kw,
                    hall.cooling_units,
                    hall.cooling_redundancy,
                    hall.cooling_unit_kw,
                    culprit=hall.id,
                )
            )
        halls.append(HallCapacity(ht, rows, tuple(hc)))
        constraints.extend(hc)

    site_totals = _totals(site.id, site.name, sum(h.totals.positions for h in halls), inventory)
    it_kw = site_totals.design_kw
    facility_kw = peak_facility_kw if peak_facility_kw is not None else it_kw * site.power.design_facility_factor
    constraints.extend(_site_constraints(site, it_kw, facility_kw))

    binding = max(constraints, key=lambda c: c.utilisation, default=None)
    stranded: list[Stranded] = []
    headroom: float | None = None
    if binding is not None and 0 < binding.utilisation < float("inf"):
        u_b = binding.utilisation
        for c in constraints:
            if c is not binding and c.capacity > 0:
                stranded.append(Stranded(c.resource, c.scope, c.capacity * (1 - c.utilisation / u_b), c.unit))
        headroom = it_kw * (1 / u_b - 1)
    return CapacityResult(
        site=site_totals,
        halls=tuple(halls),
        constraints=tuple(constraints),
        binding=binding,
        stranded=tuple(stranded),
        peak_facility_kw=facility_kw,
        it_headroom_kw=headroom,
    )


def unit_block(
    resource: str, scope: str, demand: float, count: int, redundancy: Redundancy, unit_kw: float, **extra: Any
) -> Constraint:
    """A group of identical units: usable capacity keeps the non-redundant ones."""
    return Constraint(
        resource, scope, demand, usable_units(count, redundancy) * unit_kw, "kW", count * unit_kw, **extra
    )


def _site_constraints(site: Site, it_kw: float, facility_kw: float) -> list[Constraint]:
    p, c = site.power, site.cooling
    ups_load = it_kw + (facility_kw - it_kw if p.ups.feeds_cooling else 0.0)
    tx_kw = p.transformers.rating_kva * p.transformers.power_factor
    out = [
        unit_block("ups", "site", ups_load, p.ups.modules, p.ups.redundancy, p.ups.module_kw),
        unit_block("pdus", "site", it_kw, p.pdus.count, p.pdus.redundancy, p.pdus.rating_kw),
        unit_block("transformers", "site", facility_kw, p.transformers.count, p.transformers.redundancy, tx_kw),
        unit_block(
            "generators", "site", facility_kw, p.generators.count, p.generators.redundancy, p.generators.rating_kw
        ),
        unit_block("utility", "site", facility_kw, p.utility.feeds, p.utility.redundancy, p.utility.capacity_kw),
    ]
    if c.plant_units:
        out.append(unit_block("cooling_plant", "site", it_kw, c.plant_units, c.plant_redundancy, c.plant_unit_kw))
    return [k for k in out if k.installed]


# ---------------------------------------------------------------------------------------------
# Use of a constraint, in words


def resource_label(resource: str) -> str:
    return RESOURCE_LABELS.get(resource, resource)


def scope_label(scope: str) -> str:
    return "site" if scope == "site" else f"hall {scope}"


def constraint_use(c: Constraint) -> float | None:
    """Demand / usable capacity; None when there is no usable capacity (never infinite)."""
    return c.demand / c.capacity if c.capacity > 0 else None


def is_over(c: Constraint) -> bool:
    """True when the demand exceeds the usable capacity (including demand on none at all)."""
    return c.demand > c.capacity * (1 + 1e-9) and c.demand > 0


def format_use(c: Constraint) -> str:
    """``117 %`` or ``no capacity`` (never ``inf%``)."""
    use = constraint_use(c)
    if use is None:
        return "no capacity" if c.demand > 0 else "unused"
    return f"{use:.0%}".replace("%", " %")
