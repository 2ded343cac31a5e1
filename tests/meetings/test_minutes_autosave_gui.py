"""The live minutes editor saves what is typed within 2 s, without any button: the gist, and a speaker's
opinion still being typed (not yet confirmed with Enter)."""

from __future__ import annotations

import datetime as dt

import pytest

from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.meeting.minutes_editor import MinutesEditor
from ui.tasks import TaskRunner


@pytest.fixture
def editor(qtbot, demo_store):
    meeting, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 8, 0))
    runner = TaskRunner()
    widget = MinutesEditor(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(widget)
    widget.load(mn.minutes_view(demo_store, meeting.id))
    widget.show()
    yield widget, meeting.id
    widget.timer.stop()
    runner.shutdown()


def _first_item(store, meeting_id):
    return mn.minutes_view(store, meeting_id).items[0]


def test_gist_typed_is_saved_within_two_seconds(editor, qtbot, demo_store):
    widget, meeting_id = editor
    widget.gist.insertPlainText("Đồng chí Bí thư khai mạc, tuyên bố lý do.")
    qtbot.waitUntil(lambda: _first_item(demo_store, meeting_id).gist == "Đồng chí Bí thư khai mạc, tuyên bố lý do.",
                    timeout=2000)
    qtbot.waitUntil(lambda: widget.status.text().startswith("Saved at") or "lưu" in widget.status.text())


def test_opinion_still_being_typed_is_saved_within_two_seconds(editor, qtbot, demo_store):
    widget, meeting_id = editor
    widget.speaker.insert("Trần Văn An")
    widget.opinion.insert("Đề nghị sửa đường điện ngõ 12")
    qtbot.waitUntil(lambda: [(s.speaker_name, s.opinion) for s in _first_item(demo_store, meeting_id).speeches]
                    == [("Trần Văn An", "Đề nghị sửa đường điện ngõ 12")], timeout=2000)
