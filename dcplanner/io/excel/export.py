"""One call from a site to a written capacity workbook, used by the CLI and the GUI (engine layer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dcplanner.climate import Weather
from dcplanner.io.excel.data import collect_export_data
from dcplanner.io.excel.writer import WorkbookManifest, write_capacity_workbook
from dcplanner.model.site import Site


def export_workbook(
    base: Site,
    target: Path | str,
    *,
    scenario: str | None = None,
    with_energy: bool = True,
    weather: Weather | None = None,
    base_dir: Path | None = None,
    hourly: bool = False,
    with_phasing: bool = True,
    **optional_results: Any,
) -> WorkbookManifest:
    """Solve ``base`` (or its ``scenario``) and write the workbook to ``target`` atomically.

    ``with_phasing`` schedules and prices the build-out of the site and of each scenario (the
    Phases and Finance sheets and the Scenarios comparison); a site without a build-out skips them.

    Raises ValueError for a target that is not an .xlsx in an existing folder (nothing is
    written), and whatever :func:`collect_export_data` raises for a site that cannot be solved.
    """
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise ValueError(f"{target}: the workbook name must end in .xlsx")
    if not target.parent.is_dir():
        raise ValueError(f"{target.parent}: no such folder")
    if hourly and not with_energy:
        raise ValueError("the hourly sheet needs the energy year")
    data = collect_export_data(
        base,
        scenario=scenario,
        with_energy=with_energy,
        weather=weather,
        base_dir=base_dir,
        hourly=hourly,
        with_phasing=with_phasing,
        **optional_results,
    )
    return write_capacity_workbook(target, data)


def describe_manifest(target: Path | str, manifest: WorkbookManifest) -> str:
    """One line on what a workbook holds (for the CLI and the status bar)."""
    by_need: dict[tuple[str, ...], list[str]] = {}
    for title, need in manifest.skipped:
        by_need.setdefault(need, []).append(title)
    skipped = ""
    for need, titles in by_need.items():
        why = "; ".join(_first_lines(manifest.reasons[name]) for name in need if name in manifest.reasons)
        skipped += f"; {' and '.join(titles)} left out (no {', '.join(need)} results{': ' + why if why else ''})"
    return (
        f"Wrote {target}: {len(manifest.sheets)} sheets ({', '.join(manifest.sheets)}), "
        f"{len(manifest.expected):,} live formulas{skipped}"
    )


def _first_lines(text: str, lines: int = 2) -> str:
    """A reason on one line: its first ``lines`` lines (an infeasible schedule lists every binding limit)."""
    return " ".join(line.strip() for line in text.splitlines()[:lines])
