"""Check solved results against the site's rule set (engine layer): one call for every surface."""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner.compliance.checks import ComplianceReport, check_site
from dcplanner.compliance.rules import site_rules
from dcplanner.model.site import Site
from dcplanner.solvers.capacity import CapacityResult
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.phasing.results import PhasingResult


def check_solved(
    site: Site,
    capacity: CapacityResult,
    energy: EnergyResult | None,
    phasing: PhasingResult | None = None,
    *,
    scenario: str = "",
    notes: Sequence[str] = (),
) -> ComplianceReport:
    """The built-in and project rules against a site's solved capacity, energy year and build-out."""
    return check_site(site, site_rules(site), capacity, energy, phasing, scenario=scenario, notes=notes)
