"""Derive the built-in climates in ``resources/climate/`` from the CSWD EPW files.

For every EPW in the folder (default ``../shared/climate`` beside the repository) this writes one JSON file of
monthly statistics (:mod:`dcplanner.climate.statistics`), naming for each figure the file,
the fields and the method. Anshun (WMO 57806) has no hourly file: it is derived from Guiyang
and Xingren (CSWD file "Xingyi", WMO 57902), each carried to Anshun's elevation with the
standard lapse rate and blended by inverse distance, and is labelled as derived.

Run: ``python scripts/derive_builtin_climates.py [EPW_FOLDER]``; the output is deterministic.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dcplanner.climate.builtin import BUILTIN_DIR, statistics_to_json  # noqa: E402
from dcplanner.climate.epw import read_epw  # noqa: E402
from dcplanner.climate.statistics import (  # noqa: E402
    STANDARD_LAPSE_K_PER_M,
    ClimateStatistics,
    great_circle_km,
    monthly_statistics,
    move_to_elevation,
)
from dcplanner.climate.weather import Weather  # noqa: E402

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "climate"
DATASET = (
    "CSWD, Chinese Standard Weather Data for Analyzing Building Thermal Conditions (China Meteorological "
    "Bureau Climate Information Center and Tsinghua University), EPW edition from the EnergyPlus weather-data site"
)

# id -> (EPW file, display name)
STATIONS = {
    "guiyang": ("CHN_Guizhou.Guiyang.578160_CSWD.epw", "贵阳 Guiyang, Guizhou (CSWD 578160)"),
    "xingyi": (
        "CHN_Guizhou.Xingyi.579020_CSWD.epw",
        "兴仁 Xingren, Guizhou (CSWD file 'Xingyi', WMO 57902)",
    ),
    "beijing": ("CHN_Beijing.Beijing.545110_CSWD.epw", "北京 Beijing (CSWD 545110)"),
    "shanghai": ("CHN_Shanghai.Shanghai.583620_CSWD.epw", "上海 Shanghai, Baoshan (CSWD 583620)"),
    "guangzhou": ("CHN_Guangdong.Guangzhou.592870_CSWD.epw", "广州 Guangzhou, Guangdong (CSWD 592870)"),
    "hohhot": ("CHN_Nei.Mongol.Hohhot.534630_CSWD.epw", "呼和浩特 Hohhot, Inner Mongolia (CSWD 534630)"),
    "yinchuan": ("CHN_Ningxia.Hui.Yinchuan.536140_CSWD.epw", "银川 Yinchuan, Ningxia (CSWD 536140)"),
    "lanzhou": ("CHN_Gansu.Lanzhou.528890_CSWD.epw", "兰州 Lanzhou, Gansu (CSWD 528890)"),
    "xifengzhen": ("CHN_Gansu.Xifengzhen.539230_CSWD.epw", "西峰 Xifengzhen (Qingyang), Gansu (CSWD 539230)"),
}

# Anshun city: 26.250 N, 105.933 E, 1,380 m (normals_guizhou.csv: Wikipedia mirror, city not station)
ANSHUN = {"latitude_deg": 26.250, "longitude_deg": 105.933, "elevation_m": 1380.0}
ANSHUN_PUBLISHED = (
    "published figures for comparison (normals_guizhou.csv): annual mean 14.2 °C (secondary page), January "
    "4.3 °C and July 21.9 °C (China Daily 2015)"
)


def _sources(files: str, method: str) -> dict[str, str]:
    per_month = "per calendar month (29 February dropped)"
    return {
        "dry_bulb_quantiles_c": f"{files}: field 7 (dry bulb); {per_month}, percentiles of the hourly values "
        f"(numpy.quantile, linear){method}",
        "wet_bulb_quantiles_c": f"{files}: fields 7, 8 and 10 (dry bulb, dew point, station pressure) -> "
        f"thermodynamic wet bulb (ASHRAE Fundamentals 2017 ch. 1 eqn 33/35, dcplanner.climate.psychro); "
        f"{per_month}, percentiles{method}",
        "depression_quantiles_k": f"{files}: dry bulb minus the derived wet bulb (wet-bulb depression); "
        f"{per_month}, percentiles{method}",
        "dry_bulb_diurnal_c": f"{files}: field 7; {per_month}, mean of each clock hour minus the monthly mean{method}",
        "depression_diurnal_k": f"{files}: wet-bulb depression; {per_month}, mean of each clock hour minus the "
        f"monthly mean{method}",
        "dry_bulb_variance_shares": f"{files}: field 7; {per_month}, variance of daily means, of the mean daily "
        f"cycle and of the remainder, as shares of their sum{method}",
        "depression_variance_shares": f"{files}: wet-bulb depression; as for dry bulb{method}",
        "daily_autocorrelation": f"{files}: field 7 and wet-bulb depression; {per_month}, lag-1 autocorrelation "
        f"of daily-mean anomalies (columns: dry bulb, depression){method}",
        "hourly_autocorrelation": f"{files}: field 7 and wet-bulb depression; {per_month}, lag-1 autocorrelation "
        f"of hourly anomalies after removing daily means and the mean daily cycle{method}",
        "scale_correlation": f"{files}: field 7 and wet-bulb depression; {per_month}, Pearson correlation of "
        f"their daily-mean anomalies and of their hourly residuals (columns){method}",
        "pressure_mean_pa": f"{files}: field 10 (station pressure); {per_month}, mean{method}",
    }


def _file_record(path: Path, weather: Weather, **extra: object) -> dict[str, object]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {
        "file": path.name,
        "dataset": DATASET,
        "sha256": digest,
        "location": {
            "latitude_deg": weather.latitude_deg,
            "longitude_deg": weather.longitude_deg,
            "elevation_m": weather.elevation_m,
        },
        **extra,
    }


def _replace(stats: ClimateStatistics, **changes: object) -> ClimateStatistics:
    from dataclasses import replace

    return replace(stats, **changes)  # type: ignore[arg-type]


def station_climate(folder: Path, ident: str) -> tuple[ClimateStatistics, Weather]:
    file, name = STATIONS[ident]
    path = folder / file
    weather = read_epw(path)
    stats = monthly_statistics(
        [weather],
        [1.0],
        ident=ident,
        name=name,
        kind="synthesised",
        description=(
            f"Typical year synthesised from the monthly statistics of the CSWD file {file} (real hourly data, "
            "CMB Climate Information Center + Tsinghua University, via EnergyPlus)."
        ),
    )
    stats = _replace(stats, sources=_sources(file, ""), source_files=(_file_record(path, weather, weight=1.0),))
    return stats, weather


def anshun_climate(folder: Path) -> ClimateStatistics:
    parts = []
    for ident in ("guiyang", "xingyi"):
        path = folder / STATIONS[ident][0]
        weather = read_epw(path)
        distance = great_circle_km(
            weather.latitude_deg, weather.longitude_deg, ANSHUN["latitude_deg"], ANSHUN["longitude_deg"]
        )
        parts.append((path, weather, distance))
    weights = [1.0 / d for _, _, d in parts]
    total = sum(weights)
    moved = [move_to_elevation(w, ANSHUN["elevation_m"]) for _, w, _ in parts]
    files = " and ".join(p.name for p, _, _ in parts)
    method = (
        f"; each file first carried to Anshun's {ANSHUN['elevation_m']:g} m (dry bulb and dew point shifted "
        f"{STANDARD_LAPSE_K_PER_M * 1000:g} K/km, ISO 2533 standard lapse rate; pressure by the standard-atmosphere "
        "ratio), then blended by inverse distance (percentiles by averaging quantile functions)"
    )
    stats = monthly_statistics(
        moved,
        weights,
        ident="anshun",
        name="安顺 Anshun, Guizhou (derived from Guiyang and Xingren)",
        kind="derived",
        description=(
            "DERIVED climate: no hourly record for Anshun (WMO 57806) was available. Built from the CSWD files for "
            f"Guiyang ({parts[0][2]:.0f} km ENE, {parts[0][1].elevation_m:g} m) and Xingren ('Xingyi', "
            f"{parts[1][2]:.0f} km SW, {parts[1][1].elevation_m:g} m): each carried to {ANSHUN['elevation_m']:g} m "
            f"with the standard lapse rate and blended by inverse distance (weights "
            f"{weights[0] / total:.2f} / {weights[1] / total:.2f}). Replace with a measured Anshun file when one "
            "is available."
        ),
    )
    records = tuple(
        _file_record(
            p,
            w,
            weight=round(wt / total, 4),
            distance_km=round(d, 1),
            elevation_shift_m=ANSHUN["elevation_m"] - w.elevation_m,
        )
        for (p, w, d), wt in zip(parts, weights, strict=True)
    )
    return _replace(
        stats,
        latitude_deg=ANSHUN["latitude_deg"],
        longitude_deg=ANSHUN["longitude_deg"],
        elevation_m=ANSHUN["elevation_m"],
        sources=_sources(files, method),
        source_files=records,
    )


def _checks(stats: ClimateStatistics, weather: Weather | None, note: str = "") -> dict[str, object]:
    from dcplanner.climate.statistics import synthesise_year

    synth = synthesise_year(stats)
    out: dict[str, object] = {
        "synthesised_annual_mean_dry_bulb_c": round(float(synth.dry_bulb_c.mean()), 2),
        "synthesised_annual_mean_wet_bulb_c": round(float(synth.wet_bulb_c.mean()), 2),
        "synthesised_monthly_mean_dry_bulb_c": [
            round(float(synth.dry_bulb_c[synth.month == m].mean()), 1) for m in range(1, 13)
        ],
    }
    if weather is not None:
        out["source_annual_mean_dry_bulb_c"] = round(float(weather.dry_bulb_c.mean()), 2)
        out["source_annual_mean_wet_bulb_c"] = round(float(weather.wet_bulb_c.mean()), 2)
    if note:
        out["comparison"] = note
    return {"checks": out}


def _compact_number_lists(text: str) -> str:
    """Put every list of plain numbers on one line (one month per line in the matrices)."""
    number_list = re.compile(r"\[\s*(-?[\d.eE+-]+(?:,\s*-?[\d.eE+-]+)*)\s*\]")
    return number_list.sub(lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]", text)


def main(argv: list[str]) -> None:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    BUILTIN_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for ident in STATIONS:
        stats, weather = station_climate(folder, ident)
        written.append((stats, _checks(stats, weather)))
    anshun = anshun_climate(folder)
    written.append((anshun, _checks(anshun, None, ANSHUN_PUBLISHED)))
    for stats, extra in written:
        path = BUILTIN_DIR / f"{stats.id}.json"
        text = _compact_number_lists(json.dumps(statistics_to_json(stats, extra), ensure_ascii=False, indent=1)) + "\n"
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv)
