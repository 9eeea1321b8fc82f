"""Built-in climates: stored statistics with sources, synthesised years, the derived Anshun."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from dcplanner.climate import builtin_ids, builtin_weather, list_builtin, load_weather
from dcplanner.climate.builtin import BUILTIN_DIR, builtin_statistics
from dcplanner.climate.epw import read_epw
from dcplanner.climate.statistics import QUANTILE_LEVELS, monthly_statistics, synthesise_year
from dcplanner.model.schema import ValidationError
from dcplanner.model.site import ClimateRef, Location
from tests.conftest import ROOT
from tests.shared_climate import GUIYANG_EPW, XINGYI_EPW, needs_shared_climate

EXPECTED = {
    "anshun",
    "beijing",
    "guangzhou",
    "guiyang",
    "hohhot",
    "lanzhou",
    "shanghai",
    "xifengzhen",
    "xingyi",
    "yinchuan",
}


def test_every_builtin_has_sources_and_synthesises():
    assert set(builtin_ids()) == EXPECTED
    for info in list_builtin():
        stats = builtin_statistics(info.id)
        assert stats.dry_bulb_quantiles_c.shape == (12, len(QUANTILE_LEVELS))
        assert np.all(np.diff(stats.dry_bulb_quantiles_c, axis=1) >= 0)
        assert np.all(stats.wet_bulb_quantiles_c <= stats.dry_bulb_quantiles_c + 1e-9)
        for key, text in stats.sources.items():
            assert ".epw" in text, f"{info.id}: {key} has no source file"
        assert stats.source_files and all(len(f["sha256"]) == 64 for f in stats.source_files)
        w = builtin_weather(info.id)
        assert w.hours == 8760 and w.kind == info.kind
        assert np.all(w.dew_point_c <= w.dry_bulb_c)
        # the synthesised months keep the stored distribution: medians within 0.2 K
        for m in range(12):
            med = np.median(w.dry_bulb_c[w.month == m + 1])
            assert med == pytest.approx(np.interp(0.5, QUANTILE_LEVELS, stats.dry_bulb_quantiles_c[m]), abs=0.2)


def test_synthesis_is_deterministic():
    a = synthesise_year(builtin_statistics("guiyang"))
    b = synthesise_year(builtin_statistics("guiyang"))
    np.testing.assert_array_equal(a.dry_bulb_c, b.dry_bulb_c)
    np.testing.assert_array_equal(a.wet_bulb_c, b.wet_bulb_c)


def test_anshun_is_labelled_derived():
    info = {c.id: c for c in list_builtin()}["anshun"]
    assert info.kind == "derived"
    assert "DERIVED" in info.description and "Guiyang" in info.description and "Xingren" in info.description
    stats = builtin_statistics("anshun")
    assert {f["file"] for f in stats.source_files} == {GUIYANG_EPW.name, XINGYI_EPW.name}
    assert all("lapse rate" in s for s in stats.sources.values())
    # Anshun (1,380 m) must come out cooler than Xingren at nearly the same height only through
    # the blend with Guiyang, and cooler than Guiyang through the lapse rate (6.5 K/km x 156 m).
    an = builtin_weather("anshun").dry_bulb_c.mean()
    gy = builtin_weather("guiyang").dry_bulb_c.mean()
    xr = builtin_weather("xingyi").dry_bulb_c.mean()
    assert gy - 0.0065 * (1380 - 1223.8) - 0.05 < an < xr


def test_unknown_builtin_names_the_field():
    loc = Location(latitude_deg=26, longitude_deg=106, elevation_m=1000)
    with pytest.raises(ValidationError, match=r"climate.builtin_id: no built-in climate 'atlantis'"):
        load_weather(ClimateRef(builtin_id="atlantis"), None, loc)


def test_site_elevation_moves_the_pressure():
    base = builtin_weather("guiyang")
    loc = Location(latitude_deg=26.4, longitude_deg=106.5, elevation_m=1400)
    w = load_weather(ClimateRef(builtin_id="guiyang"), None, loc)
    # about -11.5 Pa per metre near 1,200 m (climate README) over 176.2 m
    drop = float(base.pressure_pa.mean() - w.pressure_pa.mean())
    assert drop == pytest.approx(11.5 * (1400 - 1223.8), rel=0.08)
    np.testing.assert_array_equal(w.dry_bulb_c, base.dry_bulb_c)
    assert np.all(w.wet_bulb_c <= base.wet_bulb_c + 1e-9)  # lower pressure, lower wet bulb


@needs_shared_climate
def test_guiyang_statistics_reproduce_the_real_file():
    real = read_epw(GUIYANG_EPW)
    synth = builtin_weather("guiyang")
    for m in range(1, 13):
        sel = real.month == m
        assert synth.dry_bulb_c[sel].mean() == pytest.approx(real.dry_bulb_c[sel].mean(), abs=0.1)
        assert synth.wet_bulb_c[sel].mean() == pytest.approx(real.wet_bulb_c[sel].mean(), abs=0.15)
        assert synth.pressure_pa[sel].mean() == pytest.approx(real.pressure_pa[sel].mean(), abs=1)
    for threshold in (10.0, 15.0, 18.0, 21.0):  # hours below wet-bulb thresholds, within 2 %
        n_real = int((real.wet_bulb_c < threshold).sum())
        assert int((synth.wet_bulb_c < threshold).sum()) == pytest.approx(n_real, rel=0.02)
    # the mean daily cycle survives: afternoon minus early-morning dry bulb in July within 0.5 K
    jul = real.month == 7
    swing = lambda w: w.dry_bulb_c[jul & (w.hour == 15)].mean() - w.dry_bulb_c[jul & (w.hour == 5)].mean()  # noqa: E731
    assert swing(synth) == pytest.approx(swing(real), abs=0.5)


@needs_shared_climate
def test_stored_statistics_match_a_fresh_derivation():
    stats = monthly_statistics([read_epw(GUIYANG_EPW)], [1.0], ident="guiyang", name="x", kind="synthesised")
    stored = builtin_statistics("guiyang")
    np.testing.assert_allclose(stored.dry_bulb_quantiles_c, stats.dry_bulb_quantiles_c, atol=1e-4)
    np.testing.assert_allclose(stored.wet_bulb_quantiles_c, stats.wet_bulb_quantiles_c, atol=1e-4)
    np.testing.assert_allclose(stored.pressure_mean_pa, stats.pressure_mean_pa, atol=0.5)


@needs_shared_climate
def test_derivation_script_reproduces_committed_files(tmp_path):
    before = {p.name: p.read_text(encoding="utf-8") for p in BUILTIN_DIR.glob("*.json")}
    script = ROOT / "scripts" / "derive_builtin_climates.py"
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    try:
        assert res.returncode == 0, res.stderr
        after = {p.name: p.read_text(encoding="utf-8") for p in BUILTIN_DIR.glob("*.json")}
        assert after == before
        json.loads(after["anshun.json"])
    finally:
        for name, text in before.items():
            (BUILTIN_DIR / name).write_text(text, encoding="utf-8")
