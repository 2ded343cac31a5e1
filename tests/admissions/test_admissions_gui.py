"""Through the window: the demo's candidate Nguyễn Thị Minh Châu goes from her certificate to official
member — the cell's vote in a meeting (the vote form's person picker), the committee's steps and the
ceremony on the admissions page, the recognition vote a year later, the recognition decision — and ends on
the roster as an official member from the end of her 12 months, her party age counted from the decision."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox

from secretary_app.services import roster, votes

CHAU = "Nguyễn Thị Minh Châu"


def _vote(win, runner, qtbot, day: dt.datetime, kind: str) -> str:
    """Plan a meeting on ``day``, open its votes, choose ``kind`` and Châu, everyone present in favour."""
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    page.plan_with(kind="regular", planned_at=day, planned_minutes=120, place="Nhà văn hóa Tổ dân phố số 5")
    ws = page.workspace
    runner.wait()
    ws.steps.buttons[1].click()  # the roll: nobody is present until marked
    runner.wait()
    qtbot.wait(10)
    ws.attendance.mark_rest_present()
    runner.wait()
    qtbot.wait(10)
    ws.steps.buttons[3].click()
    runner.wait()
    qtbot.wait(10)  # the step's snapshot is shown before the kind is chosen
    res = ws.resolution
    res.kind.setCurrentIndex(res.kind.findData(kind))
    runner.wait()
    qtbot.waitUntil(lambda: res.person.count() > 1)
    assert res.choose_person(next(res.person.itemData(i) for i in range(res.person.count())
                                  if res.person.itemText(i).startswith(CHAU)))
    assert CHAU in res.subject.text()
    base = votes.vote_base(win.ctx.store, ws.meeting_id)
    res.yes.setValue(base.eligible_present)
    res.vote_button.click()
    runner.wait()
    return res.result.text()


def _step(page, runner, kind: str, day: dt.date, document: str = "") -> None:
    page.record_step()
    dialog = page.step_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.day.set_date(day)
    dialog.document.setText(document)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    runner.wait()


def _open_chau(win, runner, qtbot):
    win.show_page("admissions")
    runner.wait()
    page = win.pages["admissions"]
    chau = next(r for r in page.model.records if r.full_name == CHAU)
    page.select_candidate(chau.id)
    runner.wait()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == chau.id)
    return page


def _state(page, label: str) -> str:
    return next(e.state for e in page.detail.timeline if e.label == label)


def test_demo_candidate_from_certificate_to_official_member(window, qtbot, demo_store):
    win, runner = window
    clock = [dt.date(2026, 12, 5)]
    page = _open_chau(win, runner, qtbot)
    page.today = lambda: clock[0]
    page.refresh()
    runner.wait()
    # Its deadline (03/02/2031) is years off: open, not "due soon" (amber is for the overview's 30 days).
    qtbot.waitUntil(lambda: page.detail is not None and _state(page, "Chi bộ xét, đề nghị kết nạp") == "open")
    assert page.detail.problems_for_vote == ()

    assert "≥ 2/3" in _vote(win, runner, qtbot, dt.datetime(2026, 12, 5, 19, 30), "admission")

    page = _open_chau(win, runner, qtbot)
    assert _state(page, "Chi bộ xét, đề nghị kết nạp") == "done"
    clock[0] = dt.date(2027, 1, 20)
    _step(page, runner, "committee_review", dt.date(2026, 12, 15))
    _step(page, runner, "decision", dt.date(2026, 12, 28), "45-QĐ/ĐU")
    qtbot.waitUntil(lambda: page.detail is not None and _state(page, "Quyết định kết nạp") == "done")
    _step(page, runner, "ceremony", dt.date(2027, 1, 15))
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.member_id is not None)
    member_id = page.detail.member_id
    assert next(r for r in page.model.records if r.id == page.detail.id).stage == "Đảng viên dự bị"
    assert roster.get_member(demo_store, member_id, dt.date(2027, 1, 20)).status == "Dự bị"

    # A year later the cell meets late (the 12 months ended on 15/01/2028): official all the same from then.
    assert "≥ 2/3" in _vote(win, runner, qtbot, dt.datetime(2028, 3, 10, 19, 30), "recognition")
    page = _open_chau(win, runner, qtbot)
    clock[0] = dt.date(2028, 3, 20)
    _step(page, runner, "recognition_decision", dt.date(2028, 3, 18), "77-QĐ/ĐU")
    qtbot.waitUntil(lambda: all(r.full_name != CHAU for r in page.model.records))  # she left the pipeline

    member = roster.get_member(demo_store, member_id, dt.date(2028, 3, 20))
    assert (member.data.admission_decision_date, member.data.ceremony_date, member.data.official_date) == (
        dt.date(2026, 12, 28), dt.date(2027, 1, 15), dt.date(2028, 1, 15))
    assert member.status == "Chính thức"
    assert member.party_age == "1 năm 2 tháng"  # 28/12/2026 → 20/03/2028, from the decision
    rows = {r.id: r for r in roster.list_members(demo_store, dt.date(2028, 1, 16))}
    assert rows[member_id].membership == "official"


def test_dossier_checklist_exports_from_the_page(window, qtbot, tmp_path, monkeypatch):
    import pdfplumber
    from PySide6.QtWidgets import QFileDialog

    win, runner = window
    page = _open_chau(win, runner, qtbot)
    target = tmp_path / "ho-so.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    page.export_menu.actions()[-1].trigger()
    runner.wait()
    qtbot.waitUntil(target.exists)
    with pdfplumber.open(target) as pdf:
        text = " ".join((pdf.pages[0].extract_text() or "").split())
    assert "DANH MỤC HỒ SƠ" in text and CHAU in text
    assert "Hồ sơ còn thiếu 1 tài liệu." in text  # all but the cell's resolution, which needs the vote


def test_add_a_candidate_and_a_step_then_undo_both(window, qtbot):
    win, runner = window
    win.show_page("admissions")
    runner.wait()
    page = win.pages["admissions"]
    page.today = lambda: dt.date(2026, 11, 25)
    qtbot.waitUntil(lambda: len(page.model.records) == 4)
    page.add_candidate()
    dialog = page.dialog
    dialog.name.setText("Đinh Thị Ngọc")
    dialog.birth.setText("31/02/2001")  # not a real date: refused in the dialog, nothing sent
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.error.isVisible()
    dialog.birth.setText("03/05/2001")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    runner.wait()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.data.full_name == "Đinh Thị Ngọc")
    _step(page, runner, "application", dt.date(2026, 11, 20), "Đơn viết tay")
    qtbot.waitUntil(lambda: page.detail is not None and _state(page, "Đơn xin vào Đảng") == "done")
    page.undo_button.trigger()
    runner.wait()
    qtbot.waitUntil(lambda: page.detail is not None and _state(page, "Đơn xin vào Đảng") == "waiting")
    page.undo_button.trigger()
    runner.wait()
    qtbot.waitUntil(lambda: len(page.model.records) == 4)
    assert all(r.full_name != "Đinh Thị Ngọc" for r in page.model.records)
