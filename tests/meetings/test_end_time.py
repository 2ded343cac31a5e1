"""Finalising a meeting with no closing time recorded writes the local time, which the minutes print."""

from __future__ import annotations

import datetime as dt
import time

from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services.documents import meeting_record


def test_the_minutes_close_at_local_time_in_viet_nam(demo_store, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30))
        cycle.advance_meeting(demo_store, detail.id)
        cycle.advance_meeting(demo_store, detail.id)
        present = [r.member_id for r in att.attendance_sheet(demo_store, detail.id).rows if r.status == "present"]
        att.set_chair_recorder(demo_store, detail.id, present[0], present[1])
        mn.finalise_meeting(demo_store, detail.id)
        local_now = dt.datetime.now(dt.UTC).astimezone().replace(tzinfo=None)
        with demo_store.transaction() as session:
            ends_at = meeting_record(session, demo_store.cell_id, detail.id).ends_at
        assert ends_at is not None
        assert abs(ends_at - local_now) < dt.timedelta(minutes=2)  # not seven hours early (UTC)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
