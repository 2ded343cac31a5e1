"""Tổng quan lists every candidate's and probationary member's next deadline, soonest first; a click opens
that person on the Phát triển đảng viên page."""

from __future__ import annotations

from secretary_app.services import admissions as adm
from secretary_app.services.overview import Kind, overview
from tests.conftest import DEMO_TODAY


def test_overview_lists_each_persons_next_deadline_soonest_first(demo_store):
    listed = overview(demo_store, DEMO_TODAY).of_kind(Kind.ADMISSION)
    assert [d.text.split(":")[0] for d in listed] == ["Hồ Thị Yến", "Mai Xuân Trường", "Nguyễn Thị Minh Châu",
                                                      "Phạm Đức Thắng"]
    assert [d.due for d in listed] == sorted(d.due for d in listed)
    everyone = {r.id for r in adm.list_candidates(demo_store, DEMO_TODAY)}
    assert {d.target.record_id for d in listed} == everyone
    # Each line is that person's soonest open deadline.
    for deadline in listed:
        mine = [d.due for d in adm.open_deadlines(demo_store, DEMO_TODAY)
                if d.candidate_id == deadline.target.record_id]
        assert deadline.due == min(mine)


def test_clicking_a_deadline_opens_that_person(window, qtbot):
    win, runner = window
    win.show_page("overview")
    runner.wait()
    page = win.pages["overview"]
    qtbot.waitUntil(lambda: page.fresh)
    rows = [r for r in range(page.todo.count()) if page.item_at(r).kind is Kind.ADMISSION]
    assert len(rows) == 4
    days = [page.item_at(r).due for r in rows]
    assert days == sorted(days)
    assert "Mai Xuân Trường: Hết 12 tháng dự bị" in page.todo.item(rows[1]).text()
    item = page.item_at(rows[2])
    page.todo.itemClicked.emit(page.todo.item(rows[2]))
    runner.wait()
    admissions = win.pages["admissions"]
    qtbot.waitUntil(lambda: admissions.detail is not None and admissions.detail.id == item.target.record_id)
    assert win.stack.currentWidget() is admissions
    assert admissions.detail.data.full_name == "Nguyễn Thị Minh Châu"
    assert admissions.current_row().full_name == "Nguyễn Thị Minh Châu"
