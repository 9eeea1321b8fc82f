"""How cost grows with the size of a site: load, validate, solve, energy and export per size.

Run: ``python benchmarks/bench_site_ladder.py [--sizes 1000,5000,...] [--no-export]`` (or
``./dev bench``). For each size a valid project file (``bench_excel.big_site``: 12 kW cabinets of
two HGX H20 servers, one scenario) is written first; then ONE fresh process, as a user's
``dcplanner`` process would, times on it in turn:

- load: ``load_project`` (read, JSON -> model, the model's rules, the scenario's check);
- validate: ``project_issues`` on the loaded site, everything the app's Save re-checks;
- solve: ``solve_site`` with the energy year (capacity, compute, energy, findings);
- energy: ``solve_energy`` alone, a second time in the same process (climate already made);
- export: ``collect_export_data`` with those results, then ``write_capacity_workbook``.

Peak memory is the measuring process's own maximum resident set (the operating system's
accounting of the finished child). Targets: load + validate <= 20 us a cabinet at every size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SIZES = (1_000, 5_000, 10_000, 20_000, 50_000, 100_000)
CABINET_KW, SERVERS = 12.0, 2  # 100,000 x 12 kW x 1.3 stays inside the model's 2 GW utility
LOAD_VALIDATE_US_PER_CABINET = 20.0


def write_site(cabinets: int, path: Path) -> None:
    from bench_excel import big_site

    from dcplanner.io.project_file import save_project

    save_project(big_site(cabinets, CABINET_KW, SERVERS), path)


def measure(path: Path, export: bool) -> dict[str, float]:
    """The child's work: every figure for one project file."""
    t0 = time.perf_counter()
    from dcplanner.io.project_file import load_project, project_issues
    from dcplanner.site_solve import solve_site
    from dcplanner.solvers.energy import solve_energy

    figures = {"imports_s": time.perf_counter() - t0}
    t = time.perf_counter()
    loaded = load_project(path)
    figures["load_s"] = time.perf_counter() - t
    t = time.perf_counter()
    bad = project_issues(loaded.site, path.parent)
    figures["validate_s"] = time.perf_counter() - t
    if bad:
        raise SystemExit(f"benchmark site is invalid: {bad[0]}")
    t = time.perf_counter()
    results = solve_site(loaded.site, energy=True)
    figures["solve_s"] = time.perf_counter() - t
    from dcplanner.climate import load_weather

    weather = load_weather(loaded.site.climate, path.parent, loaded.site.location)
    t = time.perf_counter()
    solve_energy(loaded.site, weather)
    figures["energy_s"] = time.perf_counter() - t
    if export:
        from dcplanner.io.excel import collect_export_data, write_capacity_workbook

        t = time.perf_counter()
        data = collect_export_data(loaded.site, results=results)
        write_capacity_workbook(path.with_suffix(".xlsx"), data)
        figures["export_s"] = time.perf_counter() - t
    figures["cabinets"] = sum(len(r.cabinets) for h in loaded.site.halls for r in h.rows)
    return figures


def run_child(path: Path, export: bool) -> tuple[dict[str, float], float]:
    """Figures and peak resident MiB of one fresh measuring process."""
    cmd = [sys.executable, __file__, "--child", str(path)] + ([] if export else ["--no-export"])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"measuring {path.name} failed (exit {proc.returncode})")
    return json.loads(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024.0  # Linux: kB


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(str(n) for n in SIZES), help="cabinet counts, comma-separated")
    ap.add_argument("--no-export", action="store_true", help="skip the workbook export")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, not args.no_export)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{'cabinets':>9} {'load s':>8} {'valid. s':>8} {'us/cab':>7} {'solve s':>8} {'energy ms':>9} "
        f"{'export s':>8} {'peak MiB':>8}"
    )
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"ladder-{n}.dcp.json"
            write_site(n, path)
            fig, peak = run_child(path, not args.no_export)
            per_cabinet_us = 1e6 * (fig["load_s"] + fig["validate_s"]) / fig["cabinets"]
            missed += per_cabinet_us > LOAD_VALIDATE_US_PER_CABINET
            export = f"{fig['export_s']:8.2f}" if "export_s" in fig else f"{'-':>8}"
            print(
                f"{int(fig['cabinets']):>9,} {fig['load_s']:8.3f} {fig['validate_s']:8.3f} {per_cabinet_us:7.1f} "
                f"{fig['solve_s']:8.3f} {1e3 * fig['energy_s']:9.2f} {export} {peak:8.0f}",
                flush=True,
            )
    print(
        f"target: load + validate <= {LOAD_VALIDATE_US_PER_CABINET:g} us a cabinet at every size: "
        f"{'met' if not missed else f'MISSED at {missed} size(s)'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
