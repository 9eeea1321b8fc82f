"""Energy-engine speed: one site-year per cooling architecture, and 10,000 varied site-years.

Run: ``python benchmarks/bench_energy.py [--variants N] [--repeat R]`` (or ``./dev bench``).
Prints the figures; the targets are one site-year in <= 3 ms (median, climate loaded and its
psychrometrics cached) and 10,000 site-years with varied parameters in <= 10 s.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dcplanner.climate import builtin_weather  # noqa: E402
from dcplanner.climate.builtin import builtin_statistics  # noqa: E402
from dcplanner.climate.epw import read_epw  # noqa: E402
from dcplanner.climate.statistics import synthesise_year  # noqa: E402
from dcplanner.io.project_file import load_project  # noqa: E402
from dcplanner.model.site import Site  # noqa: E402
from dcplanner.solvers.energy import PRESETS, solve_energy, solve_energy_batch  # noqa: E402
from dcplanner.solvers.energy.engine import liquid_kw, outdoor_of, prepare, simulate  # noqa: E402
from dcplanner.solvers.inventory import build_inventory  # noqa: E402

SITE = ROOT / "sample_sites" / "guian_supercomputing.dcp.json"
EPW = Path(__file__).resolve().parents[2] / "shared" / "climate" / "CHN_Guizhou.Guiyang.578160_CSWD.epw"
SINGLE_TARGET_MS = 3.0
BATCH_TARGET_S = 10.0


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(times)


def site_with(arch: str) -> Site:
    site = copy.deepcopy(load_project(SITE).site)
    site.cooling.architecture = arch  # type: ignore[assignment]
    site.cooling.parameters = {}
    return site


def variations(n: int, seed: int = 1) -> dict[str, np.ndarray]:
    """Monte Carlo draws over set point, fan pressure, UPS losses and utilisation."""
    rng = np.random.default_rng(seed)
    return {
        "supply_air_c": rng.uniform(20.0, 27.0, n),
        "fan_pressure_pa": rng.uniform(300.0, 700.0, n),
        "ups.proportional": rng.uniform(0.0, 0.01, n),
        "utilisation": rng.uniform(0.3, 0.9, n),
    }


def _batch_part(args: tuple[str, int, int]) -> float:
    arch, n, seed = args
    site = site_with(arch)
    t0 = time.perf_counter()
    solve_energy_batch(site, builtin_weather("guiyang"), variations(n, seed))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--variants", type=int, default=10_000, help="site-years per batch (default 10,000)")
    ap.add_argument("--repeat", type=int, default=50, help="repeats for the single site-year median")
    args = ap.parse_args()

    print("Climate (loaded once per session, then cached)")
    t0 = time.perf_counter()
    stats = builtin_statistics("guiyang")
    t1 = time.perf_counter()
    synth = synthesise_year(stats)
    t2 = time.perf_counter()
    print(f"  built-in statistics read            {1e3 * (t1 - t0):8.1f} ms")
    print(f"  typical year synthesised + psychro  {1e3 * (t2 - t1):8.1f} ms (8,760 h, wet bulb by bisection)")
    if EPW.exists():
        t0 = time.perf_counter()
        read_epw(EPW)
        print(f"  EPW read + psychro (Guiyang CSWD)   {1e3 * (time.perf_counter() - t0):8.1f} ms")
    weather = builtin_weather("guiyang")
    print(f"  engine outdoor arrays (per climate) {median_ms(lambda: outdoor_of.__wrapped__(weather), 20):8.2f} ms")
    del synth

    site0 = load_project(SITE).site
    inventory = build_inventory(site0)
    print(f"\nOne site-year ({SITE.name}, {weather.hours:,} h; median of {args.repeat})")
    print(f"  {'architecture':<24}{'solve_energy ms':>16}{'core simulate ms':>18}{'annual PUE':>12}")
    worst = 0.0
    for arch in PRESETS:
        site = site_with(arch)
        result = solve_energy(site, weather, inventory=inventory)
        full = median_ms(lambda s=site: solve_energy(s, weather, inventory=inventory), args.repeat)
        prep = prepare(site, weather, inventory=inventory)
        it = prep.it.power_kw(prep.utilisation)
        liq = liquid_kw(prep, it, prep.utilisation)
        core = median_ms(lambda p=prep, i=it, q=liq: simulate(p, p.parameters, i, q), args.repeat)
        worst = max(worst, full)
        print(f"  {arch:<24}{full:16.2f}{core:18.2f}{result.annual_pue:12.4f}")
    verdict = "meets" if worst <= SINGLE_TARGET_MS else "misses"
    print(f"  slowest full solve {worst:.2f} ms: {verdict} the {SINGLE_TARGET_MS:g} ms target")
    print("  (solve_energy = parameters, IT model, the year, the design-peak hours and the result object;")
    print("   the cabinet inventory is shared with the capacity solver and passed in)")

    n = args.variants
    print(f"\n{n:,} site-years, parameters varied across scenarios (one process, vectorised)")
    print(f"  {'architecture':<24}{'seconds':>10}{'ms / site-year':>16}{'PUE p5-p95':>18}")
    worst_s = 0.0
    for arch in PRESETS:
        site = site_with(arch)
        var = variations(n)
        t0 = time.perf_counter()
        batch = solve_energy_batch(site, weather, var)
        dt = time.perf_counter() - t0
        worst_s = max(worst_s, dt)
        lo, hi = np.percentile(batch.annual_pue, [5, 95])
        print(f"  {arch:<24}{dt:10.2f}{1e3 * dt / n:16.3f}{f'{lo:.3f}-{hi:.3f}':>18}")
    verdict = "meets" if worst_s <= BATCH_TARGET_S else "misses"
    print(f"  slowest batch {worst_s:.2f} s: {verdict} the {BATCH_TARGET_S:g} s target on one core")

    print(f"\nThe slowest architecture split over 2 worker processes ({n:,} site-years)")
    slow = "airside_adiabatic"
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_batch_part, [(slow, n // 2, 1), (slow, n - n // 2, 2)]))
    print(f"  {slow:<24}{time.perf_counter() - t0:10.2f} s wall (including worker start-up)")


if __name__ == "__main__":
    main()
