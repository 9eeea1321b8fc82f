"""Broken cabinet lists: read and planned, or a CabinetListError naming the file; plans always print."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from hypothesis import given

from dcplanner.io.excel import CabinetListError, plan_cabinet_import, read_cabinet_list
from tests.factories import small_site
from tests.fuzz.conftest import fuzz
from tests.fuzz.strategies import mutated_bytes, mutated_lines

CSV_LINES = ["Hall,Row,Position,Cabinet type,Design (kW),Server load,Phase,Name,Cabinet id"] + [
    f"H1,R{r},{p},std-600x1200-47u,{8 + p},1 × dgx-a100,,cab {r}{p},R{r}-{p}" for r in (1, 2) for p in range(5)
]


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cabinets"
    for line in CSV_LINES:
        ws.append([int(v) if v.isdigit() else v for v in line.split(",")])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


XLSX = _xlsx()


def _contract(path: Path) -> None:
    try:
        table = read_cabinet_list(path)
    except CabinetListError as exc:
        assert str(path.name) in str(exc), str(exc)
        str(exc).encode("utf-8")
        return
    plan = plan_cabinet_import(small_site(), table)
    plan.report(None).encode("utf-8")  # every line of the report prints


@fuzz(40)
@given(data=mutated_bytes(XLSX))
def test_damaged_workbooks_read_or_name_the_file(tmp_path, data):
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(data)
    _contract(path)


@fuzz(40)
@given(lines=mutated_lines(CSV_LINES, 9))
def test_mutated_csv_lists_read_or_name_the_file(tmp_path, lines):
    path = tmp_path / "fuzz.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _contract(path)


@fuzz(15)
@given(lines=mutated_lines([line.replace(",", ";") for line in CSV_LINES], 9))
def test_mutated_semicolon_lists_read_or_name_the_file(tmp_path, lines):
    path = tmp_path / "fuzz.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _contract(path)


@fuzz(15)
@given(data=mutated_bytes("\n".join(CSV_LINES).encode("utf-8")))
def test_damaged_csv_bytes_read_or_name_the_file(tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    _contract(path)
