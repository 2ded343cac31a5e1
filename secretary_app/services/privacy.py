"""A member's own data, as the Personal Data Protection Law (91/2025/QH15) lets them ask for it, and the
erasure of personal details the Party's archives do not need (docs/privacy.md says what is kept and why).

The export is one PDF (or Word) document: the record, its dated history, the dues paid, the meetings
attended; nothing about other members."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from sqlalchemy import select

from exporters import Align, Column, Document, Heading, Table, render_docx, render_pdf
from models.dues import DuesPayment
from models.meetings import Attendance, Meeting
from models.members import Member
from models.rules.status import EventKind
from models.text import search_key
from secretary_app.changes import Changes
from secretary_app.documents.common import header, p, short_date
from secretary_app.documents.records import CellHeader
from secretary_app.errors import UserError
from secretary_app.services import roster
from secretary_app.store import Store

FIELDS = (("full_name", "Họ và tên"), ("birth_name", "Họ tên khai sinh"), ("birth_date", "Ngày sinh"),
          ("gender", "Giới tính"), ("ethnicity", "Dân tộc"), ("religion", "Tôn giáo"), ("home_town", "Quê quán"),
          ("residence", "Nơi cư trú"), ("admission_decision_date", "Ngày vào Đảng"),
          ("official_date", "Ngày chính thức"), ("card_number", "Số thẻ đảng viên"), ("record_number", "Số lý lịch"),
          ("national_id", "Số CCCD"), ("position", "Chức vụ"), ("education", "Trình độ học vấn"),
          ("political_theory", "Lý luận chính trị"), ("profession", "Nghề nghiệp"), ("phone", "Điện thoại"),
          ("notes", "Ghi chú"))
# What the erasure clears: contact and identity details the Party's records (lý lịch, sổ đảng viên, the
# minutes that name the member) do not need once the member has left the cell. Name, birth date, party
# dates, card and record numbers, events, attendance and dues stay: they are part of the archives.
ERASABLE = ("residence", "national_id", "phone", "notes", "birth_name", "profession", "position")
ATTENDANCE = {"present": "Có mặt", "absent_reason": "Vắng có lý do", "absent": "Vắng không lý do"}


def find_member(store: Store, text: str) -> uuid.UUID:
    """A member by id, or by a name typed with or without marks; refused when none or several match."""
    try:
        return uuid.UUID(text)
    except ValueError:
        pass
    wanted = search_key(text)
    matches = [m for m in roster.list_members(store) if search_key(m.full_name) == wanted]
    if not matches:
        raise UserError(f"Không tìm thấy đảng viên \"{text}\".")
    if len(matches) > 1:
        raise UserError(f"Có {len(matches)} đảng viên tên \"{text}\"; hãy dùng mã của người cần tìm.")
    return matches[0].id


def _value(member: Member, field: str) -> str:
    value = getattr(member, field)
    if isinstance(value, dt.date):
        return short_date(value)
    return str(value or "")


def member_data_document(store: Store, member_id: uuid.UUID, today: dt.date | None = None) -> Document:
    today = today or dt.date.today()
    with store.transaction() as session:
        member = session.get(Member, member_id)
        if member is None or member.deleted:
            raise UserError("Không tìm thấy đảng viên này.")
        from models.cell import Cell

        cell = session.get(Cell, member.cell_id)
        assert cell is not None
        cell_header = CellHeader(cell.superior_name, cell.name, cell.place_name)
        record = [(label, _value(member, field)) for field, label in FIELDS if _value(member, field)]
        events = [(short_date(e.event_date), roster.EVENT_LABELS[EventKind(e.kind)], e.detail or e.reason or "")
                  for e in member.events if not e.deleted]
        payments = session.execute(select(DuesPayment).where(DuesPayment.member_id == member_id,
                                                             DuesPayment.deleted.is_(False))
                                   .order_by(DuesPayment.month)).scalars().all()
        dues = [(f"{d.month:%m/%Y}", f"{d.amount:,}".replace(",", ".") + " đ", short_date(d.paid_on),
                 "Cổng dịch vụ công" if d.channel == "portal" else "Tiền mặt") for d in payments]
        rows = session.execute(select(Meeting.planned_at, Attendance.status, Attendance.reason)
                               .join(Meeting, Meeting.id == Attendance.meeting_id)
                               .where(Attendance.member_id == member_id, Attendance.deleted.is_(False),
                                      Meeting.deleted.is_(False))
                               .order_by(Meeting.planned_at)).all()
        attended = [(short_date(at.date()), ATTENDANCE.get(status, status), reason) for at, status, reason in rows]
        name = member.full_name
    blocks: list = [p(f"Theo yêu cầu của đồng chí {name}, chi bộ cung cấp toàn bộ dữ liệu cá nhân của đồng chí "
                      "đang được lưu trong Sổ tay Bí thư của chi bộ.")]
    blocks += [Heading("I- THÔNG TIN HỒ SƠ"),
               Table((Column(55), Column(110)), ("Thông tin", "Nội dung"), tuple(record))]
    sections = ((("II- QUÁ TRÌNH"), (Column(28, Align.CENTER), Column(70), Column(67)),
                 ("Ngày", "Sự kiện", "Chi tiết"), events),
                (("III- ĐẢNG PHÍ ĐÃ NỘP"), (Column(25, Align.CENTER), Column(40, Align.RIGHT),
                                          Column(35, Align.CENTER), Column(65)),
                 ("Tháng", "Số tiền", "Ngày nộp", "Hình thức"), dues),
                (("IV- THAM DỰ SINH HOẠT CHI BỘ"), (Column(30, Align.CENTER), Column(50), Column(85)),
                 ("Ngày", "Tham dự", "Lý do"), attended))
    for title, columns, heading, rows_of in sections:
        blocks.append(Heading(title))
        blocks.append(Table(columns, heading, tuple(rows_of)) if rows_of else p("Không có."))
    return Document(header=header(cell_header, date=today), doc_type_name="PHIẾU CUNG CẤP DỮ LIỆU CÁ NHÂN",
                    subject=f"của đảng viên {name}", blocks=tuple(blocks))


def export_member_data(store: Store, member_id: uuid.UUID, path: Path) -> Path:
    document = member_data_document(store, member_id)
    if path.suffix.lower() == ".docx":
        render_docx(document, path)
    else:
        render_pdf(document, path)
    return path


def erase_personal_data(store: Store, member_id: uuid.UUID, today: dt.date | None = None) -> tuple[list[str], Changes]:
    """Clear the erasable details of a member who has left the cell (transferred away for good, removed,
    deceased); refused for a member still on the roll, whose details the cell needs. Audited; the
    before-image is kept in the audit trail only as the list of fields cleared, not their values."""
    today = today or dt.date.today()
    row = next((m for m in roster.list_members(store, today) if m.id == member_id), None)
    if row is None:
        raise UserError("Không tìm thấy đảng viên này.")
    if row.membership != "left":
        raise UserError("Đồng chí này còn sinh hoạt tại chi bộ: không xóa thông tin cá nhân. Chỉ xóa được khi đảng "
                        "viên đã chuyển đi hẳn, ra khỏi Đảng hoặc từ trần (docs/privacy.md).")
    with store.transaction() as session:
        member = session.get(Member, member_id)
        assert member is not None
        cleared = [field for field in ERASABLE if getattr(member, field)]
        for field in cleared:
            setattr(member, field, "")
        store.audit(session, "member", member_id, "erase", {"fields": cleared}, {"fields": cleared})
    changes = Changes()
    changes.add("member")
    return cleared, changes
