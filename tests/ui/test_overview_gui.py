"""Tổng quan as the secretary's to-do list, as she uses it: each kind of item, clicked or chosen with Enter,
lands on the right page *and* record (the meeting at its step, the member, the dues row at the month, the
candidate, the conflict); a new cell shows its first steps, which open the import wizard and the plan
dialog; the list follows edits made elsewhere without a restart; zero is not red; the list saved last
time is shown at once, marked as updating, and a damaged one never breaks the start."""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from models.sync_tables import ConflictInbox, RejectedInbox
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.overview import Kind, Urgency
from secretary_app.services.overview_snapshot import fresh_overview, snapshot_path
from secretary_app.settings import Settings
from ui import ops
from ui.theme import OVERDUE, apply_theme

TODAY = dt.date.today()  # the page computes its list for today, as a secretary sees it


def _window(qtbot, qapp, store):
    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    install_translations(qapp, "vi")
    runner = TaskRunner()
    win = MainWindow(AppContext.for_store(store, Settings(), runner))
    win.resize(1366, 700)
    qtbot.addWidget(win)
    win.show()
    return win, runner


@pytest.fixture
def opened(qtbot, qapp, demo_store):
    win, runner = _window(qtbot, qapp, demo_store)
    yield win, runner
    _close(win, runner, qapp)


def _close(win, runner, qapp) -> None:
    runner.shutdown()
    if "meetings" in win.pages:
        win.pages["meetings"].workspace.minutes.timer.stop()
    win.close()
    win.deleteLater()
    qapp.processEvents()


def _overview(win, runner, qtbot):
    win.show_page("overview")
    page = win.pages["overview"]
    runner.wait()
    qtbot.waitUntil(lambda: page.fresh)
    return page


def _row(page, kind: Kind, text: str = "") -> int:
    rows = [r for r in range(page.todo.count()) if page.item_at(r).kind is kind and text in page.item_at(r).text]
    assert rows, f"no {kind} item with {text!r} in {[page.todo.item(r).text() for r in range(page.todo.count())]}"
    return rows[0]


def _click(qtbot, page, row: int) -> None:
    page.todo.scrollToItem(page.todo.item(row))
    rect = page.todo.visualItemRect(page.todo.item(row))
    qtbot.mouseClick(page.todo.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _enter(qtbot, page, row: int) -> None:
    page.todo.setCurrentRow(row)
    page.todo.setFocus()
    qtbot.keyClick(page.todo, Qt.Key.Key_Return)


def test_an_overdue_task_opens_its_meeting_at_the_minutes_with_the_task_selected(opened, qtbot, demo_store):
    win, runner = opened
    meeting, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 10, 5, 8, 0))
    mn.set_tasks(demo_store, meeting.id, [mn.TaskDraft("Thu đảng phí quý IV", "Phạm Thị Lan", TODAY + dt.timedelta(30)),
                                          mn.TaskDraft("Sửa đèn ngõ 12", "Trần Văn An", dt.date(2026, 11, 1))])
    page = _overview(win, runner, qtbot)
    row = _row(page, Kind.TASK, "Sửa đèn ngõ 12")
    line = page.todo.item(row)
    assert line.text().startswith("Quá hạn — ")  # the word, not the colour alone …
    assert line.foreground().color().name() == OVERDUE.lower()  # … and red for overdue
    _click(qtbot, page, row)
    meetings = win.pages["meetings"]
    ws = meetings.workspace
    assert win.stack.currentWidget() is meetings and meetings.stack.currentWidget() is ws
    runner.wait()
    qtbot.waitUntil(lambda: ws.minutes.tasks.rowCount() == 3)  # the two tasks and an empty row to type the next
    assert ws.meeting_id == meeting.id and ws.current_step() is ws.minutes
    assert ws.steps.current() == 2
    selected = ws.minutes.tasks.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [1]
    assert ws.minutes.tasks.item(1, 0).text() == "Sửa đèn ngõ 12"


def test_the_next_meeting_and_minutes_not_finalised_open_at_their_steps(opened, qtbot, demo_store):
    win, runner = opened
    soon, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime.combine(
        TODAY + dt.timedelta(days=10), dt.time(19, 30)))
    held, _ = cycle.plan_meeting(demo_store, kind="thematic", planned_at=dt.datetime.combine(
        TODAY - dt.timedelta(days=3), dt.time(8, 0)))
    cycle.advance_meeting(demo_store, held.id)
    cycle.advance_meeting(demo_store, held.id)
    page = _overview(win, runner, qtbot)
    _enter(qtbot, page, _row(page, Kind.NEXT_MEETING))
    ws = win.pages["meetings"].workspace
    runner.wait()
    qtbot.waitUntil(lambda: ws.title.text() == soon.title)
    assert ws.meeting_id == soon.id and ws.current_step() is ws.prepare  # documents: the Chuẩn bị step

    page = _overview(win, runner, qtbot)
    _click(qtbot, page, _row(page, Kind.MINUTES))
    runner.wait()
    qtbot.waitUntil(lambda: ws.title.text() == held.title)
    assert ws.meeting_id == held.id and ws.current_step() is ws.finish  # finalise: the Hoàn tất step


def test_a_badge_opens_the_members_record(opened, qtbot):
    win, runner = opened
    page = _overview(win, runner, qtbot)
    _click(qtbot, page, _row(page, Kind.BADGE, "Lê Văn Đức"))
    members = win.pages["members"]
    assert win.stack.currentWidget() is members
    runner.wait()
    qtbot.waitUntil(lambda: members.detail is not None)
    assert members.current_row().full_name == "Lê Văn Đức" and members.detail.data.full_name == "Lê Văn Đức"
    # Opened again while the list shows only probationary members and a search: the member is still found.
    members.status_filter.setCurrentIndex(members.status_filter.findData("probationary"))
    members.search.setText("Hồ Thị")
    assert not members.select_member(members.detail.id)
    page = _overview(win, runner, qtbot)
    _enter(qtbot, page, _row(page, Kind.BADGE, "Lê Văn Đức"))
    runner.wait()
    qtbot.waitUntil(lambda: members.current_row() is not None and members.current_row().full_name == "Lê Văn Đức")
    assert members.search.text() == ""


def test_dues_arrears_open_the_members_row_at_the_unpaid_month(opened, qtbot):
    win, runner = opened
    page = _overview(win, runner, qtbot)
    item = page.item_at(_row(page, Kind.DUES, "Đinh Công Thành"))
    _enter(qtbot, page, _row(page, Kind.DUES, "Đinh Công Thành"))
    dues = win.pages["dues"]
    assert win.stack.currentWidget() is dues
    runner.wait()
    qtbot.waitUntil(lambda: dues.name.text() == "Đinh Công Thành")
    index = dues.table.currentIndex()
    assert dues.model.records[index.row()].full_name == "Đinh Công Thành"
    assert index.column() == item.target.month.month  # the first month unpaid, ready for the cash entry
    assert dues.month.currentData() == item.target.month.month


def test_an_admission_deadline_opens_that_person(opened, qtbot):
    win, runner = opened
    page = _overview(win, runner, qtbot)
    _click(qtbot, page, _row(page, Kind.ADMISSION, "Nguyễn Thị Minh Châu"))
    admissions = win.pages["admissions"]
    assert win.stack.currentWidget() is admissions
    runner.wait()
    qtbot.waitUntil(lambda: admissions.detail is not None and admissions.detail.data.full_name == "Nguyễn Thị Minh Châu")
    assert admissions.current_row().full_name == "Nguyễn Thị Minh Châu"


def test_a_conflict_opens_the_sync_page_with_it_selected(opened, qtbot, demo_store):
    win, runner = opened
    with demo_store.transaction() as session:
        for conflict_id, phone in ((uuid.uuid4(), "0911"), (wanted := uuid.uuid4(), "0933")):
            session.add(ConflictInbox(id=conflict_id, entity="member", entity_id=uuid.uuid4(), mutation_id=uuid.uuid4(),
                                      client_fields=json.dumps({"phone": [None, phone]}),
                                      server_fields=json.dumps({"phone": "0922"}), status="open",
                                      server_seq=1 if phone == "0911" else 2))
    page = _overview(win, runner, qtbot)
    rows = [r for r in range(page.todo.count()) if page.item_at(r).kind is Kind.CONFLICT]
    assert len(rows) == 2
    row = next(r for r in rows if page.item_at(r).target.record_id == wanted)
    _click(qtbot, page, row)
    sync = win.pages["sync"]
    assert win.stack.currentWidget() is sync
    runner.wait()
    qtbot.waitUntil(lambda: sync.selected is not None and sync.selected[0].id == wanted)
    assert sync.conflict_panel.isVisibleTo(sync)
    assert sync.conflict_view.currentIndex().row() == 1  # the second conflict, not the first shown by default


def test_changes_the_server_refused_open_the_sync_page(opened, qtbot, demo_store):
    win, runner = opened
    with demo_store.transaction() as session:
        session.add(RejectedInbox(mutation_id=uuid.uuid4(), entity="member", entity_id=uuid.uuid4(), op="update",
                                  error_code="forbidden"))
    page = _overview(win, runner, qtbot)
    row = _row(page, Kind.REJECTED)
    assert page.todo.item(row).text().startswith("Cần xử lý sớm — 1 thay đổi bị máy chủ từ chối")
    _enter(qtbot, page, row)
    sync = win.pages["sync"]
    assert win.stack.currentWidget() is sync
    runner.wait()
    qtbot.waitUntil(lambda: len(sync.rejected.records) == 1)
    assert sync.rejected.records[0].error_code == "Tài khoản không có quyền"


@pytest.fixture
def new_cell(qtbot, qapp, store):
    save_cell(store, CellInput("Chi bộ Thôn 3", "Đảng bộ xã An Bình", "An Bình", 3, dt.date(2025, 10, 1)))
    win, runner = _window(qtbot, qapp, store)
    yield win, runner
    _close(win, runner, qapp)


def test_a_new_cell_shows_its_first_steps_which_open_the_wizard_and_the_plan_dialog(new_cell, qtbot, qapp):
    win, runner = new_cell
    page = _overview(win, runner, qtbot)
    texts = [page.todo.item(r).text() for r in range(page.todo.count())]
    assert texts == ["Cần làm — Nhập danh sách đảng viên", "Cần làm — Lập kế hoạch sinh hoạt tháng này"]
    # Zero is a count, not an alarm: no red figure (in the app's theme), no red line.
    assert page.cards["members"].figure.text() == "0"
    font, palette, style = qapp.font(), qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, large_text=False)
    try:
        for card in page.cards.values():
            card.figure.ensurePolished()
            assert card.figure.palette().color(QPalette.ColorRole.WindowText).name() != OVERDUE.lower()
    finally:
        qapp.setStyleSheet(style)
        qapp.setPalette(palette)
        qapp.setFont(font)
    assert all(page.todo.item(r).foreground().style() == Qt.BrushStyle.NoBrush for r in range(page.todo.count()))

    _click(qtbot, page, 0)
    members = win.pages["members"]
    assert win.stack.currentWidget() is members
    qtbot.waitUntil(lambda: members.import_dialog.isVisible())
    members.import_dialog.reject()

    page = _overview(win, runner, qtbot)
    _enter(qtbot, page, 1)
    meetings = win.pages["meetings"]
    assert win.stack.currentWidget() is meetings
    qtbot.waitUntil(lambda: meetings.plan_dialog.isVisible())
    meetings.plan_dialog.reject()


def test_the_list_follows_an_edit_made_elsewhere_without_a_restart(new_cell, qtbot):
    win, runner = new_cell
    page = _overview(win, runner, qtbot)
    assert page.data.of_kind(Kind.NEXT_MEETING) == ()
    when = dt.datetime.combine(TODAY + dt.timedelta(days=20), dt.time(19, 30))
    # Another page plans a meeting through the doorway; the hub tells the overview, which reads again.
    ops.write(win.ctx, win.pages["overview"], lambda store: cycle.plan_meeting(store, kind="regular", planned_at=when)).run()
    runner.wait()
    qtbot.waitUntil(lambda: page.data.of_kind(Kind.NEXT_MEETING) != ())
    texts = [page.todo.item(r).text() for r in range(page.todo.count())]
    assert not any("Lập kế hoạch sinh hoạt tháng này" in t for t in texts)
    assert any("tài liệu chưa thông báo" in t for t in texts)


def test_the_saved_list_is_shown_at_once_marked_updating_then_replaced(qtbot, qapp, demo_store):
    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.pages.overview import OverviewPage
    from ui.tasks import TaskRunner

    install_translations(qapp, "vi")
    saved = fresh_overview(demo_store)
    runner = TaskRunner()
    hold = threading.Event()
    runner.run(lambda: hold.wait(10))  # the store still "opening": no read can answer yet
    page = OverviewPage(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(page)
    try:
        page.refresh()
        assert not page.fresh and page.data == saved  # painted from the file, before the store answered
        assert page.updating.isVisibleTo(page) and page.updating.text() == "đang cập nhật…"
        assert page.todo.count() == len(saved.todo)
        hold.set()
        runner.wait()
        qtbot.waitUntil(lambda: page.fresh)
        assert not page.updating.isVisibleTo(page)
    finally:
        hold.set()
        runner.shutdown()


@pytest.mark.parametrize("content", [b"{not json", b"\x00\xff" * 40, b'{"version": 1, "todo": "x"}', None])
def test_a_damaged_or_missing_snapshot_never_breaks_the_start(qtbot, qapp, demo_store, content):
    path = snapshot_path(demo_store.paths)
    if content is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(content)
    win, runner = _window(qtbot, qapp, demo_store)
    try:
        win.start("overview")
        page = win.pages["overview"]
        assert page.data is None  # nothing shown from a bad file …
        runner.wait()
        qtbot.waitUntil(lambda: page.fresh)  # … and the fresh list arrives as usual
        assert page.todo.count() > 0 and page.data.todo[0].urgency in tuple(Urgency)
        assert path.exists()  # rewritten whole for the next start
    finally:
        _close(win, runner, qapp)


def test_a_change_while_the_overview_is_hidden_rewrites_the_saved_list(qtbot, qapp, demo_store, monkeypatch):
    import ui.pages.overview as overview_page

    monkeypatch.setattr(overview_page, "SNAPSHOT_DELAY_MS", 50)
    win, runner = _window(qtbot, qapp, demo_store)
    try:
        page = _overview(win, runner, qtbot)
        win.show_page("members")  # the overview is hidden now: it does not repaint on each change …
        runner.wait()
        painted = page.data
        when = dt.datetime.combine(TODAY + dt.timedelta(days=12), dt.time(19, 30))
        ops.write(win.ctx, win.pages["members"],
                  lambda store: cycle.plan_meeting(store, kind="regular", planned_at=when)).run()
        runner.wait()
        path = snapshot_path(demo_store.paths)
        # … but the list saved for the next start follows the change.
        qtbot.waitUntil(lambda: (runner.wait() or True) and "tài liệu chưa thông báo" in path.read_text("utf-8"),
                        timeout=10000)
        assert page.data is painted
    finally:
        _close(win, runner, qapp)
