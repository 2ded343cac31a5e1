"""The consistency check of a meeting's record (issue 10 item 3): each check with the message the
secretary reads, blocking ones refused by finalise, and the demo's meetings free of contradictions."""

from __future__ import annotations

import datetime as dt

import pytest

from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_check as mc
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services import resolutions, roster, votes
from secretary_app.services.meetings import list_meetings
from secretary_app.services.roster import EventInput

DECEMBER = dt.datetime(2026, 12, 5, 19, 30)


def held_meeting(store):
    """December's meeting in the demo cell, held, everyone on the roll present, chair and recorder chosen,
    the discussion item ready, one task with owner and deadline: a clean record."""
    detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=DECEMBER)
    cycle.advance_meeting(store, detail.id)
    cycle.advance_meeting(store, detail.id)
    att.confirm_roll(store, detail.id)
    sheet = att.attendance_sheet(store, detail.id)
    chair, recorder = sheet.rows[0], sheet.rows[1]
    att.set_chair_recorder(store, detail.id, chair.member_id, recorder.member_id)
    mn.autosave_minutes(store, detail.id, mn.MinutesDraft(
        tasks=(mn.TaskDraft("Tổng vệ sinh khu phố", chair.full_name, dt.date(2026, 12, 28)),)))
    return detail, sheet


def speak(store, detail, row) -> None:
    item = next(i for i in detail.agenda if i.step == "discussion")
    mn.autosave_minutes(store, detail.id, mn.MinutesDraft(items=(mn.ItemDraft(
        item.id, speeches=(mn.SpeechDraft(row.full_name, "Đề nghị tăng cường phân loại rác.", row.member_id),)),)))


def voter(sheet, n: int = 2):
    return next(r for i, r in enumerate(sheet.voters) if i >= n)


def test_a_clean_record_has_no_findings_and_finalises(demo_store):
    detail, _ = held_meeting(demo_store)
    assert mc.check_meeting(demo_store, detail.id) == ()
    mn.finalise_meeting(demo_store, detail.id)
    assert cycle.get_meeting(demo_store, detail.id).state == "final"


def test_an_absent_speaker_blocks_finalising(demo_store):
    detail, sheet = held_meeting(demo_store)
    mai = voter(sheet)
    att.set_attendance(demo_store, detail.id, mai.member_id, "absent_reason", "Đi công tác", approved=True)
    speak(demo_store, detail, mai)
    item = next(i for i in detail.agenda if i.step == "discussion")
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert finding.blocking and finding.code == "absent_speaker"
    assert finding.message == (f"Đồng chí {mai.full_name} được ghi vắng có lý do (Đi công tác) nhưng lại được ghi "
                               f"phát biểu ở nội dung {item.position + 1} (“{item.title}”).")
    assert (finding.target.step, finding.target.kind, finding.target.item_id, finding.target.position) == \
        (mc.Step.MINUTES, "speech", item.id, 1)
    with pytest.raises(mc.RecordContradicts, match="vắng có lý do"):
        mn.finalise_meeting(demo_store, detail.id)
    assert cycle.get_meeting(demo_store, detail.id).state == "held"  # nothing sealed


def test_a_speaker_typed_by_name_who_was_absent_is_found_too(demo_store):
    detail, sheet = held_meeting(demo_store)
    row = voter(sheet)
    att.set_attendance(demo_store, detail.id, row.member_id, "absent")
    item = next(i for i in detail.agenda if i.step == "discussion")
    mn.autosave_minutes(demo_store, detail.id, mn.MinutesDraft(items=(mn.ItemDraft(
        item.id, speeches=(mn.SpeechDraft(row.full_name.upper(), "Nhất trí."),)),)))
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert f"Đồng chí {row.full_name} được ghi vắng không lý do nhưng lại được ghi phát biểu" in finding.message


def test_more_ballots_than_members_present_with_a_vote(demo_store):
    detail, sheet = held_meeting(demo_store)
    voters = sheet.base.eligible_present
    vote, _ = votes.record_vote(demo_store, detail.id, "Thông qua nghị quyết tháng 12/2026", "resolution",
                                voters, 0, 0)
    att.set_attendance(demo_store, detail.id, voter(sheet).member_id, "absent")  # left before the vote
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert finding.blocking and finding.target == mc.Target(mc.Step.RESOLUTION, "vote", vote.id)
    assert finding.message == (f"Biểu quyết “Thông qua nghị quyết tháng 12/2026” ghi {voters} phiếu nhưng chỉ có "
                               f"{voters - 1} đảng viên chính thức có mặt có quyền biểu quyết; hãy ghi lại kết quả "
                               "biểu quyết.")


def test_a_named_ballot_of_a_member_marked_absent_afterwards(demo_store):
    detail, sheet = held_meeting(demo_store)
    ballots = {r.member_id: "yes" for r in sheet.voters}
    votes.record_named_vote(demo_store, detail.id, "Thông qua nghị quyết tháng 12/2026", "resolution",
                            ballots)
    gone = voter(sheet)
    att.set_attendance(demo_store, detail.id, gone.member_id, "absent")
    found = mc.check_meeting(demo_store, detail.id)
    assert [f.code for f in found] == ["too_many_ballots", "absent_voter"]
    assert found[1].message == (f"Biểu quyết “Thông qua nghị quyết tháng 12/2026” có phiếu của đồng chí "
                                f"{gone.full_name}, người được ghi vắng không lý do; hãy ghi lại kết quả biểu quyết.")


def test_a_speaker_neither_on_the_roll_nor_a_guest_warns(demo_store):
    detail, _ = held_meeting(demo_store)
    item = next(i for i in detail.agenda if i.step == "discussion")
    mn.autosave_minutes(demo_store, detail.id, mn.MinutesDraft(items=(mn.ItemDraft(
        item.id, speeches=(mn.SpeechDraft("Vũ Minh Tuấn", "Biểu dương chi bộ."),)),)))
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert not finding.blocking
    assert finding.message == (f"Người phát biểu “Vũ Minh Tuấn” ở nội dung {item.position + 1} không có trong danh "
                               "sách đảng viên dự họp hay đại biểu; hãy kiểm tra lại họ tên hoặc ghi thêm đại biểu ở "
                               "bước Điểm danh.")
    att.add_guest(demo_store, detail.id, "Vũ Minh Tuấn", "Đảng ủy viên phường")  # a guest may speak
    assert mc.check_meeting(demo_store, detail.id) == ()


def test_a_vote_base_that_changed_after_the_vote(demo_store):
    detail, sheet = held_meeting(demo_store)
    base = sheet.base.base
    votes.record_vote(demo_store, detail.id, "Thông qua nghị quyết tháng 12/2026", "resolution", base - 3, 0, 0)
    att.set_attendance(demo_store, detail.id, voter(sheet).member_id, "absent_reason", "Ốm", approved=True)
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert finding.blocking and finding.code == "base_changed"
    assert finding.message.startswith(f"Biểu quyết “Thông qua nghị quyết tháng 12/2026” được tính trên {base} đảng "
                                      "viên, nhưng theo điểm danh hiện nay tổng số biểu quyết là ")
    assert finding.message.endswith(f"= {base - 1}: điểm danh đã đổi sau khi ghi biểu quyết. Hãy ghi lại kết quả "
                                    "biểu quyết.")
    votes.record_vote(demo_store, detail.id, "Thông qua nghị quyết tháng 12/2026", "resolution", base - 3, 0, 0,
                      vote_id=finding.target.id)  # recorded again on the new base: nothing left
    assert mc.check_meeting(demo_store, detail.id) == ()


def test_chair_missing_or_not_present(demo_store):
    detail, sheet = held_meeting(demo_store)
    chair, recorder = sheet.rows[0], sheet.rows[1]
    att.set_chair_recorder(demo_store, detail.id, None, recorder.member_id)
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert (finding.code, finding.message) == ("chair_missing", "Chưa chọn người chủ trì của kỳ họp (ở bước Điểm danh).")
    att.set_chair_recorder(demo_store, detail.id, chair.member_id, recorder.member_id)
    # The recorder turns out to have been transferred away for a while before the meeting (entered later).
    roster.add_event(demo_store, recorder.member_id, EventInput("transfer_out_temporary", dt.date(2026, 11, 20),
                                                                detail="Đảng bộ phường Cầu Giấy"))
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert finding.blocking and finding.target == mc.Target(mc.Step.ATTENDANCE, "recorder", recorder.member_id)
    assert finding.message == (f"Đồng chí {recorder.full_name} là thư ký nhưng chuyển sinh hoạt tạm thời đi vào ngày "
                               "họp; hãy chọn lại thư ký trong số người có mặt.")


def test_a_resolution_of_another_month_warns(demo_store):
    detail, sheet = held_meeting(demo_store)
    votes.record_vote(demo_store, detail.id, "Thông qua nghị quyết tháng 12/2026", "resolution",
                      sheet.base.eligible_present, 0, 0)
    draft, _ = resolutions.draft_resolution(demo_store, detail.id)
    resolutions.update_resolution(demo_store, draft.id, subject="về lãnh đạo thực hiện nhiệm vụ tháng 01 năm 2027",
                                  sections=list(draft.sections), signer_name=sheet.rows[0].full_name)
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert not finding.blocking and finding.target == mc.Target(mc.Step.RESOLUTION, "resolution", draft.id)
    assert finding.message == ("Trích yếu nghị quyết ghi “tháng 01 năm 2027” nhưng kỳ họp là tháng 12/2026: nghị quyết "
                               "của kỳ họp tháng nào mang tháng đó (báo cáo kết quả tháng trước, đề ra nhiệm vụ tháng "
                               "này).")


def test_a_task_without_owner_or_deadline_warns(demo_store):
    detail, _ = held_meeting(demo_store)
    mn.autosave_minutes(demo_store, detail.id, mn.MinutesDraft(tasks=(
        mn.TaskDraft("Tổng vệ sinh khu phố", "Ngô Thị Mai", dt.date(2026, 12, 28)),
        mn.TaskDraft("Vận động gia đình văn hóa"))))
    (finding,) = mc.check_meeting(demo_store, detail.id)
    assert not finding.blocking and finding.target == mc.Target(mc.Step.MINUTES, "task", finding.target.id,
                                                                position=1)
    assert finding.message == "Nhiệm vụ “Vận động gia đình văn hóa” chưa có người phụ trách và thời hạn."
    mn.finalise_meeting(demo_store, detail.id)  # a warning does not block


def test_every_demo_meeting_passes_the_check(demo_store):
    meetings = list_meetings(demo_store)
    assert len(meetings) == 3
    for meeting in meetings:
        assert mc.check_meeting(demo_store, meeting.id) == (), meeting.title


def test_finalising_with_an_absent_speaker_is_blocked_and_the_button_opens_that_speech(window, qtbot, demo_store):
    win, runner = window
    detail, sheet = held_meeting(demo_store)
    absent = voter(sheet)
    att.set_attendance(demo_store, detail.id, absent.member_id, "absent_reason", "Đi công tác", approved=True)
    item = next(i for i in detail.agenda if i.step == "discussion")
    mn.autosave_minutes(demo_store, detail.id, mn.MinutesDraft(items=(mn.ItemDraft(item.id, speeches=(
        mn.SpeechDraft(sheet.rows[0].full_name, "Nhất trí với dự thảo.", sheet.rows[0].member_id),
        mn.SpeechDraft(absent.full_name, "Đề nghị tăng cường phân loại rác.", absent.member_id))),)))
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    page.open_meeting(detail.id, 4)
    ws, fin = page.workspace, page.workspace.finish
    runner.wait()
    qtbot.waitUntil(lambda: len(fin.finding_buttons) == 1)
    assert "vắng có lý do (Đi công tác) nhưng lại được ghi phát biểu" in fin.findings_box.findChildren(
        type(fin.check_title))[0].text()
    assert not fin.finalise_button.isEnabled()

    fin.finalise()  # as if the button were clicked: the service refuses too (on the worker)
    runner.wait()
    qtbot.waitUntil(lambda: fin.message.text() != "")
    assert cycle.get_meeting(demo_store, detail.id).state == "held"
    assert "Đã hoàn tất" not in fin.state.text()
    qtbot.waitUntil(lambda: len(fin.finding_buttons) == 1)

    fin.finding_buttons[0].click()
    editor = ws.minutes
    runner.wait()
    qtbot.waitUntil(lambda: editor.items.currentRow() == item.position)
    assert ws.current_step() is editor and ws.steps.buttons[2].isChecked()
    assert editor.items.currentRow() == item.position
    selected = {i.row() for i in editor.speeches.selectedIndexes()}
    assert selected == {1}
    assert editor.speeches.item(1, 0).text() == absent.full_name
