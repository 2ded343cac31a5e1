"""The monthly meeting cycle: plan → announce → hold → finalise (documents.md §5), agenda presets,
reminders, and the follow-up of last month's tasks.

Every mutation checks the meeting is still editable: a finalised meeting raises ``ReadOnlyError``.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import resources
from models.base import new_id
from models.cell import Cell
from models.meetings import AgendaItem, Meeting, Resolution, Task
from models.rules.meetings import (
    DELETABLE_STATES,
    MeetingKind,
    MeetingPlan,
    MeetingState,
    duration_warnings,
    quarter_of,
    quarters_missing_thematic,
)
from secretary_app import rules_data
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.errors import NotFoundError, ReadOnlyError, ValidationFailed
from secretary_app.store import Store

KINDS = ("regular", "thematic", "regular_and_thematic", "extraordinary")
CELL_TYPES = {"residential": "Khu dân cư (thôn, tổ dân phố)", "agency": "Cơ quan hành chính",
              "enterprise": "Doanh nghiệp", "school": "Trường học", "armed_forces": "Lực lượng vũ trang"}
TASK_STATUS_LABELS = {"open": "Đang thực hiện", "done": "Hoàn thành", "overdue": "Quá hạn",
                      "dropped": "Không thực hiện"}
READ_ONLY_MESSAGE = ("Kỳ sinh hoạt này đã hoàn tất biên bản nên không sửa được nữa. Nếu cần sửa, hãy mở "
                     "bước «Hoàn tất» và bấm «Lập biên bản bổ sung»: biên bản bổ sung được lưu riêng và "
                     "dẫn chiếu biên bản gốc.")
_PRESET_FOLDER = Path(resources.__file__).parent / "agenda_presets"


@dataclass(frozen=True)
class AgendaRow:
    id: uuid.UUID
    position: int
    step: str
    title: str
    presenter: str
    gist: str
    conclusion: str


@dataclass(frozen=True)
class MeetingDetail:
    id: uuid.UUID
    title: str
    kind: str
    planned_at: dt.datetime
    planned_minutes: int
    place: str
    state: MeetingState
    chair_id: uuid.UUID | None
    recorder_id: uuid.UUID | None
    agenda: tuple[AgendaRow, ...]
    warnings: tuple[str, ...]

    @property
    def read_only(self) -> bool:
        return self.state == MeetingState.FINAL


@dataclass(frozen=True)
class TaskRow:
    id: uuid.UUID
    content: str
    owner: str
    deadline: dt.date | None
    status: str
    assessment: str
    meeting_title: str = ""
    meeting_id: uuid.UUID | None = None  # where it was assigned (overdue_tasks): the overview opens it there
    position: int = 0  # its row in that meeting's task table (0 = first), in the minutes editor's order

    @property
    def status_label(self) -> str:
        return TASK_STATUS_LABELS.get(self.status, self.status)


# --- guards and loaders shared by the meeting services --------------------------------------------


def load_meeting(session: Session, store: Store, meeting_id: uuid.UUID) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted or meeting.cell_id != store.cell_id:
        raise NotFoundError("Không tìm thấy kỳ sinh hoạt này; có thể nó đã bị xóa. Hãy tải lại danh sách.")
    return meeting


def editable_meeting(session: Session, store: Store, meeting_id: uuid.UUID) -> Meeting:
    meeting = load_meeting(session, store, meeting_id)
    if meeting.state == MeetingState.FINAL:
        raise ReadOnlyError(READ_ONLY_MESSAGE)
    return meeting


def rules_kind(kind: str) -> MeetingKind:
    return MeetingKind(kind)


def meeting_warnings(meeting: Meeting) -> tuple[str, ...]:
    return duration_warning_texts(meeting.kind, meeting.planned_minutes, meeting.planned_at.date())


def duration_warning_texts(kind: str, planned_minutes: int | None, day: dt.date) -> tuple[str, ...]:
    """The duration warnings for a meeting on ``day``, by the minimums in force that day (dated rule data,
    today 90 min, 120 when combined with a thematic meeting)."""
    rules = rules_data.meeting_rules_on(day)
    return tuple(w.message for w in duration_warnings(rules_kind(kind), planned_minutes, rules))


def _agenda(session: Session, meeting_id: uuid.UUID) -> list[AgendaItem]:
    return list(session.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False)).order_by(AgendaItem.position)))


def _detail(session: Session, meeting: Meeting) -> MeetingDetail:
    rows = tuple(AgendaRow(i.id, i.position, i.step, i.title, i.presenter, i.gist, i.conclusion)
                 for i in _agenda(session, meeting.id))
    return MeetingDetail(meeting.id, meeting.title, meeting.kind, meeting.planned_at, meeting.planned_minutes,
                         meeting.place, MeetingState(meeting.state), meeting.chair_id, meeting.recorder_id, rows,
                         meeting_warnings(meeting))


def get_meeting(store: Store, meeting_id: uuid.UUID) -> MeetingDetail:
    with store.transaction() as session:
        return _detail(session, load_meeting(session, store, meeting_id))


# --- presets ------------------------------------------------------------------------------------


def _user_preset_path(store: Store, cell_type: str) -> Path:
    return store.paths.data_dir / "agenda_presets" / f"{cell_type}.json"


def load_preset(store: Store, cell_type: str) -> list[dict[str, str]]:
    """The agenda preset for a cell type: the secretary's saved copy if any, else the built-in one."""
    if cell_type not in CELL_TYPES:
        cell_type = "residential"
    for path in (_user_preset_path(store, cell_type), _PRESET_FOLDER / f"{cell_type}.json"):
        if path.exists():
            try:
                items = json.loads(path.read_text(encoding="utf-8"))["items"]
                return [{"step": str(i.get("step", "")), "title": str(i["title"])} for i in items]
            except (ValueError, KeyError, TypeError):
                continue  # a damaged user copy falls back to the built-in preset
    raise NotFoundError(f"Không tìm thấy chương trình mẫu cho loại chi bộ «{cell_type}».")


def save_preset(store: Store, cell_type: str, items: list[dict[str, str]]) -> Path:
    """Save the secretary's own agenda preset (atomic write into the data folder)."""
    if cell_type not in CELL_TYPES:
        raise ValidationFailed("Loại chi bộ không hợp lệ.", field="cell_type")
    cleaned = [{"step": i.get("step", ""), "title": i["title"].strip()} for i in items if i.get("title", "").strip()]
    if not cleaned:
        raise ValidationFailed("Chương trình mẫu phải có ít nhất một nội dung.")
    path = _user_preset_path(store, cell_type)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"cell_type": cell_type, "items": cleaned}, ensure_ascii=False, indent=1),
                   encoding="utf-8")
    tmp.replace(path)
    return path


# --- follow-up of last month's tasks -------------------------------------------------------------


def _last_resolution(session: Session, cell_id: uuid.UUID, before: dt.datetime) -> Resolution | None:
    return session.scalars(
        select(Resolution).join(Meeting, Meeting.id == Resolution.meeting_id)
        .where(Resolution.cell_id == cell_id, Resolution.deleted.is_(False), Resolution.amends_id.is_(None),
               Meeting.planned_at < before, Meeting.kind.in_(("regular", "regular_and_thematic")))
        .order_by(Meeting.planned_at.desc()).limit(1)).first()


def _task_rows(session: Session, resolution: Resolution) -> list[TaskRow]:
    """Tasks of a resolution: those it lists, and those assigned at its meeting."""
    tasks = session.scalars(select(Task).where((Task.resolution_id == resolution.id)
                                               | (Task.meeting_id == resolution.meeting_id), Task.deleted.is_(False))
                            .order_by(Task.deadline, Task.content))
    return [TaskRow(t.id, t.content, t.owner, t.deadline, t.status, t.assessment) for t in tasks]


def format_task_line(task: TaskRow) -> str:
    deadline = task.deadline.strftime("%d/%m/%Y") if task.deadline else "không có hạn"
    return f"- {task.content} — phụ trách: {task.owner or 'chưa phân công'} — hạn: {deadline} — " \
           f"kết quả: {task.status_label}"


def tasks_to_assess(store: Store, meeting_id: uuid.UUID) -> list[TaskRow]:
    """The tasks of the last resolution before this meeting, to assess at it (documents.md §5.3 (b))."""
    with store.transaction() as session:
        meeting = load_meeting(session, store, meeting_id)
        last = _last_resolution(session, store.cell_id, meeting.planned_at)
        return _task_rows(session, last) if last else []


def assess_task(store: Store, task_id: uuid.UUID, status: str, assessment: str = "") -> OpResult[None]:
    if status not in TASK_STATUS_LABELS:
        raise ValidationFailed("Trạng thái nhiệm vụ không hợp lệ.", field="status")
    with store.transaction() as session:
        task = session.get(Task, task_id)
        if task is None or task.cell_id != store.cell_id:
            raise NotFoundError("Không tìm thấy nhiệm vụ này.")
        before = {"status": task.status, "assessment": task.assessment}
        task.status, task.assessment = status, assessment.strip()
        store.audit(session, "task", task.id, "assess", before, {"status": status, "assessment": assessment})
    changes = Changes(Change.TASK)
    return OpResult(None, changes)


def overdue_tasks(store: Store, today: dt.date | None = None) -> list[TaskRow]:
    """Tasks not done whose deadline has passed, oldest deadline first (for the overview)."""
    today = today or dt.date.today()
    with store.transaction() as session:
        rows = session.execute(
            select(Task, Meeting.title).outerjoin(Meeting, Meeting.id == Task.meeting_id)
            .where(Task.cell_id == store.cell_id, Task.deleted.is_(False), Task.deadline.is_not(None),
                   Task.deadline < today, Task.status.in_(("open", "overdue")))
            .order_by(Task.deadline)).all()
        # Each task's row in its meeting's task table, in the order the minutes show them (minutes._meeting_tasks).
        positions: dict[uuid.UUID, int] = {}
        for meeting_id in {t.meeting_id for t, _ in rows if t.meeting_id is not None}:
            ordered = session.scalars(select(Task.id).where(Task.meeting_id == meeting_id, Task.deleted.is_(False))
                                      .order_by(Task.updated_at, Task.id))
            positions.update((task_id, index) for index, task_id in enumerate(ordered))
        return [TaskRow(t.id, t.content, t.owner, t.deadline, "overdue", t.assessment, title or "", t.meeting_id,
                        positions.get(t.id, 0))
                for t, title in rows]


# --- planning -----------------------------------------------------------------------------------


def _default_title(kind: str, day: dt.date) -> str:
    label = {"regular": "thường kỳ", "thematic": "chuyên đề", "regular_and_thematic": "thường kỳ kết hợp chuyên đề",
             "extraordinary": "bất thường"}[kind]
    return f"Sinh hoạt chi bộ {label} tháng {day.month:02d}/{day.year}"


def plan_meeting(store: Store, *, kind: str, planned_at: dt.datetime, planned_minutes: int = 120,
                 place: str = "", title: str = "", agenda: list[dict[str, str]] | None = None
                 ) -> OpResult[MeetingDetail]:
    """Draft a meeting. A regular meeting gets the cell type's preset agenda, with every task of the last
    resolution listed under the assessment item so the cell assesses each one."""
    if kind not in KINDS:
        raise ValidationFailed("Loại kỳ sinh hoạt không hợp lệ.", field="kind")
    if planned_minutes <= 0:
        raise ValidationFailed("Thời lượng dự kiến phải lớn hơn 0 phút.", field="planned_minutes")
    with store.transaction() as session:
        cell = session.get(Cell, store.cell_id)
        assert cell is not None
        meeting = Meeting(id=new_id(), cell_id=cell.id, kind=kind, planned_at=planned_at,
                          planned_minutes=planned_minutes, place=place.strip(),
                          title=title.strip() or _default_title(kind, planned_at.date()), state=MeetingState.DRAFT,
                          updated_by=store.actor)
        session.add(meeting)
        session.flush()
        if agenda is None:
            agenda = (load_preset(store, cell.cell_type) if kind in ("regular", "regular_and_thematic")
                      else [{"step": "opening", "title": "Khai mạc, tuyên bố lý do"},
                            {"step": "discussion", "title": "Trình bày và thảo luận nội dung"},
                            {"step": "vote", "title": "Kết luận, biểu quyết"},
                            {"step": "closing", "title": "Bế mạc"}])
        last = _last_resolution(session, cell.id, planned_at)
        tasks = _task_rows(session, last) if last else []
        for position, item in enumerate(agenda):
            gist = ""
            if item.get("step") == "assessment" and tasks:
                gist = "Các nhiệm vụ của nghị quyết tháng trước cần đánh giá:\n" + "\n".join(
                    format_task_line(t) for t in tasks)
            session.add(AgendaItem(id=new_id(), cell_id=cell.id, meeting_id=meeting.id, position=position,
                                   step=item.get("step", ""), title=item["title"], gist=gist))
        session.flush()
        store.audit(session, "meeting", meeting.id, "plan", after={"title": meeting.title, "kind": kind})
        detail = _detail(session, meeting)
    changes = Changes(Change.MEETING)
    return OpResult(detail, changes)


def update_meeting(store: Store, meeting_id: uuid.UUID, *, title: str | None = None,
                   planned_at: dt.datetime | None = None, planned_minutes: int | None = None,
                   place: str | None = None, kind: str | None = None) -> OpResult[MeetingDetail]:
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        if title is not None:
            if not title.strip():
                raise ValidationFailed("Tên kỳ sinh hoạt không được để trống.", field="title")
            meeting.title = title.strip()
        if planned_at is not None:
            meeting.planned_at = planned_at
        if planned_minutes is not None:
            if planned_minutes <= 0:
                raise ValidationFailed("Thời lượng dự kiến phải lớn hơn 0 phút.", field="planned_minutes")
            meeting.planned_minutes = planned_minutes
        if place is not None:
            meeting.place = place.strip()
        if kind is not None:
            if kind not in KINDS:
                raise ValidationFailed("Loại kỳ sinh hoạt không hợp lệ.", field="kind")
            meeting.kind = kind
        detail = _detail(session, meeting)
    changes = Changes(Change.MEETING)
    return OpResult(detail, changes)


def _set_meeting_deleted(store: Store, meeting_id: uuid.UUID, deleted: bool) -> OpResult[None]:
    with store.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.cell_id != store.cell_id:
            raise NotFoundError("Không tìm thấy kỳ sinh hoạt này; hãy tải lại danh sách.")
        if deleted and meeting.state not in DELETABLE_STATES:
            # Attendance, minutes and resolutions of a meeting that took place are the cell's records.
            raise ValidationFailed(f"Kỳ sinh hoạt «{meeting.title}» đã họp: điểm danh, biên bản và nghị quyết là "
                                   "hồ sơ của chi bộ nên không xóa được. Chỉ xóa được kỳ họp chưa diễn ra.",
                                   field="state")
        meeting.deleted = deleted
        store.audit(session, "meeting", meeting.id, "delete" if deleted else "restore")
    changes = Changes(Change.MEETING)
    return OpResult(None, changes)


def delete_meeting(store: Store, meeting_id: uuid.UUID) -> OpResult[None]:
    """Remove a meeting planned by mistake or called off, before it is held. A tombstone (it syncs, and
    ``restore_meeting`` brings it back with its agenda); a held meeting is refused."""
    return _set_meeting_deleted(store, meeting_id, True)


def restore_meeting(store: Store, meeting_id: uuid.UUID) -> OpResult[None]:
    return _set_meeting_deleted(store, meeting_id, False)


def set_agenda(store: Store, meeting_id: uuid.UUID, items: list[tuple[uuid.UUID | None, str, str]]) -> OpResult[None]:
    """Replace the agenda order and titles: ``(id or None for a new item, step, title)``; missing ids are
    removed (soft delete, so sync sees it)."""
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        existing = {i.id: i for i in _agenda(session, meeting.id)}
        keep: set[uuid.UUID] = set()
        for position, (item_id, step, title) in enumerate(items):
            if not title.strip():
                raise ValidationFailed(f"Nội dung số {position + 1} của chương trình đang để trống.")
            item = existing.get(item_id) if item_id else None
            if item is None:
                item = AgendaItem(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id)
                session.add(item)
            item.position, item.step, item.title = position, step, title.strip()
            keep.add(item.id)
        for item_id, item in existing.items():
            if item_id not in keep:
                item.deleted = True
    changes = Changes(Change.MEETING)
    return OpResult(None, changes)


_NEXT_STATE: dict[str, MeetingState] = {MeetingState.DRAFT: MeetingState.ANNOUNCED, MeetingState.ANNOUNCED: MeetingState.HELD}


def save_preparation(store: Store, meeting_id: uuid.UUID, *, title: str, kind: str,
                     planned_at: dt.datetime | None, planned_minutes: int, place: str,
                     agenda: list[tuple[uuid.UUID | None, str, str]], advance: bool = False
                     ) -> OpResult[MeetingDetail]:
    """The Chuẩn bị step's "Save" (and "Announce"/"Held" with ``advance``): the plan, the agenda and the
    next state in one transaction, so a refusal leaves nothing half saved."""
    with store.transaction():  # the calls below join it
        update_meeting(store, meeting_id, title=title, kind=kind, planned_at=planned_at,
                       planned_minutes=planned_minutes, place=place)
        set_agenda(store, meeting_id, agenda)
        if advance:
            advance_meeting(store, meeting_id)
        return OpResult(get_meeting(store, meeting_id), Changes(Change.MEETING))


def advance_meeting(store: Store, meeting_id: uuid.UUID) -> OpResult[MeetingDetail]:
    """draft → announced → held. Finalising is ``minutes.finalise_meeting`` (it seals the content)."""
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        nxt = _NEXT_STATE.get(meeting.state)
        if nxt is None:
            raise ValidationFailed("Kỳ sinh hoạt đã họp xong; bước tiếp theo là hoàn tất biên bản.")
        before = meeting.state
        meeting.state = nxt
        if nxt is MeetingState.HELD and meeting.started_at is None:
            meeting.started_at = meeting.planned_at
        store.audit(session, "meeting", meeting.id, "state", {"state": before}, {"state": nxt})
        detail = _detail(session, meeting)
    changes = Changes(Change.MEETING)
    return OpResult(detail, changes)


# --- reminders ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    code: str
    message: str
    meeting_id: uuid.UUID | None = None
    quarter: int | None = None  # thematic_missing: which quarter of the current year


def reminders(store: Store, today: dt.date | None = None) -> list[Reminder]:
    """What the secretary should act on: this quarter without a thematic meeting (a past quarter's is history
    by now, not something to do), documents not posted a day before the meeting (HD 42: at least 1 day
    before), planned durations below the minimum. The meetings page and the overview both show these."""
    today = today or dt.date.today()
    result: list[Reminder] = []
    with store.transaction() as session:
        meetings = list(session.scalars(select(Meeting).where(Meeting.cell_id == store.cell_id,
                                                              Meeting.deleted.is_(False))))
    plans = [MeetingPlan(m.planned_at.date(), rules_kind(m.kind), m.planned_minutes) for m in meetings]
    if (quarter := quarter_of(today)) in quarters_missing_thematic(plans, today.year, until=today):
        result.append(Reminder("thematic_missing", f"Quý {quarter}/{today.year} chưa có kỳ sinh hoạt chuyên đề "
                                                   "(mỗi quý ít nhất một lần).", quarter=quarter))
    for m in sorted(meetings, key=lambda m: m.planned_at):
        day = m.planned_at.date()
        if m.state == MeetingState.DRAFT and today <= day and (day - today).days <= 1:
            result.append(Reminder("documents_late", f"«{m.title}» họp ngày {day:%d/%m/%Y} mà tài liệu chưa được "
                                   "thông báo: tài liệu cần gửi đảng viên ít nhất 1 ngày trước kỳ họp.", m.id))
        if m.state in (MeetingState.DRAFT, MeetingState.ANNOUNCED):
            result.extend(Reminder("duration_short", f"«{m.title}»: {w}", m.id) for w in meeting_warnings(m))
    return result
