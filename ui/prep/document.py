"""The prep sheet on paper: a QTextDocument laid out in pages, painted on a printer or a PDF.

The same function paints on a ``QPrinter`` (Print…) and a ``QPdfWriter`` (Export PDF…, and the
``coachjournal prep`` command), so both look alike. The document is laid out at 96 units per
inch whatever the device (a hidden 96-dpi image is its paint device) and scaled to the device's
resolution when painted: text stays vector, the chart keeps its print resolution.

By default the sheet is fitted to one page: laid out, measured against the page's height, and
laid out again with the lowest-priority rows cut (:data:`coachjournal.coaching.prep.TRIM_STEPS`,
broadly from the end of :data:`~coachjournal.coaching.prep.ORDER`) until it fits, then given back
what still fits, most important first; a bounded number of layouts. "Full detail" lists
everything over as many pages as it takes. Pagination keeps each section on one page where it
fits: a section that would straddle a page break starts on the next page instead. Every page
gets a footer with the manager, the date and "Page n of m".

Emoji and symbols the system fonts lack are drawn with the bundled Noto Emoji (monochrome, OFL,
``resources/fonts``), registered as Qt's emoji font, so none prints as an empty box; the PDF's
text layer is then completed by :mod:`ui.prep.pdf_text`, since Qt maps only characters below
U+10000 back to text.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLayout,
)

from coachjournal import paths
from coachjournal.coaching import prep, stats
from coachjournal.coaching.prep import Part, PrepSheet
from coachjournal.errors import CoachJournalError
from coachjournal.render import prep_html
from ui.fonts import EMOJI_FONT, register_fonts
from ui.prep import pdf_text

log = logging.getLogger(__name__)

#: Layout units per inch (CSS pixels).
UNITS_PER_INCH = 96
#: Page margins in millimetres: left, top, right, bottom (the footer sits in the bottom one's
#: upper part).
MARGINS_MM = (18.0, 16.0, 18.0, 16.0)
FOOTER_UNITS = 28
PDF_RESOLUTION = 600


def page_size() -> QPageSize:
    """Letter where the locale measures in inches (US and a few others), else A4."""
    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return QPageSize(QPageSize.PageSizeId.Letter if imperial else QPageSize.PageSizeId.A4)


def _layout_device() -> QImage:
    """A paint device of exactly 96 dpi, so the layout is the same on every screen."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(UNITS_PER_INCH / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def build_document(
    sheet: PrepSheet,
    width: float,
    chart: bytes | None,
    *,
    style: prep_html.Style,
    limits: Mapping[Part, int] | None = None,
) -> QTextDocument:
    """The sheet as a document ``width`` units wide, the chart registered as its image, each
    part capped at ``limits`` rows."""
    register_fonts()
    document = QTextDocument()
    document.setDocumentMargin(0)
    device = _layout_device()
    document.documentLayout().setPaintDevice(device)
    document.setProperty("_layout_device", device)  # keep the image alive with the document
    font = QFont(document.defaultFont())
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    chart_width = 0
    if chart is not None:
        image = QImage.fromData(chart)
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(prep_html.CHART_URL), image
        )
        chart_width = int(min(width, prep_html.CHART_INCHES[0] * UNITS_PER_INCH))
    html = prep_html.render(
        sheet,
        style=style,
        paper=True,
        chart=prep_html.CHART_URL if chart is not None else None,
        chart_width=chart_width,
        limits=limits,
    )
    document.setHtml(html)
    document.setTextWidth(width)
    return document


def fitted_document(
    sheet: PrepSheet, page: QSizeF, chart: bytes | None, *, style: prep_html.Style
) -> QTextDocument:
    """The sheet cut to fit one ``page`` (in layout units).

    The steps of :data:`~coachjournal.coaching.prep.TRIM_STEPS` are taken in turn until the
    laid-out height fits; then the steps taken are undone one at a time, the most important
    first, wherever the page still fits, so the room left goes to what matters most. One layout
    per step: at most twice the number of steps. A sheet that cannot fit (a very long agenda)
    comes back at its smallest and runs over."""
    limits: dict[Part, int] = {}

    def layout() -> QTextDocument:
        drawn = None if limits.get(Part.CHART) == 0 else chart  # no image to decode once cut
        return build_document(sheet, page.width(), drawn, style=style, limits=limits)

    def fits(document: QTextDocument) -> bool:
        return document.documentLayout().documentSize().height() <= page.height()

    document = layout()
    taken: list[tuple[Part, int | None]] = []  # each step taken, with the cap it replaced
    for part, cap in prep.TRIM_STEPS:
        if fits(document):
            break
        taken.append((part, limits.get(part)))
        limits[part] = cap
        document = layout()
    if not taken or not fits(document):
        return document
    kept: set[Part] = set()  # parts that could not get more rows back
    for part, before in reversed(taken):
        if part in kept:
            continue
        cap = limits[part]
        if before is None:
            del limits[part]
        else:
            limits[part] = before
        candidate = layout()
        if fits(candidate):
            document = candidate
        else:
            limits[part] = cap
            kept.add(part)
    return document


def _section_starts(document: QTextDocument) -> list[int]:
    """Positions of the blocks that start a section (the ``<h2>`` headings)."""
    starts = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            starts.append(block.position())
        block = block.next()
    return starts


def _outer_top(document: QTextDocument, position: int) -> float:
    """Where the block at ``position`` begins, its top margin included."""
    block = document.findBlock(position)
    rect = document.documentLayout().blockBoundingRect(block)
    return rect.top() - block.blockFormat().topMargin()


def paginate(document: QTextDocument, page: QSizeF) -> None:
    """Lay ``document`` out on pages of ``page`` size, moving a section that would straddle a
    page break to the next page when it fits on one."""
    document.setPageSize(page)
    layout = document.documentLayout()
    height = page.height()
    starts = _section_starts(document)
    for index, position in enumerate(starts):
        block = document.findBlock(position)
        top = _outer_top(document, position)
        if index + 1 < len(starts):
            bottom = _outer_top(document, starts[index + 1])
        else:
            bottom = layout.documentSize().height()
        first_page, last_page = int(top // height), int((bottom - 1) // height)
        if first_page != last_page and bottom - top <= height and top % height > 1:
            move = QTextBlockFormat()
            move.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).mergeBlockFormat(move)
    # Qt lays out again only near a changed block: after a table, the sections below a moved
    # one kept their old place and no height, so a full-detail sheet lost its chart.
    document.markContentsDirty(0, document.characterCount())


def paint(
    document: QTextDocument,
    device: QPagedPaintDevice,
    footer: str,
    style: prep_html.Style = prep_html.PAPER,
) -> int:
    """Paint ``document`` on ``device`` page by page with a footer; return the page count.

    The device's page layout (size, margins) decides the pages.
    """
    resolution = device.logicalDpiX()
    scale = resolution / UNITS_PER_INCH
    area = device.pageLayout().paintRectPixels(resolution)
    width = area.width() / scale
    body = area.height() / scale - FOOTER_UNITS
    document.setTextWidth(width)
    paginate(document, QSizeF(width, body))
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise CoachJournalError("Cannot start drawing the pages (the printer or file refused).")
    try:
        small = QFont(document.defaultFont())
        small.setPixelSize(round(8 * UNITS_PER_INCH / 72))
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.save()
            painter.translate(0, -number * body)
            document.drawContents(painter, QRectF(0, number * body, width, body))
            painter.restore()
            painter.setPen(QPen(QColor(style.rule), 0.6))
            line = body + FOOTER_UNITS * 0.35
            painter.drawLine(0, int(line), int(width), int(line))
            painter.setFont(small)
            painter.setPen(QColor(style.muted))
            text_box = QRectF(0, line + 3, width, FOOTER_UNITS)
            painter.drawText(text_box, int(Qt.AlignmentFlag.AlignLeft), footer)
            painter.drawText(
                text_box, int(Qt.AlignmentFlag.AlignRight), f"Page {number + 1} of {pages}"
            )
            painter.restore()
    finally:
        painter.end()
    return pages


def footer_text(sheet: PrepSheet) -> str:
    return f"{sheet.manager.name} · one-on-one prep · {stats.date_label(sheet.today)}"


def set_page_layout(device: QPagedPaintDevice) -> None:
    """The sheet's paper and margins, on a printer or a PDF writer."""
    left, top, right, bottom = MARGINS_MM
    device.setPageLayout(
        QPageLayout(
            page_size(),
            QPageLayout.Orientation.Portrait,
            QMarginsF(left, top, right, bottom),
            QPageLayout.Unit.Millimeter,
        )
    )


def render_sheet(
    sheet: PrepSheet, device: QPagedPaintDevice, chart: bytes | None, *, full: bool = False
) -> int:
    """Lay out and paint the sheet on ``device`` (already set up), on one page unless ``full``
    detail is asked; return the page count."""
    return _render(sheet, device, chart, full)[0]


def drawn_glyphs(document: QTextDocument, family: str) -> list[tuple[int, str]]:
    """The glyphs of ``family`` in the laid-out ``document``, each once, in the order they are
    drawn, with the text each stands for (a whole cluster: "👩‍💻" is one glyph)."""
    flags = (
        QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
        | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes
    )
    found: dict[int, str] = {}
    block = document.begin()
    while block.isValid():
        units, layout = block.text().encode("utf-16-le"), block.layout()  # Qt counts in UTF-16
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            runs = line.glyphRuns(-1, -1, flags)
            starts = sorted({i for run in runs for i in run.stringIndexes()})
            starts.append(line.textStart() + line.textLength())
            for run in runs:
                if run.rawFont().familyName() != family:
                    continue
                for glyph, start in zip(run.glyphIndexes(), run.stringIndexes(), strict=True):
                    end = next(i for i in starts if i > start) if start < starts[-1] else start + 1
                    cluster = units[2 * start : 2 * end].decode("utf-16-le", "replace")
                    found.setdefault(glyph, cluster.rstrip())
        block = block.next()
    return list(found.items())


def _render(
    sheet: PrepSheet, device: QPagedPaintDevice, chart: bytes | None, full: bool
) -> tuple[int, QTextDocument]:
    resolution = device.logicalDpiX()
    area = device.pageLayout().paintRectPixels(resolution)
    scale = UNITS_PER_INCH / resolution
    width = area.width() * scale
    if full:
        document = build_document(sheet, width, chart, style=prep_html.PAPER)
    else:
        page = QSizeF(width, area.height() * scale - FOOTER_UNITS)
        document = fitted_document(sheet, page, chart, style=prep_html.PAPER)
    return paint(document, device, footer_text(sheet)), document


def write_pdf(sheet: PrepSheet, path: Path, chart: bytes | None, *, full: bool = False) -> int:
    """Write the sheet as a PDF at ``path`` (one page unless ``full``); return the page count.

    Written to a temporary file beside it and moved into place, so a failure never leaves
    half a PDF where the user looks for one; the file is the user's alone (0600) whatever the
    umask, like every file holding journal data.
    """
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        os.close(paths.open_private(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    except OSError as error:
        reason = error.strerror or str(error)
        raise CoachJournalError(f"Cannot write the PDF to {path}: {reason}.") from error
    writer = QPdfWriter(str(partial))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(f"One-on-one prep: {sheet.manager.name}, {sheet.today.isoformat()}")
    writer.setCreator("CoachJournal")
    set_page_layout(writer)
    try:
        pages, document = _render(sheet, writer, chart, full)
        del writer  # closes and flushes the file
        family = register_fonts()
        if family is not None:
            drawn = drawn_glyphs(document, family)
            pdf_text.complete_text(partial, paths.resource(*EMOJI_FONT), drawn)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise CoachJournalError(f"Cannot write the PDF to {path}: {reason}.") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if not path.exists() or path.stat().st_size == 0:
        raise CoachJournalError(f"Cannot write the PDF to {path}: check the folder is writable.")
    return pages


def write_pdf_without_window(
    sheet: PrepSheet, path: Path, chart: bytes | None, full: bool = False
) -> int:
    """:func:`write_pdf` from the command line: Qt needs a GUI application for fonts and
    images, and none has a screen here, so the offscreen platform is used unless
    ``QT_QPA_PLATFORM`` says otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application = QGuiApplication.instance() or QGuiApplication([sys.argv[0] if sys.argv else ""])
    try:
        return write_pdf(sheet, path, chart, full=full)
    finally:
        del application
