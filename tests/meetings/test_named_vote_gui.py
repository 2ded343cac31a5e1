"""Step 4 through the GUI: a vote recorded by name (all in favour, two against) is stored with the names and
listed in the minutes; the dialog refuses to save with a ballot missing; a secret ballot is never by name;
a vote recorded by mistake is deleted after one question and Ctrl+Z brings it back. The dialog's picture
goes to $MEETING_SHOTS when set (for review by eye)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from exporters import Paragraph
from secretary_app.documents.minutes import item_blocks
from secretary_app.services import documents, votes
from secretary_app.services import meeting_attendance as att

SHOTS = os.environ.get("MEETING_SHOTS")


def _step4(win, runner):
    """Next month's meeting planned in the demo cell (a draft), opened at step 4."""
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    page.plan_with(kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30), planned_minutes=120,
                   place="Nhà văn hóa Tổ dân phố số 5")
    runner.wait()  # planned on the worker, then opened
    ws = page.workspace
    att.confirm_roll(ws.ctx.store, ws.meeting_id)  # the roll is taken: everyone present
    ws.steps.buttons[3].click()
    runner.wait()
    return ws.meeting_id, ws.resolution


def _open_dialog(qtbot, runner, res):
    res.named_dialog = None
    res.by_name.click()
    res.vote_button.click()
    runner.wait()
    qtbot.waitUntil(lambda: res.named_dialog is not None and res.named_dialog.isVisible())
    return res.named_dialog


def _lines(blocks) -> list[str]:
    return ["".join(run.text for run in b.runs) for b in blocks if isinstance(b, Paragraph)]


def test_a_vote_recorded_by_name_is_stored_listed_and_printed_with_the_names(window, qtbot, demo_store):
    win, runner = window
    meeting_id, res = _step4(win, runner)
    res.subject.setText("Thông qua nghị quyết tháng 12/2026")
    dialog = _open_dialog(qtbot, runner, res)
    sheet = att.attendance_sheet(demo_store, meeting_id)

    # Listed: the official members present, in the roll's order; probationary members are not, and it says so.
    listed = [r.member_id for r in dialog.voters]
    assert listed == [r.member_id for r in sheet.rows if r.membership == "official" and r.status == "present"
                      and not (r.temporarily_here or r.temporarily_away or r.suspended)]
    probationers = [r.member_id for r in sheet.rows if r.membership == "probationary"]
    assert probationers and not set(probationers) & set(listed)
    assert "dự bị" in dialog.note.text()
    assert f"cần ít nhất {len(listed) // 2 + 1} phiếu tán thành" in dialog.tally.text()

    # Enter with ballots missing: refused, and the missing names are said.
    dialog.everyone_yes()
    first, second = dialog.voters[1], dialog.voters[4]
    # Keyboard: Down moves to the next member's ballot, Right to "Không tán thành", Space chooses it.
    qtbot.keyClick(dialog.radios[0][0], Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.radios[1][0]
    qtbot.keyClick(dialog.radios[1][0], Qt.Key.Key_Right)
    assert dialog.focusWidget() is dialog.radios[1][1]
    assert dialog.radios[1][0].isChecked()  # moving does not change a ballot
    qtbot.keyClick(dialog.radios[1][1], Qt.Key.Key_Space)
    dialog.radios[4][1].click()
    assert "Tán thành " + str(len(listed) - 2) in dialog.tally.text()
    assert "Không tán thành 2" in dialog.tally.text()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        dialog.grab().save(str(Path(SHOTS) / "named-vote-dialog.png"))
    qtbot.keyClick(dialog.radios[4][1], Qt.Key.Key_Return)  # Enter = save: every member has a ballot
    runner.wait()
    qtbot.waitUntil(lambda: res.votes.count() == 1)

    [row] = votes.list_votes(demo_store, meeting_id)
    assert (row.yes, row.no, row.abstain) == (len(listed) - 2, 2, 0)
    assert res.votes.item(0).text().startswith(f"Thông qua nghị quyết tháng 12/2026: {row.explanation}")
    assert row.explanation in res.result.text()
    assert {b.name for b in row.ballots if b.choice == "no"} == {first.full_name, second.full_name}
    assert len(row.ballots) == len(listed)

    with demo_store.transaction() as session:
        record = documents.meeting_record(session, demo_store.cell_id, meeting_id)
    item = next(i for i in record.agenda if i.votes)
    lines = _lines(item_blocks(1, item))
    assert "Biểu quyết ghi danh:" in lines
    assert f"- Không tán thành: đồng chí {first.full_name}, đồng chí {second.full_name}." in lines


def test_the_dialog_refuses_to_save_while_a_member_has_no_ballot(window, qtbot, demo_store):
    win, runner = window
    meeting_id, res = _step4(win, runner)
    res.subject.setText("Thông qua nghị quyết tháng 12/2026")
    dialog = _open_dialog(qtbot, runner, res)
    for row in range(len(dialog.voters) - 2):
        dialog.radios[row][0].click()
    missing = [v.full_name for v in dialog.voters[-2:]]
    qtbot.keyClick(dialog.radios[0][0], Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.missing.text() == f"Hãy chọn phiếu cho: {missing[0]}, {missing[1]}."
    dialog.save_button.click()
    assert dialog.isVisible()
    runner.wait()
    assert votes.list_votes(demo_store, meeting_id) == []
    dialog.reject()


def test_a_secret_ballot_is_never_recorded_by_name(window, qtbot, demo_store):
    win, runner = window
    meeting_id, res = _step4(win, runner)
    assert not res.secret.isVisibleTo(res)  # a resolution is decided by show of hands
    assert res.by_name.isEnabled()
    res.by_name.click()
    res.kind.setCurrentIndex(res.kind.findData("admission"))
    assert res.secret.isVisibleTo(res) and res.by_name.isEnabled()  # raising the card: by name is allowed
    res.secret.click()
    assert not res.by_name.isEnabled() and res.by_counts.isChecked()
    assert res.secret_reason.isVisibleTo(res)
    assert res.secret_reason.text() == "Bỏ phiếu kín thì phiếu không ghi tên: hãy nhập số phiếu đã kiểm."
    res.subject.setText("Đề nghị kết nạp quần chúng Lê Văn Tùng")
    res.yes.setValue(12)
    res.vote_button.click()  # the counted ballots are recorded; no dialog of names
    runner.wait()
    assert res.named_dialog is None
    [row] = votes.list_votes(demo_store, meeting_id)
    assert (row.kind, row.yes, row.ballots) == ("admission", 12, ())


def test_a_vote_recorded_by_mistake_is_deleted_after_one_question_and_ctrl_z_brings_it_back(window, qtbot,
                                                                                         demo_store):
    win, runner = window
    meeting_id, res = _step4(win, runner)
    res.subject.setText("Thông qua nghị quyết tháng 12/2026")
    res.yes.setValue(15)
    res.vote_button.click()
    runner.wait()
    res.subject.setText("Biểu quyết ghi nhầm")
    res.yes.setValue(3)
    res.vote_button.click()
    runner.wait()
    assert res.votes.count() == 2
    mistaken = votes.list_votes(demo_store, meeting_id)[1]
    win.activateWindow()
    res.votes.setCurrentRow(1)
    res.votes.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is res.votes)
    qtbot.keyClick(res.votes, Qt.Key.Key_Delete)
    box = res.confirm_box
    assert box is not None and box.isVisible()
    assert "Biểu quyết ghi nhầm" in box.text() and "Ctrl+Z" in box.text()
    assert box.defaultButton().text() == "Không xóa"
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    yes.click()
    runner.wait()
    qtbot.waitUntil(lambda: res.votes.count() == 1)
    assert [v.subject for v in votes.list_votes(demo_store, meeting_id)] == ["Thông qua nghị quyết tháng 12/2026"]

    win.activateWindow()  # the question has closed; the window is active again, focus back in the list
    res.votes.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is res.votes)
    qtbot.keyClick(res.votes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    runner.wait()
    qtbot.waitUntil(lambda: res.votes.count() == 2)
    assert mistaken.id in [v.id for v in votes.list_votes(demo_store, meeting_id)]
    assert any(res.votes.item(i).text().startswith("Biểu quyết ghi nhầm:") for i in range(res.votes.count()))
    # Ctrl+Y redoes the deletion.
    res.votes.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is res.votes)
    qtbot.keyClick(res.votes, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    runner.wait()
    qtbot.waitUntil(lambda: res.votes.count() == 1)
    assert mistaken.id not in [v.id for v in votes.list_votes(demo_store, meeting_id)]


def test_a_finalised_meetings_votes_are_read_only(window, qtbot, demo_store):
    win, runner = window
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    final = next(r for r in page.model.records if r.state == "final")
    page.open_meeting(final.id, 3)
    runner.wait()
    res = page.workspace.resolution
    assert res.votes.count() == 1
    res.votes.setCurrentRow(0)
    assert not res.delete_vote_button.isEnabled() and not res.by_name.isEnabled()
    assert not res.undo_button.isEnabled() and not res.vote_button.isEnabled()
    res.delete_selected_vote()
    assert res.confirm_box is None
    assert len(votes.list_votes(demo_store, final.id)) == 1


def test_a_vote_goes_under_the_agenda_item_chosen_for_it(window, qtbot, demo_store):
    """Admission is voted under "Công tác xây dựng Đảng", the resolution with the closing vote; the form
    suggests the item from the kind, the person may choose another, and the minutes follow."""
    win, runner = window
    meeting_id, res = _step4(win, runner)
    titles = [res.agenda_item.itemText(i) for i in range(res.agenda_item.count())]
    assert len(titles) == 8
    res.kind.setCurrentIndex(res.kind.findData("admission"))
    assert "Công tác xây dựng Đảng" in res.agenda_item.currentText()
    res.kind.setCurrentIndex(res.kind.findData("resolution"))
    assert "biểu quyết thông qua nghị quyết" in res.agenda_item.currentText()
    res.agenda_item.setCurrentIndex(titles.index(next(t for t in titles if "Nhiệm vụ tháng tới" in t)))
    res.subject.setText("Thông qua nhiệm vụ tháng 01/2027")
    res.yes.setValue(10)
    res.vote_button.click()
    runner.wait()
    qtbot.waitUntil(lambda: res.votes.count() == 1)
    with demo_store.transaction() as session:
        record = documents.meeting_record(session, demo_store.cell_id, meeting_id)
    [item] = [i for i in record.agenda if i.votes]
    assert "Nhiệm vụ tháng tới" in item.title
    assert "Nhiệm vụ tháng tới" in res.agenda_item.currentText()  # the reload keeps the choice


def test_a_vote_cannot_point_at_another_meetings_agenda_item(demo_store):
    from secretary_app.errors import ValidationFailed
    from secretary_app.services import meeting_cycle as cycle
    from secretary_app.services.meetings import list_meetings

    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30))
    att.confirm_roll(demo_store, detail.id)
    other = next(r for r in list_meetings(demo_store) if r.id != detail.id)
    foreign = cycle.get_meeting(demo_store, other.id).agenda[0].id
    with pytest.raises(ValidationFailed) as refused:
        votes.record_vote(demo_store, detail.id, "Thông qua", "resolution", 10, 0, 0, agenda_item_id=foreign)
    assert "không thuộc kỳ sinh hoạt này" in refused.value.message
