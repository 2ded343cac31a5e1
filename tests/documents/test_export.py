"""The documents service and the export CLI on the demo cell."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import select

from models.documents import DocumentRecord
from secretary_app.document_kinds import DUES_KINDS
from secretary_app.errors import UserError
from secretary_app.services import documents
from tests.support import CliRun, run_cli

KINDS = documents.KINDS


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_attendance_counts_come_from_the_roster(demo_store) -> None:
    meeting_id = documents.latest_meeting_id(demo_store)
    with demo_store.transaction() as session:
        record = documents.meeting_record(session, demo_store.cell_id, meeting_id)
    counts = record.attendance
    assert counts is not None
    assert counts.total == counts.official + counts.probationary
    assert counts.probationary == 2  # Hồ Thị Yến and Mai Xuân Trường
    assert counts.exempt == 2 and counts.transferred_out == 2 and counts.temporarily_here == 1
    names = {a.name for a in counts.absent_with_reason} | set(counts.absent_without_reason)
    assert "Đặng Quốc Bảo" not in names and "Trương Thị Hồng" not in names  # died / moved away before
    assert record.chair == "Nguyễn Văn Hùng" and record.recorder == "Trần Thị Thu Hà"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_exports_to_pdf_and_docx(demo_store, tmp_path: Path, kind: str) -> None:
    meeting_id = documents.latest_meeting_id(demo_store) if kind in documents.MEETING_KINDS else None
    for fmt in ("pdf", "docx", *(("xlsx",) if kind in DUES_KINDS else ())):
        target = tmp_path / f"{kind}.{fmt}"
        exported, _ = documents.export(demo_store, kind, target, fmt, meeting_id=meeting_id)
        assert target.stat().st_size > 1000
        assert exported.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()


def test_resolution_export_records_the_file_hash(demo_store, tmp_path: Path) -> None:
    meeting_id = documents.latest_meeting_id(demo_store)
    exported, changes = documents.export(demo_store, "resolution", tmp_path / "nq.pdf", meeting_id=meeting_id)
    assert exported.symbol == "03-NQ/CB" and "document" in changes
    assert "Số 03-NQ/CB" in _pdf_text(exported.path)
    with demo_store.transaction() as session:
        row = session.scalars(select(DocumentRecord).where(DocumentRecord.symbol == "03-NQ/CB")).one()
        assert row.file_hash == exported.sha256


def test_disk_full_leaves_no_partial_file(demo_store, tmp_path: Path, monkeypatch) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr("exporters.safe_write.os.replace", full)
    with pytest.raises(UserError, match=r"ổ đĩa .* đã đầy"):
        documents.export(demo_store, "roster", out / "ds.pdf")
    assert list(out.iterdir()) == []


def test_unknown_meeting_is_a_clear_error(demo_store, tmp_path: Path) -> None:
    import uuid

    with pytest.raises(UserError, match="Không tìm thấy kỳ sinh hoạt"):
        documents.export(demo_store, "minutes", tmp_path / "bb.pdf", meeting_id=uuid.uuid4())
    assert not (tmp_path / "bb.pdf").exists()


def _cli(data_dir: Path, *args: str) -> CliRun:
    return run_cli("--data-dir", str(data_dir), *args)


def test_cli_exports_every_kind_of_the_demo_cell(data_dir: Path, tmp_path: Path) -> None:
    assert _cli(data_dir, "demo").returncode == 0
    for kind in KINDS:
        target = tmp_path / f"{kind}.pdf"
        result = _cli(data_dir, "export", kind, "--latest", "--format", "pdf", "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert target.exists()
    assert "Số 03-NQ/CB" in _pdf_text(tmp_path / "resolution.pdf")
    word = tmp_path / "bb.docx"
    assert _cli(data_dir, "export", "minutes", "-o", str(word)).returncode == 0 and word.exists()


def test_cli_errors_are_one_line(data_dir: Path, tmp_path: Path) -> None:
    assert _cli(data_dir, "demo").returncode == 0
    bad = _cli(data_dir, "export", "minutes", "--meeting", "khong-phai-ma", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    unwritable = _cli(data_dir, "export", "roster", "-o", str(blocker / "ds.pdf"))
    assert unwritable.returncode == 1 and "Không ghi được tệp" in unwritable.stderr
    usage = _cli(data_dir, "export", "nonsense", "-o", str(tmp_path / "x.pdf"))
    assert usage.returncode == 2
