"""Compute solver against hand calculations and the published sample-site facts."""

from __future__ import annotations

import pytest

from dcplanner.io.project_file import load_project
from dcplanner.model.catalog import hardware_index
from dcplanner.site_solve import solve_site
from dcplanner.solvers.inventory import server_peak
from tests.factories import small_site

T = 1e12


def test_dgx_a100_peak_by_hand():
    peak = server_peak(hardware_index().servers["dgx-a100"], hardware_index())
    f = peak.flops
    assert f["fp64"] == pytest.approx(8 * 19.5 * T)  # Rpeak uses the FP64 tensor rate
    assert f["fp64_vector"] == pytest.approx(8 * 9.7 * T)
    assert f["fp32"] == pytest.approx(8 * 19.5 * T)
    assert f["tf32"] == pytest.approx(8 * 156 * T)
    assert f["fp16"] == f["bf16"] == pytest.approx(8 * 312 * T)
    assert f["int8"] == pytest.approx(8 * 624 * T)
    assert f["fp8"] == 0 and "fp8" in peak.unknown  # A100 has no published FP8 figure


def test_cpu_node_uses_base_clock():
    hw = hardware_index()
    f = server_peak(hw.servers["guian-cpu-node"], hw).flops
    # 2 sockets x 40 cores x 2.3 GHz x 32 DP FLOP/cycle (TOP500 Rpeak at the advertised clock)
    assert f["fp64"] == pytest.approx(2 * 40 * 2.3e9 * 32)
    assert f["fp32"] == pytest.approx(2 * 40 * 2.3e9 * 64)
    assert f["fp16"] == 0


def test_small_site_totals_and_gpu_hours():
    res = solve_site(small_site())
    c = res.compute
    assert c.site.accelerators == 64
    assert c.site.peak_flops["fp16"] == pytest.approx(64 * 312 * T)
    assert c.site.incomplete_servers["fp8"] == 8
    assert c.gpu_hours_per_year == pytest.approx(64 * 8760 * 0.7)
    assert sum(r.peak_flops["fp64"] for r in c.rows) == pytest.approx(c.site.peak_flops["fp64"])


def test_guian_reproduces_published_counts_and_30_pf(sample_paths):
    res = solve_site(load_project(sample_paths["guian_supercomputing"]).site)
    assert res.capacity.site.servers == 715
    assert res.compute.site.accelerators == 1200
    gpu = 1200 * 19.5 * T
    cpu_per_cycle = 715 * 2 * 40 * 2.3e9
    assert res.compute.site.peak_flops["fp64"] == pytest.approx(gpu + cpu_per_cycle * 32)  # 27.61 PF
    assert res.compute.site.peak_flops["fp32"] == pytest.approx(gpu + cpu_per_cycle * 64)  # 31.82 PF
    assert res.compute.site.peak_flops["fp32"] >= 30e15


def test_turing_town_reaches_16000_pf_fp16(sample_paths):
    res = solve_site(load_project(sample_paths["turing_town"]).site)
    assert res.compute.site.accelerators == 53_336
    assert res.compute.site.peak_flops["fp16"] == pytest.approx(53_336 * 300 * T)
    assert res.compute.site.peak_flops["fp16"] >= 16_000e15


def test_anshun_has_1015_cabinets(sample_paths):
    res = solve_site(load_project(sample_paths["anshun"]).site)
    assert res.capacity.site.cabinets == 1015
    assert res.capacity.site.design_kw == pytest.approx(1015 * 20.0)
