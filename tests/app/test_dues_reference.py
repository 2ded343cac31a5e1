"""The dues service's fast paths (plain rows, shared month results and grid cells, bulk inserts) give what
a straightforward reading of the rules gives: each member and month worked out on its own from the ORM
records, the roster's events and the dated rule data, and each month's payments added up one by one."""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections import defaultdict

import pytest
from sqlalchemy import select

from models.cell import Cell
from models.dues import DuesAdjustment, DuesObligation, DuesPayment, DuesProfile, DuesRate
from models.members import Member
from models.rules.dues import (
    CATEGORY_LABELS,
    Adjustment,
    AdjustmentKind,
    DuesBasis,
    DuesCategory,
    MemberFacts,
    MonthlyDues,
    basis_on,
    monthly_dues,
    vnd,
)
from models.rules.party_age import dues_exempt_for_month, first_decision_date, gaps_from_events
from models.rules.status import status_on
from models.text import name_sort_key
from secretary_app import rules_data
from secretary_app.services import dues, roster
from secretary_app.store import Store
from tests.conftest import DEMO_TODAY


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _reference_dues(store: Store, months: list[dt.date]) -> tuple[list[Member], dict[tuple[uuid.UUID, dt.date], MonthlyDues],
                                                              dict[uuid.UUID, list[DuesBasis]]]:
    """Every member's dues for each month they owe here, one member and month at a time."""
    with store.transaction() as session:
        cell = session.get(Cell, store.cell_id)
        assert cell is not None
        assert not session.scalars(select(DuesRate).where(DuesRate.deleted.is_(False))).all(), \
            "the reference reads the shipped rule data only"
        members = list(session.scalars(select(Member).where(Member.cell_id == cell.id, Member.deleted.is_(False))))
        events = {m.id: roster.rule_events(m) for m in members}
        profiles: dict[uuid.UUID, list[DuesBasis]] = defaultdict(list)
        for p in session.scalars(select(DuesProfile).where(DuesProfile.deleted.is_(False))):
            profiles[p.member_id].append(DuesBasis(DuesCategory(p.category), p.effective_month, p.basis_amount))
        decisions: dict[uuid.UUID, list[Adjustment]] = defaultdict(list)
        for a in session.scalars(select(DuesAdjustment).where(DuesAdjustment.deleted.is_(False))):
            decisions[a.member_id].append(Adjustment(AdjustmentKind(a.kind), a.start_month, a.months, a.percent,
                                                     a.decision))
        region = cell.wage_region
    found: dict[tuple[uuid.UUID, dt.date], MonthlyDues] = {}
    for member in members:
        history = events[member.id]
        start = first_decision_date(history) or member.admission_decision_date
        for month in months:
            status = status_on(history, _month_end(month))
            if not (status.is_member and ((status.in_cell and not status.temporarily_away) or status.temporarily_here)):
                continue
            rule = rules_data.dues_age_rule_on(month)
            exempt = (start is not None and rule is not None
                      and dues_exempt_for_month(start, month.year, month.month, gaps_from_events(history), rule=rule))
            facts = MemberFacts.of(member.gender, member.birth_date, rules_data.retirement_table(),
                                   exempt_by_party_age=exempt)
            found[member.id, month] = monthly_dues(
                month, basis_on(profiles[member.id], month), facts, rates=rules_data.dues_rates_on(month),
                wages=rules_data.minimum_wages_on(month), region=region, adjustments=decisions[member.id],
                rounding=rules_data.dues_rounding_on(month))
    return members, found, profiles


def _reference_rows(store: Store, year: int, as_of: dt.date) -> list[dues.LedgerRow]:
    months = [dt.date(year, m, 1) for m in range(1, 13)]
    members, owed, profiles = _reference_dues(store, months)
    paid: dict[tuple[uuid.UUID, dt.date], int] = defaultdict(int)
    channels: dict[tuple[uuid.UUID, dt.date], set[str]] = defaultdict(set)
    reversed_: set[tuple[uuid.UUID, dt.date]] = set()
    with store.transaction() as session:
        for payment in session.scalars(select(DuesPayment).where(DuesPayment.deleted.is_(False))):
            key = (payment.member_id, payment.month)
            paid[key] += payment.amount
            if payment.reverses_id is None:
                channels[key].add(payment.channel)
            else:
                reversed_.add(key)
    rows = []
    for member in sorted(members, key=lambda m: name_sort_key(m.full_name)):
        if not any((member.id, m) in owed or paid.get((member.id, m)) for m in months):
            continue
        cells = []
        for month in months:
            key = (member.id, month)
            due, net, used = owed.get(key), paid.get(key, 0), sorted(channels.get(key, ()))
            if due is None:
                state = dues.MonthState.OVERPAID if net > 0 else dues.MonthState.NOT_HERE
            elif net > due.amount:
                state = dues.MonthState.OVERPAID
            elif due.amount == 0:
                state = dues.MonthState.EXEMPT
            elif net == due.amount:
                state = dues.MonthState.PAID
            elif net > 0:
                state = dues.MonthState.PARTIAL
            else:
                state = dues.MonthState.FUTURE if _month_end(month) >= as_of else dues.MonthState.DUE
            note = due.exempt_reason if due else ""
            if state is dues.MonthState.OVERPAID:
                both = "nộp cả tiền mặt và trên Cổng Dịch vụ công; " if len(used) > 1 else ""
                note = (f"Nộp thừa {vnd(net - (due.amount if due else 0))}: {both}cần xử lý (hủy một khoản hoặc "
                        "ghi nhận tự nguyện nộp cao hơn).")
            cells.append(dues.GridCell(month, due.amount if due else None, net, state,
                                       due.reduction_percent if due else 0, key in reversed_, tuple(used), note))
        latest = basis_on(profiles[member.id], months[-1])
        rows.append(dues.LedgerRow(member.id, member.full_name,
                                   CATEGORY_LABELS[latest.category if latest else DuesCategory.OTHER], tuple(cells)))
    return rows


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_demo_cells_ledger_equals_the_rules_read_month_by_month(demo_store: Store, year: int) -> None:
    expected = _reference_rows(demo_store, year, DEMO_TODAY)
    assert any(c.state is dues.MonthState.PAID for r in expected for c in r.cells)  # a ledger with payments
    computed = dues.dues_year(demo_store, year, as_of=DEMO_TODAY)
    assert list(computed.rows) == expected
    months = [dt.date(year, m, 1) for m in range(1, 13)]
    assert computed.kept_percent == tuple(rules_data.dues_kept_percent_on(m) for m in months)


def test_stored_obligations_equal_the_rules_read_month_by_month(demo_store: Store) -> None:
    months = [dt.date(2026, m, 1) for m in range(1, 13)]
    dues.generate_obligations(demo_store, months[0], months[-1])  # the demo stored this year's: nothing new
    _, owed, _ = _reference_dues(demo_store, months)
    with demo_store.transaction() as session:
        stored = {(o.member_id, o.month): (o.id, o.basis, o.basis_amount, o.amount, o.reduction_percent)
                  for o in session.scalars(select(DuesObligation).where(DuesObligation.deleted.is_(False)))}
    assert stored == {key: (dues.obligation_id(*key), d.category, d.basis_amount, d.amount, d.reduction_percent)
                      for key, d in owed.items()}
    assert {d.reduction_percent for d in owed.values()} >= {0, 50}  # the demo's reduction decision is in it
