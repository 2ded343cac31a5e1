"""The demo cell's admission pipeline (rules.md §2.2): two candidates and the roster's probationary members
with dated steps that fit the rules — certificates still valid, introducers official members who have known
the applicant for years, decisions and ceremonies inside their deadlines.

Minh Châu has her whole dossier and waits for the cell's vote (the next meeting); Đức Thắng has just
finished the awareness class. The probationary members were voted on before the cell kept its meetings in
the app, so their cell resolution is a dated record rather than a meeting's vote.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.orm import Session

from models.admissions import AdmissionStep, Candidate
from models.base import new_id
from models.members import Member

INTRODUCED_SINCE = dt.date(2019, 6, 1)  # the introducers live in the same residential group since then


def add_demo_admissions(session: Session, cell_id: uuid.UUID, members: list[Member], today: dt.date) -> None:
    def step(candidate: Candidate, kind: str, done: dt.date, ref: str = "", member: Member | None = None,
             since: dt.date | None = None) -> None:
        session.add(AdmissionStep(id=new_id(), cell_id=cell_id, candidate_id=candidate.id, kind=kind,
                                  done_date=done, document_ref=ref, member_id=member.id if member else None,
                                  since_date=since))

    helper, second_introducer = members[1], members[5]
    chau = Candidate(id=new_id(), cell_id=cell_id, full_name="Nguyễn Thị Minh Châu", gender="Nữ",
                     birth_date=dt.date(1999, 4, 12), occupation="Giáo viên mầm non",
                     helper_member_id=helper.id, stage="candidate")
    thang = Candidate(id=new_id(), cell_id=cell_id, full_name="Phạm Đức Thắng", gender="Nam",
                      birth_date=dt.date(1996, 9, 3), occupation="Kỹ sư phần mềm",
                      helper_member_id=members[4].id, stage="candidate")
    session.add_all([chau, thang])
    session.flush()
    step(chau, "class_certificate", today - dt.timedelta(days=300), "Giấy chứng nhận số 125/GCN-TTCT")
    step(chau, "application", today - dt.timedelta(days=120), "Đơn xin vào Đảng (mẫu 1-KNĐ)")
    step(chau, "background_declaration", today - dt.timedelta(days=110), "Lý lịch (mẫu 2-KNĐ)")
    step(chau, "background_check", today - dt.timedelta(days=40), "Kết quả thẩm tra lý lịch")
    for introducer in (helper, second_introducer):
        step(chau, "introducer", today - dt.timedelta(days=35), "Giấy giới thiệu (mẫu 3-KNĐ)", introducer,
             INTRODUCED_SINCE)
    step(chau, "mass_opinion", today - dt.timedelta(days=30), "Nhận xét của Chi hội Phụ nữ")
    step(chau, "residence_opinion", today - dt.timedelta(days=28), "Nhận xét của chi ủy nơi cư trú")
    step(thang, "class_certificate", today - dt.timedelta(days=45), "Giấy chứng nhận số 311/GCN-TTCT")
    step(thang, "application", today - dt.timedelta(days=20), "Đơn xin vào Đảng (mẫu 1-KNĐ)")

    introducers = (members[0], members[3])
    for member in members:
        decision, ceremony = member.admission_decision_date, member.ceremony_date
        if decision is None or ceremony is None or member.official_date is not None or member.deleted:
            continue
        person = Candidate(id=new_id(), cell_id=cell_id, full_name=member.full_name, gender=member.gender,
                           birth_date=member.birth_date, occupation=member.profession,
                           helper_member_id=helper.id, member_id=member.id, stage="probationary")
        session.add(person)
        session.flush()
        step(person, "class_certificate", decision - dt.timedelta(days=250), "Giấy chứng nhận lớp bồi dưỡng")
        step(person, "application", decision - dt.timedelta(days=200))
        step(person, "background_declaration", decision - dt.timedelta(days=190))
        step(person, "background_check", decision - dt.timedelta(days=120))
        for introducer in introducers:
            step(person, "introducer", decision - dt.timedelta(days=110), "Giấy giới thiệu", introducer,
                 INTRODUCED_SINCE)
        step(person, "mass_opinion", decision - dt.timedelta(days=100))
        step(person, "residence_opinion", decision - dt.timedelta(days=95))
        step(person, "cell_resolution", decision - dt.timedelta(days=40), "Nghị quyết đề nghị kết nạp")
        step(person, "committee_review", decision - dt.timedelta(days=20))
        step(person, "decision", decision, "Quyết định kết nạp của Đảng ủy phường")
        step(person, "ceremony", ceremony)
        step(person, "party_records", ceremony + dt.timedelta(days=10))
