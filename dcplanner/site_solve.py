"""The solve report: one JSON-ready object with every solver's section (engine layer).

``dcplanner solve --json`` prints it, tests and scripts read it, and the Excel export and GUI
use the same result objects behind it. Units: kW, kWh, kg, m, L; peak throughput in operations
per second (FLOP/s; int8 in OP/s).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dcplanner.climate import Weather, load_weather
from dcplanner.compliance.report import compliance_findings
from dcplanner.compliance.run import check_solved
from dcplanner.findings import Finding, capacity_findings, issue_finding, sorted_findings
from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.site import Site
from dcplanner.model.validation import validate_site
from dcplanner.solvers.capacity import CapacityResult, Constraint, Totals, constraint_use, is_over, solve_capacity
from dcplanner.solvers.compute import ComputeResult, ComputeTotals, solve_compute
from dcplanner.solvers.energy import EnergyResult, energy_json, solve_energy
from dcplanner.solvers.inventory import build_inventory


@dataclass(frozen=True, slots=True)
class SiteResults:
    """Everything solved for one site snapshot (``energy`` is None when it was not asked for).

    ``findings`` holds every capacity limit broken and every validation warning, errors first.
    """

    site: Site
    capacity: CapacityResult
    compute: ComputeResult
    findings: tuple[Finding, ...]
    energy: EnergyResult | None = None

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


def solve_site(
    site: Site,
    hw: HardwareIndex | None = None,
    *,
    energy: bool = False,
    weather: Weather | None = None,
    base_dir: Path | None = None,
) -> SiteResults:
    """Run the capacity and compute solvers on a validated site, and the energy engine if asked.

    With ``energy`` the engine runs on ``weather`` or, without it, on the site's own climate
    (relative file paths resolve against ``base_dir``, the project's folder). Its design peak
    facility power then sizes the utility, transformers and generators in the capacity solve.
    A site without any IT load is solved without energy. Raises ValidationError or
    WeatherFileError when the climate or the cooling parameters cannot be used.
    """
    hw = hw or hardware_index(site)
    inventory = build_inventory(site, hw)
    energy_result = None
    if energy and any(inv.cabinet.design_kw > 0 or inv.loaded_kw > 0 for inv in inventory):
        year = weather if weather is not None else load_weather(site.climate, base_dir, site.location)
        energy_result = solve_energy(site, year, base_dir=base_dir, hw=hw, inventory=inventory)
    peak = energy_result.design_peak_facility_kw if energy_result is not None else None
    capacity = solve_capacity(site, peak_facility_kw=peak, hw=hw, inventory=inventory)
    compute = solve_compute(site, inventory)
    findings = sorted_findings(
        [
            *capacity_findings(capacity, peak_from_energy=energy_result is not None),
            *(issue_finding(i) for i in validate_site(site, hw) if i.severity == "warning"),
            *_compliance_findings(site, capacity, energy_result),
        ]
    )
    return SiteResults(site, capacity, compute, findings, energy_result)


def _compliance_findings(site: Site, capacity: CapacityResult, energy: EnergyResult | None) -> list[Finding]:
    """The design's rule failures and grade, when the project asks for them (compliance.report_findings)."""
    if not site.compliance.report_findings:
        return []
    return compliance_findings(check_solved(site, capacity, energy))


def _constraint_json(c: Constraint) -> dict[str, Any]:
    return {
        "resource": c.resource,
        "scope": c.scope,
        "demand": c.demand,
        "capacity": c.capacity,
        "installed": c.installed,
        "unit": c.unit,
        "utilisation": constraint_use(c),
        "over": is_over(c),
        "headroom": c.headroom,
        "culprit": c.culprit,
    }


def _totals_json(t: Totals) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "positions": t.positions,
        "cabinets": t.cabinets,
        "free_positions": t.free_positions,
        "loaded_cabinets": t.loaded_cabinets,
        "servers": t.servers,
        "other_devices": t.other_devices,
        "accelerators": t.accelerators,
        "design_it_kw": t.design_kw,
        "loaded_it_kw": t.loaded_kw,
        "weight_kg": t.weight_kg,
        "max_floor_loading_kg_m2": t.max_floor_loading_kg_m2,
    }


def capacity_json(cap: CapacityResult) -> dict[str, Any]:
    """The ``capacity`` section."""
    s = cap.site
    return {
        "cabinets": s.cabinets,
        "positions": s.positions,
        "free_positions": s.free_positions,
        "loaded_cabinets": s.loaded_cabinets,
        "servers": s.servers,
        "other_devices": s.other_devices,
        "accelerators": s.accelerators,
        "design_it_kw": s.design_kw,
        "loaded_it_kw": s.loaded_kw,
        "weight_kg": s.weight_kg,
        "peak_facility_kw_for_sizing": cap.peak_facility_kw,
        "binding_limit": cap.binding.resource if cap.binding else None,
        "binding": _constraint_json(cap.binding) if cap.binding else None,
        "it_headroom_kw": cap.it_headroom_kw,
        "constraints": [_constraint_json(c) for c in cap.constraints],
        "stranded": [
            {"resource": x.resource, "scope": x.scope, "amount": x.amount, "unit": x.unit} for x in cap.stranded
        ],
        "halls": [{**_totals_json(h.totals), "rows": [_totals_json(r) for r in h.rows]} for h in cap.halls],
    }


def _compute_totals_json(t: ComputeTotals) -> dict[str, Any]:
    return {
        "id": t.id,
        "servers": t.servers,
        "accelerators": t.accelerators,
        "peak_flops": dict(t.peak_flops),
        "incomplete_servers": dict(t.incomplete_servers),
    }


def compute_json(comp: ComputeResult) -> dict[str, Any]:
    """The ``compute`` section (rows and cabinets are left to the Excel export)."""
    s = comp.site
    return {
        "peak_flops": dict(s.peak_flops),
        "peak_pflops": {k: v / 1e15 for k, v in s.peak_flops.items()},
        "convention": "dense peak; fp64 = TOP500 Rpeak (max of vector and tensor FP64, CPUs at base clock)",
        "servers": s.servers,
        "accelerators": s.accelerators,
        "incomplete_servers": dict(s.incomplete_servers),
        "utilisation": comp.utilisation,
        "gpu_hours_per_year": comp.gpu_hours_per_year,
        "halls": [_compute_totals_json(h) for h in comp.halls],
        "phases": [_compute_totals_json(p) for p in comp.phases],
    }


def report_json(results: SiteResults) -> dict[str, Any]:
    """The whole solve report as one JSON-ready dict."""
    site = results.site
    loc = site.location
    return {
        "site": {
            "id": site.id,
            "name": site.name,
            "location": {
                "name": loc.name,
                "latitude_deg": loc.latitude_deg,
                "longitude_deg": loc.longitude_deg,
                "elevation_m": loc.elevation_m,
                "time_zone": loc.time_zone,
            },
            "halls": len(site.halls),
            "rows": sum(len(h.rows) for h in site.halls),
        },
        "capacity": {
            **capacity_json(results.capacity),
            "peak_facility_source": "energy" if results.energy is not None else "design_facility_factor",
        },
        "compute": compute_json(results.compute),
        "energy": energy_json(results.energy) if results.energy is not None else None,
        "findings": [f.json() for f in results.findings],
    }
