"""Meetings as plain rows (the meeting cycle of issue 4 grows this module)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from models.meetings import Meeting
from models.rules.meetings import DELETABLE_STATES, HELD_STATES, UPCOMING_STATES, MeetingState
from secretary_app.services.meeting_attendance import sheets_in
from secretary_app.store import Store

__all__ = ["DELETABLE_STATES", "HELD_STATES", "KIND_LABELS", "STATE_LABELS", "UPCOMING_STATES", "MeetingRow",
           "MeetingState", "list_meetings"]

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
    present: int  # members present (the attendance sheet), 0 before the meeting is held
    invited: int  # members expected at the meeting (the sheet's ``counts.expected``)


def list_meetings(store: Store) -> list[MeetingRow]:
    """Upcoming first (soonest first), then held meetings (newest first). "Present" is the attendance
    sheet's (present / expected), for meetings that took place."""
    with store.transaction() as session:
        meetings = list(session.scalars(select(Meeting).where(Meeting.cell_id == store.cell_id,
                                                             Meeting.deleted.is_(False))))
        sheets = sheets_in(session, store, [m for m in meetings if m.state in HELD_STATES])
        result = []
        for m in meetings:
            counts = sheets[m.id].counts if m.id in sheets else None
            result.append(MeetingRow(m.id, m.title, m.kind, m.planned_at, MeetingState(m.state),
                                     counts.present if counts else 0, counts.expected if counts else 0))
    upcoming = sorted((r for r in result if r.state in UPCOMING_STATES), key=lambda r: r.planned_at)
    held = sorted((r for r in result if r.state not in UPCOMING_STATES), key=lambda r: r.planned_at,
                  reverse=True)
    return upcoming + held
