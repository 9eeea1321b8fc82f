"""Cell styles and number formats of the capacity workbook (engine layer).

Conventions an engineer expects: units in the header text, thousands separators, percentages
for ratios, bold totals, and three kinds of figure told apart at a glance (legend on the Summary):

- inputs: blue text; each feeds at least one formula, so editing it moves the results;
- live formulas: black text;
- values fixed at export: dark grey text on a pale grey fill (engine results such as the energy
  year or the cash flows, and plan figures that no formula follows); editing them changes nothing.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side


class Fmt:
    """Number formats, one per kind of figure."""

    COUNT = "#,##0"
    KW = "#,##0.0"
    PCT = "0.0%"
    FRACTION = "0.000"
    PFLOPS = "#,##0.000"
    TFLOPS = "#,##0.0"
    KG = "#,##0"
    TONNES = "#,##0.0"
    KG_M2 = "#,##0"
    METRES = "0.00"
    AREA = "#,##0.0"
    DEGREES = "0.00"
    CELSIUS = "0.0"
    HOURS = "#,##0"
    RATE = "0.000"
    # Money: cells hold CNY, shown in millions (each trailing comma divides the display by 1,000).
    MCNY = "#,##0.0,,"
    CASH = "#,##0.0,,;[Red]-#,##0.0,,"  # a cash flow: outflows negative, in red
    CNY = "#,##0"
    CNY_FINE = "#,##0.00"
    YEARS = "0.0"
    FACTOR = "0.0000"


FONT_NAME = "Calibri"  # the workbook default; every font names it so no viewer falls back to a serif face

TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14, color="1F3864")
SUBTITLE_FONT = Font(name=FONT_NAME, italic=True, color="595959")
SECTION_FONT = Font(name=FONT_NAME, bold=True, size=12, color="1F3864")
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5597")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
INPUT_FONT = Font(name=FONT_NAME, color="1F4EA8")
FROZEN_FONT = Font(name=FONT_NAME, color="595959")
FROZEN_FILL = PatternFill("solid", fgColor="F2F2F2")
OVER_FONT = Font(name=FONT_NAME, bold=True, color="C00000")
TOTAL_FONT = Font(name=FONT_NAME, bold=True)
TOTAL_BORDER = Border(top=Side(style="thin"), bottom=Side(style="double"))
NOTE_FONT = Font(name=FONT_NAME, italic=True, color="595959")
LABEL_FONT = Font(name=FONT_NAME, bold=True)
HIGHLIGHT_FILL = PatternFill("solid", fgColor="FFF2CC")
WARN_FILL = PatternFill("solid", fgColor="FFE699")
OVER_FILL = PatternFill("solid", fgColor="F4B183")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
LEFT = Alignment(horizontal="left")
RIGHT = Alignment(horizontal="right")  # a word in a column of numbers ("never", "none")
WRAP_RIGHT = Alignment(wrap_text=True, vertical="top", horizontal="right")
UNIT_ALIGN = Alignment(horizontal="left", indent=1)  # LibreOffice ignores an indent without "left"
