"""Closed outlines of a drawing offered as halls: each outline's bounding rectangle (engine layer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dcplanner.model.drawing import DrawingShape
from dcplanner.model.geometry import Rect, hall_rect
from dcplanner.model.obstacles import shape_bounds
from dcplanner.model.schema import field_range
from dcplanner.model.site import Hall, Site


@dataclass(frozen=True, slots=True)
class HallOffer:
    """A hall made from an outline, or the reason it cannot be one."""

    outline: DrawingShape
    hall: Hall | None
    reason: str = ""


def offer_halls(site: Site, outlines: Sequence[DrawingShape], *, exclusive: bool = True) -> list[HallOffer]:
    """One offer per outline: its bounding rectangle as a hall, unless too small, too big or overlapping.

    ``exclusive``: an outline overlapping one offered before it is not offered (all are taken at
    once); otherwise each is checked against the site's halls only (the user picks among them).
    """
    taken = {h.id for h in site.halls}
    placed: list[Rect] = [hall_rect(h) for h in site.halls]
    width = field_range(Hall, "width_m")
    assert width is not None
    offers = []
    number = 1
    for shape in outlines:
        box = shape_bounds(shape)
        if not (width.contains(box.width) and width.contains(box.height)):
            offers.append(HallOffer(shape, None, f"{box.width:g} x {box.height:g} m; a hall is {width.describe()}"))
            continue
        if any(box.overlaps(r) for r in placed):
            offers.append(HallOffer(shape, None, "overlaps a hall already placed"))
            continue
        while f"H{number}" in taken:
            number += 1
        hall_id = f"H{number}"
        taken.add(hall_id)
        hall = Hall(
            id=hall_id,
            name=f"{shape.layer} {shape.id}".strip(),
            x_m=round(box.x0, 4),
            y_m=round(box.y0, 4),
            width_m=round(box.width, 4),
            depth_m=round(box.height, 4),
            design_it_kw=0.0,
        )
        if exclusive:
            placed.append(hall_rect(hall))
        offers.append(HallOffer(shape, hall))
    return offers
