"""Step 4 names the vote after the meeting's own month (documents.md §4), not "Thông qua nghị quyết tháng"."""

from __future__ import annotations

import datetime as dt


def test_the_vote_subject_starts_as_the_resolution_of_the_meeting_month(window):
    win, runner = window
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    page.plan_with(kind="regular", planned_at=dt.datetime(2027, 1, 8, 19, 30), planned_minutes=120,
                   place="Nhà văn hóa Tổ dân phố số 5")
    ws = page.workspace
    ws.steps.buttons[3].click()
    assert ws.resolution.subject.text() == "Thông qua nghị quyết tháng 01/2027"
    ws.resolution.subject.setText("Thông qua nghị quyết tháng 01/2027 (sửa đổi)")
    ws.steps.buttons[3].click()
    assert ws.resolution.subject.text() == "Thông qua nghị quyết tháng 01/2027 (sửa đổi)"  # typed text is kept
