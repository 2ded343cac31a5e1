"""A meeting in month M adopts the resolution of month M, reports on M−1 and sets the tasks of M
(documents.md §3–§4), checked in the exported PDF and Word files of a cell built through the services."""

from __future__ import annotations

import datetime as dt
import re

import docx
import pdfplumber
import pytest

from models.meeting_month import MeetingMonth, subject_month
from models.meetings import Meeting
from secretary_app.services import documents as docs
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import resolutions, roster, votes
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.roster import MemberData

_NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Giang")


def _held_meeting_with_resolution(store, day: dt.datetime):
    save_cell(store, CellInput("Chi bộ Tổ dân phố số 7", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                               dt.date(2025, 8, 20)))
    members = [roster.create_member(store, MemberData(name, birth_date=dt.date(1970, 1, 1),
                                                      admission_decision_date=dt.date(2000, 1, 1),
                                                      official_date=dt.date(2001, 1, 1)))[0] for name in _NAMES]
    detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=day, place="Nhà văn hóa tổ 7")
    cycle.advance_meeting(store, detail.id)
    cycle.advance_meeting(store, detail.id)
    for member in members:
        att.set_attendance(store, detail.id, member, "present")
    att.set_chair_recorder(store, detail.id, members[0], members[1])
    votes.record_vote(store, detail.id, resolutions.default_vote_subject(day.date()), "resolution", 5, 0, 0)
    draft, _ = resolutions.draft_resolution(store, detail.id)
    resolutions.issue_resolution(store, draft.id)
    with store.transaction() as session:  # the closing time the recorder writes (no service sets it yet)
        session.get(Meeting, detail.id).ended_at = day + dt.timedelta(minutes=105)
    return detail.id


def _pdf(path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def _docx(path) -> str:
    word = docx.Document(str(path))
    parts = [p.text for p in word.paragraphs]
    parts += [p.text for table in word.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return " ".join(" ".join(parts).split())


def _exported(store, tmp_path, kind: str, meeting_id) -> dict[str, str]:
    texts = {}
    for fmt, read in (("pdf", _pdf), ("docx", _docx)):
        path = tmp_path / f"{kind}.{fmt}"
        docs.export(store, kind, path, fmt, meeting_id=meeting_id)
        texts[fmt] = read(path)
    return texts


@pytest.mark.parametrize(("day", "month", "reported", "month_numeric"), [
    (dt.datetime(2026, 2, 5, 19, 30), "tháng 02 năm 2026", "THÁNG 01/2026", "02/2026"),
    (dt.datetime(2027, 1, 8, 19, 30), "tháng 01 năm 2027", "THÁNG 12/2026", "01/2027"),
])
def test_the_resolution_of_a_meeting_is_of_its_own_month_and_reports_on_the_month_before(
        store, tmp_path, day, month, reported, month_numeric):
    meeting_id = _held_meeting_with_resolution(store, day)
    for fmt, text in _exported(store, tmp_path, "resolution", meeting_id).items():
        assert f"về lãnh đạo thực hiện nhiệm vụ {month}" in text, fmt
        assert f"I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ {reported}" in text, fmt
        assert f"II- NHIỆM VỤ, GIẢI PHÁP THÁNG {month_numeric}" in text, fmt
        assert f"họp thường kỳ tháng {month_numeric}; có mặt 5/5 đảng viên" in text, fmt
        # Nơi nhận names the real superior committee, never a placeholder (the PDF text interleaves the
        # Nơi nhận column with the signer's title, so only the start of the line is compared).
        assert "- Đảng ủy phường Hoàn Kiếm (để báo" in text and "cấp trên" not in text, fmt
        # No other month is named as the resolution's month.
        named = {m.group(1) for m in re.finditer(r"nhiệm vụ tháng (\d\d năm \d{4})", text)}
        assert named == {month.removeprefix("tháng ")}, fmt
    for fmt, text in _exported(store, tmp_path, "minutes", meeting_id).items():
        assert f"Chi bộ biểu quyết thông qua nghị quyết tháng {month_numeric}, kết quả:" in text, fmt
        assert f"sinh hoạt chi bộ thường kỳ {month}" in text, fmt


def test_worked_examples_of_the_month_rule():
    assert MeetingMonth.of(dt.date(2026, 2, 5)).previous.numeric == "01/2026"
    assert MeetingMonth.of(dt.date(2027, 1, 8)).previous.numeric == "12/2026"
    assert resolutions.default_vote_subject(dt.date(2026, 2, 5)) == "Thông qua nghị quyết tháng 02/2026"
    assert resolutions.default_vote_subject(dt.date(2026, 11, 5), "KL") == "Thông qua kết luận tháng 11/2026"
    assert subject_month("về lãnh đạo thực hiện nhiệm vụ tháng 12 năm 2026") == MeetingMonth(2026, 12)
    assert subject_month("Thông qua nghị quyết tháng 02/2026") == MeetingMonth(2026, 2)
    assert subject_month("Thông qua nghị quyết tháng") is None
