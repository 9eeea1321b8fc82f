"""Document properties and print setup of the capacity workbook (engine layer)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from dcplanner import __version__
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.safe_text import clean_text

PAPER_A4 = "9"  # ECMA-376 paper size code


def set_properties(wb: Workbook, data: ExportData) -> None:
    """Title, subject, author, version and date; the site and scenario as custom properties."""
    site = data.site
    p = wb.properties
    p.title = clean_text(f"{site.name} — capacity workbook")[:250]
    p.subject = clean_text(site.name)[:250]
    p.description = clean_text(site.description)[:1000]
    p.creator = f"dcplanner {__version__}"
    p.lastModifiedBy = p.creator
    p.keywords = "data center; capacity; dcplanner"
    p.category = "Capacity plan"
    p.version = __version__
    when = data.generated_at.replace(tzinfo=None, microsecond=0)
    p.created = p.modified = when
    custom = {
        "Site id": site.id,
        "Site": site.name,
        "Scenario": data.scenario.id if data.scenario else "base",
        "dcplanner version": __version__,
    }
    for name, value in custom.items():
        wb.custom_doc_props.append(StringProperty(name=name, value=clean_text(value)[:250]))


def _header_text(text: str) -> str:
    """Header/footer text with its codes escaped (``&`` starts a code)."""
    return clean_text(text).replace("&", "&&")[:200]


def set_print_layout(ws: Worksheet, site_name: str) -> None:
    """Landscape A4, fitted to the page width, with site, sheet and page numbers in the margins."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.left.text = _header_text(site_name)
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.left.text = f"dcplanner {__version__}"
    ws.oddFooter.right.text = "Page &P of &N"
