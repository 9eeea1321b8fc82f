"""IT load: power of every cabinet between idle and full, and the hourly utilisation (engine layer).

Power model (pue_model §6.1): P = P_idle + (P_max − P_idle) × u. Cabinets that hold servers
use the servers' catalog idle and maximum power; cabinets with no servers listed are taken at
their power budget ``design_kw`` with the site's ``it_load.idle_fraction``. Because every
cabinet follows the same utilisation, the site's IT power is ``idle_kw + dynamic_kw × u[t]``,
and the liquid-captured share (cabinet types' ``liquid_fraction``) is linear in ``u`` as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dcplanner.climate.hourly_csv import Column, read_hourly_table
from dcplanner.climate.load import resolve_path
from dcplanner.climate.weather import Weather, WeatherFileError
from dcplanner.model.catalog import HardwareIndex
from dcplanner.model.site import ItLoad, Site
from dcplanner.solvers.inventory import CabinetInventory, build_inventory

UTILISATION_COLUMN = Column("utilisation", ("utilisation", "utilization", "u", "load"), 0.0, 1.0, "")


@dataclass(frozen=True, slots=True)
class ItModel:
    """Site IT power as a straight line in utilisation, with its liquid-cooled part."""

    design_kw: float  # sum of cabinet power budgets (sizing basis)
    idle_kw: float  # at utilisation 0
    dynamic_kw: float  # added between utilisation 0 and 1
    liquid_idle_kw: float
    liquid_dynamic_kw: float
    white_space_m2: float
    cabinets_with_servers: int
    cabinets_by_budget: int

    @property
    def full_kw(self) -> float:
        return self.idle_kw + self.dynamic_kw

    def power_kw(self, utilisation: ArrayLike) -> NDArray[np.float64]:
        return self.idle_kw + self.dynamic_kw * np.asarray(utilisation, dtype=np.float64)

    def liquid_kw(self, utilisation: ArrayLike) -> NDArray[np.float64]:
        return self.liquid_idle_kw + self.liquid_dynamic_kw * np.asarray(utilisation, dtype=np.float64)

    @property
    def liquid_fraction_at_full(self) -> float:
        full = self.full_kw
        return (self.liquid_idle_kw + self.liquid_dynamic_kw) / full if full > 0 else 0.0


def build_it_model(
    site: Site, hw: HardwareIndex | None = None, inventory: list[CabinetInventory] | None = None
) -> ItModel:
    """Idle and dynamic IT power of a validated site, summed over its cabinets."""
    invs = inventory if inventory is not None else build_inventory(site, hw)
    f_idle = site.it_load.idle_fraction
    idle = dyn = l_idle = l_dyn = 0.0
    with_servers = by_budget = 0
    for inv in invs:
        if inv.cabinet.servers:
            i_kw, d_kw = inv.idle_kw, max(inv.loaded_kw - inv.idle_kw, 0.0)
            with_servers += 1
        else:
            i_kw, d_kw = inv.cabinet.design_kw * f_idle, inv.cabinet.design_kw * (1.0 - f_idle)
            by_budget += 1
        share = inv.ctype.liquid_fraction if inv.ctype.cooling != "air" else 0.0
        idle += i_kw
        dyn += d_kw
        l_idle += share * i_kw
        l_dyn += share * d_kw
    return ItModel(
        design_kw=sum(inv.cabinet.design_kw for inv in invs),
        idle_kw=idle,
        dynamic_kw=dyn,
        liquid_idle_kw=l_idle,
        liquid_dynamic_kw=l_dyn,
        white_space_m2=sum(h.width_m * h.depth_m for h in site.halls),
        cabinets_with_servers=with_servers,
        cabinets_by_budget=by_budget,
    )


def daily_weekly_shape(it_load: ItLoad, weather: Weather) -> NDArray[np.float64]:
    """Relative load by hour (mean 1 over the year): a cosine daily cycle peaking at ``peak_hour``
    with peak-to-trough ``daily_swing``, weekends scaled by ``weekend_factor`` [U: planning shape].
    """
    hour = np.asarray(weather.hour, dtype=np.float64)
    daily = 1.0 + 0.5 * it_load.daily_swing * np.cos(2.0 * np.pi * (hour - it_load.peak_hour) / 24.0)
    weekend = np.where(weather.weekday >= 5, it_load.weekend_factor, 1.0)
    shape = daily * weekend
    return shape / shape.mean()


def _fit_year(values: NDArray[np.float64], weather: Weather) -> NDArray[np.float64]:
    """Match a profile year to the weather year (drop or repeat 29 February)."""
    if values.size == weather.hours:
        return values
    feb29 = slice(59 * 24, 60 * 24)
    if values.size == 8784 and weather.hours == 8760:
        return np.concatenate([values[: feb29.start], values[feb29.stop :]])
    return np.concatenate([values[: feb29.start], values[feb29.start - 24 : feb29.start], values[feb29.start :]])


def read_utilisation_csv(path: str | Path) -> NDArray[np.float64]:
    """An hourly utilisation year (0–1) from a CSV with a ``utilisation`` column."""
    return read_hourly_table(path, [UTILISATION_COLUMN]).columns["utilisation"]


def utilisation_profile(
    it_load: ItLoad, weather: Weather, base_dir: Path | None = None, override: ArrayLike | None = None
) -> NDArray[np.float64]:
    """Hourly utilisation (0–1) for the weather year: flat, daily/weekly shape or CSV.

    ``override`` (a number or an hourly array) replaces the site's profile, e.g. for what-ifs.
    Shaped profiles are clipped to 0–1 after scaling to the mean utilisation.
    """
    n = weather.hours
    if override is not None:
        u = np.broadcast_to(np.asarray(override, dtype=np.float64), (n,))
        if np.any(u < 0) or np.any(u > 1):
            raise ValueError("utilisation must lie between 0 and 1")
        return np.array(u)
    if it_load.profile == "flat":
        return np.full(n, it_load.utilisation)
    if it_load.profile == "daily_weekly":
        return np.clip(it_load.utilisation * daily_weekly_shape(it_load, weather), 0.0, 1.0)
    if not it_load.csv_path:
        raise WeatherFileError("it_load.csv_path", "a 'csv' utilisation profile needs a file path")
    return _fit_year(read_utilisation_csv(resolve_path(it_load.csv_path, base_dir)), weather)
