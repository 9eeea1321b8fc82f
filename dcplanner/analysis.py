"""Everything the GUI shows for one snapshot of a site, solved in one call (engine layer).

The desktop app solves a snapshot of the open site after each edit, in a worker thread: this is
the function it runs. It loads the site's climate (cached per file), solves capacity, compute
and the hourly energy year, and turns them into the dashboard's key figures. Snapshots travel
as pickled bytes so taking one on the GUI thread costs a few milliseconds.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

from dcplanner.climate import Weather, load_weather
from dcplanner.model.site import Site
from dcplanner.report import SiteResults, solve_site
from dcplanner.solvers.capacity import RESOURCE_LABELS
from dcplanner.solvers.progress import CancelToken, ProgressFn, ProgressReporter


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
class KeyFigure:
    """One dashboard figure: a value with its unit, or ``None`` when it cannot be computed."""

    key: str
    label: str
    value: float | str | None
    unit: str = ""
    decimals: int = 1
    note: str = ""

    def text(self) -> str:
        if self.value is None:
            return "—"
        if isinstance(self.value, str):
            return self.value
        return f"{self.value:,.{self.decimals}f}"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Results of one snapshot: solver results, the weather year and the key figures."""

    results: SiteResults
    weather: Weather | None
    figures: tuple[KeyFigure, ...]

    def figure(self, key: str) -> KeyFigure:
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)


def analyse(snapshot: Snapshot, progress: ProgressFn | None = None, cancel: CancelToken | None = None) -> Analysis:
    """Solve a snapshot for the GUI. Raises the solvers' errors (bad climate, bad parameters)."""
    report = ProgressReporter(progress, cancel)
    report(0.0)
    site = snapshot.site()
    report(0.1)
    weather = load_weather(site.climate, snapshot.base_dir, site.location)
    report(0.4)
    results = solve_site(site, energy=True, weather=weather, base_dir=snapshot.base_dir)
    report(1.0)
    return Analysis(results, weather if results.energy is not None else None, key_figures(results))


def key_figures(results: SiteResults) -> tuple[KeyFigure, ...]:
    """The summary dashboard's figures, each with its unit."""
    site, cap, comp, energy = results.site, results.capacity, results.compute, results.energy
    tariff = site.economics.electricity_tariff_cny_per_kwh
    figs = [
        KeyFigure("design_it_mw", "Design IT load", cap.site.design_kw / 1000, "MW", 2),
        KeyFigure("loaded_it_mw", "Loaded IT (servers at maximum)", cap.site.loaded_kw / 1000, "MW", 2),
        KeyFigure("cabinets", "Cabinets", float(cap.site.cabinets), f"of {cap.site.positions:,} positions", 0),
        KeyFigure(
            "annual_pue",
            "Annual PUE",
            energy.annual_pue if energy else None,
            "",
            3,
            note=f"{energy.architecture}, {energy.climate_name}" if energy else "",
        ),
        KeyFigure(
            "peak_facility_mw",
            "Peak facility power",
            energy.peak_facility_kw / 1000 if energy else None,
            "MW",
            2,
            note="modelled year at the utilisation profile",
        ),
        KeyFigure(
            "facility_energy_gwh",
            "Facility energy per year",
            energy.facility_energy_kwh / 1e6 if energy else None,
            "GWh",
            2,
        ),
        KeyFigure(
            "energy_cost_mcny",
            "Energy cost per year",
            energy.facility_energy_kwh * tariff / 1e6 if energy else None,
            "M CNY",
            1,
            note=f"at {tariff:g} CNY/kWh",
        ),
        KeyFigure(
            "co2_kt",
            "CO2 per year",
            energy.emissions_kg / 1e6 if energy else None,
            "kt",
            1,
            note=f"grid factor {site.economics.grid_emission_kg_per_kwh:g} kg/kWh",
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
                f"peak_{key}",
                f"Peak {label}",
                comp.site.peak_flops[key] / 1e15,
                unit,
                1,
                note=f"{incomplete:,} servers without a published figure" if incomplete else "",
            )
        )
    b = cap.binding
    figs.append(
        KeyFigure(
            "binding_limit",
            "Binding capacity limit",
            f"{RESOURCE_LABELS.get(b.resource, b.resource)} ({b.scope})" if b else None,
            note=f"{b.utilisation:.0%} used" if b else "",
        )
    )
    return tuple(figs)
