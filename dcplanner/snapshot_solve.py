"""Everything the GUI shows for one snapshot of a site, solved in one call (engine layer).

The desktop app solves a snapshot of the open site after each edit, in a worker thread: this is
the function it runs, and the only capacity and validation solve of an edit (the status bar,
the plan's tooltips, the dashboard and the export all read its result). It loads the site's
climate (cached per file), solves capacity, compute and the hourly energy year, and turns them
into the dashboard's key figures; :func:`analyse_investment` solves the build-out and cash flows
of every scenario. Snapshots travel as pickled bytes so taking one on the GUI thread costs a few
milliseconds.

:func:`dcplanner.io.project_file.project_issues` lists what makes a document invalid (what ``dcplanner validate``
refuses): the window refuses to save or open such a file. :func:`edit_issues` checks one edit
of a site section (climate, cooling) against the same rules before it becomes a command.
"""

from __future__ import annotations

import math
import pickle
from dataclasses import dataclass
from pathlib import Path

from dcplanner.climate import Weather, WeatherFileError, climate_issues, load_weather
from dcplanner.findings import over_limit
from dcplanner.key_figure import KeyFigure
from dcplanner.model.schema import Issue, ValidationError
from dcplanner.model.site import ClimateRef, CoolingPlant, Site
from dcplanner.site_solve import SiteResults, solve_site
from dcplanner.solvers.capacity import RESOURCE_LABELS, format_use
from dcplanner.solvers.energy import parameter_issues
from dcplanner.solvers.phasing.energy_curve import project_energy_source
from dcplanner.solvers.phasing.montecarlo import MonteCarlo, monte_carlo
from dcplanner.solvers.phasing.results import PhasingResult
from dcplanner.solvers.phasing.sensitivity import Tornado, tornado
from dcplanner.solvers.progress import CancelToken, ProgressFn, ProgressReporter
from dcplanner.solvers.scenario_comparison import BASE_ID, Comparison, ScenarioOutcome, compare_scenarios


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A frozen copy of a site and the folder its relative file paths resolve against."""

    site_bytes: bytes
    base_dir: Path | None

    @classmethod
    def of(cls, site: Site, base_dir: Path | None) -> Snapshot:
        return cls(pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL), base_dir)

    def site(self) -> Site:
        return pickle.loads(self.site_bytes)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Results of one snapshot: solver results, the weather year and the key figures.

    ``problem`` says why the energy year was not solved ("" when it was, or when the site has no
    IT load); capacity and compute are then solved with the power chain's design facility factor.
    """

    results: SiteResults
    weather: Weather | None
    figures: tuple[KeyFigure, ...]
    problem: str = ""

    def figure(self, key: str) -> KeyFigure:
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)


def problem_text(exc: ValidationError | WeatherFileError) -> str:
    """Why a climate or the cooling parameters cannot be used, in the engine's words."""
    if isinstance(exc, ValidationError):
        return "; ".join(str(i) for i in exc.issues[:3]) + (" …" if len(exc.issues) > 3 else "")
    return str(exc)


def analyse(snapshot: Snapshot, progress: ProgressFn | None = None, cancel: CancelToken | None = None) -> Analysis:
    """Solve a snapshot for the GUI.

    A climate or cooling parameters the energy engine cannot use do not stop the solve: capacity
    and compute are solved without the energy year and :attr:`Analysis.problem` says why.
    """
    report = ProgressReporter(progress, cancel)
    report(0.0)
    site = snapshot.site()
    report(0.1)
    try:
        weather = load_weather(site.climate, snapshot.base_dir, site.location)
        report(0.4)
        results = solve_site(site, energy=True, weather=weather, base_dir=snapshot.base_dir)
    except (ValidationError, WeatherFileError) as exc:
        report(0.4)
        results = solve_site(site, energy=False)
        report(1.0)
        return Analysis(results, None, key_figures(results), f"The energy year was not solved: {problem_text(exc)}")
    report(1.0)
    return Analysis(results, weather if results.energy is not None else None, key_figures(results))


def edit_issues(section: object, base_dir: Path | None) -> list[Issue]:
    """What :func:`dcplanner.io.project_file.project_issues` would refuse in one edited site section: the climate
    reference (a built-in that exists, a weather file that is there) or the cooling plant (its
    preset's parameter names and ranges). Other sections are checked by the edit commands."""
    if isinstance(section, ClimateRef):
        return climate_issues(section, base_dir)
    if isinstance(section, CoolingPlant):
        return parameter_issues(section)
    return []


def key_figures(results: SiteResults) -> tuple[KeyFigure, ...]:
    """The summary dashboard's figures, each with its unit."""
    site, cap, comp, energy = results.site, results.capacity, results.compute, results.energy
    tariff = site.economics.electricity_tariff_cny_per_kwh
    figs = [
        KeyFigure("Design IT load", cap.site.design_kw / 1000, "MW", key="design_it_mw", decimals=2),
        KeyFigure("Loaded IT (servers at maximum)", cap.site.loaded_kw / 1000, "MW", key="loaded_it_mw", decimals=2),
        KeyFigure(
            "Cabinets", float(cap.site.cabinets), f"of {cap.site.positions:,} positions", key="cabinets", decimals=0
        ),
        KeyFigure(
            "Annual PUE",
            energy.annual_pue if energy else None,
            "",
            note=f"one design year at the installed servers' load; {energy.architecture_title}, {energy.climate_name}"
            if energy
            else "",
            key="annual_pue",
            decimals=3,
        ),
        KeyFigure(
            "Peak facility power",
            energy.peak_facility_kw / 1000 if energy else None,
            "MW",
            note="modelled year at the utilisation profile",
            key="peak_facility_mw",
            decimals=2,
        ),
        KeyFigure(
            "Facility energy per year",
            energy.facility_energy_kwh / 1e6 if energy else None,
            "GWh",
            key="facility_energy_gwh",
            decimals=2,
        ),
        KeyFigure(
            "Energy cost per year",
            energy.facility_energy_kwh * tariff / 1e6 if energy else None,
            "M CNY",
            note=f"at {tariff:g} CNY/kWh, one design year (Scenarios: mean over the build-out)",
            key="energy_cost_mcny",
            decimals=1,
        ),
        KeyFigure(
            "CO2 per year",
            energy.emissions_kg / 1e6 if energy else None,
            "kt",
            note=f"grid factor {site.economics.grid_emission_kg_per_kwh:g} kg/kWh",
            key="co2_kt",
            decimals=1,
        ),
    ]
    for key, label in (
        ("fp64", "FP64 (Rpeak)"),
        ("fp32", "FP32"),
        ("fp16", "FP16 dense"),
        ("fp8", "FP8 dense"),
        ("int8", "INT8 dense"),
    ):
        unit = "POPS" if key == "int8" else "PFLOPS"
        incomplete = comp.site.incomplete_servers.get(key, 0)
        figs.append(
            KeyFigure(
                f"Peak {label}",
                comp.site.peak_flops[key] / 1e15,
                unit,
                note=f"{incomplete:,} servers without a published figure" if incomplete else "",
                key=f"peak_{key}",
                decimals=1,
            )
        )
    b = cap.binding
    figs.append(
        KeyFigure(
            "Binding capacity limit",
            f"{RESOURCE_LABELS.get(b.resource, b.resource)} ({b.scope})" if b else None,
            note=f"{format_use(b)} used" if b else "",
            key="binding_limit",
        )
    )
    over = over_limit(results.findings)
    worst = max(over, key=lambda f: float(f.figures.get("use", math.inf)), default=None)
    figs.append(
        KeyFigure(
            "Limits over 100 %",
            float(len(over)),
            "",
            note=worst.message if worst is not None else "every limit fits",
            key="limits_over",
            decimals=0,
        )
    )
    return tuple(figs)


# ---------------------------------------------------------------------------------------------
# The investment case: build-out schedule, cash flows and scenario comparison

BASE_SCENARIO = BASE_ID


@dataclass(frozen=True, slots=True)
class InvestmentRequest:
    """A site snapshot and the scenario whose numbers the dashboard shows."""

    snapshot: Snapshot
    active: str = BASE_SCENARIO


@dataclass(frozen=True, slots=True)
class Investment:
    """Every scenario's build-out solved, plus sensitivity and Monte Carlo of the active one."""

    comparison: Comparison | None
    active: str
    message: str  # why there are no numbers (no build-out plan, infeasible), "" when solved
    tornado: Tornado | None = None
    monte_carlo: MonteCarlo | None = None

    @property
    def active_row(self) -> ScenarioOutcome | None:
        if self.comparison is None:
            return None
        rows = self.comparison.rows
        return next((r for r in rows if r.id == self.active), rows[0] if rows else None)

    @property
    def result(self) -> PhasingResult | None:
        row = self.active_row
        return row.result if row is not None else None


def analyse_investment(
    request: InvestmentRequest, progress: ProgressFn | None = None, cancel: CancelToken | None = None
) -> Investment:
    """Solve the build-out of the base site and every scenario (energy priced by the engine)."""
    report = ProgressReporter(progress, cancel)
    site = request.snapshot.site()
    if not site.buildout.planned:
        return Investment(
            None,
            request.active,
            "This site has no build-out plan yet: add a demand forecast and build candidates "
            "(buildout section) to see schedules, cash flows and scenario comparisons.",
        )
    energy = project_energy_source(request.snapshot.base_dir)
    comparison = compare_scenarios(site, energy, progress=lambda f: report(0.85 * f), cancel=cancel)
    investment = Investment(comparison, request.active, "")
    row = investment.active_row
    if row is None or row.result is None:
        return Investment(comparison, request.active, row.problem if row else "no scenarios")
    sensitivity = tornado(row.result)
    draws = monte_carlo(row.result, progress=lambda f: report(0.85 + 0.15 * f), cancel=cancel)
    report(1.0)
    return Investment(comparison, request.active, "", sensitivity, draws)


def investment_figures(investment: Investment) -> tuple[KeyFigure, ...]:
    """Dashboard figures of the active scenario's investment case."""
    result = investment.result
    row = investment.active_row
    scope = f"scenario: {row.name}" if row is not None else ""
    if result is None:
        note = investment.message.splitlines()[0][:120] if investment.message else ""
        return (
            KeyFigure("NPV", None, "M CNY", note=note, key="npv_mcny"),
            KeyFigure("IRR", None, "%", key="irr_pct"),
            KeyFigure("Payback", None, "years", key="payback_years"),
        )
    m = result.measures
    servable = result.problem.servable
    npv_note = [part for part in (scope, f"at {m.discount_rate:.1%}") if part]
    if servable is not None and servable.capped and servable.design_it_kw > 0:
        share = servable.servable_it_kw / servable.design_it_kw
        npv_note.append(f"revenue capped at the servable {share:.0%} of design IT")
    return (
        KeyFigure(
            "NPV",
            m.npv_cny / 1e6,
            "M CNY",
            note="; ".join(npv_note),
            key="npv_mcny",
            decimals=1,
        ),
        KeyFigure("IRR", m.irr * 100 if math.isfinite(m.irr) else None, "%", note=scope, key="irr_pct", decimals=1),
        KeyFigure(
            "Payback",
            m.payback_years if math.isfinite(m.payback_years) else None,
            "years",
            note="never within the horizon" if not math.isfinite(m.payback_years) else scope,
            key="payback_years",
            decimals=1,
        ),
        KeyFigure("Capex (facility + IT)", m.capex_cny / 1e6, "M CNY", note=scope, key="capex_mcny", decimals=1),
    )
