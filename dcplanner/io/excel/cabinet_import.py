"""Merge a cabinet list into a site: plan (pure) and apply (one reversible step) (engine layer).

:func:`plan_cabinet_import` judges every line of a :class:`~.cabinet_list.CabinetList` against
the site and returns the valid changes and the rejected lines with their row number and
reason; nothing changes. A line updates the cabinet with its id (which may move it), or the
cabinet standing at its hall / row / position, or adds a new cabinet there. Every Cabinet field
is read from its column as the model declares it (a number, whole number, yes/no or text): blank
cells keep the current value; a present-but-blank cell of a field that may be empty (server
load, phase, name) clears it; a new cabinet needs its required fields. Every changed
cabinet is checked by :func:`~dcplanner.model.validation.validate_site` on a trial copy of the
touched rows, so the rules are the model's own.

:func:`apply_cabinet_import` swaps in the planned cabinet lists and returns what it replaced;
:func:`restore_cabinet_lists` undoes it exactly (an undo command wraps the pair).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from dcplanner.io.excel.cabinet_list import FIELDS, CabinetList, ListRow, UnreadableText, UnsavedFormula
from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.schema import FieldInfo, ValidationError, describe_fields, from_dict, shown_text, to_dict
from dcplanner.model.site import Cabinet, Hall, Row, Site
from dcplanner.model.validation import validate_site

_LOAD_ITEM = re.compile(r"^\s*(?:(\d+)\s*[×xX*]\s*)?(\S.*?)\s*$")
_CABINET_PATH = re.compile(r"^halls\[(\d+)\]\.rows\[(\d+)\]\.cabinets\[(\d+)\](?:\.(\w+))?")
REPORTED_REJECTIONS = 50  # rejected lines listed in a report; the rest are counted
_GROUPED_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")  # 1,250 or 12,500.5 (comma-separated lists)
_GROUPED_THOUSANDS_POINT = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")  # 2.500: thousands where the comma is decimal
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")  # 2,5 (semicolon-separated lists)
_CABINET_FIELDS = describe_fields(Cabinet)
_FIELD_NAMES = frozenset(info.name for info in _CABINET_FIELDS)
_READ_APART = frozenset({"id", "position", "servers"})  # where a line points, and the server-load rules
_YES, _NO = frozenset({"yes", "true", "1", "是"}), frozenset({"no", "false", "0", "否"})


def _list_key(path: str) -> str:
    """The list column of a cabinet's field path (``servers[0].model_id`` -> ``servers``), or ""."""
    name = path.split(".")[0].split("[")[0]
    return name if name in _FIELD_NAMES else ""


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A list line that is not imported, and why."""

    sheet_row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.sheet_row}: {self.reason}"


@dataclass(frozen=True, slots=True)
class CabinetChange:
    """One cabinet added or updated by a list line."""

    sheet_row: int
    kind: Literal["add", "update"]
    hall_id: str
    row_id: str
    cabinet: Cabinet  # the cabinet after the import (a new object)
    before: Cabinet | None = None  # the cabinet it replaces


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a cabinet list would do; applying it changes only ``row_lists``' rows."""

    source: str
    listed: int
    changes: tuple[CabinetChange, ...]
    unchanged: tuple[int, ...]  # sheet rows that match the plan already
    rejected: tuple[RejectedRow, ...]
    warnings: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    row_lists: Mapping[str, tuple[Cabinet, ...]] = field(default_factory=dict)  # row id -> new cabinets
    base_lists: Mapping[str, tuple[Cabinet, ...]] = field(default_factory=dict)  # row id -> cabinets replaced
    not_listed: int = 0  # cabinets of the site that no line of the list names (they are kept as they are)

    @property
    def added(self) -> int:
        return sum(1 for c in self.changes if c.kind == "add")

    @property
    def updated(self) -> int:
        return sum(1 for c in self.changes if c.kind == "update")

    def summary(self) -> str:
        text = (
            f"{self.source}: {self.listed:,} cabinets listed: {self.added:,} to add, {self.updated:,} to update, "
            f"{len(self.unchanged):,} unchanged, {len(self.rejected):,} rejected"
        )
        if self.not_listed:
            are = "cabinet in the project is" if self.not_listed == 1 else "cabinets in the project are"
            it = "it is" if self.not_listed == 1 else "they are"
            text += f"; {self.not_listed:,} {are} not in the list; {it} kept"
        return text

    def report(self, max_rejected: int | None = REPORTED_REJECTIONS) -> str:
        """The summary line, then the rejected lines (the first ``max_rejected``, None: all), warnings
        and ignored columns."""
        lines = [self.summary()]
        shown = self.rejected if max_rejected is None else self.rejected[:max_rejected]
        lines += [f"  rejected {r}" for r in shown]
        if len(shown) < len(self.rejected):
            lines.append(f"  ... and {len(self.rejected) - len(shown):,} more rejected rows")
        lines += [f"  warning {w}" for w in self.warnings]
        if self.ignored_columns:
            lines.append("  ignored columns: " + ", ".join(self.ignored_columns))
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Cell values


class _Reject(ValueError):
    """A line problem, reported with the line's row number."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any, label: str, decimal_comma: bool = False) -> float:
    """A number cell. Text is read as a plain number; a comma is the decimal mark in a
    semicolon-separated list ("2,5" is 2.5) and a thousands separator elsewhere only when it
    groups three digits ("1,250"); anything else ("2,5" in a comma list, "20 kW") is refused."""
    if isinstance(value, bool):
        raise _Reject(f"{label}: expected a number, got {value!r}")
    if isinstance(value, int) and abs(value) > 2**53:
        raise _Reject(f"{label}: a number of {len(str(abs(value))):,} digits is out of range")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        shown = shown_text(text)
        if "," in text:
            if decimal_comma and _DECIMAL_COMMA.fullmatch(text):
                text = text.replace(",", ".")
            elif not decimal_comma and _GROUPED_THOUSANDS.fullmatch(text):
                text = text.replace(",", "")
            else:
                mark = "a decimal comma" if decimal_comma else "a decimal point"
                raise _Reject(
                    f"{label}: cannot read {shown!r} as a number; this list uses {mark}: write it without "
                    "thousands separators"
                )
        elif decimal_comma and _GROUPED_THOUSANDS_POINT.fullmatch(text):
            raise _Reject(
                f"{label}: {shown!r} could be thousands or a fraction in this semicolon-separated list; write the "
                "number without thousands separators, with a comma or point for the decimals"
            )
        try:
            number = float(text)
        except ValueError:
            raise _Reject(f"{label}: expected a number, got {shown!r}") from None
    if not math.isfinite(number):
        raise _Reject(f"{label}: expected a finite number, got {shown_text(str(value))!r}")
    return number


def _whole(value: Any, label: str, decimal_comma: bool = False) -> int:
    number = _number(value, label, decimal_comma)
    if not number.is_integer():
        raise _Reject(f"{label}: expected a whole number, got {shown_text(_text(value))}")
    return int(number)


def _yes_no(value: Any, label: str) -> bool:
    word = _text(value).casefold()
    if isinstance(value, bool):
        return value
    if word in _YES or word in _NO:
        return word in _YES
    raise _Reject(f"{label}: expected yes or no, got {shown_text(_text(value))!r}")


def _field_value(info: FieldInfo, value: Any, label: str, decimal_comma: bool) -> Any:
    """A non-blank cell read as the field's type (the model's check judges the value)."""
    kind = info.value_type
    if kind is bool:
        return _yes_no(value, label)
    if kind is int:
        return _whole(value, label, decimal_comma)
    if kind is float:
        return _number(value, label, decimal_comma)
    return _text(value)


def parse_server_load(text: str) -> list[dict[str, Any]]:
    """``"3 × hgx-h20-8gpu; 1 × storage-node-2u"`` -> server loads (``x`` and ``*`` also work)."""
    loads = []
    for part in re.split(r"[;\n]", text):
        if not part.strip():
            continue
        m = _LOAD_ITEM.match(part)
        if m is None:  # pragma: no cover - the pattern matches any non-blank text
            raise _Reject(f"cannot read server load {part!r}")
        count, model = m.groups()
        loads.append({"model_id": model, "count": int(count) if count else 1})
    return loads


# ---------------------------------------------------------------------------------------------
# Planning


@dataclass(slots=True)
class _Candidate:
    line: ListRow
    hall: Hall
    row: Row
    cabinet: Cabinet
    existing: tuple[Row, Cabinet] | None
    explicit_id: bool


class _Planner:
    def __init__(self, site: Site, table: CabinetList, hw: HardwareIndex) -> None:
        self.site, self.table, self.hw = site, table, hw
        self.rows: dict[str, tuple[Hall, Row]] = {r.id: (h, r) for h in site.halls for r in h.rows}
        self.cabinets: dict[str, tuple[Row, Cabinet]] = {
            c.id: (r, c) for h in site.halls for r in h.rows for c in r.cabinets
        }
        self.slots: dict[tuple[str, int], Cabinet] = {
            (r.id, c.position): c for h in site.halls for r in h.rows for c in r.cabinets
        }
        self.rejected: dict[int, str] = {}
        self.mentioned: set[str] = set()  # ids of the site's cabinets that some line names

    def label(self, key: str) -> str:
        return self.table.headers.get(key) or FIELDS[key][0]

    # -- one line ---------------------------------------------------------------------------

    def candidate(self, line: ListRow) -> _Candidate:
        v, label = line.values, self.label
        cab_id = _text(v.get("id"))
        if cab_id in self.cabinets:
            self.mentioned.add(cab_id)
        for key, value in v.items():
            if isinstance(value, UnreadableText):
                raise _Reject(f"{label(key)} {value.reason}")
            if isinstance(value, UnsavedFormula):
                raise _Reject(
                    f"{label(key)} holds the formula {value.formula} with no saved result; open the list in a "
                    "spreadsheet program and save it, or type the value"
                )
        hall_id, row_id = _text(v.get("hall")), _text(v.get("row"))
        if not hall_id:
            raise _Reject(f"{label('hall')} is empty")
        if not row_id:
            raise _Reject(f"{label('row')} is empty")
        if v.get("position") in (None, ""):
            raise _Reject(f"{label('position')} is empty")
        position = _whole(v["position"], label("position"), self.table.decimal_comma)
        halls = {h.id for h in self.site.halls}
        if hall_id not in halls:
            known = ", ".join(sorted(halls)) or "none"
            raise _Reject(f"hall {shown_text(hall_id)!r} is not in the plan (halls: {known})")
        if row_id not in self.rows:
            raise _Reject(f"row {shown_text(row_id)!r} is not in hall {shown_text(hall_id)!r}")
        hall, row = self.rows[row_id]
        if hall.id != hall_id:
            raise _Reject(f"row {row_id!r} is in hall {hall.id!r}, not {shown_text(hall_id)!r}")
        cab_id = _text(v.get("id"))
        existing = self.cabinets.get(cab_id) if cab_id else None
        if not cab_id and (row_id, position) in self.slots:
            here = self.slots[(row_id, position)]
            existing = (row, here)
        if existing is not None:
            self.mentioned.add(existing[1].id)
        doc = to_dict(existing[1]) if existing else {"id": cab_id, "type_id": row.cabinet_type_id, "servers": []}
        doc["position"] = position
        self._fill(doc, v, existing is None)
        try:
            cabinet = from_dict(Cabinet, doc)
        except ValidationError as exc:
            raise _Reject("; ".join(self._describe(i.path, i.message) for i in exc.issues)) from None
        return _Candidate(line, hall, row, cabinet, existing, bool(cab_id))

    def _fill(self, doc: dict[str, Any], v: dict[str, Any], new: bool) -> None:
        label, cols, comma = self.label, self.table.headers, self.table.decimal_comma
        for info in _CABINET_FIELDS:
            if info.name in _READ_APART:
                continue
            raw = v.get(info.name)
            if raw not in (None, ""):
                doc[info.name] = _field_value(info, raw, label(info.name), comma)
            elif info.name in cols and info.default in (None, ""):
                doc[info.name] = info.default  # a value that may be empty: the blank cell clears it
            elif new and info.required:
                raise _Reject(f"{label(info.name)} is empty; a new cabinet needs its {info.label.lower()}")
        if "servers" in cols:
            doc["servers"] = parse_server_load(_text(v.get("servers")))
            if v.get("server_count") not in (None, ""):
                self._check_count(doc["servers"], _whole(v["server_count"], label("server_count"), comma))
        elif v.get("server_count") not in (None, ""):
            count = _whole(v["server_count"], label("server_count"), comma)
            model = _text(v.get("server_model"))
            if count and not model:
                raise _Reject(
                    f"{label('server_count')} is {count} but no server model is given; add a "
                    f"'{FIELDS['server_model'][0]}' column or a '{FIELDS['servers'][0]}' column such as "
                    "'3 × hgx-h20-8gpu'"
                )
            doc["servers"] = [{"model_id": model, "count": count}] if count else []

    def _check_count(self, loads: list[dict[str, Any]], listed: int) -> None:
        models = [self.hw.servers.get(load["model_id"]) for load in loads]
        if any(m is None for m in models):
            return  # the unknown model is reported by the model check
        compute = sum(load["count"] for load, m in zip(loads, models, strict=True) if m and m.role == "compute")
        if compute != listed:
            raise _Reject(
                f"{self.label('server_count')} says {listed} but {self.label('servers')} holds {compute} compute "
                f"servers; change the server load (the count follows from it)"
            )

    def _describe(self, path: str, message: str) -> str:
        key = _list_key(path)
        return f"{self.label(key)}: {message}" if key else message

    # -- all lines --------------------------------------------------------------------------

    def candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        claimed: dict[str, int] = {}
        for line in self.table.rows:
            try:
                cand = self.candidate(line)
            except _Reject as exc:
                self.rejected[line.sheet_row] = str(exc)
                continue
            ident = cand.existing[1].id if cand.existing else cand.cabinet.id
            if ident and ident in claimed:
                self.rejected[line.sheet_row] = f"cabinet {ident!r} is also listed on row {claimed[ident]}"
                continue
            if ident:
                claimed[ident] = line.sheet_row
            out.append(cand)
        return out

    def resolve_slots(self, cands: list[_Candidate]) -> tuple[list[_Candidate], dict[int, str]]:
        """Lines that get their slot, and why the others do not (the first line listed wins).

        A slot is free if no cabinet stands there or its cabinet moves away; a line that loses
        its slot leaves its own cabinet where it is, which may take another line's slot, hence
        the loop.
        """
        lost: dict[int, str] = {}
        while True:
            touched = {c.existing[1].id for c in cands if c.existing}
            taken = {slot: cab for slot, cab in self.slots.items() if cab.id not in touched}
            claims: dict[tuple[str, int], int] = {}
            keep: list[_Candidate] = []
            for c in cands:
                slot = (c.row.id, c.cabinet.position)
                where = f"position {slot[1]} of row {slot[0]!r}"
                if slot in taken:
                    lost[c.line.sheet_row] = f"{where} is taken by cabinet {taken[slot].id!r}"
                elif slot in claims:
                    lost[c.line.sheet_row] = f"{where} is also listed on row {claims[slot]}"
                else:
                    claims[slot] = c.line.sheet_row
                    keep.append(c)
            if len(keep) == len(cands):
                return keep, lost
            cands = keep

    def assign_ids(self, cands: list[_Candidate]) -> None:
        used = set(self.cabinets) | {c.cabinet.id for c in cands if c.cabinet.id}
        for c in cands:
            if c.cabinet.id:
                continue
            base = f"{c.row.id}-{c.cabinet.position + 1:02d}"
            ident, n = base, 1
            while ident in used:
                n += 1
                ident = f"{base}-{n}"
            used.add(ident)
            c.cabinet = dataclasses.replace(c.cabinet, id=ident)

    def row_lists(self, cands: list[_Candidate]) -> dict[str, tuple[Cabinet, ...]]:
        leaving: dict[str, set[str]] = {}
        arriving: dict[str, list[Cabinet]] = {}
        replaced: dict[str, Cabinet] = {}
        for c in cands:
            if c.existing:
                old_row, old = c.existing
                if old_row.id == c.row.id:
                    replaced[old.id] = c.cabinet
                    continue
                leaving.setdefault(old_row.id, set()).add(old.id)
            arriving.setdefault(c.row.id, []).append(c.cabinet)
        lists: dict[str, tuple[Cabinet, ...]] = {}
        for row_id in {*leaving, *arriving, *(self.cabinets[i][0].id for i in replaced)}:
            row = self.rows[row_id][1]
            gone = leaving.get(row_id, set())
            kept = [replaced.get(cab.id, cab) for cab in row.cabinets if cab.id not in gone]
            sorted_before = all(a.position < b.position for a, b in zip(row.cabinets, row.cabinets[1:], strict=False))
            new = kept + arriving.get(row_id, [])
            if sorted_before:
                new.sort(key=lambda cab: cab.position)
            lists[row_id] = tuple(new)
        return lists

    def trial_issues(self, lists: dict[str, tuple[Cabinet, ...]]) -> list[tuple[Cabinet, str, str, str]]:
        """(cabinet, field key, message, severity) for each check that fails on a changed row."""
        halls = [
            dataclasses.replace(
                h, rows=[dataclasses.replace(r, cabinets=list(lists[r.id])) if r.id in lists else r for r in h.rows]
            )
            if any(r.id in lists for r in h.rows)
            else h
            for h in self.site.halls
        ]
        trial = dataclasses.replace(self.site, halls=halls)
        out: list[tuple[Cabinet, str, str, str]] = []
        for issue in validate_site(trial, self.hw):
            m = _CABINET_PATH.match(issue.path)
            if not m:
                continue
            i, j, k, attr = m.groups()
            row = trial.halls[int(i)].rows[int(j)]
            if row.id in lists:
                out.append((row.cabinets[int(k)], _list_key(attr or ""), issue.message, issue.severity))
        return out

    def check(
        self, lists: dict[str, tuple[Cabinet, ...]], changed: list[_Candidate]
    ) -> tuple[dict[int, list[str]], list[str]]:
        """The model's errors (by sheet row) and warnings for the cabinets the list changes."""
        by_cabinet = {id(c.cabinet): c for c in changed}
        errors: dict[int, list[str]] = {}
        warnings: list[str] = []
        for cab, key, message, severity in self.trial_issues(lists):
            cand = by_cabinet.get(id(cab))
            if cand is None:
                continue  # a cabinet the list does not touch
            text = f"{self.label(key)}: {message}" if key else message
            if severity == "error":
                errors.setdefault(cand.line.sheet_row, []).append(text)
            else:
                warnings.append(f"row {cand.line.sheet_row} (cabinet {cab.id!r}): {text}")
        return errors, warnings


def plan_cabinet_import(site: Site, table: CabinetList, hw: HardwareIndex | None = None) -> ImportPlan:
    """Judge every line of ``table`` against ``site`` (unchanged); see the module notes."""
    planner = _Planner(site, table, hw or hardware_index(site))
    pool = planner.candidates()
    while True:
        cands, lost = planner.resolve_slots(pool)
        planner.assign_ids(cands)
        changed = [c for c in cands if not _same_place_and_content(c)]
        lists = planner.row_lists(changed)
        errors, warnings = planner.check(lists, changed)
        if not errors:
            break
        planner.rejected.update({n: "; ".join(texts) for n, texts in errors.items()})
        pool = [c for c in pool if c.line.sheet_row not in errors]
    planner.rejected.update(lost)
    changed_ids = {id(c) for c in changed}
    unchanged = tuple(c.line.sheet_row for c in cands if id(c) not in changed_ids)
    changes = tuple(
        CabinetChange(
            c.line.sheet_row,
            "update" if c.existing else "add",
            c.hall.id,
            c.row.id,
            c.cabinet,
            c.existing[1] if c.existing else None,
        )
        for c in changed
    )
    rejected = tuple(RejectedRow(n, planner.rejected[n]) for n in sorted(planner.rejected))
    base = {row_id: tuple(planner.rows[row_id][1].cabinets) for row_id in lists}
    not_listed = len(planner.cabinets) - len(planner.mentioned)
    return ImportPlan(
        table.source,
        len(table.rows),
        changes,
        unchanged,
        rejected,
        tuple(warnings),
        table.ignored,
        lists,
        base,
        not_listed,
    )


def _same_place_and_content(c: _Candidate) -> bool:
    return c.existing is not None and c.existing[0].id == c.row.id and to_dict(c.existing[1]) == to_dict(c.cabinet)


# ---------------------------------------------------------------------------------------------
# Applying


class StalePlanError(RuntimeError):
    """The site changed after the import was planned: plan it again."""


def _rows_by_id(site: Site) -> dict[str, Row]:
    return {r.id: r for h in site.halls for r in h.rows}


def apply_cabinet_import(site: Site, plan: ImportPlan) -> dict[str, list[Cabinet]]:
    """Put the planned cabinet lists into ``site``'s rows; returns the lists they replaced.

    Raises StalePlanError (changing nothing) if a touched row no longer holds the cabinets the
    plan was made from.
    """
    rows = _rows_by_id(site)
    for row_id, base in plan.base_lists.items():
        row = rows.get(row_id)
        if (
            row is None
            or len(row.cabinets) != len(base)
            or any(a is not b for a, b in zip(row.cabinets, base, strict=True))
        ):
            raise StalePlanError(f"row {row_id!r} changed since the import was planned; plan it again")
    previous = {row_id: rows[row_id].cabinets for row_id in plan.row_lists}
    for row_id, cabinets in plan.row_lists.items():
        rows[row_id].cabinets = list(cabinets)
    return previous


def restore_cabinet_lists(site: Site, previous: Mapping[str, list[Cabinet]]) -> None:
    """Undo :func:`apply_cabinet_import` with the lists it returned."""
    rows = _rows_by_id(site)
    for row_id, cabinets in previous.items():
        rows[row_id].cabinets = cabinets
