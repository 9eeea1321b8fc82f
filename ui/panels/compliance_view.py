"""Compliance dock: every rule's result grouped by standard, red / green; a click shows its figures (ui).

The report comes from the engine (:mod:`dcplanner.compliance`); this view only lays it out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from dcplanner.compliance.checks import STATUS_WORDS, CheckResult, ComplianceReport, grade_of
from dcplanner.compliance.report import by_standard, check_detail, format_quantity

PASS_COLOUR = QColor("#2e7d32")
FAIL_COLOUR = QColor("#c62828")
WARN_COLOUR = QColor("#ef6c00")  # a non-binding rule that fails
QUIET_COLOUR = QColor("#78909c")  # not applicable, not enough data
HEADERS = ("Rule", "Verdict", "Value", "Limit", "Margin", "Year")
DETAIL_ROLE = Qt.ItemDataRole.UserRole


def colour_of(check: CheckResult) -> QColor:
    if check.status == "pass":
        return PASS_COLOUR
    if check.status == "fail":
        return FAIL_COLOUR if check.rule.binding else WARN_COLOUR
    return QUIET_COLOUR


class ComplianceView(QWidget):
    """The rules of the open site: design year by standard, then the failures of the build-out years."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("compliance_summary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("compliance_tree")
        self.tree.setHeaderLabels(HEADERS)
        self.tree.setColumnWidth(0, 320)
        self.detail = QLabel("Click a rule to see its figures, clause and source.")
        self.detail.setObjectName("compliance_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.report: ComplianceReport | None = None

    def set_report(self, report: ComplianceReport) -> None:
        self.report = report
        self.tree.clear()
        failures = report.binding_failures
        grade = grade_of(report.checks)
        self.summary.setText(
            f"Design checked for {report.year}: GB 40879-2021 grade {grade} (RM2; RM1 not computed). "
            + (
                "Every binding rule passes."
                if not failures
                else f"{len(failures)} binding result(s) fail: {', '.join(sorted({c.rule.id for c in failures}))}."
            )
        )
        self.summary.setStyleSheet(f"color: {(FAIL_COLOUR if failures else PASS_COLOUR).name()};")
        for standard, checks in by_standard(report.checks).items():
            self._group(standard, checks)
        yearly = [c for y in report.years for c in y.checks if c.status == "fail"]
        if report.years:
            self._group(f"Build-out years {report.years[0].year}-{report.years[-1].year}: failures", yearly)
        self.tree.resizeColumnToContents(1)

    def _group(self, title: str, checks: list[CheckResult]) -> None:
        top = QTreeWidgetItem([title])
        failed = [c for c in checks if c.status == "fail"]
        top.setText(1, f"{len(failed)} fail" if failed else ("pass" if checks else "none"))
        colour = FAIL_COLOUR if any(c.rule.binding for c in failed) else WARN_COLOUR if failed else PASS_COLOUR
        top.setForeground(1, QBrush(colour))
        self.tree.addTopLevelItem(top)
        for c in checks:
            r = c.rule
            flag = " [secondary]" if r.evidence == "secondary" else ""
            item = QTreeWidgetItem(
                [
                    f"{r.title}{flag}",
                    STATUS_WORDS[c.status],
                    format_quantity(c.value, r.unit) if c.value is not None else "",
                    f"{r.comparison} {format_quantity(c.limit, r.unit)}",
                    format_quantity(c.margin, r.unit) if c.margin is not None else "",
                    str(c.year),
                ]
            )
            item.setForeground(1, QBrush(colour_of(c)))
            item.setData(0, DETAIL_ROLE, check_detail(c))
            item.setToolTip(0, check_detail(c))
            top.addChild(item)
        top.setExpanded(bool(failed))

    def _show_detail(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        text = item.data(0, DETAIL_ROLE) if item is not None else None
        if text:
            self.detail.setText(str(text))
