"""Per-cabinet inventory: what each cabinet holds, draws, weighs and computes (engine layer).

One pass over the layout that the capacity, compute and energy solvers share, so a cabinet's
servers are looked up in the catalog once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.site import Cabinet, CabinetType, Hall, Row, ServerModel, Site

PRECISIONS = ("fp64", "fp64_vector", "fp32", "tf32", "fp16", "bf16", "fp8", "int8")
"""Peak-throughput keys. ``fp64`` is the TOP500 Rpeak basis: per accelerator the larger of the
vector and tensor (matrix) FP64 rates, since HPL runs on the matrix units [S2, S27], plus CPUs
at base clock. ``fp64_vector`` counts vector units only. ``int8`` is in operations/s."""

_ACC_FIELD = {
    "fp64_vector": "fp64_tflops",
    "fp32": "fp32_tflops",
    "tf32": "tf32_tflops",
    "fp16": "fp16_tflops",
    "bf16": "bf16_tflops",
    "fp8": "fp8_tflops",
    "int8": "int8_tops",
}
TERA = 1e12


@dataclass(frozen=True, slots=True)
class ServerPeak:
    """Peak throughput of one server (ops/s) and which precisions had unknown figures."""

    flops: dict[str, float]
    unknown: frozenset[str]


def server_peak(model: ServerModel, hw: HardwareIndex) -> ServerPeak:
    """Dense peak per precision of a server: accelerators plus CPUs at base clock."""
    flops = dict.fromkeys(PRECISIONS, 0.0)
    unknown: set[str] = set()
    acc = hw.accelerators.get(model.accelerator_id or "")
    if acc is not None and model.accelerator_count:
        n = model.accelerator_count
        for key, attr in _ACC_FIELD.items():
            value = getattr(acc, attr)
            if value is None:
                unknown.add(key)
            else:
                flops[key] += n * value * TERA
        rates = [v for v in (acc.fp64_tflops, acc.fp64_tensor_tflops) if v is not None]
        if rates:
            flops["fp64"] += n * max(rates) * TERA
        else:
            unknown.add("fp64")
    cpu = hw.cpus.get(model.cpu_id or "")
    if cpu is not None and model.cpu_count:
        clock = model.cpu_count * cpu.cores * cpu.base_ghz * 1e9
        if cpu.fp64_flops_per_cycle is None:
            unknown.update(("fp64", "fp64_vector"))
        else:
            flops["fp64"] += clock * cpu.fp64_flops_per_cycle
            flops["fp64_vector"] += clock * cpu.fp64_flops_per_cycle
        if cpu.fp32_flops_per_cycle is None:
            unknown.add("fp32")
        else:
            flops["fp32"] += clock * cpu.fp32_flops_per_cycle
    return ServerPeak(flops, frozenset(unknown))


@dataclass(slots=True)
class CabinetInventory:
    """What one cabinet holds and what it adds up to."""

    cabinet: Cabinet
    row: Row
    hall: Hall
    ctype: CabinetType
    servers: int = 0  # compute servers
    other_devices: int = 0  # storage and network units
    accelerators: int = 0
    rack_units_used: int = 0
    idle_kw: float = 0.0
    loaded_kw: float = 0.0  # sum of server maximum power
    weight_kg: float = 0.0  # cabinet plus contents
    flops: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PRECISIONS, 0.0))
    incomplete_servers: dict[str, int] = field(default_factory=dict)  # precision -> servers

    @property
    def floor_loading_kg_m2(self) -> float:
        """Weight over the cabinet's own footprint (conservative point-load check)."""
        return self.weight_kg / (self.ctype.width_m * self.ctype.depth_m)


def build_inventory(site: Site, hw: HardwareIndex | None = None) -> list[CabinetInventory]:
    """One record per cabinet, in layout order. Assumes a validated site."""
    hw = hw or hardware_index(site)
    peaks: dict[str, ServerPeak] = {}
    out: list[CabinetInventory] = []
    for hall in site.halls:
        for row in hall.rows:
            for cab in row.cabinets:
                ctype = hw.cabinet_types[cab.type_id]
                inv = CabinetInventory(cab, row, hall, ctype, weight_kg=ctype.empty_weight_kg)
                for load in cab.servers:
                    model = hw.servers[load.model_id]
                    n = load.count
                    if model.role == "compute":
                        inv.servers += n
                    else:
                        inv.other_devices += n
                    inv.accelerators += n * model.accelerator_count
                    inv.rack_units_used += n * model.rack_units
                    inv.idle_kw += n * model.idle_kw
                    inv.loaded_kw += n * model.max_kw
                    inv.weight_kg += n * model.weight_kg
                    peak = peaks.get(model.id)
                    if peak is None:
                        peak = peaks[model.id] = server_peak(model, hw)
                    for key, value in peak.flops.items():
                        inv.flops[key] += n * value
                    for key in peak.unknown:
                        inv.incomplete_servers[key] = inv.incomplete_servers.get(key, 0) + n
                out.append(inv)
    return out
