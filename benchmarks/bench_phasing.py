"""Phasing speed: a 30-year monthly schedule with 40 candidates (target <= 2 s) and 10,000 Monte
Carlo draws (target <= 10 s on 2 cores).

Run: ``.venv/bin/python benchmarks/bench_phasing.py`` (or ``./dev bench``). The campus is four
buildings, each with a power block, a cooling block and two halls of three row groups (40
candidates): halls draw power and cooling from the blocks, row groups need their hall, demand
grows along an S-curve to 95 MW over 30 years and must be covered every month. The energy curve
is a synthetic convex loss model (the benchmark times the optimiser and the cash-flow model, not
the energy engine). Figures are medians of repeated runs; the machine is shared, so they are
indicative.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dcplanner.model.buildout import Buildout, Candidate, DemandForecast, DemandPoint, DemandVariant  # noqa: E402
from dcplanner.model.site import Location, Site  # noqa: E402
from dcplanner.solvers.phasing.energy_curve import EnergyCurve  # noqa: E402
from dcplanner.solvers.phasing.montecarlo import monte_carlo  # noqa: E402
from dcplanner.solvers.phasing.problem import build_problem  # noqa: E402
from dcplanner.solvers.phasing.schedule import optimise  # noqa: E402
from dcplanner.solvers.phasing.sensitivity import tornado  # noqa: E402
from dcplanner.solvers.phasing.solve import price_schedule  # noqa: E402
from tests.factories import small_site  # noqa: E402

SCHEDULE_TARGET_S = 2.0
MONTE_CARLO_TARGET_S = 10.0
YEARS = 30
HARD_LIMIT_S = 20.0  # time limit for the instances HiGHS cannot close quickly


def synthetic_curve() -> EnergyCurve:
    """Convex facility energy per kW of design IT: 8 % fixed, 10 % proportional, 5 % square-law losses."""
    x = np.linspace(0.0, 1.0, 21)
    fac = 8760 * (x + 0.08 + 0.10 * x + 0.05 * x * x)
    return EnergyCurve(
        x, 8760 * x, fac, np.full(24, 1 / 24), "synthetic", idle_power_share=0.3, dynamic_power_share=0.7
    )


def campus_site(coverage: str = "must_cover", heterogeneous: bool = False, period: str = "month") -> Site:
    rng = np.random.default_rng(3)
    cands: list[Candidate] = []
    for b in range(4):
        cands.append(
            Candidate(
                id=f"B{b}-power",
                kind="power",
                it_kw=0,
                capex_cny=120e6,
                lead_time_months=12,
                provides={"power_kw": 30_000.0},
            )
        )
        cands.append(
            Candidate(
                id=f"B{b}-cooling",
                kind="cooling",
                it_kw=0,
                capex_cny=90e6,
                lead_time_months=12,
                provides={"cooling_kw": 24_000.0},
            )
        )
        for h in range(2):
            hall = f"B{b}-H{h}"
            cands.append(
                Candidate(
                    id=hall,
                    kind="hall",
                    it_kw=0,
                    capex_cny=150e6,
                    lead_time_months=18,
                    consumes={"power_kw": 13_000.0, "cooling_kw": 12_000.0},
                )
            )
            for g in range(3):
                kw = float(rng.choice([3000.0, 4000.0, 5000.0])) if heterogeneous else 4000.0
                cands.append(
                    Candidate(
                        id=f"{hall}-R{g}",
                        kind="rows",
                        it_kw=kw,
                        capex_cny=15e6 * kw / 1000,
                        lead_time_months=6,
                        requires=[hall],
                    )
                )
    t = np.arange(0, 12 * YEARS, 6)
    mw = 95.0 / (1 + np.exp(-(t - 150) / 45.0))
    mw = np.clip(mw - mw[0], 0.0, None)
    mw[t <= 24] = 0.0  # nothing to serve before the first halls can be built
    points = [
        DemandPoint(month=f"{2026 + m // 12}-{m % 12 + 1:02d}", value=round(float(v), 3))
        for m, v in zip(t, mw, strict=True)
    ]
    site = small_site()
    site.location = Location(latitude_deg=26.6, longitude_deg=106.7, elevation_m=1100)
    site.economics.analysis_years = YEARS
    site.economics.revenue_model = "colocation"
    site.economics.colocation_cny_per_kw_month = 700.0
    site.buildout = Buildout(
        start="2026-01",
        period=period,
        coverage=coverage,
        demand=DemandForecast(unit="it_mw", variants=[DemandVariant(id="base", points=points)]),
        candidates=cands,
        time_limit_s=HARD_LIMIT_S,
    )
    return site


def timed(fn, repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> int:
    curve = synthetic_curve()
    problem = build_problem(campus_site(), curve)
    n = len(problem.candidates)
    build_s, _ = timed(lambda: build_problem(campus_site(), curve), 3)
    solve_s, schedule = timed(lambda: optimise(problem), 3)
    built = int(schedule.built(problem.timeline.months).sum())
    ok = solve_s <= SCHEDULE_TARGET_S
    print(
        f"schedule, {YEARS} years monthly x {n} candidates (must cover): {solve_s:.2f} s median "
        f"[target <= {SCHEDULE_TARGET_S:g} s: {'OK' if ok else 'MISSED'}]; {schedule.status}, "
        f"{schedule.decision_months} decision months (exact reduction: {schedule.exact_reduction}), "
        f"{built} built; inputs {build_s:.2f} s"
    )

    def line(label: str, site: Site) -> None:
        pb = build_problem(site, curve)
        secs, sch = timed(lambda: optimise(pb), 1)
        gap = ""
        if sch.status != "optimal" and sch.bound_cny is not None and sch.objective_cny is not None:
            gap = f", net present cost at most {(sch.objective_cny - sch.bound_cny) / 1e6:,.0f} M CNY above the optimum"
        print(f"  {label}: {secs:.2f} s, {sch.status}{gap}, {sch.decision_months} decision months")

    print(f"harder instances (time limit {HARD_LIMIT_S:g} s; the best schedule found is returned with its gap):")
    line("row groups of 3/4/5 MW instead of 4 MW, monthly", campus_site(heterogeneous=True))
    line("row groups of 3/4/5 MW, yearly decisions", campus_site(heterogeneous=True, period="year"))
    line("unserved demand allowed (penalty mode), yearly decisions", campus_site(coverage="penalty", period="year"))
    line("unserved demand allowed (penalty mode), monthly decisions", campus_site(coverage="penalty"))

    result = price_schedule(problem, schedule)
    draws = 10_000
    mc_s, mc = timed(lambda: monte_carlo(result, draws, 1), 3)
    ok_mc = mc_s <= MONTE_CARLO_TARGET_S
    print(
        f"Monte Carlo, {draws:,} draws x {problem.timeline.months} months: {mc_s:.2f} s median "
        f"[target <= {MONTE_CARLO_TARGET_S:g} s: {'OK' if ok_mc else 'MISSED'}]; NPV P10/P50/P90 "
        f"{mc.npv_p10_cny / 1e6:,.0f} / {mc.npv_p50_cny / 1e6:,.0f} / {mc.npv_p90_cny / 1e6:,.0f} M CNY"
    )
    tor_s, _ = timed(lambda: tornado(result), 5)
    print(f"tornado, 8 inputs x 2 cases: {tor_s * 1000:.1f} ms median")
    return 0 if ok and ok_mc else 1


if __name__ == "__main__":
    raise SystemExit(main())
