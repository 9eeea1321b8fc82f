"""Colour modes of the floor plan: which class each cabinet falls in, and the legend (ui layer).

The numbers come from the engine (cabinet fields, the catalog and the per-cabinet inventory of
:mod:`dcplanner.solvers.inventory`); this module only sorts them into display bands.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from PySide6.QtGui import QColor

from dcplanner.model.edited_site import EditedSite
from dcplanner.model.site import Cabinet
from dcplanner.solvers.inventory import PRECISIONS
from ui.metrics import SiteMetrics

# Sequential, colour-blind safe 7-class palette (ColorBrewer YlOrRd, Brewer & Harrower).
SEQUENTIAL = ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"]
# Qualitative palette for categories (ColorBrewer Set2 + Dark2 picks, Brewer & Harrower).
QUALITATIVE = ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#1b9e77", "#7570b3"]
NONE_COLOUR = "#cfd8dc"  # cabinets the mode has nothing to say about (empty, no phase)


@dataclass(frozen=True, slots=True)
class ColourClass:
    """One legend line."""

    label: str
    colour: QColor


def _bands(edges: tuple[float, ...], unit: str, colours: list[str]) -> list[ColourClass]:
    labels = [f"< {edges[0]:g} {unit}"]
    labels += [f"{a:g}–{b:g} {unit}" for a, b in itertools.pairwise(edges)]
    labels.append(f"≥ {edges[-1]:g} {unit}")
    return [ColourClass(label, QColor(c)) for label, c in zip(labels, colours, strict=True)]


class ColourMode:
    """How cabinets are coloured; subclasses sort a cabinet into one of ``classes``."""

    key = ""
    title = ""
    needs_inventory = False

    def classes(self, editor: EditedSite) -> list[ColourClass]:
        raise NotImplementedError

    def class_of(self, cabinet: Cabinet, editor: EditedSite, metrics: SiteMetrics) -> int:
        raise NotImplementedError


class DesignPowerMode(ColourMode):
    """Cabinet power budget in display bands (density classes of rack-power surveys)."""

    key = "design_kw"
    title = "Design power per cabinet"
    EDGES = (5.0, 10.0, 20.0, 30.0, 50.0, 100.0)

    def classes(self, editor: EditedSite) -> list[ColourClass]:
        return _bands(self.EDGES, "kW", SEQUENTIAL)

    def class_of(self, cabinet: Cabinet, editor: EditedSite, metrics: SiteMetrics) -> int:
        return bisect.bisect_right(self.EDGES, cabinet.design_kw)


class LoadingMode(ColourMode):
    """Installed servers' maximum power against the cabinet's budget."""

    key = "loading"
    title = "Loaded vs budget (servers' max kW / design kW)"
    needs_inventory = True
    EDGES = (0.5, 0.8, 1.0 + 1e-9)

    def classes(self, editor: EditedSite) -> list[ColourClass]:
        return [
            ColourClass("empty", QColor(NONE_COLOUR)),
            ColourClass("< 50 %", QColor("#c7e9c0")),
            ColourClass("50–80 %", QColor("#74c476")),
            ColourClass("80–100 %", QColor("#238b45")),
            ColourClass("over budget", QColor("#e31a1c")),
        ]

    def class_of(self, cabinet: Cabinet, editor: EditedSite, metrics: SiteMetrics) -> int:
        inv = metrics.of(cabinet.id)
        if inv is None or not cabinet.servers:
            return 0
        if cabinet.design_kw <= 0:
            return 4
        return 1 + bisect.bisect_right(self.EDGES, inv.loaded_kw / cabinet.design_kw)


class PhaseMode(ColourMode):
    """Build-out phase of each cabinet."""

    key = "phase"
    title = "Build-out phase"

    def classes(self, editor: EditedSite) -> list[ColourClass]:
        out = [ColourClass("no phase", QColor(NONE_COLOUR))]
        for n, phase in enumerate(editor.site.phases):
            label = f"{phase.name} ({phase.id})" if phase.name else phase.id
            out.append(ColourClass(label, QColor(QUALITATIVE[n % len(QUALITATIVE)])))
        return out

    def class_of(self, cabinet: Cabinet, editor: EditedSite, metrics: SiteMetrics) -> int:
        for n, phase in enumerate(editor.site.phases):
            if phase.id == cabinet.phase_id:
                return n + 1
        return 0


class ComputeMode(ColourMode):
    """Dense peak throughput per cabinet at one precision (PFLOPS; int8 in POPS)."""

    key = "compute"
    needs_inventory = True
    EDGES = (0.1, 0.5, 2.0, 5.0, 20.0)

    def __init__(self, precision: str = "fp16"):
        self.precision = precision if precision in PRECISIONS else "fp16"

    @property
    def title(self) -> str:  # type: ignore[override]
        return f"Peak compute per cabinet, {self.precision.upper()} dense"

    def classes(self, editor: EditedSite) -> list[ColourClass]:
        unit = "POPS" if self.precision == "int8" else "PF"
        return [ColourClass("none", QColor(NONE_COLOUR)), *_bands(self.EDGES, unit, SEQUENTIAL[1:])]

    def class_of(self, cabinet: Cabinet, editor: EditedSite, metrics: SiteMetrics) -> int:
        inv = metrics.of(cabinet.id)
        peak = inv.flops.get(self.precision, 0.0) if inv is not None else 0.0
        if peak <= 0:
            return 0
        return 1 + bisect.bisect_right(self.EDGES, peak / 1e15)


class CoolingMode(ColourMode):
    """How the cabinet type rejects heat (catalog ``cooling``)."""

    key = "cooling"
    title = "Cabinet cooling"
    KINDS = (
        ("air", "air", "#9ecae1"),
        ("rear_door", "rear-door heat exchanger", "#4292c6"),
        ("cold_plate", "direct-to-chip cold plate", "#807dba"),
        ("immersion", "immersion", "#54278f"),
    )

    def classes(self, editor: EditedSite) -> list[ColourClass]:
        return [ColourClass(label, QColor(colour)) for _key, label, colour in self.KINDS]

    def class_of(self, cabinet: Cabinet, editor: EditedSite, metrics: SiteMetrics) -> int:
        ctype = editor.hw.cabinet_types.get(cabinet.type_id)
        kinds = [k for k, _l, _c in self.KINDS]
        return kinds.index(ctype.cooling) if ctype is not None else 0


MODE_KEYS = ("design_kw", "loading", "phase", "compute", "cooling")
MODE_TITLES = {
    "design_kw": "Design kW",
    "loading": "Loaded vs Budget",
    "phase": "Phase",
    "compute": "Compute (PFLOPS)",
    "cooling": "Cooling Type",
}


def make_mode(key: str, precision: str = "fp16") -> ColourMode:
    """The colour mode called ``key`` (unknown keys give design kW)."""
    modes: dict[str, ColourMode] = {
        "design_kw": DesignPowerMode(),
        "loading": LoadingMode(),
        "phase": PhaseMode(),
        "compute": ComputeMode(precision),
        "cooling": CoolingMode(),
    }
    return modes.get(key, modes["design_kw"])
