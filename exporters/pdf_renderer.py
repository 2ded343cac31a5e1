"""Render a Document to PDF with reportlab platypus, embedding the bundled Liberation Serif.

Every string goes through ``nfc`` (reportlab does no mark positioning) and XML escaping (Paragraph text
is markup) in ``_markup``; nothing else builds Paragraph text.
"""

from __future__ import annotations

import bisect
from typing import Any, BinaryIO, Literal

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
)
from reportlab.platypus import PageBreak as PlatypusPageBreak
from reportlab.platypus import Paragraph as PlatypusParagraph
from reportlab.platypus import Table as PlatypusTable
from reportlab.platypus.tables import TableStyle

from exporters import fonts
from exporters.formatting import PARTY_TITLE, format_date_line, nfc
from exporters.model import (
    Align,
    Block,
    Document,
    DoubleSignature,
    Heading,
    PageBreak,
    Paragraph,
    Recipients,
    Run,
    Signature,
    Signer,
    Table,
    VoteLine,
    keeps_with_next,
)
from exporters.profile import HD36_2018, LayoutProfile
from exporters.safe_write import Target, write_document
from exporters.table_layout import CELL_PADDING_PT, table_widths_mm

CREATOR = "Sổ tay Bí thư"

_ALIGN: dict[Align, Literal[0, 1, 2, 4]] = {Align.LEFT: TA_LEFT, Align.CENTER: TA_CENTER, Align.RIGHT: TA_RIGHT, Align.JUSTIFY: TA_JUSTIFY}
# Table cells default to Helvetica even when they hold only Paragraphs; naming our font keeps Helvetica
# (an unembedded font) out of the page resources.
_CELL_FONT = ("FONT", (0, 0), (-1, -1), fonts.REGULAR)
_LONG_TABLE_ROWS = 60  # rows above which a table is laid out page by page (_PagedTable): about two pages


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape`` (&, <, >), written out: that module imports urllib.request and http.client,
    ~1% of a whole-process PDF export (issue 11), for these three replacements."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _row_heights(data: list[list[Any]], col_widths: list[float], style: TableStyle) -> list[float]:
    """Every row's height, measured by reportlab itself on a throwaway table.

    Only the rows holding a Paragraph, and one row of plain strings, are measured: a row of one-line
    strings is always one line high, and the style's commands are the same for every row (whole-table
    and whole-column ranges), so the other plain rows have that row's height."""
    plain = [i for i, row in enumerate(data) if not any(isinstance(cell, Flowable) for cell in row)]
    measured = sorted(set(range(len(data))) - set(plain)) + plain[:1]
    probe = PlatypusTable([data[i] for i in measured], colWidths=col_widths)
    probe.setStyle(style)
    probe.wrap(sum(col_widths), float("inf"))
    # reportlab's own measure, set by wrap(); it has no public accessor
    found = dict(zip(measured, probe._rowHeights, strict=True))  # type: ignore[attr-defined]  # see above
    return [found.get(i, found[plain[0]] if plain else 0.0) for i in range(len(data))]


class _Grid(PlatypusTable):
    """A reportlab ``Table`` that draws a one-line plain-string cell by writing the text operators itself:
    the same PDF code as reportlab's ``_drawCell`` → ``drawString`` (a text object per cell, at the same
    origin, with the same font operators), without a text object, width and encoding per cell. A
    5,000-row dues ledger has 65,000 such cells; the encoded text of each distinct string is kept per
    canvas (a TrueType subset's glyph numbers are given per document, so never across documents)."""

    def setStyle(self, tblstyle: Any) -> None:
        """reportlab's, but when every command spans all rows (whole table, whole columns: the renderer's
        tables), the cell styles are worked out for the first row and each row gets a copy of that row:
        applying 15 commands cell by cell to each page of a 200-page ledger cost a fifth of its time."""
        style = tblstyle if isinstance(tblstyle, TableStyle) else TableStyle(tblstyle)
        table: Any = self  # reportlab's private state, which its stubs do not know
        rows, count = table._cellStyles, table._nrows
        if count < 2 or not all(_all_rows(command, count) for command in style.getCommands()):
            super().setStyle(style)
            return
        table._cellStyles, table._nrows = [rows[0]], 1
        try:
            super().setStyle(style)
        finally:
            table._nrows = count
            table._cellStyles = [rows[0], *(list(rows[0]) for _ in range(count - 1))]

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: tuple[float, float], size: tuple[float, float]) -> None:
        canv: Any = self.canv
        if (type(cellval) is not str or "\n" in cellval or cellstyle.href or cellstyle.destination
                or cellstyle.direction or cellstyle.shaping or not canv.bottomup
                or cellstyle.alignment not in _STRING_ALIGN):
            _REPORTLAB_DRAW_CELL(self, cellval, cellstyle, pos, size)
            return
        font: Any = getFont(cellstyle.fontname)  # reportlab's stubs know neither the TrueType font's methods
        if not font._dynamicFont:  # a TrueType font (the bundled ones); others the usual way
            _REPORTLAB_DRAW_CELL(self, cellval, cellstyle, pos, size)
            return
        table: Any = self  # nor the Table's and the canvas's private state
        if table._curcellstyle is not cellstyle:  # as reportlab's _drawCell keeps the canvas state
            current = table._curcellstyle
            if current is None or cellstyle.color != current.color:
                canv.setFillColor(cellstyle.color)
            if (current is None or cellstyle.leading != current.leading or cellstyle.fontname != current.fontname
                    or cellstyle.fontsize != current.fontsize):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            table._curcellstyle = cellstyle
        colpos, rowpos = pos
        colwidth, rowheight = size
        fontsize, leading = cellstyle.fontsize, cellstyle.leading
        key = (cellval, cellstyle.fontname, fontsize, leading)
        known = canv.__dict__.setdefault("_sotay_strings", {})
        if key not in known:
            pieces, subset = [], -1
            for part, text in font.splitString(cellval, canv._doc):
                if part != subset:
                    pieces.append(f"{font.getSubsetInternalName(part, canv._doc)} {fp_str(fontsize)} Tf "
                                  f"{fp_str(leading)} TL")
                    subset = part
                pieces.append(f"({canv._escape(text)}) Tj")
            known[key] = (" ".join(pieces), font.stringWidth(cellval, fontsize))
        code, width = known[key]
        just = cellstyle.alignment
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        elif just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding - width
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5 - 0.5 * width
        valign = cellstyle.valign
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + leading) / 2.0 - fontsize
        canv._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {code} T* ET")


def _all_rows(command: tuple[Any, ...], rows: int) -> bool:
    """Whether a TableStyle command's range is every row (a whole-table or whole-column command)."""
    if len(command) < 3:
        return False
    (_, first), (_, last) = command[1], command[2]
    return first in (0, -rows) and last in (-1, rows - 1)


_STRING_ALIGN = frozenset({"LEFT", "RIGHT", "CENTER", "CENTRE"})
_REPORTLAB_DRAW_CELL = vars(PlatypusTable)["_drawCell"]


class _PagedTable(Flowable):
    """A long table that reportlab lays out one page at a time.

    A reportlab ``Table`` split at a page end builds a new table of *all* the remaining rows and measures
    them again, so a 5,000-row dues ledger (~240 pages) cost O(rows × pages): half a minute. This one knows
    its row heights (measured once) and their running sums: a split makes a plain ``Table`` of the rows
    that fit, the header repeated on top as ``repeatRows`` would, and a new ``_PagedTable`` of the rest,
    with no work over the rows left. The drawing is the same as the single table's."""

    def __init__(self, header: list[list[Any]], rows: list[list[Any]], heights: list[float],
                 col_widths: list[float], style: TableStyle, space_after: float, start: int = 0,
                 prefix: list[float] | None = None) -> None:
        super().__init__()
        self._header, self._rows, self._heights = header, rows, heights
        self._col_widths, self._style, self._start = col_widths, style, start
        self._header_height = sum(heights[: len(header)])
        body = heights[len(header):]
        if prefix is None:
            prefix = [0.0]
            for height in body:
                prefix.append(prefix[-1] + height)
        self._prefix = prefix  # prefix[i] = height of body rows before row i
        self.spaceAfter = space_after
        self.hAlign = "CENTER"  # as a reportlab Table: the frame centres it
        self.width = sum(col_widths)

    def _table(self, end: int) -> PlatypusTable:
        count = len(self._header)
        grid = _Grid(self._header + self._rows[self._start:end], colWidths=self._col_widths,
                             rowHeights=self._heights[:count] + self._heights[count + self._start:count + end],
                             repeatRows=count, spaceAfter=self.spaceAfter if end == len(self._rows) else 0)
        grid.setStyle(self._style)
        return grid

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = self._header_height + self._prefix[-1] - self._prefix[self._start]
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height - self._header_height + 1e-6  # reportlab's fuzz
        end = bisect.bisect_right(self._prefix, self._prefix[self._start] + room) - 1
        if end <= self._start:
            return []  # not even one row fits: the frame moves the whole table to the next page
        if end >= len(self._rows):
            return [self._table(len(self._rows))]
        rest = _PagedTable(self._header, self._rows, self._heights, self._col_widths, self._style,
                           self.spaceAfter, end, self._prefix)
        return [self._table(end), rest]

    def draw(self) -> None:
        grid = self._table(len(self._rows))
        grid.wrapOn(self.canv, self.width, self.height)
        grid.drawOn(self.canv, 0, 0)
_ALIGN_NAMES = {Align.LEFT: "LEFT", Align.JUSTIFY: "LEFT", Align.CENTER: "CENTER", Align.RIGHT: "RIGHT"}
_NO_PADDING = [
    _CELL_FONT,
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]


def render_pdf(doc: Document, target: Target, profile: LayoutProfile = HD36_2018) -> None:
    """Write ``doc`` as an A4 PDF to a path or a binary stream.

    Raises DocumentError if the model is incomplete, ExportError if the file cannot be written
    (no partial file is left behind).
    """
    doc.validate()
    fonts.register_fonts()
    write_document(target, lambda stream: _build(doc, stream, profile))


def _markup(content: str | Run | tuple[Run, ...]) -> str:
    runs = (Run(content),) if isinstance(content, str) else (content,) if isinstance(content, Run) else content
    parts = []
    for run in runs:
        text = escape(nfc(run.text))
        if run.underline:
            text = f"<u>{text}</u>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


class _TitleRule(Flowable):
    """The solid line under the Party title, exactly as long as the title (documents.md §2)."""

    def __init__(self, length: float, gap: float) -> None:
        super().__init__()
        self.length, self.gap = length, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 2 * self.gap

    def draw(self) -> None:
        start = (self.width - self.length) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(start, self.gap, start + self.length, self.gap)


class _Styles:
    def __init__(self, profile: LayoutProfile) -> None:
        self.profile = profile
        self.body = ParagraphStyle(
            "body",
            fontName=fonts.REGULAR,
            fontSize=profile.body_size_pt,
            leading=profile.line_spacing_pt,
            alignment=TA_JUSTIFY,
            firstLineIndent=profile.first_line_indent_mm * mm,
            spaceAfter=profile.space_after_pt,
        )
        self.header = ParagraphStyle(
            "header",
            parent=self.body,
            fontSize=profile.header_size_pt,
            leading=profile.header_line_spacing_pt,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=0,
        )
        self.party_title = ParagraphStyle(
            "party_title", parent=self.header, fontName=fonts.BOLD, fontSize=profile.party_title_size_pt
        )
        self.doc_type = ParagraphStyle(
            "doc_type",
            parent=self.header,
            fontName=fonts.BOLD,
            fontSize=profile.doc_type_size_pt,
            leading=profile.line_spacing_pt,
            spaceBefore=2 * profile.space_after_pt,
        )
        self.subject = ParagraphStyle(
            "subject", parent=self.header, fontName=fonts.BOLD, fontSize=profile.subject_size_pt
        )
        self.separator = ParagraphStyle("separator", parent=self.header, spaceAfter=2 * profile.space_after_pt)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=fonts.BOLD, keepWithNext=1)
        self.table_cell = ParagraphStyle(
            "table_cell",
            parent=self.body,
            fontSize=profile.table_size_pt,
            leading=profile.table_size_pt * 1.2,
            firstLineIndent=0,
            spaceAfter=0,
        )
        self.signature = ParagraphStyle(
            "signature", parent=self.header, fontSize=profile.signature_size_pt, leading=profile.header_line_spacing_pt
        )
        self.recipients_label = ParagraphStyle(
            "recipients_label",
            parent=self.header,
            fontSize=profile.recipients_label_size_pt,
            alignment=TA_LEFT,
        )
        dash_width = fonts.text_width_pt("- ", profile.recipients_size_pt)
        self.recipients = ParagraphStyle(
            "recipients",
            parent=self.recipients_label,
            fontSize=profile.recipients_size_pt,
            leading=profile.recipients_line_spacing_pt,
            # A wrapped recipient line continues under the text, not under the dash.
            leftIndent=dash_width,
            firstLineIndent=-dash_width,
        )

    def with_alignment(self, style: ParagraphStyle, align: Align, indent: bool) -> ParagraphStyle:
        return ParagraphStyle(
            f"{style.name}-{align.value}-{indent}",
            parent=style,
            alignment=_ALIGN[align],
            firstLineIndent=style.firstLineIndent if indent else 0,
        )


class _FlowableBuilder:
    def __init__(self, profile: LayoutProfile) -> None:
        self.profile = profile
        self.styles = _Styles(profile)

    def document(self, doc: Document) -> list[Flowable]:
        # Each entry is a group of flowables that must share a page; a group of one is a plain flowable.
        # (Groups are built flat and wrapped once: a KeepTogether nested in another always breaks the page.)
        groups: list[list[Flowable]] = [[self.header(doc)], *([f] for f in self.title(doc))]
        headings: list[Flowable] = []  # headings and lead-ins waiting for the block they introduce
        for block, following in zip(doc.blocks, (*doc.blocks[1:], None), strict=True):
            rendered = self.block(block)
            if keeps_with_next(block, following):
                headings.extend(rendered)
                continue
            group = [*headings, *rendered]
            headings = []
            if isinstance(block, Signature | DoubleSignature) and len(groups) > 1:
                # A signature block never stands alone at the top of a page: it takes the last paragraph
                # (and the heading kept with it) along, as Word's "keep with next" does for the DOCX.
                group = [*groups.pop(), *group]
            # A heading (or lead-in) is never left alone at a page foot: it shares a group with what follows.
            groups.append(group)
        if headings:
            groups.append(headings)
        return [group[0] if len(group) == 1 else KeepTogether(group) for group in groups]

    def header(self, doc: Document) -> Flowable:
        header, styles, profile = doc.header, self.styles, self.profile
        left: list[Flowable] = [
            PlatypusParagraph(_markup(header.superior_body.upper()), styles.header),
            PlatypusParagraph(_markup(Run(header.issuing_body.upper(), bold=True)), styles.header),
            PlatypusParagraph("*", styles.header),
        ]
        if header.number:
            left.append(PlatypusParagraph(_markup(header.number), styles.header))
        right: list[Flowable] = []
        if header.show_party_title:
            title_width = fonts.text_width_pt(PARTY_TITLE, profile.party_title_size_pt, bold=True)
            right += [
                PlatypusParagraph(_markup(PARTY_TITLE), styles.party_title),
                # 4 pt below the paragraph box clears the dot under "Ậ", "Ệ".
                _TitleRule(title_width, gap=4),
            ]
        if header.place is not None and header.date is not None:
            date_line = format_date_line(nfc(header.place), header.date)
            right.append(PlatypusParagraph(_markup(Run(date_line, italic=True)), styles.header))
        return self._two_columns(left, right)

    def title(self, doc: Document) -> list[Flowable]:
        flowables: list[Flowable] = [
            Spacer(0, self.profile.space_after_pt),
            PlatypusParagraph(_markup(doc.doc_type_name.upper()), self.styles.doc_type),
        ]
        if doc.subject:
            flowables.append(PlatypusParagraph(_markup(doc.subject), self.styles.subject))
        # [C] five hyphens, not a drawn line.
        flowables.append(PlatypusParagraph("-----", self.styles.separator))
        return flowables

    def block(self, block: Block) -> list[Flowable]:
        styles = self.styles
        match block:
            case Heading(text=text, level=level):
                return [PlatypusParagraph(_markup(Run(text, bold=True, italic=level == 3)), styles.heading)]
            case Paragraph(runs=runs, indent_first_line=indent, align=align):
                return [PlatypusParagraph(_markup(runs), styles.with_alignment(styles.body, align, indent))]
            case VoteLine():
                return [PlatypusParagraph(_markup(block.text), styles.body)]
            case Table():
                return [self.table(block)]
            case Signature(signer=signer, recipients=recipients):
                left = self.recipients(recipients) if recipients else []
                return [Spacer(0, self.profile.space_after_pt), self._two_columns(left, self.signer(signer))]
            case DoubleSignature(left=left, right=right):
                return [Spacer(0, self.profile.space_after_pt), self._two_columns(self.signer(left), self.signer(right))]
            case PageBreak():
                return [PlatypusPageBreak()]
        raise AssertionError(f"unhandled block {block!r}")  # Document.validate() admits only the types above

    def table(self, table: Table) -> Flowable:
        widths = table_widths_mm(table, self.profile)
        cell_styles = [self.styles.with_alignment(self.styles.table_cell, column.align, False) for column in table.columns]
        head_style = self.styles.with_alignment(self.styles.table_cell, Align.CENTER, False)
        data: list[list[str | Flowable]] = []
        if table.header:
            data.append([PlatypusParagraph(_markup(Run(text, bold=True)), head_style) for text in table.header])
        # A cell without markup that fits on one line is drawn as a plain string in the table's font: it looks
        # the same and costs a fraction of a Paragraph, which matters for a 5,000-row dues ledger.
        size = self.profile.table_size_pt
        room = [width * mm - 6 for width in widths]  # minus the left and right padding
        for row in table.rows:
            cells: list[str | Flowable] = []
            for text, style, fits in zip(row, cell_styles, room, strict=True):
                text = nfc(text)
                if "*" not in text and "\n" not in text and fonts.text_width_pt(text, size) <= fits:
                    cells.append(text)
                else:
                    cells.append(PlatypusParagraph(_markup(text), style))
            data.append(cells)
        table_style = TableStyle(
            [
                _CELL_FONT,
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("FONTSIZE", (0, 0), (-1, -1), self.profile.table_size_pt),
                *(("ALIGN", (index, 0), (index, -1), _ALIGN_NAMES[column.align])
                  for index, column in enumerate(table.columns)),
            ]
        )
        col_widths = [width * mm for width in widths]
        header_rows = 1 if table.header else 0
        if len(data) > _LONG_TABLE_ROWS:
            return _PagedTable(data[:header_rows], data[header_rows:], _row_heights(data, col_widths, table_style),
                               col_widths, table_style, self.profile.space_after_pt)
        grid = _Grid(data, colWidths=col_widths, repeatRows=header_rows, spaceAfter=self.profile.space_after_pt)
        grid.setStyle(table_style)
        return grid

    def signer(self, signer: Signer) -> list[Flowable]:
        style, profile = self.styles.signature, self.profile
        flowables: list[Flowable] = []
        if signer.authority:
            flowables.append(PlatypusParagraph(_markup(Run(signer.authority.upper(), bold=True)), style))
        # Without an authority line ("THƯ KÝ", "CHỦ TRÌ") the title is the signing capacity, printed bold.
        title_bold = profile.signer_title_bold or not signer.authority
        flowables.append(PlatypusParagraph(_markup(Run(signer.title.upper(), bold=title_bold)), style))
        flowables.append(Spacer(0, signer.gap_lines * profile.line_spacing_pt))
        flowables.append(PlatypusParagraph(_markup(Run(signer.name, bold=True)), style))
        return flowables

    def recipients(self, recipients: Recipients) -> list[Flowable]:
        lines = recipients.formatted(self.profile.recipient_line_ending)
        return [
            PlatypusParagraph(_markup(Run("Nơi nhận:", underline=True)), self.styles.recipients_label),
            *(PlatypusParagraph(_markup(line), self.styles.recipients) for line in lines),
        ]

    def _two_columns(self, left: list[Flowable], right: list[Flowable]) -> Flowable:
        left_mm, right_mm = self.profile.column_widths_mm
        table = PlatypusTable([[left, right]], colWidths=[left_mm * mm, right_mm * mm], hAlign="LEFT")
        table.setStyle(TableStyle(_NO_PADDING))
        return table


def _build(doc: Document, stream: BinaryIO, profile: LayoutProfile) -> None:
    page_width, page_height = profile.page_width_mm * mm, profile.page_height_mm * mm
    margins = profile.margins
    # Mirrored margins swap left and right on even (back) pages; a page template per side does that.
    sides = [("odd", margins.left_mm, margins.right_mm)]
    if profile.mirror_margins:
        sides.append(("even", margins.right_mm, margins.left_mm))

    def page_number(canvas: Canvas, template: BaseDocTemplate) -> None:
        number = canvas.getPageNumber()
        if number == 1:  # [R] no number on page 1
            return
        left_mm, right_mm = sides[(number - 1) % len(sides)][1:]
        ascent, _ = getAscentDescent(fonts.REGULAR, profile.page_number_size_pt)
        canvas.setFont(fonts.REGULAR, profile.page_number_size_pt)
        centre = (left_mm * mm + page_width - right_mm * mm) / 2
        canvas.drawCentredString(centre, page_height - profile.page_number_top_mm * mm - ascent, str(number))

    templates = []
    for name, left_mm, right_mm in sides:
        frame = Frame(
            left_mm * mm,
            margins.bottom_mm * mm,
            page_width - (left_mm + right_mm) * mm,
            page_height - (margins.top_mm + margins.bottom_mm) * mm,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )
        templates.append(PageTemplate(id=name, frames=[frame], onPage=page_number))

    title = nfc(" ".join(part for part in (doc.doc_type_name, doc.subject) if part))
    template = BaseDocTemplate(
        stream,
        pagesize=(page_width, page_height),
        pageTemplates=templates,
        title=title,
        author=nfc(doc.header.issuing_body),
        creator=CREATOR,
        lang="vi-VN",
        # Without this the canvas starts in Helvetica, which then shows up as an unembedded font.
        initialFontName=fonts.REGULAR,
        initialFontSize=profile.body_size_pt,
    )
    flowables = _FlowableBuilder(profile).document(doc)
    if profile.mirror_margins:
        # reportlab's documented idiom for alternating pages: from page 2 on, cycle even, odd, even, ...
        flowables.insert(0, NextPageTemplate(["even", "odd"]))
    template.build(flowables)
