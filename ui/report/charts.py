"""Small vector charts painted straight onto the report's pages: bars, lines, a schedule (ui layer).

They draw numbers the engine solved; axis ranges come from the data (zero included for bars).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from ui.report.layout import INK, RULE, font

# Qualitative palette (ColorBrewer Set2 + Dark2, Brewer & Harrower), as the floor plan's categories.
PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#8da0cb"]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[float]
    colour: str = ""


def nice_step(span: float, ticks: int = 5) -> float:
    """A 1-2-5 tick step giving about ``ticks`` intervals over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / ticks
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def _tick_text(v: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return f"{v:,.{decimals}f}"


class Axes:
    """A plot area inside ``rect`` with a y axis from ``lo`` to ``hi`` and ``n`` category slots."""

    def __init__(self, p: QPainter, rect: QRectF, lo: float, hi: float, n: int, y_title: str, px_mm: float):
        self.p, self.mm = p, px_mm
        step = nice_step(hi - lo)
        self.lo = math.floor(lo / step) * step
        self.hi = math.ceil(hi / step) * step if hi > self.lo else self.lo + step
        self.step = step
        left, bottom = 16 * px_mm, 9 * px_mm
        self.area = QRectF(
            rect.left() + left,
            rect.top() + 6 * px_mm,
            rect.width() - left - 2 * px_mm,
            rect.height() - bottom - 6 * px_mm,
        )
        self.n = max(n, 1)
        p.setFont(font(7.0))
        p.setPen(INK)
        p.drawText(QRectF(rect.left(), rect.top(), rect.width(), 5 * px_mm), int(Qt.AlignmentFlag.AlignLeft), y_title)
        v = self.lo
        while v <= self.hi + step / 2:
            y = self.y(v)
            p.setPen(QPen(RULE, 0.5 if v else 1.2))
            p.drawLine(QPointF(self.area.left(), y), QPointF(self.area.right(), y))
            p.setPen(INK)
            p.drawText(
                QRectF(rect.left(), y - 3 * px_mm, left - 1.5 * px_mm, 6 * px_mm),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                _tick_text(v, step),
            )
            v += step

    def y(self, v: float) -> float:
        return self.area.bottom() - (v - self.lo) / (self.hi - self.lo) * self.area.height()

    def slot(self, k: int) -> tuple[float, float]:
        w = self.area.width() / self.n
        return self.area.left() + k * w, w

    def labels(self, texts: Sequence[str]) -> None:
        """Category labels under the slots, thinned so that they do not overlap (blanks skipped)."""
        self.p.setFont(font(6.5))
        self.p.setPen(INK)
        metrics = self.p.fontMetrics()
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 2 * self.mm
        _, slot_w = self.slot(0)
        every = max(1, math.ceil(widest / slot_w)) if all(texts) else 1
        last_right = -math.inf
        for k, t in enumerate(texts):
            if not t or k % every:
                continue
            x, w = self.slot(k)
            centre = x + w / 2
            if centre - widest / 2 < last_right:
                continue
            last_right = centre + widest / 2
            self.p.drawText(
                QRectF(centre - widest / 2, self.area.bottom() + 1 * self.mm, widest, 4 * self.mm),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                t,
            )


LEGEND_LINE_MM = 4.0


def _legend_layout(p: QPainter, width: float, series: Sequence[Series], px_mm: float) -> list[tuple[float, int]]:
    """(x offset, line) of each series' swatch, wrapping at ``width``."""
    p.setFont(font(6.5))
    out, x, line = [], 0.0, 0
    for s in series:
        w = p.fontMetrics().horizontalAdvance(s.name) + 7 * px_mm
        if x > 0 and x + w > width:
            x, line = 0.0, line + 1
        out.append((x, line))
        x += w
    return out


def legend_height(p: QPainter, rect: QRectF, series: Sequence[Series], px_mm: float) -> float:
    """Device height the legend takes under a chart (0 for a single series)."""
    if len(series) < 2:
        return 0.0
    lines = 1 + max(line for _, line in _legend_layout(p, rect.width() - 16 * px_mm, series, px_mm))
    return lines * LEGEND_LINE_MM * px_mm + 1 * px_mm


def legend(p: QPainter, rect: QRectF, series: Sequence[Series], px_mm: float) -> None:
    """One swatch and name per series along the bottom of ``rect``, wrapped to its width."""
    if len(series) < 2:
        return
    top = rect.bottom() - legend_height(p, rect, series, px_mm) + 1 * px_mm
    for k, (s, (dx, line)) in enumerate(
        zip(series, _legend_layout(p, rect.width() - 16 * px_mm, series, px_mm), strict=True)
    ):
        x, y = rect.left() + 16 * px_mm + dx, top + line * LEGEND_LINE_MM * px_mm
        p.fillRect(QRectF(x, y + 0.3 * px_mm, 3 * px_mm, 3 * px_mm), QColor(s.colour or PALETTE[k % len(PALETTE)]))
        p.setPen(INK)
        p.drawText(
            QRectF(x + 4 * px_mm, y, rect.width(), LEGEND_LINE_MM * px_mm), int(Qt.AlignmentFlag.AlignLeft), s.name
        )


def bar_chart(
    p: QPainter,
    rect: QRectF,
    px_mm: float,
    categories: Sequence[str],
    series: Sequence[Series],
    y_title: str,
    *,
    stacked: bool = False,
    lo: float | None = None,
) -> None:
    """Grouped (or stacked) bars, one slot per category; a legend when there are several series."""
    finite = [v for s in series for v in s.values if math.isfinite(v)]
    if stacked:
        sums = [sum(max(s.values[k], 0.0) for s in series) for k in range(len(categories))]
        hi = max(sums, default=1.0)
    else:
        hi = max(finite, default=1.0)
    base = min(0.0, min(finite, default=0.0)) if lo is None else lo
    keyed = rect.adjusted(0, 0, 0, -legend_height(p, rect, series, px_mm))
    ax = Axes(p, keyed, base, hi, len(categories), y_title, px_mm)
    for k in range(len(categories)):
        x, w = ax.slot(k)
        inner = w * 0.75
        top = 0.0
        for j, s in enumerate(series):
            v = s.values[k]
            if not math.isfinite(v):
                continue
            colour = QColor(s.colour or PALETTE[j % len(PALETTE)])
            if stacked:
                r = QRectF(x + (w - inner) / 2, ax.y(top + v), inner, ax.y(top) - ax.y(top + v))
                top += v
            else:
                bw = inner / len(series)
                y0 = ax.y(max(ax.lo, 0.0))
                r = QRectF(x + (w - inner) / 2 + j * bw, min(ax.y(v), y0), bw, abs(y0 - ax.y(v)))
            p.fillRect(r, colour)
    ax.labels(categories)
    legend(p, rect, series, px_mm)


def line_chart(
    p: QPainter, rect: QRectF, px_mm: float, categories: Sequence[str], series: Sequence[Series], y_title: str
) -> None:
    """One polyline per series over the category slots (NaN breaks a line)."""
    finite = [v for s in series for v in s.values if math.isfinite(v)]
    keyed = rect.adjusted(0, 0, 0, -legend_height(p, rect, series, px_mm))
    ax = Axes(p, keyed, min(finite, default=0.0), max(finite, default=1.0), len(categories), y_title, px_mm)
    for j, s in enumerate(series):
        path = QPainterPath()
        pen_down = False
        for k, v in enumerate(s.values):
            if not math.isfinite(v):
                pen_down = False
                continue
            x, w = ax.slot(k)
            pt = QPointF(x + w / 2, ax.y(v))
            path.lineTo(pt) if pen_down else path.moveTo(pt)
            pen_down = True
        p.setPen(QPen(QColor(s.colour or PALETTE[j % len(PALETTE)]), 0.6 * px_mm))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    ax.labels(categories)
    legend(p, rect, series, px_mm)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    start: int  # month index of construction start
    service: int  # month index in service
    end: int  # month index of the horizon end


def schedule_chart(p: QPainter, rect: QRectF, px_mm: float, bars: Sequence[Bar], months: Sequence[str]) -> None:
    """Construction (light) and service (dark) spans per candidate over the horizon's months."""
    if not bars or not months:
        return
    left = 30 * px_mm
    area = QRectF(rect.left() + left, rect.top(), rect.width() - left, rect.height() - 6 * px_mm)
    row_h = area.height() / len(bars)
    per_month = area.width() / len(months)
    p.setFont(font(7.0))
    for k, b in enumerate(bars):
        y = area.top() + k * row_h
        p.setPen(INK)
        p.drawText(
            QRectF(rect.left(), y, left - 2 * px_mm, row_h),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            b.label,
        )
        h = row_h * 0.6
        p.fillRect(
            QRectF(area.left() + b.start * per_month, y + (row_h - h) / 2, (b.service - b.start) * per_month, h),
            QColor("#b2dfdb"),
        )
        p.fillRect(
            QRectF(area.left() + b.service * per_month, y + (row_h - h) / 2, (b.end - b.service) * per_month, h),
            QColor("#00796b"),
        )
    p.setPen(QPen(RULE, 0.5))
    p.setFont(font(6.5))
    for k, m in enumerate(months):
        if m.endswith("-01"):
            x = area.left() + k * per_month
            p.setPen(QPen(RULE, 0.5))
            p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            p.setPen(INK)
            p.drawText(
                QRectF(x - 8 * px_mm, area.bottom() + 1 * px_mm, 16 * px_mm, 4 * px_mm),
                int(Qt.AlignmentFlag.AlignHCenter),
                m[:4],
            )
