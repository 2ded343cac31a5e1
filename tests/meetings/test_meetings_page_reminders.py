"""The meetings page's reminders (issue #17): what is still to do, not the past."""

from __future__ import annotations

import datetime as dt

from secretary_app.services import meeting_cycle as cycle


def test_the_meetings_page_reminds_of_this_quarters_thematic_meeting_only(window, demo_store):
    """Issue #17: past quarters kept nagging ("Quý 1/2026 chưa có kỳ sinh hoạt chuyên đề" … four lines)."""
    win, runner = window
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    today = dt.date.today()
    quarter = (today.month - 1) // 3 + 1
    missing = {r.quarter for r in cycle.reminders(demo_store, today) if r.code == "thematic_missing"}
    assert missing, "the demo cell has had no thematic meeting this year"
    text = page.reminders.text()
    for q in missing:
        assert (f"Quý {q}/{today.year}" in text) == (q == quarter)
