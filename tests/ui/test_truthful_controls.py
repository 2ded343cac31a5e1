"""Issue #17, controls that tell the truth: an action that cannot apply is greyed, not dead; "Sửa" opens the
selected member's record; Ctrl+S saves the minutes at once; chủ trì and thư ký are shown as saved when the
meeting is opened again; what one meeting's steps said is gone when another opens; a finalised record says
in words how to correct it, with no content hash."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services.meetings import MeetingState, list_meetings
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.meeting.minutes_editor import MinutesEditor
from ui.tasks import TaskRunner


def _settle(qapp, runner) -> None:
    for _ in range(3):
        runner.wait()
        qapp.processEvents()


@pytest.fixture
def window(qtbot, qapp, demo_store):
    install_translations(qapp, "vi")
    runner = TaskRunner()
    win = MainWindow(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(win)
    win.resize(1366, 700)
    win.show()
    win.start("members")
    _settle(qapp, runner)
    yield win, runner
    runner.wait()
    win.pages["meetings"].workspace.minutes.timer.stop() if "meetings" in win.pages else None
    runner.shutdown()


def test_member_actions_are_greyed_until_a_member_is_selected_and_sua_opens_that_member(window, qapp):
    win, runner = window
    page = win.page("members")
    assert page.table.currentIndex().isValid() is False
    assert not page.edit_button.isEnabled()
    assert not page.event_button.isEnabled()
    assert not page.delete_button.isEnabled()
    assert page.edit_button.text() == "Sửa" and page.event_button.text() == "Ghi sự kiện"
    page.table.selectRow(2)
    _settle(qapp, runner)
    chosen = page.current_row()
    assert page.edit_button.isEnabled() and page.event_button.isEnabled() and page.delete_button.isEnabled()
    page.edit_button.click()
    dialog = page.member_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.fields["full_name"].text() == chosen.full_name
    dialog.reject()


def test_meetings_open_is_greyed_with_nothing_selected(window, qapp):
    win, runner = window
    win.show_page("meetings")
    _settle(qapp, runner)
    page = win.page("meetings")
    assert not page.table.currentIndex().isValid()
    assert not page.open_button.isEnabled()
    assert page.delete_button.text() == "Xóa kỳ sinh hoạt"
    page.table.selectRow(0)
    _settle(qapp, runner)
    assert page.open_button.isEnabled()


def test_ctrl_s_saves_the_minutes_at_once(qtbot, demo_store):
    meeting, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 8, 0))
    runner = TaskRunner()
    settings = Settings()
    settings.autosave_seconds = 60  # the autosave would wait 45 s: only Ctrl+S can save within the test
    editor = MinutesEditor(AppContext.for_store(demo_store, settings, runner))
    qtbot.addWidget(editor)
    editor.load(mn.minutes_view(demo_store, meeting.id))
    editor.show()
    with qtbot.waitActive(editor):  # a shortcut reaches only the active window
        editor.activateWindow()
    editor.gist.setFocus()
    editor.gist.insertPlainText("Đồng chí Bí thư khai mạc.")
    qtbot.keyClick(editor.gist, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    runner.wait()
    assert mn.minutes_view(demo_store, meeting.id).items[0].gist == "Đồng chí Bí thư khai mạc."
    editor.timer.stop()
    runner.shutdown()


def test_chair_and_recorder_are_shown_as_saved_after_reopening(window, qapp):
    win, runner = window
    win.show_page("meetings")
    _settle(qapp, runner)
    page = win.page("meetings")
    page.plan_with(kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30), planned_minutes=120,
                   place="Nhà văn hóa")
    _settle(qapp, runner)
    ws = page.workspace
    ws.steps.buttons[1].click()
    _settle(qapp, runner)
    attendance = ws.attendance
    attendance.mark_rest_present()
    _settle(qapp, runner)
    attendance.chair.setCurrentIndex(1)
    attendance.recorder.setCurrentIndex(2)
    chair, recorder = attendance.chair.currentText(), attendance.recorder.currentText()
    attendance.people_button.click()
    _settle(qapp, runner)
    meeting_id = ws.meeting_id
    ws.close_meeting()
    _settle(qapp, runner)
    page.open_meeting(meeting_id, 1)
    _settle(qapp, runner)
    assert (attendance.chair.currentText(), attendance.recorder.currentText()) == (chair, recorder)
    assert "(chọn)" not in (attendance.chair.currentText(), attendance.recorder.currentText())


def test_a_message_about_one_meeting_is_gone_when_another_opens_and_a_finalised_record_says_how_to_amend(
        window, qapp, demo_store):
    win, runner = window
    win.show_page("meetings")
    _settle(qapp, runner)
    page = win.page("meetings")
    held = [m for m in list_meetings(demo_store) if m.state == MeetingState.FINAL]
    page.open_meeting(held[0].id, 4)
    _settle(qapp, runner)
    finish = page.workspace.finish
    finish.message.setText("Không xuất được văn bản.")  # as an export that failed would leave it
    state = finish.state.text()
    assert state.startswith("Đã hoàn tất ngày ") and "biên bản bổ sung" in state
    assert "SHA" not in state and finish.amend_button.text() == "Lập biên bản bổ sung"
    page.workspace.close_meeting()
    _settle(qapp, runner)
    page.open_meeting(held[1].id, 4)
    _settle(qapp, runner)
    assert finish.message.text() == ""
