"""Build candidates resolved against the site: capacity, cost and limits as arrays.

A candidate that ``covers`` halls, rows or phases takes its empty fields from those cabinets:
design IT kW (sum of cabinet ``design_kw``), peak compute at the demand precision and the
accelerator count (from the cabinet inventory the compute solver uses), and capex from the
covered phases' ``capex_cny`` (when it covers phases only) or at ``economics.capex_per_cabinet_cny``
per cabinet. Values given on the candidate win. Only enabled candidates are kept.

Finance is bounded by physics: a candidate's cabinets count only with their servable share of
design IT (:mod:`dcplanner.solvers.servable`): when the site's design breaks a capacity limit (a
hall's IT budget or cooling, the UPS, generators ...), the candidate's IT kW, compute and
accelerators are capped at what the site can power, cool and hold, and its derivation says so.
Capex is not reduced: the cabinets are built all the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcplanner.model.buildout import Candidate
from dcplanner.model.catalog import HardwareIndex
from dcplanner.model.site import Site
from dcplanner.solvers.inventory import CabinetInventory, build_inventory
from dcplanner.solvers.phasing.timeline import Timeline
from dcplanner.solvers.servable import ServableLoad

PETA = 1e15


@dataclass(frozen=True, slots=True)
class Candidates:
    """Enabled candidates as parallel arrays (index i = ``ids[i]``)."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    capacity: np.ndarray  # demand units (MW of IT or PFLOPS)
    it_kw: np.ndarray
    pflops: np.ndarray  # at the demand precision
    accelerators: np.ndarray
    cabinets: np.ndarray
    capex_cny: np.ndarray  # facility, spread over the lead time
    it_capex_cny: np.ndarray  # bought at service start and again every it_life_months
    it_life_months: np.ndarray
    lead_months: np.ndarray
    opex_cny_per_year: np.ndarray
    life_years: np.ndarray
    requires: tuple[tuple[int, ...], ...]
    resources: tuple[str, ...]
    provides_kw: np.ndarray  # (candidates, resources)
    consumes_kw: np.ndarray
    earliest_start: np.ndarray  # month index, NaN = none
    latest_start: np.ndarray
    fixed_start: np.ndarray
    must_build: np.ndarray  # bool
    blocked: tuple[str, ...]  # why a candidate can never be built ("" = it can)
    derivation: tuple[str, ...]  # where the capacity and capex came from

    def __len__(self) -> int:
        return len(self.ids)

    def index(self, ident: str) -> int:
        return self.ids.index(ident)


def _covered(site: Site, cand: Candidate, inventory: list[CabinetInventory]) -> list[CabinetInventory]:
    refs = set(cand.covers)
    if not refs:
        return []
    return [i for i in inventory if refs & {i.hall.id, i.row.id, i.cabinet.phase_id or ""}]


def _date(timeline: Timeline, text: str) -> float:
    return float(timeline.index(text)) if text else float("nan")


def resolve_candidates(
    site: Site,
    timeline: Timeline,
    unit: str,
    precision: str,
    hw: HardwareIndex | None = None,
    *,
    inventory: list[CabinetInventory] | None = None,
    servable: ServableLoad | None = None,
) -> Candidates:
    """Arrays for the enabled candidates of a validated site.

    ``servable`` (the site's servable load) caps what covered cabinets carry; without it every
    cabinet counts with its full design IT.
    """
    cands = [c for c in site.buildout.candidates if c.enabled]
    if inventory is None:
        inventory = build_inventory(site, hw) if any(c.covers for c in cands) else []
    econ = site.economics
    rows: list[dict] = []
    for c in cands:
        cabs = _covered(site, c, inventory)
        design_kw = sum(i.cabinet.design_kw for i in cabs)
        share = {i.cabinet.id: servable.share(i.cabinet.id) if servable else 1.0 for i in cabs}
        servable_kw = sum(i.cabinet.design_kw * share[i.cabinet.id] for i in cabs)
        # given values describe the covered cabinets as designed: they are capped in the same ratio
        cap_ratio = servable_kw / design_kw if design_kw > 0 else 1.0
        it_kw = c.it_kw * cap_ratio if c.it_kw is not None else servable_kw
        pflops = (
            c.pflops * cap_ratio
            if c.pflops is not None
            else sum(i.flops[precision] * share[i.cabinet.id] for i in cabs) / PETA
        )
        accelerators = (
            c.accelerators * cap_ratio
            if c.accelerators is not None
            else sum(i.accelerators * share[i.cabinet.id] for i in cabs)
        )
        phase_capex = sum(p.capex_cny for p in site.phases if p.id in c.covers)
        covers_phases_only = bool(c.covers) and set(c.covers) <= {p.id for p in site.phases}
        if c.capex_cny is not None:
            capex, capex_note = c.capex_cny, ""
        elif covers_phases_only and phase_capex > 0:
            capex, capex_note = phase_capex, f"capex {phase_capex:,.0f} CNY from phases {', '.join(c.covers)}"
        else:
            capex = econ.capex_per_cabinet_cny * len(cabs)
            capex_note = f"capex {econ.capex_per_cabinet_cny:,.0f} CNY per cabinet" if cabs else ""
        opex = c.fixed_opex_cny_per_year
        if opex is None:
            opex = econ.maintenance_frac_of_capex * capex
        notes = []
        if cabs:
            notes.append(f"{len(cabs)} cabinets in {', '.join(c.covers)}")
            if c.it_kw is None:
                notes.append(f"IT {design_kw:,.0f} kW from cabinet design kW")
            if cap_ratio < 1 - 1e-9 and servable is not None:
                notes.append(
                    f"capped at the servable {servable_kw:,.0f} kW ({cap_ratio:.1%}): the site's design breaks "
                    "a capacity limit"
                )
            if c.pflops is None:
                notes.append(f"{pflops:,.1f} PFLOPS {precision.upper()} from the compute solver")
        if capex_note:
            notes.append(capex_note)
        rows.append(
            {
                "capacity": it_kw / 1000.0 if unit == "it_mw" else pflops,
                "it_kw": it_kw,
                "pflops": pflops,
                "accelerators": accelerators,
                "cabinets": len(cabs),
                "capex": capex,
                "opex": opex,
                "notes": "; ".join(notes),
            }
        )
    ids = tuple(c.id for c in cands)
    resources = tuple(sorted({k for c in cands for k in (*c.provides, *c.consumes)}))

    def col(key: str) -> np.ndarray:
        return np.array([r[key] for r in rows], dtype=float)

    def res_matrix(field: str) -> np.ndarray:
        m = np.zeros((len(cands), len(resources)))
        for i, c in enumerate(cands):
            for k, v in getattr(c, field).items():
                m[i, resources.index(k)] = v
        return m

    return Candidates(
        ids=ids,
        names=tuple(c.name or c.id for c in cands),
        kinds=tuple(c.kind for c in cands),
        capacity=col("capacity"),
        it_kw=col("it_kw"),
        pflops=col("pflops"),
        accelerators=col("accelerators"),
        cabinets=col("cabinets").astype(int),
        capex_cny=col("capex"),
        it_capex_cny=np.array([c.it_capex_cny for c in cands], dtype=float),
        it_life_months=np.array([max(1, round(12 * c.it_life_years)) for c in cands], dtype=int),
        lead_months=np.array([c.lead_time_months for c in cands], dtype=int),
        opex_cny_per_year=col("opex"),
        life_years=np.array([c.life_years for c in cands], dtype=float),
        requires=tuple(tuple(ids.index(r) for r in c.requires if r in ids) for c in cands),
        resources=resources,
        provides_kw=res_matrix("provides"),
        consumes_kw=res_matrix("consumes"),
        earliest_start=np.array([_date(timeline, c.earliest_start) for c in cands]),
        latest_start=np.array([_date(timeline, c.latest_start) for c in cands]),
        fixed_start=np.array([_date(timeline, c.fixed_start) for c in cands]),
        must_build=np.array([c.must_build for c in cands], dtype=bool),
        blocked=tuple(
            "; ".join(f"requires {r!r}, which is disabled" for r in c.requires if r not in ids) for c in cands
        ),
        derivation=tuple(r["notes"] for r in rows),
    )
