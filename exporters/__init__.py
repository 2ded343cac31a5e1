"""A neutral document model and its Word (python-docx) and PDF (reportlab) renderers.

Knows nothing of the database: builders in ``secretary_app.documents`` hand it a finished model.

Public API::

    doc = Document(
        header=Header(superior_body, issuing_body, number=format_number(3, "NQ", "CB"),
                      place="Hoàn Kiếm", date=datetime.date(2026, 2, 5)),
        doc_type_name="NGHỊ QUYẾT",
        subject="về lãnh đạo thực hiện nhiệm vụ tháng 02 năm 2026",
        blocks=[Heading("I- ..."), Paragraph.from_markup("... **đậm** *nghiêng*"), Table(...), VoteLine(20, 20),
                Signature(Signer("BÍ THƯ", "Nguyễn Thị Hường", authority="T/M CHI BỘ"), Recipients([...]))],
    )  # raises DocumentError (Vietnamese message naming the field) if anything is missing
    render_pdf(doc, "nq-03.pdf")                     # or a binary stream; profile=HD36_2018.replace(...)
    render_docx(doc, "nq-03.docx")                   # raises ExportError, leaving no partial file

``format_date_line("Hoàn Kiếm", date)`` gives "Hoàn Kiếm, ngày 05 tháng 02 năm 2026";
``format_number(3, "NQ", "CB")`` gives "Số 03-NQ/CB".

The renderers are imported on first use (``render_pdf`` / ``render_docx`` below): a PDF export never loads
python-docx, a Word export never loads reportlab's page layout, and a program that only builds models
loads neither (bench/documents.py times the whole-process export).
"""

from __future__ import annotations

from exporters.errors import DocumentError, ExportError
from exporters.formatting import format_date_line, format_number
from exporters.model import (
    Align,
    Block,
    Column,
    Document,
    DoubleSignature,
    Header,
    Heading,
    PageBreak,
    Paragraph,
    Recipients,
    Run,
    Signature,
    Signer,
    Table,
    VoteLine,
    runs_from_markup,
)
from exporters.profile import HD36_2018, LayoutProfile, Margins, landscape
from exporters.safe_write import Target


def render_pdf(doc: Document, target: Target, profile: LayoutProfile = HD36_2018) -> None:
    """Render ``doc`` to PDF at ``target`` (a path or a binary stream); see ``exporters.pdf_renderer``."""
    from exporters.deferred_regex import deferring

    with deferring():  # reportlab's web-address pattern, compiled on first use (exporters/deferred_regex.py)
        from exporters.pdf_renderer import render_pdf as render

    render(doc, target, profile)


def render_docx(doc: Document, target: Target, profile: LayoutProfile = HD36_2018) -> None:
    """Render ``doc`` to Word at ``target`` (a path or a binary stream); see ``exporters.docx_renderer``."""
    from exporters.docx_renderer import render_docx as render

    render(doc, target, profile)


__all__ = [
    "HD36_2018",
    "Align",
    "Block",
    "Column",
    "Document",
    "DocumentError",
    "DoubleSignature",
    "ExportError",
    "Header",
    "Heading",
    "LayoutProfile",
    "Margins",
    "PageBreak",
    "Paragraph",
    "Recipients",
    "Run",
    "Signature",
    "Signer",
    "Table",
    "VoteLine",
    "format_date_line",
    "format_number",
    "landscape",
    "render_docx",
    "render_pdf",
    "runs_from_markup",
]
