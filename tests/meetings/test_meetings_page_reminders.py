"""The meetings page's reminders (issue #17): what is still to do, not the past."""

from __future__ import annotations

import datetime as dt

from models.rules.meetings import MeetingPlan, quarter_of, quarters_missing_thematic
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services.meetings import list_meetings


def test_the_meetings_page_reminds_of_this_quarters_thematic_meeting_only(window, demo_store):
    """Issue #17: past quarters kept nagging ("Quý 1/2026 chưa có kỳ sinh hoạt chuyên đề" … four lines)."""
    win, runner = window
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    today = dt.date.today()
    quarter = quarter_of(today)
    plans = [MeetingPlan(m.planned_at.date(), cycle.rules_kind(m.kind)) for m in list_meetings(demo_store)]
    missing = quarters_missing_thematic(plans, today.year, until=today)
    assert missing, "the demo cell has had no thematic meeting this year"
    text = page.reminders.text()
    for q in missing:
        assert (f"Quý {q}/{today.year}" in text) == (q == quarter)
