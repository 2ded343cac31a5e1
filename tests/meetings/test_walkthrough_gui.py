"""The whole monthly cycle through the GUI: plan → attendance → minutes with two speakers → a vote →
resolution → finalise → export; then the finalised minutes refuse edits and next month's draft carries
the tasks. Screenshots of each step go to $MEETING_SHOTS when set (for review by eye)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from secretary_app.errors import ReadOnlyError
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn

SHOTS = os.environ.get("MEETING_SHOTS")


def type_text(widget, text: str) -> None:
    """Type Vietnamese text (QTest.keyClicks only knows ASCII and aborts on "ễ")."""
    for ch in text:  # one character at a time, as the keyboard delivers them
        if hasattr(widget, "insertPlainText"):
            widget.insertPlainText(ch)
        else:
            widget.insert(ch)


def _shot(window, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # let pending layout requests run, as they would before a repaint
        window.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_full_meeting_cycle_through_the_gui(window, qtbot, demo_store, tmp_path):
    win, runner = window
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    _shot(win, "0-list")

    # 1. Plan: a regular December meeting, 80 minutes → warned about the 90-minute minimum.
    page.plan_with(kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30), planned_minutes=80,
                   place="Nhà văn hóa Tổ dân phố số 5")
    runner.wait()  # planned on the worker, then opened
    ws = page.workspace
    assert ws.steps.buttons[0].isChecked()
    prep = ws.prepare
    assert "dưới mức tối thiểu 90 phút" in prep.warnings.text()
    assessment = next(a for a in cycle.get_meeting(demo_store, ws.meeting_id).agenda if a.step == "assessment")
    assert "Thu đảng phí đúng hạn" in assessment.gist  # last month's tasks listed for assessment
    prep.minutes.setValue(120)
    assert prep.warnings.text() == ""
    _shot(win, "1-prepare")
    prep.advance_button.click()  # draft → announced
    runner.wait()
    assert cycle.get_meeting(demo_store, ws.meeting_id).state == "announced"
    prep.advance_button.click()  # announced → held
    runner.wait()
    assert cycle.get_meeting(demo_store, ws.meeting_id).state == "held"

    # 2. Attendance: mark one absent with an approved reason; choose chair and recorder.
    ws.steps.buttons[1].click()
    runner.wait()
    assert ws.steps.buttons[1].isChecked()
    step = ws.attendance
    # Nobody is present before being marked; "the others are present" marks the rest at once.
    assert {step.table.cellWidget(r, 2).currentData() for r in range(step.table.rowCount())} == {""}
    step.rest_present_button.click()
    runner.wait()
    qtbot.waitUntil(lambda: step.table.cellWidget(3, 2) is not None
                    and step.table.cellWidget(3, 2).currentData() == "present")
    names = [step.table.item(r, 0).text() for r in range(step.table.rowCount())]
    speakers = ("Ngô Thị Mai", "Dương Văn Long")  # they speak in step 3, so they are not the one absent
    row = next(r for r in range(step.table.rowCount()) if step.table.cellWidget(r, 2).currentData() == "present"
               and "Chính thức" in step.table.item(r, 1).text() and r > 2 and names[r] not in speakers)
    step.table.cellWidget(row, 3).setText("Ốm")
    step.table.cellWidget(row, 2).setCurrentIndex(step.table.cellWidget(row, 2).findData("absent_reason"))
    runner.wait()  # the mark is saved on the worker
    qtbot.waitUntil(lambda: f"{att.attendance_sheet(demo_store, ws.meeting_id).counts.present} (" in step.counts.text())
    sheet = att.attendance_sheet(demo_store, ws.meeting_id)
    marked = next(r for r in sheet.rows if r.full_name == names[row])
    assert (marked.status, marked.reason) == ("absent_reason", "Ốm")
    assert f"{sheet.counts.present} (" in step.counts.text()  # the counts shown are the computed ones
    step.chair.setCurrentIndex(1)
    step.recorder.setCurrentIndex(2)
    step.set_people()
    runner.wait()
    qtbot.waitUntil(lambda: step.chair.currentData() is not None)  # the stored choice is shown again
    assert att.attendance_sheet(demo_store, ws.meeting_id).chair_id == step.chair.currentData()
    step.guest_name.setText("Vũ Minh Tuấn")
    step.guest_position.setText("Đảng ủy viên phường")
    step.add_guest()
    runner.wait()
    assert step.guests.count() == 1
    assert names
    _shot(win, "2-attendance")

    # 3. Minutes: the discussion item with two speakers typed live (Enter adds the next speaker).
    ws.steps.buttons[2].click()
    runner.wait()
    ed = ws.minutes
    discussion = next(i for i in range(ed.items.count()) if "Thảo luận" in ed.items.item(i).text())
    ed.items.setCurrentRow(discussion)
    type_text(ed.presenter, "Nguyễn Văn Hùng")
    type_text(ed.gist, "Các đồng chí thảo luận về vệ sinh môi trường.")
    for name, opinion in (("Ngô Thị Mai", "Đề nghị tăng cường phân loại rác."),
                          ("Dương Văn Long", "Nhất trí, bổ sung chăm lo gia đình chính sách.")):
        type_text(ed.speaker, name)
        qtbot.keyClick(ed.speaker, Qt.Key.Key_Return)
        type_text(ed.opinion, opinion)
        qtbot.keyClick(ed.opinion, Qt.Key.Key_Return)
    assert ed.speeches.rowCount() == 2
    type_text(ed.conclusion, "Chi bộ thống nhất tăng cường tuyên truyền.")
    ed.tasks.item(0, 0).setText("Tổng vệ sinh khu phố")
    ed.tasks.item(0, 1).setText("Ngô Thị Mai")
    ed.tasks.item(0, 2).setText("20/12/2026")
    ed.autosave()
    runner.wait()
    qtbot.waitUntil(lambda: not ed._saving and ed.status.text() != "", timeout=3000)
    view = mn.minutes_view(demo_store, ws.meeting_id)
    saved = view.items[discussion]
    assert [s.speaker_name for s in saved.speeches] == ["Ngô Thị Mai", "Dương Văn Long"]
    assert view.tasks[0].deadline == dt.date(2026, 12, 20)
    _shot(win, "3-minutes")

    # 4. Vote and resolution.
    ws.steps.buttons[3].click()
    runner.wait()
    res = ws.resolution
    res.subject.setText("Thông qua nghị quyết tháng 12/2026")
    res.yes.setValue(15)
    res.vote_button.click()
    runner.wait()
    assert "thông qua" in res.result.text() and "15/" in res.result.text()
    res.draft_button.click()
    runner.wait()
    assert "I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 11/2026" in res.body.toPlainText()
    assert "Tổng vệ sinh khu phố" in res.body.toPlainText()
    res.issue_button.click()
    runner.wait()
    assert res.number_label.text().startswith("Số 04-NQ/CB"), res.message.text()
    _shot(win, "4-resolution")

    # 5. Finalise and export.
    ws.steps.buttons[4].click()
    runner.wait()
    fin = ws.finish
    fin.finalise_button.click()
    runner.wait()
    assert "Đã hoàn tất ngày" in fin.state.text() and "SHA-256" not in fin.state.text()  # words, no hash
    fin.export_folder = tmp_path
    for kind in ("agenda", "minutes", "resolution"):
        for fmt in ("docx", "pdf"):
            fin.message.clear()  # "Saved …" or the reason it failed will be said here
            fin.export(kind, fmt)
            runner.wait()
            qtbot.waitUntil(lambda k=kind, f=fmt: (tmp_path / f"{k}.{f}").exists() or bool(fin.message.text()),
                            timeout=10000)
            assert (tmp_path / f"{kind}.{fmt}").exists(), fin.message.text()
    qtbot.waitUntil(lambda: (tmp_path / "resolution.pdf").exists() or "Lỗi" in fin.message.text(), timeout=10000)
    assert (tmp_path / "resolution.pdf").exists(), fin.message.text()
    assert (tmp_path / "minutes.pdf").stat().st_size > 1000
    assert (tmp_path / "minutes.docx").stat().st_size > 1000
    _shot(win, "5-finalise")

    # The finalised minutes refuse edits: the editor is read-only, the service says how to amend.
    ws.steps.buttons[2].click()
    runner.wait()
    assert ed.read_only and ed.gist.isReadOnly() and ed.speaker.isReadOnly()
    with pytest.raises(ReadOnlyError, match="biên bản bổ sung"):
        mn.autosave_minutes(demo_store, ws.meeting_id, mn.MinutesDraft())
    assert not ws.integrity.text()  # the hash re-checked on open matches

    # Next month's draft carries the tasks of this resolution, with owner and deadline.
    nxt, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2027, 1, 5, 19, 30))
    assessment = next(a for a in nxt.agenda if a.step == "assessment")
    assert "Tổng vệ sinh khu phố — phụ trách: Ngô Thị Mai — hạn: 20/12/2026" in assessment.gist
