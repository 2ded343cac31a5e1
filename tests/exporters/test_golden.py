"""Golden files (novelWriter's habit): one fixed document through each renderer, compared with what was
reviewed and committed under tests/golden/. A change to the layout shows as a readable diff.

After a deliberate change: ``pytest tests/exporters/test_golden.py --update-golden``, look at the diff of
tests/golden/, commit it with the change.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

from tests.exporters.conftest import docx_bytes, open_pdf, pdf_bytes
from tests.exporters.samples import sample_resolution

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
# Volatile bits a renderer may write that say nothing about the document: revision ids, timestamps.
_VOLATILE = re.compile(r'\s(?:w:rsid\w*|w14:paraId|w14:textId|w:date)="[^"]*"')


def _check(name: str, actual: str, request: pytest.FixtureRequest) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-golden") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not request.config.getoption("--update-golden"):
            pytest.fail(f"{name} did not exist: written now; review and commit it")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from the golden file; if intended, run with --update-golden"


def docx_document_xml(data: bytes) -> str:
    """word/document.xml, volatile attributes removed, one element per line."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    pretty = minidom.parseString(_VOLATILE.sub("", xml)).toprettyxml(indent=" ")
    return "\n".join(line for line in pretty.splitlines() if line.strip()) + "\n"


def pdf_words(data: bytes) -> str:
    """Every word with its page and position (points, rounded to 0.1), one per line."""
    lines = []
    with open_pdf(data) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines.append(f"--- page {number} ({page.width:.1f} x {page.height:.1f})")
            for word in page.extract_words(keep_blank_chars=False, use_text_flow=True):
                lines.append(f"{word['x0']:7.1f} {word['top']:7.1f}  {word['text']}")
    return "\n".join(lines) + "\n"


def test_docx_document_xml_matches_the_golden_file(request: pytest.FixtureRequest) -> None:
    _check("resolution.document.xml", docx_document_xml(docx_bytes(sample_resolution())), request)


def test_pdf_words_and_positions_match_the_golden_file(request: pytest.FixtureRequest) -> None:
    _check("resolution.pdf-words.txt", pdf_words(pdf_bytes(sample_resolution())), request)


def test_two_renderings_give_the_same_golden_text() -> None:
    """Nothing volatile is left in what is compared, so a mismatch always means the layout changed."""
    doc = sample_resolution()
    assert docx_document_xml(docx_bytes(doc)) == docx_document_xml(docx_bytes(doc))
    assert pdf_words(pdf_bytes(doc)) == pdf_words(pdf_bytes(doc))
