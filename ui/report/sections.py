"""The report's sections, in order, each writing the engine's solved results onto the pages (ui layer).

Every number comes from the objects the window and the workbook use: ``SiteResults`` (capacity,
compute, energy, findings), the build-out ``PhasingResult`` and the scenario ``Comparison``, the
workbook's assumption entries with their sources. Nothing is computed here beyond sums for charts.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Sequence
from datetime import datetime

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from dcplanner import __version__
from dcplanner.findings import format_use
from dcplanner.io.excel.labels import (
    COOLING_COMPONENTS,
    ECONOMIZER_MODES,
    LOSS_STAGES,
    PRECISION_LABELS,
    flops_unit,
    shown_precisions,
)
from dcplanner.io.excel.sheets.assumptions import entries as assumption_entries
from dcplanner.model.catalog import source_titles
from dcplanner.snapshot_solve import Investment, investment_figures, key_figures
from dcplanner.solvers.capacity import resource_label, scope_label
from dcplanner.solvers.energy.cooling import COMPONENTS
from dcplanner.solvers.energy.electrical import STAGES
from dcplanner.solvers.energy.envelope import CLASSES
from dcplanner.solvers.energy.results import MODES
from dcplanner.solvers.phasing.report import percent_text, years_text
from dcplanner.solvers.scenario_comparison import HORIZON_BASIS
from ui.report.charts import Bar, Series, bar_chart, line_chart, schedule_chart
from ui.report.data import ReportData
from ui.report.layout import INK, PageWriter, font
from ui.report.plan import PlanDrawing
from ui.report.titles import title

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ERROR_INK = QColor("#b71c1c")
WARNING_INK = QColor("#e65100")


def _n(value: float, decimals: int = 1) -> str:
    return f"{value:,.{decimals}f}" if math.isfinite(value) else "—"


# ---------------------------------------------------------------------------------------------
# cover and contents


def cover(w: PageWriter, data: ReportData) -> None:
    site = data.export.site
    p = w.painter
    w.y_mm = 60.0
    w.paragraph(title("report", data.lang), size_pt=24, bold=True)
    w.y_mm += 4
    w.paragraph(site.name or site.id, size_pt=18)
    loc = site.location
    where = f"{loc.name} ({loc.latitude_deg:.3f}°, {loc.longitude_deg:.3f}°, {loc.elevation_m:,.0f} m)"
    case = data.export.scenario
    lines = [
        (title("site_id", data.lang), site.id),
        (title("location", data.lang), where),
        (title("case", data.lang), f"scenario {case.name or case.id}" if case else "base site"),
        (title("date", data.lang), data.export.generated_at.astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        (title("version", data.lang), f"dcplanner {__version__}"),
        (title("source_file", data.lang), data.source_name or "—"),
        (title("author", data.lang), data.author or "________________________"),
    ]
    w.y_mm += 12
    w.table([], [[k, v] for k, v in lines], [1, 2.4], size_pt=10)
    if site.description:
        w.paragraph(site.description, size_pt=9)
    p.setPen(INK)


def contents(w: PageWriter, data: ReportData) -> None:
    w.heading(title("contents", data.lang), in_contents=False)
    known = w.known.headings if w.known else []
    p = w.painter
    for h in known:
        indent = 0.0 if h.level == 1 else 6.0
        f = font(10.0 if h.level == 1 else 8.5, bold=h.level == 1)
        height = 6.0 if h.level == 1 else 4.6
        w.room(height)
        p.setFont(f)
        p.setPen(INK)
        row = w.rect(indent, w.y_mm, w.width_mm - indent, height)
        p.drawText(row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), h.title)
        p.drawText(row, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(h.page))
        w.y_mm += height


# ---------------------------------------------------------------------------------------------
# design


def key_figure_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("key_figures", data.lang))
    figs = [*key_figures(data.export.results)]
    if data.comparison is not None:
        figs += investment_figures(Investment(data.comparison, data.case_id, ""))
    w.table(
        ["Figure", "Value", "Unit", "Note"],
        [[f.label, f.text(), f.unit, f.note] for f in figs],
        [2.2, 1.1, 1.3, 3.4],
        align_right=[False, True, False, False],
    )


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
                _n(area, 0),
                f"{t.cabinets:,} / {t.positions:,}",
                f"{t.servers:,}",
                f"{t.accelerators:,}",
                _n(t.design_kw),
                _n(t.loaded_kw),
                _n(t.weight_kg / 1000, 1),
                _n(t.max_floor_loading_kg_m2, 0),
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
    by_hall = [[h.id, *(_n(h.peak_flops.get(k, 0.0) / 1e15, 2) for k in shown)] for h in comp.halls]
    by_hall.append(["Site", *(_n(comp.site.peak_flops.get(k, 0.0) / 1e15, 2) for k in shown)])
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
            _n(c.demand),
            _n(c.capacity),
            _n(c.installed) if c.installed is not None else "",
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
            [[resource_label(s.resource), scope_label(s.scope), _n(s.amount), s.unit] for s in cap.stranded],
            [2, 1, 1, 1],
            align_right=[False, False, True, False],
        )
    w.heading(title("findings", data.lang), 2)
    findings = data.export.results.findings
    if not findings:
        w.paragraph("No limit is broken and no check raised a warning.")
    for f in findings:
        colour = ERROR_INK if f.severity == "error" else WARNING_INK if f.severity == "warning" else INK
        w.paragraph(f"{f.severity.upper()}  {f.message}", size_pt=8.5, colour=colour)


def compliance_section(w: PageWriter, data: ReportData) -> None:
    """The compliance checks of the reported case, when this version has them."""
    w.heading(title("compliance", data.lang))
    if importlib.util.find_spec("dcplanner.compliance") is None:
        w.paragraph("No compliance checks in this version.")
        return
    try:  # the same call as the workbook's Compliance sheet
        checks = importlib.import_module("dcplanner.compliance.checks")
        words = importlib.import_module("dcplanner.compliance.report")
        rules = importlib.import_module("dcplanner.compliance.rules")
        res, site = data.export.results, data.export.site
        report = checks.check_site(
            site,
            rules.site_rules(site),
            res.capacity,
            data.export.energy,
            data.export.phasing,
            scenario=data.export.scenario.id if data.export.scenario else "",
        )
    except (ImportError, AttributeError, TypeError, ValueError) as exc:
        w.paragraph(f"The compliance checks could not be printed: {exc}")
        return
    w.paragraph(f"Design checked for {report.year}; GB 40879-2021 grade {checks.grade_of(report.checks)}.")
    quantity = words.format_quantity
    for standard, results in words.by_standard(report.checks).items():
        w.heading(standard, 2, in_contents=False)
        w.table(
            ["Result", "Rule", "Value", "Limit", "Note"],
            [
                [
                    checks.STATUS_WORDS[c.status],
                    words.rule_label(c.rule),
                    quantity(c.value, c.rule.unit),
                    f"{c.rule.comparison} {quantity(c.limit, c.rule.unit)}"
                    + ("" if c.rule.binding else " (not binding)"),
                    c.note,
                ]
                for c in results
            ],
            [1, 3.2, 1, 1.3, 2.2],
            size_pt=7.5,
        )
    failures = report.binding_failures
    w.paragraph(
        "Every binding rule passes."
        if not failures
        else f"{len(failures)} binding rule result(s) fail: " + ", ".join(sorted({c.rule.id for c in failures}))
    )
    for note in report.notes:
        w.paragraph(note, size_pt=7.5, colour=QColor("#546e7a"))


def _stage(label: str, count: int, rating_kw: float, redundancy: str) -> list[str]:
    return [label, f"{count:,}", _n(rating_kw, 0), _n(count * rating_kw, 0), redundancy]


def power_cooling_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("power_cooling", data.lang))
    site = data.export.site
    pc = site.power
    u = pc.utility
    w.table(
        ["Stage", "Units", "Rating kW", "Installed kW", "Redundancy"],
        [
            _stage(f"Utility feeds ({u.voltage_kv:g} kV)", u.feeds, u.capacity_kw, u.redundancy),
            _stage(
                "Transformers",
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


# ---------------------------------------------------------------------------------------------
# energy year


def energy_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("energy", data.lang))
    e = data.export.energy
    if e is None:
        w.paragraph(data.export.unavailable.get("energy", "The energy year was not solved (no IT load)."))
        return
    hours = e.mode_hours
    w.paragraph(
        f"{e.architecture_title}; climate {e.climate_name}. Annual PUE {e.annual_pue:.3f} (cooling pPUE "
        f"{e.ppue_cooling:.3f}, power pPUE {e.ppue_power:.3f}); IT {e.it_energy_kwh / 1e6:,.2f} GWh, facility "
        f"{e.facility_energy_kwh / 1e6:,.2f} GWh; peak facility {e.peak_facility_kw:,.0f} kW. WUE "
        f"{e.wue_l_per_kwh:.3f} L/kWh, CUE {e.cue_kg_per_kwh:.3f} kg CO2/kWh."
    )
    pue = [float(x) for x in e.monthly_pue]

    def draw_pue(p: QPainter, rect: QRectF) -> None:
        finite = [x for x in pue if math.isfinite(x)]
        bar_chart(
            p,
            rect,
            w.px(1),
            MONTHS,
            [Series("PUE", pue, "#00796b")],
            "Monthly PUE",
            lo=max(1.0, min(finite, default=1.0) - 0.05),
        )

    w.figure(50, draw_pue, f"Monthly PUE (facility / IT energy of each month); annual PUE {e.annual_pue:.3f}.")
    month = e.month.astype(np.intp) - 1

    def monthly_mwh(values: np.ndarray) -> list[float]:
        return [float(x) / 1000 for x in np.bincount(month, weights=values, minlength=12)]

    parts = [Series("IT", monthly_mwh(e.it_kw), "#546e7a")]
    cooling = [(COOLING_COMPONENTS.get(k, k), e.cooling_kw[k]) for k in COMPONENTS if float(e.cooling_kw[k].sum()) > 0]
    parts += [Series(name.split(" (")[0], monthly_mwh(v)) for name, v in cooling]
    parts.append(Series("Electrical losses", monthly_mwh(e.electrical_loss_total_kw), "#8d6e63"))
    parts.append(Series("Lighting + misc.", monthly_mwh(e.lighting_kw + e.misc_kw), "#bdbdbd"))

    def draw_parts(p: QPainter, rect: QRectF) -> None:
        bar_chart(p, rect, w.px(1), MONTHS, parts, "Energy by component, MWh per month", stacked=True)

    w.figure(62, draw_parts, "Facility energy by component and month.")
    rows = [["IT", _n(e.it_energy_kwh / 1000, 0), _n(float(e.it_kw.max()), 0)]]
    rows += [[name, _n(float(v.sum()) / 1000, 0), _n(float(v.max()), 0)] for name, v in cooling]
    rows += [
        [
            LOSS_STAGES[k],
            _n(float(e.electrical_loss_kw[k].sum()) / 1000, 0),
            _n(float(e.electrical_loss_kw[k].max()), 0),
        ]
        for k in STAGES
    ]
    rows += [
        ["Lighting", _n(e.lighting_energy_kwh / 1000, 0), _n(float(e.lighting_kw.max()), 0)],
        ["Miscellaneous", _n(e.misc_energy_kwh / 1000, 0), _n(float(e.misc_kw.max()), 0)],
        ["Facility total", _n(e.facility_energy_kwh / 1000, 0), _n(e.peak_facility_kw, 0)],
    ]
    w.table(["Power by component", "MWh / year", "Peak kW"], rows, [3, 1, 1], align_right=[False, True, True])
    mm = e.monthly_mode_hours
    modes = [
        Series(ECONOMIZER_MODES[name], [float(x) for x in mm[:, k]], colour)
        for k, (name, colour) in enumerate(zip(MODES, ("#ef6c00", "#81d4fa", "#0277bd"), strict=True))
    ]

    def draw_modes(p: QPainter, rect: QRectF) -> None:
        bar_chart(p, rect, w.px(1), MONTHS, modes[::-1], "Hours per month", stacked=True)

    w.figure(
        52,
        draw_modes,
        f"Free-cooling hours: {hours['full']:,} h full, {hours['partial']:,} h partial, "
        f"{hours['mechanical']:,} h mechanical.",
    )
    env = e.envelope_hours
    w.table(
        ["ITE inlet envelope (ASHRAE TC 9.9)", *CLASSES],
        [["Hours", *(f"{env[c]:,}" for c in CLASSES)]],
        [2.4, 1.5] + [1] * (len(CLASSES) - 1),
        align_right=[False] + [True] * len(CLASSES),
    )
    w.paragraph(
        f"{e.hours_outside_recommended:,} h outside the recommended envelope; classes A1–A4 are the "
        "allowable envelopes of ASHRAE TC 9.9 (2021 Thermal Guidelines).",
        size_pt=8,
    )
    for note in e.notes:
        w.paragraph(note, size_pt=7.5, colour=QColor("#546e7a"))


# ---------------------------------------------------------------------------------------------
# build-out, finance, scenarios


def buildout_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("buildout", data.lang))
    ph = data.export.phasing
    if ph is None:
        w.paragraph(data.export.unavailable.get("phasing", "No build-out was solved."))
        return
    months = ph.operations.months
    index = {m: k for k, m in enumerate(months)}
    bars = [
        Bar(c.id, index.get(c.start_month, 0), index.get(c.service_month, len(months)), len(months))
        for c in ph.candidates
        if c.built
    ]
    w.table(
        ["Candidate", "Kind", "Start", "In service", "IT kW", "Capex M CNY"],
        [
            [
                f"{c.id} {c.name}".strip(),
                c.kind,
                c.start_month or "not built",
                c.service_month or "",
                _n(c.it_kw, 0),
                _n(c.capex_cny / 1e6, 1),
            ]
            for c in ph.candidates
        ],
        [2.4, 1, 1, 1, 1, 1],
        align_right=[False, False, False, False, True, True],
    )
    if bars:
        w.figure(
            8 + 7 * len(bars),
            lambda p, r: schedule_chart(p, r, w.px(1), bars, months),
            "Construction (light) and service (dark) of each candidate built.",
        )
    ops = ph.operations
    step = max(1, len(months) // 120)
    sample = list(range(0, len(months), step))
    series = [
        Series(f"Demand ({ph.unit_label})", [float(ops.demand[k]) for k in sample], "#d95f02"),
        Series(f"Capacity ({ph.unit_label})", [float(ops.capacity[k]) for k in sample], "#1b9e77"),
    ]
    ticks = [months[k][:4] if int(months[k][5:7]) <= step else "" for k in sample]
    w.figure(
        55,
        lambda p, r: line_chart(p, r, w.px(1), ticks, series, ph.unit_label),
        "Demand and capacity in service by month.",
    )
    m = ph.measures
    w.heading(title("finance", data.lang), 2)
    w.table(
        ["NPV M CNY", "IRR", "Payback", "Capex M CNY", "Energy M CNY/y", "PUE (horizon)", "Served"],
        [
            [
                _n(m.npv_cny / 1e6),
                percent_text(m.irr),
                years_text(m.payback_years),
                _n(m.capex_cny / 1e6),
                _n(m.energy_cny_per_year / 1e6),
                _n(m.annual_pue, 3),
                f"{m.served_share:.1%}",
            ]
        ],
        [1] * 7,
        align_right=[True] * 7,
    )
    cash = ph.cash
    years = [str(y) for y in cash.years]
    flows = [
        Series("Capex", [-float(x) / 1e6 for x in cash.capex_cny], "#c62828"),
        Series("Revenue", [float(x) / 1e6 for x in cash.revenue_cny], "#2e7d32"),
        Series("Energy", [-float(x) / 1e6 for x in cash.energy_cny], "#ef6c00"),
    ]
    w.figure(
        55,
        lambda p, r: bar_chart(p, r, w.px(1), years, flows, "M CNY per year"),
        "Capex, revenue and energy cost by year (costs negative).",
    )
    cumulative = [Series("Cumulative cash", [float(x) / 1e6 for x in cash.cumulative_cash_cny], "#1565c0")]
    w.figure(
        45,
        lambda p, r: line_chart(p, r, w.px(1), years, cumulative, "Cumulative cash, M CNY"),
        f"Cumulative net cash; NPV at {m.discount_rate:.1%}: {m.npv_cny / 1e6:,.1f} M CNY.",
    )


def scenario_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("scenarios", data.lang))
    cmp = data.comparison
    if cmp is None:
        w.paragraph(data.export.unavailable.get("phasing", "No build-out was solved, so scenarios do not compare."))
        return
    w.paragraph(HORIZON_BASIS + ".", size_pt=8)
    rows = []
    for r in cmp.rows:
        if r.result is None:
            reason = "; ".join(x.strip() for x in r.problem.splitlines()[:2])
            rows.append([r.name, "no result: " + reason, "", "", "", "", "", ""])
            continue
        m = r.result.measures
        rows.append(
            [
                r.name,
                _n(m.npv_cny / 1e6),
                percent_text(m.irr),
                years_text(m.payback_years),
                _n(m.capex_cny / 1e6),
                _n(m.annual_pue, 3),
                _n(m.peak_pflops),
                f"{m.served_share:.1%}",
            ]
        )
    w.table(
        ["Scenario", "NPV M CNY", "IRR", "Payback", "Capex M", "PUE (horizon)", "Peak PF", "Served"],
        rows,
        [2.2, 1.1, 0.8, 0.9, 1, 1, 0.9, 0.9],
        align_right=[False] + [True] * 7,
    )
    solved = [r for r in cmp.rows if r.result is not None]
    if solved:
        years = sorted({y for r in solved for y in r.result.cash.years})  # type: ignore[union-attr]
        series = []
        for r in solved:
            assert r.result is not None
            by_year = dict(zip(r.result.cash.years, r.result.cash.cumulative_cash_cny, strict=True))
            series.append(Series(r.name, [float(by_year.get(y, math.nan)) / 1e6 for y in years]))
        w.figure(
            58,
            lambda p, rr: line_chart(p, rr, w.px(1), [str(y) for y in years], series, "Cumulative cash, M CNY"),
            "Cumulative cash of each scenario.",
        )


# ---------------------------------------------------------------------------------------------
# assumptions


def assumption_section(w: PageWriter, data: ReportData) -> None:
    w.heading(title("assumptions", data.lang))
    titles = source_titles()
    items = assumption_entries(data.export)
    w.table(
        ["Section", "Subject", "Value", "Kind", "Source"],
        [[e.section, e.subject, e.value, e.kind, e.source] for e in items],
        [1, 1.6, 2.4, 0.8, 2.6],
        size_pt=7,
    )
    cited = sorted({k for e in items for k in _keys(e.source)} & set(titles))
    if cited:
        w.heading("Sources", 2, in_contents=False)
        w.table(["Key", "Source"], [[k, " — ".join(x for x in titles[k] if x)] for k in cited], [0.6, 6], size_pt=7)


def _keys(text: str) -> list[str]:
    from dcplanner.io.excel.sheets.assumptions import source_keys

    return source_keys(text)


SECTIONS: Sequence[Callable[[PageWriter, ReportData], None]] = (
    key_figure_section,
    capacity_section,
    compliance_section,
    plan_section,
    hall_section,
    power_cooling_section,
    energy_section,
    buildout_section,
    scenario_section,
    assumption_section,
)


def footer_text(data: ReportData) -> str:
    site = data.export.site
    stamp: datetime = data.export.generated_at
    return f"{site.name or site.id} — dcplanner {__version__} — {stamp.astimezone():%Y-%m-%d}"
