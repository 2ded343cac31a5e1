"""The one doorway (ui/ops.py): no store transaction runs on the GUI thread while the app is used, and what
the meeting workspace changes shows on the other pages without a restart (issue 11)."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import event

from secretary_app.changes import Change, Changes
from secretary_app.services import register
from secretary_app.services.meetings import MeetingState
from ui.main_window import PAGE_KEYS


class GuiThreadGuard:
    """Records every SQL statement the store runs on the GUI (main) thread."""

    def __init__(self, store) -> None:
        self.on_gui_thread: list[str] = []
        self.on_worker = 0
        event.listen(store.engine, "before_cursor_execute", self._seen)
        self._store = store

    def _seen(self, _conn, _cursor, statement: str, *_args) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread.append(statement.split("\n")[0][:120])
        else:
            self.on_worker += 1

    def remove(self) -> None:
        event.remove(self._store.engine, "before_cursor_execute", self._seen)


def test_the_guard_sees_a_service_called_on_the_gui_thread(demo_store):
    """The guard below would catch a screen that skipped the doorway (so its empty record means something)."""
    from secretary_app.services.meetings import list_meetings

    guard = GuiThreadGuard(demo_store)
    try:
        list_meetings(demo_store)
    finally:
        guard.remove()
    assert guard.on_gui_thread and guard.on_worker == 0


def _plan_and_open(win, runner):
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    page.plan_with(kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30), planned_minutes=120,
                   place="Nhà văn hóa Tổ dân phố số 5")
    runner.wait()
    return page, page.workspace


def test_no_store_transaction_runs_on_the_gui_thread_over_every_page_and_meeting_step(window, qtbot, demo_store,
                                                                                       tmp_path):
    win, runner = window
    guard = GuiThreadGuard(demo_store)
    try:
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
    finally:
        guard.remove()
    assert (tmp_path / "minutes.pdf").exists(), fin.message.text()
    assert "SHA-256" in fin.state.text()  # the walk really finalised the meeting
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
    assert title in _look_at(win, runner, "overview").next_label.text()  # planned here, shown there
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
