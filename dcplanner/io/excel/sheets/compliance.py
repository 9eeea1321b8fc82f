"""Compliance sheet: every rule's result, the GB 40879-2021 grade live from the Energy sheet (engine).

The annual PUE (RM2 = annual facility / IT energy, GB 40879-2021 formula 4) is read from the
Energy sheet; the grade thresholds are blue inputs taken from the rule file, and the grade, the
value, the margin and the verdict of every rule on the energy ratio are formulas, so an edited
energy input or threshold changes the verdict on recalculation. The other rules' results are
fixed at export (their quantities are not in the workbook). "[secondary]" marks a threshold
quoted from a secondary source.
"""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner.compliance.checks import STATUS_WORDS, CheckResult, ComplianceReport, grade_of
from dcplanner.compliance.report import by_standard, format_quantity
from dcplanner.compliance.run import check_solved
from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure

TITLE = "Compliance"
PUE_ANCHOR = "energy.annual_pue"  # the Energy sheet's annual PUE cell
GRADE_STANDARD = "GB 40879-2021"
BELOW_LIMIT = "below limit"

COLUMNS = [
    Column("standard", "Standard", width=26),
    Column("rule", "Rule", width=24),
    Column("clause", "Clause", width=26),
    Column("title", "Requirement", width=36),
    Column("value", "Value"),
    Column("comparison", "Compare"),
    Column("limit", "Limit"),
    Column("margin", "Margin", note="Room left: limit - value for <=, value - limit for >=; negative = fails by."),
    Column("unit", "Unit"),
    Column("verdict", "Verdict"),
    Column("binding", "Binding", note="yes: a failure blocks approval (dcplanner check exits 1)."),
    Column("evidence", "Evidence", note="primary text of the standard or a secondary quote of it."),
    Column("source", "Source", width=36),
    Column("note", "Note", width=36),
]
_SHARE = "share"


def _report(data: ExportData) -> ComplianceReport:
    return check_solved(data.results.site, data.results.capacity, data.energy, data.phasing)


def _number_format(unit: str) -> str:
    return Fmt.PCT if unit == _SHARE else Fmt.RATE


def _verdict_formula(comparison: str, value: str, limit: str) -> str:
    """pass / FAIL as the engine decides it (equality meets <= and >=, fails < and >)."""
    return f'IF({value}="","not enough data",IF({value}{comparison}{limit},"pass","FAIL"))'


def _margin_formula(comparison: str, value: str, limit: str) -> str:
    body = f"{limit}-{value}" if comparison in ("<=", "<") else f"{value}-{limit}"
    return f'IF({value}="","",{body})'


class _Sheet:
    def __init__(self, book: Book, data: ExportData) -> None:
        self.book, self.data = book, data
        self.ws = book.sheet(TITLE)
        self.report = _report(data)
        self.pue_ref = book.anchors.get(PUE_ANCHOR, "") if data.energy is not None else ""
        self.grade_limits: dict[str, str] = {}  # grade rule id -> its threshold cell (an input)

    def grade_block(self, r: int) -> tuple[int, list[KeyFigure]]:
        """The annual PUE from the Energy sheet, the grade thresholds (inputs) and the grade."""
        book, ws = self.book, self.ws
        r = book.section(ws, r, f"{GRADE_STANDARD} energy-efficiency grade (RM2 = annual facility / IT energy)")
        checks = [c for c in self.report.checks if c.rule.grade > 0 and c.rule.standard == GRADE_STANDARD]
        grade = grade_of(self.report.checks, GRADE_STANDARD)
        rated = grade != "not rated" and bool(self.pue_ref)
        book.label_line(ws, r, "Annual PUE (RM2)", "", "from the Energy sheet")
        pue = ""
        if rated:
            assert self.data.energy is not None
            book.formula(ws, r, 2, self.pue_ref, self.data.energy.annual_pue, fmt=Fmt.RATE)
            pue = cell(None, 2, r)
        else:
            book.put(ws, r, 2, "not computed")
        r += 1
        limits: list[str] = []
        for c in sorted(checks, key=lambda c: c.rule.grade):
            flag = " [secondary]" if c.rule.evidence == "secondary" else ""
            book.label_line(ws, r, f"Grade {c.rule.grade} limit", "", f"{c.rule.comparison} {c.rule.source}{flag}")
            # an input only where the grade formula reads it (every blue input feeds a formula)
            book.put(ws, r, 2, float(c.rule.threshold), fmt=Fmt.RATE, font=styles.INPUT_FONT if rated else None)
            limits.append(cell(None, 2, r))
            self.grade_limits[c.rule.id] = cell(None, 2, r)
            r += 1
        book.label_line(ws, r, "Grade", "", "best grade whose limit the RM2 meets; RM1 is not computed (Annex B)")
        figures: list[KeyFigure] = []
        if rated and limits:
            expr = f'"{BELOW_LIMIT}"'
            graded = sorted(checks, key=lambda c: c.rule.grade)
            for c, limit in reversed(list(zip(graded, limits, strict=True))):
                expr = f'IF({pue}{c.rule.comparison}{limit},"{c.rule.grade}",{expr})'
            ref = book.formula(ws, r, 2, f'IF({pue}="","",{expr})', grade, font=styles.LABEL_FONT)
            figures.append(KeyFigure("GB 40879 grade", grade, "", "RM2 against the grade limits", ref=ref))
        else:
            book.put(ws, r, 2, grade)
        return r + 2, figures

    def rules_table(self, r: int, title: str, checks: Sequence[CheckResult]) -> int:
        book, ws = self.book, self.ws
        r = book.section(ws, r, title)
        c = book.header(ws, r, COLUMNS)
        header = r
        for standard, group in by_standard(checks).items():
            for check in group:
                r += 1
                self._rule_row(r, c, standard, check)
        book.table(ws, header, r, len(COLUMNS), freeze=False, autofilter=False)
        return r + 2

    def _rule_row(self, r: int, c: dict[str, int], standard: str, check: CheckResult) -> None:
        book, ws, rule = self.book, self.ws, check.rule
        flag = " [secondary]" if rule.evidence == "secondary" else ""
        book.put(ws, r, c["standard"], standard)
        book.put(ws, r, c["rule"], rule.id)
        book.put(ws, r, c["clause"], rule.clause)
        book.put(ws, r, c["title"], rule.title + flag)
        book.put(ws, r, c["comparison"], rule.comparison)
        book.put(ws, r, c["unit"], rule.unit)
        book.put(ws, r, c["binding"], "yes" if rule.binding else "no")
        book.put(ws, r, c["evidence"], rule.evidence)
        book.put(ws, r, c["source"], rule.source)
        book.put(ws, r, c["note"], check.note, measure=False)
        live = (
            rule.quantity == "energy_ratio_rm2"
            and check.status in ("pass", "fail")
            and bool(self.pue_ref)
            and check.year == self.report.year
        )
        fmt = _number_format(rule.unit)
        if live and rule.id in self.grade_limits:
            book.formula(ws, r, c["limit"], self.grade_limits[rule.id], check.limit, fmt=fmt)
        elif isinstance(check.limit, float):
            book.put(ws, r, c["limit"], check.limit, fmt=fmt, font=styles.INPUT_FONT if live else None)
        else:
            book.put(ws, r, c["limit"], format_quantity(check.limit, rule.unit))
        if live:
            assert isinstance(check.value, float) and check.margin is not None
            book.formula(ws, r, c["value"], self.pue_ref, check.value, fmt=fmt)
            value, limit = cell(None, c["value"], r), cell(None, c["limit"], r)
            book.formula(ws, r, c["margin"], _margin_formula(rule.comparison, value, limit), check.margin, fmt=fmt)
            verdict = STATUS_WORDS[check.status]
            book.formula(ws, r, c["verdict"], _verdict_formula(rule.comparison, value, limit), verdict)
            return
        if isinstance(check.value, float):
            book.put(ws, r, c["value"], check.value, fmt=fmt)
        else:
            book.put(ws, r, c["value"], format_quantity(check.value, rule.unit) if check.value is not None else "")
        if check.margin is not None:
            book.put(ws, r, c["margin"], check.margin, fmt=fmt)
        font = styles.OVER_FONT if check.status == "fail" else None
        book.put(ws, r, c["verdict"], STATUS_WORDS[check.status], font=font)

    def years_table(self, r: int) -> int:
        book, ws = self.book, self.ws
        r = book.section(ws, r, "Per build-out year (the energy year run at each year's load; fixed at export)")
        cols = [
            Column("year", "Year"),
            Column("rm2", "RM2 (PUE)"),
            Column("occupancy", "Rack occupancy"),
            Column("green", "Green power"),
            Column("grade", "Grade"),
            Column("fails", "Rules failed (* not binding)", width=48),
        ]
        c = book.header(ws, r, cols)
        for y in self.report.years:
            r += 1
            q = y.quantities
            book.put(ws, r, c["year"], y.year)
            for key, name, fmt in (
                ("rm2", "energy_ratio_rm2", Fmt.RATE),
                ("occupancy", "rack_occupancy", Fmt.PCT),
                ("green", "green_power_share", Fmt.PCT),
            ):
                value = q.get(name)
                book.put(ws, r, c[key], value if value is not None else "", fmt=fmt)
            book.put(ws, r, c["grade"], grade_of(y.checks))
            fails = [ch.rule.id + ("" if ch.rule.binding else "*") for ch in y.checks if ch.status == "fail"]
            book.put(ws, r, c["fails"], ", ".join(fails) or "none", measure=False)
        return r + 2


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    sheet = _Sheet(book, data)
    report = sheet.report
    r = book.title(
        sheet.ws,
        TITLE,
        f"{data.site.name}: design checked for {report.year}; rules from resources/rules and the project's "
        "compliance.rules",
    )
    r, figures = sheet.grade_block(r + 1)
    r = sheet.rules_table(r, f"Rules in {report.year} (design as drawn)", report.checks)
    if report.years:
        sheet.years_table(r)
    return figures
