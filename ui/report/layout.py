"""Paged A4 layout over QPdfWriter and QPainter: headings, text, tables, figures, footers (ui layer).

Everything is placed in millimetres from the top-left of the page's printable area. A
:class:`Pages` records the page each heading lands on, so that a second pass can print the
contents page and "page n of N" footers with the numbers of the first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtWidgets import QApplication

DPI = 96  # device units per inch: the plan's pixel-sized labels then print at their screen size
MARGIN_MM = 18.0  # ISO 216 A4 page with a common 18 mm office margin
FOOTER_MM = 8.0
FAMILIES = ["DejaVu Sans", "WenQuanYi Micro Hei"]  # Latin, then CJK glyphs (fonts-wqy-microhei)
INK = QColor("#263238")
RULE = QColor("#b0bec5")
HEAD_FILL = QColor("#eceff1")


def font(size_pt: float, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(FAMILIES)
    f.setPointSizeF(size_pt)
    f.setBold(bold)
    f.setFeature(QFont.Tag.fromString("liga"), 0)  # "fi" stays two letters: the text searches and copies
    return f


@dataclass(slots=True)
class Heading:
    level: int
    title: str
    page: int


@dataclass(slots=True)
class Pages:
    """What one pass learned: the headings with their pages and the number of pages."""

    headings: list[Heading] = field(default_factory=list)
    count: int = 0


class PageWriter:
    """A cursor that flows blocks down A4 pages and breaks pages when a block does not fit."""

    def __init__(self, writer: QPdfWriter, footer: str, known: Pages | None = None):
        QApplication.instance()  # QFont needs the application started by the caller
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.writer = writer
        self.painter = QPainter(writer)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._measure()
        self.footer = footer
        self.known = known
        self.pages = Pages(count=1)
        self.y_mm = 0.0

    # ---- units
    @staticmethod
    def px(mm: float) -> float:
        return mm * DPI / 25.4

    def rect(self, x_mm: float, y_mm: float, w_mm: float, h_mm: float) -> QRectF:
        return QRectF(self.px(x_mm), self.px(y_mm), self.px(w_mm), self.px(h_mm))

    def wrap(self, text: str, f: QFont, width_mm: float) -> Qt.TextFlag:
        """Wrap between words, or anywhere when one word (an id, a dotted path) is wider than the box."""
        metrics = QFontMetricsF(f, self.writer)
        too_long = any(metrics.horizontalAdvance(word) > self.px(width_mm) for word in text.split())
        return Qt.TextFlag.TextWrapAnywhere if too_long else Qt.TextFlag.TextWordWrap

    def text_height_mm(self, text: str, f: QFont, width_mm: float) -> float:
        metrics = QFontMetricsF(f, self.writer)
        flags = int(self.wrap(text, f, width_mm))
        box = metrics.boundingRect(QRectF(0, 0, self.px(width_mm), 1e6), flags, text)
        return box.height() * 25.4 / DPI

    # ---- pages
    @property
    def page(self) -> int:
        return self.pages.count

    def _measure(self) -> None:
        rect = self.writer.pageLayout().paintRect(QPageLayout.Unit.Millimeter)
        self.page_width_mm, self.page_height_mm = rect.width(), rect.height()  # inside the margins
        self.width_mm = rect.width()
        self.height_mm = rect.height() - FOOTER_MM  # above the footer

    def new_page(self, *, landscape: bool = False) -> None:
        """Start the next page, portrait unless ``landscape`` (a wide drawing)."""
        self._footer()
        self.writer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        self.writer.newPage()
        self._measure()
        self.pages.count += 1
        self.y_mm = 0.0

    def room(self, height_mm: float) -> None:
        """Break the page unless ``height_mm`` fits below the cursor."""
        if self.y_mm > 0 and self.y_mm + height_mm > self.height_mm:
            self.new_page()

    def finish(self) -> Pages:
        self._footer()
        self.painter.end()
        return self.pages

    def _footer(self) -> None:
        p = self.painter
        p.setFont(font(7.5))
        p.setPen(QColor("#607d8b"))
        total = self.known.count if self.known else 0
        number = f"{self.page} / {total}" if total else f"{self.page}"
        box = self.rect(0, self.height_mm + 2, self.width_mm, FOOTER_MM - 2)
        p.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), self.footer)
        p.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), number)

    # ---- blocks
    def heading(self, title: str, level: int = 1, *, in_contents: bool = True) -> None:
        size = {1: 15.0, 2: 11.5}.get(level, 10.0)
        f = font(size, bold=True)
        h = self.text_height_mm(title, f, self.width_mm)
        self.room(h + 30)  # keep a heading with the first lines that follow it
        if self.y_mm > 0:
            self.y_mm += 4 if level == 1 else 2.5
        if in_contents:
            self.pages.headings.append(Heading(level, title, self.page))
        p = self.painter
        p.setFont(f)
        p.setPen(INK)
        p.drawText(self.rect(0, self.y_mm, self.width_mm, h), int(self.wrap(title, f, self.width_mm)), title)
        self.y_mm += h + 1
        if level == 1:
            p.setPen(QPen(RULE, self.px(0.3)))
            p.drawLine(
                self.rect(0, self.y_mm, self.width_mm, 0).topLeft(),
                self.rect(0, self.y_mm, self.width_mm, 0).topRight(),
            )
            self.y_mm += 2
        else:
            self.y_mm += 0.5

    def paragraph(self, text: str, *, size_pt: float = 9.0, colour: QColor = INK, bold: bool = False) -> None:
        f = font(size_pt, bold=bold)
        h = self.text_height_mm(text, f, self.width_mm)
        self.room(h)
        p = self.painter
        p.setFont(f)
        p.setPen(colour)
        p.drawText(self.rect(0, self.y_mm, self.width_mm, h), int(self.wrap(text, f, self.width_mm)), text)
        self.y_mm += h + 1.5

    def figure(self, height_mm: float, draw: Callable[[QPainter, QRectF], None], caption: str = "") -> None:
        """A drawing ``height_mm`` tall across the text width; ``draw`` paints into the device rect."""
        cap_h = self.text_height_mm(caption, font(8.0), self.width_mm) if caption else 0.0
        self.room(height_mm + cap_h + 2)
        target = self.rect(0, self.y_mm, self.width_mm, height_mm)
        self.painter.save()
        draw(self.painter, target)
        self.painter.restore()
        self.y_mm += height_mm + 1
        if caption:
            self.paragraph(caption, size_pt=8.0, colour=QColor("#546e7a"))
        self.y_mm += 1

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        align_right: Sequence[bool] | None = None,
        size_pt: float = 8.0,
    ) -> None:
        """A table with the header row repeated on every page; ``widths`` are shares of the text width."""
        total = sum(widths)
        cols = [w / total * self.width_mm for w in widths]
        right = list(align_right) if align_right is not None else [False] * len(cols)
        body, head = font(size_pt), font(size_pt, bold=True)
        pad = 1.0

        def height(cells: Sequence[str], f: QFont) -> float:
            return max(self.text_height_mm(c, f, w - 2 * pad) for c, w in zip(cells, cols, strict=True)) + 2 * pad

        def draw_row(cells: Sequence[str], f: QFont, h: float, fill: QColor | None) -> None:
            p = self.painter
            if fill is not None:
                p.fillRect(self.rect(0, self.y_mm, self.width_mm, h), fill)
            p.setFont(f)
            p.setPen(INK)
            x = 0.0
            for k, (cell, w) in enumerate(zip(cells, cols, strict=True)):
                flags = self.wrap(cell, f, w - 2 * pad) | (
                    Qt.AlignmentFlag.AlignRight if right[k] else Qt.AlignmentFlag.AlignLeft
                )
                p.drawText(self.rect(x + pad, self.y_mm + pad, w - 2 * pad, h - 2 * pad), int(flags), cell)
                x += w
            p.setPen(QPen(RULE, self.px(0.15)))
            bottom = self.rect(0, self.y_mm + h, self.width_mm, 0)
            p.drawLine(bottom.topLeft(), bottom.topRight())
            self.y_mm += h

        head_h = height(headers, head) if headers else 0.0
        self.room(head_h + height(rows[0], body) if rows else head_h)
        if headers:
            draw_row(headers, head, head_h, HEAD_FILL)
        for cells in rows:
            h = height(cells, body)
            if self.y_mm + h > self.height_mm:
                self.new_page()
                if headers:
                    draw_row(headers, head, head_h, HEAD_FILL)
            draw_row(cells, body, h, None)
        self.y_mm += 3
