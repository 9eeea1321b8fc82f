"""Read a cabinet list (xlsx or csv) into rows of raw values keyed by field (engine layer).

The columns are those of the workbook's Cabinets sheet, matched by header text without case,
units in brackets or punctuation: hall, row and position are required; cabinet id, cabinet
type, design kW, server load (``3 × model; 1 × model``) or servers with a server model, phase
and name are optional. Other columns (loaded kW, peak FLOPS, ...) are ignored and reported.
Workbooks are read with defusedxml (installed with dcplanner), formulas as their saved values.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException

FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("cabinet id", "cabinet", "id"),
    "hall": ("hall", "hall id"),
    "row": ("row", "row id"),
    "position": ("position", "slot", "pos"),
    "type_id": ("cabinet type", "type", "type id"),
    "design_kw": ("design", "design kw", "kw", "design power", "power", "design it"),
    "servers": ("servers", "server count", "compute servers"),
    "server_model": ("server model", "model"),
    "server_load": ("server load",),
    "phase_id": ("phase", "phase id"),
    "name": ("name", "cabinet name"),
}
REQUIRED = ("hall", "row", "position")
PREFERRED_SHEET = "Cabinets"
HEADER_SEARCH_ROWS = 20
MAX_ROWS = 200_000
_ALIASES = {alias: key for key, aliases in FIELDS.items() for alias in aliases}


class CabinetListError(ValueError):
    """A cabinet list that cannot be read at all (not a single row can be judged)."""


@dataclass(frozen=True, slots=True)
class UnsavedFormula:
    """A workbook cell holding a formula whose result was never saved (no spreadsheet computed it)."""

    formula: str


@dataclass(frozen=True, slots=True)
class ListRow:
    """One data line: its row number as the spreadsheet shows it, and its cells by field."""

    sheet_row: int
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CabinetList:
    """The readable content of a cabinet list."""

    source: str  # file name, and the sheet for workbooks
    headers: dict[str, str]  # field -> header text as written in the list
    ignored: tuple[str, ...]  # headers that name no field
    rows: tuple[ListRow, ...]


def normalise_header(text: str) -> str:
    """``"Design (kW)"`` -> ``"design"``; ``"Cabinet_ID"`` -> ``"cabinet id"``."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", str(text)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _field_of(header: object) -> str | None:
    return _ALIASES.get(normalise_header(str(header))) if header not in (None, "") else None


def _header_map(cells: Sequence[object], where: str) -> tuple[dict[int, str], dict[str, str], tuple[str, ...]]:
    columns: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for i, header in enumerate(cells):
        key = _field_of(header)
        if key is None:
            if header not in (None, ""):
                ignored.append(str(header))
            continue
        if key in headers:
            raise CabinetListError(f"{where}: columns {headers[key]!r} and {header!r} both give the {key}")
        columns[i] = key
        headers[key] = str(header)
    return columns, headers, tuple(ignored)


def _is_header(cells: Sequence[object]) -> bool:
    keys = {_field_of(c) for c in cells}
    return all(k in keys for k in REQUIRED)


def _table(lines: Iterable[tuple[int, Sequence[object]]], source: str) -> CabinetList:
    """Find the header line among the first lines, then collect the non-empty data lines."""
    it: Iterator[tuple[int, Sequence[object]]] = iter(lines)
    found: tuple[int, Sequence[object]] | None = None
    for number, cells in it:
        if _is_header(cells):
            found = (number, cells)
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if found is None:
        wanted = ", ".join(FIELDS[k][0] for k in REQUIRED)
        raise CabinetListError(
            f"{source}: no header line with the columns {wanted} in the first {HEADER_SEARCH_ROWS} rows"
        )
    columns, headers, ignored = _header_map(found[1], f"{source} row {found[0]}")
    rows: list[ListRow] = []
    for number, cells in it:
        values = {key: cells[i] for i, key in columns.items() if i < len(cells)}
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        if all(v in (None, "") for v in values.values()):
            continue
        rows.append(ListRow(number, values))
        if len(rows) > MAX_ROWS:
            raise CabinetListError(f"{source}: more than {MAX_ROWS:,} cabinets; split the list")
    return CabinetList(source, headers, ignored, tuple(rows))


# What a damaged, foreign or hostile file raises while openpyxl reads it (zip, XML, defusedxml).
_UNREADABLE = (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, DefusedXmlException, ParseError)


def _with_formulas(values: Sequence[object], formulas: Sequence[object]) -> tuple[object, ...]:
    """Saved values, with :class:`UnsavedFormula` where a formula has no saved result."""
    return tuple(
        UnsavedFormula(f) if v is None and isinstance(f, str) and f.startswith("=") else v
        for v, f in zip(values, (*formulas, *[None] * (len(values) - len(formulas))), strict=False)
    )


def _read_xlsx(path: Path) -> CabinetList:
    """Read saved values; a second pass over the formulas finds cells whose result was never saved."""
    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except _UNREADABLE as exc:
        raise CabinetListError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    try:
        title = PREFERRED_SHEET if PREFERRED_SHEET in values.sheetnames else values.sheetnames[0]
        rows = zip(values[title].iter_rows(values_only=True), formulas[title].iter_rows(values_only=True), strict=False)
        lines = ((n, _with_formulas(v, f)) for n, (v, f) in enumerate(rows, start=1))
        return _table(lines, f"{path.name} [{title}]")
    except CabinetListError:
        raise
    except _UNREADABLE as exc:  # read-only sheets are parsed while iterating
        raise CabinetListError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    finally:
        values.close()
        formulas.close()


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB 18030: what Excel writes on Chinese Windows."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CabinetListError(f"{path}: neither UTF-8 nor GB 18030 text")


def _read_csv(path: Path) -> CabinetList:
    try:
        text = _decode(path.read_bytes(), path)
    except OSError as exc:
        raise CabinetListError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    return _table(((reader.line_num, row) for row in reader), path.name)


def read_cabinet_list(path: Path | str) -> CabinetList:
    """Read ``path`` (.xlsx / .xlsm or .csv / .txt); raises CabinetListError if it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise CabinetListError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    raise CabinetListError(f"{path}: a cabinet list is an .xlsx workbook or a .csv file, not {suffix or 'no suffix'}")
