"""Chương trình sinh hoạt chi bộ: the programme members receive before the meeting (documents.md §5.3)."""

from __future__ import annotations

import datetime as dt

from exporters import Align, Column, Document, Table
from models.text import nfc
from secretary_app.documents.common import clock, header, long_date, p, signed
from secretary_app.documents.records import MeetingRecord, missing, require

_KIND_WORD = {"regular": "thường kỳ", "thematic": "chuyên đề", "extraordinary": "bất thường"}


def meeting_subject(meeting: MeetingRecord) -> str:
    """"sinh hoạt chi bộ thường kỳ tháng 02 năm 2026" (or "… chuyên đề …: <topic>")."""
    kind = _KIND_WORD.get(meeting.kind, "thường kỳ")
    subject = f"sinh hoạt chi bộ {kind} {meeting.month_label}"
    if meeting.kind == "thematic" and meeting.topic.strip():
        subject += f": {nfc(meeting.topic).strip()}"
    return subject


def check_meeting(meeting: MeetingRecord) -> None:
    meeting.cell.check()
    if meeting.starts_at is None:
        raise missing("thời gian bắt đầu cuộc họp", "meeting.starts_at")
    require(meeting.place, "địa điểm họp", "meeting.place")
    require(meeting.chair, "người chủ trì", "meeting.chair")
    if not meeting.agenda:
        raise missing("nội dung chương trình sinh hoạt", "meeting.agenda")
    for position, item in enumerate(meeting.agenda, start=1):
        require(item.title, f"tên nội dung thứ {position} của chương trình", f"meeting.agenda[{position - 1}].title")


def build_agenda(meeting: MeetingRecord, *, number: int | None = None, issued_on: dt.date | None = None,
                 signer_name: str | None = None, signer_title: str = "BÍ THƯ") -> Document:
    """The programme: time, place, chair, then a table of items with who presents each, signed by the
    secretary for the cell. ``number`` is the CTr number when the cell numbers its programmes."""
    check_meeting(meeting)
    issued_on = issued_on or meeting.starts_at.date()
    rows = tuple(
        (str(position), nfc(item.title), nfc(item.presenter),
         f"{item.minutes_planned} phút" if item.minutes_planned else "")
        for position, item in enumerate(meeting.agenda, start=1)
    )
    blocks = [
        p(f"- **Thời gian:** {clock(meeting.starts_at)}, {long_date(meeting.starts_at.date())}."),
        p(f"- **Địa điểm:** {nfc(meeting.place)}."),
        p(f"- **Chủ trì:** đồng chí {nfc(meeting.chair)}, {nfc(meeting.chair_title)}."),
        p("- **Thành phần:** toàn thể đảng viên trong chi bộ; đại biểu cấp ủy cấp trên (nếu có)."),
        p("**NỘI DUNG SINH HOẠT**", indent=False, align=Align.CENTER),
        Table(
            columns=(Column(12, Align.CENTER), Column(90), Column(43), Column(20, Align.CENTER)),
            header=("TT", "Nội dung", "Người thực hiện", "Thời lượng"),
            rows=rows,
        ),
        p(
            "Đề nghị các đồng chí đảng viên nghiên cứu tài liệu trên ứng dụng Sổ tay đảng viên điện tử trước kỳ "
            "sinh hoạt, chuẩn bị ý kiến đóng góp và dự họp đầy đủ, đúng giờ."
        ),
        signed(signer_name or meeting.chair, title=signer_title,
               recipients=("Đảng viên trong chi bộ", "Đảng ủy viên phụ trách chi bộ")),
    ]
    return Document(
        header=header(meeting.cell, number=number, doc_type="CTr", date=issued_on),
        doc_type_name="CHƯƠNG TRÌNH",
        subject=meeting_subject(meeting),
        blocks=tuple(blocks),
    )
