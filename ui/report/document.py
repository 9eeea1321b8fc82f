"""Write the report: the cover, the contents and every section, in two passes (ui layer).

The first pass lays the pages out in memory and learns where each heading lands and how many
pages there are; the second prints the contents page and "n / N" footers with those numbers.
The file is replaced atomically.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter

from dcplanner import __version__
from dcplanner.io.atomic import write_bytes_atomic
from ui.report.data import ReportData
from ui.report.layout import Pages, PageWriter
from ui.report.sections import SECTIONS, contents, cover, footer_text
from ui.report.titles import title

# PDF 1.6, not PDF/A-1b: A-1b forbids transparency, and Qt then paints the plan's translucent aisle
# tints opaque (ISO 19005-1 clause 6.4).
PDF_VERSION = QPagedPaintDevice.PdfVersion.PdfVersion_1_6
MAX_PASSES = 3  # a contents page that grows moves later pages; the third pass always agrees


def render(data: ReportData, known: Pages | None) -> tuple[bytes, Pages]:
    """One pass: the PDF bytes and the pages learned."""
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(device)
    writer.setPdfVersion(PDF_VERSION)
    site = data.export.site
    writer.setTitle(f"{title('report', data.lang)} — {site.name or site.id}")
    writer.setCreator(f"dcplanner {__version__}")
    if data.author:
        writer.setAuthor(data.author)
    w = PageWriter(writer, footer_text(data), known)
    cover(w, data)
    w.new_page()
    contents(w, data)
    w.new_page()
    for section in SECTIONS:
        section(w, data)
    pages = w.finish()
    device.close()
    return bytes(buffer.data()), pages


def write_report(data: ReportData, target: Path) -> int:
    """Write the PDF to ``target``; returns its number of pages."""
    known: Pages | None = None
    for _ in range(MAX_PASSES):
        pdf, pages = render(data, known)
        if known is not None and _same(known, pages):
            break
        known = pages
    write_bytes_atomic(Path(target), pdf)
    return pages.count


def _same(a: Pages, b: Pages) -> bool:
    return a.count == b.count and [(h.title, h.page) for h in a.headings] == [(h.title, h.page) for h in b.headings]
