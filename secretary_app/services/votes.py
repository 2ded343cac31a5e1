"""Votes at a meeting: the base by the rules of documents.md §5.4 (official members minus the excluded
kinds; probationary members never counted) and the threshold of the decision kind, with the arithmetic
shown. Low attendance warns, never blocks."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from models.base import new_id
from models.meetings import AgendaItem, Vote
from models.rules.votes import (
    SECRET_BALLOT_KINDS,
    BaseBreakdown,
    DecisionKind,
    Threshold,
    VoteCountError,
    tally,
    threshold_for,
    yes_needed,
)
from secretary_app import rules_data
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.errors import NotFoundError, ValidationFailed
from secretary_app.services.meeting_attendance import sheet_in
from secretary_app.services.meeting_cycle import editable_meeting, load_meeting
from secretary_app.store import Store

#: The kinds of decision a cell votes on. The threshold is not part of the name: it is the dated rule in
#: force on the meeting day (``decision_choices``).
DECISION_LABELS = {
    DecisionKind.RESOLUTION: "Thông qua nghị quyết, kết luận",
    DecisionKind.ADMISSION: "Đề nghị kết nạp đảng viên",
    DecisionKind.RECOGNITION: "Đề nghị công nhận đảng viên chính thức",
    DecisionKind.DISCIPLINE: "Kỷ luật khiển trách, cảnh cáo, cách chức",
    DecisionKind.REMOVAL: "Đề nghị xóa tên",
    DecisionKind.EXPULSION: "Kỷ luật khai trừ",
}
THRESHOLD_LABELS = {Threshold.MORE_THAN_HALF: "quá 1/2", Threshold.AT_LEAST_TWO_THIRDS: "ít nhất 2/3"}
BALLOTS = ("yes", "no", "abstain")


@dataclass(frozen=True)
class NamedBallot:
    member_id: uuid.UUID
    name: str
    choice: str  # one of BALLOTS


def ballots_of(vote: Vote) -> tuple[NamedBallot, ...]:
    """The named ballots stored with a vote; () for a show of hands (or an unreadable value)."""
    if not vote.ballots:
        return ()
    try:
        return tuple(NamedBallot(uuid.UUID(b["member_id"]), b["name"], b["choice"]) for b in json.loads(vote.ballots)
                     if b.get("choice") in BALLOTS)
    except (ValueError, TypeError, KeyError):
        return ()


@dataclass(frozen=True)
class VoteRow:
    id: uuid.UUID
    subject: str
    kind: str
    yes: int
    no: int
    abstain: int
    base: int
    passed: bool
    explanation: str  # the arithmetic, e.g. "11/20 tán thành (55,0%) > 1/2 → thông qua"
    base_explanation: str  # e.g. "23 đảng viên chính thức − 2 chuyển sinh hoạt tạm thời đi − … = 20"
    attendance_warning: str
    ignored_probationary: int = 0  # named ballots of probationary members, never counted
    ballots: tuple[NamedBallot, ...] = ()  # who voted how, when the secretary chose a named vote
    candidate_id: uuid.UUID | None = None  # admission / recognition / removal: the person decided on


def _row(vote: Vote, breakdown: BaseBreakdown, warning: str, day: dt.date, ignored: int = 0) -> VoteRow:
    result = tally(DecisionKind(vote.decision_kind), vote.yes, vote.no, vote.abstain, vote.base,
                   rules=rules_data.vote_rules_on(day))
    return VoteRow(vote.id, vote.subject, vote.decision_kind, vote.yes, vote.no, vote.abstain, vote.base,
                   vote.passed, result.explanation, breakdown.explanation(), warning, ignored, ballots_of(vote),
                   vote.candidate_id)


def needed_to_pass(kind: str, base: int, day: dt.date) -> int | None:
    """The fewest "yes" ballots that pass a decision of ``kind`` on ``base`` at a meeting on ``day`` (the
    threshold in force that day); None if nothing can pass."""
    return yes_needed(threshold_for(DecisionKind(kind), rules=rules_data.vote_rules_on(day)), base)


def decision_choices(day: dt.date) -> tuple[tuple[str, str], ...]:
    """(kind, label) for the vote kind picker of a meeting on ``day``, each label with the threshold in force
    that day, e.g. ("expulsion", "Kỷ luật khai trừ (ít nhất 2/3)")."""
    rules = rules_data.vote_rules_on(day)
    return tuple((kind.value, f"{label} ({THRESHOLD_LABELS[threshold_for(kind, rules=rules)]})")
                 for kind, label in DECISION_LABELS.items())


def may_be_secret(kind: str) -> bool:
    """Whether the rules let the cell decide ``kind`` by secret ballot (which has no names to record)."""
    return DecisionKind(kind) in SECRET_BALLOT_KINDS


def vote_base(store: Store, meeting_id: uuid.UUID) -> BaseBreakdown:
    with store.transaction() as session:
        return sheet_in(session, store, load_meeting(session, store, meeting_id)).base


def list_votes(store: Store, meeting_id: uuid.UUID) -> list[VoteRow]:
    with store.transaction() as session:
        meeting = load_meeting(session, store, meeting_id)
        sheet = sheet_in(session, store, meeting)
        votes = session.scalars(select(Vote).where(Vote.meeting_id == meeting.id, Vote.deleted.is_(False))
                                .order_by(Vote.updated_at))
        return [_row(v, sheet.base, sheet.warning, sheet.day) for v in votes]


def record_vote(store: Store, meeting_id: uuid.UUID, subject: str, kind: str, yes: int, no: int, abstain: int,
                *, agenda_item_id: uuid.UUID | None = None, vote_id: uuid.UUID | None = None,
                ignored_probationary: int = 0,
                named: tuple[NamedBallot, ...] = (),
                candidate_id: uuid.UUID | None = None) -> OpResult[VoteRow]:
    """Record (or correct) one decision's show of hands. The base comes from the attendance sheet.

    ``named`` is given by ``record_named_vote`` only; a correction by counts drops an earlier named list,
    which would no longer match the counts.

    ``candidate_id`` links an admission, recognition or removal vote to the person in the admission
    pipeline, which reads its result; a vote the rules forbid (expired certificate, introducers short of
    12 months, applicant over 60 by month) is refused with the reason."""
    if not subject.strip():
        raise ValidationFailed("Hãy ghi nội dung được biểu quyết.", field="subject")
    try:
        decision = DecisionKind(kind)
    except ValueError:
        raise ValidationFailed("Loại quyết định không hợp lệ.", field="kind") from None
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        sheet = sheet_in(session, store, meeting)
        try:
            result = tally(decision, yes, no, abstain, sheet.base.base,
                           eligible_present=sheet.base.eligible_present, rules=rules_data.vote_rules_on(sheet.day))
        except VoteCountError as exc:
            raise ValidationFailed(str(exc), field="yes") from None
        if candidate_id is not None:
            # Imported here: the admission service (and its rules) is not needed by anything reading votes.
            from secretary_app.services.admissions import check_vote

            check_vote(session, store, candidate_id, decision.value, meeting.planned_at.date())
        if agenda_item_id is not None:
            item = session.get(AgendaItem, agenda_item_id)
            if item is None or item.deleted or item.meeting_id != meeting.id:
                raise ValidationFailed("Nội dung họp đã chọn không thuộc kỳ sinh hoạt này; hãy chọn lại.",
                                       field="agenda_item")
        vote = session.get(Vote, vote_id) if vote_id else None
        if vote is None:
            vote = Vote(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id, subject="")
            session.add(vote)
        vote.subject, vote.decision_kind, vote.agenda_item_id = subject.strip(), decision.value, agenda_item_id
        vote.yes, vote.no, vote.abstain = yes, no, abstain
        vote.candidate_id = candidate_id
        vote.base, vote.passed = result.base, result.passed
        vote.ballots = json.dumps([{"member_id": str(b.member_id), "name": b.name, "choice": b.choice}
                                   for b in named], ensure_ascii=False) if named else ""
        session.flush()
        store.audit(session, "vote", vote.id, "record", after={"subject": vote.subject, "yes": yes, "no": no,
                                                                "abstain": abstain, "base": result.base})
        row = VoteRow(vote.id, vote.subject, vote.decision_kind, yes, no, abstain, result.base, result.passed,
                      result.explanation, sheet.base.explanation(), sheet.warning, ignored_probationary,
                      ballots_of(vote), candidate_id)
    changes = Changes(Change.MEETING | Change.VOTE)
    if candidate_id is not None:
        changes.add(Change.ADMISSION)
    return OpResult(row, changes)


def record_named_vote(store: Store, meeting_id: uuid.UUID, subject: str, kind: str,
                      ballots: dict[uuid.UUID, str], *, agenda_item_id: uuid.UUID | None = None,
                      vote_id: uuid.UUID | None = None,
                      candidate_id: uuid.UUID | None = None) -> OpResult[VoteRow]:
    """Named votes: ``{member_id: "yes" | "no" | "abstain"}``. Only official members in the vote base who
    are present are counted; probationary members' ballots are dropped (they have no vote). The counted
    ballots are stored with the counts, so the minutes list who voted how."""
    with store.transaction() as session:
        sheet = sheet_in(session, store, load_meeting(session, store, meeting_id))
    by_id = {r.member_id: r for r in sheet.rows}
    voters = {r.member_id for r in sheet.voters}
    counts = dict.fromkeys(BALLOTS, 0)
    named: list[NamedBallot] = []
    ignored = 0
    for member_id, ballot in ballots.items():
        if ballot not in BALLOTS:
            raise ValidationFailed("Phiếu biểu quyết chỉ có: tán thành, không tán thành, ý kiến khác.")
        row = by_id.get(member_id)
        if row is None:
            raise ValidationFailed("Có phiếu của người không thuộc danh sách đảng viên dự họp.")
        if row.membership != "official" or row.temporarily_here:
            ignored += 1
            continue
        if not row.present:
            raise ValidationFailed(f"Đồng chí {row.full_name} được ghi vắng mặt nên không thể biểu quyết.")
        if member_id not in voters:  # suspended or transferred away: present, but not in the vote base
            raise ValidationFailed(f"Đồng chí {row.full_name} không thuộc danh sách biểu quyết của kỳ họp này.")
        counts[ballot] += 1
        named.append(NamedBallot(member_id, row.full_name, ballot))
    order = {r.member_id: n for n, r in enumerate(sheet.rows)}
    named.sort(key=lambda b: order[b.member_id])  # in the order of the roll, as the minutes list people
    return record_vote(store, meeting_id, subject, kind, counts["yes"], counts["no"], counts["abstain"],
                       agenda_item_id=agenda_item_id, vote_id=vote_id, ignored_probationary=ignored,
                       named=tuple(named), candidate_id=candidate_id)


def _set_vote_deleted(store: Store, vote_id: uuid.UUID, deleted: bool) -> OpResult[None]:
    with store.transaction() as session:
        vote = session.get(Vote, vote_id)
        if vote is None or vote.cell_id != store.cell_id:
            raise NotFoundError("Không tìm thấy lần biểu quyết này.")
        editable_meeting(session, store, vote.meeting_id)  # a finalised meeting's votes are its record
        vote.deleted = deleted
        store.audit(session, "vote", vote.id, "delete" if deleted else "restore",
                    after={"subject": vote.subject, "yes": vote.yes, "no": vote.no, "abstain": vote.abstain})
    changes = Changes(Change.MEETING | Change.VOTE)
    return OpResult(None, changes)


def delete_vote(store: Store, vote_id: uuid.UUID) -> OpResult[None]:
    """Remove a vote recorded by mistake: a tombstone that syncs; ``restore_vote`` brings it back."""
    return _set_vote_deleted(store, vote_id, True)


def restore_vote(store: Store, vote_id: uuid.UUID) -> OpResult[None]:
    """Undo of ``delete_vote``: the vote, its counts and named ballots are as they were."""
    return _set_vote_deleted(store, vote_id, False)
