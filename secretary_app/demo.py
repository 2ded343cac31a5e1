"""A realistic demo cell: a residential cell of 25 members of every status, three past meetings with
their programme, attendance, minutes, votes and resolution, a year of dues and two candidates.

Used by ``secretary-app demo``, by the first-run wizard ("open the demo cell") and by tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cell import Cell
from models.members import Member
from models.rules.dates import add_months
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.demo_admissions import add_demo_admissions
from secretary_app.demo_dues import add_demo_dues
from secretary_app.errors import UserError
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services import resolutions, roster, votes
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.demo_exit import mark_demo
from secretary_app.services.roster import EventInput, MemberData
from secretary_app.store import Store

# (full name, gender, birth year, admission year, position, profession, story)
# story: "" official; "probation" admitted < 12 months ago; "exempt"; "temp_out"; "temp_in"; "moved";
# "deceased"; "reprimand".
_PEOPLE: list[tuple[str, str, int, int, str, str, str]] = [
    ("Nguyễn Văn Hùng", "Nam", 1958, 1985, "Bí thư chi bộ", "Cán bộ hưu trí", ""),
    ("Trần Thị Thu Hà", "Nữ", 1966, 1992, "Phó Bí thư chi bộ", "Giáo viên hưu trí", ""),
    ("Lê Văn Đức", "Nam", 1950, 1972, "Đảng viên", "Cựu chiến binh", "exempt"),
    ("Phạm Thị Lan", "Nữ", 1962, 1990, "Tổ trưởng tổ dân phố", "Kế toán hưu trí", ""),
    ("Hoàng Văn Nam", "Nam", 1975, 2001, "Đảng viên", "Kỹ sư xây dựng", ""),
    ("Vũ Thị Hường", "Nữ", 1980, 2008, "Chi hội trưởng phụ nữ", "Kinh doanh", ""),
    ("Đỗ Minh Tuấn", "Nam", 1985, 2012, "Bí thư chi đoàn", "Nhân viên văn phòng", "temp_out"),
    ("Bùi Thị Ánh", "Nữ", 1990, 2016, "Đảng viên", "Y tá", ""),
    ("Đặng Quốc Bảo", "Nam", 1948, 1968, "Đảng viên", "Cựu chiến binh", "deceased"),
    ("Ngô Thị Mai", "Nữ", 1970, 1998, "Đảng viên", "Công chức", ""),
    ("Dương Văn Long", "Nam", 1955, 1976, "Chi hội trưởng cựu chiến binh", "Cựu chiến binh", ""),
    ("Lý Thị Nga", "Nữ", 1968, 1995, "Đảng viên", "Giáo viên", ""),
    ("Đinh Công Thành", "Nam", 1978, 2005, "Đảng viên", "Lái xe", "reprimand"),
    ("Trương Thị Hồng", "Nữ", 1983, 2010, "Đảng viên", "Dược sĩ", "moved"),
    ("Phan Văn Khải", "Nam", 1952, 1974, "Đảng viên", "Công nhân hưu trí", ""),
    ("Hồ Thị Yến", "Nữ", 1995, 2025, "Đảng viên", "Nhân viên ngân hàng", "probation"),
    ("Mai Xuân Trường", "Nam", 1998, 2026, "Đảng viên", "Kỹ thuật viên", "probation"),
    ("Tạ Thị Kim Oanh", "Nữ", 1973, 2000, "Đảng viên", "Buôn bán nhỏ", ""),
    ("Lưu Đình Quý", "Nam", 1960, 1986, "Đảng viên", "Bác sĩ hưu trí", ""),
    ("Châu Thị Ngọc", "Nữ", 1988, 2014, "Đảng viên", "Kế toán", "temp_in"),
    ("Nguyễn Thị Hường", "Nữ", 1964, 1991, "Đảng viên", "Giáo viên hưu trí", ""),
    ("Trần Văn An", "Nam", 1976, 2003, "Trưởng ban công tác mặt trận", "Kỹ sư điện", ""),
    ("Lê Thị Bích Thủy", "Nữ", 1957, 1980, "Đảng viên", "Cán bộ hưu trí", "exempt_old"),
    ("Phạm Quang Vinh", "Nam", 1982, 2009, "Đảng viên", "Công an khu vực", "temp_out"),
    ("Võ Thị Diệu Linh", "Nữ", 1992, 2019, "Đảng viên", "Viên chức", ""),
]


def _month_start(day: dt.date, back: int) -> dt.date:
    year, month = day.year, day.month - back
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


def _events_for(story: str, admitted: dt.date, today: dt.date) -> list[tuple[str, dt.date, dict]]:
    """Events in the order they happened: admission, recognition, then what the story adds."""
    if story == "probation":
        admitted = today - dt.timedelta(days=150 if admitted.year == today.year else 300)
    events: list[tuple[str, dt.date, dict]] = [("admission", admitted, {"decision_ref": "QĐ kết nạp"})]
    if story != "probation":
        # Official from the end of 12 months of probation, counted from the ceremony (20 days after).
        events.append(("recognition", add_months(admitted + dt.timedelta(days=20), 12), {}))
    if story == "exempt":
        events.append(("exemption", today - dt.timedelta(days=400),
                       {"reason": "Tuổi cao, sức yếu (trên 75 tuổi)"}))
    elif story == "exempt_old":
        events.append(("exemption", today - dt.timedelta(days=200),
                       {"reason": "Điều trị bệnh dài ngày", "end_date": today + dt.timedelta(days=160)}))
    elif story == "temp_out":
        events.append(("transfer_out_temporary", today - dt.timedelta(days=120),
                       {"detail": "Đảng ủy phường Cầu Giấy", "reason": "Học tập trung 18 tháng",
                        "end_date": today + dt.timedelta(days=420)}))
    elif story == "temp_in":
        events.append(("transfer_in_temporary", today - dt.timedelta(days=90),
                       {"detail": "Chi bộ Trường Tiểu học Nam Định", "reason": "Công tác tại Hà Nội 9 tháng",
                        "end_date": today + dt.timedelta(days=180)}))
    elif story == "moved":
        events.append(("transfer_out_official", today - dt.timedelta(days=60),
                       {"detail": "Đảng bộ phường Hà Đông", "reason": "Chuyển nơi cư trú"}))
    elif story == "deceased":
        events.append(("death", today - dt.timedelta(days=75), {}))
    elif story == "reprimand":
        events.append(("discipline", today - dt.timedelta(days=100),
                       {"detail": "khien_trach", "reason": "Vi phạm quy định nộp đảng phí"}))
    return events


def _term_start(today: dt.date) -> dt.date:
    """The cell's congress closed shortly before the first demo meeting, so the term's document numbers
    (01-NQ/CB, 02-NQ/CB, …) start with the demo's first resolution (documents.md §2: numbered per term)."""
    return _month_start(today, 4).replace(day=20)


def create_demo_cell(store: Store, today: dt.date | None = None, seed: int = 2026) -> OpResult[None]:
    """Fill an empty database with the demo cell, through the services a secretary uses (so it obeys the
    same rules: the roll on each meeting day, ballots only from members present, numbers from the register).
    Refuses a database that already holds a cell. One unit of work: nothing is left half-made."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    try:
        with store.transaction() as session:
            if session.scalar(select(Cell.id).limit(1)) is not None:
                raise UserError("Cơ sở dữ liệu này đã có chi bộ; chỉ tạo chi bộ mẫu trong một thư mục dữ liệu trống.")
            term_start = _term_start(today)
            save_cell(store, CellInput(
                name="Chi bộ Tổ dân phố số 5", superior_name="Đảng bộ phường Hoàn Kiếm", place_name="Hoàn Kiếm",
                wage_region=1, term_start=term_start, term_end=add_months(term_start, 30) - dt.timedelta(days=1),
                cell_type="residential"))
            cell_id = store.cell_id
            members = _demo_members(store, session, today, rng)
            _demo_meetings(store, members, today, rng)
            add_demo_admissions(session, cell_id, members, today)
    finally:
        store.forget_cell()
    add_demo_dues(store, today)  # computed by the dues rules (secretary_app/demo_dues.py)
    mark_demo(store.paths)  # so "Thoát chi bộ mẫu" can tell the demo from a real cell
    changes = Changes(Change.CELL | Change.MEMBER | Change.EVENT | Change.MEETING | Change.RESOLUTION | Change.DUES
                      | Change.ADMISSION | Change.DOCUMENT)
    return OpResult(None, changes)


def _demo_members(store: Store, session: Session, today: dt.date, rng: random.Random) -> list[Member]:
    """The 25 people of ``_PEOPLE`` through ``roster.create_member`` / ``add_event``, in that order."""
    members = []
    for name, gender, born, joined, position, profession, story in _PEOPLE:
        admitted = dt.date(joined, rng.randint(1, 12), rng.randint(1, 28))
        birth = dt.date(born, rng.randint(1, 12), rng.randint(1, 28))
        home = rng.choice(["Nam Định", "Thái Bình", "Hà Nội", "Nghệ An", "Hải Dương", "Thanh Hóa"])
        residence = f"Số {rng.randint(1, 80)} phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội"
        card = f"{rng.randint(10000000, 99999999)}" if story != "probation" else ""
        theory = rng.choice(["Sơ cấp", "Trung cấp", "Cao cấp"])
        phone = f"09{rng.randint(10000000, 99999999)}"
        events = _events_for(story, admitted, today)
        decided = events[0][1]
        official = events[1][1] if len(events) > 1 and events[1][0] == "recognition" else None
        member_id, _ = roster.create_member(store, MemberData(
            full_name=name, birth_date=birth, gender=gender, home_town=home, residence=residence,
            admission_decision_date=decided, ceremony_date=decided + dt.timedelta(days=20), official_date=official,
            card_number=card, position=position, profession=profession, education="12/12",
            political_theory=theory, phone=phone))
        for kind, when, extra in events:
            if kind not in ("admission", "recognition"):  # those two follow the record's dates
                roster.add_event(store, member_id, EventInput(kind, when, **extra))
        member = session.get(Member, member_id)
        assert member is not None
        for event in member.events:  # the record's form has no field for the decision's number yet
            if event.kind == "admission":
                event.decision_ref = events[0][2].get("decision_ref", "")
        members.append(member)
    return members


_SPEECHES = (
    "Đề nghị tăng cường tuyên truyền phân loại rác thải tại nguồn.",
    "Nhất trí với dự thảo; đề nghị bổ sung nhiệm vụ chăm lo gia đình chính sách.",
    "Đề nghị chi bộ phân công đảng viên theo dõi an ninh trật tự các ngõ, ngách.",
)
_TASKS = (
    (0, "Tổ chức tổng vệ sinh khu phố vào sáng Chủ nhật cuối tháng"),
    (1, "Thu đảng phí đúng hạn, nộp lên Đảng ủy phường trước ngày 10"),
    (4, "Vận động các hộ gia đình đăng ký gia đình văn hóa"),
)
_CONCLUSIONS = {
    "ideology": "Đảng viên yên tâm, tin tưởng; nhân dân đồng tình với chủ trương của phường.",
    "assessment": "Các nhiệm vụ của nghị quyết tháng trước cơ bản hoàn thành.",
    "discussion": "Chi bộ thống nhất tăng cường tuyên truyền, vận động nhân dân giữ gìn vệ sinh môi trường.",
    "next_tasks": "Tập trung giữ gìn vệ sinh môi trường, an ninh trật tự; vận động xây dựng gia đình văn hóa.",
}


def _demo_meetings(store: Store, members: list[Member], today: dt.date, rng: random.Random) -> None:
    """Three monthly meetings, each through the meeting services: planned, held, the roll taken on the
    day, minutes typed, the resolution voted by the members present, drafted, numbered and finalised."""
    secretary, deputy = members[0], members[1]
    for back in (3, 2, 1):
        month = _month_start(today, back)
        held = dt.datetime(month.year, month.month, 5, 19, 30)  # local wall-clock time, as a secretary types it
        detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=held, planned_minutes=120,
                                       place="Nhà văn hóa Tổ dân phố số 5")
        assessed = []
        for task in cycle.tasks_to_assess(store, detail.id):
            cycle.assess_task(store, task.id, "done", "Đã hoàn thành đúng hạn")
            assessed.append(cycle.format_task_line(dataclasses.replace(task, status="done",
                                                                       assessment="Đã hoàn thành đúng hạn"))
                            .removeprefix("- "))
        cycle.advance_meeting(store, detail.id)
        cycle.advance_meeting(store, detail.id)
        _take_roll(store, detail.id, {secretary.id, deputy.id}, rng)
        att.set_chair_recorder(store, detail.id, secretary.id, deputy.id)
        if back == 1:
            att.add_guest(store, detail.id, "Vũ Minh Tuấn", "Đảng ủy viên phường, phụ trách chi bộ")
        sheet = att.attendance_sheet(store, detail.id)
        present = [r for r in sheet.rows if r.present and r.member_id not in (secretary.id, deputy.id)]
        speakers = rng.sample(present, 2)
        items = []
        for item in detail.agenda:
            presenter = secretary.full_name if item.step in ("opening", "assessment", "next_tasks", "vote",
                                                             "closing") else deputy.full_name
            gist = {"discussion": "Các đồng chí đảng viên phát biểu ý kiến về vệ sinh môi trường và an ninh trật tự.",
                    "assessment": "; ".join(assessed)}.get(item.step, item.gist)
            speeches = tuple(mn.SpeechDraft(r.full_name, _SPEECHES[n], r.member_id)
                             for n, r in enumerate(speakers)) if item.step == "discussion" else ()
            items.append(mn.ItemDraft(item.id, presenter, gist, _CONCLUSIONS.get(item.step, ""), speeches))
        owners = {0: secretary.full_name, 1: deputy.full_name, 4: members[4].full_name}
        deadline = _month_start(month, -1).replace(day=25)  # reported on at the next meeting
        tasks = tuple(mn.TaskDraft(content, owners[who], deadline) for who, content in _TASKS)
        mn.autosave_minutes(store, detail.id, mn.MinutesDraft(tuple(items), tasks=tasks))
        # The resolution: voted by the official members present (one other opinion), then drafted, numbered.
        voters = sheet.base.eligible_present
        vote_item = next((i.id for i in detail.agenda if i.step == "vote"), None)
        votes.record_vote(store, detail.id, f"thông qua Nghị quyết tháng {month.month:02d}/{month.year}",
                          "resolution", voters - 1, 0, 1, agenda_item_id=vote_item)
        draft, _ = resolutions.draft_resolution(store, detail.id)
        resolutions.update_resolution(store, draft.id, subject=f"về lãnh đạo thực hiện nhiệm vụ {_month_label(month)}",
                                      sections=list(draft.sections), signer_name=secretary.full_name)
        resolutions.issue_resolution(store, draft.id)
        ended = held + dt.timedelta(minutes=115)
        # Sealed that evening, after the meeting (the page says "Đã hoàn tất ngày …" with this date).
        mn.finalise_meeting(store, detail.id, ended_at=ended, at=(ended + dt.timedelta(minutes=30)).astimezone(dt.UTC))


def _take_roll(store: Store, meeting_id: uuid.UUID, keep: set[uuid.UUID], rng: random.Random) -> None:
    """The recorder notes the absences, then "the others are present"; exempt members come now and then."""
    sheet = att.attendance_sheet(store, meeting_id)
    for row in sheet.rows:
        if row.member_id in keep or row.temporarily_here:
            continue
        if row.exempt:
            if rng.random() < 0.5:
                att.set_attendance(store, meeting_id, row.member_id, "present")
        elif rng.random() < 0.1:
            att.set_attendance(store, meeting_id, row.member_id, "absent_reason",
                               rng.choice(["Đi công tác", "Ốm", "Việc gia đình"]), approved=True)
        elif rng.random() < 0.03:
            att.set_attendance(store, meeting_id, row.member_id, "absent")
    att.confirm_roll(store, meeting_id)


def _month_label(month: dt.date) -> str:
    """"tháng 02 năm 2026", "tháng 11 năm 2026" (months 1–2 zero-padded, as the Party date line)."""
    return f"tháng {month.month:02d} năm {month.year}" if month.month <= 2 else f"tháng {month.month} năm {month.year}"


