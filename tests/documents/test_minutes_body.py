"""The minutes body of documents.md §3 and the programme, read from the rendered PDF and Word files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from secretary_app.documents.agenda import build_agenda
from secretary_app.documents.minutes import build_minutes, build_minutes_extract
from secretary_app.documents.records import AgendaEntry, MeetingRecord, SpeechEntry, VoteEntry
from tests.documents.conftest import docx_text, pdf_text


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def full_meeting(meeting: MeetingRecord) -> MeetingRecord:
    """The programme as the preset lays it out: procedural steps around the content items."""
    content = tuple(dataclasses.replace(item, step=step)
                    for item, step in zip(meeting.agenda, ("ideology", "discussion"), strict=True))
    content = (content[0], dataclasses.replace(content[1], votes=()))
    agenda = (
        AgendaEntry("Khai mạc, tuyên bố lý do, giới thiệu đại biểu", presenter="Nguyễn Thị Hường", step="opening"),
        *content,
        AgendaEntry("Chủ trì kết luận; biểu quyết thông qua nghị quyết", presenter="Nguyễn Thị Hường", step="vote",
                    conclusion="chi bộ thống nhất ban hành nghị quyết tháng 02/2026 với các chỉ tiêu đã thảo luận.",
                    votes=(VoteEntry("Thông qua nghị quyết tháng 02/2026", yes=19, base=20, abstain=1),)),
        AgendaEntry("Bế mạc", presenter="Lê Thị Ánh", step="closing"),
    )
    return dataclasses.replace(meeting, agenda=agenda)


@pytest.mark.parametrize("render", [pdf_text, docx_text])
def test_minutes_record_each_content_item_in_full_and_procedure_once(full_meeting: MeetingRecord, render) -> None:
    text = _flat(render(build_minutes(full_meeting)))
    # Content items, numbered from 1, each with presenter, gist, every speaker and the chair's conclusion.
    assert "1- Thông tin thời sự Đồng chí Trần Văn Đức trình bày: tình hình thời sự tháng 01/2026." in text
    assert "2- Thảo luận dự thảo nghị quyết" in text
    assert "- Đồng chí Phạm Văn Nghĩa: Đề nghị tuyên truyền phân loại rác." in text
    assert "- Đồng chí Ngô Thị Thủy: Nhất trí với dự thảo." in text
    assert "Đồng chí chủ trì kết luận: chi bộ tiếp thu, bổ sung chỉ tiêu 95% số hộ." in text
    # The procedural steps are not content items.
    assert not re.search(r"\d- (Khai mạc|Chủ trì kết luận; biểu quyết|Bế mạc)", text)
    assert "3- " not in text
    # They are recorded in their own sections, in the order of §3: opening, content, conclusion and vote, closing.
    order = [text.index(h) for h in ("I- PHẦN MỞ ĐẦU", "II- NỘI DUNG", "III- KẾT LUẬN CỦA CHỦ TRÌ VÀ BIỂU QUYẾT",
                                     "IV- KẾT THÚC")]
    assert order == sorted(order)
    conclusion = text[order[2]:order[3]]
    assert "Đồng chí chủ trì kết luận: chi bộ thống nhất ban hành nghị quyết tháng 02/2026" in conclusion
    assert "- Vận động phân loại rác (đồng chí Lê Thị Ánh phụ trách, hoàn thành trước ngày 28/02/2026)." \
        in conclusion
    assert "Chi bộ biểu quyết thông qua nghị quyết tháng 02/2026, kết quả:" in conclusion
    assert "Tán thành: 19/20 đồng chí" in conclusion
    assert "thời lượng 105 phút" in text[order[3]:]


def test_a_speaker_recorded_under_the_vote_step_is_kept(full_meeting: MeetingRecord) -> None:
    vote_item = dataclasses.replace(full_meeting.agenda[3],
                                    speeches=(SpeechEntry("Phạm Văn Nghĩa", "Đề nghị biểu quyết từng chỉ tiêu."),))
    meeting = dataclasses.replace(full_meeting, agenda=(*full_meeting.agenda[:3], vote_item, full_meeting.agenda[4]))
    assert "- Đồng chí Phạm Văn Nghĩa: Đề nghị biểu quyết từng chỉ tiêu." in _flat(pdf_text(build_minutes(meeting)))


@pytest.mark.parametrize("render", [pdf_text, docx_text])
def test_extract_names_the_superior_committee(full_meeting: MeetingRecord, render) -> None:
    text = _flat(render(build_minutes_extract(full_meeting)))
    assert "Đảng ủy phường Hoàn Kiếm (để báo" in text and "cấp trên" not in text
    assert "Chi bộ biểu quyết thông qua nghị quyết tháng 02/2026, kết quả:" in text


@pytest.mark.parametrize("render", [pdf_text, docx_text])
def test_agenda_shows_each_duration_the_total_and_the_day_it_was_announced(full_meeting: MeetingRecord,
                                                                            render) -> None:
    meeting = dataclasses.replace(full_meeting, planned_minutes=120, announced_on=dt.date(2026, 1, 30))
    text = _flat(render(build_agenda(meeting)))
    assert "Hoàn Kiếm, ngày 30 tháng 01 năm 2026" in text
    durations = [int(m) for m in re.findall(r"(\d+) phút", text.split("NỘI DUNG SINH HOẠT")[1])]
    # Five items (opening 5, ideology 20, discussion 30, vote 10, closing 5 out of 70) shared over 120
    # minutes in 5-minute steps, then the total.
    assert durations[:-1] == [10, 35, 50, 15, 10]
    assert durations[-1] == 120 and "Tổng thời lượng" in text
    assert "từ 19 giờ 30 phút đến 21 giờ 30 phút" in text
    assert "đại biểu Đảng ủy phường Hoàn Kiếm (nếu có)" in text


def test_agenda_uses_the_planned_durations_when_every_item_has_one(full_meeting: MeetingRecord) -> None:
    agenda = tuple(dataclasses.replace(item, minutes_planned=m)
                   for item, m in zip(full_meeting.agenda, (5, 25, 45, 15, 5), strict=True))
    text = _flat(pdf_text(build_agenda(dataclasses.replace(full_meeting, agenda=agenda, planned_minutes=120))))
    assert [int(m) for m in re.findall(r"(\d+) phút", text.split("NỘI DUNG SINH HOẠT")[1])] == [5, 25, 45, 15, 5, 95]


def test_minutes_without_conclusion_tasks_or_votes_close_as_section_three(full_meeting: MeetingRecord) -> None:
    agenda = tuple(dataclasses.replace(item, votes=(), conclusion="") for item in full_meeting.agenda)
    text = _flat(pdf_text(build_minutes(dataclasses.replace(full_meeting, agenda=agenda, tasks=()))))
    assert "III- KẾT THÚC" in text and "KẾT LUẬN CỦA CHỦ TRÌ" not in text and "IV-" not in text
    assert "chủ trì kết luận" not in text  # no conclusion is invented for the chair


def test_resolution_opening_names_the_kind_of_meeting_and_its_month() -> None:
    from secretary_app.documents.records import ResolutionRecord, SectionEntry
    from secretary_app.documents.resolution import build_resolution
    from tests.documents.conftest import CELL

    record = ResolutionRecord(CELL, "KL", 4, dt.date(2026, 3, 12), "về học tập chuyên đề năm 2026",
                              (SectionEntry("I- NỘI DUNG", ("Chi bộ thống nhất.",)),), "Nguyễn Thị Hường",
                              meeting_date=dt.date(2026, 3, 12), present=20, total=22, chair="Nguyễn Thị Hường",
                              chair_title="Phó Bí thư chi bộ", meeting_kind="thematic")
    text = _flat(pdf_text(build_resolution(record)))
    assert ("Ngày 12/03/2026, Chi bộ Tổ dân phố số 5 họp chuyên đề tháng 03/2026; có mặt 20/22 đảng viên; "
            "đồng chí Nguyễn Thị Hường, Phó Bí thư chi bộ chủ trì.") in text
    assert "Đảng ủy phường Hoàn Kiếm (để báo" in text
