"""The "autosave_seconds" setting: shown on the Cài đặt page, kept in the settings file, and followed by
the live minutes editor (the default keeps the crash test's "saved within 2 s")."""

from __future__ import annotations

import datetime as dt

from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.settings import Settings, load_settings
from ui.context import AppContext
from ui.meeting.minutes_editor import MinutesEditor, autosave_interval_ms
from ui.pages.settings import SettingsPage
from ui.tasks import TaskRunner


def test_settings_page_shows_and_saves_the_autosave_interval(qtbot, demo_store):
    runner = TaskRunner()
    ctx = AppContext.for_store(demo_store, Settings(), runner)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    try:
        assert page.autosave.value() == 2
        assert (page.autosave.minimum(), page.autosave.maximum()) == (1, 60)
        page.autosave.setValue(10)
        assert ctx.settings.autosave_seconds == 10
        assert load_settings(demo_store.paths.settings_file).autosave_seconds == 10
        page.autosave.setValue(99)  # typed too high: held at the bound
        assert load_settings(demo_store.paths.settings_file).autosave_seconds == 60
    finally:
        runner.shutdown()


def test_editor_saves_within_the_setting(qtbot, demo_store):
    assert autosave_interval_ms(Settings().autosave_seconds) <= 2000  # the crash test's guarantee
    meeting, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 8, 0))
    runner = TaskRunner()
    settings = Settings(autosave_seconds=8)
    editor = MinutesEditor(AppContext.for_store(demo_store, settings, runner))
    qtbot.addWidget(editor)
    try:
        editor.load(mn.minutes_view(demo_store, meeting.id))
        assert editor.timer.isActive() and editor.timer.interval() == autosave_interval_ms(8) < 8000
        settings.autosave_seconds = 1  # changed on the settings page while the editor is open
        editor.gist.insertPlainText("Khai mạc")
        qtbot.waitUntil(lambda: mn.minutes_view(demo_store, meeting.id).items[0].gist == "Khai mạc", timeout=8000)
        assert editor.timer.interval() == autosave_interval_ms(1) <= 1000
    finally:
        editor.timer.stop()
        runner.shutdown()
