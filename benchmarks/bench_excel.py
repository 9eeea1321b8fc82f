"""Capacity workbook speed: export a 20,000-cabinet site (target: at most 10 s), then read it back.

Run: ``.venv/bin/python benchmarks/bench_excel.py [CABINETS]`` (or ``./dev bench``). The site is
20 halls of contained pods built with :mod:`dcplanner.model.layout`, every cabinet holding
servers, plus one scenario, so every sheet (and the scenario comparison) is written in full.
The export solves the hourly energy year of the site and of its scenario and phases their
build-out (one candidate per hall against a 20-year demand forecast), as ``dcplanner export``
does; the 8,760-row hourly sheet (``--hourly``) is timed on its own, outside the target.
"""

from __future__ import annotations

import dataclasses
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dcplanner.io.excel import collect_export_data, read_cabinet_list, write_capacity_workbook  # noqa: E402
from dcplanner.model.buildout import (  # noqa: E402
    Buildout,
    Candidate,
    DemandForecast,
    DemandPoint,
    DemandVariant,
)
from dcplanner.model.layout import PodGrid, fill_row, hall_with_pods, size_units  # noqa: E402
from dcplanner.model.site import (  # noqa: E402
    Cabinet,
    Economics,
    GeneratorBlock,
    Location,
    PduBlock,
    PowerChain,
    Scenario,
    ServerLoad,
    Site,
    TransformerBlock,
    UpsSystem,
    UtilityFeed,
)
from dcplanner.site_solve import solve_site  # noqa: E402

TARGET_S = 10.0
CABINET_KW = 20.0
ROWS_PER_HALL, POSITIONS = 50, 20


def big_site(cabinets: int = 20_000, cabinet_kw: float = CABINET_KW, servers: int = 3) -> Site:
    """``cabinets`` cabinets of ``servers`` HGX H20 servers (5.5 kW each, catalog) in halls of
    50 rows x 20 positions, with a power chain of large units so every block stays inside the
    model's limits (500 transformers, 2,000 UPS modules, 500 generators, 2 GW utility) and the
    site is valid at every size up to 100,000 cabinets of 12 kW."""
    grid = PodGrid(rows=ROWS_PER_HALL, positions=POSITIONS)
    per_hall = ROWS_PER_HALL * POSITIONS
    halls = []
    left = cabinets
    for h in range(math.ceil(cabinets / per_hall)):
        row_ids = [f"H{h + 1:02d}-R{r + 1:02d}" for r in range(ROWS_PER_HALL)]
        hall = hall_with_pods(f"H{h + 1:02d}", f"Hall {h + 1}", grid, row_ids, "std-600x1200-47u", x_m=h * 20.0)
        for row in hall.rows:
            n = min(POSITIONS, left)
            left -= n
            fill_row(
                row,
                [
                    Cabinet(
                        id=f"{row.id}-{k + 1:02d}",
                        position=0,
                        design_kw=cabinet_kw,
                        servers=[ServerLoad(model_id="hgx-h20-8gpu", count=servers)],
                    )
                    for k in range(n)
                ],
            )
        design = sum(c.design_kw for r in hall.rows for c in r.cabinets)
        hall.design_it_kw = design * 1.05
        hall.cooling_unit_kw, hall.cooling_units = 450.0, size_units(design, 450.0, "N+1")
        halls.append(hall)
    it_kw = cabinets * cabinet_kw
    facility = it_kw * 1.3
    # 25 MVA MV transformers at power factor 0.9 (22.5 MW), 2 MW UPS modules, 1 MW PDUs and
    # 4 MW generator sets: large but catalogued unit sizes (ASSUMPTION, benchmark site only)
    power = PowerChain(
        utility=UtilityFeed(capacity_kw=1000 * math.ceil(facility / 850), feeds=2, redundancy="2N", voltage_kv=110),
        transformers=TransformerBlock(count=size_units(facility, 22_500, "2N"), rating_kva=25_000, redundancy="2N"),
        ups=UpsSystem(module_kw=2000, modules=size_units(it_kw, 2000, "2N"), redundancy="2N"),
        pdus=PduBlock(count=size_units(it_kw, 1000, "2N"), rating_kw=1000, redundancy="2N"),
        generators=GeneratorBlock(count=size_units(facility, 4000, "N+1"), rating_kw=4000, redundancy="N+1"),
        design_facility_factor=1.3,
    )
    demand = [("2026-01", 0.0), ("2030-01", it_kw / 2000.0), ("2036-01", it_kw / 1000.0)]  # MW, made up
    buildout = Buildout(
        start="2026-01",
        demand=DemandForecast(
            unit="it_mw", variants=[DemandVariant(id="base", points=[DemandPoint(month=m, value=v) for m, v in demand])]
        ),
        candidates=[Candidate(id=h.id, covers=[h.id], lead_time_months=12) for h in halls],
    )
    economics = Economics(revenue_model="colocation", colocation_cny_per_kw_month=700.0)  # made up, Anshun-like
    return Site(
        id="bench",
        buildout=buildout,
        economics=economics,
        name="Benchmark site 基准",
        location=Location(latitude_deg=26.6, longitude_deg=106.7, elevation_m=1100),
        power=power,
        halls=halls,
        scenarios=[Scenario(id="30kw", overrides={"halls.*.rows.*.cabinets.*.design_kw": 30.0})],
    )


def main() -> None:
    cabinets = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    site = big_site(cabinets)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.xlsx"
        t0 = time.perf_counter()
        results = solve_site(site, energy=True)
        t1 = time.perf_counter()
        data = collect_export_data(site, results=results)  # scenario solves, inventory, phasing
        t2 = time.perf_counter()
        manifest = write_capacity_workbook(out, data)
        t3 = time.perf_counter()
        listed = read_cabinet_list(out)
        t4 = time.perf_counter()
        size_mb = out.stat().st_size / 1e6
        hourly_out = Path(tmp) / "bench-hourly.xlsx"
        t5 = time.perf_counter()
        write_capacity_workbook(hourly_out, dataclasses.replace(data, hourly=True))
        t6 = time.perf_counter()
        hourly_mb = hourly_out.stat().st_size / 1e6
        collect_export_data(site, results=results, with_phasing=False)
        t7 = time.perf_counter()
    export_s = t3 - t0
    phasing_s = (t2 - t1) - (t7 - t6)
    assert data.phasing is not None
    npv_m = data.phasing.measures.npv_cny / 1e6
    print(f"site: {cabinets:,} cabinets in {len(site.halls)} halls, {sum(len(h.rows) for h in site.halls):,} rows")
    print(f"solve (capacity, compute, energy year): {t1 - t0:6.2f} s  (annual PUE {results.energy.annual_pue:.3f})")
    print(f"scenario solves, inventory, phasing:    {t2 - t1:6.2f} s")
    built = sum(c.built for c in data.phasing.candidates)
    print(f"  of which build-out phasing (2 cases): {phasing_s:6.2f} s  ({built} halls built, NPV {npv_m:,.0f} M CNY)")
    formulas = len(manifest.expected)
    print(f"build + save workbook:                  {t3 - t2:6.2f} s  ({size_mb:.1f} MB, {formulas:,} formulas)")
    print(
        f"export total (solve to file):           {export_s:6.2f} s  (target <= {TARGET_S:g} s: "
        f"{'met' if export_s <= TARGET_S else 'MISSED'})"
    )
    print(f"read the Cabinets sheet back:           {t4 - t3:6.2f} s  ({len(listed.rows):,} cabinets)")
    print(
        f"with the hourly sheet (build + save):   {t6 - t5:6.2f} s  ({hourly_mb:.1f} MB; export total "
        f"{export_s - (t3 - t2) + (t6 - t5):.2f} s)"
    )


if __name__ == "__main__":
    main()
