"""The demo cell's party dues, computed by the rules (services.dues): each member's category and basis
from their occupation, one reduction decision, twelve months of payments (cash, and some on the portal
with a receipt), a few months left unpaid so the arrears and the 3-months rule have something to show,
one payment entered twice and reversed, and the obligations of the year stored."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select

from models.base import new_id
from models.dues import DuesAdjustment, DuesPayment, DuesProfile
from models.members import Member
from models.rules.dates import add_months
from models.rules.dues import AdjustmentKind, DuesCategory, first_of_month, months_between
from secretary_app.services import dues
from secretary_app.store import Store

_INSURED = ("Công chức", "Viên chức", "Giáo viên", "Y tá", "Kế toán", "Công an khu vực", "Nhân viên ngân hàng",
            "Nhân viên văn phòng", "Kỹ sư xây dựng", "Kỹ sư điện", "Kỹ thuật viên", "Dược sĩ")
_UNPAID = {"Đinh Công Thành": 2, "Dương Văn Long": 1}  # months left unpaid at the end of the period
_REDUCED = "Tạ Thị Kim Oanh"
_TWICE = "Vũ Thị Hường"


def add_demo_dues(store: Store, today: dt.date) -> None:
    last = add_months(first_of_month(today), -1)
    first = add_months(last, -11)  # a year of payments: the arrears look back twelve months
    with store.transaction() as session:
        cell_id = store.cell_id
        members = list(session.scalars(select(Member).where(Member.cell_id == cell_id, Member.deleted.is_(False))))
        since = dt.date(first.year - 1, 1, 1)
        for index, member in enumerate(members):
            if "hưu trí" in member.profession:
                category, amount = DuesCategory.PENSION, 5_600_000 + 300_000 * (index % 7)
            elif member.profession in _INSURED:
                category, amount = DuesCategory.INSURED, 5_400_000 + 480_000 * (index % 6)
            else:
                continue  # "other" members: by the regional minimum wage, no basis to enter
            session.add(DuesProfile(id=new_id(), cell_id=cell_id, member_id=member.id, effective_month=since,
                                    category=category.value, basis_amount=amount,
                                    note="Mức lương đóng BHXH tháng trước" if category is DuesCategory.INSURED
                                    else "Lương hưu"))
        reduced = next((m for m in members if m.full_name == _REDUCED), None)
        if reduced is not None:
            session.add(DuesAdjustment(id=new_id(), cell_id=cell_id, member_id=reduced.id,
                                       kind=AdjustmentKind.HARDSHIP.value, start_month=add_months(last, -3), months=12,
                                       percent=50, decision="Đơn ngày 20/06; chi bộ quyết định giảm 50% trong 12 tháng"))
        session.flush()
        months = months_between(first, last)
        payments: list[dict[str, object]] = []
        for position, row in enumerate(dues.grid_in(session, cell_id, months, today)):
            skip = _UNPAID.get(row.full_name, 0)
            for cell in row.cells[: len(row.cells) - skip]:
                if not cell.due:
                    continue
                portal = position % 4 == 3
                paid = {"cell_id": cell_id, "member_id": row.member_id, "month": cell.month, "amount": cell.due,
                        "paid_on": min(today, cell.month.replace(day=5 + position % 10)), "note": "",
                        "channel": "portal" if portal else "cash", "reverses_id": None, "group_id": None,
                        "receipt_number": f"DVC-{cell.month:%Y%m}-{position + 1:04d}" if portal else ""}
                payments.append({**paid, "id": new_id()})
                if row.full_name == _TWICE and cell.month == months[2]:  # entered twice, then reversed
                    twice = {**paid, "id": new_id(), "channel": "cash", "receipt_number": ""}
                    payments += [twice, {**twice, "id": new_id(), "amount": -cell.due, "reverses_id": twice["id"],
                                         "note": "Ghi trùng khoản nộp"}]
        session.execute(insert(DuesPayment), payments)  # the outbox hook queues bulk INSERTs too
    dues.generate_obligations(store, dt.date(today.year, 1, 1), dt.date(today.year, 12, 1))
