"""EPW and hourly CSV readers: real files, hand-made years, and every kind of malformed input."""

from __future__ import annotations

import calendar as cal
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from dcplanner.climate import psychro
from dcplanner.climate.epw import read_epw
from dcplanner.climate.hourly_csv import read_weather_csv
from dcplanner.climate.weather import WeatherFileError
from tests.shared_climate import CLIMATE_DIR, GUIYANG_EPW, needs_shared_climate

HEADER = [
    "LOCATION,Testville,Test,CHN,Made by hand,000000,26.50,106.50,8.0,1200.0",
    "DESIGN CONDITIONS,0",
    "TYPICAL/EXTREME PERIODS,0",
    "GROUND TEMPERATURES,0",
    "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0",
    "COMMENTS 1,hand-made test file",
    "COMMENTS 2,",
    "DATA PERIODS,1,1,Data,Monday, 1/ 1,12/31",
]


def epw_rows(leap: bool = False) -> list[str]:
    """A year of EPW data rows: 20 °C, dew point 10 °C, RH 52 %, 88,000 Pa (35 fields each)."""
    year = 2024 if leap else 2023
    start = datetime(year, 1, 1)
    rows = []
    for k in range(8784 if leap else 8760):
        t = start + timedelta(hours=k)
        fields = [str(year), str(t.month), str(t.day), str(t.hour + 1), "0", "?9?9", "20.0", "10.0", "52", "88000"]
        fields += ["0"] * (35 - len(fields))
        rows.append(",".join(fields))
    return rows


def write_epw(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(HEADER + rows) + "\n", encoding="ascii")
    return path


def test_hand_made_epw(tmp_path):
    w = read_epw(write_epw(tmp_path / "a.epw", epw_rows()))
    assert w.hours == 8760 and w.days == 365
    assert (w.latitude_deg, w.longitude_deg, w.elevation_m, w.time_zone_h) == (26.5, 106.5, 1200.0, 8.0)
    assert w.first_weekday == 0  # Monday
    assert w.month[0] == 1 and w.month[-1] == 12 and w.hour[0] == 0 and w.hour[-1] == 23
    np.testing.assert_allclose(w.dry_bulb_c, 20.0)
    np.testing.assert_allclose(w.dew_point_c, 10.0)
    np.testing.assert_allclose(w.pressure_pa, 88000.0)
    # RH follows from dry bulb and dew point (ASHRAE): 1,228.1 / 2,339.3 Pa
    np.testing.assert_allclose(
        w.rel_humidity, psychro.sat_vapour_pressure_pa(10.0) / psychro.sat_vapour_pressure_pa(20.0)
    )
    with pytest.raises(ValueError):
        w.dry_bulb_c[0] = 5.0  # read-only


def test_leap_year_accepted(tmp_path):
    w = read_epw(write_epw(tmp_path / "leap.epw", epw_rows(leap=True)))
    assert w.hours == 8784
    feb = w.day[w.month == 2]
    assert feb.max() == 29


def _mutate(rows: list[str], index: int, field: int, value: str) -> list[str]:
    fields = rows[index].split(",")
    fields[field] = value
    rows = list(rows)
    rows[index] = ",".join(fields)
    return rows


@pytest.mark.parametrize(
    ("change", "line", "text"),
    [
        (lambda r: r[:-1], 8768, "the data end after 8,759 rows"),
        (lambda r: [*r, r[-1]], 8769, "8,761 data rows is neither a 365- nor a 366-day year"),
        (lambda r: _mutate(r, 99, 6, "warm"), 108, "field 7 (dry bulb temperature (°C)) is not a number"),
        (lambda r: _mutate(r, 5, 6, "99.9"), 14, "field 7 (dry bulb temperature (°C)) is missing (EPW missing-value"),
        (lambda r: _mutate(r, 6, 7, ""), 15, "field 8 (dew point temperature (°C)) is missing (empty)"),
        (lambda r: _mutate(r, 7, 9, "999999"), 16, "field 10 (atmospheric station pressure (Pa)) is missing"),
        (lambda r: _mutate(r, 8, 6, "85"), 17, "field 7 (dry bulb temperature (°C)) 85 is out of range"),
        (lambda r: [r[0] + ",0", *r[1:]], 9, "expected 35 comma-separated fields, found 36"),
        (lambda r: [",".join(r[0].split(",")[:30]), *r[1:]], 9, "expected 35 comma-separated fields, found 30"),
        (lambda r: [r[1], r[0], *r[2:]], 9, "hour out of calendar order: expected month 1 day 1 hour 1"),
    ],
)
def test_malformed_epw_rejected_with_line(tmp_path, change, line, text):
    path = write_epw(tmp_path / "bad.epw", change(epw_rows()))
    with pytest.raises(WeatherFileError) as info:
        read_epw(path)
    assert info.value.line == line
    assert text in str(info.value)
    assert str(info.value).startswith(f"{path}: line {line}: ")


def test_malformed_header_rejected(tmp_path):
    path = tmp_path / "h.epw"
    path.write_text("\n".join(["LOCATION,x", *HEADER[1:], *epw_rows()]), encoding="ascii")
    with pytest.raises(WeatherFileError, match="line 1: LOCATION needs 10 fields"):
        read_epw(path)
    bad = [*HEADER[:7], "DATA PERIODS,1,1,Data,Someday, 1/ 1,12/31"]
    path.write_text("\n".join(bad + epw_rows()), encoding="ascii")
    with pytest.raises(WeatherFileError, match="line 8: DATA PERIODS start day of week is not one of Monday"):
        read_epw(path)
    with pytest.raises(WeatherFileError, match="cannot read the file"):
        read_epw(tmp_path / "absent.epw")


@needs_shared_climate
def test_real_guiyang_epw_matches_its_readme():
    # ../shared/climate/README.md: mean 15.53 °C, max 33.5, min -2.0, 3,789 h > 18 °C, RH 77.9 %, P 89,208 Pa
    w = read_epw(GUIYANG_EPW)
    assert w.hours == 8760
    assert w.elevation_m == 1223.8 and w.first_weekday == 6  # Sunday
    assert w.dry_bulb_c.mean() == pytest.approx(15.53, abs=0.005)
    assert (w.dry_bulb_c.max(), w.dry_bulb_c.min()) == (33.5, -2.0)
    assert int((w.dry_bulb_c > 18).sum()) == 3789
    assert int((w.dry_bulb_c > 27).sum()) == 399
    assert w.pressure_pa.mean() == pytest.approx(89208, abs=1)
    # RH derived from dry bulb and dew point agrees with the file's own RH column (mean 77.9 %)
    assert 100 * w.rel_humidity.mean() == pytest.approx(77.9, abs=0.3)
    january = w.month == 1
    assert w.dry_bulb_c[january].mean() == pytest.approx(5.7, abs=0.05)


@needs_shared_climate
def test_every_shared_epw_reads():
    files = sorted(CLIMATE_DIR.glob("*.epw"))
    assert len(files) == 9
    for f in files:
        w = read_epw(f)
        assert w.hours == 8760
        assert np.all(w.wet_bulb_c <= w.dry_bulb_c + 1e-9)
        assert np.all(w.dew_point_c <= w.wet_bulb_c + 1e-3)


# ---------------------------------------------------------------------------------------------
# Hourly CSV


def csv_text(year: int = 2023, *, rh: bool = True, pressure: bool = True, hour_ending: bool = False) -> str:
    n = 8784 if cal.isleap(year) else 8760
    start = datetime(year, 1, 1, 1 if hour_ending else 0)
    cols = ["timestamp", "dry_bulb_c", "rel_humidity_pct" if rh else "dew_point_c"] + (
        ["pressure_pa"] if pressure else []
    )
    lines = ["# made by hand", ",".join(cols)]
    for k in range(n):
        t = start + timedelta(hours=k)
        vals = [t.strftime("%Y-%m-%d %H:%M"), f"{10 + 10 * np.sin(k / 24):.2f}", "60" if rh else "5.0"]
        if pressure:
            vals.append("90000")
        lines.append(",".join(vals))
    return "\n".join(lines) + "\n"


def read_csv(path: Path):
    return read_weather_csv(path, latitude_deg=26.6, longitude_deg=106.7, elevation_m=1224.0)


def test_csv_with_rh_and_pressure(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(csv_text(), encoding="utf-8")
    w = read_csv(path)
    assert w.hours == 8760 and w.first_weekday == 6  # 1 January 2023 was a Sunday
    np.testing.assert_allclose(w.rel_humidity, 0.6, rtol=1e-9)
    np.testing.assert_allclose(w.pressure_pa, 90000.0)
    assert w.dry_bulb_c[0] == pytest.approx(10.0)


def test_csv_dew_point_without_pressure_uses_elevation(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(csv_text(2024, rh=False, pressure=False), encoding="utf-8")
    w = read_csv(path)
    assert w.hours == 8784  # leap year accepted
    np.testing.assert_allclose(w.dew_point_c, np.minimum(5.0, w.dry_bulb_c))
    np.testing.assert_allclose(w.pressure_pa, psychro.standard_pressure_pa(1224.0))
    assert any("standard atmosphere" in n for n in w.notes)
    assert w.first_weekday == 0  # 1 January 2024 was a Monday


def test_csv_hour_ending_labels(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(csv_text(hour_ending=True), encoding="utf-8")
    assert read_csv(path).hours == 8760


@pytest.mark.parametrize(
    ("edit", "line", "text"),
    [
        (lambda ls: ls[:-1], 8762, "the data end after 8,759 rows; a weather year has 8,760 hourly rows"),
        (lambda ls: [*ls, ls[-1]], 8763, "2023 is not a leap year, so the file needs 8,760 hourly rows; it has 8,761"),
        (lambda ls: [*ls[:5], ls[5].replace(",60,", ",humid,"), *ls[6:]], 6, "rel_humidity_pct is not a number"),
        (lambda ls: [*ls[:9], ls[9].replace(",60,", ",,"), *ls[10:]], 10, "rel_humidity_pct is missing"),
        (lambda ls: [*ls[:7], ls[7] + ",1", *ls[8:]], 8, "expected 4 fields as in the header, found 5"),
        (lambda ls: [*ls[:4], ls[5], ls[4], *ls[6:]], 5, "breaks the hourly sequence"),
        (lambda ls: [*ls[:3], ls[3].replace("2023-01-01 01:00", "soon"), *ls[4:]], 4, "is not an ISO 8601"),
        (lambda ls: [ls[0], "time,temperature,rh", *ls[2:]], 2, "no dry_bulb_c column"),
        (lambda ls: [*ls[:6], ls[6].replace(",90000", ",900"), *ls[7:]], 7, "pressure_pa 900 is out of range"),
    ],
)
def test_malformed_csv_rejected_with_line(tmp_path, edit, line, text):
    lines = csv_text().splitlines()
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    with pytest.raises(WeatherFileError) as info:
        read_csv(path)
    assert text in str(info.value)
    assert info.value.line == line


def _year_9999_text() -> str:
    start = datetime(9999, 1, 1)
    lines = ["timestamp,dry_bulb_c,rel_humidity_pct"]
    lines += [f"{(start + timedelta(hours=k)):%Y-%m-%d %H:%M},20,50" for k in range(8760)]
    return "\n".join(lines) + "\n"


def test_csv_year_9999_is_refused_not_overflowing(tmp_path):
    path = tmp_path / "far.csv"
    path.write_text(_year_9999_text(), encoding="utf-8")
    with pytest.raises(WeatherFileError, match=r"line 2: the year 9999 is outside 1 to 9998"):
        read_csv(path)


def test_csv_field_over_128_kib_names_the_line(tmp_path):
    lines = csv_text().splitlines()
    ts, dry, _rh, pressure = lines[5].split(",")
    lines[5] = ",".join([ts, dry, '"' + "x" * 200_000 + '"', pressure])  # over csv's 131,072-character limit
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(WeatherFileError) as info:
        read_csv(path)
    assert info.value.line == 6
    assert "xxxx" not in str(info.value)


def test_csv_messages_do_not_repeat_the_file_text(tmp_path):
    lines = csv_text().splitlines()
    lines[3] = "secret-token-1234," + lines[3].split(",", 1)[1]
    path = tmp_path / "w.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(WeatherFileError, match="line 4: the timestamp is not an ISO 8601") as info:
        read_csv(path)
    assert "secret" not in str(info.value)


def test_utilisation_csv_with_a_broken_field_is_a_weather_file_error(tmp_path):
    from dcplanner.solvers.energy.itload import read_utilisation_csv

    path = tmp_path / "u.csv"
    path.write_text("utilisation\n" + "0.5\n" * 100 + '"' + "y" * 140_000 + '"\n' + "0.5\n" * 8659, encoding="utf-8")
    with pytest.raises(WeatherFileError) as info:
        read_utilisation_csv(path)
    assert info.value.line == 102
