"""Compute solver: peak throughput by precision per cabinet, row, hall, phase and site.

Peaks are dense (no structured sparsity) vendor figures summed over the installed hardware:
accelerators plus CPUs at base clock (TOP500 Rpeak convention [S27]). ``fp64`` is Rpeak; see
:data:`dcplanner.solvers.inventory.PRECISIONS`. GPU-hours per year = accelerators x 8,760 h x
mean utilisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from dcplanner.model.site import Site
from dcplanner.solvers.inventory import PRECISIONS, CabinetInventory

HOURS_PER_YEAR = 8760


@dataclass(frozen=True, slots=True)
class ComputeTotals:
    """Peak ops/s per precision and hardware counts for one group of cabinets."""

    id: str
    servers: int
    accelerators: int
    peak_flops: dict[str, float]
    incomplete_servers: dict[str, int]  # servers whose figure for a precision is unknown


@dataclass(frozen=True, slots=True)
class ComputeResult:
    site: ComputeTotals
    halls: tuple[ComputeTotals, ...]
    rows: tuple[ComputeTotals, ...]
    phases: tuple[ComputeTotals, ...]
    cabinets: tuple[ComputeTotals, ...]
    utilisation: float
    gpu_hours_per_year: float


def _sum(ident: str, invs: list[CabinetInventory]) -> ComputeTotals:
    flops = dict.fromkeys(PRECISIONS, 0.0)
    incomplete: dict[str, int] = {}
    for inv in invs:
        for key, value in inv.flops.items():
            flops[key] += value
        for key, n in inv.incomplete_servers.items():
            incomplete[key] = incomplete.get(key, 0) + n
    return ComputeTotals(
        id=ident,
        servers=sum(i.servers for i in invs),
        accelerators=sum(i.accelerators for i in invs),
        peak_flops=flops,
        incomplete_servers=incomplete,
    )


def _grouped(invs: list[CabinetInventory], key: str) -> dict[str, list[CabinetInventory]]:
    groups: dict[str, list[CabinetInventory]] = {}
    for inv in invs:
        ident = {"hall": inv.hall.id, "row": inv.row.id, "phase": inv.cabinet.phase_id or ""}[key]
        groups.setdefault(ident, []).append(inv)
    return groups


def solve_compute(site: Site, inventory: list[CabinetInventory], utilisation: float | None = None) -> ComputeResult:
    """Peak compute of a validated site from its cabinet inventory."""
    u = site.it_load.utilisation if utilisation is None else utilisation
    total = _sum(site.id, inventory)
    return ComputeResult(
        site=total,
        halls=tuple(_sum(k, v) for k, v in _grouped(inventory, "hall").items()),
        rows=tuple(_sum(k, v) for k, v in _grouped(inventory, "row").items()),
        phases=tuple(_sum(k, v) for k, v in _grouped(inventory, "phase").items()),
        cabinets=tuple(_sum(i.cabinet.id, [i]) for i in inventory),
        utilisation=u,
        gpu_hours_per_year=total.accelerators * HOURS_PER_YEAR * u,
    )
