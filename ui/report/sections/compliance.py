"""The compliance checks of the reported case, when this version has them (ui layer)."""

from __future__ import annotations

import importlib.util

from PySide6.QtGui import QColor

from ui.report.data import ReportData
from ui.report.layout import PageWriter
from ui.report.titles import title


def compliance_section(w: PageWriter, data: ReportData) -> None:
    """The compliance checks of the reported case, when this version has them."""
    w.heading(title("compliance", data.lang))
    if importlib.util.find_spec("dcplanner.compliance") is None:
        w.paragraph("No compliance checks in this version.")
        return
    try:  # the same call as the workbook's Compliance sheet
        checks = importlib.import_module("dcplanner.compliance.checks")
        words = importlib.import_module("dcplanner.compliance.report")
        rules = importlib.import_module("dcplanner.compliance.rules")
        res, site = data.export.results, data.export.site
        report = checks.check_site(
            site,
            rules.site_rules(site),
            res.capacity,
            data.export.energy,
            data.export.phasing,
            scenario=data.export.scenario.id if data.export.scenario else "",
        )
    except (ImportError, AttributeError, TypeError, ValueError) as exc:
        w.paragraph(f"The compliance checks could not be printed: {exc}")
        return
    w.paragraph(f"Design checked for {report.year}; GB 40879-2021 grade {checks.grade_of(report.checks)}.")
    quantity = words.format_quantity
    for standard, results in words.by_standard(report.checks).items():
        w.heading(standard, 2, in_contents=False)
        w.table(
            ["Result", "Rule", "Value", "Limit", "Note"],
            [
                [
                    checks.STATUS_WORDS[c.status],
                    words.rule_label(c.rule),
                    quantity(c.value, c.rule.unit),
                    f"{c.rule.comparison} {quantity(c.limit, c.rule.unit)}"
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
