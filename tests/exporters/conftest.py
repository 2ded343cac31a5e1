from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from exporters import HD36_2018, Document, LayoutProfile, render_docx, render_pdf
from tests.exporters.samples import sample_minutes, sample_resolution

MM = 72 / 25.4  # points per millimetre


def pdf_bytes(doc: Document, profile: LayoutProfile = HD36_2018) -> bytes:
    stream = io.BytesIO()
    render_pdf(doc, stream, profile)
    return stream.getvalue()


def docx_bytes(doc: Document, profile: LayoutProfile = HD36_2018) -> bytes:
    stream = io.BytesIO()
    render_docx(doc, stream, profile)
    return stream.getvalue()


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


@pytest.fixture(scope="session")
def resolution_pdf() -> bytes:
    return pdf_bytes(sample_resolution())


@pytest.fixture(scope="session")
def minutes_pdf() -> bytes:
    return pdf_bytes(sample_minutes())


@pytest.fixture(scope="session")
def resolution_docx() -> bytes:
    return docx_bytes(sample_resolution())


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "out"
    directory.mkdir()
    return directory
