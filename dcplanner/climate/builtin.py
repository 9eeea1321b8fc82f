"""Built-in climates: monthly statistics in ``resources/climate/*.json`` (engine layer).

Each file holds one climate's statistics (:class:`~dcplanner.climate.statistics.ClimateStatistics`)
with, for every figure, the file and fields it was derived from and how. They are written by
``scripts/derive_builtin_climates.py`` from the CSWD EPW files; the hourly year the engine runs
on is synthesised from them on first use and cached for the session.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from dcplanner.climate.statistics import ClimateStatistics, synthesise_year
from dcplanner.climate.weather import WEEKDAYS, Weather
from resources import resource_path

BUILTIN_DIR = resource_path("climate")
FORMAT = "dcplanner.climate_statistics"
FORMAT_VERSION = 1

_MATRICES = (
    "dry_bulb_quantiles_c",
    "wet_bulb_quantiles_c",
    "depression_quantiles_k",
    "dry_bulb_diurnal_c",
    "depression_diurnal_k",
    "dry_bulb_variance_shares",
    "depression_variance_shares",
    "daily_autocorrelation",
    "hourly_autocorrelation",
    "scale_correlation",
    "pressure_mean_pa",
)
_UNITS = {
    "dry_bulb_quantiles_c": "°C",
    "wet_bulb_quantiles_c": "°C",
    "depression_quantiles_k": "K",
    "dry_bulb_diurnal_c": "K",
    "depression_diurnal_k": "K",
    "pressure_mean_pa": "Pa",
}
_DECIMALS = {"pressure_mean_pa": 0}


class UnknownClimateError(KeyError):
    """A built-in climate id that does not exist."""


@dataclass(frozen=True, slots=True)
class BuiltinClimate:
    """What the climate picker shows for one built-in climate."""

    id: str
    name: str
    kind: str
    latitude_deg: float
    longitude_deg: float
    elevation_m: float
    description: str


def statistics_to_json(stats: ClimateStatistics, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """JSON form of a climate's statistics, each figure with its unit and source."""
    figures = {}
    for key in _MATRICES:
        value = np.asarray(getattr(stats, key))
        figures[key] = {
            "unit": _UNITS.get(key, "1"),
            "source": stats.sources.get(key, ""),
            "values": np.round(value, _DECIMALS.get(key, 4)).tolist(),
        }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": stats.id,
        "name": stats.name,
        "kind": stats.kind,
        "description": stats.description,
        "latitude_deg": round(stats.latitude_deg, 4),
        "longitude_deg": round(stats.longitude_deg, 4),
        "elevation_m": round(stats.elevation_m, 1),
        "time_zone_h": stats.time_zone_h,
        "first_weekday": WEEKDAYS[stats.first_weekday],
        "source_files": list(stats.source_files),
        "quantile_levels": list(stats.quantile_levels),
        "statistics": figures,
        **(extra or {}),
    }


def statistics_from_json(doc: dict[str, Any]) -> ClimateStatistics:
    """Read the JSON form back (the inverse of :func:`statistics_to_json`)."""
    if doc.get("format") != FORMAT or doc.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"not a {FORMAT} version {FORMAT_VERSION} document")
    figures = doc["statistics"]
    return ClimateStatistics(
        id=doc["id"],
        name=doc["name"],
        kind=doc["kind"],
        latitude_deg=float(doc["latitude_deg"]),
        longitude_deg=float(doc["longitude_deg"]),
        elevation_m=float(doc["elevation_m"]),
        time_zone_h=float(doc["time_zone_h"]),
        first_weekday=WEEKDAYS.index(doc["first_weekday"]),
        quantile_levels=tuple(float(q) for q in doc["quantile_levels"]),
        description=doc.get("description", ""),
        sources={k: v.get("source", "") for k, v in figures.items()},
        source_files=tuple(doc.get("source_files", ())),
        **{k: np.asarray(figures[k]["values"], dtype=np.float64) for k in _MATRICES},
    )


@functools.cache
def _documents() -> dict[str, dict[str, Any]]:
    docs = {}
    for path in sorted(BUILTIN_DIR.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        docs[doc["id"]] = doc
    return docs


def builtin_ids() -> tuple[str, ...]:
    """Ids of every built-in climate, sorted."""
    return tuple(sorted(_documents()))


def list_builtin() -> list[BuiltinClimate]:
    """Every built-in climate with its location and description."""
    return [
        BuiltinClimate(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            latitude_deg=d["latitude_deg"],
            longitude_deg=d["longitude_deg"],
            elevation_m=d["elevation_m"],
            description=d.get("description", ""),
        )
        for d in (_documents()[i] for i in builtin_ids())
    ]


def builtin_statistics(ident: str) -> ClimateStatistics:
    """The stored statistics of a built-in climate."""
    docs = _documents()
    if ident not in docs:
        raise UnknownClimateError(f"no built-in climate {ident!r}; built-in climates: {', '.join(builtin_ids())}")
    return statistics_from_json(docs[ident])


@functools.cache
def builtin_weather(ident: str) -> Weather:
    """The synthesised typical year of a built-in climate (cached)."""
    return synthesise_year(builtin_statistics(ident))
