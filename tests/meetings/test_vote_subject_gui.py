"""Step 4 names the vote after the meeting's own month (documents.md §4), not "Thông qua nghị quyết tháng"."""

from __future__ import annotations

from tests.meetings.test_named_vote_gui import _step4


def test_the_vote_subject_starts_as_the_resolution_of_the_meeting_month(window):
    win, runner = window
    _, res = _step4(win, runner)  # the meeting of 05/12/2026
    assert res.subject.text() == "Thông qua nghị quyết tháng 12/2026"
    res.subject.setText("Thông qua nghị quyết tháng 12/2026 (sửa đổi)")
    win.pages["meetings"].workspace.steps.buttons[3].click()
    assert res.subject.text() == "Thông qua nghị quyết tháng 12/2026 (sửa đổi)"  # typed text is kept
