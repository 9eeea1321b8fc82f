"""Inputs that once crashed the engine or the CLI, kept as regressions (each runs the real command)."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from dcplanner.cli import main
from dcplanner.io.project_file import site_to_document
from dcplanner.model.catalog import hardware_index
from tests.factories import small_site


def _cli(argv: list[str], capsys) -> tuple[int, str]:
    status = main(argv, io.StringIO())
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


def _project(tmp_path: Path, edit=None, text: str | None = None) -> Path:
    path = tmp_path / "p.dcp.json"
    doc = site_to_document(small_site())
    if edit is not None:
        edit(doc["site"])
    path.write_text(text if text is not None else json.dumps(doc), encoding="utf-8")
    return path


HEADER = '{"format": "dcplanner.project", "format_version": 1, "site": '


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEADER + "[" * 900 + "]" * 900 + "}", "nested more than 64 levels"),  # RecursionError in copy.deepcopy
        (HEADER + "[" * 200_000 + "]" * 200_000 + "}", "nested too deeply to read"),  # RecursionError in json
        (HEADER + "9" * 4301 + "}", "a number of 4,301 digits"),  # ValueError in json
        (HEADER.replace("1,", "1e400,") + "{}}", "'format_version' must be a whole number"),
    ],
)
def test_validate_refuses_hostile_json(tmp_path, capsys, text, expected):
    status, err = _cli(["validate", str(_project(tmp_path, text=text))], capsys)
    assert status == 1 and expected in err


def test_validate_refuses_1e400_and_lone_surrogates_by_field(tmp_path, capsys):
    def huge(site):
        site["halls"][0]["depth_m"] = 10**400

    status, err = _cli(["validate", str(_project(tmp_path, huge))], capsys)
    assert status == 1 and "halls[0].depth_m: a number of 401 digits is out of range" in err

    def surrogate(site):
        site["halls"][0]["rows"][1]["id"] = "R\ud800"

    status, err = _cli(["validate", str(_project(tmp_path, surrogate))], capsys)
    assert status == 1 and "site.halls[0].rows[1].id: the text holds the lone surrogate U+D800" in err


def test_set_with_a_5000_digit_index(tmp_path, capsys):
    status, err = _cli(["solve", str(_project(tmp_path)), "--set", "halls[" + "9" * 5000 + "].width_m=3"], capsys)
    assert status == 1 and "no item at index 999" in err


def test_hourly_csv_of_year_9999_and_a_200_kib_field(tmp_path, capsys):
    start = datetime(9999, 1, 1)
    rows = [f"{start + timedelta(hours=k):%Y-%m-%d %H:%M},20,50" for k in range(8760)]
    weather = tmp_path / "far.csv"
    weather.write_text("timestamp,dry_bulb_c,rel_humidity_pct\n" + "\n".join(rows) + "\n", encoding="utf-8")
    status, err = _cli(["solve", str(_project(tmp_path)), "--climate", str(weather)], capsys)
    assert status == 1 and "line 2: the year 9999 is outside 1 to 9998" in err
    rows = [r.replace("9999", "2023") for r in rows]
    rows[10] = rows[10].replace(",50", ',"' + "5" * 200_000 + '"')
    weather.write_text("timestamp,dry_bulb_c,rel_humidity_pct\n" + "\n".join(rows) + "\n", encoding="utf-8")
    status, err = _cli(["solve", str(_project(tmp_path)), "--climate", str(weather)], capsys)
    assert status == 1 and "line 12: " in err and "5555" not in err


def test_energy_curve_of_a_site_whose_servers_draw_more_than_their_budgets():
    # Turing Town at 12 kW per cabinet raised "IT power fractions must increase within 0 to 1":
    # its servers draw more than 12 kW, so the site's own load lies past its design IT.
    from dcplanner.climate import builtin_weather
    from dcplanner.solvers.phasing.energy_curve import engine_energy_curve

    site = small_site(design_kw=3.0)  # 8 cabinets, each one dgx-a100 (catalog maximum 6.5 kW)
    site.it_load.utilisation = 0.7
    model = hardware_index(site).servers["dgx-a100"]
    own_kw = 8 * (model.idle_kw + (model.max_kw - model.idle_kw) * 0.7)  # pue_model §6.1, flat profile
    design_kw = 8 * 3.0
    curve = engine_energy_curve(site, builtin_weather(site.climate.builtin_id))
    x = curve.it_power_fraction
    assert x[-1] == pytest.approx(own_kw / design_kw, rel=1e-9) and x[-1] > 1
    assert np.any(np.isclose(x, 1.0)) and np.all(np.diff(x) > 0)
