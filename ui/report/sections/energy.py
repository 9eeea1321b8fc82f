"""The energy year: PUE by month, energy and power by component, free cooling, inlet envelope (ui layer)."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

from dcplanner.io.excel.labels import (
    COOLING_COMPONENTS,
    ECONOMIZER_MODES,
    LOSS_STAGES,
)
from dcplanner.solvers.energy.cooling import COMPONENTS
from dcplanner.solvers.energy.electrical import STAGES
from dcplanner.solvers.energy.envelope import CLASSES
from dcplanner.solvers.energy.results import MODES
from ui.report.charts import Series, bar_chart
from ui.report.data import ReportData
from ui.report.layout import PageWriter
from ui.report.sections.common import MONTHS, number
from ui.report.titles import title


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
    rows = [["IT", number(e.it_energy_kwh / 1000, 0), number(float(e.it_kw.max()), 0)]]
    rows += [[name, number(float(v.sum()) / 1000, 0), number(float(v.max()), 0)] for name, v in cooling]
    rows += [
        [
            LOSS_STAGES[k],
            number(float(e.electrical_loss_kw[k].sum()) / 1000, 0),
            number(float(e.electrical_loss_kw[k].max()), 0),
        ]
        for k in STAGES
    ]
    rows += [
        ["Lighting", number(e.lighting_energy_kwh / 1000, 0), number(float(e.lighting_kw.max()), 0)],
        ["Miscellaneous", number(e.misc_energy_kwh / 1000, 0), number(float(e.misc_kw.max()), 0)],
        ["Facility total", number(e.facility_energy_kwh / 1000, 0), number(e.peak_facility_kw, 0)],
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
