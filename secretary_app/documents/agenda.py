"""Chương trình sinh hoạt chi bộ: the programme members receive before the meeting (documents.md §5.3)."""

from __future__ import annotations

import datetime as dt

from exporters import Align, Block, Column, Document, Table
from models.text import nfc
from secretary_app.documents.common import (
    clock,
    header,
    long_date,
    p,
    resolution_recipients,
    signed,
    superior_committee,
)
from secretary_app.documents.records import MeetingRecord, missing, require

KIND_WORD = {"regular": "thường kỳ", "thematic": "chuyên đề", "extraordinary": "bất thường",
             "regular_and_thematic": "thường kỳ và chuyên đề"}


def meeting_subject(meeting: MeetingRecord) -> str:
    """"sinh hoạt chi bộ thường kỳ tháng 02 năm 2026" (or "… chuyên đề …: <topic>")."""
    kind = KIND_WORD.get(meeting.kind, "thường kỳ")
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


#: How a planned meeting's time is shared between the steps of documents.md §5.3 when the programme does
#: not say: weights out of a 120-minute meeting (opening and closing short; discussion and self-criticism
#: the longest, HD 42 scoring sheets expect 15–30 min on ideology). Scaled to the meeting's planned length.
STEP_WEIGHTS = {"opening": 5, "ideology": 20, "political": 20, "assessment": 20, "review": 20,
                "discussion": 30, "party_building": 15, "next_tasks": 15, "vote": 10, "closing": 5}
_OTHER_WEIGHT = 15


def item_minutes(meeting: MeetingRecord) -> tuple[int, ...]:
    """Each item's duration: as planned when every item has one, else the meeting's planned length shared
    by step weight in 5-minute steps, the rounding difference going to the longest item, so the items
    always add up to the meeting's planned length."""
    planned = [item.minutes_planned for item in meeting.agenda]
    if all(planned):
        return tuple(int(minutes or 0) for minutes in planned)
    total = meeting.planned_minutes or sum(STEP_WEIGHTS.get(item.step, _OTHER_WEIGHT) for item in meeting.agenda)
    weights = [STEP_WEIGHTS.get(item.step, _OTHER_WEIGHT) for item in meeting.agenda]
    shares = [max(5, round(total * weight / sum(weights) / 5) * 5) for weight in weights]
    longest = shares.index(max(shares))
    shares[longest] += total - sum(shares)
    return tuple(shares)


def build_agenda(meeting: MeetingRecord, *, number: int | None = None, issued_on: dt.date | None = None,
                 signer_name: str | None = None, signer_title: str = "BÍ THƯ") -> Document:
    """The programme: time, place, chair, then a table of items with who presents each and how long, and
    the total, signed by the secretary for the cell and dated the day it was announced (``issued_on``
    overrides). ``number`` is the CTr number when the cell numbers its programmes."""
    check_meeting(meeting)
    issued_on = issued_on or meeting.announced_on or meeting.starts_at.date()
    minutes = item_minutes(meeting)
    rows = (*tuple((str(position), nfc(item.title), nfc(item.presenter), f"{duration} phút") for position, (item, duration) in enumerate(zip(meeting.agenda, minutes, strict=True), start=1)), ("", "Tổng thời lượng", "", f"{sum(minutes)} phút"))
    ends_at = meeting.starts_at + dt.timedelta(minutes=sum(minutes))
    blocks: list[Block] = [
        p(f"- **Thời gian:** từ {clock(meeting.starts_at)} đến {clock(ends_at)}, "
          f"{long_date(meeting.starts_at.date())}."),
        p(f"- **Địa điểm:** {nfc(meeting.place)}."),
        p(f"- **Chủ trì:** đồng chí {nfc(meeting.chair)}, {nfc(meeting.chair_title)}."),
        p("- **Thành phần:** toàn thể đảng viên trong chi bộ; đại biểu "
          f"{superior_committee(meeting.cell.superior_body)} (nếu có)."),
        p("**NỘI DUNG SINH HOẠT**", indent=False, align=Align.CENTER),
        Table(
            columns=(Column(11, Align.CENTER), Column(90), Column(42), Column(22, Align.CENTER)),
            header=("TT", "Nội dung", "Người thực hiện", "Thời lượng"),
            rows=rows,
        ),
        p(
            "Đề nghị các đồng chí đảng viên nghiên cứu tài liệu trên ứng dụng Sổ tay đảng viên điện tử trước kỳ "
            "sinh hoạt, chuẩn bị ý kiến đóng góp và dự họp đầy đủ, đúng giờ."
        ),
        signed(signer_name or meeting.chair, title=signer_title,
               recipients=resolution_recipients(meeting.cell.superior_body)),
    ]
    return Document(
        header=header(meeting.cell, number=number, doc_type="CTr", date=issued_on),
        doc_type_name="CHƯƠNG TRÌNH",
        subject=meeting_subject(meeting),
        blocks=tuple(blocks),
    )
