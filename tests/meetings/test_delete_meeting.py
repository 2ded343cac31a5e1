"""A meeting planned by mistake or called off can be deleted before it is held, and brought back; a held
meeting cannot. In the service and on the Meetings page (asks once, Undo restores)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from models.sync_tables import OutboxEntry
from secretary_app.errors import ValidationFailed
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services.meetings import list_meetings
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

DECEMBER = dt.datetime(2026, 12, 5, 19, 30)


def _titles(store) -> list[str]:
    return [r.title for r in list_meetings(store)]


def test_an_unheld_meeting_is_deleted_as_a_tombstone_and_restored_with_its_agenda(demo_store):
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=DECEMBER)
    agenda = [a.title for a in detail.agenda]
    cycle.delete_meeting(demo_store, detail.id)
    assert detail.title not in _titles(demo_store)
    with demo_store.transaction() as session:  # it syncs as a deletion, like every other record
        ops = session.scalars(select(OutboxEntry.op).where(OutboxEntry.entity_id == detail.id)).all()
    assert "delete" in ops
    cycle.restore_meeting(demo_store, detail.id)
    assert detail.title in _titles(demo_store)
    assert [a.title for a in cycle.get_meeting(demo_store, detail.id).agenda] == agenda


def test_a_held_meeting_is_refused_with_a_plain_reason(demo_store):
    held = next(r for r in list_meetings(demo_store) if r.state in ("held", "final"))
    with pytest.raises(ValidationFailed) as refused:
        cycle.delete_meeting(demo_store, held.id)
    assert "không xóa được" in refused.value.message and held.title in refused.value.message
    assert held.title in _titles(demo_store)


@pytest.fixture
def page(qtbot, qapp, demo_store):
    install_translations(qapp, "vi")
    runner = TaskRunner()
    window = MainWindow(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(window)
    window.show_page("meetings")
    runner.wait()
    yield window.pages["meetings"], runner
    runner.shutdown()


def _select(page, title: str) -> None:
    row = next(i for i, r in enumerate(page.model.records) if r.title == title)
    page.table.setCurrentIndex(page.model.index(row, 0))


def test_delete_asks_once_then_undo_brings_the_meeting_back(page, qtbot, demo_store):
    page, runner = page
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=DECEMBER)
    page.refresh()
    runner.wait()
    held = next(r for r in page.model.records if r.state in ("held", "final"))
    _select(page, held.title)
    assert not page.delete_button.isEnabled()  # a held meeting: the button says why instead
    assert "không xóa được" in page.delete_button.toolTip()
    _select(page, detail.title)
    assert page.delete_button.isEnabled()
    page.delete_button.click()
    box = page.confirm_box
    assert detail.title in box.text() and "Ctrl+Z" in box.text()
    assert box.defaultButton().text() == "Không xóa"  # a stray Enter deletes nothing
    box.defaultButton().click()
    runner.wait()
    assert detail.title in _titles(demo_store)
    page.delete_button.click()
    yes = next(b for b in page.confirm_box.buttons()
               if page.confirm_box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    yes.click()
    runner.wait()
    assert detail.title not in _titles(demo_store)
    assert detail.title not in [r.title for r in page.model.records]
    assert page.undo_button.isEnabled()
    page.undo_button.click()
    runner.wait()
    assert detail.title in _titles(demo_store)
    assert detail.title in [r.title for r in page.model.records]
