"""Dues service: months owed from the roster's dated events, obligations, the payment ledger with
reversals, arrears, the "3 months unpaid" rule, the meeting's status line (rules.md §1)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from models.dues import DuesObligation, DuesPayment
from secretary_app.errors import UserError, ValidationFailed
from secretary_app.services import dues, roster
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.roster import EventInput, MemberData
from secretary_app.store import Store

TODAY = dt.date(2026, 11, 25)
MARCH = dt.date(2026, 3, 1)


def _cell(store: Store, region: int = 3) -> None:
    save_cell(store, CellInput("Chi bộ Tổ dân phố số 5", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", region,
                               dt.date(2025, 7, 1)))


def _member(store: Store, name: str, admitted: dt.date = dt.date(2000, 5, 10),
            born: dt.date = dt.date(1981, 5, 10)) -> uuid.UUID:
    data = MemberData(name, birth_date=born, gender="Nam", admission_decision_date=admitted,
                      official_date=admitted.replace(year=admitted.year + 1))
    member_id, _ = roster.create_member(store, data)
    return member_id


@pytest.fixture
def cell(store: Store) -> Store:
    _cell(store)
    return store


def _row(year: dues.DuesYear, member_id: uuid.UUID) -> dues.LedgerRow:
    return next(r for r in year.rows if r.member_id == member_id)


def test_a_member_transferred_in_mid_year_owes_from_that_month(cell: Store) -> None:
    farmer = _member(cell, "Trần Văn An")
    newcomer = _member(cell, "Lê Thị Bình", dt.date(2010, 1, 5))
    roster.add_event(cell, newcomer, EventInput("transfer_out_official", dt.date(2015, 1, 1), detail="Nơi cũ"))
    roster.add_event(cell, newcomer, EventInput("transfer_in_official", dt.date(2026, 6, 12), detail="Nơi cũ"))
    year = dues.dues_year(cell, 2026, as_of=TODAY)
    arrived = _row(year, newcomer)
    assert [c.due for c in arrived.cells[:5]] == [None] * 5
    assert [c.due for c in arrived.cells[5:]] == [12_420] * 7  # 06/2026 on: 0.3 % × 4.140.000 (vùng III)
    assert arrived.cells[4].word == "—"
    # January under QĐ 342 (province amount 5.000 đ), from February under QĐ 01-QĐ/TW.
    assert [c.due for c in _row(year, farmer).cells[:3]] == [5_000, 12_420, 12_420]
    with pytest.raises(ValidationFailed, match="không sinh hoạt tại chi bộ"):
        dues.record_payment(cell, dues.PaymentInput(newcomer, dt.date(2026, 5, 1)), today=TODAY)
    with cell.transaction() as session:
        assert session.scalar(select(func.count()).select_from(DuesPayment)) == 0


def test_obligations_have_one_id_per_member_and_month(cell: Store) -> None:
    member = _member(cell, "Trần Văn An")
    count, changes = dues.generate_obligations(cell, dt.date(2026, 1, 1), dt.date(2026, 12, 1))
    assert count == 12 and "dues" in changes
    again, _ = dues.generate_obligations(cell, dt.date(2026, 1, 1), dt.date(2026, 12, 1))
    assert again == 0
    dues.set_basis(cell, member, "pension", 6_000_000, dt.date(2026, 7, 1))
    changed, _ = dues.generate_obligations(cell, dt.date(2026, 1, 1), dt.date(2026, 12, 1))
    assert changed == 6
    with cell.transaction() as session:
        rows = session.scalars(select(DuesObligation).order_by(DuesObligation.month)).all()
        assert [r.id for r in rows] == [dues.obligation_id(member, r.month) for r in rows]
        assert [r.amount for r in rows][5:7] == [12_420, 30_000]


def test_payments_are_ledger_rows_reversed_with_a_reason(cell: Store) -> None:
    member = _member(cell, "Trần Văn An")
    (paid,), _ = dues.record_payment(cell, dues.PaymentInput(member, MARCH), today=TODAY)
    assert paid.amount == 12_420
    reversal, _ = dues.reverse_payment(cell, paid.id, "Ghi nhầm người nộp", today=TODAY)
    assert reversal.amount == -12_420 and reversal.reverses_id == paid.id
    with pytest.raises(ValidationFailed, match="dòng hủy"):
        dues.reverse_payment(cell, reversal.id, "hủy lại", today=TODAY)
    with pytest.raises(ValidationFailed, match="đã được hủy"):
        dues.reverse_payment(cell, paid.id, "lần nữa", today=TODAY)
    with pytest.raises(ValidationFailed, match="lý do"):
        dues.reverse_payment(cell, paid.id, "  ", today=TODAY)
    cell_march = _row(dues.dues_year(cell, 2026, as_of=TODAY), member).cells[2]
    assert (cell_march.paid, cell_march.state, cell_march.word) == (0, dues.MonthState.DUE, "Chưa nộp, có hủy")


def test_bad_input_gets_a_message_and_writes_nothing(cell: Store) -> None:
    member = _member(cell, "Trần Văn An")
    bad = [
        (dues.PaymentInput(member, MARCH, amount=-1), "âm"),
        (dues.PaymentInput(member, MARCH, channel="portal"), "biên lai"),
        (dues.PaymentInput(member, dt.date(1999, 1, 1)), "không sinh hoạt"),
        (dues.PaymentInput(member, MARCH, months=13), "12 tháng"),
    ]
    for payment, message in bad:
        with pytest.raises(ValidationFailed, match=message):
            dues.record_payment(cell, payment, today=TODAY)
    with pytest.raises(ValidationFailed, match="tháng bắt đầu"):
        dues.set_basis(cell, member, "pension", 6_000_000, None)
    with pytest.raises(ValidationFailed, match="ngày hiệu lực"):
        dues.add_cell_override(cell, "minimum_wage", 4_500_000, None)
    with pytest.raises(ValidationFailed, match="12 tháng"):
        dues.add_adjustment(cell, dues.AdjustmentInput(member, "hardship", MARCH, 18, 50, "QĐ 3"))
    with cell.transaction() as session:
        assert session.scalar(select(func.count()).select_from(DuesPayment)) == 0


def test_one_payment_covers_several_months_and_advance(cell: Store) -> None:
    member = _member(cell, "Trần Văn An")
    rows, _ = dues.record_payment(cell, dues.PaymentInput(member, dt.date(2026, 11, 1), months=3), today=TODAY)
    assert [(r.month.month, r.amount) for r in rows] == [(11, 12_420), (12, 12_420), (1, 12_420)]
    assert len({r.group_id for r in rows}) == 1 and rows[0].group_id is not None
    year = _row(dues.dues_year(cell, 2026, as_of=TODAY), member)
    assert [c.state for c in year.cells[10:]] == [dues.MonthState.PAID, dues.MonthState.PAID]


def test_cash_and_portal_for_the_same_month_is_an_overpayment_to_resolve(cell: Store) -> None:
    member = _member(cell, "Trần Văn An")
    dues.record_payment(cell, dues.PaymentInput(member, MARCH), today=TODAY)
    dues.record_payment(cell, dues.PaymentInput(member, MARCH, channel="portal", receipt_number="BL-0042"),
                        today=TODAY)
    march = _row(dues.dues_year(cell, 2026, as_of=TODAY), member).cells[2]
    assert march.state is dues.MonthState.OVERPAID and march.paid == 24_840
    assert "cả tiền mặt và trên Cổng" in march.note and "12.420 đ" in march.note


def test_arrears_alert_at_two_and_proposal_at_three(cell: Store) -> None:
    member = _member(cell, "Trần Văn An")
    other = _member(cell, "Phạm Văn Cường")
    for month in range(1, 11):
        dues.record_payment(cell, dues.PaymentInput(other, dt.date(2026, month, 1)), today=TODAY)
    for month in range(1, 9):
        dues.record_payment(cell, dues.PaymentInput(member, dt.date(2026, month, 1)), today=TODAY)
    alerts = dues.removal_alerts(cell, TODAY)  # 09 and 10 unpaid; 11 not over yet
    assert [(a.full_name, len(a.months), a.proposal) for a in alerts] == [("Trần Văn An", 2, False)]
    later = dues.removal_alerts(cell, dt.date(2026, 12, 2))
    assert [(a.full_name, len(a.months), a.proposal) for a in later] == [("Trần Văn An", 3, True)]
    assert "xóa tên" in later[0].message
    debts = {a.full_name: a for a in dues.arrears(cell, TODAY, since=dt.date(2026, 1, 1))}
    assert debts["Trần Văn An"].amount == 2 * 12_420 and "Phạm Văn Cường" not in debts
    # A deferral decision is a valid reason: no alert for the months it covers.
    dues.add_adjustment(cell, dues.AdjustmentInput(member, "deferral", dt.date(2026, 9, 1), 3, 100,
                                                   "Miễn sinh hoạt, Quyết định số 7"))
    assert dues.removal_alerts(cell, TODAY) == []


def test_the_status_line_of_the_meeting_covers_the_month_before(cell: Store) -> None:
    first, second = _member(cell, "Trần Văn An"), _member(cell, "Phạm Văn Cường")
    dues.record_payment(cell, dues.PaymentInput(first, dt.date(2026, 10, 1)), today=TODAY)
    line = dues.status_line(cell, dt.date(2026, 11, 5))
    assert line == ("thông báo kết quả thu nộp đảng phí tháng 10/2026: 1/2 đảng viên đã nộp đủ, "
                    "tổng số 12.420 đ; chưa nộp đủ: Phạm Văn Cường")
    assert second


def test_fifty_years_of_party_age_and_a_reduction_in_the_grid(cell: Store) -> None:
    veteran = _member(cell, "Nguyễn Văn Hùng", dt.date(1976, 3, 10), dt.date(1950, 2, 1))
    poor = _member(cell, "Đỗ Thị Hoa")
    dues.add_adjustment(cell, dues.AdjustmentInput(poor, "hardship", MARCH, 12, 50, "Quyết định số 5"))
    year = dues.dues_year(cell, 2026, as_of=TODAY)
    old = _row(year, veteran)
    # Past retirement age: 0.2 % × 4.140.000; 50 years of party age on 10/03/2026, exempt from April.
    assert [c.due for c in old.cells[1:4]] == [8_280, 8_280, 0]
    assert old.cells[3].word == "Miễn"
    reduced = _row(year, poor).cells[2]
    assert reduced.due == 6_210 and "giảm 50%" in reduced.word


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["pay", "pay3", "portal", "reverse", "generate"]),
                          st.integers(0, 1), st.integers(1, 11), st.integers(0, 30_000)), max_size=12))
def test_ledger_totals_equal_the_sum_of_rows(tmp_path_factory: pytest.TempPathFactory, new_store,
                                             steps: list[tuple[str, int, int, int]]) -> None:
    store = new_store(tmp_path_factory.mktemp("ledger"))
    try:
        _cell(store)
        members = [_member(store, "Trần Văn An"), _member(store, "Phạm Văn Cường")]
        written: list[dues.PaymentRow] = []
        for action, who, month, amount in steps:
            first = dt.date(2026, month, 1)
            try:
                if action == "generate":
                    dues.generate_obligations(store, first, dt.date(2026, 12, 1))
                elif action == "reverse" and written:
                    dues.reverse_payment(store, written[amount % len(written)].id, "sai", today=TODAY)
                elif action != "reverse":
                    payment = dues.PaymentInput(members[who], first, months=3 if action == "pay3" else 1,
                                                amount=amount or None, channel="portal" if action == "portal" else "cash",
                                                receipt_number="BL-1")
                    rows, _ = dues.record_payment(store, payment, today=TODAY)
                    written.extend(rows)
            except UserError:
                pass  # refused: nothing written
        year = dues.dues_year(store, 2026, as_of=TODAY)
        with store.transaction() as session:
            ledger = session.scalars(select(DuesPayment)).all()
            obligations = session.scalar(select(func.count()).select_from(DuesObligation))
        in_2026 = [p for p in ledger if p.month.year == 2026]
        assert year.collected == sum(p.amount for p in in_2026) == sum(r.paid for r in year.rows)
        assert year.kept + year.remitted == year.collected
        for member in members:  # no member's balance lost or counted twice
            row = _row(year, member)
            assert row.paid == sum(p.amount for p in in_2026 if p.member_id == member)
            assert row.paid >= 0
        assert len({p.id for p in ledger}) == len(ledger)
        assert obligations in (0, *range(2, 25))  # at most one per member and month
        reversed_ids = [p.reverses_id for p in ledger if p.reverses_id]
        assert len(reversed_ids) == len(set(reversed_ids))
    finally:
        store.close()


def test_the_demo_cells_dues_follow_the_rules(demo_store: Store) -> None:
    """No random amounts: every month paid is exactly what the rules make due, exempt veterans pay nothing,
    nobody pays for a month before joining or after leaving, and the arrears show what the demo left out."""
    year = dues.dues_year(demo_store, 2026, as_of=TODAY)
    for row in year.rows:
        for cell in row.cells[:10]:
            assert cell.paid in (0, cell.due or 0), (row.full_name, cell)
            if cell.due is None:
                assert cell.paid == 0
    veteran = _row(year, next(r.member_id for r in year.rows if r.full_name == "Lê Văn Đức"))
    assert [c.word for c in veteran.cells[1:10]] == ["Miễn"] * 9  # 50 years of party age, from 02/2026
    assert veteran.cells[0].due == 2_500  # January: QĐ 342, half the province amount past working age
    alerts = dues.removal_alerts(demo_store, TODAY)
    assert [(a.full_name, len(a.months)) for a in alerts] == [("Đinh Công Thành", 2)]
    assert any("có hủy" in c.word for r in year.rows for c in r.cells)
    assert "Đinh Công Thành" in dues.status_line(demo_store, dt.date(2026, 11, 5))


def test_a_dated_rate_entry_changes_its_months_only_and_is_listed_with_its_source(cell: Store) -> None:
    farmer = _member(cell, "Trần Văn An")  # "other" member, vùng III: 0.3 % × 4.140.000 = 12.420 đ
    listed = {e.key: e for e in dues.rate_entries(cell, TODAY)}
    assert listed["other_below_per_10000"].value_text == "0,3%"
    assert listed["other_below_per_10000"].source.startswith("Quy định 01-QĐ/TW")
    assert listed["minimum_wage"].value == 4_140_000 and not listed["minimum_wage"].by_cell
    # The province raises nothing; a new decision sets 0,4 % from 09/2026 (the date's month counts).
    entry_id, changes = dues.add_cell_override(cell, "other_below_per_10000", 40, dt.date(2026, 9, 15),
                                               "Quy định số 9 (giả định)")
    assert isinstance(entry_id, uuid.UUID) and changes.touches(dues.Change.DUES)
    cells = _row(dues.dues_year(cell, 2026, as_of=TODAY), farmer).cells
    assert [c.due for c in cells[6:9]] == [12_420, 12_420, 16_560]  # 0,4 % × 4.140.000 from September
    on_august = {e.key: e for e in dues.rate_entries(cell, dt.date(2026, 8, 20)) if not e.upcoming}
    assert on_august["other_below_per_10000"].value == 30
    upcoming = [e for e in dues.rate_entries(cell, dt.date(2026, 8, 20)) if e.upcoming]
    assert [(e.key, e.value_text, e.effective_from, e.source, e.by_cell) for e in upcoming] == [
        ("other_below_per_10000", "0,4%", dt.date(2026, 9, 1), "Quy định số 9 (giả định)", True)]
    in_force = {e.key: e for e in dues.rate_entries(cell, TODAY)}["other_below_per_10000"]
    assert (in_force.value, in_force.by_cell, in_force.upcoming) == (40, True, False)
    # Bad input: a plain message, nothing saved.
    for key, value, day, message in [("kept_percent", -5, TODAY, "âm"), ("kept_percent", 130, TODAY, "100%"),
                                     ("other_below_per_10000", 20_000, TODAY, "100%"),
                                     ("rounding_step", 0, TODAY, "lớn hơn 0"), ("minimum_wage", None, TODAY, "giá trị"),
                                     ("no_such_key", 5, TODAY, "không có")]:
        with pytest.raises(ValidationFailed, match=message):
            dues.add_cell_override(cell, key, value, day)
    assert len([e for e in dues.rate_entries(cell, dt.date(2026, 8, 20)) if e.by_cell]) == 1
