"""Site validation speed: a 20,000-cabinet site and sites of many identical (overlapping) halls.

Run: python benchmarks/bench_validation.py. Targets (2-core machine): validate_site on 20,000
cabinets <= 1 s; the hall-overlap check on 4,000 and 16,000 identical halls <= 1 s and <= 2 s
(each hall reported once, not each pair: 3,999 and 15,999 issues).
"""

from __future__ import annotations

import copy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dcplanner.model.layout import grid_site
from dcplanner.model.validation import hall_overlaps, validate_site

TARGETS_S = {"validate 20,000 cabinets": 1.0, "overlaps of 4,000 halls": 1.0, "overlaps of 16,000 halls": 2.0}


def best_of(runs: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    site = grid_site(20, 20, 55, 50)  # 20 halls x 20 rows x 50 cabinets = 20,000 cabinets
    cabinets = sum(len(r.cabinets) for h in site.halls for r in h.rows)
    assert cabinets == 20_000
    timings = {}
    timings["validate 20,000 cabinets"], issues = best_of(3, lambda: validate_site(site))
    print(f"validate_site: {cabinets:,} cabinets, {len(issues):,} issues")
    hall = site.halls[0]
    for n in (4_000, 16_000):
        halls = [copy.copy(hall) for _ in range(n)]
        for i, h in enumerate(halls):
            h.id = f"H{i}"
        timings[f"overlaps of {n:,} halls"], found = best_of(1, lambda halls=halls: hall_overlaps(halls))
        print(f"hall_overlaps: {n:,} identical halls, {len(found):,} issues")
    failed = 0
    for name, seconds in timings.items():
        ok = seconds <= TARGETS_S[name]
        failed += not ok
        print(f"{name:<28} {seconds:7.3f} s  (target {TARGETS_S[name]:g} s) {'ok' if ok else 'SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
