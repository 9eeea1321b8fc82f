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
    **optional_results: Any,
) -> WorkbookManifest:
    """Solve ``base`` (or its ``scenario``) and write the workbook to ``target`` atomically.

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
        **optional_results,
    )
    return write_capacity_workbook(target, data)


def describe_manifest(target: Path | str, manifest: WorkbookManifest) -> str:
    """One line on what a workbook holds (for the CLI and the status bar)."""
    skipped = "".join(f"; {title} left out (no {', '.join(need)} results)" for title, need in manifest.skipped)
    return (
        f"Wrote {target}: {len(manifest.sheets)} sheets ({', '.join(manifest.sheets)}), "
        f"{len(manifest.expected):,} live formulas{skipped}"
    )
