from __future__ import annotations

import datetime as dt
import io

import docx
import pdfplumber
import pytest

from exporters import Document, render_docx, render_pdf
from secretary_app.documents.records import (
    Absence,
    AgendaEntry,
    AttendanceCounts,
    CellHeader,
    GuestEntry,
    MeetingRecord,
    SpeechEntry,
    TaskEntry,
    VoteEntry,
)

CELL = CellHeader("Đảng bộ phường Hoàn Kiếm", "Chi bộ Tổ dân phố số 5", "Hoàn Kiếm")


def pdf_text(doc: Document, profile=None) -> str:
    stream = io.BytesIO()
    render_pdf(doc, stream, *(() if profile is None else (profile,)))
    with pdfplumber.open(io.BytesIO(stream.getvalue())) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def docx_text(doc: Document, profile=None) -> str:
    stream = io.BytesIO()
    render_docx(doc, stream, *(() if profile is None else (profile,)))
    word = docx.Document(io.BytesIO(stream.getvalue()))
    parts = [p.text for p in word.paragraphs]

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from (p.text for p in cell.paragraphs)
                    yield from cells(cell.tables)

    parts.extend(cells(word.tables))
    return "\n".join(parts)


@pytest.fixture
def meeting() -> MeetingRecord:
    return MeetingRecord(
        cell=CELL, starts_at=dt.datetime(2026, 2, 5, 19, 30), ends_at=dt.datetime(2026, 2, 5, 21, 15),
        place="Nhà văn hóa Tổ dân phố số 5", chair="Nguyễn Thị Hường", recorder="Lê Thị Ánh",
        recorder_title="Chi ủy viên",
        agenda=(
            AgendaEntry("Thông tin thời sự", presenter="Trần Văn Đức", gist="tình hình thời sự tháng 01/2026."),
            AgendaEntry("Thảo luận dự thảo nghị quyết", presenter="Nguyễn Thị Hường",
                        speeches=(SpeechEntry("Phạm Văn Nghĩa", "Đề nghị tuyên truyền phân loại rác."),
                                  SpeechEntry("Ngô Thị Thủy", "Nhất trí với dự thảo.")),
                        conclusion="chi bộ tiếp thu, bổ sung chỉ tiêu 95% số hộ.",
                        votes=(VoteEntry("thông qua Nghị quyết tháng 02/2026", yes=19, base=20, abstain=1),)),
        ),
        attendance=AttendanceCounts(
            total=25, official=23, probationary=2, exempt=2, present_official=19, present_probationary=2,
            absent_with_reason=(Absence("Phạm Thị Hằng", "ốm"),), absent_without_reason=("Đỗ Quang Vinh",),
            guests=(GuestEntry("Vũ Minh Tuấn", "Đảng ủy viên phụ trách chi bộ"),),
        ),
        tasks=(TaskEntry("Vận động phân loại rác", "Lê Thị Ánh", dt.date(2026, 2, 28)),),
    )
