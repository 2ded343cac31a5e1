"""The overview shows resolution tasks past their deadline (red and the word "Quá hạn", never colour alone)
and reminds when this quarter has no thematic meeting."""

from __future__ import annotations

import datetime as dt

from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services.overview import Kind, Urgency, overview
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.i18n import install_translations
from ui.pages.overview import OverviewPage
from ui.tasks import TaskRunner
from ui.theme import OVERDUE

TODAY = dt.date(2026, 11, 25)


def _meeting_with_tasks(store):
    meeting, _ = cycle.plan_meeting(store, kind="regular", planned_at=dt.datetime(2026, 10, 5, 8, 0))
    mn.set_tasks(store, meeting.id, [mn.TaskDraft("Sửa đèn chiếu sáng ngõ 12", "Trần Văn An", dt.date(2026, 11, 1)),
                                     mn.TaskDraft("Thu đảng phí quý IV", "Phạm Thị Lan", dt.date(2026, 12, 31))])
    return meeting


def test_overdue_tasks_and_this_quarters_thematic_reminder(demo_store):
    _meeting_with_tasks(demo_store)
    data = overview(demo_store, TODAY)
    (task,) = data.of_kind(Kind.TASK)
    assert task.due == dt.date(2026, 11, 1) and task.urgency is Urgency.OVERDUE
    assert "Sửa đèn chiếu sáng ngõ 12" in task.text and "Trần Văn An" in task.text
    assert [r.text for r in data.of_kind(Kind.MEETING_REMINDER)] == [
        "Quý 4/2026 chưa có kỳ sinh hoạt chuyên đề (mỗi quý ít nhất một lần)."]
    # Once done, it is no longer overdue; a thematic meeting this quarter silences the reminder.
    (overdue,) = cycle.overdue_tasks(demo_store, TODAY)
    cycle.assess_task(demo_store, overdue.id, "done", "Đã thay 4 bóng đèn")
    cycle.plan_meeting(demo_store, kind="thematic", planned_at=dt.datetime(2026, 12, 10, 8, 0), planned_minutes=120)
    data = overview(demo_store, TODAY)
    assert data.of_kind(Kind.TASK) == ()
    assert not any("chuyên đề" in r.text for r in data.of_kind(Kind.MEETING_REMINDER))


def test_overview_page_marks_overdue_in_words_and_red(qtbot, qapp, demo_store):
    install_translations(qapp, "vi")
    _meeting_with_tasks(demo_store)
    runner = TaskRunner()
    page = OverviewPage(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(page)
    try:
        page._loaded(overview(demo_store, TODAY))
        lines = [page.todo.item(r) for r in range(page.todo.count())]
        (overdue,) = [line for line in lines if "Sửa đèn chiếu sáng ngõ 12" in line.text()]
        assert overdue.text().startswith("Quá hạn — ") and "hạn 01/11/2026" in overdue.text()
        assert overdue.foreground().color().name() == OVERDUE.lower()
        assert not any("Thu đảng phí" in line.text() for line in lines)
        assert any("Quý 4/2026 chưa có kỳ sinh hoạt chuyên đề" in line.text() for line in lines)
    finally:
        runner.shutdown()
