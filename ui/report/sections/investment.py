"""The build-out schedule, its finance and the scenario comparison (ui layer)."""

from __future__ import annotations

import math

from dcplanner.solvers.phasing.report import percent_text, years_text
from dcplanner.solvers.scenario_comparison import HORIZON_BASIS
from ui.report.charts import Bar, Series, bar_chart, line_chart, schedule_chart
from ui.report.data import ReportData
from ui.report.layout import PageWriter
from ui.report.sections.common import number
from ui.report.titles import title


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
                number(c.it_kw, 0),
                number(c.capex_cny / 1e6, 1),
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
                number(m.npv_cny / 1e6),
                percent_text(m.irr),
                years_text(m.payback_years),
                number(m.capex_cny / 1e6),
                number(m.energy_cny_per_year / 1e6),
                number(m.annual_pue, 3),
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
                number(m.npv_cny / 1e6),
                percent_text(m.irr),
                years_text(m.payback_years),
                number(m.capex_cny / 1e6),
                number(m.annual_pue, 3),
                number(m.peak_pflops),
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
