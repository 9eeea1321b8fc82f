"""Broken weather and utilisation files: read, or a WeatherFileError naming the file (and line)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import given

from dcplanner.climate.epw import read_epw
from dcplanner.climate.hourly_csv import read_weather_csv
from dcplanner.climate.weather import WeatherFileError
from dcplanner.solvers.energy.itload import read_utilisation_csv
from tests.fuzz.conftest import fuzz
from tests.fuzz.strategies import mutated_bytes, mutated_lines

EPW_HEADER = [
    "LOCATION,Testville,Test,CHN,Made by hand,000000,26.50,106.50,8.0,1200.0",
    "DESIGN CONDITIONS,0",
    "TYPICAL/EXTREME PERIODS,0",
    "GROUND TEMPERATURES,0",
    "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0",
    "COMMENTS 1,made by hand",
    "COMMENTS 2,",
    "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31",
]
START = datetime(2023, 1, 1)
HOURS = [START + timedelta(hours=k) for k in range(8760)]
EPW_LINES = EPW_HEADER + [
    ",".join([*map(str, (2023, t.month, t.day, t.hour + 1, 0)), "?9", "20.0", "10.0", "52", "88000"] + ["0"] * 25)
    for t in HOURS
]
WEATHER_LINES = ["timestamp,dry_bulb_c,rel_humidity_pct,pressure_pa"] + [
    f"{t:%Y-%m-%d %H:%M},{10 + (k % 24) / 2:.1f},60,90000" for k, t in enumerate(HOURS)
]
UTILISATION_LINES = ["timestamp,utilisation"] + [f"{t:%Y-%m-%d %H:%M},0.6" for t in HOURS]


def _contract(path: Path, read) -> None:
    try:
        read(path)
    except WeatherFileError as exc:
        assert str(exc).startswith(f"{path}: "), str(exc)
        assert exc.line is None or exc.line >= 1
        str(exc).encode("utf-8")


def _weather_csv(path: Path):
    return read_weather_csv(path, latitude_deg=26.6, longitude_deg=106.7, elevation_m=1224.0)


@fuzz(25)
@given(lines=mutated_lines(EPW_LINES, 35))
def test_mutated_epw_reads_or_names_the_file(tmp_path, lines):
    path = tmp_path / "fuzz.epw"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _contract(path, read_epw)


@fuzz(10)
@given(data=mutated_bytes("\n".join(EPW_LINES[:200]).encode("ascii")))
def test_damaged_epw_bytes_name_the_file(tmp_path, data):
    path = tmp_path / "fuzz.epw"
    path.write_bytes(data)
    _contract(path, read_epw)


@fuzz(25)
@given(lines=mutated_lines(WEATHER_LINES, 4))
def test_mutated_weather_csv_reads_or_names_the_file(tmp_path, lines):
    path = tmp_path / "fuzz.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _contract(path, _weather_csv)


@fuzz(25)
@given(lines=mutated_lines(UTILISATION_LINES, 2))
def test_mutated_utilisation_csv_reads_or_names_the_file(tmp_path, lines):
    path = tmp_path / "fuzz.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _contract(path, read_utilisation_csv)


@fuzz(10)
@given(data=mutated_bytes("\n".join(UTILISATION_LINES).encode("ascii")))
def test_damaged_utilisation_bytes_name_the_file(tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    _contract(path, read_utilisation_csv)
