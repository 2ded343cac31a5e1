"""Time the exporters on the 4-page sample minutes, beside LibreOffice converting the same DOCX.

Run: .venv/bin/python bench/documents.py [--runs 10]
Targets: PDF <= 150 ms, DOCX <= 150 ms, both >= 10x faster than LibreOffice DOCX -> PDF.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from exporters import render_docx, render_pdf
from tests.exporters.samples import sample_minutes

TARGET_MS = 150
TARGET_SPEED_UP = 10


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: font registration, imports, caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def libreoffice_ms(docx_path: Path, work: Path) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    command = [
        soffice,
        "--headless",
        # A private profile: a second soffice sharing one silently does nothing (stack.md §6).
        f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work),
        str(docx_path),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    elapsed = (time.perf_counter() - start) * 1000
    if not (work / (docx_path.stem + ".pdf")).exists():
        raise RuntimeError("LibreOffice produced no PDF")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    doc = sample_minutes()
    pdf_ms = median_ms(lambda: render_pdf(doc, io.BytesIO()), args.runs)
    docx_ms = median_ms(lambda: render_docx(doc, io.BytesIO()), args.runs)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        pdf_path, docx_path = work / "minutes-reportlab.pdf", work / "minutes.docx"
        render_pdf(doc, pdf_path)
        render_docx(doc, docx_path)
        pages = len(PdfReader(pdf_path).pages)
        lo_ms = libreoffice_ms(docx_path, work)

    print(f"sample minutes: {pages} pages, median of {args.runs} runs after one warm-up")
    print(f"  PDF  (reportlab)   {pdf_ms:8.1f} ms   target <= {TARGET_MS} ms   {'ok' if pdf_ms <= TARGET_MS else 'MISSED'}")
    print(f"  DOCX (python-docx) {docx_ms:8.1f} ms   target <= {TARGET_MS} ms   {'ok' if docx_ms <= TARGET_MS else 'MISSED'}")
    ok = pdf_ms <= TARGET_MS and docx_ms <= TARGET_MS
    if lo_ms is None:
        print("  LibreOffice: soffice not on PATH, comparison skipped")
    else:
        print(f"  LibreOffice DOCX -> PDF (one cold run) {lo_ms:8.1f} ms")
        for label, value in (("PDF", pdf_ms), ("DOCX", docx_ms)):
            ratio = lo_ms / value
            verdict = "ok" if ratio >= TARGET_SPEED_UP else "MISSED"
            print(f"  {label:4} is {ratio:6.1f}x faster than LibreOffice   target >= {TARGET_SPEED_UP}x   {verdict}")
            ok = ok and ratio >= TARGET_SPEED_UP
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
