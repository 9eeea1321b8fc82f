"""Helpers for the phasing tests: an explicit energy-curve test double and small build-out sites."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dcplanner.model.buildout import Buildout, Candidate, DemandForecast, DemandPoint, DemandVariant
from dcplanner.model.site import Site
from dcplanner.solvers.phasing.energy_curve import EnergyCurve, EnergyCurveSource
from tests.factories import small_site

UNIFORM_HOURS = np.full(24, 1 / 24)


def loss_curve(
    no_load: float = 0.08, proportional: float = 0.10, square: float = 0.05, points: int = 21
) -> EnergyCurve:
    """Test double for the energy engine (convex, so the optimiser's hull is exact).

    Per kW of design IT at IT power fraction x: IT = 8760 x kWh/year and facility =
    8760 (x + no_load + proportional x + square x^2), the fixed + proportional + square-law loss
    form of the PUE specification §6.3, with made-up coefficients.
    """
    x = np.linspace(0.0, 1.0, points)
    return EnergyCurve(
        it_power_fraction=x,
        it_kwh_per_kw_year=8760.0 * x,
        facility_kwh_per_kw_year=8760.0 * (x + no_load + proportional * x + square * x * x),
        hour_of_day_share=UNIFORM_HOURS,
        source="test double: quadratic loss model",
        idle_power_share=0.3,
        dynamic_power_share=0.7,
    )


def source(curve: EnergyCurve | None = None) -> EnergyCurveSource:
    fixed = curve or loss_curve()
    return lambda site: fixed


def steps(values: Sequence[tuple[str, float]]) -> list[DemandPoint]:
    return [DemandPoint(month=m, value=v) for m, v in values]


def buildout_site(
    candidates: list[Candidate],
    variants: dict[str, list[DemandPoint]],
    *,
    years: int = 4,
    start: str = "2026-01",
    **buildout: object,
) -> Site:
    """The small test site with a build-out; economics defaults except where a test sets them."""
    site = small_site()
    site.economics.analysis_years = years
    site.buildout = Buildout(
        start=start,
        demand=DemandForecast(
            unit="it_mw",
            variant="base" if "base" in variants else next(iter(variants)),
            variants=[DemandVariant(id=k, points=v) for k, v in variants.items()],
        ),
        candidates=candidates,
        **buildout,  # type: ignore[arg-type]
    )
    return site
