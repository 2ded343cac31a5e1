"""Plain records the document builders take: what services read from the database, nothing more.

Every record is a frozen dataclass with Python values (str, int VND, datetime.date/datetime); no ORM
objects and no Qt. Builders check the fields a document cannot do without and raise ``UserError``
naming the field (``missing``), so a half-filled document is never produced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.meeting_month import MeetingMonth
from secretary_app.errors import ValidationFailed


def missing(label: str, field_name: str) -> ValidationFailed:
    """The one message shape for an absent required field: Vietnamese label, then the field's name."""
    return ValidationFailed(f"Thiếu {label} ({field_name}). Hãy nhập đủ rồi xuất lại văn bản.", field=field_name)


def require(value: object, label: str, field_name: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise missing(label, field_name)


@dataclass(frozen=True)
class CellHeader:
    """Who issues: "ĐẢNG BỘ PHƯỜNG HOÀN KIẾM" / "CHI BỘ TỔ DÂN PHỐ SỐ 5", and the date-line place."""

    superior_body: str  # "Đảng bộ phường Hoàn Kiếm"
    cell_name: str  # "Chi bộ Tổ dân phố số 5"
    place: str  # "Hoàn Kiếm"

    def check(self) -> None:
        require(self.superior_body, "tên đảng bộ cấp trên", "cell.superior_body")
        require(self.cell_name, "tên chi bộ", "cell.cell_name")
        require(self.place, "địa danh ghi ở dòng ngày tháng", "cell.place")


@dataclass(frozen=True)
class Absence:
    name: str
    reason: str = ""


@dataclass(frozen=True)
class GuestEntry:
    name: str
    position: str = ""


@dataclass(frozen=True)
class AttendanceCounts:
    """Head-count on the meeting day, computed from the roster (documents.md §3.4), never typed.

    Made in one place, ``services.meeting_attendance`` (the meeting's attendance sheet); the Điểm danh step,
    the minutes, the extract and the resolution all print these numbers. Every member of the head-count is
    in exactly one of: present, absent (with / without reason), exempt and not present, temporarily
    transferred out, suspended, not marked; so ``total`` = the sum of those (``accounted``)."""

    total: int  # in this cell's list on the day (official + probationary)
    official: int
    probationary: int
    exempt: int = 0  # miễn công tác và sinh hoạt đảng
    transferred_out: int = 0  # chuyển sinh hoạt tạm thời đi: listed apart, never present or absent here
    temporarily_here: int = 0  # sinh hoạt tạm thời đến (not in ``total``)
    present_official: int = 0
    present_probationary: int = 0
    present_temporary: int = 0
    absent_with_reason: tuple[Absence, ...] = ()
    absent_without_reason: tuple[str, ...] = ()
    guests: tuple[GuestEntry, ...] = ()
    suspended: int = 0  # đình chỉ sinh hoạt: not on the roll
    exempt_present: int = 0  # exempt members who came (counted in ``present`` too)
    not_marked: tuple[str, ...] = ()  # on the roll, no mark: not present

    @property
    def present(self) -> int:
        return self.present_official + self.present_probationary

    @property
    def absent(self) -> int:
        return len(self.absent_with_reason) + len(self.absent_without_reason)

    @property
    def expected(self) -> int:
        """Members expected at the meeting: the head-count less those transferred out, suspended, and exempt
        members who did not come (the "có mặt …/…" of the resolution)."""
        return self.total - self.transferred_out - self.suspended - (self.exempt - self.exempt_present)

    @property
    def accounted(self) -> int:
        """present + absent + exempt not present + transferred out + suspended + not marked (= ``total``)."""
        return (self.present + self.absent + (self.exempt - self.exempt_present) + self.transferred_out
                + self.suspended + len(self.not_marked))


@dataclass(frozen=True)
class SpeechEntry:
    speaker: str
    opinion: str


@dataclass(frozen=True)
class VoteEntry:
    """A tally; ``base`` is the official members counted for the vote (rules: documents.md §5.4)."""

    subject: str
    yes: int
    base: int
    no: int = 0
    abstain: int = 0
    passed: bool = True
    named: tuple[tuple[str, str], ...] = ()  # named vote: (name, "yes" | "no" | "abstain"), else ()


#: Steps that are the meeting's procedure, not its content: the minutes record them in the opening, the
#: conclusion-and-vote and the closing sections, never again as numbered content items (documents.md §3).
OPENING_STEP, VOTE_STEP, CLOSING_STEP = "opening", "vote", "closing"
PROCEDURAL_STEPS = frozenset({OPENING_STEP, VOTE_STEP, CLOSING_STEP})


@dataclass(frozen=True)
class AgendaEntry:
    """One item of the programme and, once held, what was said and decided on it."""

    title: str
    presenter: str = ""
    gist: str = ""
    step: str = ""  # procedure step (documents.md §5.3): "opening", "vote", "closing" are procedural
    conclusion: str = ""
    speeches: tuple[SpeechEntry, ...] = ()
    votes: tuple[VoteEntry, ...] = ()
    minutes_planned: int | None = None


@dataclass(frozen=True)
class TaskEntry:
    content: str
    owner: str = ""
    deadline: dt.date | None = None


@dataclass(frozen=True)
class MeetingRecord:
    """A meeting with its programme and, once held, attendance, speeches, votes and tasks."""

    cell: CellHeader
    starts_at: dt.datetime
    place: str
    chair: str
    recorder: str
    agenda: tuple[AgendaEntry, ...]
    kind: str = "regular"  # regular / thematic / extraordinary
    topic: str = ""  # thematic meetings: the topic
    chair_title: str = "Bí thư chi bộ"
    recorder_title: str = ""
    ends_at: dt.datetime | None = None
    attendance: AttendanceCounts | None = None
    tasks: tuple[TaskEntry, ...] = ()
    minutes_notes: str = ""  # free text of the minutes, added after the items when present
    dues_note: str = ""  # "thu nộp đảng phí tháng 10/2026: 20/20 đảng viên, 1.240.000 đồng"
    planned_minutes: int | None = None  # the planned length of the whole meeting
    announced_on: dt.date | None = None  # the day the programme was announced to members

    @property
    def month_label(self) -> str:
        """"tháng 02 năm 2026": the meeting's month (models.meeting_month)."""
        return MeetingMonth.of(self.starts_at).words


@dataclass(frozen=True)
class SectionEntry:
    """A numbered part of a resolution, report or plan: "I- KẾT QUẢ …" and its paragraphs.
    Paragraphs may use ``**bold**`` / ``*italic*``; a paragraph starting "1- " is a sub-heading."""

    heading: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResolutionRecord:
    """A resolution (doc_type "NQ") or conclusion ("KL") of the cell (documents.md §4)."""

    cell: CellHeader
    doc_type: str  # "NQ" or "KL"
    number: int | None  # None until issued: the builder refuses to print a number-less NQ/KL
    issued_on: dt.date | None  # a draft has none yet; resolution() refuses it
    subject: str  # "về lãnh đạo thực hiện nhiệm vụ tháng 02 năm 2026"
    sections: tuple[SectionEntry, ...]
    signer_name: str
    signer_title: str = "BÍ THƯ"
    authority: str = "T/M CHI BỘ"
    recipients: tuple[str, ...] = ()  # () = the superior committee (để báo cáo) and the members
    meeting_date: dt.date | None = None
    present: int | None = None  # members present / in the list, for the opening sentence
    total: int | None = None
    chair: str = ""
    chair_title: str = "Bí thư chi bộ"
    meeting_kind: str = "regular"  # regular / thematic / extraordinary / regular_and_thematic
    vote: VoteEntry | None = None


@dataclass(frozen=True)
class NarrativeRecord:
    """A report (báo cáo, "BC") or plan (kế hoạch, "KH"): header, number, subject, sections, signature."""

    cell: CellHeader
    number: int | None
    issued_on: dt.date
    subject: str
    sections: tuple[SectionEntry, ...]
    signer_name: str
    signer_title: str = "BÍ THƯ"
    authority: str = "T/M CHI BỘ"
    recipients: tuple[str, ...] = ()  # () = the superior committee (để báo cáo)
    intro: str = ""  # legal basis / opening paragraph


@dataclass(frozen=True)
class MemberListRow:
    name: str
    birth_date: dt.date | None = None
    gender: str = ""
    admitted_on: dt.date | None = None
    official_on: dt.date | None = None
    card_number: str = ""
    position: str = ""
    note: str = ""  # status label: "Dự bị", "Miễn sinh hoạt", "Chuyển SH tạm thời đi", …


@dataclass(frozen=True)
class MemberListRecord:
    cell: CellHeader
    as_of: dt.date
    rows: tuple[MemberListRow, ...]
    signer_name: str
    signer_title: str = "BÍ THƯ"
    authority: str = "T/M CHI BỘ"


@dataclass(frozen=True)
class DuesLedgerRow:
    """One member's payments for each month of the ledger, integer VND (None = not paid)."""

    name: str
    amounts: tuple[int | None, ...]


@dataclass(frozen=True)
class DuesLedgerRecord:
    cell: CellHeader
    months: tuple[dt.date, ...]  # first day of each month, in order (at most 12)
    rows: tuple[DuesLedgerRow, ...]
    signer_name: str
    issued_on: dt.date
    signer_title: str = "BÍ THƯ"
    authority: str = "T/M CHI BỘ"
    remitted: int | None = None  # VND remitted upward over the period, when known
    notes: tuple[str, ...] = field(default=())
    kept: int | None = None  # VND the cell keeps over the period (the kept/remitted share is a dated setting)
    kept_percent: str = ""  # "30%" (or "30% (01–06), 40% (07–12)" when the setting changed in the period)
    due: int | None = None  # VND owed over the period by the rules


@dataclass(frozen=True)
class DuesReportRecord:
    """The periodic report upward (B01/ĐP, rules.md §1.5): figures of the period, integer VND."""

    cell: CellHeader
    first_month: dt.date
    last_month: dt.date
    members_at_end: int
    due: int
    collected: int
    kept: int
    remitted: int
    kept_percent: str
    signer_name: str
    issued_on: dt.date
    preparer_name: str = ""
    signer_title: str = "BÍ THƯ"
    authority: str = "T/M CHI BỘ"
