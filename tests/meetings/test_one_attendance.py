"""One attendance model (issue 10): for every demo meeting, the Điểm danh step (read from the widget), the
printed minutes, the extract and the resolution give the same numbers, and they match a count made here by
hand from the demo's stories (who belongs to the cell on which day) and the attendance marks as stored."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass

import pdfplumber
import pytest

from secretary_app.services import documents
from secretary_app.services import meeting_attendance as att
from secretary_app.services.meetings import list_meetings

# The demo cell of tests/conftest.py (DEMO_TODAY 25/11/2026): meetings on 05/08, 05/09 and 05/10/2026. Written
# out from the stories in secretary_app/demo.py, not computed by the app:
EVERYONE = ("Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Văn Đức", "Phạm Thị Lan", "Hoàng Văn Nam", "Vũ Thị Hường",
            "Đỗ Minh Tuấn", "Bùi Thị Ánh", "Đặng Quốc Bảo", "Ngô Thị Mai", "Dương Văn Long", "Lý Thị Nga",
            "Đinh Công Thành", "Trương Thị Hồng", "Phan Văn Khải", "Hồ Thị Yến", "Mai Xuân Trường",
            "Tạ Thị Kim Oanh", "Lưu Đình Quý", "Châu Thị Ngọc", "Nguyễn Thị Hường", "Trần Văn An",
            "Lê Thị Bích Thủy", "Phạm Quang Vinh", "Võ Thị Diệu Linh")
FROM_ELSEWHERE = {"Châu Thị Ngọc"}  # sinh hoạt tạm thời here from 27/08/2026: never in the head-count
LEFT_ON = {"Đặng Quốc Bảo": dt.date(2026, 9, 11),  # died
           "Trương Thị Hồng": dt.date(2026, 9, 26)}  # transferred to another organisation
AWAY = {"Đỗ Minh Tuấn", "Phạm Quang Vinh"}  # temporarily transferred out since 28/07/2026
EXEMPT = {"Lê Văn Đức", "Lê Thị Bích Thủy"}
PROBATIONARY = {"Hồ Thị Yến", "Mai Xuân Trường"}
HEAD_COUNT = {8: 24, 9: 24, 10: 22}  # 25 − Châu Thị Ngọc; in October also − the two who left


@dataclass(frozen=True)
class Count:
    total: int
    official: int
    probationary: int
    present: int
    present_official: int
    present_probationary: int
    expected: int  # the resolution's "có mặt …/…": not away, not exempt-and-absent


def hand_count(database: str, meeting_id, day: dt.date) -> Count:
    """From the stories above and the marks stored in the attendance table (plain SQL, not the app)."""
    cell = [n for n in EVERYONE if n not in FROM_ELSEWHERE and LEFT_ON.get(n, dt.date.max) > day]
    with sqlite3.connect(database) as db:
        marks = dict(db.execute(
            "SELECT m.full_name, a.status FROM attendance a JOIN member m ON m.id = a.member_id "
            "WHERE a.meeting_id = ? AND a.deleted = 0", (meeting_id.hex,)).fetchall())
    roll = [n for n in cell if n not in AWAY]
    present = [n for n in roll if marks.get(n) == "present"]
    absent_exempt = [n for n in roll if n in EXEMPT and n not in present]
    return Count(total=len(cell), official=sum(n not in PROBATIONARY for n in cell),
                 probationary=sum(n in PROBATIONARY for n in cell), present=len(present),
                 present_official=sum(n not in PROBATIONARY for n in present),
                 present_probationary=sum(n in PROBATIONARY for n in present),
                 expected=len(roll) - len(absent_exempt))


def pdf_words(path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def printed(pattern: str, text: str) -> tuple[int, ...]:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in {text[:600]!r}"
    return tuple(int(g) for g in found.groups())


HEAD = r"Tổng số đảng viên: (\d+) đồng chí \(chính thức (\d+), dự bị (\d+)\)"
PRESENT = r"Có mặt: (\d+) đồng chí \(chính thức (\d+), dự bị (\d+)\)"


def test_every_demo_meeting_counts_the_same_everywhere_and_as_by_hand(window, qtbot, demo_store, tmp_path):
    win, runner = window
    held = sorted((m for m in list_meetings(demo_store) if m.state == "final"), key=lambda m: m.planned_at)
    assert [m.planned_at.month for m in held] == [8, 9, 10]
    win.show_page("meetings")
    runner.wait()
    page = win.pages["meetings"]
    for meeting in held:
        day = meeting.planned_at.date()
        hand = hand_count(str(demo_store.paths.database), meeting.id, day)
        assert hand.total == HEAD_COUNT[day.month]

        # The Điểm danh step, as the secretary reads it on the screen.
        page.open_meeting(meeting.id, 1)
        step = page.workspace.attendance
        qtbot.waitUntil(lambda s=step, m=meeting.id: s.sheet is not None and s.sheet.meeting_id == m)
        shown = [int(n) for n in re.findall(r"\d+", step.counts.text().split("\n")[0]
                                            + step.counts.text().split("\n")[1])]
        total, official, probationary, _exempt, away = shown[:5]
        present, present_official, present_probationary = shown[5:8]
        assert (total, official, probationary) == (hand.total, hand.official, hand.probationary)
        assert away == len(AWAY)
        assert (present, present_official, present_probationary) == \
            (hand.present, hand.present_official, hand.present_probationary)

        # The minutes, the extract and the resolution as exported.
        texts = {}
        for kind in ("minutes", "minutes-extract", "resolution"):
            path = tmp_path / f"{day:%m}-{kind}.pdf"
            documents.export(demo_store, kind, path, "pdf", meeting_id=meeting.id)
            texts[kind] = pdf_words(path)
        for kind in ("minutes", "minutes-extract"):
            assert printed(HEAD, texts[kind]) == (hand.total, hand.official, hand.probationary), kind
            assert printed(PRESENT, texts[kind]) == \
                (hand.present, hand.present_official, hand.present_probationary), kind
        assert printed(r"có mặt (\d+)/(\d+) đảng viên", texts["resolution"]) == (hand.present, hand.expected)
        # The meetings list shows the same "present/expected".
        assert (meeting.present, meeting.invited) == (hand.present, hand.expected)
        page.workspace.close_meeting()


def test_the_counts_add_up_and_nobody_away_is_present(demo_store):
    for meeting in list_meetings(demo_store):
        sheet = att.attendance_sheet(demo_store, meeting.id)
        c = sheet.counts
        assert c.accounted == c.total
        assert {r.full_name for r in sheet.apart} == AWAY
        assert all(not r.temporarily_away for r in sheet.rows)
        assert sheet.summary.expected == c.expected  # the attendance rate's base is the same number


@pytest.fixture
def cell_with_meeting(store):
    """A small cell, built through the services: 4 official members (one exempt, one temporarily away, one
    suspended) and one probationary member; a meeting on 05/06/2026."""
    from secretary_app.services import meeting_cycle as cycle
    from secretary_app.services import roster
    from secretary_app.services.cell import CellInput, save_cell
    from secretary_app.services.roster import EventInput, MemberData

    save_cell(store, CellInput("Chi bộ Tổ dân phố số 7", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                               dt.date(2025, 8, 20)))
    ids = {}
    for name, official in (("Nguyễn Văn An", True), ("Trần Văn Bình", True), ("Lê Văn Cường", True),
                           ("Phạm Văn Dũng", True), ("Hoàng Văn Em", True), ("Vũ Thị Giang", False)):
        ids[name] = roster.create_member(store, MemberData(
            name, birth_date=dt.date(1970, 1, 1),
            admission_decision_date=dt.date(2000, 1, 1) if official else dt.date(2025, 10, 1),
            official_date=dt.date(2001, 1, 1) if official else None))[0]
    roster.add_event(store, ids["Lê Văn Cường"], EventInput("exemption", dt.date(2024, 1, 1), reason="Tuổi cao"))
    roster.add_event(store, ids["Phạm Văn Dũng"], EventInput("transfer_out_temporary", dt.date(2026, 3, 1),
                                                              detail="Đảng bộ Công ty Điện lực"))
    roster.add_event(store, ids["Hoàng Văn Em"], EventInput("discipline", dt.date(2026, 5, 1),
                                                             end_date=dt.date(2026, 8, 1),
                                                             detail="Đình chỉ sinh hoạt đảng"))
    detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=dt.datetime(2026, 6, 5, 8, 0))
    return detail.id, ids


def test_suspension_is_not_a_reprimand_and_keeps_the_member_off_the_roll(store, cell_with_meeting):
    meeting_id, ids = cell_with_meeting
    sheet = att.attendance_sheet(store, meeting_id)
    assert {r.full_name for r in sheet.apart} == {"Phạm Văn Dũng", "Hoàng Văn Em"}
    suspended = sheet.row(ids["Hoàng Văn Em"])
    assert suspended is not None and suspended.suspended and not suspended.on_roll
    assert (sheet.counts.suspended, sheet.counts.transferred_out) == (1, 1)
    assert "đình chỉ sinh hoạt" in sheet.base.explanation()


def test_nobody_is_present_before_being_marked_and_an_exempt_member_only_when_marked(store, cell_with_meeting):
    from secretary_app.errors import ValidationFailed

    meeting_id, ids = cell_with_meeting
    sheet = att.attendance_sheet(store, meeting_id)
    assert sheet.counts.present == 0
    assert set(sheet.counts.not_marked) == {"Nguyễn Văn An", "Trần Văn Bình", "Vũ Thị Giang"}  # exempt: not expected
    att.confirm_roll(store, meeting_id)  # "the others are present"
    sheet = att.attendance_sheet(store, meeting_id)
    assert (sheet.counts.present, sheet.counts.exempt_present) == (3, 0)  # the exempt member is not marked
    att.set_attendance(store, meeting_id, ids["Lê Văn Cường"], "present")
    sheet = att.attendance_sheet(store, meeting_id)
    assert (sheet.counts.present, sheet.counts.exempt_present, sheet.counts.expected) == (4, 1, 4)
    with pytest.raises(ValidationFailed, match=r"chuyển sinh hoạt tạm thời đi vào ngày họp.*đại biểu"):
        att.set_attendance(store, meeting_id, ids["Phạm Văn Dũng"], "present")
