"""The plan is painted at the scale it states: a hall's walls measured on the painted image."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from tests.factories import small_site
from ui.floorplan.style import WALL_M
from ui.report.layout import DPI
from ui.report.plan import PlanDrawing


def test_hall_walls_are_as_far_apart_as_the_stated_scale_says(qapp):
    site = small_site()  # one hall 10 m wide
    px_per_mm = DPI / 25.4
    image = QImage(int(170 * px_per_mm), int(200 * px_per_mm), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    scale = PlanDrawing(site, None).draw(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    # 10 m + 4 m of margin in 170 mm: 1:100 (140 mm) fits, 1:50 (280 mm) does not (ISO 5455 series)
    assert scale.ratio == 100
    grey = np.array(
        [[QColor(image.pixel(x, y)).value() for x in range(image.width())] for y in range(0, int(120 * px_per_mm), 4)]
    )
    widths = []
    for line in grey:
        dark = np.flatnonzero(line < 100)
        if dark.size:
            widths.append(dark[-1] - dark[0] + 1)
    measured_m = float(np.median(widths)) / px_per_mm * scale.ratio / 1000
    # the walls' outer faces: the floor's width plus a wall on each side (the wall stands outside the floor,
    # ui.floorplan.items.HallItem); 0.1 m = 1 mm on paper at 1:100
    assert abs(measured_m - (10.0 + 2 * WALL_M)) < 0.1
