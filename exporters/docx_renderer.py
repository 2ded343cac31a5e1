"""Render a Document to Word (.docx) with python-docx, following stack.md §6.

python-docx has no API for fonts slots beyond ascii/hAnsi, document language, borders, cell margins,
repeated header rows, fields or mirror margins, so those few places use oxml directly (``_xml_*``).
"""

from __future__ import annotations

from typing import BinaryIO, TypedDict

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from exporters import fonts
from exporters.formatting import PARTY_TITLE, format_date_line, nfc
from exporters.model import (
    Align,
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
from exporters.profile import HD36_2018, MM_PER_PT, LayoutProfile
from exporters.safe_write import Target, write_document
from exporters.table_layout import CELL_PADDING_PT, table_widths_mm

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SLOTS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_TWIPS_PER_PT = 20


class _SignerOptions(TypedDict):
    """The paragraph options every line of a signature block shares."""

    size: float
    line_spacing: float
    space_after: float


def render_docx(doc: Document, target: Target, profile: LayoutProfile = HD36_2018) -> None:
    """Write ``doc`` as an A4 Word document to a path or a binary stream.

    Raises DocumentError if the model is incomplete, ExportError if the file cannot be written
    (no partial file is left behind).
    """
    doc.validate()
    word = _DocxBuilder(profile).document(doc)
    write_document(target, lambda stream: _save(word, stream))


def _save(word: docx.document.Document, stream: BinaryIO) -> None:
    word.save(stream)


def _xml_set_fonts_and_language(rpr: CT_RPr) -> None:
    """All four font slots Times New Roman, theme fonts removed (they beat an explicit name), vi-VN."""
    rfonts = rpr.get_or_add_rFonts()
    for slot in _THEME_SLOTS:
        rfonts.attrib.pop(qn(f"w:{slot}"), None)
    for slot in _FONT_SLOTS:
        rfonts.set(qn(f"w:{slot}"), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _xml_table_borders(table: DocxTable, value: str) -> None:
    """Explicit borders on every edge: "nil" for the layout tables, "single" for grids."""
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        # CT_TblPr order: ... tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
        anchor = next((tbl_pr.find(qn(f"w:{tag}")) for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")
                       if tbl_pr.find(qn(f"w:{tag}")) is not None), None)
        if anchor is None:
            tbl_pr.append(borders)
        else:
            anchor.addprevious(borders)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)


def _xml_cell_margins(table: DocxTable, *, top: float, left: float, bottom: float, right: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge, points in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(points * _TWIPS_PER_PT)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        tbl_pr.append(margins)
    else:
        look.addprevious(margins)


def _xml_repeat_header_row(table: DocxTable) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)


def _xml_cant_split(table: DocxTable) -> None:
    """No row breaks across a page: a signature block, or a ledger row with its total, stays whole."""
    for row in table.rows:
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant_split)


def _xml_page_field(paragraph: DocxParagraph) -> None:
    """A PAGE field; "2" is the cached result shown until the viewer updates fields."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _xml_top_border(paragraph: DocxParagraph) -> None:
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{name}"), value)
    borders.append(top)
    ppr = paragraph._p.get_or_add_pPr()
    # CT_PPr order puts pBdr after keepNext..numPr and before shd, tabs, spacing, ind, jc.
    anchor = next((ppr.find(qn(f"w:{tag}")) for tag in ("shd", "tabs", "spacing", "ind", "jc")
                   if ppr.find(qn(f"w:{tag}")) is not None), None)
    if anchor is None:
        ppr.append(borders)
    else:
        anchor.addprevious(borders)


def _xml_mirror_margins(word: docx.document.Document) -> None:
    settings = word.settings.element
    mirror = OxmlElement("w:mirrorMargins")
    zoom = settings.find(qn("w:zoom"))
    # CT_Settings puts mirrorMargins after zoom; Word rejects out-of-order settings.
    if zoom is None:
        settings.insert(0, mirror)
    else:
        zoom.addnext(mirror)


def _set_widths(table: DocxTable, widths_mm: tuple[float, ...]) -> None:
    # Word reads the cell widths, LibreOffice the grid columns: set both.
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


class _DocxBuilder:
    def __init__(self, profile: LayoutProfile) -> None:
        self.profile = profile
        self.word = docx.Document()

    # -- document set-up ---------------------------------------------------------------------------

    def document(self, doc: Document) -> docx.document.Document:
        self._page_setup()
        self._styles()
        self._page_numbers()
        properties = self.word.core_properties
        properties.title = nfc(" ".join(part for part in (doc.doc_type_name, doc.subject) if part))
        properties.author = nfc(doc.header.issuing_body)
        properties.language = LANGUAGE
        self._header(doc)
        self._title(doc)
        for block, following in zip(doc.blocks, (*doc.blocks[1:], None), strict=True):
            self._block(block)
            if keeps_with_next(block, following) and self.word.paragraphs:
                self.word.paragraphs[-1].paragraph_format.keep_with_next = True
        return self.word

    def _page_setup(self) -> None:
        section, profile = self.word.sections[0], self.profile
        # python-docx's default template is US Letter.
        # A profile wider than tall (a wide register table) prints landscape; Word needs the flag too.
        landscape = profile.page_width_mm > profile.page_height_mm
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(profile.page_width_mm), Mm(profile.page_height_mm)
        margins = profile.margins
        section.top_margin, section.bottom_margin = Mm(margins.top_mm), Mm(margins.bottom_mm)
        section.left_margin, section.right_margin = Mm(margins.left_mm), Mm(margins.right_mm)
        section.header_distance = Mm(profile.page_number_top_mm)
        section.footer_distance = Mm(profile.page_number_top_mm)
        if profile.mirror_margins:
            _xml_mirror_margins(self.word)

    def _styles(self) -> None:
        styles = self.word.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        _xml_set_fonts_and_language(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
        normal = styles["Normal"]
        normal.font.size = Pt(self.profile.body_size_pt)
        _xml_set_fonts_and_language(normal.element.get_or_add_rPr())
        paragraph = normal.paragraph_format
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(self.profile.space_after_pt)
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(self.profile.line_spacing_pt)
        # Other template styles name theme fonts (Heading 1: majorHAnsi); without them they inherit Normal.
        for rfonts in styles.element.iter(qn("w:rFonts")):
            for slot in _THEME_SLOTS:
                rfonts.attrib.pop(qn(f"w:{slot}"), None)

    def _page_numbers(self) -> None:
        section = self.word.sections[0]
        # [R] no number on page 1: an empty first-page header, the PAGE field in the default header.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        self._format(paragraph, Align.CENTER, space_after=0)
        _xml_page_field(paragraph)
        for run in paragraph.runs:
            run.font.size = Pt(self.profile.page_number_size_pt)

    # -- building blocks -----------------------------------------------------------------------------

    def _format(
        self,
        paragraph: DocxParagraph,
        align: Align,
        *,
        indent: bool = False,
        line_spacing: float | None = None,
        space_before: float = 0,
        space_after: float | None = None,
    ) -> DocxParagraph:
        fmt = paragraph.paragraph_format
        fmt.alignment = _ALIGN[align]
        fmt.first_line_indent = Mm(self.profile.first_line_indent_mm) if indent else None
        if line_spacing is not None:
            fmt.line_spacing = Pt(line_spacing)
        if space_before:
            fmt.space_before = Pt(space_before)
        if space_after is not None:
            fmt.space_after = Pt(space_after)
        return paragraph

    def _runs(self, paragraph: DocxParagraph, runs: tuple[Run, ...], size: float | None = None) -> DocxParagraph:
        for run in runs:
            word_run = paragraph.add_run(nfc(run.text))
            word_run.bold = run.bold or None
            word_run.italic = run.italic or None
            word_run.underline = run.underline or None
            if size is not None:
                word_run.font.size = Pt(size)
        return paragraph

    def _paragraph(
        self,
        container: docx.document.Document | _Cell,
        runs: tuple[Run, ...] | Run | str,
        align: Align,
        *,
        size: float | None = None,
        indent: bool = False,
        line_spacing: float | None = None,
        space_before: float = 0,
        space_after: float | None = None,
        reuse_first: bool = False,
    ) -> DocxParagraph:
        if isinstance(runs, str):
            runs = (Run(runs),)
        elif isinstance(runs, Run):
            runs = (runs,)
        # A new table cell already holds one empty paragraph; fill it rather than leave a blank line.
        if reuse_first and isinstance(container, _Cell) and not container.paragraphs[0].text:
            paragraph = container.paragraphs[0]
        else:
            paragraph = container.add_paragraph()
        self._format(
            paragraph,
            align,
            indent=indent,
            line_spacing=line_spacing,
            space_before=space_before,
            space_after=space_after,
        )
        return self._runs(paragraph, runs, size)

    def _layout_table(self) -> tuple[DocxTable, _Cell, _Cell]:
        """A borderless 1×2 table split like the header (documents.md §1)."""
        table = self.word.add_table(rows=1, cols=2)
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _xml_table_borders(table, "nil")
        _xml_cell_margins(table, top=0, left=0, bottom=0, right=0)
        _set_widths(table, self.profile.column_widths_mm)
        _xml_cant_split(table)
        left, right = table.rows[0].cells
        return table, left, right

    def _header(self, doc: Document) -> None:
        header, profile = doc.header, self.profile
        _, left, right = self._layout_table()
        spacing = profile.header_line_spacing_pt
        lines = [
            Run(nfc(header.superior_body).upper()),
            Run(nfc(header.issuing_body).upper(), bold=True),
            Run("*"),
        ]
        if header.number:
            lines.append(Run(header.number))
        for position, run in enumerate(lines):
            self._paragraph(left, run, Align.CENTER, size=profile.header_size_pt, line_spacing=spacing,
                            space_after=0, reuse_first=position == 0)
        if header.show_party_title:
            self._paragraph(right, Run(PARTY_TITLE, bold=True), Align.CENTER, size=profile.party_title_size_pt,
                            line_spacing=spacing, space_after=0, reuse_first=True)
            self._title_rule(right)
        if header.place is not None and header.date is not None:
            date_line = format_date_line(nfc(header.place), header.date)
            self._paragraph(right, Run(date_line, italic=True), Align.CENTER, size=profile.header_size_pt,
                            line_spacing=spacing, space_after=0, reuse_first=True)

    def _title_rule(self, cell: _Cell) -> None:
        """An empty paragraph whose top border is indented to the Party title's width (same length, §2)."""
        profile = self.profile
        title_mm = fonts.text_width_pt(PARTY_TITLE, profile.party_title_size_pt, bold=True) * MM_PER_PT
        inset_mm = (profile.column_widths_mm[1] - title_mm) / 2
        rule = cell.add_paragraph()
        fmt = rule.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.left_indent = fmt.right_indent = Mm(inset_mm)
        fmt.space_before = Pt(2)
        fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(4)
        _xml_top_border(rule)

    def _title(self, doc: Document) -> None:
        profile = self.profile
        self._paragraph(self.word, Run(nfc(doc.doc_type_name).upper(), bold=True), Align.CENTER,
                        size=profile.doc_type_size_pt, space_before=3 * profile.space_after_pt, space_after=0)
        if doc.subject:
            self._paragraph(self.word, Run(doc.subject, bold=True), Align.CENTER, size=profile.subject_size_pt,
                            line_spacing=profile.header_line_spacing_pt, space_after=0)
        # [C] five hyphens, not a drawn line.
        self._paragraph(self.word, "-----", Align.CENTER, line_spacing=profile.header_line_spacing_pt,
                        space_after=2 * profile.space_after_pt)

    def _block(self, block: object) -> None:
        word = self.word
        match block:
            case Heading(text=text, level=level):
                paragraph = self._paragraph(word, Run(text, bold=True, italic=level == 3), Align.JUSTIFY, indent=True)
                paragraph.paragraph_format.keep_with_next = True
            case Paragraph(runs=runs, indent_first_line=indent, align=align):
                self._paragraph(word, runs, align, indent=indent)
            case VoteLine():
                self._paragraph(word, block.text, Align.JUSTIFY, indent=True)
            case Table():
                self._table(block)
            case Signature(signer=signer, recipients=recipients):
                self._keep_last_paragraph_with_next()
                _, left, right = self._layout_table()
                if recipients:
                    self._recipients(left, recipients)
                self._signer(right, signer)
            case DoubleSignature(left=left_signer, right=right_signer):
                self._keep_last_paragraph_with_next()
                _, left, right = self._layout_table()
                self._signer(left, left_signer)
                self._signer(right, right_signer)
            case PageBreak():
                word.add_page_break()  # type: ignore[no-untyped-call]  # python-docx leaves this one method unannotated
            case _:
                raise AssertionError(f"unhandled block {block!r}")  # Document.validate() admits only the above

    def _keep_last_paragraph_with_next(self) -> None:
        """The paragraph before a signature block stays on its page (the PDF does the same)."""
        paragraphs = self.word.paragraphs
        if paragraphs:
            paragraphs[-1].paragraph_format.keep_with_next = True

    def _table(self, table: Table) -> None:
        profile = self.profile
        widths = table_widths_mm(table, profile)
        rows = ([table.header] if table.header else []) + list(table.rows)
        grid = self.word.add_table(rows=len(rows), cols=len(table.columns))
        grid.style = self.word.styles["Table Grid"]
        grid.autofit = False
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        _xml_cell_margins(grid, top=2, left=CELL_PADDING_PT, bottom=3, right=CELL_PADDING_PT)
        _set_widths(grid, widths)
        line_spacing = profile.table_size_pt * 1.2
        for row_index, (values, row) in enumerate(zip(rows, grid.rows, strict=True)):
            is_header = bool(table.header) and row_index == 0
            for value, cell, column in zip(values, row.cells, table.columns, strict=True):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                self._paragraph(cell, Run(value, bold=is_header), Align.CENTER if is_header else column.align,
                                size=profile.table_size_pt, line_spacing=line_spacing, space_after=0, reuse_first=True)
        _xml_cant_split(grid)
        if table.header:
            _xml_repeat_header_row(grid)
        # Keep the grid off the following paragraph, like the PDF's spaceAfter.
        spacer = self.word.add_paragraph()
        spacer.paragraph_format.space_after = Pt(0)
        spacer.paragraph_format.line_spacing = Pt(profile.space_after_pt)

    def _signer(self, cell: _Cell, signer: Signer) -> None:
        profile = self.profile
        options: _SignerOptions = {"size": profile.signature_size_pt, "line_spacing": profile.header_line_spacing_pt, "space_after": 0}
        if signer.authority:
            self._paragraph(cell, Run(nfc(signer.authority).upper(), bold=True), Align.CENTER, reuse_first=True,
                            **options)
        # Without an authority line ("THƯ KÝ", "CHỦ TRÌ") the title is the signing capacity, printed bold.
        title_bold = profile.signer_title_bold or not signer.authority
        self._paragraph(cell, Run(nfc(signer.title).upper(), bold=title_bold), Align.CENTER, reuse_first=True,
                        **options)
        for _ in range(signer.gap_lines):
            gap = cell.add_paragraph()
            gap.paragraph_format.space_after = Pt(0)
        self._paragraph(cell, Run(signer.name, bold=True), Align.CENTER, **options)

    def _recipients(self, cell: _Cell, recipients: Recipients) -> None:
        profile = self.profile
        self._paragraph(cell, Run("Nơi nhận:", underline=True), Align.LEFT, size=profile.recipients_label_size_pt,
                        line_spacing=profile.header_line_spacing_pt, space_after=0, reuse_first=True)
        dash_mm = fonts.text_width_pt("- ", profile.recipients_size_pt) * MM_PER_PT
        for line in recipients.formatted(profile.recipient_line_ending):
            paragraph = self._paragraph(cell, line, Align.LEFT, size=profile.recipients_size_pt,
                                        line_spacing=profile.recipients_line_spacing_pt, space_after=0)
            # A wrapped recipient line continues under the text, not under the dash.
            paragraph.paragraph_format.left_indent = Mm(dash_mm)
            paragraph.paragraph_format.first_line_indent = Mm(-dash_mm)
