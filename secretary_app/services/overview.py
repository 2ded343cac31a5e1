"""Key figures for the overview page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from secretary_app.services.meetings import list_meetings
from secretary_app.services.roster import list_members
from secretary_app.store import Store


@dataclass(frozen=True)
class Overview:
    members_total: int
    official: int
    probationary: int
    exempt: int
    away: int
    last_meeting_title: str
    last_meeting_attendance: str
    next_meeting_title: str


def overview(store: Store, today: dt.date | None = None) -> Overview:
    members = list_members(store, today)
    active = [m for m in members if m.status in ("Chính thức", "Dự bị", "Miễn sinh hoạt",
                                                 "Sinh hoạt tạm thời nơi khác")]
    meetings = list_meetings(store)
    held = [m for m in meetings if m.state in ("held", "final")]
    upcoming = [m for m in meetings if m.state in ("draft", "announced")]
    last = held[0] if held else None
    return Overview(
        members_total=len(active),
        official=sum(1 for m in active if m.status == "Chính thức"),
        probationary=sum(1 for m in active if m.status == "Dự bị"),
        exempt=sum(1 for m in active if m.status == "Miễn sinh hoạt"),
        away=sum(1 for m in active if m.status == "Sinh hoạt tạm thời nơi khác"),
        last_meeting_title=last.title if last else "",
        last_meeting_attendance=f"{last.present}/{last.invited}" if last else "",
        next_meeting_title=upcoming[0].title if upcoming else "",
    )
