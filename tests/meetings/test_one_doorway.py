"""The one doorway (ui/ops.py): no store transaction runs on the GUI thread while the app is used — over every
page, every meeting step, the admissions, backup, change-log and settings screens and the first-start wizard —
and what the meeting workspace changes shows on the other pages without a restart (issue 11)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import event
from sqlalchemy.engine import Engine

from secretary_app.changes import Change, Changes
from secretary_app.services import admissions as adm
from secretary_app.services import register
from secretary_app.services.meetings import MeetingState
from ui.main_window import PAGE_KEYS


class GuiThreadGuard:
    """Records every SQL statement any store runs, and every SQLite file opened, on the GUI (main) thread.

    It listens on SQLAlchemy's ``Engine`` class, not one engine, so a store that reopens (a restore, an
    encryption) is still watched; and on ``sqlite3.connect``, so the screens that read the database file
    directly (the change log, the backups) are watched too."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.on_gui_thread: list[str] = []
        self.on_worker = 0
        self._paused = False
        event.listen(Engine, "before_cursor_execute", self._statement)
        real_connect = sqlite3.connect

        def connect(database, *args, **kwargs):
            self._seen(f"sqlite3.connect({database})")
            return real_connect(database, *args, **kwargs)

        monkeypatch.setattr(sqlite3, "connect", connect)

    def _statement(self, _conn, _cursor, statement: str, *_args) -> None:
        self._seen(statement.split("\n")[0][:120])

    def _seen(self, what: str) -> None:
        if self._paused:
            return
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread.append(what)
        else:
            self.on_worker += 1

    @contextmanager
    def paused(self) -> Iterator[None]:
        """For the test's own look at the store (what a person would check), not the app's."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False

    def remove(self) -> None:
        event.remove(Engine, "before_cursor_execute", self._statement)


@pytest.fixture
def gui_guard(demo_store, monkeypatch) -> Iterator[GuiThreadGuard]:
    """The guard, installed once the demo cell is made and before the window is built (ask for it first)."""
    guard = GuiThreadGuard(monkeypatch)
    yield guard
    guard.remove()


def test_the_guard_sees_a_service_called_on_the_gui_thread(gui_guard, demo_store):
    """The guard would catch a call that skipped the doorway (so its empty record below means something)."""
    from secretary_app.services.meetings import list_meetings

    list_meetings(demo_store)
    assert gui_guard.on_gui_thread and gui_guard.on_worker == 0


def test_the_guard_catches_a_screen_that_skips_the_doorway(gui_guard, window, monkeypatch):
    """A planted mistake: the change log read on the GUI thread instead of through ``ops.read``. Opening
    it from the Cài đặt page is enough for the guard to fail."""
    import ui.audit_dialog as audit_dialog
    from secretary_app.services.audit_log import read_log, verify_database

    def reload_on_gui_thread(self) -> None:
        database = self.ctx.paths.database
        self._show((verify_database(database), read_log(database)))

    monkeypatch.setattr(audit_dialog.AuditDialog, "reload", reload_on_gui_thread)
    win, runner = window
    win.show_page("settings")
    runner.wait()
    assert gui_guard.on_gui_thread == []  # the page itself is clean …
    win.pages["settings"].data_safety.open_log()
    runner.wait()
    assert any("sqlite3.connect" in seen for seen in gui_guard.on_gui_thread)  # … the planted dialog is not


def _plan_and_open(win, runner):
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    page.plan_with(kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30), planned_minutes=120,
                   place="Nhà văn hóa Tổ dân phố số 5")
    runner.wait()
    return page, page.workspace


def test_no_store_transaction_runs_on_the_gui_thread_over_every_page_and_meeting_step(gui_guard, window, qtbot,
                                                                                       tmp_path):
    win, runner = window
    guard = gui_guard
    # Every page, shown and loaded.
    for key in PAGE_KEYS:
        win.show_page(key)
        runner.wait()
    # A new meeting through each step, doing each step's work.
    page, ws = _plan_and_open(win, runner)
    prep = ws.prepare
    prep.agenda.setPlainText(prep.agenda.toPlainText() + "\nNội dung thêm")
    prep.save_button.click()
    runner.wait()
    prep.advance_button.click()  # → announced
    runner.wait()
    prep.advance_button.click()  # → held
    runner.wait()
    ws.steps.buttons[1].click()
    runner.wait()
    step = ws.attendance
    step.table.cellWidget(3, 2).setCurrentIndex(step.table.cellWidget(3, 2).findData("absent_reason"))
    runner.wait()
    qtbot.wait(10)  # the sheet reloads on the next turn of the event loop
    step.mark_rest_present()  # nobody is present until marked (one attendance model)
    runner.wait()
    qtbot.wait(10)
    step.chair.setCurrentIndex(1)
    step.recorder.setCurrentIndex(2)
    step.set_people()
    runner.wait()
    step.guest_name.setText("Vũ Minh Tuấn")
    step.add_guest()
    runner.wait()
    ws.steps.buttons[2].click()
    runner.wait()
    ed = ws.minutes
    ed.gist.insertPlainText("Các đồng chí thảo luận.")
    ed.autosave()
    runner.wait()
    ws.steps.buttons[3].click()  # leaving the editor saves it
    runner.wait()
    res = ws.resolution
    res.subject.setText("Thông qua nghị quyết tháng 12/2026")
    res.yes.setValue(15)
    res.vote_button.click()
    runner.wait()
    res.draft_button.click()
    runner.wait()
    res.issue_button.click()
    runner.wait()
    ws.steps.buttons[4].click()
    runner.wait()
    fin = ws.finish
    fin.finalise_button.click()
    runner.wait()
    fin.export_folder = tmp_path
    fin.export("minutes", "pdf")
    runner.wait()
    ws.steps.buttons[0].click()
    runner.wait()
    ws.back.click()
    runner.wait()
    # A finalised meeting of the demo opened at its state's step.
    final = next(r for r in page.model.records if r.state == MeetingState.FINAL and r.id != ws.meeting_id)
    page.open_meeting(final.id)
    runner.wait()
    assert ws.stack.currentIndex() == 4
    # Every page again, after all that.
    for key in PAGE_KEYS:
        win.show_page(key)
        runner.wait()
    assert (tmp_path / "minutes.pdf").exists(), fin.message.text()
    assert "Đã hoàn tất ngày" in fin.state.text()  # the walk really finalised the meeting
    assert guard.on_worker > 100  # the guard saw the work, all of it on the worker
    assert guard.on_gui_thread == []


def _look_at(win, runner, key: str):
    """Switch to a page as a person would (Alt+1…), let it load, and come back to the meeting."""
    win.show_page(key)
    runner.wait()
    page = win.pages[key]
    win.show_page("meetings")
    return page


def test_recording_a_vote_in_the_workspace_updates_the_overview_and_documents_pages(window, qtbot, demo_store):
    win, runner = window
    overview, documents = _look_at(win, runner, "overview"), _look_at(win, runner, "documents")
    symbols_before = {r.symbol for r in documents.model.records}
    heard: list[Changes] = []
    win.ctx.hub.changed.connect(heard.append)
    loads = {"overview": 0, "documents": 0}
    overview_loaded, documents_loaded = overview._loaded, documents._loaded
    overview._loaded = lambda data: (loads.__setitem__("overview", loads["overview"] + 1), overview_loaded(data))
    documents._loaded = lambda rows: (loads.__setitem__("documents", loads["documents"] + 1), documents_loaded(rows))

    _page, ws = _plan_and_open(win, runner)
    title = ws.title.text()
    assert any(title in item.text for item in _look_at(win, runner, "overview").data.todo)  # planned here, shown there
    prep = ws.prepare
    prep.advance_button.click()  # announced
    runner.wait()
    prep.advance_button.click()  # held: now the last meeting, and none is planned
    runner.wait()
    assert title in _look_at(win, runner, "overview").cards["attendance"].caption.text()

    ws.steps.buttons[1].click()  # the roll: nobody is present until marked
    runner.wait()
    qtbot.wait(10)
    ws.attendance.mark_rest_present()
    runner.wait()
    qtbot.wait(10)
    ws.steps.buttons[3].click()
    runner.wait()
    res = ws.resolution
    res.subject.setText("Thông qua nghị quyết tháng 12/2026")
    res.yes.setValue(15)
    before = dict(loads)
    res.vote_button.click()
    runner.wait()
    assert "thông qua" in res.result.text()
    vote = heard[-1]
    assert vote.touches(Change.VOTE) and vote.initiator is res  # typed flags, and who asked
    assert loads == before  # hidden pages do not re-read on each change …
    _look_at(win, runner, "overview")
    assert loads["overview"] == before["overview"] + 1  # … but the overview shown next re-reads the store

    # Numbering the resolution puts it in the register: the documents page lists it when looked at.
    res.draft_button.click()
    runner.wait()
    res.signer.setText("Nguyễn Văn An")
    res.issue_button.click()
    runner.wait()
    issued = res.number_label.text().removeprefix("Số ")
    assert issued.endswith("-NQ/CB") and issued not in symbols_before, res.message.text()
    assert issued in {r.symbol for r in _look_at(win, runner, "documents").model.records}
    assert issued in {r.symbol for r in register.list_documents(demo_store)}


def _show(win, runner, key: str):
    win.show_page(key)
    runner.wait()
    return win.pages[key]


def test_no_store_transaction_runs_on_the_gui_thread_in_the_other_screens(gui_guard, window, qtbot, qapp, tmp_path,
                                                                          monkeypatch):
    """Members (a member's dues), documents, Đảng phí, Kết nạp (add, record a step, a document, undo), Đồng
    bộ, Cài đặt (save the cell, the rules, a backup, a restore, the change log, encryption), each done as a
    person would; every page again after the restore."""
    win, runner = window
    members = _show(win, runner, "members")
    members.select_member(members.model.records[0].id)  # details, then the member's dues this year
    runner.wait()
    qtbot.waitUntil(lambda: "Đảng phí" in members.detail_info.text())

    documents = _show(win, runner, "documents")
    documents.table.selectRow(0)
    documents._export("pdf", tmp_path / "register.pdf", documents._saved)
    runner.wait()
    assert (tmp_path / "register.pdf").exists(), documents.status.text()

    _show(win, runner, "dues")

    admissions = _show(win, runner, "admissions")
    admissions._call_create(adm.CandidateData("Lê Thị Thu Trang", dt.date(2001, 3, 8), "Nữ", "Giáo viên"))
    runner.wait()
    qtbot.waitUntil(lambda: admissions.detail is not None and admissions.detail.data.full_name == "Lê Thị Thu Trang")
    trang = admissions.detail.id
    admissions._call_step(trang, adm.StepInput("class_certificate", dt.date.today() - dt.timedelta(days=3), "GCN 12"))
    runner.wait()
    qtbot.waitUntil(lambda: admissions.detail is not None and any(
        e.kind == "class_certificate" and e.done for e in admissions.detail.timeline))
    admissions._call_export(trang, "dossier", tmp_path / "dossier.pdf")
    runner.wait()
    assert (tmp_path / "dossier.pdf").exists()
    admissions.undo_stack.undo()  # the step, through the doorway again
    runner.wait()

    _show(win, runner, "sync")

    settings = _show(win, runner, "settings")
    settings.save_button.click()
    runner.wait()
    settings.unconfirmed_holidays.toggle()  # re-reads the rules in force
    runner.wait()
    box = settings.data_safety
    usb = tmp_path / "usb"
    usb.mkdir()
    box.back_up(usb)
    runner.wait()
    backup = next(usb.glob("*.sqlite3"))
    box.choose_restore(backup)
    runner.wait()
    restore = next(b for b in box.question.buttons()
                   if box.question.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    restore.click()
    runner.wait()
    assert box.message.text().startswith("Đã khôi phục."), box.message.text()
    box.open_log()
    runner.wait()
    box.log_dialog.record.setText("Trang")
    runner.wait()
    box.log_dialog.close()
    from secretary_app.db import crypto

    # The passphrase is kept for the rest of the process (as the app does): put it back for the next tests.
    monkeypatch.setattr(crypto, "_session_passphrase", crypto._session_passphrase)
    box.ask_passphrase("mật khẩu dữ liệu 2026")
    runner.wait(30000)
    assert box.message.text().startswith("Đã mã hóa"), box.message.text()
    for key in PAGE_KEYS:  # after the restore and the encryption every page reads again
        _show(win, runner, key)
    qapp.processEvents()
    runner.wait()
    assert gui_guard.on_worker > 100  # the guard saw the work, all of it on the worker
    assert gui_guard.on_gui_thread == []


def test_the_first_start_wizard_saves_the_cell_on_the_worker(qtbot, qapp, store, monkeypatch):
    from secretary_app.services.cell import get_cell
    from secretary_app.settings import Settings
    from ui.context import AppContext
    from ui.tasks import TaskRunner
    from ui.wizard import SetupWizard

    guard = GuiThreadGuard(monkeypatch)
    try:
        runner = TaskRunner()
        wizard = SetupWizard(AppContext.for_store(store, Settings(), runner))
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        form = wizard.cell_page.form
        form.name.setText("Chi bộ Khu dân cư số 3")
        form.superior.setText("Đảng bộ xã Tuy Lộc")
        form.place.setText("Tuy Lộc")
        wizard.button(QWizard.WizardButton.FinishButton).click()
        runner.wait()
        runner.shutdown()
    finally:
        guard.remove()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert guard.on_worker > 0 and guard.on_gui_thread == []
    assert get_cell(store).name == "Chi bộ Khu dân cư số 3"
