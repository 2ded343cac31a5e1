"""Meeting documents as exporter models: programme, minutes (documents.md §3), extract of minutes,
resolution/conclusion (§4, signed T/M CHI BỘ) and the term's minutes book (§6).

Builders are pure: they take a ``MeetingRecord`` (plain data the services assembled) and return
``exporters.Document``; nothing here reads the database or writes files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from exporters import (
    Align,
    Block,
    Document,
    DoubleSignature,
    Header,
    Heading,
    PageBreak,
    Paragraph,
    Recipients,
    Signature,
    Signer,
    VoteLine,
    format_number,
)
from secretary_app.services.meeting_attendance import AttendanceCounts, GuestRow
from secretary_app.services.meeting_cycle import AgendaRow
from secretary_app.services.minutes import MinutesView
from secretary_app.services.resolutions import DOC_TYPES, ResolutionView
from secretary_app.services.votes import VoteRow

_KIND_WORDS = {"regular": "thường kỳ", "thematic": "chuyên đề", "regular_and_thematic": "thường kỳ kết hợp chuyên đề",
               "extraordinary": "bất thường"}


@dataclass(frozen=True)
class MeetingRecord:
    cell_name: str
    superior_name: str
    place_name: str
    title: str
    kind: str
    planned_at: dt.datetime
    planned_minutes: int
    place: str
    state: str
    agenda: tuple[AgendaRow, ...]
    counts: AttendanceCounts
    guests: tuple[GuestRow, ...]
    chair_name: str
    recorder_name: str
    minutes: MinutesView
    votes: tuple[VoteRow, ...]
    resolution: ResolutionView | None
    ended_at: dt.datetime | None = None


def _p(text: str, **options: object) -> Paragraph:
    return Paragraph.from_markup(text, **options)  # type: ignore[arg-type]


def _header(r: MeetingRecord, *, number: str | None = None, dated: bool = False) -> Header:
    return Header(r.superior_name, r.cell_name, number=number, place=r.place_name if dated else None,
                  date=r.planned_at.date() if dated else None)


def _month_subject(r: MeetingRecord, prefix: str) -> str:
    d = r.planned_at
    return f"{prefix} {_KIND_WORDS.get(r.kind, '')} tháng {d.month:02d} năm {d.year}"


def _time_line(r: MeetingRecord) -> str:
    t = r.planned_at
    return (f"Vào lúc {t.hour:02d} giờ {t.minute:02d} phút, ngày {t.day:02d} tháng {t.month:02d} năm {t.year}, "
            f"tại {r.place or '…'}, {r.cell_name} tổ chức sinh hoạt {_KIND_WORDS.get(r.kind, '')} "
            f"tháng {t.month:02d} năm {t.year}.")


def attendance_lines(r: MeetingRecord) -> list[str]:
    """The computed attendance paragraph of the minutes (documents.md §3 item 4)."""
    c = r.counts
    lines = [f"- Tổng số đảng viên: {c.total} đồng chí (chính thức {c.official}, dự bị {c.probationary})"
             + (f"; miễn công tác và sinh hoạt đảng: {c.exempt} đồng chí" if c.exempt else "")
             + (f"; chuyển sinh hoạt tạm thời đi: {c.transferred_out} đồng chí" if c.transferred_out else "")
             + (f"; sinh hoạt tạm thời tại chi bộ: {c.temporarily_here} đồng chí" if c.temporarily_here else "")
             + "."]
    absent = c.absent_reason + c.absent_no_reason
    line = (f"- Có mặt: {c.present} đồng chí (chính thức {c.present_official}, dự bị {c.present_probationary}). "
            f"Vắng: {absent} đồng chí")
    if c.absent_reason:
        line += f"; có lý do {c.absent_reason}: " + ", ".join(f"đ/c {n}" for n in c.absent_reason_names)
    if c.absent_no_reason:
        line += f"; không lý do {c.absent_no_reason}: " + ", ".join(f"đ/c {n}" for n in c.absent_no_reason_names)
    lines.append(line + ".")
    if r.guests:
        lines.append("- Đại biểu dự: " + "; ".join(f"đồng chí {g.name}" + (f", {g.position}" if g.position else "")
                                                   for g in r.guests) + ".")
    lines.append(f"- Chủ trì: đồng chí **{r.chair_name or '…'}**. Thư ký: đồng chí **{r.recorder_name or '…'}**.")
    return lines


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1] if n <= 10 else str(n)


def build_programme(r: MeetingRecord) -> Document:
    """Chương trình sinh hoạt: sent to members at least one day before the meeting."""
    t = r.planned_at
    blocks: list[Block] = [
        _p(f"- Thời gian: {t.hour:02d} giờ {t.minute:02d} phút, ngày {t.day:02d} tháng {t.month:02d} năm {t.year} "
           f"(dự kiến {r.planned_minutes} phút)."),
        _p(f"- Địa điểm: {r.place or '…'}."),
        _p("- Thành phần: toàn thể đảng viên trong chi bộ" + ("; đại biểu: " + "; ".join(
            g.name + (f", {g.position}" if g.position else "") for g in r.guests) if r.guests else "") + "."),
        Heading("NỘI DUNG"),
    ]
    for i, item in enumerate(r.agenda, start=1):
        blocks.append(_p(f"{i}. {item.title}" + (f" (trình bày: {item.presenter})" if item.presenter else "")))
        if item.step == "assessment" and item.gist:
            blocks.extend(_p(line, indent_first_line=False) for line in item.gist.splitlines() if line.strip())
    blocks.append(Signature(Signer("BÍ THƯ", r.chair_name or "…", authority="T/M CHI BỘ"),
                            Recipients(("Đảng viên trong chi bộ",))))
    return Document(_header(r, dated=True), "CHƯƠNG TRÌNH", _month_subject(r, "sinh hoạt chi bộ"), tuple(blocks))


def _vote_blocks(votes: tuple[VoteRow, ...]) -> list[Block]:
    blocks: list[Block] = []
    for v in votes:
        blocks.append(_p(f"Biểu quyết: {v.subject}. Số đảng viên được tính biểu quyết: {v.base_explanation}."))
        if v.base > 0:
            blocks.append(VoteLine(v.yes, v.base))
            blocks.append(VoteLine(v.no, v.base, label="Không tán thành", verb="chiếm"))
            blocks.append(VoteLine(v.abstain, v.base, label="Ý kiến khác", verb="chiếm"))
        blocks.append(_p(f"Kết quả: {v.explanation}."))
    return blocks


def _item_blocks(item, number: int) -> list[Block]:  # type: ignore[no-untyped-def]
    blocks: list[Block] = [Heading(f"{number}- {item.title}", level=2)]
    if item.presenter:
        blocks.append(_p(f"Đồng chí {item.presenter} trình bày."))
    blocks.extend(_p(line) for line in item.gist.splitlines() if line.strip())
    for speech in item.speeches:
        blocks.append(_p(f"- Đồng chí **{speech.speaker_name}**: {speech.opinion}"))
    if item.conclusion.strip():
        blocks.append(_p(f"*Chủ trì kết luận:* {item.conclusion.strip()}"))
    return blocks


def build_minutes(r: MeetingRecord) -> Document:
    blocks: list[Block] = [_p(_time_line(r)), *(_p(line) for line in attendance_lines(r))]
    section = 1
    items = r.minutes.items
    blocks.append(Heading(f"{_roman(section)}- NỘI DUNG"))
    for number, item in enumerate(items, start=1):
        blocks.extend(_item_blocks(item, number))
    if r.minutes.tasks:
        section += 1
        blocks.append(Heading(f"{_roman(section)}- PHÂN CÔNG NHIỆM VỤ"))
        for t in r.minutes.tasks:
            deadline = f"; thời hạn: {t.deadline:%d/%m/%Y}" if t.deadline else ""
            blocks.append(_p(f"- {t.content} — phụ trách: đồng chí {t.owner or '…'}{deadline}."))
    if r.votes:
        section += 1
        blocks.append(Heading(f"{_roman(section)}- BIỂU QUYẾT"))
        blocks.extend(_vote_blocks(r.votes))
    if r.minutes.notes.strip():
        section += 1
        blocks.append(Heading(f"{_roman(section)}- GHI CHÚ"))
        blocks.extend(_p(line) for line in r.minutes.notes.splitlines() if line.strip())
    end = r.ended_at or (r.planned_at + dt.timedelta(minutes=r.planned_minutes))
    blocks.append(_p(f"Buổi sinh hoạt kết thúc lúc {end.hour:02d} giờ {end.minute:02d} phút cùng ngày; biên bản đã "
                     "được đọc lại và chi bộ nhất trí thông qua."))
    if r.minutes.final_hash:
        blocks.append(_p(f"*Mã kiểm tra nội dung (SHA-256): {r.minutes.final_hash[:16]}…*", indent_first_line=False))
    blocks.append(DoubleSignature(Signer("THƯ KÝ", r.recorder_name or "…"), Signer("CHỦ TRÌ", r.chair_name or "…")))
    return Document(_header(r), "BIÊN BẢN", _month_subject(r, "sinh hoạt chi bộ"), tuple(blocks))


def build_extract(r: MeetingRecord, vote_index: int | None = None) -> Document:
    """Trích biên bản: the time and attendance, then the chosen vote (all votes when None)."""
    votes = r.votes if vote_index is None else (r.votes[vote_index],)
    blocks: list[Block] = [_p(_time_line(r)), *(_p(line) for line in attendance_lines(r))]
    blocks.append(Heading("NỘI DUNG TRÍCH"))
    blocks.extend(_vote_blocks(votes) or [_p("Kỳ sinh hoạt không có nội dung biểu quyết.")])
    blocks.append(_p("Trích đúng nguyên văn biên bản sinh hoạt chi bộ lưu tại sổ biên bản của chi bộ."))
    blocks.append(DoubleSignature(Signer("THƯ KÝ", r.recorder_name or "…"), Signer("CHỦ TRÌ", r.chair_name or "…")))
    return Document(_header(r, dated=True), "TRÍCH BIÊN BẢN", _month_subject(r, "hội nghị chi bộ"), tuple(blocks))


def build_resolution(r: MeetingRecord) -> Document:
    res = r.resolution
    if res is None:
        from exporters import DocumentError

        raise DocumentError("Kỳ sinh hoạt này chưa có nghị quyết hoặc kết luận; hãy lập ở bước Nghị quyết.")
    blocks: list[Block] = []
    for section in res.sections:
        if section.heading.strip():
            blocks.append(Heading(section.heading.strip()))
        for text in section.paragraphs:
            if not text.strip():
                continue
            if text.strip() in ("QUYẾT NGHỊ:", "Sau khi thảo luận, Chi bộ"):
                blocks.append(_p(f"**{text.strip()}**" if text.strip() == "QUYẾT NGHỊ:" else text.strip(),
                                 indent_first_line=False, align=Align.CENTER))
            else:
                blocks.append(_p(text.strip()))
    passed = [v for v in r.votes if v.kind == "resolution" and v.passed]
    if passed and passed[-1].base > 0:
        name = DOC_TYPES.get(res.doc_type, "Nghị quyết").capitalize()
        blocks.append(_p(f"{name} được chi bộ biểu quyết thông qua:"))
        blocks.append(VoteLine(passed[-1].yes, passed[-1].base))
    blocks.append(Signature(Signer(res.signer_title, res.signer_name or "…", authority="T/M CHI BỘ"),
                            Recipients(res.recipients)))
    number = format_number(res.number, res.doc_type, "CB") if res.number else "Số    -" + f"{res.doc_type}/CB"
    header = Header(r.superior_name, r.cell_name, number=number, place=r.place_name,
                    date=res.issued_on or r.planned_at.date())
    return Document(header, DOC_TYPES.get(res.doc_type, "NGHỊ QUYẾT"), res.subject, tuple(blocks))


def build_minutes_book(records: list[MeetingRecord], cell_name: str, superior_name: str,
                       term_label: str) -> Document:
    """Sổ biên bản of a term: a contents list, then each meeting's minutes on new pages (pages numbered
    from page 2 by the renderer, documents.md §1)."""
    if not records:
        from exporters import DocumentError

        raise DocumentError("Nhiệm kỳ này chưa có biên bản nào đã hoàn tất.")
    blocks: list[Block] = [_p(f"Nhiệm kỳ {term_label}. Gồm {len(records)} biên bản đã hoàn tất:",
                              indent_first_line=False)]
    blocks.extend(_p(f"{i}. {r.title} — ngày {r.planned_at:%d/%m/%Y}", indent_first_line=False)
                  for i, r in enumerate(records, start=1))
    for r in records:
        minutes = build_minutes(r)
        blocks.append(PageBreak())
        blocks.append(Heading(f"BIÊN BẢN {minutes.subject.upper() if minutes.subject else ''}"))
        blocks.extend(minutes.blocks)
    return Document(Header(superior_name, cell_name), "SỔ BIÊN BẢN", "sinh hoạt chi bộ", tuple(blocks))
