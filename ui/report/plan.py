"""The floor plan for the report: the window's own scene painted to a standard scale, as vectors,
with a scale bar, a north arrow and the colour legend (ui layer).

The plan's y axis points south (the model's convention, ``dcplanner.model.site``), so north is up.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from dcplanner.io.project_file import LoadedProject
from dcplanner.model.site import Site
from dcplanner.site_solve import SiteResults
from ui.document import DocumentController
from ui.floorplan.scene import FloorPlanScene
from ui.metrics import SiteMetrics
from ui.report.layout import DPI, INK, font
from ui.selection import Selection

# Preferred ratios of architectural drawings (ISO 5455:1979 "Technical drawings — Scales").
STANDARD_RATIOS = (20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000)
MARGIN_M = 2.0  # floor shown around the halls
KEY_MM = 26.0  # strip under the plan for the scale bar, legend and north arrow


@dataclass(frozen=True, slots=True)
class PlanScale:
    ratio: int  # the drawing is 1 : ratio on A4
    px_per_m: float  # device units per metre at that ratio


def plan_scale(width_m: float, height_m: float, area_w_px: float, area_h_px: float) -> PlanScale:
    """The largest standard scale at which ``width_m`` x ``height_m`` fits the area."""
    px_per_mm = DPI / 25.4
    fit_px_per_m = min(area_w_px / max(width_m, 1e-6), area_h_px / max(height_m, 1e-6))
    fit_ratio = 1000.0 * px_per_mm / fit_px_per_m  # 1 m = 1000 mm on site
    ratio = next((r for r in STANDARD_RATIOS if r >= fit_ratio), STANDARD_RATIOS[-1])
    return PlanScale(ratio, 1000.0 * px_per_mm / ratio)


def scale_bar_m(px_per_m: float, max_px: float) -> float:
    """A 1-2-5 length in metres whose bar fits in ``max_px``."""
    best = 1.0
    for mag in (0.1, 1, 10, 100, 1000):
        for m in (1, 2, 5):
            if m * mag * px_per_m <= max_px:
                best = m * mag
    return best


class PlanDrawing:
    """A headless floor-plan scene of one site (the window's scene class, colours by design kW)."""

    def __init__(self, site: Site, results: SiteResults | None):
        self.document = DocumentController()
        self.document.restore(LoadedProject(site), None)
        self.selection = Selection()
        self.metrics = SiteMetrics(self.document)
        self.metrics.set_results(results)
        self.scene = FloorPlanScene(self.document, self.selection, self.metrics)

    def ratio_in(self, width_mm: float, height_mm: float) -> int:
        """The scale the plan would be drawn at in a figure of this size (hall titles left aside)."""
        mm = DPI / 25.4
        b = self.scene.site_bounds().adjusted(-MARGIN_M, -MARGIN_M, MARGIN_M, MARGIN_M)
        return plan_scale(b.width(), b.height(), width_mm * mm, (height_mm - KEY_MM - 6) * mm).ratio

    def draw(self, p: QPainter, rect: QRectF) -> PlanScale:
        """Paint the plan, its scale bar, north arrow and legend into ``rect`` (device units)."""
        mm = DPI / 25.4
        bounds = self.scene.site_bounds().adjusted(-MARGIN_M, -MARGIN_M, MARGIN_M, MARGIN_M)
        area = rect.adjusted(0, 0, 0, -KEY_MM * mm)
        title_px = 6 * mm  # hall titles sit above their halls at a fixed print size
        scale = plan_scale(bounds.width(), bounds.height(), area.width(), area.height() - title_px)
        for _ in range(2):  # titles wider than their hall widen the drawing, which may change the scale
            self.scene.set_view_scale(scale.px_per_m)
            source = self._with_titles(bounds, scale.px_per_m)
            scale = plan_scale(source.width(), source.height(), area.width(), area.height())
        self.scene.set_view_scale(scale.px_per_m)
        self.scene.set_grid_visible(False)
        source = self._with_titles(bounds, scale.px_per_m)
        w, h = source.width() * scale.px_per_m, source.height() * scale.px_per_m
        target = QRectF(area.left() + (area.width() - w) / 2, area.top(), w, h)
        self.scene.render(p, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        key_top = area.top() + h + 4 * mm
        self._scale_bar(p, QPointF(rect.left(), key_top), scale)
        self._north(p, QPointF(rect.right() - 8 * mm, key_top + 2 * mm))
        self._legend(p, QRectF(rect.left() + 70 * mm, key_top, rect.width() - 90 * mm, KEY_MM * mm))
        return scale

    def _with_titles(self, bounds: QRectF, px_per_m: float) -> QRectF:
        """``bounds`` grown to hold the hall titles (drawn at a fixed print size above each hall)."""
        right = bounds.right()
        for hid, item in self.scene.hall_items.items():
            hall = self.document.editor.hall(hid)
            right = max(right, hall.x_m + item.label.boundingRect().width() / px_per_m)
        top = bounds.top() - self.scene.title_height_px() / px_per_m
        return QRectF(bounds.left(), top, right - bounds.left(), bounds.bottom() - top)

    def _scale_bar(self, p: QPainter, at: QPointF, scale: PlanScale) -> None:
        mm = DPI / 25.4
        length_m = scale_bar_m(scale.px_per_m, 55 * mm)
        bar_px = length_m * scale.px_per_m
        p.setPen(QPen(INK, 0.3 * mm))
        for k in range(4):  # alternating quarters, as on a drawing sheet
            seg = QRectF(at.x() + k * bar_px / 4, at.y() + 4 * mm, bar_px / 4, 1.6 * mm)
            p.fillRect(seg, INK if k % 2 == 0 else QColor("white"))
            p.drawRect(seg)
        p.setFont(font(7.0))
        for k, frac in enumerate((0.0, 0.5, 1.0)):
            x = at.x() + frac * bar_px
            text = f"{frac * length_m:g}" + (" m" if k == 2 else "")
            p.drawText(QRectF(x - 10 * mm, at.y() + 6 * mm, 20 * mm, 4 * mm), int(Qt.AlignmentFlag.AlignHCenter), text)
        p.setFont(font(8.0, bold=True))
        p.drawText(
            QRectF(at.x(), at.y() - 1 * mm, 60 * mm, 5 * mm),
            int(Qt.AlignmentFlag.AlignLeft),
            f"1 : {scale.ratio:,} (A4)",
        )

    def _north(self, p: QPainter, tip: QPointF) -> None:
        mm = DPI / 25.4
        half, length = 3 * mm, 11 * mm
        left = QPolygonF([tip, QPointF(tip.x() - half, tip.y() + length), QPointF(tip.x(), tip.y() + length * 0.7)])
        right = QPolygonF([tip, QPointF(tip.x() + half, tip.y() + length), QPointF(tip.x(), tip.y() + length * 0.7)])
        p.setPen(QPen(INK, 0.25 * mm))
        path = QPainterPath()
        path.addPolygon(left)
        p.fillPath(path, INK)
        p.drawPolygon(left)
        p.drawPolygon(right)
        p.setFont(font(9.0, bold=True))
        p.drawText(
            QRectF(tip.x() - 5 * mm, tip.y() + length + 0.5 * mm, 10 * mm, 5 * mm),
            int(Qt.AlignmentFlag.AlignHCenter),
            "N",
        )

    def _legend(self, p: QPainter, rect: QRectF) -> None:
        mm = DPI / 25.4
        p.setFont(font(7.5, bold=True))
        p.setPen(INK)
        p.drawText(
            QRectF(rect.left(), rect.top() - 1 * mm, rect.width(), 4 * mm),
            int(Qt.AlignmentFlag.AlignLeft),
            self.scene.mode.title,
        )
        p.setFont(font(7.0))
        entries = self.scene.legend()
        per_col = 4
        col_w = min(45 * mm, rect.width() / max(1, (len(entries) + per_col - 1) // per_col))
        for k, (cls, count) in enumerate(entries):
            x = rect.left() + (k // per_col) * col_w
            y = rect.top() + 4 * mm + (k % per_col) * 4 * mm
            p.fillRect(QRectF(x, y + 0.5 * mm, 3 * mm, 2.6 * mm), cls.colour)
            p.setPen(QPen(QColor("#607d8b"), 0.15 * mm))
            p.drawRect(QRectF(x, y + 0.5 * mm, 3 * mm, 2.6 * mm))
            p.setPen(INK)
            p.drawText(
                QRectF(x + 4.5 * mm, y, col_w - 5 * mm, 4 * mm),
                int(Qt.AlignmentFlag.AlignLeft),
                f"{cls.label}  ({count:,})",
            )
