"""The cover, the contents page and the key figures (ui layer)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from dcplanner import __version__
from dcplanner.snapshot_solve import Investment, investment_figures, key_figures
from ui.report.data import ReportData
from ui.report.layout import INK, PageWriter, font
from ui.report.titles import title


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


def footer_text(data: ReportData) -> str:
    site = data.export.site
    stamp: datetime = data.export.generated_at
    return f"{site.name or site.id} — dcplanner {__version__} — {stamp.astimezone():%Y-%m-%d}"
