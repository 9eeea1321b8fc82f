"""Charts of the capacity workbook, drawn from cell ranges so they follow edits (engine layer).

``category_chart`` is the one shape used: bars or columns of one or more series over
categories (limits, halls), or lines over months (the Energy sheet's monthly PUE) and years, and
columns with lines drawn over them on the same axes (capacity against demand, yearly against
cumulative cash).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

CM_PER_ROW = 0.53  # default row height (15 pt) in centimetres
# A4 landscape is 21.0 cm high; the print layout keeps 0.75 in (1.905 cm) top and bottom margins
# (document.set_print_layout), leaving 17.19 cm. A chart no taller than this fits on one page
# (fitting the width to the page only shrinks it), so each starts a page of its own.
PRINTABLE_HEIGHT_CM = 21.0 - 2 * 1.905
MAX_HEIGHT_CM = 16.0


def rows_spanned(height_cm: float) -> int:
    """Worksheet rows a chart of ``height_cm`` covers (to leave room below it)."""
    return int(min(height_cm, MAX_HEIGHT_CM) / CM_PER_ROW) + 2


def _straight(chart: LineChart) -> None:
    """Straight segments between points (viewers smooth a line whose series does not say)."""
    for line in chart.series:
        line.smooth = False


def category_chart(
    ws: Worksheet,
    *,
    title: str,
    categories: tuple[int, int, int],
    series: Sequence[tuple[int, int, int]],
    anchor: str,
    kind: Literal["bar", "col", "line"] = "col",
    axis_title: str = "",
    number_format: str = "#,##0",
    width_cm: float = 18.0,
    height_cm: float = 8.0,
    data_labels: bool = False,
    y_min: float | None = 0.0,
    lines: Sequence[tuple[int, int, int]] = (),
    page_from_row: int | None = None,
) -> None:
    """Add a chart of ``series`` over ``categories``.

    ``categories`` is (column, first row, last row); each series is (column, header row, last
    row) with its name in the header row. ``bar`` runs horizontally, ``col`` vertically.
    Bars start at ``y_min`` = 0 (or their lengths mislead); a line may start elsewhere (a PUE
    axis at 1) or let the viewer scale it (``None``). ``lines`` are drawn as lines over the
    columns of a ``col`` chart, on the same axes.

    Printed, the chart starts a new page (at ``page_from_row``, by default its anchor row, so a
    section title above it can go along) and is at most :data:`MAX_HEIGHT_CM` high, so no page
    break cuts it.
    """
    if lines and kind != "col":
        raise ValueError("lines are drawn over a column chart only")
    chart: BarChart | LineChart
    if kind == "line":
        chart = LineChart()
    else:
        chart = BarChart()
        chart.type = kind
        chart.grouping = "clustered"
        chart.gapWidth = 60
    chart.title = title
    chart.y_axis.title = axis_title
    chart.y_axis.numFmt = number_format
    chart.y_axis.delete = False
    if y_min is not None:
        chart.y_axis.scaling.min = y_min
    chart.x_axis.delete = False
    chart.x_axis.tickLblPos = "low"  # category labels below the plot, also when values go negative
    for col, header_row, last_row in series:
        chart.add_data(Reference(ws, min_col=col, min_row=header_row, max_row=last_row), titles_from_data=True)
    col, first, last = categories
    chart.set_categories(Reference(ws, min_col=col, min_row=first, max_row=last))
    if kind == "bar":
        chart.x_axis.scaling.orientation = "maxMin"  # first category at the top, as in the table
    if data_labels:
        chart.dataLabels = DataLabelList(
            showVal=True, showSerName=False, showCatName=False, showLegendKey=False, showPercent=False
        )
        chart.dataLabels.numFmt = number_format
    if lines:
        overlay = LineChart()
        for col, header_row, last_row in lines:
            overlay.add_data(Reference(ws, min_col=col, min_row=header_row, max_row=last_row), titles_from_data=True)
        chart += overlay
        _straight(overlay)
    if kind == "line":
        _straight(chart)
    if len(series) + len(lines) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    chart.width, chart.height = width_cm, min(height_cm, MAX_HEIGHT_CM)
    ws.add_chart(chart, anchor)
    start = page_from_row or coordinate_to_tuple(anchor)[0]
    if start > 1 and all(b.id != start - 1 for b in ws.row_breaks.brk):
        ws.row_breaks.append(Break(id=start - 1))
