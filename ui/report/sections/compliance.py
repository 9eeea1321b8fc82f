"""The compliance checks of the reported case: every rule's result by standard, the grade (ui layer)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from dcplanner.compliance.checks import STATUS_WORDS, grade_of
from dcplanner.compliance.report import by_standard, format_quantity, rule_label
from dcplanner.compliance.run import check_solved
from ui.report.data import ReportData
from ui.report.layout import PageWriter
from ui.report.titles import title


def compliance_section(w: PageWriter, data: ReportData) -> None:
    """The same check as the workbook's Compliance sheet and the solve's findings (``check_solved``)."""
    w.heading(title("compliance", data.lang))
    export = data.export
    report = check_solved(
        export.site,
        export.results.capacity,
        export.energy,
        export.phasing,
        scenario=export.scenario.id if export.scenario else "",
    )
    if not report.checks:
        w.paragraph("No compliance rule applies to this site.")
        return
    w.paragraph(f"Design checked for {report.year}; GB 40879-2021 grade {grade_of(report.checks)}.")
    for standard, results in by_standard(report.checks).items():
        w.heading(standard, 2, in_contents=False)
        w.table(
            ["Result", "Rule", "Value", "Limit", "Note"],
            [
                [
                    STATUS_WORDS[c.status],
                    rule_label(c.rule),
                    format_quantity(c.value, c.rule.unit),
                    f"{c.rule.comparison} {format_quantity(c.limit, c.rule.unit)}"
                    + ("" if c.rule.binding else " (not binding)"),
                    c.note,
                ]
                for c in results
            ],
            [1, 3.2, 1, 1.3, 2.2],
            size_pt=7.5,
        )
    failures = report.binding_failures
    w.paragraph(
        "Every binding rule passes."
        if not failures
        else f"{len(failures)} binding rule result(s) fail: " + ", ".join(sorted({c.rule.id for c in failures}))
    )
    for note in report.notes:
        w.paragraph(note, size_pt=7.5, colour=QColor("#546e7a"))
