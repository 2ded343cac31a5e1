"""Minutes typed live during the meeting (autosaved), their tasks, and finalisation with a content hash
(documents.md §3, §6: signed minutes are never edited; a correction is a separate amendment record)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import sealed
from models.base import aware, new_id, utcnow
from models.meetings import AgendaItem, Attendance, Guest, Meeting, Minutes, Resolution, Speech, Task, Vote
from models.rules.meetings import MeetingState
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.errors import NotFoundError, ValidationFailed
from secretary_app.services.meeting_check import refuse_contradictions
from secretary_app.services.meeting_cycle import editable_meeting, load_meeting
from secretary_app.store import Store


@dataclass(frozen=True)
class SpeechDraft:
    speaker_name: str
    opinion: str
    speaker_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ItemDraft:
    item_id: uuid.UUID
    presenter: str = ""
    gist: str = ""
    conclusion: str = ""
    speeches: tuple[SpeechDraft, ...] = ()


@dataclass(frozen=True)
class TaskDraft:
    content: str
    owner: str = ""
    deadline: dt.date | None = None


@dataclass(frozen=True)
class MinutesDraft:
    """Everything the live editor holds; saved as a whole, so an autosave is one idempotent write."""

    items: tuple[ItemDraft, ...] = ()
    notes: str = ""  # free text: opening, closing time, anything outside the items
    tasks: tuple[TaskDraft, ...] | None = None  # None = leave the tasks as they are


@dataclass(frozen=True)
class ItemView:
    id: uuid.UUID
    position: int
    step: str
    title: str
    presenter: str
    gist: str
    conclusion: str
    speeches: tuple[SpeechDraft, ...]


@dataclass(frozen=True)
class AmendmentView:
    id: uuid.UUID
    body: str
    final_hash: str
    finalised_at: dt.datetime | None


@dataclass(frozen=True)
class MinutesView:
    meeting_id: uuid.UUID
    minutes_id: uuid.UUID | None
    items: tuple[ItemView, ...]
    notes: str
    tasks: tuple[TaskDraft, ...]
    read_only: bool
    final_hash: str
    hash_ok: bool | None  # None = not finalised, or finalised before hashes were recorded
    saved_at: dt.datetime | None
    amendments: tuple[AmendmentView, ...] = field(default=())
    finalised_at: dt.datetime | None = None  # when it was sealed (aware), not when it was last saved

    @property
    def integrity_warning(self) -> str:
        if self.hash_ok is False:
            return ("Cảnh báo: nội dung biên bản đã hoàn tất không khớp mã kiểm tra đã lưu — dữ liệu có thể đã bị "
                    "sửa ngoài ứng dụng. Hãy đối chiếu với bản in đã ký và khôi phục từ bản sao lưu nếu cần.")
        return ""


def _main_minutes(session: Session, meeting_id: uuid.UUID) -> Minutes | None:
    return session.scalars(select(Minutes).where(Minutes.meeting_id == meeting_id, Minutes.amends_id.is_(None),
                                                 Minutes.deleted.is_(False)).limit(1)).first()


def _items(session: Session, meeting_id: uuid.UUID) -> list[AgendaItem]:
    return list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                         AgendaItem.deleted.is_(False)).order_by(AgendaItem.position)))


def _speeches(session: Session, item_id: uuid.UUID) -> list[Speech]:
    return list(session.scalars(select(Speech).where(Speech.agenda_item_id == item_id, Speech.deleted.is_(False))
                                .order_by(Speech.position)))


def _meeting_tasks(session: Session, meeting_id: uuid.UUID) -> list[Task]:
    """Tasks assigned at this meeting (not yet attached to a resolution, or attached to its own)."""
    return list(session.scalars(select(Task).where(Task.meeting_id == meeting_id, Task.deleted.is_(False))
                                .order_by(Task.updated_at, Task.id)))


# --- canonical content and its hash ---------------------------------------------------------------


def canonical_content(session: Session, meeting: Meeting) -> dict:
    """The minutes' content as plain data (models.sealed, shared with the server, which checks the hash)."""
    items = [(item, _speeches(session, item.id)) for item in _items(session, meeting.id)]
    attendance = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id,
                                                          Attendance.deleted.is_(False)))
    guests = session.scalars(select(Guest).where(Guest.meeting_id == meeting.id, Guest.deleted.is_(False)))
    votes = session.scalars(select(Vote).where(Vote.meeting_id == meeting.id, Vote.deleted.is_(False)))
    minutes = _main_minutes(session, meeting.id)
    return sealed.canonical_content(meeting, items, attendance, guests, votes, _meeting_tasks(session, meeting.id),
                                    minutes.body if minutes else "")


resolution_content = sealed.resolution_content
content_hash = sealed.content_hash


# --- reading --------------------------------------------------------------------------------------


def _view(session: Session, meeting: Meeting) -> MinutesView:
    minutes = _main_minutes(session, meeting.id)
    items = tuple(ItemView(i.id, i.position, i.step, i.title, i.presenter, i.gist, i.conclusion,
                           tuple(SpeechDraft(s.speaker_name, s.opinion, s.speaker_id)
                                 for s in _speeches(session, i.id)))
                  for i in _items(session, meeting.id))
    tasks = tuple(TaskDraft(t.content, t.owner, t.deadline) for t in _meeting_tasks(session, meeting.id))
    final_hash = minutes.final_hash if minutes else ""
    hash_ok = None
    if meeting.state == MeetingState.FINAL and final_hash:
        hash_ok = content_hash(canonical_content(session, meeting)) == final_hash
    amendments = tuple(AmendmentView(a.id, a.body, a.final_hash, a.finalised_at) for a in session.scalars(
        select(Minutes).where(Minutes.meeting_id == meeting.id, Minutes.amends_id.is_not(None),
                              Minutes.deleted.is_(False)).order_by(Minutes.finalised_at)))
    return MinutesView(meeting.id, minutes.id if minutes else None, items, minutes.body if minutes else "", tasks,
                       meeting.state == MeetingState.FINAL, final_hash, hash_ok, minutes.updated_at if minutes else None,
                       amendments, aware(minutes.finalised_at) if minutes else None)


def minutes_view(store: Store, meeting_id: uuid.UUID) -> MinutesView:
    """The minutes as stored; for a finalised meeting the content hash is re-checked on every open."""
    with store.transaction() as session:
        return _view(session, load_meeting(session, store, meeting_id))


# --- writing --------------------------------------------------------------------------------------


def _save_speeches(session: Session, item: AgendaItem, drafts: tuple[SpeechDraft, ...]) -> None:
    existing = _speeches(session, item.id)
    kept = [d for d in drafts if d.speaker_name.strip() or d.opinion.strip()]
    for position, draft in enumerate(kept, start=1):
        speech = existing[position - 1] if position <= len(existing) else None
        if speech is None:
            speech = Speech(id=new_id(), cell_id=item.cell_id, agenda_item_id=item.id)
            session.add(speech)
        if (speech.position, speech.speaker_name, speech.opinion, speech.speaker_id) != \
                (position, draft.speaker_name.strip(), draft.opinion, draft.speaker_id):
            speech.position, speech.speaker_name = position, draft.speaker_name.strip()
            speech.opinion, speech.speaker_id = draft.opinion, draft.speaker_id
    for speech in existing[len(kept):]:
        speech.deleted = True


def _save_tasks(session: Session, meeting: Meeting, drafts: tuple[TaskDraft, ...]) -> None:
    existing = _meeting_tasks(session, meeting.id)
    kept = [d for d in drafts if d.content.strip()]
    for index, draft in enumerate(kept):
        task = existing[index] if index < len(existing) else None
        if task is None:
            task = Task(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id, content="")
            session.add(task)
            session.flush()
        task.content, task.owner, task.deadline = draft.content.strip(), draft.owner.strip(), draft.deadline
    for task in existing[len(kept):]:
        task.deleted = True


def autosave_minutes(store: Store, meeting_id: uuid.UUID, draft: MinutesDraft) -> OpResult[dt.datetime]:
    """Save what the editor holds, in one transaction (the editor calls this every ≤ 2 s off the GUI
    thread). Unchanged fields are not rewritten, so a quiet autosave costs one read. Returns the time."""
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        items = {i.id: i for i in _items(session, meeting.id)}
        for d in draft.items:
            item = items.get(d.item_id)
            if item is None:
                raise NotFoundError("Một nội dung của chương trình đã bị xóa ở nơi khác; hãy tải lại biên bản.")
            if (item.presenter, item.gist, item.conclusion) != (d.presenter.strip(), d.gist, d.conclusion):
                item.presenter, item.gist, item.conclusion = d.presenter.strip(), d.gist, d.conclusion
            _save_speeches(session, item, d.speeches)
        minutes = _main_minutes(session, meeting.id)
        if minutes is None:
            minutes = Minutes(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id, body="")
            session.add(minutes)
        if minutes.body != draft.notes:
            minutes.body = draft.notes
        if draft.tasks is not None:
            _save_tasks(session, meeting, draft.tasks)
    return OpResult(utcnow(), Changes(Change.MINUTES | (Change.TASK if draft.tasks is not None else Change.NONE)))


def set_tasks(store: Store, meeting_id: uuid.UUID, tasks: list[TaskDraft]) -> OpResult[None]:
    for t in tasks:
        if t.content.strip() and not t.owner.strip():
            raise ValidationFailed(f"Nhiệm vụ «{t.content.strip()[:40]}» chưa có người phụ trách.", field="owner")
    with store.transaction() as session:
        _save_tasks(session, editable_meeting(session, store, meeting_id), tuple(tasks))
    changes = Changes(Change.MINUTES | Change.TASK)
    return OpResult(None, changes)


# --- finalising and amending ----------------------------------------------------------------------


@dataclass(frozen=True)
class FinaliseResult:
    minutes_hash: str
    resolution_hash: str


def finalise_meeting(store: Store, meeting_id: uuid.UUID,
                     ended_at: dt.datetime | None = None, *,
                     at: dt.datetime | None = None) -> OpResult[FinaliseResult]:
    """Seal the minutes (and the meeting's resolution): state final, SHA-256 of the content stored.
    After this every service refuses edits with ReadOnlyError; corrections go to ``amend_minutes``.
    ``ended_at`` is the closing time the recorder noted (now when not given and none was recorded).
    ``at`` (aware) is when it was sealed, now when not given: the demo cell builds a past year through this
    service, and its minutes must not all say they were sealed on the day the demo was made."""
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        if meeting.state != MeetingState.HELD:
            raise ValidationFailed("Chỉ hoàn tất biên bản sau khi đã chuyển kỳ sinh hoạt sang «Đã họp».")
        if meeting.chair_id is None or meeting.recorder_id is None:
            raise ValidationFailed("Hãy chọn chủ trì và thư ký (ở bước Điểm danh) trước khi hoàn tất biên bản.")
        refuse_contradictions(session, store, meeting)  # an absent speaker, too many ballots, …
        minutes = _main_minutes(session, meeting.id)
        if minutes is None:
            minutes = Minutes(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id, body="")
            session.add(minutes)
            session.flush()
        now = at or utcnow()
        if ended_at is not None:
            meeting.ended_at = ended_at
        elif meeting.ended_at is None:
            # The minutes print it as "kết thúc lúc 21 giờ 15 phút": local wall-clock time, like planned_at
            # (UTC here printed seven hours early in Việt Nam).
            meeting.ended_at = dt.datetime.now().replace(second=0, microsecond=0)
        minutes.final_hash = content_hash(canonical_content(session, meeting))
        minutes.finalised_at = now
        resolution_hash = ""
        for resolution in session.scalars(select(Resolution).where(Resolution.meeting_id == meeting.id,
                                                                   Resolution.deleted.is_(False),
                                                                   Resolution.finalised_at.is_(None))):
            if resolution.number is None:
                raise ValidationFailed("Nghị quyết (kết luận) chưa được cấp số; hãy cấp số ở bước Nghị quyết "
                                       "trước khi hoàn tất.")
            resolution.final_hash = resolution_hash = content_hash(resolution_content(resolution))
            resolution.finalised_at = now
        meeting.state = MeetingState.FINAL
        store.audit(session, "meeting", meeting.id, "finalise", after={"hash": minutes.final_hash})
    changes = Changes(Change.MEETING | Change.MINUTES | Change.RESOLUTION)
    return OpResult(FinaliseResult(minutes.final_hash, resolution_hash), changes)


def amend_minutes(store: Store, meeting_id: uuid.UUID, correction: str) -> OpResult[AmendmentView]:
    """A correction after finalisation: a separate record citing the original minutes, sealed at once."""
    if not correction.strip():
        raise ValidationFailed("Hãy ghi nội dung đính chính.", field="correction")
    with store.transaction() as session:
        meeting = load_meeting(session, store, meeting_id)
        original = _main_minutes(session, meeting.id)
        if meeting.state != MeetingState.FINAL or original is None:
            raise ValidationFailed("Biên bản chưa hoàn tất thì sửa trực tiếp, không cần bản đính chính.")
        now = utcnow()
        body = correction.strip()
        amendment = Minutes(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id, body=body,
                            amends_id=original.id, finalised_at=now,
                            final_hash=content_hash(sealed.amendment_content(original.id, body)))
        session.add(amendment)
        store.audit(session, "minutes", amendment.id, "amend", after={"amends": str(original.id), "body": body})
        view = AmendmentView(amendment.id, body, amendment.final_hash, now)
    changes = Changes(Change.MEETING | Change.MINUTES)
    return OpResult(view, changes)
