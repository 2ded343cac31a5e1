"""The admission documents through the documents engine: the cell's resolution proposing admission or
recognition (numbered once in the register), the extract of the minutes, and the dossier checklist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import select

from models.documents import DocumentRecord
from secretary_app.errors import UserError
from secretary_app.services import admission_documents as docs
from secretary_app.services import admissions as adm
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes, votes
from tests.admissions.conftest import admitted, applicant, meeting_on


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _voted(store, cell, today: dt.date):
    cid = applicant(store, cell, certificate=dt.date(2026, 3, 1), today=today)
    meeting = meeting_on(store, dt.date(2026, 11, 20))
    votes.record_vote(store, meeting, "Đề nghị kết nạp quần chúng Lê Thị Hoa vào Đảng", "admission", 7, 1, 0,
                      candidate_id=cid)
    return cid, meeting


def test_resolution_proposing_admission_is_numbered_once(store, cell, tmp_path):
    today = dt.date(2026, 11, 25)
    cid, _ = _voted(store, cell, today)
    first, changes = docs.export(store, cid, "admission-resolution", tmp_path / "nq.pdf", today=today)
    text = " ".join(_pdf_text(first.path).split())
    assert "NGHỊ QUYẾT" in text and "Số 01-NQ/CB" in text
    assert "đề nghị kết nạp quần chúng Lê Thị Hoa vào Đảng Cộng sản Việt Nam" in text
    assert "Ngày 20/11/2026, Chi bộ Tổ dân phố số 7 họp" in text
    assert "Người giới thiệu: đồng chí Trần Thị Bình, cùng công tác, cư trú từ 01/01/2020." in text
    assert "7/8 đồng chí tán thành" in text
    assert "document" in changes
    again, _ = docs.export(store, cid, "admission-resolution", tmp_path / "nq.docx", today=today)
    assert again.symbol == first.symbol == "01-NQ/CB"
    with store.transaction() as session:
        rows = session.scalars(select(DocumentRecord).where(DocumentRecord.doc_type == "NQ")).all()
        assert [(r.symbol, r.file_hash) for r in rows] == [("01-NQ/CB", again.sha256)]


def test_extract_of_minutes_needs_the_meeting_held(store, cell, tmp_path):
    today = dt.date(2026, 11, 25)
    cid, meeting = _voted(store, cell, today)
    with pytest.raises(UserError, match="chưa được ghi là đã họp"):
        docs.export(store, cid, "admission-extract", tmp_path / "trich.pdf", today=today)
    att.set_chair_recorder(store, meeting, cell.members[0], cell.members[1])
    cycle.advance_meeting(store, meeting)
    cycle.advance_meeting(store, meeting)
    minutes.finalise_meeting(store, meeting)  # the minutes are signed: the extract quotes them
    exported, _ = docs.export(store, cid, "admission-extract", tmp_path / "trich.pdf", today=today)
    text = " ".join(_pdf_text(exported.path).split())
    assert "TRÍCH BIÊN BẢN" in text
    assert "Đề nghị kết nạp quần chúng Lê Thị Hoa vào Đảng" in text
    assert "để xét kết nạp lê thị hoa" in text.lower()


def test_recognition_resolution_and_no_vote_yet(store, cell, tmp_path):
    today = dt.date(2026, 9, 10)
    cid = admitted(store, cell, vote_day=dt.date(2025, 10, 2), decision=dt.date(2025, 11, 20),
                   ceremony=dt.date(2025, 12, 1), today=today)
    with pytest.raises(UserError, match="chưa biểu quyết đề nghị công nhận đảng viên chính thức"):
        docs.export(store, cid, "recognition-resolution", tmp_path / "cn.pdf", today=today)


def test_dossier_checklist_says_present_missing_and_expiry(store, cell, tmp_path):
    today = dt.date(2026, 11, 25)
    cid, _ = adm.create_candidate(store, adm.CandidateData("Phạm Văn Tú", dt.date(2000, 1, 1), "Nam"), today)
    adm.record_step(store, cid, adm.StepInput("class_certificate", dt.date(2021, 12, 1), "GCN 9"), today)
    adm.record_step(store, cid, adm.StepInput("application", dt.date(2026, 10, 1)), today)
    exported, _ = docs.export(store, cid, "dossier", tmp_path / "hoso.pdf", today=today)
    text = " ".join(_pdf_text(exported.path).split())
    assert "DANH MỤC HỒ SƠ" in text
    assert "Có (hết hạn ngày 01/12/2026)" in text
    assert "Hồ sơ còn thiếu 7 tài liệu." in text
    later, _ = docs.export(store, cid, "dossier", tmp_path / "hoso2.pdf", today=dt.date(2026, 12, 2))
    assert "Hết hạn ngày 01/12/2026" in " ".join(_pdf_text(later.path).split())
