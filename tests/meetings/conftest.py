"""A cell built through the services with the worked numbers of documents.md §5.4: 23 official members,
2 of them on temporary transfer elsewhere, 1 exempt (marked absent), plus 3 probationary members."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest

from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import roster
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.roster import EventInput, MemberData

MEETING_DAY = dt.datetime(2026, 6, 5, 8, 0)
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương",
          "Khánh", "Lan", "Long", "Mai", "Minh", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thủy")


@dataclass(frozen=True)
class WorkedCell:
    meeting_id: uuid.UUID
    official: tuple[uuid.UUID, ...]  # the 20 in the base, all present
    away: tuple[uuid.UUID, ...]  # 2 on temporary transfer elsewhere
    exempt: uuid.UUID  # exempt and absent
    probationary: tuple[uuid.UUID, ...]


@pytest.fixture
def worked_cell(store) -> WorkedCell:
    save_cell(store, CellInput("Chi bộ Tổ dân phố số 7", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                               dt.date(2025, 8, 20)))
    ids = []
    for index, given in enumerate(_GIVEN):
        is_probationary = index >= 23
        data = MemberData(f"Nguyễn Văn {given}", birth_date=dt.date(1970, 1, 1),
                          admission_decision_date=dt.date(2025, 10, 1) if is_probationary else dt.date(2000, 1, 1),
                          official_date=None if is_probationary else dt.date(2001, 1, 1))
        ids.append(roster.create_member(store, data)[0])
    official, probationary = ids[:23], ids[23:]
    away, exempt = official[20:22], official[22]
    for member in away:
        roster.add_event(store, member, EventInput("transfer_out_temporary", dt.date(2026, 3, 1),
                                                   detail="Đảng bộ Công ty Điện lực"))
    roster.add_event(store, exempt, EventInput("exemption", dt.date(2024, 1, 1), reason="Tuổi cao, sức yếu"))
    detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=MEETING_DAY, planned_minutes=120)
    # The roll as a recorder takes it: everyone present, the exempt member absent (reason not yet approved).
    att.set_attendance(store, detail.id, exempt, "absent_reason", "Ốm", approved=False)
    for member in probationary:
        att.set_attendance(store, detail.id, member, "present")
    att.confirm_roll(store, detail.id)
    return WorkedCell(detail.id, tuple(official[:20]), tuple(away), exempt, tuple(probationary))


@pytest.fixture
def window(qtbot, qapp, demo_store):
    """The main window on the demo cell, Vietnamese, 1366×768, shown (the GUI tests of the meeting cycle)."""
    from secretary_app.settings import Settings
    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    install_translations(qapp, "vi")
    runner = TaskRunner()
    win = MainWindow(AppContext.for_store(demo_store, Settings(), runner))
    win.resize(1366, 768)
    qtbot.addWidget(win)
    win.show()
    yield win, runner
    runner.shutdown()
    if "meetings" in win.pages:  # built only when a test opened it
        win.pages["meetings"].workspace.minutes.timer.stop()
    win.close()
    win.deleteLater()
    qapp.processEvents()
