"""Biên bản sinh hoạt chi bộ and its extract (trích biên bản), laid out as documents.md §3 prescribes."""

from __future__ import annotations

import datetime as dt

from exporters import Document, DoubleSignature, Heading, Signer
from exporters.model import Block
from models.text import nfc
from secretary_app.documents.agenda import check_meeting, meeting_subject
from secretary_app.documents.common import (
    clock,
    header,
    long_date,
    p,
    report_recipients,
    short_date,
    signed,
    vote_lines,
)
from secretary_app.documents.records import (
    CLOSING_STEP,
    OPENING_STEP,
    PROCEDURAL_STEPS,
    VOTE_STEP,
    AgendaEntry,
    AttendanceCounts,
    MeetingRecord,
    TaskEntry,
    VoteEntry,
    missing,
    require,
)

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _check_held(meeting: MeetingRecord) -> AttendanceCounts:
    check_meeting(meeting)
    require(meeting.recorder, "người ghi biên bản (thư ký)", "meeting.recorder")
    if meeting.attendance is None:
        raise missing("số đảng viên có mặt, vắng mặt", "meeting.attendance")
    if meeting.ends_at is None:
        raise missing("giờ kết thúc cuộc họp", "meeting.ends_at")
    return meeting.attendance


def attendance_blocks(meeting: MeetingRecord, counts: AttendanceCounts) -> list[Block]:
    """Time and place, head-count from the roster, guests, chair and recorder (documents.md §3.3-3.5)."""
    cell = nfc(meeting.cell.cell_name)
    kind = meeting_subject(meeting).removeprefix("sinh hoạt chi bộ ")
    opening = (f"Vào lúc {clock(meeting.starts_at)}, {long_date(meeting.starts_at.date())}, tại {nfc(meeting.place)}, "
               f"{cell} tổ chức sinh hoạt {kind}.")
    total = (f"- Tổng số đảng viên: {counts.total} đồng chí (chính thức {counts.official}, "
             f"dự bị {counts.probationary})")
    extras = []
    if counts.exempt:
        extras.append(f"miễn công tác và sinh hoạt đảng: {counts.exempt} đồng chí")
    if counts.transferred_out:
        extras.append(f"chuyển sinh hoạt tạm thời đi: {counts.transferred_out} đồng chí")
    if counts.temporarily_here:
        extras.append(f"đảng viên sinh hoạt tạm thời tại chi bộ: {counts.temporarily_here} đồng chí")
    total += ("; " + "; ".join(extras) if extras else "") + "."
    present = (f"- Có mặt: {counts.present} đồng chí (chính thức {counts.present_official}, "
               f"dự bị {counts.present_probationary})")
    if counts.present_temporary:
        present += f"; đảng viên sinh hoạt tạm thời dự họp: {counts.present_temporary} đồng chí"
    present += f". Vắng: {counts.absent} đồng chí"
    if counts.absent_with_reason:
        names = ", ".join(f"đồng chí {nfc(a.name)}" + (f" ({nfc(a.reason)})" if a.reason.strip() else "")
                          for a in counts.absent_with_reason)
        present += f"; có lý do: {names}"
    if counts.absent_without_reason:
        present += "; không lý do: " + ", ".join(f"đồng chí {nfc(n)}" for n in counts.absent_without_reason)
    blocks: list[Block] = [p(opening), p(total), p(present + ".")]
    if counts.guests:
        guests = "; ".join(f"đồng chí {nfc(g.name)}" + (f", {nfc(g.position)}" if g.position.strip() else "")
                           for g in counts.guests)
        blocks.append(p(f"- Đại biểu dự: {guests}."))
    recorder = f"đồng chí **{nfc(meeting.recorder)}**" + (
        f", {nfc(meeting.recorder_title)}" if meeting.recorder_title.strip() else "")
    blocks.append(p(f"- Chủ trì: đồng chí **{nfc(meeting.chair)}**, {nfc(meeting.chair_title)}. Thư ký: {recorder}."))
    return blocks


def speech_blocks(number: int, item: AgendaEntry) -> list[Block]:
    """Each speaker by name with their opinion, in the order they spoke (documents.md §3.7)."""
    blocks: list[Block] = []
    if item.speeches:
        blocks.append(p("Ý kiến phát biểu (theo thứ tự):"))
        for position, speech in enumerate(item.speeches, start=1):
            require(speech.speaker, f"tên người phát biểu thứ {position} ở nội dung “{item.title}”",
                    f"agenda[{number - 1}].speeches[{position - 1}].speaker")
            blocks.append(p(f"- Đồng chí **{nfc(speech.speaker)}**: {nfc(speech.opinion).strip() or '(không ghi)'}"))
    return blocks


def vote_blocks(votes: tuple[VoteEntry, ...]) -> list[Block]:
    """"Chi bộ biểu quyết thông qua …, kết quả:" and the tally lines (documents.md §3.8)."""
    blocks: list[Block] = []
    for vote in votes:
        subject = nfc(vote.subject).strip()
        subject = "t" + subject[1:] if subject.casefold().startswith("thông qua") else f"thông qua {subject}"
        blocks.append(p(f"Chi bộ biểu quyết {subject}, kết quả:"))
        blocks.extend(vote_lines(vote))
    return blocks


def item_blocks(number: int, item: AgendaEntry) -> list[Block]:
    """Presenter → gist → each speaker in order → the chair's conclusion → votes (documents.md §3.7-3.8)."""
    blocks: list[Block] = [Heading(f"{number}- {nfc(item.title).strip()}", level=2)]
    if item.presenter.strip() or item.gist.strip():
        who = f"Đồng chí {nfc(item.presenter)} trình bày" if item.presenter.strip() else "Nội dung trình bày"
        blocks.append(p(f"{who}: {nfc(item.gist).strip()}" if item.gist.strip() else f"{who}."))
    blocks.extend(speech_blocks(number, item))
    if item.conclusion.strip():
        blocks.append(p(f"Đồng chí chủ trì kết luận: {nfc(item.conclusion).strip()}"))
    blocks.extend(vote_blocks(item.votes))
    return blocks


def task_blocks(tasks: tuple[TaskEntry, ...]) -> list[Block]:
    """Who does what by when (documents.md §3.9)."""
    blocks: list[Block] = []
    for task in tasks:
        owner = f" (đồng chí {nfc(task.owner)} phụ trách" if task.owner.strip() else " ("
        deadline = f", hoàn thành trước ngày {short_date(task.deadline)})" if task.deadline else ")"
        text = f"- {nfc(task.content).strip()}{owner}{deadline}".replace(" ()", "").replace(" (, ", " (")
        blocks.append(p(text + "."))
    return blocks


def _duration(meeting: MeetingRecord) -> int:
    assert meeting.ends_at is not None
    return int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)


def _numbered(headings: list[str]) -> list[Heading]:
    return [Heading(f"{_ROMAN[index]}- {text}") for index, text in enumerate(headings)]


def build_minutes(meeting: MeetingRecord) -> Document:
    """The full minutes in the order of documents.md §3: attendance; I- opening; II- the content items,
    each with presenter, gist, speakers and the chair's conclusion; III- the chair's conclusion, the tasks
    and the votes; IV- closing. The procedural steps (opening, vote, closing) of the programme are
    recorded in their sections, not repeated as content items. Number and date line are omitted: the
    date is in the body (§3.1)."""
    counts = _check_held(meeting)
    assert meeting.ends_at is not None
    procedural = {step: [item for item in meeting.agenda if item.step == step] for step in PROCEDURAL_STEPS}
    content = [item for item in meeting.agenda if item.step not in PROCEDURAL_STEPS]
    blocks: list[Block] = attendance_blocks(meeting, counts)
    opening_heading, content_heading, conclusion_heading, closing_heading = _numbered(
        ["PHẦN MỞ ĐẦU", "NỘI DUNG", "KẾT LUẬN CỦA CHỦ TRÌ VÀ BIỂU QUYẾT", "KẾT THÚC"])
    blocks.append(opening_heading)
    opening = ("Đồng chí chủ trì tuyên bố lý do, giới thiệu đại biểu; chi bộ cử đồng chí "
               f"{nfc(meeting.recorder)} làm thư ký; thông báo tình hình đảng viên dự họp như trên")
    opening += f"; {nfc(meeting.dues_note).strip()}" if meeting.dues_note.strip() else ""
    blocks.append(p(opening + "; chi bộ thông qua chương trình sinh hoạt."))
    for item in procedural[OPENING_STEP]:
        blocks.extend(vote_blocks(item.votes))
    blocks.append(content_heading)
    for number, item in enumerate(content, start=1):
        blocks.extend(item_blocks(number, item))
    if meeting.minutes_notes.strip():
        blocks.append(p(nfc(meeting.minutes_notes).strip()))
    concluding = procedural[VOTE_STEP]
    section: list[Block] = []
    for item in concluding:
        section.extend(speech_blocks(meeting.agenda.index(item) + 1, item))
    conclusions = [nfc(item.conclusion).strip() for item in concluding if item.conclusion.strip()]
    if conclusions:  # nothing is written for the chair that the recorder did not note
        section.append(p("Đồng chí chủ trì kết luận: " + " ".join(conclusions)))
    if meeting.tasks:
        section.append(p("Phân công nhiệm vụ:"))
        section.extend(task_blocks(meeting.tasks))
    for item in (*concluding, *procedural[CLOSING_STEP]):
        section.extend(vote_blocks(item.votes))
    if section:
        blocks.extend((conclusion_heading, *section))
    else:  # nothing concluded, assigned or voted: the closing takes number III
        closing_heading = Heading(conclusion_heading.text.split("- ")[0] + "- KẾT THÚC")
    blocks.append(closing_heading)
    same_day = meeting.ends_at.date() == meeting.starts_at.date()
    when = "cùng ngày" if same_day else long_date(meeting.ends_at.date())
    blocks.append(p(
        f"Buổi sinh hoạt kết thúc lúc {clock(meeting.ends_at)} {when} (thời lượng {_duration(meeting)} phút); "
        "biên bản đã được thư ký đọc lại trước chi bộ và chi bộ nhất trí thông qua."
    ))
    blocks.append(DoubleSignature(left=Signer(title="THƯ KÝ", name=nfc(meeting.recorder)),
                                  right=Signer(title="CHỦ TRÌ", name=nfc(meeting.chair))))
    return Document(header=header(meeting.cell), doc_type_name="BIÊN BẢN", subject=meeting_subject(meeting),
                    blocks=tuple(blocks))


def build_minutes_extract(meeting: MeetingRecord, item_positions: tuple[int, ...] | None = None, *,
                          issued_on: dt.date | None = None, signer_name: str | None = None,
                          signer_title: str = "BÍ THƯ", purpose: str = "") -> Document:
    """Trích biên bản: the opening facts and only the chosen items (0-based positions; default: the items
    that carry a vote), certified by the secretary for the cell, with Nơi nhận ending "- Lưu Chi bộ."."""
    counts = _check_held(meeting)
    if item_positions is None:
        item_positions = tuple(i for i, item in enumerate(meeting.agenda) if item.votes)
    if not item_positions:
        raise missing("nội dung cần trích (chọn ít nhất một nội dung có biểu quyết)", "item_positions")
    for position in item_positions:
        if not 0 <= position < len(meeting.agenda):
            raise missing(f"nội dung thứ {position + 1} trong chương trình", "item_positions")
    blocks: list[Block] = attendance_blocks(meeting, counts)
    blocks.append(Heading("NỘI DUNG TRÍCH"))
    for number, position in enumerate(item_positions, start=1):
        blocks.extend(item_blocks(number, meeting.agenda[position]))
    blocks.append(p(
        f"Trích từ Sổ biên bản sinh hoạt chi bộ, kỳ họp {long_date(meeting.starts_at.date())}"
        + (f", để {nfc(purpose).strip()}" if purpose.strip() else "") + "."
    ))
    blocks.append(signed(signer_name or meeting.chair, title=signer_title, recipients=report_recipients(meeting.cell.superior_body)))
    return Document(
        header=header(meeting.cell, date=issued_on or meeting.starts_at.date()),
        doc_type_name="TRÍCH BIÊN BẢN",
        subject=meeting_subject(meeting),
        blocks=tuple(blocks),
    )
