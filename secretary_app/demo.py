"""A realistic demo cell: a residential cell of 25 members of every status, three past meetings with
their programme, attendance, minutes, votes and resolution, a year of dues and two candidates.

Used by ``secretary-app demo``, by the first-run wizard ("open the demo cell") and by tests.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid

from sqlalchemy import select

from models.admissions import AdmissionStep, Candidate
from models.base import new_id
from models.cell import Cell
from models.documents import DocumentRecord
from models.meetings import AgendaItem, Attendance, Meeting, Minutes, Resolution, Speech, Task, Vote
from models.members import Member, MemberEvent
from models.rules.dates import add_months
from secretary_app.demo_dues import add_demo_dues
from secretary_app.errors import UserError
from secretary_app.store import Changes, Store

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


def create_demo_cell(store: Store, today: dt.date | None = None, seed: int = 2026) -> Changes:
    """Fill an empty database with the demo cell. Refuses a database that already holds a cell."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    with store.transaction() as session:
        if session.scalar(select(Cell.id).limit(1)) is not None:
            raise UserError("Cơ sở dữ liệu này đã có chi bộ; chỉ tạo chi bộ mẫu trong một thư mục dữ liệu trống.")
        cell_id = new_id()
        term_start = dt.date(2025, 8, 20)
        session.add(Cell(
            id=cell_id, cell_id=cell_id, name="Chi bộ Tổ dân phố số 5",
            superior_name="Đảng bộ phường Hoàn Kiếm", place_name="Hoàn Kiếm", wage_region=1,
            cell_type="residential", term_start=term_start, term_end=dt.date(2030, 8, 19),
        ))
        members: list[Member] = []
        for index, (name, gender, born, joined, position, profession, story) in enumerate(_PEOPLE):
            admitted = dt.date(joined, rng.randint(1, 12), rng.randint(1, 28))
            member = Member(
                id=new_id(), cell_id=cell_id, full_name=name, gender=gender,
                birth_date=dt.date(born, rng.randint(1, 12), rng.randint(1, 28)),
                home_town=rng.choice(["Nam Định", "Thái Bình", "Hà Nội", "Nghệ An", "Hải Dương", "Thanh Hóa"]),
                residence=f"Số {rng.randint(1, 80)} phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
                card_number=f"{rng.randint(10000000, 99999999)}" if story != "probation" else "",
                position=position, profession=profession,
                education="12/12", political_theory=rng.choice(["Sơ cấp", "Trung cấp", "Cao cấp"]),
                phone=f"09{rng.randint(10000000, 99999999)}",
            )
            events = _events_for(story, admitted, today)
            member.admission_decision_date = events[0][1]
            member.ceremony_date = events[0][1] + dt.timedelta(days=20)
            if len(events) > 1 and events[1][0] == "recognition":
                member.official_date = events[1][1]
            for kind, when, extra in events:
                member.events.append(MemberEvent(id=new_id(), cell_id=cell_id, kind=kind, event_date=when, **extra))
            session.add(member)
            members.append(member)
            if index == 0:
                secretary = member
            elif index == 1:
                deputy = member
        session.flush()
        active = [m for m, p in zip(members, _PEOPLE, strict=True) if p[6] not in ("moved", "deceased")]
        _demo_meetings(session, cell_id, term_start, active, secretary, deputy, today, rng)
        _demo_candidates(session, cell_id, members, today)
    changes = Changes()
    changes.add("cell", "member", "meeting", "resolution", "dues", "candidate", "document")
    store.forget_cell()
    add_demo_dues(store, today)  # computed by the dues rules (secretary_app/demo_dues.py)
    return changes


_AGENDA = [
    ("opening", "Khai mạc, tuyên bố lý do, giới thiệu đại biểu"),
    ("political", "Thông tin thời sự, chính trị; tình hình tư tưởng đảng viên"),
    ("review", "Đánh giá kết quả thực hiện nghị quyết tháng trước"),
    ("discussion", "Thảo luận, đóng góp ý kiến"),
    ("party_building", "Công tác xây dựng Đảng: phát triển đảng viên, đảng phí"),
    ("next_tasks", "Phương hướng, nhiệm vụ tháng tới"),
    ("vote", "Biểu quyết thông qua nghị quyết"),
    ("closing", "Bế mạc"),
]


def _demo_meetings(session, cell_id: uuid.UUID, term_start: dt.date, members: list[Member],  # type: ignore[no-untyped-def]
                   secretary: Member, deputy: Member, today: dt.date, rng: random.Random) -> None:
    for number, back in enumerate((3, 2, 1), start=1):
        month = _month_start(today, back)
        held = dt.datetime(month.year, month.month, 5, 19, 30, tzinfo=dt.UTC)
        meeting = Meeting(
            id=new_id(), cell_id=cell_id, kind="regular", planned_at=held, planned_minutes=120,
            title=f"Sinh hoạt chi bộ thường kỳ tháng {month.month:02d}/{month.year}",
            place="Nhà văn hóa Tổ dân phố số 5", chair_id=secretary.id, recorder_id=deputy.id, state="final",
            started_at=held, ended_at=held + dt.timedelta(minutes=115),
        )
        session.add(meeting)
        session.flush()  # rows below reference it; no ORM relationship orders the inserts for us
        items = []
        for position, (step, title) in enumerate(_AGENDA):
            item = AgendaItem(id=new_id(), cell_id=cell_id, meeting_id=meeting.id, position=position,
                              step=step, title=title,
                              presenter=secretary.full_name if position % 2 == 0 else deputy.full_name)
            items.append(item)
            session.add(item)
        session.flush()
        items[3].gist = "Các đồng chí đảng viên phát biểu ý kiến về vệ sinh môi trường và an ninh trật tự."
        speakers = rng.sample(members[2:], 2)
        session.add_all([
            Speech(id=new_id(), cell_id=cell_id, agenda_item_id=items[3].id, position=1,
                   speaker_id=speakers[0].id, speaker_name=speakers[0].full_name,
                   opinion="Đề nghị tăng cường tuyên truyền phân loại rác thải tại nguồn."),
            Speech(id=new_id(), cell_id=cell_id, agenda_item_id=items[3].id, position=2,
                   speaker_id=speakers[1].id, speaker_name=speakers[1].full_name,
                   opinion="Nhất trí với dự thảo; đề nghị bổ sung nhiệm vụ chăm lo gia đình chính sách."),
        ])
        for member in members:
            absent = rng.random() < 0.12 and member not in (secretary, deputy)  # they chair and record
            session.add(Attendance(
                id=uuid.uuid5(meeting.id, str(member.id)), cell_id=cell_id, meeting_id=meeting.id,
                member_id=member.id, status="absent_reason" if absent else "present",
                reason="Đi công tác" if absent else "", approved=absent,
            ))
        base = 18
        session.add(Vote(id=new_id(), cell_id=cell_id, meeting_id=meeting.id, agenda_item_id=items[6].id,
                         subject=f"Nghị quyết tháng {month.month:02d}/{month.year}", decision_kind="resolution",
                         yes=base - 1, no=0, abstain=1, base=base, passed=True))
        body = "\n".join(f"{i + 1}. {it.title}" for i, it in enumerate(items))
        session.add(Minutes(id=new_id(), cell_id=cell_id, meeting_id=meeting.id, body=body,
                            finalised_at=held + dt.timedelta(days=1)))
        resolution = Resolution(
            id=new_id(), cell_id=cell_id, meeting_id=meeting.id, doc_type="NQ", number=number,
            issued_on=held.date(), subject=f"về lãnh đạo thực hiện nhiệm vụ tháng {_next_month_label(month)}",
            body=json.dumps(_resolution_sections(month), ensure_ascii=False),
            signer_name=secretary.full_name, signer_title="BÍ THƯ", finalised_at=held + dt.timedelta(days=1),
        )
        session.add(resolution)
        session.flush()
        session.add(DocumentRecord(
            id=new_id(), cell_id=cell_id, doc_type="NQ", term_start=term_start, number=number,
            symbol=f"{number:02d}-NQ/CB", issued_on=held.date(), subject=resolution.subject,
            signer=secretary.full_name, recipients="Đảng ủy phường Hoàn Kiếm\nĐảng viên trong chi bộ",
            meeting_id=meeting.id, source_id=resolution.id,
        ))
        for owner, content in (
            (secretary.full_name, "Tổ chức tổng vệ sinh khu phố vào sáng Chủ nhật cuối tháng"),
            (deputy.full_name, "Thu đảng phí đúng hạn, nộp lên Đảng ủy phường trước ngày 10"),
            (members[4].full_name, "Vận động các hộ gia đình đăng ký gia đình văn hóa"),
        ):
            next_month = _month_start(month.replace(day=28) + dt.timedelta(days=10), 0)
            done = back > 1
            session.add(Task(id=new_id(), cell_id=cell_id, resolution_id=resolution.id, meeting_id=meeting.id,
                             content=content, owner=owner, deadline=next_month.replace(day=25),
                             status="done" if done else "open"))


def _next_month_label(month: dt.date) -> str:
    nxt = _month_start(month.replace(day=28) + dt.timedelta(days=10), 0)
    return f"{nxt.month:02d} năm {nxt.year}" if nxt.month <= 2 else f"{nxt.month} năm {nxt.year}"


def _resolution_sections(month: dt.date) -> list[dict]:
    return [
        {"heading": "I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG " + f"{month.month:02d}/{month.year}",
         "paragraphs": ["Chi bộ đã lãnh đạo đảng viên thực hiện tốt các nhiệm vụ chính trị của địa phương; "
                        "100% đảng viên nộp đảng phí đúng hạn."]},
        {"heading": "II- ƯU ĐIỂM, HẠN CHẾ",
         "paragraphs": ["Ưu điểm: đảng viên gương mẫu, đoàn kết.",
                        "Hạn chế: một số đồng chí còn vắng sinh hoạt."]},
        {"heading": "III- NHIỆM VỤ VÀ GIẢI PHÁP THÁNG TỚI",
         "paragraphs": ["Tổ chức tổng vệ sinh khu phố; thu đảng phí; vận động xây dựng gia đình văn hóa."]},
        {"heading": "IV- TỔ CHỨC THỰC HIỆN",
         "paragraphs": ["Chi ủy phân công đảng viên phụ trách từng nhiệm vụ, báo cáo kết quả tại kỳ sinh hoạt sau."]},
    ]


def _demo_candidates(session, cell_id: uuid.UUID, members: list[Member], today: dt.date) -> None:  # type: ignore[no-untyped-def]
    first = Candidate(id=new_id(), cell_id=cell_id, full_name="Nguyễn Thị Minh Châu", gender="Nữ",
                      birth_date=dt.date(1999, 4, 12), occupation="Giáo viên mầm non",
                      helper_member_id=members[1].id, introducer1_id=members[1].id,
                      introducer2_id=members[5].id, stage="background_check")
    second = Candidate(id=new_id(), cell_id=cell_id, full_name="Phạm Đức Thắng", gender="Nam",
                       birth_date=dt.date(1996, 9, 3), occupation="Kỹ sư phần mềm",
                       helper_member_id=members[4].id, stage="class")
    session.add_all([first, second])
    session.flush()
    session.add_all([
        AdmissionStep(id=new_id(), cell_id=cell_id, candidate_id=first.id, kind="class_certificate",
                      done_date=today - dt.timedelta(days=300), document_ref="Giấy chứng nhận số 125"),
        AdmissionStep(id=new_id(), cell_id=cell_id, candidate_id=first.id, kind="application",
                      done_date=today - dt.timedelta(days=120)),
        AdmissionStep(id=new_id(), cell_id=cell_id, candidate_id=first.id, kind="background_check",
                      due_date=today + dt.timedelta(days=30)),
        AdmissionStep(id=new_id(), cell_id=cell_id, candidate_id=second.id, kind="class_certificate",
                      due_date=today + dt.timedelta(days=45)),
    ])
