"""Floor-plan editor speed on a generated 10,000-cabinet site (offscreen). Run: ./dev bench

Targets (2-core machine, offscreen): open <= 1.5 s, full repaint at fit-to-view <= 16 ms,
moving 1,000 selected cabinets (one command, scene updated) <= 100 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings

from dcplanner.io.project_file import save_project
from dcplanner.model.commands import MoveCabinets
from dcplanner.model.layout import grid_site
from dcplanner.model.placement import plan_cabinet_move
from dcplanner.model.site import ServerLoad
from ui.app import application
from ui.main_window import MainWindow
from ui.settings import Settings

HALLS, ROWS, SLOTS, CABINETS = 10, 20, 55, 50  # 10 x 20 x 50 = 10,000 cabinets, 5 free slots per row
TARGETS_MS = {"open": 1500.0, "repaint": 16.0, "move": 100.0}


def ten_thousand_cabinets() -> object:
    site = grid_site(HALLS, ROWS, SLOTS, CABINETS, design_kw=10.0)
    for hall in site.halls:
        for row in hall.rows:
            for cab in row.cabinets[::2]:
                cab.servers = [ServerLoad(model_id="dgx-a100", count=1)]  # 6.5 kW within the 10 kW budget
    return site


def ms(seconds: float) -> float:
    return seconds * 1000.0


def verdict(name: str, value_ms: float) -> str:
    return "ok" if value_ms <= TARGETS_MS[name] else "OVER TARGET"


def main() -> int:
    app = application()
    scratch = tempfile.TemporaryDirectory()
    path = Path(scratch.name) / "ten_thousand.dcp.json"
    site = ten_thousand_cabinets()
    save_project(site, path)
    cabinets = sum(len(r.cabinets) for h in site.halls for r in h.rows)

    settings = Settings(QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, restore_layout=False)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()

    t0 = time.perf_counter()
    window.open_file(path, ask=False)
    window.view.fit()
    app.processEvents()
    window.view.viewport().repaint()
    open_s = time.perf_counter() - t0
    print(f"site: {cabinets:,} cabinets in {HALLS} halls x {ROWS} rows; window 1600 x 1000 offscreen")
    print(
        f"open (read, check, build the plan, totals, first paint): {ms(open_s):7.1f} ms   {verdict('open', ms(open_s))}"
    )

    viewport = window.view.viewport()
    times = []
    for _ in range(40):
        t = time.perf_counter()
        viewport.repaint()
        times.append(time.perf_counter() - t)
    median, worst = ms(statistics.median(times)), ms(max(times))
    print(
        f"full repaint at fit ({window.view.px_per_m():.1f} px/m): median {median:5.2f} ms, "
        f"max {worst:5.2f} ms   {verdict('repaint', median)}"
    )
    grabs = []
    for _ in range(10):
        t = time.perf_counter()
        viewport.grab()
        grabs.append(time.perf_counter() - t)
    print(f"  cross-check, render the viewport into a pixmap: median {ms(statistics.median(grabs)):5.2f} ms")
    window.view.zoom_by(4.0)
    app.processEvents()
    times = []
    for _ in range(20):
        t = time.perf_counter()
        viewport.repaint()
        times.append(time.perf_counter() - t)
    zoomed = ms(statistics.median(times))
    print(f"  repaint zoomed in ({window.view.px_per_m():.1f} px/m, cabinets outlined): median {zoomed:5.2f} ms")
    window.view.fit()

    ed = window.document.editor
    ids = [c.id for h in ed.site.halls[:1] for r in h.rows for c in r.cabinets]  # hall 1: 20 rows x 50
    window.selection.set(cabinets=ids)
    app.processEvents()
    t = time.perf_counter()
    placements = plan_cabinet_move(ed, ids, 5 * 0.6, 0.0)  # five slots right, into the free ends
    plan_s = time.perf_counter() - t
    t = time.perf_counter()
    refused = window.document.push(MoveCabinets(placements))
    app.processEvents()
    move_s = time.perf_counter() - t
    assert refused is None, refused
    assert window.document.undo_stack.undoText() == f"Move {len(ids):,} cabinets"
    t = time.perf_counter()
    viewport.repaint()
    paint_s = time.perf_counter() - t
    t = time.perf_counter()
    window.document.undo_stack.undo()
    app.processEvents()
    undo_s = time.perf_counter() - t
    total = plan_s + move_s
    print(
        f"move {len(ids):,} selected cabinets (one command): plan {ms(plan_s):.1f} ms + check, apply and "
        f"update the plan {ms(move_s):.1f} ms = {ms(total):.1f} ms   {verdict('move', ms(total))}"
    )
    print(f"  repaint after the move {ms(paint_s):.1f} ms; undo {ms(undo_s):.1f} ms")

    t = time.perf_counter()
    for _ in range(10):
        MoveCabinets(plan_cabinet_move(ed, ids, 0.6, 0.0)).check(ed)
    feedback = ms(time.perf_counter() - t) / 10
    print(f"drag feedback per mouse move (plan + check of {len(ids):,} cabinets): {feedback:.1f} ms")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
