"""Read a cabinet list (xlsx or csv) into rows of raw values keyed by field (engine layer).

The columns are those of the workbook's Cabinets sheet, matched by header text without case,
units in brackets or punctuation: hall, row and position are required; every other field of
:class:`~dcplanner.model.site.Cabinet` (cabinet id, cabinet type, design kW, server load
``3 × model; 1 × model``, phase, name) is optional, as are servers with a server model (the short
form of a server load). A field's headers are its own and the aliases the model declares for it
(:attr:`~dcplanner.model.schema.FieldInfo.headers`). Other columns (loaded kW, peak FLOPS, ...)
are ignored and reported.
Workbooks are read with defusedxml (installed with dcplanner), formulas as their saved values.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException

from dcplanner.model.schema import describe_fields, shown_text, surrogate_problem
from dcplanner.model.site import Cabinet

PLACE_COLUMNS: dict[str, tuple[str, ...]] = {"hall": ("Hall", "hall id", "机房"), "row": ("Row", "row id", "机列")}
"""Where a listed cabinet stands: the ids of its hall and row (the sheet's Hall and Row columns)."""
SERVER_COLUMNS: dict[str, tuple[str, ...]] = {
    "server_count": ("Servers", "server count", "compute servers", "服务器数量"),
    "server_model": ("Server model", "model", "服务器型号"),
}
"""Compute servers of one model: the short form of a server load, or a check on it (the sheet's Servers)."""
FIELDS: dict[str, tuple[str, ...]] = {
    **PLACE_COLUMNS,
    **{info.name: info.headers for info in describe_fields(Cabinet)},
    **SERVER_COLUMNS,
}
"""List key (a Cabinet field's name, or a place or server column) -> the headers that name it."""
REQUIRED = ("hall", "row", "position")
PREFERRED_SHEET = "Cabinets"
HEADER_SEARCH_ROWS = 20
MAX_ROWS = 200_000

# Zip-bomb limits on the entries of a workbook, read from its directory before anything is
# decompressed. Apache POI's ZipSecureFile refuses entries that inflate more than 100-fold
# (MIN_INFLATE_RATIO = 0.01); sheet XML of real workbooks inflates about 5- to 20-fold. A list of
# MAX_ROWS cabinets needs well under 256 MiB of XML.
MAX_INFLATE_RATIO = 100.0
RATIO_CHECK_FROM_BYTES = 1 << 20  # small entries (styles, a few rows) may inflate more
MAX_UNCOMPRESSED_BYTES = 256 << 20
MAX_ENTRIES = 10_000


class CabinetListError(ValueError):
    """A cabinet list that cannot be read at all (not a single row can be judged)."""


@dataclass(frozen=True, slots=True)
class UnsavedFormula:
    """A workbook cell holding a formula whose result was never saved (no spreadsheet computed it)."""

    formula: str


@dataclass(frozen=True, slots=True)
class UnreadableText:
    """A cell whose text is not Unicode (a lone surrogate, as ``_xD800_`` in workbook XML)."""

    reason: str


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
    decimal_comma: bool = False  # a semicolon-separated text list: "2,5" means 2.5


def normalise_header(text: str) -> str:
    """``"Design (kW)"`` -> ``"design"``; ``"Cabinet_ID"`` -> ``"cabinet id"``; ``"设计功率（kW）"`` -> ``"设计功率"``.

    Brackets (also full-width ones) and what they hold go, case goes, and every run of characters
    that are no letter or digit (of any script) becomes one space.
    """
    text = re.sub(r"[(（][^)）]*[)）]|[\[【][^\]】]*[\]】]", " ", str(text)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _alias_table(fields: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Normalised header -> list key; a header naming two keys is a mistake in their declarations."""
    table: dict[str, str] = {}
    for key, headers in fields.items():
        for header in headers:
            alias = normalise_header(header)
            if table.get(alias, key) != key:
                raise ValueError(f"the column header {header!r} names both {table[alias]} and {key}")
            table[alias] = key
    return table


_ALIASES = _alias_table(FIELDS)


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
                ignored.append(shown_text(str(header)))
            continue
        if key in headers:
            raise CabinetListError(
                f"{where}: columns {headers[key]!r} and {shown_text(str(header))!r} both give the {key}"
            )
        columns[i] = key
        headers[key] = shown_text(str(header))
    return columns, headers, tuple(ignored)


def _is_header(cells: Sequence[object]) -> bool:
    keys = {_field_of(c) for c in cells}
    return all(k in keys for k in REQUIRED)


def _cell(value: object) -> object:
    """A cell as the planner reads it: text trimmed, text that is not Unicode marked."""
    if not isinstance(value, str):
        return value
    problem = surrogate_problem(value)
    return UnreadableText(problem) if problem is not None else value.strip()


def _table(lines: Iterable[tuple[int, Sequence[object]]], source: str, *, decimal_comma: bool = False) -> CabinetList:
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
        wanted = ", ".join(normalise_header(FIELDS[k][0]) for k in REQUIRED)
        raise CabinetListError(
            f"{source}: no header line with the columns {wanted} in the first {HEADER_SEARCH_ROWS} rows"
        )
    columns, headers, ignored = _header_map(found[1], f"{source} row {found[0]}")
    rows: list[ListRow] = []
    for number, cells in it:
        values = {key: _cell(cells[i]) for i, key in columns.items() if i < len(cells)}
        if all(v in (None, "") for v in values.values()):
            continue
        rows.append(ListRow(number, values))
        if len(rows) > MAX_ROWS:
            raise CabinetListError(f"{source}: more than {MAX_ROWS:,} cabinets; split the list")
    return CabinetList(source, headers, ignored, tuple(rows), decimal_comma)


# What a damaged, foreign or hostile file raises while openpyxl reads it: zip (damaged, encrypted
# or unknown compression), XML and defusedxml, and openpyxl's own lookups (a shared-string
# index past the table, a missing part).
_UNREADABLE = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    ValueError,
    DefusedXmlException,
    ParseError,
)


def _check_archive(path: Path) -> None:
    """Refuse a workbook whose zip entries are encrypted, oddly compressed or a zip bomb.

    Reads only the zip directory, so a 1.5 GB bomb is refused in milliseconds.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CabinetListError(f"{path}: not a readable .xlsx workbook (not a zip archive: {exc})") from None
    if len(entries) > MAX_ENTRIES:
        raise CabinetListError(f"{path}: the workbook holds {len(entries):,} parts; a workbook has far fewer")
    total = 0
    for info in entries:
        name = shown_text(info.filename)
        if info.flag_bits & 0x1:
            raise CabinetListError(f"{path}: part {name!r} is encrypted; save the workbook without a password")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise CabinetListError(
                f"{path}: part {name!r} uses zip compression method {info.compress_type}; Excel and LibreOffice "
                "write only 'stored' or 'deflated': save the workbook again"
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECK_FROM_BYTES and ratio > MAX_INFLATE_RATIO:
            raise CabinetListError(
                f"{path}: part {name!r} would grow {ratio:,.0f}-fold to {info.file_size / 2**20:,.0f} MiB when "
                f"unpacked (a zip bomb?); a workbook grows at most {MAX_INFLATE_RATIO:g}-fold"
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise CabinetListError(
            f"{path}: the workbook unpacks to {total / 2**20:,.0f} MiB, more than the "
            f"{MAX_UNCOMPRESSED_BYTES >> 20} MiB a list of {MAX_ROWS:,} cabinets needs"
        )


def _unreadable(path: Path, exc: BaseException) -> CabinetListError:
    reason = str(exc).strip() or "damaged content"
    return CabinetListError(f"{path}: not a readable .xlsx workbook ({shown_text(reason, 120)})")


def _with_formulas(values: Sequence[object], formulas: Sequence[object]) -> tuple[object, ...]:
    """Saved values, with :class:`UnsavedFormula` where a formula has no saved result."""
    return tuple(
        UnsavedFormula(f) if v is None and isinstance(f, str) and f.startswith("=") else v
        for v, f in zip(values, (*formulas, *[None] * (len(values) - len(formulas))), strict=False)
    )


def _read_xlsx(path: Path) -> CabinetList:
    """Read saved values; a second pass over the formulas finds cells whose result was never saved."""
    _check_archive(path)
    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from None
    try:
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except _UNREADABLE as exc:
        values.close()
        raise _unreadable(path, exc) from None
    try:
        if not values.sheetnames:
            raise CabinetListError(f"{path}: the workbook holds no worksheet")
        title = PREFERRED_SHEET if PREFERRED_SHEET in values.sheetnames else values.sheetnames[0]
        rows = zip(values[title].iter_rows(values_only=True), formulas[title].iter_rows(values_only=True), strict=False)
        lines = ((n, _with_formulas(v, f)) for n, (v, f) in enumerate(rows, start=1))
        return _table(lines, f"{path.name} [{shown_text(title)}]")
    except CabinetListError:
        raise
    except _UNREADABLE as exc:  # read-only sheets are parsed while iterating
        raise _unreadable(path, exc) from None
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


class _ExcelSemicolon(csv.excel):
    delimiter = ";"


def _read_csv(path: Path) -> CabinetList:
    try:
        text = _decode(path.read_bytes(), path)
    except OSError as exc:
        raise CabinetListError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    first = text.lstrip().partition("\n")[0]
    if dialect.delimiter == "," and first.count(";") > first.count(","):
        dialect = _ExcelSemicolon  # "2,5" in a semicolon list fools the sniffer
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    semicolon = reader.dialect.delimiter == ";"  # the decimal comma goes with it (Excel in most of Europe)

    def lines() -> Iterator[tuple[int, Sequence[object]]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise CabinetListError(f"{path.name}: line {reader.line_num}: not a CSV line ({exc})") from None
            yield reader.line_num, row

    return _table(lines(), path.name, decimal_comma=semicolon)


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
