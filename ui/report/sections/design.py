"""The design: capacity limits and findings, the floor plan, halls and compute, power and cooling (ui layer)."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from dcplanner.io.excel.labels import (
    PRECISION_LABELS,
    flops_unit,
    shown_precisions,
)
from dcplanner.solvers.capacity import format_use, resource_label, scope_label
from ui.report.charts import Series, bar_chart
from ui.report.data import ReportData
from ui.report.layout import INK, PageWriter
from ui.report.plan import PlanDrawing
from ui.report.sections.common import ERROR_INK, WARNING_INK, number
from ui.report.titles import title


def capacity_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("capacity", data.lang))
    cap = data.export.results.capacity
    if cap.binding is not None:
        b = cap.binding
        w.paragraph(
            f"Binding limit: {resource_label(b.resource)} ({scope_label(b.scope)}) — {b.demand:,.1f} of "
            f"{b.capacity:,.1f} {b.unit} usable ({format_use(b)}).",
            bold=True,
        )
    if cap.it_headroom_kw is not None:
        h = cap.it_headroom_kw
        w.paragraph(
            f"IT headroom before the binding limit: {h:,.1f} kW."
            if h >= 0
            else f"Design IT is over the binding limit by {-h:,.1f} kW."
        )
    rows = [
        [
            resource_label(c.resource),
            scope_label(c.scope),
            number(c.demand),
            number(c.capacity),
            number(c.installed) if c.installed is not None else "",
            c.unit,
            format_use(c),
            "binding" if c is cap.binding else "",
        ]
        for c in cap.constraints
    ]
    w.table(
        ["Limit", "Where", "Demand", "Usable", "Installed", "Unit", "Use", ""],
        rows,
        [2.2, 1.1, 1.1, 1.1, 1.1, 0.8, 0.9, 0.9],
        align_right=[False, False, True, True, True, False, True, False],
    )
    if cap.stranded:
        w.heading("Stranded capacity", 2, in_contents=False)
        w.table(
            ["Resource", "Where", "Amount", "Unit"],
            [[resource_label(s.resource), scope_label(s.scope), number(s.amount), s.unit] for s in cap.stranded],
            [2, 1, 1, 1],
            align_right=[False, False, True, False],
        )
    w.heading(title("findings", data.lang), 2)
    findings = data.export.results.findings
    errors = data.export.results.errors
    if not findings:
        w.paragraph("No limit is broken and no check raised a warning.")
    elif errors:
        w.paragraph(
            f"{len(errors)} limit{'s' if len(errors) != 1 else ''} broken or checks failed.",
            bold=True,
            colour=ERROR_INK,
        )
    for f in findings:  # errors first (SiteResults.findings)
        colour = ERROR_INK if f.severity == "error" else WARNING_INK if f.severity == "warning" else INK
        w.paragraph(f"{f.severity.upper()}  {f.message}", size_pt=8.5, colour=colour)


def plan_section(w: PageWriter, data: ReportData) -> None:
    drawing = PlanDrawing(data.export.site, data.export.results)
    side_mm, long_mm = sorted((w.page_width_mm, w.page_height_mm))
    room_mm = 30.0  # heading, caption and footer
    portrait = drawing.ratio_in(side_mm, long_mm - room_mm)
    w.new_page(landscape=drawing.ratio_in(long_mm, side_mm - room_mm) < portrait)  # the larger scale
    w.heading(title("floor_plan", data.lang))
    scale: list[int] = []

    def draw(p: QPainter, rect: QRectF) -> None:
        scale.append(drawing.draw(p, rect).ratio)

    w.figure(w.height_mm - w.y_mm - 12, draw)
    w.paragraph(
        f"Drawn to scale 1 : {scale[0]:,} on A4 (ISO 5455 preferred scale); north is up; cabinets coloured by "
        "design power. Halls, rows, aisles and containment as in the plan view.",
        size_pt=8,
    )
    w.new_page()


def hall_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("halls", data.lang))
    res = data.export.results
    halls = {h.id: h for h in res.site.halls}
    rows = []
    for h in res.capacity.halls:
        t = h.totals
        hall = halls.get(t.id)
        area = hall.width_m * hall.depth_m if hall else math.nan
        rows.append(
            [
                f"{t.id} {t.name}".strip(),
                number(area, 0),
                f"{t.cabinets:,} / {t.positions:,}",
                f"{t.servers:,}",
                f"{t.accelerators:,}",
                number(t.design_kw),
                number(t.loaded_kw),
                number(t.weight_kg / 1000, 1),
                number(t.max_floor_loading_kg_m2, 0),
            ]
        )
    w.table(
        [
            "Hall",
            "Area m²",
            "Cabinets / positions",
            "Servers",
            "Accel.",
            "Design IT kW",
            "Loaded IT kW",
            "Weight t",
            "Max floor kg/m²",
        ],
        rows,
        [2.2, 1, 1.4, 1, 1, 1.2, 1.2, 1, 1.2],
        align_right=[False] + [True] * 8,
    )
    w.heading(title("compute", data.lang), 2)
    comp = res.compute
    shown = shown_precisions(dict(comp.site.peak_flops))
    by_hall = [[h.id, *(number(h.peak_flops.get(k, 0.0) / 1e15, 2) for k in shown)] for h in comp.halls]
    by_hall.append(["Site", *(number(comp.site.peak_flops.get(k, 0.0) / 1e15, 2) for k in shown)])
    w.table(
        ["", *(f"{PRECISION_LABELS[k]} {flops_unit(k, 'P')}" for k in shown)],
        by_hall,
        [1.5] + [1] * len(shown),
        align_right=[False] + [True] * len(shown),
    )
    w.paragraph(
        "Dense peak per precision; FP64 = TOP500 Rpeak (max of vector and tensor FP64, CPUs at base clock). "
        f"Accelerator-hours per year at {comp.utilisation:.0%} utilisation: {comp.gpu_hours_per_year:,.0f}.",
        size_pt=8,
    )
    site_peaks = comp.site.peak_flops

    def draw(p: QPainter, rect: QRectF) -> None:
        bar_chart(
            p,
            rect,
            w.px(1),
            [PRECISION_LABELS[k] for k in shown],
            [Series("peak", [site_peaks.get(k, 0.0) / 1e15 for k in shown])],
            "Site peak, P(FL)OPS",
        )

    w.figure(45, draw, "Peak compute of the site by precision.")


def _stage(label: str, count: int, rating_kw: float, redundancy: str) -> list[str]:
    return [label, f"{count:,}", number(rating_kw, 0), number(count * rating_kw, 0), redundancy]


def power_cooling_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("power_cooling", data.lang))
    site = data.export.site
    pc = site.power
    u = pc.utility
    w.table(
        ["Stage", "Units", "Rating kW", "Installed kW", "Redundancy"],
        [
            _stage(f"Utility feeds ({u.voltage_kv:g} kV)", u.feeds, u.capacity_kw, u.redundancy),
            _stage(  # kW = kVA x power factor
                f"Transformers ({pc.transformers.rating_kva:,.0f} kVA at PF {pc.transformers.power_factor:g})",
                pc.transformers.count,
                pc.transformers.rating_kva * pc.transformers.power_factor,
                pc.transformers.redundancy,
            ),
            _stage(f"UPS ({pc.ups.topology.replace('_', ' ')})", pc.ups.modules, pc.ups.module_kw, pc.ups.redundancy),
            _stage("PDUs", pc.pdus.count, pc.pdus.rating_kw, pc.pdus.redundancy),
            _stage(
                f"Generators ({pc.generators.autonomy_h:g} h)",
                pc.generators.count,
                pc.generators.rating_kw,
                pc.generators.redundancy,
            ),
        ],
        [2.4, 0.8, 1, 1.1, 1.1],
        align_right=[False, True, True, True, False],
    )
    w.paragraph(
        f"Design facility factor {pc.design_facility_factor:g} (peak facility kW per IT kW) sizes utility, "
        "transformers and generators when no energy year is solved. Usable capacity follows the redundancy "
        "(the Capacity limits table).",
        size_pt=8,
    )
    cp = site.cooling
    e = data.export.energy
    arch = e.architecture_title if e is not None else cp.architecture
    w.table(
        ["Cooling plant", ""],
        [
            ["Architecture", arch],
            ["Plant units", f"{cp.plant_units:,} × {cp.plant_unit_kw:,.0f} kW ({cp.plant_redundancy})"],
            ["ITE inlet set point", f"{cp.supply_air_c:g} °C"],
            *([[k, f"{v:g}"] for k, v in sorted(cp.parameters.items())]),
        ],
        [1.4, 3],
    )
