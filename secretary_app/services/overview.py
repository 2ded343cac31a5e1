"""Key figures for the overview page, and the alerts that need the secretary soonest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.rules.party_age import badge_alerts
from secretary_app import rules_data
from secretary_app.services.meeting_cycle import TaskRow, overdue_tasks, reminders
from secretary_app.services.meetings import list_meetings
from secretary_app.services.roster import badge_candidates, list_members
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
    badge_alerts: tuple[str, ...] = ()  # "Nguyễn Văn Hùng: Đủ 40 năm tuổi Đảng ngày …; trao Huy hiệu dịp …"
    overdue_tasks: tuple[TaskRow, ...] = ()  # tasks of resolutions past their deadline, oldest first
    meeting_reminders: tuple[str, ...] = ()  # no thematic meeting this quarter, documents not sent, …


def overview(store: Store, today: dt.date | None = None, badge_lead_days: int = 90) -> Overview:
    today = today or dt.date.today()
    members = [m for m in list_members(store, today) if m.counted_here]
    meetings = list_meetings(store)
    held = [m for m in meetings if m.state in ("held", "final")]
    upcoming = [m for m in meetings if m.state in ("draft", "announced")]
    last = held[0] if held else None
    candidates = badge_candidates(store, today)
    names = {candidate.member_id: name for name, candidate in candidates}
    alerts = badge_alerts([c for _, c in candidates], today, badge_lead_days, rules=rules_data.badge_rules_on(today))
    return Overview(
        members_total=len(members),
        official=sum(1 for m in members if m.membership == "official"),
        probationary=sum(1 for m in members if m.membership == "probationary"),
        exempt=sum(1 for m in members if m.exempt),
        away=sum(1 for m in members if m.temporarily_away),
        last_meeting_title=last.title if last else "",
        last_meeting_attendance=f"{last.present}/{last.invited}" if last else "",
        next_meeting_title=upcoming[0].title if upcoming else "",
        badge_alerts=tuple(f"Đồng chí {names[a.member_id]}: {a.message}" for a in alerts),
        overdue_tasks=tuple(overdue_tasks(store, today)),
        # Past quarters are history by now; the overview nags only about this quarter.
        meeting_reminders=tuple(r.message for r in reminders(store, today)
                                if r.code != "thematic_missing" or r.quarter == (today.month - 1) // 3 + 1),
    )
