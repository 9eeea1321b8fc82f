"""Whole-process command-line speed: ``dcplanner solve`` and ``dcplanner validate`` of Anshun.

Run: ``python benchmarks/bench_cli.py [--runs N]`` (or ``./dev bench``). Each run is a new
``python main.py ...`` process timed from start to exit (interpreter start, imports, load,
climate year, solve and output all included), as a user waits for it; nothing is warmed up
but the operating system's file cache. Prints the median and the range of the runs.
Targets: solve <= 0.5 s, validate <= 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "sample_sites" / "anshun.dcp.json"
COMMANDS = {
    "solve --json": (["solve", str(SITE), "--json"], 0.5),
    "validate": (["validate", str(SITE)], 0.3),
}


def wall_s(args: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"dcplanner {' '.join(args)} failed: {done.stderr.decode()[:300]}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="processes per command (default 7)")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    print(f"machine load (1 min) {load:.2f} on {os.cpu_count()} cores")
    for name, (argv, target) in COMMANDS.items():
        times = [wall_s(argv) for _ in range(args.runs)]
        med = statistics.median(times)
        print(
            f"dcplanner {name:<13} median {med:6.3f} s  (min {min(times):.3f}, max {max(times):.3f}; "
            f"target <= {target:g} s: {'met' if med <= target else 'MISSED'})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
