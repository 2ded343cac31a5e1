"""The Điểm danh step as the recorder reads it (issue #17): an exempt member not marked reads "Miễn sinh
hoạt", not "Chưa điểm danh", and is counted as the attendance service counts them; the chair and recorder
once saved are shown again when the meeting is closed and opened anew."""

from __future__ import annotations

import datetime as dt

from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services.meetings import list_meetings


def _open_attendance(win, runner, qtbot, meeting_id):
    page = win.pages["meetings"]
    page.open_meeting(meeting_id, 1)
    runner.wait()
    step = page.workspace.attendance
    qtbot.waitUntil(lambda: step.sheet is not None and step.sheet.meeting_id == meeting_id
                    and step.table.rowCount() == len(step.sheet.rows))
    return page, step


def _plan_and_open(win, runner, qtbot, demo_store):
    """December's meeting planned on the demo cell and opened at its Điểm danh step."""
    win.show_page("meetings")
    runner.wait()
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30),
                                   planned_minutes=120, place="Nhà văn hóa Tổ dân phố số 5")
    return detail, _open_attendance(win, runner, qtbot, detail.id)


def _row_of(step, name: str) -> int:
    return next(r for r in range(step.table.rowCount()) if step.table.item(r, 0).text() == name)


def test_an_exempt_member_not_marked_reads_exempt_and_is_not_counted_as_unmarked(window, qtbot, demo_store):
    win, runner = window
    detail, (_, step) = _plan_and_open(win, runner, qtbot, demo_store)
    sheet = att.attendance_sheet(demo_store, detail.id)
    exempt = [r for r in sheet.rows if r.exempt]
    assert exempt, "the demo cell has members exempt from activities"
    for member in exempt:
        mark = step.table.cellWidget(_row_of(step, member.full_name), 2)
        assert mark.currentText() == "Miễn sinh hoạt"
        assert mark.currentData() == att.NOT_MARKED  # nothing is stored for them by showing it
    others = [r for r in sheet.rows if not r.exempt]
    assert step.table.cellWidget(_row_of(step, others[0].full_name), 2).currentText() == "Chưa điểm danh"
    # The counts line is the service's: exempt members are neither "not marked" nor absent.
    not_marked = sheet.counts.not_marked
    assert not {r.full_name for r in exempt} & set(not_marked)
    assert {r.full_name for r in others if not r.temporarily_here} == set(not_marked)
    assert f"Chưa điểm danh: {len(not_marked)}." in step.counts.text()
    assert f"miễn sinh hoạt {len(exempt)}" in step.counts.text()
    # "Mark the others present" leaves them as they were: exempt, not present.
    step.rest_present_button.click()
    runner.wait()
    qtbot.waitUntil(lambda: "Chưa điểm danh: 0." in step.counts.text())
    for member in exempt:
        assert step.table.cellWidget(_row_of(step, member.full_name), 2).currentText() == "Miễn sinh hoạt"
    # An exempt member who came is marked present like anyone else.
    came = _row_of(step, exempt[0].full_name)
    mark = step.table.cellWidget(came, 2)
    mark.setCurrentIndex(mark.findData("present"))
    runner.wait()
    qtbot.waitUntil(lambda: att.attendance_sheet(demo_store, detail.id).row(exempt[0].member_id).present)
    qtbot.waitUntil(lambda: step.table.cellWidget(came, 2) is not None
                    and step.table.cellWidget(came, 2).currentText() == "Có mặt")


def test_saved_chair_and_recorder_are_shown_when_the_meeting_is_opened_again(window, qtbot, demo_store):
    win, runner = window
    detail, (page, step) = _plan_and_open(win, runner, qtbot, demo_store)
    step.rest_present_button.click()
    runner.wait()
    qtbot.waitUntil(lambda: step.chair.count() > 2)
    step.chair.setCurrentIndex(1)
    step.recorder.setCurrentIndex(2)
    chair, recorder = step.chair.currentText(), step.recorder.currentText()
    step.people_button.click()
    runner.wait()
    qtbot.waitUntil(lambda: att.attendance_sheet(demo_store, detail.id).recorder_id is not None)
    page.workspace.close_meeting()
    runner.wait()
    # Another meeting in between, then this one again: the step is read afresh from the store.
    final = next(m for m in list_meetings(demo_store) if m.state == "final")
    _open_attendance(win, runner, qtbot, final.id)
    page.workspace.close_meeting()
    runner.wait()
    _, step = _open_attendance(win, runner, qtbot, detail.id)
    assert (step.chair.currentText(), step.recorder.currentText()) == (chair, recorder)
    assert "(chọn)" not in (step.chair.currentText(), step.recorder.currentText())


def test_a_finalised_meeting_shows_its_chair_and_recorder(window, qtbot, demo_store):
    win, runner = window
    win.show_page("meetings")
    runner.wait()
    for meeting in (m for m in list_meetings(demo_store) if m.state == "final"):
        _, step = _open_attendance(win, runner, qtbot, meeting.id)
        sheet = att.attendance_sheet(demo_store, meeting.id)
        assert sheet.chair_id is not None and sheet.recorder_id is not None
        names = {r.member_id: r.full_name for r in sheet.rows}
        assert step.chair.currentText() == names[sheet.chair_id]
        assert step.recorder.currentText() == names[sheet.recorder_id]
        win.pages["meetings"].workspace.close_meeting()
        runner.wait()

