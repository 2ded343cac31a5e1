"""Votes at a meeting: the base by the rules of documents.md §5.4 (official members minus the excluded
kinds; probationary members never counted) and the threshold of the decision kind, with the arithmetic
shown. Low attendance warns, never blocks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from models.base import new_id
from models.meetings import Vote
from models.rules.votes import BaseBreakdown, DecisionKind, VoteCountError, tally
from secretary_app.errors import NotFoundError, ValidationFailed
from secretary_app.services.meeting_attendance import sheet_in
from secretary_app.services.meeting_cycle import editable_meeting, load_meeting
from secretary_app.store import Changes, Store

DECISION_LABELS = {
    DecisionKind.RESOLUTION: "Thông qua nghị quyết, kết luận (quá 1/2)",
    DecisionKind.ADMISSION: "Đề nghị kết nạp đảng viên (ít nhất 2/3)",
    DecisionKind.RECOGNITION: "Đề nghị công nhận đảng viên chính thức (ít nhất 2/3)",
    DecisionKind.DISCIPLINE: "Kỷ luật đảng viên",
    DecisionKind.REMOVAL: "Đề nghị xóa tên (ít nhất 2/3)",
}
BALLOTS = ("yes", "no", "abstain")


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


def _row(vote: Vote, breakdown: BaseBreakdown, warning: str, ignored: int = 0) -> VoteRow:
    result = tally(DecisionKind(vote.decision_kind), vote.yes, vote.no, vote.abstain, vote.base)
    return VoteRow(vote.id, vote.subject, vote.decision_kind, vote.yes, vote.no, vote.abstain, vote.base,
                   vote.passed, result.explanation, breakdown.explanation(), warning, ignored)


def vote_base(store: Store, meeting_id: uuid.UUID) -> BaseBreakdown:
    with store.transaction() as session:
        return sheet_in(session, store, load_meeting(session, store, meeting_id)).base


def list_votes(store: Store, meeting_id: uuid.UUID) -> list[VoteRow]:
    with store.transaction() as session:
        meeting = load_meeting(session, store, meeting_id)
        sheet = sheet_in(session, store, meeting)
        votes = session.scalars(select(Vote).where(Vote.meeting_id == meeting.id, Vote.deleted.is_(False))
                                .order_by(Vote.updated_at))
        return [_row(v, sheet.base, sheet.warning) for v in votes]


def record_vote(store: Store, meeting_id: uuid.UUID, subject: str, kind: str, yes: int, no: int, abstain: int,
                *, agenda_item_id: uuid.UUID | None = None, vote_id: uuid.UUID | None = None,
                ignored_probationary: int = 0) -> tuple[VoteRow, Changes]:
    """Record (or correct) one decision's show of hands. The base comes from the attendance sheet."""
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
                           eligible_present=sheet.base.eligible_present)
        except VoteCountError as exc:
            raise ValidationFailed(str(exc), field="yes") from None
        vote = session.get(Vote, vote_id) if vote_id else None
        if vote is None:
            vote = Vote(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id, subject="")
            session.add(vote)
        vote.subject, vote.decision_kind, vote.agenda_item_id = subject.strip(), decision.value, agenda_item_id
        vote.yes, vote.no, vote.abstain = yes, no, abstain
        vote.base, vote.passed = result.base, result.passed
        session.flush()
        store.audit(session, "vote", vote.id, "record", after={"subject": vote.subject, "yes": yes, "no": no,
                                                                "abstain": abstain, "base": result.base})
        row = VoteRow(vote.id, vote.subject, vote.decision_kind, yes, no, abstain, result.base, result.passed,
                      result.explanation, sheet.base.explanation(), sheet.warning, ignored_probationary)
    changes = Changes()
    changes.add("meeting")
    return row, changes


def record_named_vote(store: Store, meeting_id: uuid.UUID, subject: str, kind: str,
                      ballots: dict[uuid.UUID, str]) -> tuple[VoteRow, Changes]:
    """Named votes: ``{member_id: "yes" | "no" | "abstain"}``. Only official members in the vote base who
    are present are counted; probationary members' ballots are dropped (they have no vote)."""
    with store.transaction() as session:
        sheet = sheet_in(session, store, load_meeting(session, store, meeting_id))
    by_id = {r.member_id: r for r in sheet.rows}
    counts = dict.fromkeys(BALLOTS, 0)
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
        if row.status != "present":
            raise ValidationFailed(f"Đồng chí {row.full_name} được ghi vắng mặt nên không thể biểu quyết.")
        counts[ballot] += 1
    return record_vote(store, meeting_id, subject, kind, counts["yes"], counts["no"], counts["abstain"],
                       ignored_probationary=ignored)


def delete_vote(store: Store, vote_id: uuid.UUID) -> Changes:
    with store.transaction() as session:
        vote = session.get(Vote, vote_id)
        if vote is None:
            raise NotFoundError("Không tìm thấy lần biểu quyết này.")
        editable_meeting(session, store, vote.meeting_id)
        vote.deleted = True
    changes = Changes()
    changes.add("meeting")
    return changes
