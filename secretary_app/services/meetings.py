"""Meetings as plain rows (the meeting cycle of issue 4 grows this module)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from models.meetings import Attendance, Meeting
from models.rules.meetings import DELETABLE_STATES, HELD_STATES, UPCOMING_STATES, MeetingState

__all__ = ["DELETABLE_STATES", "HELD_STATES", "KIND_LABELS", "STATE_LABELS", "UPCOMING_STATES", "MeetingRow",
           "MeetingState", "list_meetings"]
from secretary_app.store import Store

KIND_LABELS = {"regular": "Thường kỳ", "thematic": "Chuyên đề", "regular_and_thematic": "Thường kỳ kết hợp chuyên đề",
               "extraordinary": "Bất thường"}
STATE_LABELS = {MeetingState.DRAFT: "Dự thảo", MeetingState.ANNOUNCED: "Đã thông báo", MeetingState.HELD: "Đã họp",
                MeetingState.FINAL: "Đã hoàn tất biên bản"}


@dataclass(frozen=True)
class MeetingRow:
    id: uuid.UUID
    title: str
    kind: str
    planned_at: dt.datetime
    state: MeetingState
    present: int
    invited: int


def list_meetings(store: Store) -> list[MeetingRow]:
    """Upcoming first (soonest first), then held meetings (newest first)."""
    with store.transaction() as session:
        present = (select(Attendance.meeting_id, func.count().label("n"))
                   .where(Attendance.status == "present").group_by(Attendance.meeting_id).subquery())
        invited = (select(Attendance.meeting_id, func.count().label("n"))
                   .group_by(Attendance.meeting_id).subquery())
        rows = session.execute(
            select(Meeting, func.coalesce(present.c.n, 0), func.coalesce(invited.c.n, 0))
            .outerjoin(present, present.c.meeting_id == Meeting.id)
            .outerjoin(invited, invited.c.meeting_id == Meeting.id)
            .where(Meeting.cell_id == store.cell_id, Meeting.deleted.is_(False))
        ).all()
        result = [MeetingRow(m.id, m.title, m.kind, m.planned_at, MeetingState(m.state), p, i) for m, p, i in rows]
    upcoming = sorted((r for r in result if r.state in UPCOMING_STATES), key=lambda r: r.planned_at)
    held = sorted((r for r in result if r.state not in UPCOMING_STATES), key=lambda r: r.planned_at,
                  reverse=True)
    return upcoming + held
