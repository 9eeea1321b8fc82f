"""How a site's energy use scales with the IT load its built capacity carries.

The phasing engine never assumes a PUE. It asks for an :class:`EnergyCurve`: annual IT and
facility energy per kW of design IT, on a grid of IT power fractions (mean IT power / design IT
power), computed by the energy engine for the site's power chain, cooling and climate. A phase
that carries little load pays the fixed losses of its plant; the curve carries that.

Built capacity is taken to come with proportional plant (halls bring their own power and
cooling share), so a period with ``B`` kW of design IT built, carrying mean IT power ``W`` kW,
uses ``B x F(W / B)`` facility kWh per year, where ``F`` is the curve's facility energy per kW.
For the optimiser ``F`` is replaced by its lower convex hull, so that energy stays linear in the
decisions (``E >= a_k B + b_k W`` for every hull segment k); where ``F`` is convex this is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dcplanner.climate import Weather, load_weather
from dcplanner.model.site import Site

DEFAULT_GRID = np.linspace(0.0, 1.0, 21)
"""IT power fractions at which the energy engine is evaluated (0 to 100 % in 5 % steps)."""
MAX_IT_SCALE = 10.0  # the energy engine's limit on it_scale


class EnergyEngineUnavailable(RuntimeError):
    """The hourly energy engine is not part of this installation."""


@dataclass(frozen=True, slots=True)
class EnergyCurve:
    """Annual energy per kW of design IT as a function of the IT power fraction."""

    # increasing from 0 and reaching at least 1; past 1 when the site's servers draw more than its
    # cabinets' power budgets (design IT), since the site's own load is always one of the points
    it_power_fraction: np.ndarray
    it_kwh_per_kw_year: np.ndarray
    facility_kwh_per_kw_year: np.ndarray
    hour_of_day_share: np.ndarray  # (24,) share of facility energy used in each hour of the day
    source: str
    idle_power_share: float  # IT power per kW of design IT at utilisation 0 (the site's equipment mix)
    dynamic_power_share: float  # added per unit of utilisation (1.0 = full)
    design_peak_facility_kw: float | None = None  # facility peak at design IT (sizes the power chain)

    def __post_init__(self) -> None:
        x, it, fac = self.it_power_fraction, self.it_kwh_per_kw_year, self.facility_kwh_per_kw_year
        if not (x.ndim == 1 and len(x) >= 2 and x.shape == it.shape == fac.shape):
            raise ValueError("an energy curve needs at least two points with matching arrays")
        if np.any(np.diff(x) <= 0) or x[0] < 0 or x[-1] > MAX_IT_SCALE:
            raise ValueError(f"IT power fractions must increase from 0 and stay within {MAX_IT_SCALE:g}")
        if np.any(it < 0) or np.any(fac < it - 1e-9):
            raise ValueError("facility energy must be at least the IT energy, and both non-negative")
        share = self.hour_of_day_share
        if share.shape != (24,) or np.any(share < 0) or abs(share.sum() - 1) > 1e-6:
            raise ValueError("hour_of_day_share must hold 24 non-negative shares summing to 1")

    def facility_kwh_per_kw(self, x: np.ndarray | float) -> np.ndarray:
        return np.interp(x, self.it_power_fraction, self.facility_kwh_per_kw_year)

    def it_kwh_per_kw(self, x: np.ndarray | float) -> np.ndarray:
        return np.interp(x, self.it_power_fraction, self.it_kwh_per_kw_year)

    def pue(self, x: np.ndarray | float) -> np.ndarray:
        """Annual PUE at IT power fraction ``x`` (inf where no IT energy)."""
        it = self.it_kwh_per_kw(x)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(it > 0, self.facility_kwh_per_kw(x) / np.where(it > 0, it, 1.0), np.inf)

    def hull(self) -> tuple[np.ndarray, np.ndarray]:
        """Lower convex hull of the facility curve as (intercepts a_k, slopes b_k), per kW-year.

        ``F(x) >= max_k (a_k + b_k x)`` with equality at the hull vertices.
        """
        x, y = self.it_power_fraction, self.facility_kwh_per_kw_year
        hull: list[int] = []
        for j in range(len(x)):
            while len(hull) >= 2:
                i0, i1 = hull[-2], hull[-1]
                # drop i1 if it lies on or above the chord i0 -> j (collinear points merge)
                lhs = (y[i1] - y[i0]) * (x[j] - x[i0])
                rhs = (y[j] - y[i0]) * (x[i1] - x[i0])
                if lhs >= rhs - 1e-12 * (abs(lhs) + abs(rhs)):
                    hull.pop()
                else:
                    break
            hull.append(j)
        h = np.array(hull)
        slopes = np.diff(y[h]) / np.diff(x[h])
        intercepts = y[h[:-1]] - slopes * x[h[:-1]]
        return intercepts, slopes

    @property
    def is_convex(self) -> bool:
        a, b = self.hull()
        envelope = np.max(a[:, None] + b[:, None] * self.it_power_fraction[None, :], axis=0)
        scale = max(float(np.max(self.facility_kwh_per_kw_year)), 1.0)
        return bool(np.all(self.facility_kwh_per_kw_year - envelope <= 1e-9 * scale))

    def effective_tariff(self, flat_cny_per_kwh: float, hourly_price: np.ndarray | None) -> float:
        """Energy-weighted price per kWh with time-of-use prices by hour of day (flat if none)."""
        if hourly_price is None:
            return flat_cny_per_kwh
        return float(np.dot(self.hour_of_day_share, hourly_price))


EnergyCurveSource = Callable[[Site], EnergyCurve]
"""What the phasing engine needs from the energy engine: the curve of one (scenario) site."""


def project_energy_source(
    base_dir: Path | None = None, weather: Weather | None = None, grid: np.ndarray = DEFAULT_GRID
) -> EnergyCurveSource:
    """The production source: the energy engine, with climate files resolved beside the project.

    ``weather`` replaces every site's own climate; otherwise weather is loaded once per climate
    (scenarios of one site usually share it).
    """
    cache: dict[tuple, Weather] = {}

    def source(site: Site) -> EnergyCurve:
        if weather is not None:
            return engine_energy_curve(site, weather, base_dir=base_dir, grid=grid)
        ref, loc = site.climate, site.location
        key = (ref.source, ref.builtin_id, ref.path, loc.latitude_deg, loc.longitude_deg, loc.elevation_m)
        if key not in cache:
            cache[key] = load_weather(ref, base_dir, loc)
        return engine_energy_curve(site, cache[key], base_dir=base_dir, grid=grid)

    return source


def engine_energy_curve(
    site: Site, weather: Weather | None = None, *, base_dir: Path | None = None, grid: np.ndarray = DEFAULT_GRID
) -> EnergyCurve:
    """The site's curve from the hourly energy engine, in one batch over IT load levels.

    The engine runs the site's own power chain, cooling plant and climate with its IT in
    service scaled by ``it_scale`` (its utilisation profile kept), on a grid spanning IT power
    fractions 0 to 1 of the design IT power plus the site's own load; one plain hourly run at the site's own load gives
    how the facility energy falls over the hours of the day (for time-of-use prices). Energies
    are scaled to a 365-day year.
    """
    try:
        from dcplanner.solvers.energy import annual_energy_at_loads, solve_energy
        from dcplanner.solvers.energy.itload import build_it_model
    except ImportError:
        raise EnergyEngineUnavailable(
            "energy cost needs the hourly energy engine (dcplanner.solvers.energy), which is not installed "
            "in this build; phasing will not guess a PUE"
        ) from None
    year = weather if weather is not None else load_weather(site.climate, base_dir, site.location)
    it = build_it_model(site)
    design_kw = it.design_kw
    hourly = solve_energy(site, year, base_dir=base_dir)
    mean_power_kw = float(hourly.it_kw.mean())
    if design_kw <= 0 or mean_power_kw <= 0:
        raise EnergyEngineUnavailable(f"{site.id}: the site has no IT load to scale the energy curve from")
    # it_scale s puts s x (the site's IT power) in service: IT power fraction s x mean power / design;
    # s = 1 (the site as designed, at its own utilisation) is always one of the points. Its fraction
    # passes 1 when the servers draw more than the cabinets' budgets (design_kw edited below the
    # servers' power): the curve then runs past 1 rather than dropping the site's own load.
    scales = np.union1d(np.clip(np.asarray(grid, dtype=float) * design_kw / mean_power_kw, 0.0, MAX_IT_SCALE), [1.0])
    batch = annual_energy_at_loads(site, year, it_scale=scales, base_dir=base_dir)
    to_year = 8760.0 / year.hours
    it_kwh = batch.it_energy_kwh * to_year / design_kw
    fac_kwh = batch.facility_energy_kwh * to_year / design_kw
    x = it_kwh / 8760.0
    keep = np.concatenate([[True], np.diff(x) > 1e-12])  # the clip can repeat the last level
    by_hour = np.bincount(np.asarray(hourly.hour_of_day, dtype=int), weights=hourly.total_kw, minlength=24)
    return EnergyCurve(
        it_power_fraction=x[keep],
        it_kwh_per_kw_year=it_kwh[keep],
        facility_kwh_per_kw_year=fac_kwh[keep],
        hour_of_day_share=by_hour / by_hour.sum(),
        source=f"energy engine, {site.cooling.architecture}, climate {year.name} ({year.kind})",
        idle_power_share=it.idle_kw / design_kw,
        dynamic_power_share=it.dynamic_kw / design_kw,
        design_peak_facility_kw=hourly.design_peak_facility_kw,
    )
