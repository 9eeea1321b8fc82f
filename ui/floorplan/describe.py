"""Tooltip text for cabinets, rows and halls, from the model and the engine's results (ui layer)."""

from __future__ import annotations

from html import escape

from dcplanner.model.edited_site import EditedSite
from dcplanner.model.site import Cabinet, Hall, Row
from dcplanner.solvers.capacity import Totals
from dcplanner.solvers.inventory import CabinetInventory
from ui.metrics import SiteMetrics


def _phase_name(editor: EditedSite, phase_id: str | None) -> str:
    if phase_id is None:
        return "none"
    for phase in editor.site.phases:
        if phase.id == phase_id:
            return f"{escape(phase.name)} ({escape(phase.id)})" if phase.name else escape(phase.id)
    return escape(phase_id)


def _best_precision(inv: CabinetInventory) -> tuple[str, float]:
    """The precision with the highest peak (what a cabinet is mostly for)."""
    key = max(("fp64", "fp32", "fp16", "fp8"), key=lambda k: inv.flops.get(k, 0.0))
    return key, inv.flops.get(key, 0.0)


def slot_label(cab: Cabinet) -> str:
    """The slot a cabinet stands in, counted from 1 as on a floor plan: ``07``."""
    return f"{cab.position + 1:02d}"


def place_label(row: Row, cab: Cabinet) -> str:
    """Where a cabinet stands: its row and slot, ``A1-03-07`` (the sample sites' id pattern)."""
    return f"{row.name or row.id}-{slot_label(cab)}"


def cabinet_tooltip(editor: EditedSite, cab: Cabinet, inv: CabinetInventory | None) -> str:
    """Rich-text tooltip: where it stands, design kW, loading against it, contents, phase."""
    row = editor.row_of_cabinet(cab.id)
    hall = editor.hall_of_row(row.id)
    ctype = editor.hw.cabinet_types.get(cab.type_id)
    place = place_label(row, cab)
    named = cab.name or cab.id
    title = f"<b>{escape(place)}</b>" if named == place else f"<b>{escape(place)}</b> (cabinet {escape(named)})"
    lines = [
        f"{title} — stands in row {escape(row.name or row.id)}, slot {cab.position + 1} of {row.positions}, "
        f"{escape(hall.name or hall.id)}"
    ]
    if ctype is not None:
        lines.append(f"Type: {escape(ctype.name)} ({ctype.cooling.replace('_', ' ')}, {ctype.max_power_kw:g} kW rated)")
    lines.append(f"Design: <b>{cab.design_kw:g} kW</b>")
    if inv is not None and cab.servers:
        share = f" ({inv.loaded_kw / cab.design_kw:.0%} of budget)" if cab.design_kw > 0 else ""
        lines.append(f"Loaded: <b>{inv.loaded_kw:.1f} kW</b> servers' max{share}")
        names = {s.model_id: editor.hw.servers[s.model_id].name for s in cab.servers if s.model_id in editor.hw.servers}
        contents = ", ".join(f"{s.count} × {escape(names.get(s.model_id, s.model_id))}" for s in cab.servers)
        lines.append(f"Servers: {contents}; {inv.rack_units_used} U used")
        key, peak = _best_precision(inv)
        if peak > 0:
            lines.append(f"Peak: {peak / 1e15:,.2f} PFLOPS {key.upper()} dense, {inv.accelerators} accelerators")
    else:
        lines.append("Loaded: empty (no servers installed)")
    lines.append(f"Phase: {_phase_name(editor, cab.phase_id)}")
    return "<br>".join(lines)


def row_tooltip(editor: EditedSite, row: Row, metrics: SiteMetrics, slot: int | None = None) -> str:
    hall = editor.hall_of_row(row.id)
    lines = [
        f"<b>Row {escape(row.name or row.id)}</b> — {escape(hall.name or hall.id)}",
        f"{len(row.cabinets)} cabinets in {row.positions} slots",
        f"{row.orientation}, hot aisle {row.hot_aisle_side}, containment {row.containment.replace('_', ' ')}",
    ]
    totals = _row_totals(metrics, row.id)
    if totals is not None:
        lines[1] += f", {totals.design_kw:,.0f} kW design, {totals.loaded_kw:,.1f} kW loaded"
    if slot is not None:
        lines.append(f"Slot {slot} is free")
    return "<br>".join(lines)


def _row_totals(metrics: SiteMetrics, row_id: str) -> Totals | None:
    if metrics.capacity is None:
        return None
    return next((r for h in metrics.capacity.halls for r in h.rows if r.id == row_id), None)


def hall_tooltip(editor: EditedSite, hall: Hall, metrics: SiteMetrics) -> str:
    lines = [
        f"<b>{escape(hall.name or hall.id)}</b> ({escape(hall.id)})",
        f"{hall.width_m:g} × {hall.depth_m:g} m, {len(hall.rows)} rows, tiles {hall.tile_m:g} m",
        f"IT budget {hall.design_it_kw:,.0f} kW; minimum aisle {hall.min_aisle_m:g} m",
    ]
    cap = metrics.capacity
    if cap is not None:
        for hc in cap.halls:
            if hc.totals.id == hall.id:
                lines.append(f"{hc.totals.cabinets} cabinets, {hc.totals.design_kw:,.0f} kW design")
    return "<br>".join(lines)
