"""Time the exporters on the 4-page sample minutes, beside LibreOffice converting the same DOCX; then the
whole process a person waits for — ``secretary-app export minutes --format pdf`` on the demo cell, start to
exit — beside LibreOffice converting that meeting's DOCX, also start to exit.

Run: .venv/bin/python bench/documents.py [--runs 10] [--cli-runs 5]
Targets: PDF <= 150 ms, DOCX <= 150 ms, both >= 10x faster than LibreOffice DOCX -> PDF (rendering alone);
the whole-process CLI export to PDF <= 0.6x LibreOffice's whole-process conversion of the same DOCX (issue 11).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's code, and tests' samples

from exporters import render_docx, render_pdf
from tests.exporters.samples import sample_minutes

TARGET_MS = 150
TARGET_SPEED_UP = 10
TARGET_CLI_RATIO = 0.6
ROOT = Path(__file__).resolve().parent.parent


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


def _cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "secretary_app", "--data-dir", str(data), *args]


def _env() -> dict[str, str]:
    """Python's bytecode cache allowed, as on any installed machine (the warm-up run writes it even where the
    shell sets PYTHONDONTWRITEBYTECODE): otherwise every run compiles ~700 modules again."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SECRETARY_APP_DATA", None)
    return env


def _timed_ms(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=300, cwd=cwd, env=_env())
    return (time.perf_counter() - start) * 1000


def whole_process(runs: int) -> tuple[float, float | None, float]:
    """Median ms of the CLI exporting the demo's latest minutes to PDF (a fresh interpreter each time), of
    LibreOffice converting the DOCX of the same minutes (a fresh soffice each time, its own profile made by a
    warm-up run), and the import share of one CLI run (``-X importtime``)."""
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        data = work / "data"
        subprocess.run(_cli(data, "demo"), check=True, capture_output=True, timeout=600, cwd=ROOT, env=_env())
        docx_path = work / "minutes.docx"
        subprocess.run(_cli(data, "export", "minutes", "--format", "docx", "-o", str(docx_path)), check=True,
                       capture_output=True, timeout=300, cwd=ROOT, env=_env())
        export = _cli(data, "export", "minutes", "--format", "pdf", "-o", str(work / "minutes.pdf"))
        # Warm-up: the OS file cache and the parsed fonts (<data>/cache), like a second export in a day.
        _timed_ms(export, ROOT)
        traced = subprocess.run([sys.executable, "-X", "importtime", *export[1:]], check=True, capture_output=True,
                                text=True, timeout=300, cwd=ROOT, env=_env())
        imports_ms = sum(int(line.split("|")[0].split(":")[1]) for line in traced.stderr.splitlines()
                         if line.startswith("import time:") and line.split("|")[0].split(":")[1].strip().isdigit()) / 1000
        soffice = shutil.which("soffice")
        if soffice is None:
            return statistics.median(_timed_ms(export, ROOT) for _ in range(runs)), None, imports_ms
        convert = [soffice, "--headless", f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(work / "lo"), str(docx_path)]
        _timed_ms(convert, work)  # warm-up: makes the private profile, which a person's own soffice has
        # One of each per round, so a busy spell on a shared machine slows both sides of the ratio alike.
        cli_runs, lo_runs = [], []
        for _ in range(runs):
            cli_runs.append(_timed_ms(export, ROOT))
            lo_runs.append(_timed_ms(convert, work))
        if not (work / "lo" / "minutes.pdf").exists():
            raise RuntimeError("LibreOffice produced no PDF")
        return statistics.median(cli_runs), statistics.median(lo_runs), imports_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cli-runs", type=int, default=5, help="runs of each whole process (median)")
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

    cli_ms, lo_cli_ms, imports_ms = whole_process(args.cli_runs)
    print(f"demo minutes, whole process, median of {args.cli_runs} runs after one warm-up")
    print(f"  secretary-app export minutes --format pdf   {cli_ms:8.1f} ms   (imports {imports_ms:.0f} ms of it, "
          "one -X importtime run)")
    if lo_cli_ms is None:
        print("  LibreOffice: soffice not on PATH, comparison skipped")
    else:
        ratio = cli_ms / lo_cli_ms
        verdict = "ok" if ratio <= TARGET_CLI_RATIO else "MISSED"
        print(f"  soffice --convert-to pdf (same DOCX)        {lo_cli_ms:8.1f} ms")
        print(f"  CLI export is {ratio:4.2f}x LibreOffice's time   target <= {TARGET_CLI_RATIO}x   {verdict}")
        ok = ok and ratio <= TARGET_CLI_RATIO
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
