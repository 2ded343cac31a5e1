"""Tổng quan lists every candidate's and probationary member's next deadline, soonest first; a click opens
that person on the Phát triển đảng viên page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from secretary_app.services import admissions as adm
from secretary_app.services.overview import overview
from tests.conftest import DEMO_TODAY


def test_overview_lists_each_persons_next_deadline_soonest_first(demo_store):
    listed = overview(demo_store, DEMO_TODAY).admission_deadlines
    assert [d.full_name for d in listed] == ["Hồ Thị Yến", "Mai Xuân Trường", "Nguyễn Thị Minh Châu",
                                             "Phạm Đức Thắng"]
    assert [d.due for d in listed] == sorted(d.due for d in listed)
    everyone = {r.id for r in adm.list_candidates(demo_store, DEMO_TODAY)}
    assert {d.candidate_id for d in listed} == everyone
    # Each line is that person's soonest open deadline.
    for deadline in listed:
        mine = [d.due for d in adm.open_deadlines(demo_store, DEMO_TODAY) if d.candidate_id == deadline.candidate_id]
        assert deadline.due == min(mine)


def test_clicking_a_deadline_opens_that_person(window, qtbot):
    win, runner = window
    win.show_page("overview")
    runner.wait()
    page = win.pages["overview"]
    qtbot.waitUntil(lambda: page.admissions.count() == 4)
    texts = [page.admissions.item(i).text() for i in range(4)]
    days = [dt.datetime.strptime(t.split(" — ")[0], "%d/%m/%Y").date() for t in texts]
    assert days == sorted(days)
    assert "Mai Xuân Trường: Hết 12 tháng dự bị" in texts[1]
    item = page.admissions.item(2)
    page.admissions.itemClicked.emit(item)
    runner.wait()
    admissions = win.pages["admissions"]
    qtbot.waitUntil(lambda: admissions.detail is not None
                    and admissions.detail.id == item.data(Qt.ItemDataRole.UserRole))
    assert win.stack.currentWidget() is admissions
    assert admissions.detail.data.full_name == "Nguyễn Thị Minh Châu"
    assert admissions.current_row().full_name == "Nguyễn Thị Minh Châu"
