"""Monthly climate statistics and the typical year synthesised from them (engine layer).

Built-in climates ship as a handful of figures per calendar month, derived from real hourly
files (see ``scripts/derive_builtin_climates.py``), not as the hourly files themselves:

* the distribution of dry bulb and of wet bulb (percentiles at :data:`QUANTILE_LEVELS`),
* the mean daily cycle of each (24 hourly offsets from the monthly mean),
* how the month's variance splits between day-to-day swings, the daily cycle and the rest,
  and how persistent the daily means are (lag-1 autocorrelation),
* the dependence between dry and wet bulb, separately for day-to-day swings and for the
  hour-to-hour remainder,
* the mean station pressure.

:func:`synthesise_year` turns these back into 8,760 hours. A latent Gaussian field gets the
day-to-day persistence, the daily cycle and the dry/wet-bulb dependence; within each month its
values are then replaced, rank for rank, by the stored percentiles, so the synthetic month has
the measured distribution of dry and wet bulb by construction (the weight of the daily cycle is
tuned so that the mapped cycle keeps its stored amplitude). The dew point follows from dry
bulb, wet bulb and pressure (ASHRAE eqn 33/35). The random stream is seeded from the climate
id, so a built-in climate is the same year every time.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dcplanner.climate import psychro
from dcplanner.climate.weather import DAYS_IN_MONTH, Weather, WeatherKind, make_weather

QUANTILE_LEVELS = (
    0.0,
    0.005,
    0.01,
    0.025,
    0.05,
    0.075,
    *(round(0.1 + 0.05 * k, 2) for k in range(17)),
    0.925,
    0.95,
    0.975,
    0.99,
    0.995,
    1.0,
)
"""Percentile levels stored per month (finer in the tails, where the mode thresholds bite)."""

Matrix = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ClimateStatistics:
    """Monthly statistics of one climate; every array has 12 rows (January first)."""

    id: str
    name: str
    kind: WeatherKind  # "synthesised" from one file, or "derived" from several
    latitude_deg: float
    longitude_deg: float
    elevation_m: float
    time_zone_h: float
    first_weekday: int
    dry_bulb_quantiles_c: Matrix  # (12, len(QUANTILE_LEVELS))
    wet_bulb_quantiles_c: Matrix
    dry_bulb_diurnal_c: Matrix  # (12, 24) mean offset of each hour from the monthly mean
    depression_quantiles_k: Matrix  # wet-bulb depression (dry minus wet bulb)
    depression_diurnal_k: Matrix
    dry_bulb_variance_shares: Matrix  # (12, 3): day-to-day, daily cycle, residual
    depression_variance_shares: Matrix
    daily_autocorrelation: Matrix  # (12, 2): lag-1 autocorrelation of daily means, dry bulb and depression
    hourly_autocorrelation: Matrix  # (12, 2): lag-1 of the residual hourly anomalies
    scale_correlation: Matrix  # (12, 2) dry bulb vs depression: daily-mean anomalies, hourly residuals
    pressure_mean_pa: Matrix  # (12,)
    quantile_levels: tuple[float, ...] = QUANTILE_LEVELS
    description: str = ""
    sources: dict[str, str] = field(default_factory=dict)  # statistic name -> where it came from
    source_files: tuple[dict[str, Any], ...] = ()


def _month_slices(leap: bool = False) -> list[slice]:
    days = list(DAYS_IN_MONTH)
    if leap:
        days[1] = 29
    edges = np.concatenate([[0], np.cumsum(days) * 24])
    return [slice(int(edges[m]), int(edges[m + 1])) for m in range(12)]


def _lag1(x: NDArray[np.float64]) -> float:
    if x.size < 3 or np.std(x) == 0:
        return 0.0
    return float(np.clip(np.corrcoef(x[:-1], x[1:])[0, 1], -0.99, 0.99))


def _decompose(values: NDArray[np.float64]) -> tuple[NDArray, NDArray, NDArray]:
    """Daily-mean anomalies (days), mean daily cycle (24) and residual (days, 24) of a month."""
    grid = values.reshape(-1, 24)
    mean = grid.mean()
    diurnal = grid.mean(axis=0) - mean
    daily = grid.mean(axis=1) - mean
    residual = grid - mean - daily[:, None] - diurnal[None, :]
    return daily, diurnal, residual


def _structure(values: NDArray[np.float64]) -> tuple[NDArray, NDArray, float, float]:
    """Diurnal offsets (24), variance shares (3), daily and hourly lag-1 autocorrelation."""
    daily, diurnal, residual = _decompose(values)
    parts = np.array([np.var(daily), np.var(diurnal), np.var(residual)])
    shares = parts / parts.sum() if parts.sum() > 0 else np.array([0.0, 0.0, 1.0])
    return diurnal, shares, _lag1(daily), _lag1(residual.ravel())


def _corr(a: NDArray[np.float64], b: NDArray[np.float64]) -> float:
    if np.std(a) == 0 or np.std(b) == 0:
        return 0.0
    return float(np.clip(np.corrcoef(a.ravel(), b.ravel())[0, 1], -0.999, 0.999))


def monthly_statistics(
    weathers: list[Weather], weights: list[float], *, ident: str, name: str, kind: WeatherKind, description: str = ""
) -> ClimateStatistics:
    """Statistics of one weather year, or the weighted blend of several (leap days dropped).

    Percentiles blend by averaging the quantile functions (Vincentisation), the other figures
    by weighted means; the location is the weighted mean of the inputs' unless overridden later.
    """
    wts = np.asarray(weights, dtype=np.float64)
    wts = wts / wts.sum()
    levels = np.asarray(QUANTILE_LEVELS)
    acc: dict[str, Matrix] = {}

    def add(key: str, value: Any, w: float) -> None:
        acc[key] = acc.get(key, 0.0) + w * np.asarray(value, dtype=np.float64)

    for weather, w in zip(weathers, wts, strict=True):
        leap = weather.hours != 8760
        for m, sl in enumerate(_month_slices(leap)):
            if leap and m == 1:
                sl = slice(sl.start, sl.stop - 24)  # drop 29 February
            db = np.asarray(weather.dry_bulb_c[sl])
            wb = np.asarray(weather.wet_bulb_c[sl])
            dep = db - wb
            row = np.zeros(12)
            row[m] = 1.0
            add("dbq", np.outer(row, np.quantile(db, levels)), w)
            add("wbq", np.outer(row, np.quantile(wb, levels)), w)
            add("dpq", np.outer(row, np.quantile(dep, levels)), w)
            d_diu, d_sh, d_ac, d_hac = _structure(db)
            w_diu, w_sh, w_ac, w_hac = _structure(dep)
            add("dbd", np.outer(row, d_diu), w)
            add("wbd", np.outer(row, w_diu), w)
            add("dbs", np.outer(row, d_sh), w)
            add("wbs", np.outer(row, w_sh), w)
            add("dac", np.outer(row, [d_ac, w_ac]), w)
            add("hac", np.outer(row, [d_hac, w_hac]), w)
            d_day, _, d_res = _decompose(db)
            w_day, _, w_res = _decompose(dep)
            add("rho", np.outer(row, [_corr(d_day, w_day), _corr(d_res, w_res)]), w)
            add("p", row * float(np.mean(weather.pressure_pa[sl])), w)
    return ClimateStatistics(
        id=ident,
        name=name,
        kind=kind,
        latitude_deg=float(sum(w * x.latitude_deg for x, w in zip(weathers, wts, strict=True))),
        longitude_deg=float(sum(w * x.longitude_deg for x, w in zip(weathers, wts, strict=True))),
        elevation_m=float(sum(w * x.elevation_m for x, w in zip(weathers, wts, strict=True))),
        time_zone_h=weathers[0].time_zone_h,
        first_weekday=weathers[0].first_weekday,
        dry_bulb_quantiles_c=acc["dbq"],
        wet_bulb_quantiles_c=np.minimum(acc["wbq"], acc["dbq"]),
        dry_bulb_diurnal_c=acc["dbd"],
        depression_quantiles_k=np.maximum(acc["dpq"], 0.0),
        depression_diurnal_k=acc["wbd"],
        dry_bulb_variance_shares=acc["dbs"],
        depression_variance_shares=acc["wbs"],
        daily_autocorrelation=acc["dac"],
        hourly_autocorrelation=acc["hac"],
        scale_correlation=acc["rho"],
        pressure_mean_pa=acc["p"],
        description=description,
    )


def _ar1(rng: np.random.Generator, n: int, phi: NDArray[np.float64]) -> NDArray[np.float64]:
    """Unit-variance AR(1) series with a coefficient per step (loop over days, not hours)."""
    e = rng.standard_normal(n)
    out = np.empty(n)
    out[0] = e[0]
    for k in range(1, n):
        out[k] = phi[k] * out[k - 1] + np.sqrt(1.0 - phi[k] ** 2) * e[k]
    return out


def _ar1_hourly(rng: np.random.Generator, n: int, phi: NDArray[np.float64]) -> NDArray[np.float64]:
    """Unit-variance AR(1) over hours with one coefficient per month.

    The recursion y[k] = x[k] + p * y[k-1] runs on Python floats: the same operations, in the
    same order, as a first-order direct-form-II-transposed filter (scipy.signal.lfilter with
    b = [1], a = [1, -p]), without importing scipy.signal (about 0.7 s) for 8,760 steps.
    """
    e = rng.standard_normal(n)
    out: list[float] = []
    y = 0.0
    for m, sl in enumerate(_month_slices()):
        p = float(phi[m])
        seg = (e[sl] * np.sqrt(1.0 - p * p)).tolist()
        seg[0] = float(e[sl.start])
        for x in seg:
            y = x + p * y
            out.append(y)
    return np.array(out)


@dataclass(frozen=True, slots=True)
class _Components:
    """Unit-variance parts of a latent field: daily anomalies, daily-cycle shape, hourly residual."""

    day: NDArray[np.float64]
    cycle: NDArray[np.float64]
    residual: NDArray[np.float64]


_HOURS_MONTH = np.repeat(np.arange(12), np.asarray(DAYS_IN_MONTH) * 24)


def _components(
    rng: np.random.Generator,
    diurnal: Matrix,
    daily_ac: NDArray[np.float64],
    hourly_ac: NDArray[np.float64],
    partner: _Components | None = None,
    correlation: Matrix | None = None,
) -> _Components:
    """Random parts of one variable; with a ``partner``, its daily and residual parts are
    correlated with the partner's at the given (12, 2) correlations."""
    days_month = np.repeat(np.arange(12), DAYS_IN_MONTH)
    day_part = np.repeat(_ar1(rng, 365, daily_ac[days_month]), 24)
    resid = _ar1_hourly(rng, 8760, hourly_ac)
    if partner is not None and correlation is not None:
        r_day = correlation[_HOURS_MONTH, 0]
        r_res = correlation[_HOURS_MONTH, 1]
        day_part = r_day * partner.day + np.sqrt(1.0 - r_day**2) * day_part
        resid = r_res * partner.residual + np.sqrt(1.0 - r_res**2) * resid
    sd = diurnal.std(axis=1, keepdims=True)
    shape = np.divide(diurnal, sd, out=np.zeros_like(diurnal), where=sd > 0)
    cycle = shape[_HOURS_MONTH, np.tile(np.arange(24), 365)]
    return _Components(day_part, cycle, resid)


def _combine(parts: _Components, shares: Matrix, cycle_gain: NDArray[np.float64]) -> NDArray[np.float64]:
    s = np.sqrt(np.maximum(shares, 0.0))[_HOURS_MONTH]
    return s[:, 0] * parts.day + (s[:, 1] * cycle_gain[_HOURS_MONTH]) * parts.cycle + s[:, 2] * parts.residual


def _cycle_amplitude(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Standard deviation of each month's mean daily cycle."""
    out = np.empty(12)
    for m, sl in enumerate(_month_slices()):
        out[m] = values[sl].reshape(-1, 24).mean(axis=0).std()
    return out


def _map_to_quantiles(latent: NDArray[np.float64], quantiles: Matrix, levels: NDArray[np.float64]) -> NDArray:
    """Within each month, give the k-th smallest latent value the month's k-th plotting-position quantile."""
    out = np.empty_like(latent)
    for m, sl in enumerate(_month_slices()):
        x = latent[sl]
        ranks = np.argsort(np.argsort(x, kind="stable"), kind="stable")
        probs = (ranks + 0.5) / x.size
        out[sl] = np.interp(probs, levels, quantiles[m])
    return out


def _fit_cycle(
    parts: _Components, shares: Matrix, diurnal: Matrix, quantiles: Matrix, levels: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Latent field whose mapped values reproduce the stored daily-cycle amplitude.

    Mapping ranks onto a skewed distribution changes the daily cycle's amplitude, so the
    cycle's weight is corrected by the ratio of target to obtained amplitude (3 passes; the
    random parts stay the same, so the result is deterministic).
    """
    target = diurnal.std(axis=1)
    gain = np.ones(12)
    for _ in range(3):
        latent = _combine(parts, shares, gain)
        got = _cycle_amplitude(_map_to_quantiles(latent, quantiles, levels))
        gain = gain * np.divide(target, got, out=np.ones(12), where=got > 1e-6)
    return _combine(parts, shares, gain)


def synthesise_year(stats: ClimateStatistics) -> Weather:
    """An hourly typical year (8,760 h) with the statistics' monthly distributions."""
    rng = np.random.default_rng(zlib.crc32(stats.id.encode("utf-8")))
    levels = np.asarray(stats.quantile_levels)
    dac, hac = stats.daily_autocorrelation, stats.hourly_autocorrelation
    db_parts = _components(rng, stats.dry_bulb_diurnal_c, dac[:, 0], hac[:, 0])
    dep_parts = _components(
        rng, stats.depression_diurnal_k, dac[:, 1], hac[:, 1], partner=db_parts, correlation=stats.scale_correlation
    )
    latent_db = _fit_cycle(
        db_parts, stats.dry_bulb_variance_shares, stats.dry_bulb_diurnal_c, stats.dry_bulb_quantiles_c, levels
    )
    latent_dep = _fit_cycle(
        dep_parts, stats.depression_variance_shares, stats.depression_diurnal_k, stats.depression_quantiles_k, levels
    )
    t_db = _map_to_quantiles(latent_db, stats.dry_bulb_quantiles_c, levels)
    # wet bulb ordered as dry bulb minus depression, then given the stored wet-bulb distribution
    first_guess = t_db - _map_to_quantiles(latent_dep, stats.depression_quantiles_k, levels)
    t_wb = np.minimum(_map_to_quantiles(first_guess, stats.wet_bulb_quantiles_c, levels), t_db)
    pressure = stats.pressure_mean_pa[_HOURS_MONTH]
    w = psychro.humidity_ratio_from_wet_bulb(t_db, t_wb, pressure)
    t_dp = psychro.dew_point_from_humidity_ratio(t_db, w, pressure)
    return make_weather(
        name=stats.name,
        source=f"built-in climate {stats.id!r}: typical year synthesised from monthly statistics",
        kind=stats.kind,
        latitude_deg=stats.latitude_deg,
        longitude_deg=stats.longitude_deg,
        elevation_m=stats.elevation_m,
        time_zone_h=stats.time_zone_h,
        first_weekday=stats.first_weekday,
        dry_bulb_c=t_db,
        dew_point_c=t_dp,
        pressure_pa=pressure,
        notes=(stats.description,) if stats.description else (),
    )


STANDARD_LAPSE_K_PER_M = 0.0065
"""ICAO standard-atmosphere temperature lapse rate, 6.5 K/km (ISO 2533)."""


def move_to_elevation(weather: Weather, elevation_m: float, lapse_k_per_m: float = STANDARD_LAPSE_K_PER_M) -> Weather:
    """A weather year carried to another elevation: dry bulb and dew point shifted by the lapse
    rate (so the dew-point depression, and roughly the relative humidity, is kept) and the
    pressure scaled by the standard atmosphere's ratio.
    """
    dz = elevation_m - weather.elevation_m
    ratio = float(psychro.standard_pressure_pa(elevation_m) / psychro.standard_pressure_pa(weather.elevation_m))
    return make_weather(
        name=weather.name,
        source=weather.source,
        kind="derived",
        latitude_deg=weather.latitude_deg,
        longitude_deg=weather.longitude_deg,
        elevation_m=elevation_m,
        time_zone_h=weather.time_zone_h,
        first_weekday=weather.first_weekday,
        dry_bulb_c=weather.dry_bulb_c - lapse_k_per_m * dz,
        dew_point_c=weather.dew_point_c - lapse_k_per_m * dz,
        pressure_pa=weather.pressure_pa * ratio,
    )


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a 6,371 km sphere."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return float(2 * 6371.0 * np.arcsin(np.sqrt(a)))
