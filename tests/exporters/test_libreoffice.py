"""The DOCX as a real consumer lays it out: LibreOffice converts it to PDF, which is then read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from exporters import render_docx
from tests.exporters.conftest import MM, open_pdf
from tests.exporters.samples import sample_minutes, sample_resolution

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice is not installed"),
]


def _convert(docx_path: Path, work: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(work), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    return work / f"{docx_path.stem}.pdf"


def test_libreoffice_lays_out_the_docx_like_the_pdf(tmp_path: Path) -> None:
    render_docx(sample_resolution(), tmp_path / "nq.docx")
    render_docx(sample_minutes(), tmp_path / "bb.docx")
    with open_pdf(_convert(tmp_path / "nq.docx", tmp_path).read_bytes()) as pdf:
        page = pdf.pages[0]
        assert page.width == pytest.approx(595.28, abs=0.5) and page.height == pytest.approx(841.89, abs=0.5)
        title = page.search("ĐẢNG CỘNG SẢN VIỆT NAM")[0]
        assert title["x0"] > page.width / 2 and title["top"] < 30 * MM
        issuing = page.search("CHI BỘ TỔ DÂN PHỐ SỐ 5")[0]
        assert issuing["x1"] < page.width / 2
        assert all("Bold" in c["fontname"] for c in issuing["chars"] if c["text"].strip())
        date_line = page.search("Hoàn Kiếm, ngày 05 tháng 02 năm 2026")[0]
        assert all("Italic" in c["fontname"] for c in date_line["chars"] if c["text"].strip())
        # Times New Roman is substituted by Liberation Serif (fonts-liberation2), never DejaVu.
        assert {c["fontname"].split("+")[-1].split("-")[0] for c in page.chars} == {"LiberationSerif"}
        assert not [c for c in page.chars if c["top"] < 18 * MM]
        body = [c for c in pdf.pages[1].chars if c["top"] >= 18 * MM and c["text"].strip()]
        assert min(c["x0"] for c in body) == pytest.approx(30 * MM, abs=1 * MM)
        assert "".join(c["text"] for c in pdf.pages[1].chars if c["top"] < 18 * MM).strip() == "2"
    with open_pdf(_convert(tmp_path / "bb.docx", tmp_path).read_bytes()) as pdf:
        assert len(pdf.pages) == 4
