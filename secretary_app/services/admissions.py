"""Candidates for admission and probationary members: the steps of rules.md §2.2 as dated records, their
deadlines from the dated rules and the holiday calendar, alerts, and the two effects on the roster.

The cell's votes are the meeting's votes (``services.votes`` with ``candidate_id``): the pipeline reads
their result, and ``check_vote`` refuses a vote the rules forbid (expired certificate, introducers short of
12 months, applicant outside 18–60 years by month). The ceremony makes the person a probationary member
(party age from the admission decision); the recognition decision makes them official as of the end of the
12 months, even when the cell met late.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.admissions import AdmissionStep, Candidate
from models.base import new_id
from models.meetings import Meeting, Vote
from models.members import Member, MemberEvent
from models.rules import admission as rules
from models.rules.dates import add_working_days, format_vn
from models.rules.status import EventKind
from models.text import nfc
from secretary_app import rules_data
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.errors import NotFoundError, ValidationFailed
from secretary_app.services.overview import SOON_DAYS
from secretary_app.services.roster import EventInput, MemberData, add_event, new_member_rows, validated
from secretary_app.store import Store

# The dated steps a secretary records, in pipeline order (rules.md §2.2). The cell's votes are not here:
# they are the meeting's votes linked to the candidate.
STEP_LABELS: dict[str, str] = {
    "class_certificate": "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
    "application": "Đơn xin vào Đảng",
    "background_declaration": "Lý lịch của người xin vào Đảng",
    "background_check": "Thẩm tra lý lịch",
    "introducer": "Người giới thiệu",
    "mass_opinion": "Nhận xét của đoàn thể chính trị – xã hội",
    "residence_opinion": "Nhận xét của chi ủy nơi cư trú",
    "committee_review": "Đảng ủy cơ sở xét",
    "decision": "Quyết định kết nạp",
    "decision_received": "Chi bộ nhận quyết định kết nạp",
    "ceremony": "Lễ kết nạp",
    "party_records": "Lý lịch đảng viên, phiếu đảng viên",
    "recognition_decision": "Quyết định công nhận đảng viên chính thức",
}
# The cell's resolution proposing admission, for a person voted on before the cell kept its meetings in the
# app (the demo, an import). Never recorded by ``record_step``: a new vote is a meeting's vote.
HISTORY_RESOLUTION = "cell_resolution"
# Timeline entries computed from other records.
CELL_VOTE = "cell_vote"
PROBATION = "probation"
RECOGNITION_VOTE = "recognition_vote"
REPORT_UPWARD = "report_upward"
REMOVAL = "removal"
ENTRY_LABELS: dict[str, str] = {
    **STEP_LABELS,
    CELL_VOTE: "Chi bộ xét, đề nghị kết nạp",
    PROBATION: "Hết 12 tháng dự bị",
    RECOGNITION_VOTE: "Chi bộ xét công nhận đảng viên chính thức",
    REPORT_UPWARD: "Báo cáo cấp ủy cấp trên quyết định",
    REMOVAL: "Chi bộ đề nghị xóa tên",
}
ORGANISATIONS = {"doan": "Ban Chấp hành Đoàn cơ sở", "cong_doan": "Ban Chấp hành Công đoàn cơ sở"}
OPEN_STATES = ("open", "due", "overdue")  # a dated step not yet done
STATE_LABELS = {"done": "Đã xong", "due": "Sắp đến hạn", "open": "Chưa đến hạn", "overdue": "Quá hạn",
                "waiting": "Chưa đến bước"}
ROSTER_STEPS = ("ceremony", "recognition_decision")  # steps that changed the roster: not undone here
YOUTH_AGE_YEARS = 30  # under 30 where a Đoàn exists: BCH Đoàn + 1 member (QĐ 294 §3.2.1)
FAILED_VOTES_TO_REPORT = 3  # rules.md §2.2 step 15


def calendar(include_uncertain: bool = False) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """The days off and make-up Saturdays every admission deadline is counted with (one place).

    Unconfirmed [U] holidays count only when asked (``Settings.count_unconfirmed_holidays``); without them a
    deadline is never later than the law's."""
    return rules_data.working_calendar(include_uncertain)


def rules_on(day: dt.date) -> rules.AdmissionRules:
    """The admission rules in force on ``day``. Before the first dated entry the earliest one is used: the
    deadlines were carried unchanged from QĐ 24/232 into QĐ 294 (rules.md §2.2), so a person voted on
    earlier is still judged by the same numbers rather than refused."""
    try:
        return rules_data.admission_rules_on(day)
    except rules_data.RuleDataError:
        return _earliest()


def _earliest() -> rules.AdmissionRules:
    """The first dated entry: walk back from the latest one, entry by entry, until there is none before."""
    found = rules_data.admission_rules_on(dt.date.max)
    while True:
        try:
            found = rules_data.admission_rules_on(found.effective_from - dt.timedelta(days=1))
        except rules_data.RuleDataError:
            return found


@dataclass(frozen=True)
class CandidateData:
    full_name: str
    birth_date: dt.date | None = None
    gender: str = ""
    occupation: str = ""
    helper_member_id: uuid.UUID | None = None
    special_case: bool = False
    youth_union: str = ""  # "doan" / "cong_doan" / ""
    notes: str = ""


@dataclass(frozen=True)
class StepInput:
    kind: str
    done_date: dt.date
    document_ref: str = ""
    member_id: uuid.UUID | None = None  # introducer (None: the BCH Đoàn / Công đoàn)
    since_date: dt.date | None = None  # introducer: together with the applicant in the same unit since
    outcome: str = ""


@dataclass(frozen=True)
class StepRecord:
    id: uuid.UUID
    kind: str
    label: str
    done_date: dt.date | None
    document_ref: str
    member_id: uuid.UUID | None
    member_name: str
    since_date: dt.date | None


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    label: str
    done: dt.date | None
    due: dt.date | None
    state: str  # done / open (a deadline further off) / due (soon: SOON_DAYS, as the overview) / overdue / waiting
    note: str = ""


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    candidate_id: uuid.UUID
    full_name: str
    step: str  # Vietnamese label
    state: str  # due / overdue


@dataclass(frozen=True)
class CandidateRow:
    id: uuid.UUID
    full_name: str
    birth_date: dt.date | None
    stage: str  # Vietnamese: "Quần chúng", "Đảng viên dự bị", "Đảng viên chính thức", …
    next_step: str
    next_due: dt.date | None
    state: str


@dataclass(frozen=True)
class CandidateDetail:
    id: uuid.UUID
    data: CandidateData
    member_id: uuid.UUID | None
    helper_name: str
    steps: tuple[StepRecord, ...]
    timeline: tuple[TimelineEntry, ...]
    alerts: tuple[str, ...]
    problems_for_vote: tuple[str, ...]  # what blocks the cell's admission vote today
    certificate_expiry: dt.date | None = None  # first day the awareness-class certificate is no longer valid


@dataclass(frozen=True)
class VoteRecord:
    kind: str
    day: dt.date
    passed: bool


@dataclass(frozen=True)
class _Facts:
    """Everything known about one person, read once in one session."""

    candidate: Candidate
    steps: tuple[AdmissionStep, ...]
    votes: tuple[VoteRecord, ...]
    names: dict[uuid.UUID, str]
    introducers: tuple[rules.Introducer, ...]

    def done(self, kind: str) -> dt.date | None:
        days = [s.done_date for s in self.steps if s.kind == kind and s.done_date]
        return max(days) if days else None

    def passed(self, kind: str) -> dt.date | None:
        days = [v.day for v in self.votes if v.kind == kind and v.passed]
        if not days and kind == "admission":  # voted before the cell kept its meetings here
            return self.done(HISTORY_RESOLUTION)
        return min(days) if days else None

    def failed(self, kind: str) -> int:
        return sum(1 for v in self.votes if v.kind == kind and not v.passed)

    def case(self) -> rules.AdmissionCase:
        c = self.candidate
        return rules.AdmissionCase(
            birth=c.birth_date or dt.date(1900, 1, 1), certificate=self.done("class_certificate"),
            cell_resolution=self.passed("admission"), special_case=c.special_case, decision=self.done("decision"),
            decision_received=self.done("decision_received"), ceremony=self.done("ceremony"),
            recognition_resolution=self.passed("recognition"),
            recognition_decision=self.done("recognition_decision"), introducers=self.introducers)


def _changes() -> Changes:
    return Changes(Change.ADMISSION)


def _load(session: Session, store: Store, candidate_id: uuid.UUID) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None or candidate.deleted or candidate.cell_id != store.cell_id:
        raise NotFoundError("Không tìm thấy người này trong danh sách phát triển đảng viên; hãy tải lại.")
    return candidate


@dataclass(frozen=True)
class _Known:
    """The cell's members, steps and linked votes, read in a few queries for every person at once."""

    names: dict[uuid.UUID, str]
    official_since: dict[uuid.UUID, dt.date]
    steps: dict[uuid.UUID, list[AdmissionStep]]
    votes: dict[uuid.UUID, list[VoteRecord]]


def _known(session: Session, store: Store) -> _Known:
    members = session.execute(select(Member.id, Member.full_name, Member.official_date)
                              .where(Member.cell_id == store.cell_id)).all()
    official = {m.id: m.official_date for m in members if m.official_date}
    recognised = session.execute(select(MemberEvent.member_id, MemberEvent.event_date).where(
        MemberEvent.cell_id == store.cell_id, MemberEvent.kind == EventKind.RECOGNITION.value,
        MemberEvent.deleted.is_(False)))
    for member_id, day in recognised:  # the record's "Ngày chính thức" first, else the recognition event
        official.setdefault(member_id, day)
    steps: dict[uuid.UUID, list[AdmissionStep]] = defaultdict(list)
    for step in session.scalars(select(AdmissionStep).where(AdmissionStep.cell_id == store.cell_id,
                                                            AdmissionStep.deleted.is_(False))
                                .order_by(AdmissionStep.done_date)):
        steps[step.candidate_id].append(step)
    votes: dict[uuid.UUID, list[VoteRecord]] = defaultdict(list)
    for vote, meeting in session.execute(
            select(Vote, Meeting).join(Meeting, Meeting.id == Vote.meeting_id)
            .where(Vote.cell_id == store.cell_id, Vote.candidate_id.is_not(None), Vote.deleted.is_(False),
                   Meeting.deleted.is_(False)).order_by(Meeting.planned_at)):
        assert vote.candidate_id is not None
        votes[vote.candidate_id].append(VoteRecord(vote.decision_kind, meeting.planned_at.date(), vote.passed))
    return _Known({m.id: m.full_name for m in members}, official, steps, votes)


def _facts(known: _Known, candidate: Candidate) -> _Facts:
    steps = tuple(known.steps.get(candidate.id, ()))
    introducers = tuple(
        rules.Introducer(name=known.names.get(s.member_id, "") if s.member_id else ORGANISATIONS.get(
                             candidate.youth_union, "Ban Chấp hành Đoàn cơ sở"),
                         known_since=s.since_date or s.done_date or dt.date.max,
                         official_since=known.official_since.get(s.member_id) if s.member_id else None,
                         is_organisation=s.member_id is None)
        for s in steps if s.kind == "introducer")
    return _Facts(candidate, steps, tuple(known.votes.get(candidate.id, ())), known.names, introducers)


def _organisation_problem(facts: _Facts, review: dt.date) -> str | None:
    """An organisation introducer only for an applicant under 30 where the cell said a Đoàn/Công đoàn exists."""
    c = facts.candidate
    organisations = sum(1 for i in facts.introducers if i.is_organisation)
    if not organisations:
        return None
    if not c.youth_union:
        return "Chỉ người dưới 30 tuổi mới được Ban Chấp hành Đoàn (hoặc Công đoàn) cơ sở giới thiệu."
    if c.birth_date and rules.age_months(c.birth_date, review) >= 12 * YOUTH_AGE_YEARS:
        return (f"Người xin vào Đảng đã đủ {YOUTH_AGE_YEARS} tuổi tại ngày xét nên cần 2 đảng viên chính thức "
                "giới thiệu, không do Ban Chấp hành Đoàn (Công đoàn) cơ sở giới thiệu.")
    if organisations > 1:
        return "Chỉ một người giới thiệu là tổ chức Đoàn (Công đoàn); người còn lại phải là đảng viên chính thức."
    return None


def vote_problems(facts: _Facts, review: dt.date, admission: rules.AdmissionRules) -> tuple[str, ...]:
    """What forbids the cell's admission vote on ``review`` (rules.md §2.1–2.2), in plain Vietnamese."""
    problems: list[str] = []
    certificate = facts.done("class_certificate")
    if certificate is None:
        problems.append("Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng.")
    elif rules.certificate_expiry(certificate, admission) <= review:
        problems.append(
            f"Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (cấp ngày {format_vn(certificate)}) đã hết hạn "
            f"ngày {format_vn(rules.certificate_expiry(certificate, admission))} "
            f"({admission.certificate_valid_months} tháng); người xin vào Đảng phải học lại trước khi chi bộ xét.")
    if facts.candidate.birth_date is None:
        problems.append("Chưa ghi ngày sinh của người xin vào Đảng.")
    else:
        age = rules.age_problem(facts.candidate.birth_date, review, admission)
        if age:
            problems.append(age)
    problems.extend(rules.introducer_problems(facts.introducers, review, admission))
    organisation = _organisation_problem(facts, review)
    if organisation:
        problems.append(organisation)
    return tuple(problems)


def _entry(kind: str, done: dt.date | None, due: dt.date | None, today: dt.date, note: str = "",
           reachable: bool = True) -> TimelineEntry:
    if done is not None:
        state = "done"
    elif due is None or not reachable:
        state = "waiting"
    else:
        # "Sắp đến hạn" (amber) only when it is as near as the overview calls "soon"; a deadline years
        # off (the review of a candidate's admission in 2031) is open, not pressing.
        state = "overdue" if today > due else "due" if (due - today).days <= SOON_DAYS else "open"
    return TimelineEntry(kind, ENTRY_LABELS[kind], done, due if reachable else None, state, note)


def _certificate_expiry(facts: _Facts) -> dt.date | None:
    issued = facts.done("class_certificate")
    return rules.certificate_expiry(issued, rules_on(issued)) if issued else None


def _timeline(facts: _Facts, today: dt.date, include_uncertain: bool) -> tuple[TimelineEntry, ...]:
    holidays, makeup = calendar(include_uncertain)
    case = facts.case()
    admission = rules_on(case.cell_resolution or today)
    t = rules.timeline(case, holidays, admission, makeup)
    entries: list[TimelineEntry] = []
    for kind in ("class_certificate", "application", "background_declaration", "background_check"):
        note = f"Hết hạn ngày {format_vn(t.certificate_expiry)}" if kind == "class_certificate" and \
            t.certificate_expiry else ""
        entries.append(_entry(kind, facts.done(kind), None, today, note))
    intro = [s for s in facts.steps if s.kind == "introducer"]
    names = ", ".join(facts.names.get(s.member_id, "") if s.member_id else ORGANISATIONS.get(
        facts.candidate.youth_union, "Đoàn cơ sở") for s in intro)
    entries.append(_entry("introducer", max((s.done_date for s in intro if s.done_date), default=None)
                          if len(intro) >= 2 else None, None, today, names))
    for kind in ("mass_opinion", "residence_opinion"):
        entries.append(_entry(kind, facts.done(kind), None, today))
    voted = case.cell_resolution
    # The certificate's last valid day is the latest day the cell can vote without a new class.
    last_valid = t.certificate_expiry - dt.timedelta(days=1) if t.certificate_expiry else None
    failed = facts.failed("admission")
    entries.append(_entry(CELL_VOTE, voted, None if voted else last_valid, today,
                          f"{failed} lần biểu quyết chưa đủ 2/3" if failed and not voted else ""))
    entries.append(_entry("committee_review", facts.done("committee_review"), None, today))
    entries.append(_entry("decision", case.decision, t.decision_deadline, today))
    received = case.decision_received or case.decision
    entries.append(_entry("ceremony", case.ceremony, t.ceremony_deadline, today,
                          f"Nhận quyết định ngày {format_vn(received)}" if received else ""))
    if case.ceremony:
        records_due = add_working_days(case.ceremony, admission.ceremony_working_days, holidays, makeup)
        entries.append(_entry("party_records", facts.done("party_records"), records_due, today))
    end = t.probation_end
    recognised = case.recognition_decision
    entries.append(_entry(PROBATION, end if end and (today >= end or recognised) else None, end, today))
    failed_recognition = facts.failed("recognition")
    entries.append(_entry(RECOGNITION_VOTE, case.recognition_resolution, t.recognition_review_deadline, today,
                          f"{failed_recognition} lần biểu quyết chưa đủ 2/3" if failed_recognition else "",
                          reachable=end is not None and today >= end - dt.timedelta(days=30)))
    entries.append(_entry("recognition_decision", recognised, t.recognition_decision_deadline, today,
                          f"Chính thức từ ngày {format_vn(end)}" if end else ""))
    removal = facts.passed("removal")
    if removal or (failed_recognition and not case.recognition_resolution):
        entries.append(_entry(REMOVAL, removal, None, today, "Không đủ điều kiện công nhận chính thức"))
    for kind, failed_count in (("admission", failed), ("recognition", failed_recognition)):
        if failed_count >= FAILED_VOTES_TO_REPORT and not facts.passed(kind) and not removal:
            entries.append(TimelineEntry(REPORT_UPWARD, ENTRY_LABELS[REPORT_UPWARD], None, today, "due",
                                         f"{failed_count} lần biểu quyết không đủ 2/3"))
    return tuple(entries)


def _next(entries: Sequence[TimelineEntry]) -> TimelineEntry | None:
    open_ = sorted((e for e in entries if e.state in OPEN_STATES and e.due), key=lambda e: e.due or dt.date.max)
    if open_:
        return open_[0]
    return next((e for e in entries if e.state == "waiting"), None)


def _stage(facts: _Facts, today: dt.date) -> str:
    case = facts.case()
    if facts.passed("removal"):
        return "Đề nghị xóa tên"
    if case.recognition_decision:
        return "Đảng viên chính thức"
    if case.ceremony:
        return "Đảng viên dự bị"
    return "Quần chúng ưu tú"


def _alerts(facts: _Facts, today: dt.date, include_uncertain: bool) -> tuple[str, ...]:
    holidays, makeup = calendar(include_uncertain)
    case = facts.case()
    admission = rules_on(case.cell_resolution or today)
    return tuple(a.message for a in rules.admission_alerts(case, today, holidays, admission, makeup))


def _finished(facts: _Facts) -> bool:
    """Recognised as official, or proposed for removal: out of the pipeline's lists."""
    return facts.case().recognition_decision is not None or facts.passed("removal") is not None


def _candidates(session: Session, store: Store) -> list[Candidate]:
    return list(session.scalars(select(Candidate).where(Candidate.cell_id == store.cell_id,
                                                        Candidate.deleted.is_(False))))


def list_candidates(store: Store, today: dt.date | None = None, *,
                    include_uncertain: bool = False) -> list[CandidateRow]:
    """Everyone in the pipeline who is not yet official, next deadline soonest first (undated last)."""
    today = today or dt.date.today()
    rows: list[CandidateRow] = []
    with store.transaction() as session:
        known = _known(session, store)
        for candidate in _candidates(session, store):
            facts = _facts(known, candidate)
            if _finished(facts):
                continue
            entry = _next(_timeline(facts, today, include_uncertain))
            rows.append(CandidateRow(candidate.id, candidate.full_name, candidate.birth_date, _stage(facts, today),
                                     entry.label if entry else "", entry.due if entry else None,
                                     entry.state if entry else "done"))
    rows.sort(key=lambda r: (r.next_due or dt.date.max, r.full_name))
    return rows


def open_deadlines(store: Store, today: dt.date | None = None, *,
                   include_uncertain: bool = False) -> list[Deadline]:
    """Every open dated step of every person in the pipeline, soonest first (the CLI and the overview)."""
    today = today or dt.date.today()
    found: list[Deadline] = []
    with store.transaction() as session:
        known = _known(session, store)
        for candidate in _candidates(session, store):
            facts = _facts(known, candidate)
            if _finished(facts):
                continue
            for entry in _timeline(facts, today, include_uncertain):
                if entry.due and entry.state in OPEN_STATES:
                    found.append(Deadline(entry.due, candidate.id, candidate.full_name, entry.label, entry.state))
    found.sort(key=lambda d: (d.due, d.full_name))
    return found


def next_deadlines(store: Store, today: dt.date | None = None, *,
                   include_uncertain: bool = False) -> list[Deadline]:
    """Each person's soonest open deadline, soonest first (the overview lists one line per person)."""
    seen: set[uuid.UUID] = set()
    firsts: list[Deadline] = []
    for deadline in open_deadlines(store, today, include_uncertain=include_uncertain):
        if deadline.candidate_id not in seen:
            seen.add(deadline.candidate_id)
            firsts.append(deadline)
    return firsts


def _data(candidate: Candidate) -> CandidateData:
    return CandidateData(candidate.full_name, candidate.birth_date, candidate.gender, candidate.occupation,
                         candidate.helper_member_id, candidate.special_case, candidate.youth_union, candidate.notes)


def get_candidate(store: Store, candidate_id: uuid.UUID, today: dt.date | None = None, *,
                  include_uncertain: bool = False) -> CandidateDetail:
    today = today or dt.date.today()
    with store.transaction() as session:
        candidate = _load(session, store, candidate_id)
        known = _known(session, store)
        names = known.names
        facts = _facts(known, candidate)
        steps = tuple(StepRecord(s.id, s.kind, STEP_LABELS.get(s.kind, ENTRY_LABELS[CELL_VOTE]), s.done_date, s.document_ref,
                                 s.member_id, names.get(s.member_id, "") if s.member_id else "", s.since_date)
                      for s in facts.steps)
        review = facts.passed("admission") or today
        blocking = () if facts.case().cell_resolution else vote_problems(
            facts, review, rules_on(review))
        return CandidateDetail(candidate.id, _data(candidate), candidate.member_id,
                               names.get(candidate.helper_member_id, "") if candidate.helper_member_id else "",
                               steps, _timeline(facts, today, include_uncertain),
                               _alerts(facts, today, include_uncertain), blocking, _certificate_expiry(facts))


def _checked(data: CandidateData, today: dt.date) -> CandidateData:
    name = nfc(data.full_name.strip()) or ""
    if not name:
        raise ValidationFailed("Hãy nhập họ và tên người xin vào Đảng.", field="full_name")
    if data.birth_date and data.birth_date >= today:
        raise ValidationFailed(f"Ngày sinh {format_vn(data.birth_date)} ở sau hôm nay; hãy kiểm tra lại.",
                               field="birth_date")
    if data.youth_union not in ("", *ORGANISATIONS):
        raise ValidationFailed("Tổ chức giới thiệu chỉ có thể là Đoàn hoặc Công đoàn cơ sở.", field="youth_union")
    if data.gender and data.gender not in ("Nam", "Nữ"):
        raise ValidationFailed("Giới tính ghi \"Nam\" hoặc \"Nữ\".", field="gender")
    return CandidateData(name, data.birth_date, data.gender, nfc(data.occupation.strip()) or "",
                         data.helper_member_id, data.special_case, data.youth_union, nfc(data.notes) or "")


def _apply(candidate: Candidate, data: CandidateData) -> None:
    candidate.full_name, candidate.birth_date, candidate.gender = data.full_name, data.birth_date, data.gender
    candidate.occupation, candidate.helper_member_id = data.occupation, data.helper_member_id
    candidate.special_case, candidate.youth_union, candidate.notes = data.special_case, data.youth_union, data.notes


def create_candidate(store: Store, data: CandidateData, today: dt.date | None = None) -> OpResult[uuid.UUID]:
    data = _checked(data, today or dt.date.today())
    with store.transaction() as session:
        candidate = Candidate(id=new_id(), cell_id=store.cell_id, full_name=data.full_name)
        _apply(candidate, data)
        session.add(candidate)
        session.flush()
        store.audit(session, "candidate", candidate.id, "create", None, {"full_name": data.full_name})
        return OpResult(candidate.id, _changes())


def update_candidate(store: Store, candidate_id: uuid.UUID, data: CandidateData,
                     today: dt.date | None = None) -> OpResult[CandidateData]:
    """Save the person's fields; returns the before-image (for undo)."""
    data = _checked(data, today or dt.date.today())
    with store.transaction() as session:
        candidate = _load(session, store, candidate_id)
        before = _data(candidate)
        _apply(candidate, data)
        store.audit(session, "candidate", candidate.id, "update", {"full_name": before.full_name},
                    {"full_name": data.full_name})
        return OpResult(before, _changes())


def _admit(session: Session, store: Store, candidate: Candidate, facts: _Facts, ceremony: dt.date) -> None:
    """The ceremony puts the person on the roster as a probationary member (party age from the decision)."""
    decision = facts.done("decision")
    if decision is None:
        raise ValidationFailed("Chưa ghi quyết định kết nạp; hãy ghi quyết định trước lễ kết nạp.", field="kind")
    if ceremony < decision:
        raise ValidationFailed(f"Lễ kết nạp ({format_vn(ceremony)}) không thể trước ngày quyết định kết nạp "
                               f"({format_vn(decision)}).", field="done_date")
    data = validated(MemberData(full_name=candidate.full_name, birth_date=candidate.birth_date,
                                gender=candidate.gender, profession=candidate.occupation,
                                admission_decision_date=decision, ceremony_date=ceremony), today=ceremony)
    values, events = new_member_rows(store.cell_id, data)
    member = Member(**values)
    session.add_all([member, *(MemberEvent(**event) for event in events)])
    session.flush()
    candidate.member_id = member.id
    candidate.stage = "probationary"
    store.audit(session, "member", member.id, "create", None, {"from_candidate": str(candidate.id)})


_VOTE_FIRST = "Chi bộ chưa biểu quyết đề nghị kết nạp (ít nhất 2/3) tại một kỳ sinh hoạt."
_NOT_YET = {
    "committee_review": _VOTE_FIRST, "decision": _VOTE_FIRST, "ceremony": _VOTE_FIRST,
    "decision_received": "Chưa ghi quyết định kết nạp.",
    "party_records": "Chưa ghi lễ kết nạp.",
    "recognition_decision": "Chi bộ chưa biểu quyết đề nghị công nhận đảng viên chính thức (ít nhất 2/3) tại một "
                            "kỳ sinh hoạt.",
}


def record_step(store: Store, candidate_id: uuid.UUID, step: StepInput,
                today: dt.date | None = None) -> OpResult[uuid.UUID]:
    """Record one dated step with its document. The ceremony adds the person to the roster; the recognition
    decision makes them official as of the end of the 12 months."""
    today = today or dt.date.today()
    if step.kind not in STEP_LABELS:
        raise ValidationFailed("Hãy chọn bước cần ghi.", field="kind")
    if step.done_date > today:
        raise ValidationFailed(f"Ngày {format_vn(step.done_date)} ở sau hôm nay; hãy kiểm tra lại.",
                               field="done_date")
    changes = _changes()
    with store.transaction() as session:
        candidate = _load(session, store, candidate_id)
        facts = _facts(_known(session, store), candidate)
        case = facts.case()
        if step.kind == "introducer":
            if step.member_id is None and not candidate.youth_union:
                raise ValidationFailed("Hãy chọn đảng viên giới thiệu.", field="member_id")
            if step.since_date is None or step.since_date > step.done_date:
                raise ValidationFailed("Hãy ghi từ ngày nào người giới thiệu cùng công tác, học tập hoặc cư trú "
                                       "với người xin vào Đảng.", field="since_date")
            if step.member_id is not None and any(s.member_id == step.member_id for s in facts.steps
                                                  if s.kind == "introducer"):
                raise ValidationFailed("Đồng chí này đã là người giới thiệu.", field="member_id")
        elif step.kind != "class_certificate" and facts.done(step.kind) is not None:  # a new class may be taken
            raise ValidationFailed(f"Bước \u201c{STEP_LABELS[step.kind]}\u201d đã được ghi; hãy sửa bản ghi cũ.",
                                   field="kind")
        after = {"committee_review": case.cell_resolution, "decision": case.cell_resolution,
                 "decision_received": case.decision, "ceremony": case.cell_resolution,
                 "party_records": case.ceremony, "recognition_decision": case.recognition_resolution}
        if step.kind in after:
            earlier = after[step.kind]
            if earlier is None:
                raise ValidationFailed(_NOT_YET[step.kind], field="kind")
            if step.done_date < earlier:
                raise ValidationFailed(f"Ngày {format_vn(step.done_date)} trước bước cần có trước nó "
                                       f"({format_vn(earlier)}); hãy kiểm tra lại.", field="done_date")
        record = AdmissionStep(id=new_id(), cell_id=candidate.cell_id, candidate_id=candidate.id, kind=step.kind,
                               done_date=step.done_date, document_ref=nfc(step.document_ref.strip()) or "",
                               member_id=step.member_id, since_date=step.since_date, outcome=step.outcome)
        session.add(record)
        session.flush()
        if step.kind == "ceremony":
            _admit(session, store, candidate, facts, step.done_date)
            changes.add(Change.MEMBER)
        store.audit(session, "admission_step", record.id, "create", None,
                    {"candidate_id": str(candidate.id), "kind": step.kind, "done_date": step.done_date.isoformat()})
        member_id = candidate.member_id
        ceremony = case.ceremony
    if step.kind == "recognition_decision" and member_id and ceremony:
        # Official as of the end of the 12 months, however late the cell met (rules.md §2.2 step 14).
        official = rules.probation_end(ceremony, rules_on(ceremony))
        event = EventInput(kind=EventKind.RECOGNITION.value, event_date=official, decision_ref=step.document_ref)
        _, more = add_event(store, member_id, event)
        changes = changes | more
    return OpResult(record.id, changes)


def _set_step_deleted(store: Store, step_id: uuid.UUID, deleted: bool) -> OpResult[None]:
    with store.transaction() as session:
        step = session.get(AdmissionStep, step_id)
        if step is None or step.cell_id != store.cell_id:
            raise NotFoundError("Không tìm thấy bước này; hãy tải lại.")
        if step.kind in ROSTER_STEPS:
            raise ValidationFailed("Lễ kết nạp và quyết định công nhận đã ghi vào danh sách đảng viên; "
                                   "hãy sửa ở trang Đảng viên.")
        step.deleted = deleted
        store.audit(session, "admission_step", step.id, "delete" if deleted else "restore")
    return OpResult(None, _changes())


def delete_step(store: Store, step_id: uuid.UUID) -> OpResult[None]:
    """Remove a step recorded by mistake (a tombstone that syncs; ``restore_step`` brings it back). The ceremony
    and the recognition decision changed the roster: they are corrected there."""
    return _set_step_deleted(store, step_id, True)


def restore_step(store: Store, step_id: uuid.UUID) -> OpResult[None]:
    return _set_step_deleted(store, step_id, False)


def _set_candidate_deleted(store: Store, candidate_id: uuid.UUID, deleted: bool) -> OpResult[None]:
    with store.transaction() as session:
        candidate = session.get(Candidate, candidate_id)
        if candidate is None or candidate.cell_id != store.cell_id:
            raise NotFoundError("Không tìm thấy người này; hãy tải lại.")
        if deleted and candidate.member_id is not None:
            raise ValidationFailed("Người này đã được kết nạp; hồ sơ được giữ cùng đảng viên.")
        candidate.deleted = deleted
        store.audit(session, "candidate", candidate.id, "delete" if deleted else "restore")
    return OpResult(None, _changes())


def delete_candidate(store: Store, candidate_id: uuid.UUID) -> OpResult[None]:
    """Remove a person added by mistake (before admission); ``restore_candidate`` brings them back."""
    return _set_candidate_deleted(store, candidate_id, True)


def restore_candidate(store: Store, candidate_id: uuid.UUID) -> OpResult[None]:
    return _set_candidate_deleted(store, candidate_id, False)


def check_vote(session: Session, store: Store, candidate_id: uuid.UUID, kind: str, day: dt.date) -> None:
    """Refuse an admission or recognition vote the rules forbid (called by ``services.votes``)."""
    candidate = _load(session, store, candidate_id)
    facts = _facts(_known(session, store), candidate)
    case = facts.case()
    if kind == "admission":
        problems = vote_problems(facts, day, rules_on(day))
        if problems:
            raise ValidationFailed(f"Chưa thể biểu quyết đề nghị kết nạp {candidate.full_name}: "
                                   + " ".join(problems), field="candidate")
    elif kind == "recognition":
        if case.ceremony is None:
            raise ValidationFailed(f"{candidate.full_name} chưa được kết nạp nên chưa thể xét công nhận "
                                   "đảng viên chính thức.", field="candidate")
        end = rules.probation_end(case.ceremony, rules_on(case.ceremony))
        if day < end:
            raise ValidationFailed(f"Đồng chí {candidate.full_name} đến ngày {format_vn(end)} mới hết 12 tháng "
                                   "dự bị; chi bộ chưa thể xét công nhận đảng viên chính thức.", field="candidate")
    elif kind == "removal":
        if case.ceremony is None:
            raise ValidationFailed("Chỉ đề nghị xóa tên một đảng viên dự bị.", field="candidate")
    else:
        raise ValidationFailed("Chỉ biểu quyết kết nạp, công nhận chính thức hoặc xóa tên mới gắn với một người.",
                               field="candidate")


@dataclass(frozen=True)
class Choice:
    id: uuid.UUID
    full_name: str
    stage: str


def vote_choices(store: Store, kind: str, today: dt.date | None = None) -> list[Choice]:
    """Who a meeting's vote of ``kind`` may be about: candidates before their admission vote, probationary
    members before their recognition vote (the candidate picker of the vote form)."""
    today = today or dt.date.today()
    found: list[Choice] = []
    with store.transaction() as session:
        known = _known(session, store)
        for candidate in _candidates(session, store):
            facts = _facts(known, candidate)
            case = facts.case()
            wanted = {"admission": case.ceremony is None and case.cell_resolution is None,
                      "recognition": case.ceremony is not None and case.recognition_decision is None,
                      "removal": case.ceremony is not None and case.recognition_decision is None}.get(kind, False)
            if wanted:
                found.append(Choice(candidate.id, candidate.full_name, _stage(facts, today)))
    found.sort(key=lambda c: c.full_name)
    return found
