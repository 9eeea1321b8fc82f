"""Excel capacity workbook: export of the solved site and import of cabinet lists (engine layer).

- :func:`collect_export_data` solves what the workbook shows (or reuses the caller's results);
- :func:`write_capacity_workbook` writes it atomically and returns the formula manifest;
- :func:`read_cabinet_list`, :func:`plan_cabinet_import` and :func:`apply_cabinet_import` merge a
  cabinet list (xlsx or csv) into a site (:func:`restore_cabinet_lists` undoes the merge).
"""

from __future__ import annotations

from dcplanner.io.excel.cabinet_import import (
    CabinetChange,
    ImportPlan,
    RejectedRow,
    StalePlanError,
    apply_cabinet_import,
    plan_cabinet_import,
    restore_cabinet_lists,
)
from dcplanner.io.excel.cabinet_list import CabinetList, CabinetListError, read_cabinet_list
from dcplanner.io.excel.data import ExportData, SolvedCase, collect_export_data, solve_cases
from dcplanner.io.excel.registry import SheetSpec, default_sheets
from dcplanner.io.excel.writer import WorkbookManifest, build_workbook, write_capacity_workbook
from dcplanner.key_figure import KeyFigure

__all__ = [
    "CabinetChange",
    "CabinetList",
    "CabinetListError",
    "ExportData",
    "ImportPlan",
    "KeyFigure",
    "RejectedRow",
    "SheetSpec",
    "SolvedCase",
    "StalePlanError",
    "WorkbookManifest",
    "apply_cabinet_import",
    "build_workbook",
    "collect_export_data",
    "default_sheets",
    "plan_cabinet_import",
    "read_cabinet_list",
    "restore_cabinet_lists",
    "solve_cases",
    "write_capacity_workbook",
]
