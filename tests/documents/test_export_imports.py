"""A PDF export from the command line loads only what it uses: not python-docx, not the Excel, network,
migration or GUI libraries (issue 11: most of a whole-process export was imports; bench/documents.py times
it). The Word export of the same minutes does load python-docx, so the check below can fail."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Each is needed on some path (Word, Excel, sync, an old database, the window), never on a PDF export; nor
# are the other subcommands, the Excel layer, the admission service and its rules, or the settings file.
NOT_FOR_A_PDF = ("docx", "openpyxl", "httpx", "alembic", "PySide6", "fastapi", "secretary_app.cli.sync",
                 "exporters.xlsx_renderer", "secretary_app.services.admissions", "models.rules.admission",
                 "secretary_app.settings")

_SCRIPT = """
import sys
from secretary_app.cli import main
code = main(["--data-dir", sys.argv[1], "export", "minutes", "--latest", "--format", sys.argv[2], "-o", sys.argv[3]])
print(code, ",".join(name for name in sys.argv[4].split(",") if name in sys.modules))
"""


def _export(data_dir: Path, fmt: str, target: Path) -> tuple[int, set[str]]:
    result = subprocess.run([sys.executable, "-c", _SCRIPT, str(data_dir), fmt, str(target), ",".join(NOT_FOR_A_PDF)],
                            capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    code, _, loaded = result.stdout.strip().rpartition("\n")[2].partition(" ")
    return int(code), set(filter(None, loaded.split(",")))


def test_a_pdf_export_does_not_import_python_docx_nor_other_unused_libraries(demo_store, data_dir, tmp_path):
    code, loaded = _export(data_dir, "pdf", tmp_path / "minutes.pdf")
    assert code == 0 and (tmp_path / "minutes.pdf").read_bytes().startswith(b"%PDF")
    assert loaded == set()
    code, loaded = _export(data_dir, "docx", tmp_path / "minutes.docx")
    assert code == 0 and loaded == {"docx"}
