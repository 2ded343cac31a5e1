"""Tổng quan: the cell's key figures and the secretary's to-do list — what is due soonest across every area,
each item saying where to act on it.

Pure data. Every fact comes from the service that owns it (meetings, reminders and tasks from the meeting
cycle, badges from the roster and the party-age rules, the sync inboxes, dues arrears from ``dues``,
admission deadlines from ``admissions``); this module only turns those facts into items, gives each an
urgency and a target, and orders them. The page renders the list; a click opens ``item.target``.

The heavy service modules are imported inside ``overview()``: the snapshot of the last overview
(``overview_snapshot``) uses these types at start-up, before SQLAlchemy is imported.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.store import Store

# An item due within this many days is "due soon" (amber); later ones are listed without a colour.
SOON_DAYS = 30


class Urgency(enum.IntEnum):
    """How pressing an item is; the list is sorted by it, then by due date. The page shows each with a word
    (and a colour only for the three states): Quá hạn (red), Sắp đến hạn (amber), Cần làm, Đã xong (green)."""

    OVERDUE = 0
    SOON = 1
    TODO = 2
    DONE = 3


class Kind(enum.StrEnum):
    """What an item is about (tests and the page's tooltips key on it)."""

    FIRST_MEMBERS = "first_members"  # a new cell: enter the roster
    FIRST_MEETING = "first_meeting"  # no meeting planned: plan this month's
    NEXT_MEETING = "next_meeting"  # the next meeting, and whether its documents were sent
    MEETING_REMINDER = "meeting_reminder"  # thematic meeting missing this quarter, a short planned duration…
    MINUTES = "minutes"  # a meeting held whose minutes are not finalised
    TASK = "task"  # a resolution's task past its deadline
    BADGE = "badge"  # a Party badge coming
    CONFLICT = "conflict"  # a sync conflict to resolve
    REJECTED = "rejected"  # changes the server refused
    DUES = "dues"  # 2 months of dues unpaid this year (alert) or 3 (proposal)
    ADMISSION = "admission"  # a candidate's or probationary member's next deadline


class Action(enum.StrEnum):
    """What a target opens besides a record."""

    NONE = ""
    IMPORT_MEMBERS = "import_members"  # the roster import wizard
    PLAN_MEETING = "plan_meeting"  # the plan-a-meeting dialog


@dataclass(frozen=True)
class Target:
    """Where to act on an item: the page (its key in the navigation), the record on it, and for a meeting the
    step of its workspace (0 Chuẩn bị … 4 Hoàn tất), for dues the month, or a dialog to open."""

    page: str
    record_id: uuid.UUID | None = None
    step: int | None = None
    position: int = 0  # a task's row in the minutes editor's task table
    month: dt.date | None = None
    action: Action = Action.NONE


@dataclass(frozen=True)
class TodoItem:
    kind: Kind
    urgency: Urgency
    due: dt.date | None  # when it falls due (None: as soon as convenient)
    text: str  # plain Vietnamese, ready to show
    target: Target


@dataclass(frozen=True)
class Overview:
    members_total: int
    official: int
    probationary: int
    exempt: int
    away: int
    last_meeting_title: str
    last_meeting_attendance: str  # "21/23", "" before any meeting was held
    next_meeting_title: str
    todo: tuple[TodoItem, ...] = ()  # most urgent first (``ordered``)
    as_of: dt.date | None = None  # the day the list was computed (a snapshot from yesterday is stale)

    def of_kind(self, kind: Kind) -> tuple[TodoItem, ...]:
        return tuple(item for item in self.todo if item.kind is kind)


def ordered(items: list[TodoItem]) -> tuple[TodoItem, ...]:
    """Overdue first, then due soon, then the rest, then what is done; within each, the soonest date first
    (then in the order of ``Kind``: a new cell's roster before its first meeting)."""
    kinds = list(Kind)
    return tuple(sorted(items, key=lambda i: (i.urgency, i.due or dt.date.max, kinds.index(i.kind), i.text)))


def urgency_of(due: dt.date, today: dt.date) -> Urgency:
    if due < today:
        return Urgency.OVERDUE
    return Urgency.SOON if (due - today).days <= SOON_DAYS else Urgency.TODO


# Meeting workspace steps (ui/meeting/steps.py; meeting_check.Step): kept as numbers here so this module
# imports nothing heavy.
_PREPARE, _ATTENDANCE, _MINUTES, _FINISH = 0, 1, 2, 4


def overview(store: Store, today: dt.date | None = None, badge_lead_days: int = 90, *,
             count_unconfirmed_holidays: bool = False) -> Overview:
    from models.rules.meetings import HELD_STATES, UPCOMING_STATES
    from secretary_app.services.meetings import list_meetings
    from secretary_app.services.roster import list_members

    today = today or dt.date.today()
    members = [m for m in list_members(store, today) if m.counted_here]
    meetings = list_meetings(store)
    held = [m for m in meetings if m.state in HELD_STATES]
    upcoming = [m for m in meetings if m.state in UPCOMING_STATES]
    last = held[0] if held else None
    items = (_first_steps(bool(members), bool(meetings), bool(upcoming), today)
             + _meeting_items(store, meetings, today)
             + _badge_items(store, today, badge_lead_days)
             + _sync_items(store)
             + _dues_items(store, today)
             + _admission_items(store, today, count_unconfirmed_holidays))
    return Overview(
        members_total=len(members),
        official=sum(1 for m in members if m.membership == "official"),
        probationary=sum(1 for m in members if m.membership == "probationary"),
        exempt=sum(1 for m in members if m.exempt),
        away=sum(1 for m in members if m.temporarily_away),
        last_meeting_title=last.title if last else "",
        last_meeting_attendance=f"{last.present}/{last.invited}" if last else "",
        next_meeting_title=upcoming[0].title if upcoming else "",
        todo=ordered(items),
        as_of=today,
    )


def _first_steps(has_members: bool, has_meetings: bool, has_upcoming: bool, today: dt.date) -> list[TodoItem]:
    """A new cell's first steps; later, a reminder to plan the next meeting once none is planned."""
    items = []  # due today: what to do first
    if not has_members:
        items.append(TodoItem(Kind.FIRST_MEMBERS, Urgency.TODO, today, "Nhập danh sách đảng viên",
                              Target("members", action=Action.IMPORT_MEMBERS)))
    if not has_upcoming:
        text = ("Lập kế hoạch sinh hoạt tháng này" if not has_meetings
                else f"Lập kế hoạch kỳ sinh hoạt tới (chưa có kỳ nào sau ngày {today:%d/%m/%Y})")
        items.append(TodoItem(Kind.FIRST_MEETING, Urgency.TODO, today, text,
                              Target("meetings", action=Action.PLAN_MEETING)))
    return items


def _meeting_items(store: Store, meetings: list, today: dt.date) -> list[TodoItem]:
    from models.rules.meetings import quarter_of
    from secretary_app.services.meeting_cycle import overdue_tasks, reminders
    from secretary_app.services.meetings import MeetingState

    items: list[TodoItem] = []
    notes = reminders(store, today)
    late = {r.meeting_id: r.message for r in notes if r.code == "documents_late"}
    upcoming = [m for m in meetings if m.state in (MeetingState.DRAFT, MeetingState.ANNOUNCED)]
    if upcoming:  # the next meeting (list_meetings: soonest first), and whether its documents went out
        m = upcoming[0]
        day = m.planned_at.date()
        if m.state is MeetingState.ANNOUNCED and day >= today:
            items.append(TodoItem(Kind.NEXT_MEETING, Urgency.DONE, day,
                                  f"«{m.title}» họp ngày {day:%d/%m/%Y}: tài liệu đã thông báo đến đảng viên.",
                                  Target("meetings", m.id, _ATTENDANCE)))
        elif day < today:  # the day went by with the meeting still planned: record it (or delete it)
            items.append(TodoItem(Kind.NEXT_MEETING, Urgency.OVERDUE, day,
                                  f"«{m.title}» đã qua ngày họp {day:%d/%m/%Y} mà chưa điểm danh, ghi biên bản.",
                                  Target("meetings", m.id,
                                         _ATTENDANCE if m.state is MeetingState.ANNOUNCED else _PREPARE)))
        else:
            # HD 42: documents reach the members at least a day before the meeting.
            send_by = day - dt.timedelta(days=1)
            text = late.get(m.id) or (f"«{m.title}» họp ngày {day:%d/%m/%Y}: tài liệu chưa thông báo đến đảng viên "
                                      f"(gửi trước ngày {send_by:%d/%m/%Y}).")
            items.append(TodoItem(Kind.NEXT_MEETING, urgency_of(send_by, today), send_by, text,
                                  Target("meetings", m.id, _PREPARE)))
    for m in meetings:
        if m.state is MeetingState.HELD:
            day = m.planned_at.date()
            items.append(TodoItem(Kind.MINUTES, Urgency.TODO, day,
                                  f"Biên bản «{m.title}» (họp ngày {day:%d/%m/%Y}) chưa hoàn tất.",
                                  Target("meetings", m.id, _FINISH)))
    quarter = quarter_of(today)
    quarter_end = dt.date(today.year, quarter * 3, 1) + dt.timedelta(days=31)
    quarter_end = quarter_end.replace(day=1) - dt.timedelta(days=1)
    next_id = upcoming[0].id if upcoming else None
    for r in notes:
        if r.code == "thematic_missing":
            if not meetings:
                continue  # a new cell's first step is to plan a meeting
            items.append(TodoItem(Kind.MEETING_REMINDER, urgency_of(quarter_end, today), quarter_end, r.message,
                                  Target("meetings", action=Action.PLAN_MEETING)))
        elif r.code == "documents_late" and r.meeting_id == next_id:
            continue  # said by the next meeting's own item
        elif r.meeting_id is not None:
            day = next((m.planned_at.date() for m in meetings if m.id == r.meeting_id), None)
            items.append(TodoItem(Kind.MEETING_REMINDER, urgency_of(day, today) if day else Urgency.TODO, day,
                                  r.message, Target("meetings", r.meeting_id, _PREPARE)))
    for task in overdue_tasks(store, today):
        owner = task.owner or "chưa có người phụ trách"
        where = f" (kỳ «{task.meeting_title}»)" if task.meeting_title else ""
        deadline = f"{task.deadline:%d/%m/%Y}" if task.deadline else ""
        items.append(TodoItem(Kind.TASK, Urgency.OVERDUE, task.deadline,
                              f"Nhiệm vụ «{task.content}» — {owner} — hạn {deadline}{where}.",
                              Target("meetings", task.meeting_id, _MINUTES, position=task.position)
                              if task.meeting_id else Target("meetings")))
    return items


def _badge_items(store: Store, today: dt.date, lead_days: int) -> list[TodoItem]:
    from models.rules.party_age import badge_alerts
    from secretary_app import rules_data
    from secretary_app.services.roster import badge_candidates

    candidates = badge_candidates(store, today)
    names = {candidate.member_id: name for name, candidate in candidates}
    alerts = badge_alerts([c for _, c in candidates], today, lead_days, rules=rules_data.badge_rules_on(today))
    return [TodoItem(Kind.BADGE, Urgency.OVERDUE if a.days_left < 0 else Urgency.SOON, a.due.occasion,
                     f"Đồng chí {names[a.member_id]}: {a.message}", Target("members", uuid.UUID(str(a.member_id))))
            for a in alerts]


def _sync_items(store: Store) -> list[TodoItem]:
    from secretary_app.sync.inbox import inboxes

    conflicts, rejected = inboxes(store)
    items = []
    for c in conflicts:
        record = " ".join(x for x in (c.entity_label, c.record_label) if x)
        items.append(TodoItem(Kind.CONFLICT, Urgency.SOON, None,
                              f"Xung đột đồng bộ: {record} — hãy chọn giá trị giữ lại.",
                              Target("sync", c.id)))
    if rejected:
        items.append(TodoItem(Kind.REJECTED, Urgency.SOON, None,
                              f"{len(rejected)} thay đổi bị máy chủ từ chối — hãy xem lý do và làm lại nếu cần.",
                              Target("sync")))
    return items


def _dues_items(store: Store, today: dt.date) -> list[TodoItem]:
    from secretary_app.services.dues import removal_alerts

    # 2 months unpaid this year: an alert (amber); 3: the cell must consider removal (red). services/dues decides.
    return [TodoItem(Kind.DUES, Urgency.OVERDUE if a.proposal else Urgency.SOON, a.months[0], a.message,
                     Target("dues", a.member_id, month=a.months[0]))
            for a in removal_alerts(store, today)]


def _admission_items(store: Store, today: dt.date, include_uncertain: bool) -> list[TodoItem]:
    from secretary_app.services.admissions import next_deadlines

    return [TodoItem(Kind.ADMISSION, Urgency.OVERDUE if d.state == "overdue" else urgency_of(d.due, today), d.due,
                     f"{d.full_name}: {d.step} — hạn {d.due:%d/%m/%Y}.", Target("admissions", d.candidate_id))
            for d in next_deadlines(store, today, include_uncertain=include_uncertain)]
