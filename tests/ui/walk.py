"""A walk through everything a secretary can see: every page, every meeting step (of a meeting in progress
and of a finalised one) and every dialog, on the demo cell, in Vietnamese, in a window of 1366×700, in
normal or large text. ``visit(where, widget)`` is called for each screen once it has loaded; the fit test
and the language test look at what is on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services.meetings import MeetingState, list_meetings
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import PAGE_KEYS, MainWindow
from ui.tasks import TaskRunner
from ui.theme import apply_theme

Visit = Callable[[str, QWidget], None]
STEP_NAMES = ("chuẩn bị", "điểm danh", "biên bản", "nghị quyết", "hoàn tất")


def _settle(qapp: QApplication, runner: TaskRunner) -> None:
    for _ in range(3):
        runner.wait()
        qapp.processEvents()


def _dialog(qapp: QApplication, runner: TaskRunner, visit: Visit, where: str, dialog: QDialog) -> None:
    dialog.show()
    _settle(qapp, runner)
    visit(where, dialog)
    dialog.reject()
    dialog.deleteLater()
    qapp.processEvents()


def roster_file(folder: Path) -> Path:
    """A roster to import with the usual headers and a second "Nguyễn Thị Hường" born another day."""
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ",
                  "Chức vụ", "Điện thoại", "Nơi cư trú"])
    sheet.append([1, "Nguyễn Thị Hường", dt.date(1971, 2, 3), "Nữ", dt.date(1995, 5, 19), dt.date(1996, 5, 19),
                  "09123456", "Đảng viên", "0912 345 678", "Số 12 ngõ 34 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội"])
    path = folder / "danh-sach.xlsx"
    book.save(path)
    return path


@contextlib.contextmanager
def window_1366x700(qtbot, qapp: QApplication, store, *, large_text: bool,
                    page: str = "overview") -> Iterator[tuple[MainWindow, TaskRunner]]:
    """The main window on ``store``, in Vietnamese, 1366×700, normal or large text, showing ``page``;
    afterwards the runner is shut down and the application's look restored."""
    font, palette, sheet = qapp.font(), qapp.palette(), qapp.styleSheet()
    install_translations(qapp, "vi")
    settings = Settings()
    settings.large_text = large_text
    apply_theme(qapp, large_text=large_text)
    runner = TaskRunner()
    window = MainWindow(AppContext.for_store(store, settings, runner))
    qtbot.addWidget(window)
    try:
        window.resize(1366, 700)
        window.show()
        window.start(page)
        yield window, runner
    finally:
        runner.wait()
        window.close()
        runner.shutdown()
        qapp.setStyleSheet(sheet)
        qapp.setFont(font)
        qapp.setPalette(palette)


def walk(qtbot, qapp: QApplication, store, tmp_path: Path, *, large_text: bool, visit: Visit) -> None:
    """Walk the demo cell's window; restores the application's look afterwards."""
    with window_1366x700(qtbot, qapp, store, large_text=large_text) as (window, runner):
        _settle(qapp, runner)
        _walk_pages(qapp, runner, window, visit)
        _walk_meeting(qapp, runner, window, store, visit)
        _walk_dialogs(qapp, runner, window, store, tmp_path, visit)


def _walk_pages(qapp: QApplication, runner: TaskRunner, window: MainWindow, visit: Visit) -> None:
    for key in PAGE_KEYS:
        window.show_page(key)
        _settle(qapp, runner)
        page = window.page(key)
        table = getattr(page, "table", None)
        if table is not None and table.model() is not None and table.model().rowCount() > 0:
            table.selectRow(0)  # the detail pane shows a record, as when the secretary clicks one
            _settle(qapp, runner)
        window.resize(1366, 700)  # a maximised window: what an earlier page needed does not carry over
        _settle(qapp, runner)
        visit(f"trang {key}", window)


def _walk_meeting(qapp: QApplication, runner: TaskRunner, window: MainWindow, store, visit: Visit) -> None:
    window.show_page("meetings")
    _settle(qapp, runner)
    page = window.page("meetings")
    meetings = list_meetings(store)
    final = next(m for m in meetings if m.state == MeetingState.FINAL)
    detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30),
                                   planned_minutes=120, place="Nhà văn hóa Tổ dân phố số 5")
    att.confirm_roll(store, detail.id)
    for label, meeting_id in (("kỳ đang làm", detail.id), ("kỳ đã hoàn tất", final.id)):
        for step, name in enumerate(STEP_NAMES):
            page.open_meeting(meeting_id, step)
            _settle(qapp, runner)
            window.resize(1366, 700)
            _settle(qapp, runner)
            visit(f"{label}, bước {name}", window)
    page.workspace.close_meeting()
    _settle(qapp, runner)


def _walk_dialogs(qapp: QApplication, runner: TaskRunner, window: MainWindow, store, tmp_path: Path,
                  visit: Visit) -> None:
    from ui.admissions.dialogs import CandidateDialog, StepDialog
    from ui.audit_dialog import AuditDialog
    from ui.meeting.named_vote import NamedVoteDialog
    from ui.pages.meetings import PlanDialog
    from ui.pages.sync import EditValueDialog, LoginDialog
    from ui.print_preview import PdfPrintPreview
    from ui.roster.event_dialog import EventDialog
    from ui.roster.import_dialog import ImportDialog
    from ui.roster.member_form import MemberDialog
    from ui.wizard import SetupWizard

    members = window.page("members")
    window.show_page("members")
    _settle(qapp, runner)
    members.table.selectRow(0)
    _settle(qapp, runner)
    _dialog(qapp, runner, visit, "hộp thêm đảng viên", MemberDialog(None, window))
    assert members.detail is not None
    form = MemberDialog(members.detail.data, window, ctx=window.ctx, detail=members.detail)
    form.show()
    for tab in range(form.tabs.count()):  # every tab of the form: the fields, the dues, badge and discipline
        form.tabs.setCurrentIndex(tab)
        _settle(qapp, runner)
        visit(f"hộp sửa đảng viên, thẻ {form.tabs.tabText(tab)}", form)
    _dialog(qapp, runner, visit, "hộp sửa đảng viên", form)
    _dialog(qapp, runner, visit, "hộp ghi sự kiện", EventDialog(members.detail.data.full_name, window))
    importer = ImportDialog(window.ctx, window)
    importer.show()
    importer.load(roster_file(tmp_path))
    _dialog(qapp, runner, visit, "hộp nhập danh sách", importer)
    plan = PlanDialog(window)
    plan.minutes.setValue(30)  # the short-meeting warning shows
    _dialog(qapp, runner, visit, "hộp lập kế hoạch", plan)
    _dialog(qapp, runner, visit, "hộp đăng nhập", LoginDialog("https://dongbo.danguy-phuonghoankiem.vn:8443",
                                                              "bithu.tdp5", window))
    _dialog(qapp, runner, visit, "hộp sửa giá trị", EditValueDialog("Số điện thoại của Nguyễn Thị Hường",
                                                                    "0912 345 678", "0912 345 679", window))
    meeting = next(m for m in list_meetings(store) if m.state == MeetingState.FINAL)
    sheet = att.attendance_sheet(store, meeting.id)
    _dialog(qapp, runner, visit, "hộp biểu quyết ghi tên",
            NamedVoteDialog(sheet, "Thông qua nghị quyết tháng", "resolution", window))
    officials = [(m.id, m.full_name) for m in members.model.records[:5]]
    _dialog(qapp, runner, visit, "hộp quần chúng", CandidateDialog(officials, None, window))
    step = StepDialog(officials, dt.date(2026, 11, 25), "Đoàn Thanh niên phường", "introducer", window)
    _dialog(qapp, runner, visit, "hộp ghi bước kết nạp", step)
    _dialog(qapp, runner, visit, "nhật ký thay đổi", AuditDialog(window.ctx, window))
    settings = window.page("settings")
    window.show_page("settings")
    _settle(qapp, runner)
    backup = tmp_path / "sao-luu"
    backup.mkdir()
    settings.data_safety.back_up(backup)
    _settle(qapp, runner)
    made = sorted(backup.rglob("*.sqlite3"))
    if made:
        settings.data_safety.choose_restore(made[0])
        _settle(qapp, runner)
        question = settings.data_safety.question
        if question is not None:
            visit("câu hỏi khôi phục", question)
            question.reject()
    pdf = tmp_path / "bien-ban.pdf"
    from secretary_app.services import meeting_export as ex

    ex.export_meeting_document(store, meeting.id, "minutes", "pdf", pdf)
    _dialog(qapp, runner, visit, "xem trước khi in", PdfPrintPreview(pdf, window))
    wizard = SetupWizard(store, window)
    wizard.show()
    _settle(qapp, runner)
    visit("trình thiết lập, trang đầu", wizard)
    wizard.choice.own.setChecked(True)
    wizard.next()
    _settle(qapp, runner)
    visit("trình thiết lập, trang chi bộ", wizard)
    wizard.reject()
