"""A small cell built through the services: eight official members (admitted 2000, official 2001), and
helpers that take a candidate through the pipeline with meetings that vote on them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest

from secretary_app.services import admissions as adm
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import roster, votes
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.roster import MemberData

_NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Đức", "Vũ Thị Giang",
          "Đỗ Văn Hải", "Bùi Thị Hạnh")


@dataclass(frozen=True)
class Cell:
    members: tuple[uuid.UUID, ...]


@pytest.fixture
def cell(store) -> Cell:
    save_cell(store, CellInput("Chi bộ Tổ dân phố số 7", "Đảng ủy phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                               dt.date(2025, 8, 20)))
    ids = tuple(roster.create_member(store, MemberData(name, birth_date=dt.date(1970, 1, 1),
                                                       admission_decision_date=dt.date(2000, 1, 1),
                                                       official_date=dt.date(2001, 1, 1),
                                                       position="Bí thư chi bộ" if n == 0 else ""))[0]
                for n, name in enumerate(_NAMES))
    return Cell(ids)


def meeting_on(store, day: dt.date) -> uuid.UUID:
    detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=dt.datetime.combine(day, dt.time(8, 0)),
                                   planned_minutes=120, place="Nhà văn hóa tổ dân phố")
    att.confirm_roll(store, detail.id)
    return detail.id


def vote(store, day: dt.date, candidate: uuid.UUID, kind: str, yes: int = 8) -> votes.VoteRow:
    row, _ = votes.record_vote(store, meeting_on(store, day), "Biểu quyết", kind, yes, 8 - yes, 0,
                               candidate_id=candidate)
    return row


def applicant(store, cell: Cell, *, birth: dt.date = dt.date(1999, 4, 12), certificate: dt.date,
              known_since: dt.date = dt.date(2020, 1, 1), today: dt.date, name: str = "Lê Thị Hoa") -> uuid.UUID:
    """A candidate with the certificate, application, declaration, verification, two introducers and the
    two opinions recorded, ready for the cell's vote."""
    cid, _ = adm.create_candidate(store, adm.CandidateData(name, birth, "Nữ", "Giáo viên",
                                                           helper_member_id=cell.members[1]), today)
    adm.record_step(store, cid, adm.StepInput("class_certificate", certificate, "GCN số 12"), today)
    for kind in ("application", "background_declaration", "background_check", "mass_opinion",
                 "residence_opinion"):
        adm.record_step(store, cid, adm.StepInput(kind, certificate + dt.timedelta(days=10)), today)
    for member in cell.members[1:3]:
        adm.record_step(store, cid, adm.StepInput("introducer", certificate + dt.timedelta(days=12),
                                                  member_id=member, since_date=known_since), today)
    return cid


def admitted(store, cell: Cell, *, vote_day: dt.date, decision: dt.date, ceremony: dt.date,
             today: dt.date, name: str = "Lê Thị Hoa") -> uuid.UUID:
    """A candidate voted on, decided and admitted at a ceremony: a probationary member on the roster."""
    cid = applicant(store, cell, certificate=vote_day - dt.timedelta(days=200), today=today, name=name)
    assert vote(store, vote_day, cid, "admission").passed
    adm.record_step(store, cid, adm.StepInput("decision", decision, "QĐ 45-QĐ/ĐU"), today)
    adm.record_step(store, cid, adm.StepInput("ceremony", ceremony), today)
    adm.record_step(store, cid, adm.StepInput("party_records", ceremony + dt.timedelta(days=14)), today)
    return cid


@pytest.fixture
def window(qtbot, qapp, demo_store):
    """The main window on the demo cell, Vietnamese, 1366×768, shown."""
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
    if "meetings" in win.pages:
        win.pages["meetings"].workspace.minutes.timer.stop()
    win.close()
    win.deleteLater()
    qapp.processEvents()
