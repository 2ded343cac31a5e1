"""Party dues of the cell: each member's category and basis, decisions, monthly obligations, the payment
ledger, arrears, the "3 months unpaid" rule and the status line of the meeting's opening (rules.md §1).

What a member owes for a month is computed in one place, ``_dues_of_member``, by the pure rules of
``models.rules.dues`` with the rule data in force that month (``rules_data``) and the cell's dated
overrides (``dues_rate`` rows: the province's amount under QĐ 342, the kept share, rounding, the minimum
wage). ``generate_obligations`` stores those amounts as ``dues_obligation`` rows whose id is derived from
cell + member + month, so two PCs generating the same month write the same row.

Which months a member owes here: a member pays for the months in which, on the **last day**, they are a
(probationary or official) member attending this cell: counted in the cell and not on a temporary transfer
away, or here on a temporary transfer from elsewhere (they pay where they attend). A member admitted or
transferred in during a month pays from that month; one transferred out pays there from that month.
[U] not in the sources; one rule so that no month is owed in two cells.

Payments are ledger rows, never edited: a mistake is corrected by a reversing row (negative amount,
``reverses_id``) with a reason. A month paid both in cash and on the portal shows as an overpayment to
resolve (one of them reversed, or kept as a voluntary higher payment).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import enum
import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from models.audit import AuditEntry
from models.base import new_id
from models.cell import Cell
from models.dues import DuesAdjustment, DuesObligation, DuesPayment, DuesProfile, DuesRate
from models.members import Member
from models.members import MemberEvent as MemberEventRow
from models.rules import status as status_rules
from models.rules.dates import add_months
from models.rules.dues import (
    ADJUSTMENT_LABELS,
    AMOUNT_CATEGORIES,
    CATEGORY_LABELS,
    MAX_DECISION_MONTHS,
    Adjustment,
    AdjustmentKind,
    DuesBasis,
    DuesCategory,
    DuesError,
    DuesRates,
    MemberFacts,
    MinimumWages,
    MonthlyDues,
    Rounding,
    RoundMode,
    adjustment_problem,
    basis_on,
    first_of_month,
    month_label,
    monthly_dues,
    months_between,
    vnd,
)
from models.rules.party_age import (
    DuesAgeExemptionRule,
    Gap,
    dues_exempt_for_month,
    first_decision_date,
    gaps_from_events,
)
from models.text import name_sort_key, nfc
from secretary_app import rules_data
from secretary_app.changes import Change, OpResult
from secretary_app.errors import NotFoundError, UserError, ValidationFailed
from secretary_app.gc_pause import gc_paused
from secretary_app.services.roster import rule_event
from secretary_app.store import Changes, Store
from secretary_app.sync.outbox import insert_created

__all__ = [
    "ADJUSTMENT_LABELS",
    "AMOUNT_CATEGORIES",
    "CATEGORY_LABELS",
    "CHANNELS",
    "MAX_DECISION_MONTHS",
    "OVERRIDE_KEYS",
    "OVERRIDE_UNITS",
    "AdjustmentInput",
    "AdjustmentKind",
    "Arrear",
    "DuesCategory",
    "DuesYear",
    "GridCell",
    "LedgerRow",
    "MemberDuesHistory",
    "MonthState",
    "PaymentInput",
    "PaymentRow",
    "RateEntry",
    "RemovalAlert",
    "add_adjustment",
    "add_cell_override",
    "arrears",
    "dues_year",
    "generate_obligations",
    "grid_in",
    "member_history",
    "obligation_id",
    "rate_entries",
    "record_payment",
    "removal_alerts",
    "reverse_last_payment",
    "reverse_payment",
    "set_basis",
    "status_line",
    "status_line_for",
    "vnd",
]

CHANNELS: dict[str, str] = {"cash": "Tiền mặt tại chi bộ", "portal": "Cổng Dịch vụ công"}
#: Cell-level dated overrides of the rule data (``dues_rate.basis`` → what ``fixed_amount`` holds).
OVERRIDE_KEYS: dict[str, str] = {
    "minimum_wage": "Lương tối thiểu vùng của chi bộ, đồng/tháng",
    "insured_per_10000": "Tỷ lệ đóng của đảng viên tham gia BHXH bắt buộc, % tiền lương",
    "pension_per_10000": "Tỷ lệ đóng của đảng viên hưởng lương hưu, % lương hưu",
    "other_below_per_10000": "Tỷ lệ đóng của đảng viên khác dưới tuổi nghỉ hưu, % lương tối thiểu vùng",
    "other_at_retirement_per_10000": "Tỷ lệ đóng của đảng viên khác từ tuổi nghỉ hưu, % lương tối thiểu vùng",
    "student_amount": "Mức đóng của học sinh, sinh viên, đồng",
    "other_fixed_amount": "Mức đóng của đảng viên khác do tỉnh quy định (QĐ 342), đồng",
    "kept_percent": "Tỷ lệ đảng phí chi bộ giữ lại, %",
    "rounding_step": "Làm tròn đảng phí đến (đồng; 1 = đúng đến đồng)",
}
#: How each entry's value is typed and shown: "vnd" (đồng), "percent" (whole %), "rate" (stored in 1/10000 of
#: the basis, typed as a percent with up to two decimals: "0,3" → 30), "step" (đồng, at least 1).
OVERRIDE_UNITS: dict[str, str] = {
    "minimum_wage": "vnd", "insured_per_10000": "rate", "pension_per_10000": "rate", "other_below_per_10000": "rate",
    "other_at_retirement_per_10000": "rate", "student_amount": "vnd", "other_fixed_amount": "vnd",
    "kept_percent": "percent", "rounding_step": "step",
}
#: Rate entries and the ``DuesRates`` field each replaces for the months from its date.
_RATE_FIELDS: dict[str, str] = {
    "insured_per_10000": "insured", "pension_per_10000": "pension", "other_below_per_10000": "other_below_retirement",
    "other_at_retirement_per_10000": "other_at_retirement", "student_amount": "student_amount",
    "other_fixed_amount": "other_fixed_amount",
}
_OBLIGATION_NAMESPACE = uuid.UUID("6f1d0c52-3a57-4c1e-9a55-d0e5c0ffee12")
MAX_MONTHS_PER_PAYMENT = 12


def obligation_id(member_id: uuid.UUID, month: dt.date) -> uuid.UUID:
    """The one id of a member's obligation for a month, the same on every PC.

    From the member and the month only: a member record belongs to one cell and its id never changes,
    while the cell's id does (a cell set up offline takes the server's id at its first sync), so an id
    made from the cell's would differ between a PC that generated before joining and one that joined first,
    and the server would hold two obligations for one member and month."""
    return uuid.uuid5(_OBLIGATION_NAMESPACE, f"{member_id}:{month.year:04d}-{month.month:02d}")


def _obligation_ids(member_id: uuid.UUID) -> Callable[[dt.date], str]:
    """``obligation_id(...).hex`` for one member's months, the hash of the common prefix computed once: the
    same UUIDv5 (RFC 4122: SHA-1 of namespace + name, version and variant bits set) for a fraction of the
    cost, as the 32 hex digits SQLite stores (``insert_created`` takes them as they are: 60,000 ``UUID``
    objects made only to be turned back into text cost a tenth of a second)."""
    prefix = hashlib.sha1(_OBLIGATION_NAMESPACE.bytes + f"{member_id}:".encode(), usedforsecurity=False)

    def of(month: dt.date) -> str:
        digest = prefix.copy()
        digest.update(_month_name(month))
        text = digest.hexdigest()
        # Digit 12 is the version (5); digit 16 keeps its two low bits under the variant's 10.
        return f"{text[:12]}5{text[13:16]}{_UUID5_VARIANT[text[16]]}{text[17:32]}"

    return of


_UUID5_VARIANT = {digit: f"{int(digit, 16) & 0x3 | 0x8:x}" for digit in "0123456789abcdef"}


@cache
def _month_name(month: dt.date) -> bytes:
    return f"{month.year:04d}-{month.month:02d}".encode()


def _changes() -> Changes:
    return Changes.of(Change.DUES)


# --- rules of a month, with the cell's overrides -----------------------------------------------------


@dataclass(frozen=True)
class _Override:
    key: str
    effective_from: dt.date
    value: int


@cache
def _rates_on(month: dt.date) -> DuesRates:
    return rules_data.dues_rates_on(month)


@cache
def _wages_on(month: dt.date) -> MinimumWages | None:
    # The wage in force on the first day of the month decides the month's dues.
    return rules_data.minimum_wages_on(month)


@cache
def _age_rule_on(month: dt.date) -> DuesAgeExemptionRule | None:
    return rules_data.dues_age_rule_on(month)


def _override_on(overrides: Sequence[_Override], key: str, month: dt.date) -> int | None:
    chosen = None
    for item in overrides:
        if item.key == key and item.effective_from <= month and (chosen is None or item.effective_from >= chosen.effective_from):
            chosen = item
    return chosen.value if chosen else None


@dataclass(frozen=True)
class _MonthRules:
    rates: DuesRates
    wages: MinimumWages | None
    rounding: Rounding
    kept_percent: int


def _month_rules(month: dt.date, overrides: Sequence[_Override], region: int) -> _MonthRules:
    rates, wages = _rates_on(month), _wages_on(month)
    replaced: dict[str, Any] = {name: value for key, name in _RATE_FIELDS.items()
                if (value := _override_on(overrides, key, month)) is not None}
    if replaced:
        rates = dataclasses.replace(rates, **replaced)
    if (wage := _override_on(overrides, "minimum_wage", month)) is not None:
        wages = MinimumWages(month, "Mức chi bộ ghi trong Cài đặt", {region: wage})
    step = _override_on(overrides, "rounding_step", month)
    rounding = (Rounding(step, RoundMode.NEAREST if step == 1 else RoundMode.UP) if step is not None
                else rules_data.dues_rounding_on(month))
    kept = _override_on(overrides, "kept_percent", month)
    return _MonthRules(rates, wages, rounding, kept if kept is not None else rules_data.dues_kept_percent_on(month))


# --- loading -------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """Everything needed to compute a range of months for the cell, loaded once."""

    cell: Cell
    members: list[_Person]
    profiles: dict[uuid.UUID, list[DuesBasis]]
    adjustments: dict[uuid.UUID, list[Adjustment]]
    overrides: list[_Override]
    rules: dict[dt.date, _MonthRules] = field(default_factory=dict)

    def month_rules(self, month: dt.date) -> _MonthRules:
        """The rules of ``month``; months whose rules are equal get the same object (``_dues_of_member``)."""
        if month not in self.rules:
            rules = _month_rules(month, self.overrides, self.cell.wage_region)
            self.rules[month] = next((known for known in self.rules.values() if known == rules), rules)
        return self.rules[month]


def _cell(session: Session, cell_id: uuid.UUID) -> Cell:
    cell = session.get(Cell, cell_id)
    if cell is None:
        raise UserError("Chưa có thông tin chi bộ. Hãy chạy bước thiết lập ban đầu hoặc mở chi bộ mẫu.")
    return cell


@dataclass(frozen=True)
class _Person:
    """What the dues need of a member record, read with plain SELECTs (thousands of ORM objects cost
    seconds; a year of 5,000 members must take well under one)."""

    id: uuid.UUID
    full_name: str
    gender: str
    birth_date: dt.date | None
    admission_decision_date: dt.date | None
    events: tuple[status_rules.MemberEvent, ...]


def _people(session: Session, cell_id: uuid.UUID, member_id: uuid.UUID | None, ordered: bool = True) -> list[_Person]:
    members = select(Member.id, Member.full_name, Member.gender, Member.birth_date, Member.admission_decision_date,
                     Member.ceremony_date).where(Member.cell_id == cell_id, Member.deleted.is_(False))
    # The event's member as its stored hex text: 10,000 UUIDs parsed back from text cost a tenth of a second.
    events = select(cast(MemberEventRow.member_id, String).label("member_hex"), MemberEventRow.kind, MemberEventRow.event_date,
                    MemberEventRow.end_date, MemberEventRow.detail, MemberEventRow.reason).where(
        MemberEventRow.cell_id == cell_id, MemberEventRow.deleted.is_(False))
    if member_id is not None:
        members = members.where(Member.id == member_id)
        events = events.where(MemberEventRow.member_id == member_id)
    # Through the connection, not the session: column rows need nothing of the ORM, whose loading of
    # them cost more than the query (a fifth of the year's ledger for 5,000 members and their events).
    session.flush()  # what the unit of work holds unwritten (the demo adds members, then reads the grid)
    connection = session.connection()
    rows = connection.execute(members).all()
    hex_ids = [row.id.hex for row in rows]
    ceremony = {hex_id: row.ceremony_date for hex_id, row in zip(hex_ids, rows, strict=True)}
    by_member: dict[str, list[status_rules.MemberEvent]] = defaultdict(list)
    for event in connection.execute(events).all():
        member_hex = event.member_hex.replace("-", "")
        converted = rule_event(event, ceremony.get(member_hex))  # type: ignore[arg-type]  # a Row of the event's columns
        if converted is not None:
            by_member[member_hex].append(converted)
    people = [_Person(row.id, row.full_name, row.gender, row.birth_date, row.admission_decision_date,
                      tuple(by_member.get(hex_id, ()))) for hex_id, row in zip(hex_ids, rows, strict=True)]
    # Ordered by name for the grid and the ledger; generating obligations needs no order (sorting 5,000
    # Vietnamese names by their collation key is a tenth of a second).
    return sorted(people, key=lambda p: name_sort_key(p.full_name)) if ordered else people


def _context(session: Session, cell_id: uuid.UUID, member_id: uuid.UUID | None = None,
             ordered: bool = True) -> _Context:
    members = _people(session, cell_id, member_id, ordered)
    profiles: dict[uuid.UUID, list[DuesBasis]] = defaultdict(list)
    # Plain columns, not ORM objects (a 5,000-member organisation has thousands of these rows).
    connection = session.connection()
    for member_id, category, effective_month, amount in connection.execute(select(
            DuesProfile.member_id, DuesProfile.category, DuesProfile.effective_month, DuesProfile.basis_amount).where(
            DuesProfile.cell_id == cell_id, DuesProfile.deleted.is_(False))):
        profiles[member_id].append(DuesBasis(DuesCategory(category), effective_month, amount))
    for history in profiles.values():
        history.sort(key=lambda b: b.effective_month)  # stable: as basis_on() orders them
    adjustments: dict[uuid.UUID, list[Adjustment]] = defaultdict(list)
    for adj in connection.execute(select(
            DuesAdjustment.member_id, DuesAdjustment.kind, DuesAdjustment.start_month, DuesAdjustment.months,
            DuesAdjustment.percent, DuesAdjustment.decision).where(
            DuesAdjustment.cell_id == cell_id, DuesAdjustment.deleted.is_(False))):
        adjustments[adj.member_id].append(
            Adjustment(AdjustmentKind(adj.kind), adj.start_month, adj.months, adj.percent, adj.decision))
    overrides = [_Override(r.basis, r.effective_from, r.fixed_amount) for r in session.scalars(
        select(DuesRate).where(DuesRate.cell_id == cell_id, DuesRate.deleted.is_(False))) if r.basis in OVERRIDE_KEYS]
    return _Context(_cell(session, cell_id), members, profiles, adjustments, overrides)


@cache
def _month_end(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


def _owes_here(status: status_rules.MemberStatus) -> bool:
    return status.is_member and ((status.in_cell and not status.temporarily_away) or status.temporarily_here)


def _owing_months(events: Sequence[status_rules.MemberEvent], months: Sequence[dt.date]) -> list[dt.date]:
    """The months whose last day finds the member owing here. ``status_on`` is asked again only when an
    event (or the end of a period) fell since the previous month's last day: the answer cannot change
    otherwise, and a year of 5,000 members is then ~5,000 calls instead of 60,000."""
    changes = sorted({e.day for e in events} | {e.end for e in events if e.end is not None})
    owing, last_key, last_answer = [], -1, False
    for month in months:
        end = _month_end(month)
        key = bisect.bisect_right(changes, end)
        if key != last_key:
            last_key, last_answer = key, _owes_here(status_rules.status_on(events, end))
        if last_answer:
            owing.append(month)
    return owing


def _exempt_by_age(start: dt.date | None, gaps: Sequence[Gap], months: Sequence[dt.date]) -> set[dt.date]:
    """Months waived by 50 years of party age (``dues_exempt_for_month``). Party age never decreases, so
    once a month is exempt the later ones are too: the last month is asked first, and most members stop there."""
    if start is None or not months:
        return set()

    def exempt(month: dt.date) -> bool:
        rule = _age_rule_on(month)
        if rule is None:
            return False
        # Party age by the month's end is at most the calendar months since the decision (gaps only take
        # away): fewer than the rule's years (one month of slack) cannot be exempt, without computing it.
        if (month.year - start.year) * 12 + month.month - start.month + 1 < 12 * rule.years:
            return False
        return dues_exempt_for_month(start, month.year, month.month, gaps, rule=rule)

    if not exempt(months[-1]):
        return set()
    for index, month in enumerate(months):
        if exempt(month):
            return set(months[index:])
    return set()


_Memo = dict[tuple[object, ...], MonthlyDues]


def _dues_of_member(ctx: _Context, member: _Person, months: Sequence[dt.date],
                    memo: _Memo | None = None) -> dict[dt.date, MonthlyDues]:
    """The dues of ``member`` for each of ``months`` in which they owe this cell (the one computation).

    ``monthly_dues`` depends on the month only through the rules in force (``_MonthRules``, one object for
    months with equal rules), the retirement age reached and the decisions covering the month (see its
    docstring). Months alike in those, of this member and of the others of ``ctx`` sharing ``memo``, get
    **one** result object: its ``month`` is the first month it was computed for, and callers read only its
    amounts (11 months of a year under QĐ 01 are one; 60,000 copies of a 9-field record cost a tenth of
    a second). The memo is keyed by the identity of the rules, basis and decision objects ``ctx`` holds
    (hashing those dataclasses again for each month cost more than the rules): equal ones of two
    members are two keys, which only costs a second computation."""
    memo = {} if memo is None else memo
    events = member.events
    owing = _owing_months(events, months)
    if not owing:
        return {}
    start = first_decision_date(events) or member.admission_decision_date
    exempt = _exempt_by_age(start, gaps_from_events(events), owing)
    retired_on = MemberFacts.of(member.gender, member.birth_date, rules_data.retirement_table()).retirement_date
    profiles = ctx.profiles.get(member.id, ())  # sorted by effective month (_context)
    starts = [b.effective_month for b in profiles]
    decisions = ctx.adjustments.get(member.id)
    rules_of = ctx.rules
    found: dict[dt.date, MonthlyDues] = {}
    for month in owing:
        rules = rules_of.get(month) or ctx.month_rules(month)
        # Normalised (retired: "reached by this month") so members in the same situation share one result.
        retired = retired_on is not None and retired_on <= month
        # basis_on(profiles, month), by bisection on the sorted list: the last one in force that month.
        index = bisect.bisect_right(starts, month) if starts else 0
        basis = profiles[index - 1] if index else None
        covering = tuple(a for a in decisions if a.covers(month)) if decisions else ()
        waived = month in exempt
        key = (id(rules), id(basis) if basis is not None else 0, retired, waived, covering)
        dues = memo.get(key)
        if dues is None:
            try:
                dues = memo[key] = monthly_dues(
                    month, basis, MemberFacts(month if retired else None, waived), rates=rules.rates,
                    wages=rules.wages, region=ctx.cell.wage_region, adjustments=covering, rounding=rules.rounding)
            except DuesError as error:
                raise UserError(f"Đảng phí của đồng chí {member.full_name} tháng {month_label(month)}: "
                                f"{error}") from error
        found[month] = dues
    return found


# --- the year: grid, ledger, arrears -------------------------------------------------------------------


class MonthState(enum.StrEnum):
    NOT_HERE = "not_here"
    FUTURE = "future"  # nothing paid yet for a month not yet over
    DUE = "due"  # unpaid
    PARTIAL = "partial"
    PAID = "paid"
    EXEMPT = "exempt"
    OVERPAID = "overpaid"


STATE_WORDS: dict[MonthState, str] = {
    MonthState.NOT_HERE: "—", MonthState.FUTURE: "", MonthState.DUE: "Chưa nộp", MonthState.PARTIAL: "Nộp thiếu",
    MonthState.PAID: "Đã nộp", MonthState.EXEMPT: "Miễn", MonthState.OVERPAID: "Nộp thừa",
}


@dataclass(frozen=True)
class GridCell:
    month: dt.date
    due: int | None  # None: not owed in this cell that month
    paid: int  # net of reversals
    state: MonthState
    reduction_percent: int = 0
    reversed: bool = False  # a payment of this month was reversed
    channels: tuple[str, ...] = ()
    note: str = ""  # why exempt / reduced, or the overpayment to resolve

    @property
    def word(self) -> str:
        """What the grid shows (never colour alone): "Đã nộp", "Chưa nộp", "Miễn", "Giảm 50%" …"""
        words = [STATE_WORDS[self.state]] if STATE_WORDS[self.state] else []
        if 0 < self.reduction_percent < 100:
            words.append(f"giảm {self.reduction_percent}%")
        if self.reversed:
            words.append("có hủy")
        return ", ".join(words)

    @property
    def owed(self) -> int:
        return max(0, (self.due or 0) - self.paid) if self.state in (MonthState.DUE, MonthState.PARTIAL) else 0


@dataclass(frozen=True)
class LedgerRow:
    member_id: uuid.UUID
    full_name: str
    category: str  # Vietnamese label of the latest category in the period
    cells: tuple[GridCell, ...]

    @property
    def due(self) -> int:
        return sum(c.due or 0 for c in self.cells)

    @property
    def paid(self) -> int:
        return sum(c.paid for c in self.cells)

    @property
    def owed(self) -> int:
        return sum(c.owed for c in self.cells)


@dataclass(frozen=True)
class DuesYear:
    """Members × months of a period, with the totals a ledger prints (each the sum of its rows)."""

    months: tuple[dt.date, ...]
    rows: tuple[LedgerRow, ...]
    kept_percent: tuple[int, ...]  # per month
    as_of: dt.date

    def collected_in(self, index: int) -> int:
        return sum(row.cells[index].paid for row in self.rows)

    def kept_in(self, index: int) -> int:
        return self.collected_in(index) * self.kept_percent[index] // 100

    @property
    def collected(self) -> int:
        return sum(self.collected_in(i) for i in range(len(self.months)))

    @property
    def kept(self) -> int:
        return sum(self.kept_in(i) for i in range(len(self.months)))

    @property
    def remitted(self) -> int:
        return self.collected - self.kept

    @property
    def due(self) -> int:
        return sum(row.due for row in self.rows)

    def members_at_end(self) -> int:
        return sum(1 for row in self.rows if row.cells and row.cells[-1].due is not None)


@dataclass(frozen=True)
class PaymentRow:
    id: uuid.UUID
    member_id: uuid.UUID
    month: dt.date
    amount: int
    paid_on: dt.date
    channel: str
    receipt_number: str
    note: str
    reverses_id: uuid.UUID | None
    reversed_by: uuid.UUID | None
    group_id: uuid.UUID | None


def _payments(session: Session, cell_id: uuid.UUID, first: dt.date, last: dt.date,
              member_id: uuid.UUID | None = None) -> list[DuesPayment]:
    query = select(DuesPayment).where(DuesPayment.cell_id == cell_id, DuesPayment.deleted.is_(False),
                                      DuesPayment.month >= first, DuesPayment.month <= last)
    if member_id is not None:
        query = query.where(DuesPayment.member_id == member_id)
    return list(session.scalars(query))


def _payment_rows(session: Session, cell_id: uuid.UUID, first: dt.date, last: dt.date,
                  member_id: uuid.UUID | None = None) -> list[Any]:
    """The ledger rows of a period as plain rows (member_hex, month, amount, channel, reverses_id)."""
    # The member id as its stored hex text: 60,000 UUID objects (and their Python-level hashing) cost seconds.
    query = select(cast(DuesPayment.member_id, String).label("member_hex"), DuesPayment.month, DuesPayment.amount,
                   DuesPayment.channel, DuesPayment.reverses_id).where(DuesPayment.cell_id == cell_id, DuesPayment.deleted.is_(False),
                                                  DuesPayment.month >= first, DuesPayment.month <= last)
    if member_id is not None:
        query = query.where(DuesPayment.member_id == member_id)
    session.flush()
    return list(session.connection().execute(query).all())  # plain column rows: no ORM loading (see _people)


def _cell_state(month: dt.date, due: MonthlyDues | None, paid: int, as_of: dt.date) -> MonthState:
    if due is None:
        return MonthState.OVERPAID if paid > 0 else MonthState.NOT_HERE
    if paid > due.amount:
        return MonthState.OVERPAID
    if due.amount == 0:
        return MonthState.EXEMPT
    if paid == due.amount:
        return MonthState.PAID
    if paid > 0:
        return MonthState.PARTIAL
    return MonthState.FUTURE if _month_end(month) >= as_of else MonthState.DUE


def grid_in(session: Session, cell_id: uuid.UUID, months: Sequence[dt.date], as_of: dt.date,
            member_id: uuid.UUID | None = None) -> list[LedgerRow]:
    """Members × ``months`` inside an open unit of work (the demo, the documents)."""
    return _grid(session, cell_id, months, as_of, member_id)[0]


def _grid(session: Session, cell_id: uuid.UUID, months: Sequence[dt.date], as_of: dt.date,
          member_id: uuid.UUID | None = None) -> tuple[list[LedgerRow], _Context]:
    with gc_paused():  # tens of thousands of cells and rows, no cycles among them (gc_pause.py)
        return _grid_of(session, cell_id, months, as_of, member_id)


def _grid_of(session: Session, cell_id: uuid.UUID, months: Sequence[dt.date], as_of: dt.date,
             member_id: uuid.UUID | None) -> tuple[list[LedgerRow], _Context]:
    ctx = _context(session, cell_id, member_id)
    # Each member's months paid: (net amount, channels of the payments not reversals, any reversal).
    paid: dict[tuple[str, dt.date], list[Any]] = {}
    for member_hex, month, amount, channel, reverses_id in _payment_rows(session, cell_id, months[0], months[-1],
                                                                         member_id):
        key = (member_hex.replace("-", ""), month)
        if (sums := paid.get(key)) is None:
            sums = paid[key] = [0, set(), False]
        sums[0] += amount
        if reverses_id is None:
            sums[1].add(channel)
        else:
            sums[2] = True
    paid_by_member: dict[str, dict[dt.date, tuple[int, tuple[str, ...], bool]]] = defaultdict(dict)
    for (member_hex, month), (net, used, reversed_) in paid.items():
        paid_by_member[member_hex][month] = (net, tuple(sorted(used)) if len(used) > 1 else tuple(used), reversed_)
    rows = []
    memo: _Memo = {}
    # A cell is the same for every member with the same dues object and payments in a month (most of a
    # large organisation: paid in full, or exempt): one GridCell each (they are frozen), not 60,000.
    cell_memo: dict[tuple[Any, ...], GridCell] = {}
    for member in ctx.members:
        dues = _dues_of_member(ctx, member, months, memo)
        paid_months = paid_by_member.get(member.id.hex, {})
        if not dues and not any(paid_months.get(m, _UNPAID)[0] for m in months):
            continue
        cells = []
        for month in months:
            due = dues.get(month)
            payments = paid_months.get(month, _UNPAID)
            alike = (month, id(due), payments)  # ``memo`` keeps each dues object (and its id) alive
            cell = cell_memo.get(alike)
            if cell is None:
                cell = cell_memo[alike] = _grid_cell(month, due, payments, as_of)
            cells.append(cell)
        latest = basis_on(ctx.profiles.get(member.id, ()), months[-1])
        category = CATEGORY_LABELS[latest.category if latest else DuesCategory.OTHER]
        rows.append(LedgerRow(member.id, member.full_name, category, tuple(cells)))
    return rows, ctx


_UNPAID: tuple[int, tuple[str, ...], bool] = (0, (), False)


def _grid_cell(month: dt.date, due: MonthlyDues | None, payments: tuple[int, tuple[str, ...], bool],
               as_of: dt.date) -> GridCell:
    paid, used, reversed_ = payments
    state = _cell_state(month, due, paid, as_of)
    note = due.exempt_reason if due else ""
    if state is MonthState.OVERPAID:
        owed = due.amount if due else 0
        both = "nộp cả tiền mặt và trên Cổng Dịch vụ công; " if len(used) > 1 else ""
        note = f"Nộp thừa {vnd(paid - owed)}: {both}cần xử lý (hủy một khoản hoặc ghi nhận tự nguyện nộp cao hơn)."
    return GridCell(month, due.amount if due else None, paid, state, due.reduction_percent if due else 0, reversed_,
                    used, note)


def _period(year: int, month: int | None) -> list[dt.date]:
    if month is not None and not 1 <= month <= 12:
        raise ValidationFailed(f"Tháng “{month}” không có; hãy chọn từ 1 đến 12.", field="month")
    if not 1900 < year < 2200:
        raise ValidationFailed(f"Năm “{year}” không hợp lệ.", field="year")
    if month is not None:
        return [dt.date(year, month, 1)]
    return [dt.date(year, m, 1) for m in range(1, 13)]


def dues_year_in(session: Session, cell_id: uuid.UUID, year: int, month: int | None = None,
                 as_of: dt.date | None = None) -> DuesYear:
    months = _period(year, month)
    rows, ctx = _grid(session, cell_id, months, as_of or dt.date.today())
    return DuesYear(tuple(months), tuple(rows), tuple(ctx.month_rules(m).kept_percent for m in months),
                    as_of or dt.date.today())


def dues_year(store: Store, year: int, month: int | None = None, as_of: dt.date | None = None) -> DuesYear:
    """The grid of ``year`` (or one month of it): every member who owed or paid here, month by month."""
    with store.transaction() as session:
        return dues_year_in(session, store.cell_id, year, month, as_of)


@dataclass(frozen=True)
class Arrear:
    member_id: uuid.UUID
    full_name: str
    months: tuple[dt.date, ...]
    amount: int

    @property
    def text(self) -> str:
        return f"{self.full_name}: {', '.join(month_label(m) for m in self.months)} — còn nợ {vnd(self.amount)}"


def arrears(store: Store, as_of: dt.date | None = None, since: dt.date | None = None) -> list[Arrear]:
    """Members with months unpaid or underpaid, from ``since`` (default 12 months back) to the last month."""
    as_of = as_of or dt.date.today()
    last = add_months(first_of_month(as_of), -1)
    first = first_of_month(since) if since else add_months(last, -11)
    if last < first:
        return []
    with store.transaction() as session:
        rows, _ = _grid(session, store.cell_id, months_between(first, last), as_of)
    found = []
    for row in rows:
        owing = [c for c in row.cells if c.owed > 0]
        if owing:
            found.append(Arrear(row.member_id, row.full_name, tuple(c.month for c in owing), sum(c.owed for c in owing)))
    return found


@dataclass(frozen=True)
class RemovalAlert:
    """"Not paying 3 months in a year without valid reason → the cell proposes removal" (rules.md §1.3)."""

    member_id: uuid.UUID
    full_name: str
    months: tuple[dt.date, ...]

    @property
    def proposal(self) -> bool:
        return len(self.months) >= 3

    @property
    def message(self) -> str:
        listed = ", ".join(month_label(m) for m in self.months)
        if self.proposal:
            return (f"Đồng chí {self.full_name} không nộp đảng phí {len(self.months)} tháng trong năm ({listed}) "
                    "không có lý do: đề nghị chi bộ xem xét, quyết định xóa tên (Điều lệ Đảng, Điều 8).")
        return (f"Đồng chí {self.full_name} chưa nộp đảng phí {len(self.months)} tháng trong năm ({listed}); "
                "đến 3 tháng không có lý do thì chi bộ xem xét xóa tên.")


def removal_alerts(store: Store, as_of: dt.date | None = None) -> list[RemovalAlert]:
    """Members with ≥ 2 months of this calendar year over and not paid at all, without a deferral decision."""
    as_of = as_of or dt.date.today()
    last = add_months(first_of_month(as_of), -1)
    if last.year != as_of.year:
        return []
    with store.transaction() as session:
        rows, ctx = _grid(session, store.cell_id, months_between(dt.date(as_of.year, 1, 1), last), as_of)
    found = []
    for row in rows:
        deferred = [a for a in ctx.adjustments.get(row.member_id, ()) if a.kind is AdjustmentKind.DEFERRAL]
        unpaid = tuple(c.month for c in row.cells if c.state is MonthState.DUE
                       and not any(a.covers(c.month) for a in deferred))
        if len(unpaid) >= 2:
            found.append(RemovalAlert(row.member_id, row.full_name, unpaid))
    return found


def status_line_for(session: Session, cell_id: uuid.UUID, meeting_day: dt.date) -> str:
    """The dues line of the meeting's opening (documents.md §3 item 6), for the month before the meeting."""
    month = add_months(first_of_month(meeting_day), -1)
    rows, _ = _grid(session, cell_id, [month], meeting_day)
    owing = [r for r in rows if r.cells[0].due is not None]
    if not owing:
        return ""
    paid = [r for r in owing if r.cells[0].state in (MonthState.PAID, MonthState.OVERPAID, MonthState.EXEMPT)]
    unpaid = [r.full_name for r in owing if r not in paid]
    total = sum(r.cells[0].paid for r in rows)
    text = (f"thông báo kết quả thu nộp đảng phí tháng {month_label(month)}: {len(paid)}/{len(owing)} đảng viên "
            f"đã nộp đủ, tổng số {vnd(total)}")
    if unpaid:
        text += f"; chưa nộp đủ: {', '.join(unpaid)}"
    return text


def status_line(store: Store, meeting_day: dt.date) -> str:
    with store.transaction() as session:
        return status_line_for(session, store.cell_id, meeting_day)


# --- obligations ---------------------------------------------------------------------------------------


def generate_obligations(store: Store, first: dt.date, last: dt.date) -> OpResult[int]:
    """Store the obligations of every member for the months from ``first`` to ``last``; returns how many
    rows were written or changed. Existing rows are updated when the rules or the basis changed; a row
    whose content is unchanged is not touched (generating a range again writes nothing, queues nothing).

    The stored rows are compared as plain values read once, new rows go in with ``insert_created`` (one
    ``executemany`` for the rows, and one outbox row standing for their creates: the same entries the ORM
    would queue, made when the sync engine reads the outbox) and
    only changed rows go through the ORM, whose outbox hook records each change as an update."""
    months = months_between(first, last)
    if not months:
        raise ValidationFailed("Tháng kết thúc ở trước tháng bắt đầu.", field="last")
    # A year of a large organisation is 60,000 rows and their values, no cycles among them (gc_pause.py).
    with gc_paused(), store.transaction() as session:
        cell_id = store.cell_id
        ctx = _context(session, cell_id, ordered=False)
        # Each stored row by member and month, not by the id: rows made before the id came from the member and
        # the month alone carry one made from the cell's id as well. Read as the driver gives them (ids,
        # months as stored text): 60,000 rows through SQLAlchemy's result rows cost a third of a second.
        stored = {(member_hex, month): (row_id, values, deleted)
                  for row_id, member_hex, month, *values, deleted in _stored_obligations(session, cell_id, months)}
        month_texts = {month: month.isoformat() for month in months}
        # The new rows by column (ids as SQLite stores them); a member's months go in at once when none of
        # them is stored yet (a year generated the first time: no work for each of its 60,000 rows here).
        new_ids: list[str] = []
        new_members: list[str] = []
        new_months: list[dt.date] = []
        new_dues: list[MonthlyDues] = []
        changed: dict[uuid.UUID, tuple[str, int, int, int]] = {}
        memo: _Memo = {}
        for member in ctx.members:
            by_month = _dues_of_member(ctx, member, months, memo)
            if not by_month:
                continue
            id_of, member_hex = _obligation_ids(member.id), member.id.hex
            if not stored:
                new_ids += map(id_of, by_month)
                new_members += repeat(member_hex, len(by_month))
                new_months += by_month
                new_dues += by_month.values()
                continue
            for month, dues in by_month.items():
                before = stored.get((member_hex, month_texts[month]))
                if before is None:
                    new_ids.append(id_of(month))
                    new_members.append(member_hex)
                    new_months.append(month)
                    new_dues.append(dues)
                    continue
                values = (dues.category, dues.basis_amount, dues.amount, dues.reduction_percent)
                if before[2] or tuple(before[1]) != values:
                    changed[uuid.UUID(before[0])] = values
        changed_ids = list(changed)
        for start in range(0, len(changed_ids), 500):  # rare: a basis, a decision or a rate changed
            for row in session.scalars(select(DuesObligation).where(
                    DuesObligation.id.in_(changed_ids[start:start + 500]))):
                row.basis, row.basis_amount, row.amount, row.reduction_percent = changed[row.id]
                row.deleted = False
        session.flush()
        columns: dict[str, Sequence[Any]] = {"id": new_ids, "member_id": new_members, "month": new_months,
                   "basis": [d.category for d in new_dues], "basis_amount": [d.basis_amount for d in new_dues],
                   "amount": [d.amount for d in new_dues], "reduction_percent": [d.reduction_percent for d in new_dues]}
        # Queued as one bulk outbox row, which the sync engine expands in the background (outbox.expand_bulk).
        count = insert_created(session, DuesObligation.__table__, columns, shared={"cell_id": cell_id}, one_entry=True)
    return OpResult(count + len(changed), _changes())


def _stored_obligations(session: Session, cell_id: uuid.UUID, months: Sequence[dt.date]) -> list[tuple[Any, ...]]:
    """(id, member id, month, basis, basis amount, amount, reduction, deleted) of the cell's obligations in
    ``months``, each value as the database holds it (ids and months as text: SQLite's storage of them)."""
    table = DuesObligation.__table__
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":  # the client's database; anywhere else, the same values through the ORM
        return [(row[0].hex, row[1].hex, row[2].isoformat(), *row[3:]) for row in session.execute(select(
            table.c.id, table.c.member_id, table.c.month, table.c.basis, table.c.basis_amount, table.c.amount,
            table.c.reduction_percent, table.c.deleted).where(
            table.c.cell_id == cell_id, table.c.month >= months[0], table.c.month <= months[-1]))]
    as_text = {name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in ("cell_id", "month")}
    params = (as_text["cell_id"](cell_id), as_text["month"](months[0]), as_text["month"](months[-1]))  # type: ignore[misc]  # both types have one
    sql = ("SELECT id, member_id, month, basis, basis_amount, amount, reduction_percent, deleted FROM dues_obligation "
           "WHERE cell_id = ? AND month >= ? AND month <= ?")
    return list(connection.exec_driver_sql(sql, params))


# --- edits -----------------------------------------------------------------------------------------------


def _member(session: Session, store: Store, member_id: uuid.UUID) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.deleted or member.cell_id != store.cell_id:
        raise NotFoundError("Không tìm thấy đảng viên này; có thể đã bị xóa. Hãy tải lại danh sách.")
    return member


def set_basis(store: Store, member_id: uuid.UUID, category: str, amount: int,
              effective_month: dt.date | None, note: str = "") -> OpResult[uuid.UUID]:
    """Record the member's dues category and its basis amount from ``effective_month`` on."""
    if effective_month is None:
        raise ValidationFailed("Hãy ghi tháng bắt đầu áp dụng mức đóng đảng phí.", field="effective_month")
    try:
        basis = DuesBasis(DuesCategory(category), first_of_month(effective_month), amount)
    except ValueError as error:
        raise ValidationFailed(f"Diện đóng đảng phí “{category}” không có.", field="category") from error
    if (problem := basis.problem()) is not None:
        raise ValidationFailed(problem, field="amount")
    with store.transaction() as session:
        _member(session, store, member_id)
        row = DuesProfile(id=new_id(), cell_id=store.cell_id, member_id=member_id,
                          effective_month=basis.effective_month, category=basis.category.value,
                          basis_amount=basis.amount, note=nfc(note) or "")
        session.add(row)
        session.flush()
        store.audit(session, "dues_profile", row.id, "create",
                    after={"category": row.category, "amount": row.basis_amount, "from": str(row.effective_month)})
    return OpResult(row.id, _changes())


@dataclass(frozen=True)
class AdjustmentInput:
    member_id: uuid.UUID
    kind: str
    start_month: dt.date | None
    months: int | None
    percent: int = 100
    decision: str = ""


def add_adjustment(store: Store, data: AdjustmentInput) -> OpResult[uuid.UUID]:
    """Record an exemption, reduction or deferral decision (rules.md §1.2)."""
    if data.start_month is None:
        raise ValidationFailed("Hãy ghi tháng bắt đầu được miễn, giảm.", field="start_month")
    try:
        adjustment = Adjustment(AdjustmentKind(data.kind), first_of_month(data.start_month), data.months,
                                data.percent, nfc(data.decision) or "")
    except ValueError as error:
        raise ValidationFailed(f"Loại quyết định “{data.kind}” không có.", field="kind") from error
    if (problem := adjustment_problem(adjustment)) is not None:
        raise ValidationFailed(problem)
    with store.transaction() as session:
        _member(session, store, data.member_id)
        row = DuesAdjustment(id=new_id(), cell_id=store.cell_id, member_id=data.member_id, kind=adjustment.kind.value,
                             start_month=adjustment.start, months=adjustment.months, percent=adjustment.percent,
                             decision=adjustment.decision)
        session.add(row)
        session.flush()
        store.audit(session, "dues_adjustment", row.id, "create",
                    after={"kind": row.kind, "percent": row.percent, "from": str(row.start_month), "months": row.months,
                           "label": ADJUSTMENT_LABELS[adjustment.kind]})
    return OpResult(row.id, _changes())


def add_cell_override(store: Store, key: str, value: int | None, effective_from: dt.date | None,
                      source: str = "") -> OpResult[uuid.UUID]:
    """A dated entry of the cell's own (a new decree's minimum wage or rate, the province's amount, the kept
    share, rounding), in force from the month of ``effective_from``: earlier months keep the rules of their time.

    ``value`` is in the key's unit (``OVERRIDE_UNITS``; rates in 1/10000). ``source`` (the decree) is kept in
    the audit entry: ``dues_rate`` has no column for it, and adding one would change the synced schema."""
    if key not in OVERRIDE_KEYS:
        raise ValidationFailed(f"Mục “{key}” không có trong thiết lập đảng phí.", field="key")
    if effective_from is None:
        raise ValidationFailed("Mức mới phải có ngày hiệu lực; các tháng trước giữ mức cũ.", field="effective_from")
    if value is None:
        raise ValidationFailed(f"Hãy ghi giá trị mới cho “{OVERRIDE_KEYS[key]}”.", field="value")
    if value < 0:
        raise ValidationFailed(f"“{OVERRIDE_KEYS[key]}” không được âm.", field="value")
    unit = OVERRIDE_UNITS[key]
    if (unit == "percent" and value > 100) or (unit == "rate" and value > 10000):
        raise ValidationFailed(f"“{OVERRIDE_KEYS[key]}” không được quá 100%.", field="value")
    if (unit == "step" or key == "minimum_wage") and value < 1:
        raise ValidationFailed(f"“{OVERRIDE_KEYS[key]}” phải lớn hơn 0.", field="value")
    effective_from = first_of_month(effective_from)  # dues are computed by month
    source = (nfc(source) or "").strip()
    with store.transaction() as session:
        row = DuesRate(id=new_id(), cell_id=store.cell_id, effective_from=effective_from, basis=key, fixed_amount=value)
        session.add(row)
        session.flush()
        store.audit(session, "dues_rate", row.id, "create",
                    after={key: value, "from": str(effective_from), "source": source})
    return OpResult(row.id, _changes())


def _format_override(key: str, value: int) -> str:
    unit = OVERRIDE_UNITS[key]
    if unit == "rate":
        whole, rest = divmod(value, 100)
        return (f"{whole}%" if rest == 0 else f"{whole},{rest:02d}".rstrip("0") + "%")
    if unit == "percent":
        return f"{value}%"
    if unit == "step" and value == 1:
        return "đúng đến đồng"
    return vnd(value)


@dataclass(frozen=True)
class RateEntry:
    """One line of "Mức đóng đảng phí" in Cài đặt: a setting, its value, since when and on what authority."""

    key: str
    label: str
    value: int
    value_text: str
    effective_from: dt.date | None
    source: str
    by_cell: bool  # entered by the cell (Cài đặt), not shipped with the app
    upcoming: bool  # in force only from a later month


def _shipped_value(key: str, month: dt.date, region: int) -> tuple[int, dt.date | None, str] | None:
    """The value of ``key`` in the app's dated rule data for ``month``, with its date and document."""
    if key == "minimum_wage":
        wages = _wages_on(month)
        return None if wages is None else (wages.of(region), wages.effective_from, wages.decree)
    if key in _RATE_FIELDS:
        rates = _rates_on(month)
        return getattr(rates, _RATE_FIELDS[key]), rates.effective_from, rates.document
    entry = rules_data.entry_on("dues_settings.json", month)
    value = (rules_data.dues_kept_percent_on(month) if key == "kept_percent"
             else rules_data.dues_rounding_on(month).step)
    return value, dt.date.fromisoformat(entry["effective_from"]), entry["document"]


def rate_entries(store: Store, today: dt.date | None = None) -> list[RateEntry]:
    """Each dues setting in force this month (the cell's own entry when it has one, else the app's rule
    data), then the cell's entries that start in a later month."""
    month = first_of_month(today or dt.date.today())
    with store.transaction() as session:
        cell = _cell(session, store.cell_id)
        rows = list(session.scalars(select(DuesRate).where(DuesRate.cell_id == store.cell_id,
                                                           DuesRate.deleted.is_(False))))
        sources: dict[uuid.UUID, str] = {}
        for entity_id, after in session.execute(select(AuditEntry.entity_id, AuditEntry.after).where(
                AuditEntry.entity == "dues_rate", AuditEntry.action == "create")):
            try:
                sources[entity_id] = str(json.loads(after or "{}").get("source") or "")
            except ValueError:
                continue
    found: list[RateEntry] = []
    for key, label in OVERRIDE_KEYS.items():
        own = [r for r in rows if r.basis == key]
        current = max((r for r in own if r.effective_from <= month), key=lambda r: (r.effective_from, r.id), default=None)
        if current is not None:
            source = sources.get(current.id) or "Chi bộ ghi trong Cài đặt"
            found.append(RateEntry(key, label, current.fixed_amount, _format_override(key, current.fixed_amount),
                                   current.effective_from, source, True, False))
        elif (shipped := _shipped_value(key, month, cell.wage_region)) is not None:
            value, since, document = shipped
            found.append(RateEntry(key, label, value, _format_override(key, value), since, document, False, False))
        for later in sorted((r for r in own if r.effective_from > month), key=lambda r: r.effective_from):
            found.append(RateEntry(key, label, later.fixed_amount, _format_override(key, later.fixed_amount),
                                   later.effective_from, sources.get(later.id) or "Chi bộ ghi trong Cài đặt",
                                   True, True))
    return found


@dataclass(frozen=True)
class PaymentInput:
    member_id: uuid.UUID
    first_month: dt.date
    months: int = 1  # one payment may cover several months, or months in advance
    amount: int | None = None  # None: exactly what is due for those months
    channel: str = "cash"
    receipt_number: str = ""  # the portal's receipt; required for portal payments
    paid_on: dt.date | None = None
    note: str = ""


def record_payment(store: Store, data: PaymentInput,
                   today: dt.date | None = None) -> OpResult[tuple[PaymentRow, ...]]:
    """Write the ledger rows of one payment (one per month covered). Nothing is written on bad input."""
    today = today or dt.date.today()
    if data.channel not in CHANNELS:
        raise ValidationFailed("Hình thức nộp là tiền mặt tại chi bộ hoặc trên Cổng Dịch vụ công.", field="channel")
    receipt = (nfc(data.receipt_number) or "").strip()
    if data.channel == "portal" and not receipt:
        raise ValidationFailed("Khoản nộp trên Cổng Dịch vụ công cần số biên lai.", field="receipt_number")
    if data.amount is not None and data.amount < 0:
        raise ValidationFailed("Số tiền nộp không được âm; muốn sửa một khoản đã ghi thì hủy khoản đó.", field="amount")
    if not 1 <= data.months <= MAX_MONTHS_PER_PAYMENT:
        raise ValidationFailed(f"Một lần nộp gộp từ 1 đến {MAX_MONTHS_PER_PAYMENT} tháng.", field="months")
    paid_on = data.paid_on or today
    if paid_on > today:
        raise ValidationFailed("Ngày nộp ở sau hôm nay; hãy kiểm tra lại.", field="paid_on")
    months = [add_months(first_of_month(data.first_month), i) for i in range(data.months)]
    with store.transaction() as session:
        cell_id = store.cell_id
        member = _member(session, store, data.member_id)
        ctx = _context(session, cell_id, member.id)
        dues = _dues_of_member(ctx, ctx.members[0], months)
        for month in months:
            if month not in dues:
                raise ValidationFailed(f"Tháng {month_label(month)} đồng chí {member.full_name} không sinh hoạt tại "
                                       "chi bộ nên không nộp đảng phí ở đây.", field="first_month")
        owed = [dues[m].amount for m in months]
        total = sum(owed) if data.amount is None else data.amount
        if total == 0:
            raise ValidationFailed(f"Đồng chí {member.full_name} không phải nộp đảng phí các tháng này (được miễn); "
                                   "nếu muốn ghi khoản tự nguyện nộp, hãy nhập số tiền.", field="amount")
        amounts, left = [], total
        for index, due in enumerate(owed):
            share = left if index == len(owed) - 1 else min(left, due)
            amounts.append(share)
            left -= share
        group = new_id() if len(months) > 1 else None
        written = []
        for month, amount in zip(months, amounts, strict=True):
            if amount == 0:
                continue
            row = DuesPayment(id=new_id(), cell_id=cell_id, member_id=member.id, month=month, amount=amount,
                              paid_on=paid_on, channel=data.channel, receipt_number=receipt,
                              note=nfc(data.note) or "", group_id=group)
            session.add(row)
            written.append(row)
        session.flush()
        for row in written:
            store.audit(session, "dues_payment", row.id, "create",
                        after={"member": member.full_name, "month": str(row.month), "amount": row.amount,
                               "channel": row.channel, "receipt": row.receipt_number})
        return OpResult(tuple(_payment_row(r, None) for r in written), _changes())


def _payment_row(row: DuesPayment, reversed_by: uuid.UUID | None) -> PaymentRow:
    return PaymentRow(row.id, row.member_id, row.month, row.amount, row.paid_on, row.channel, row.receipt_number,
                      row.note, row.reverses_id, reversed_by, row.group_id)


def reverse_payment(store: Store, payment_id: uuid.UUID, reason: str,
                    today: dt.date | None = None) -> OpResult[PaymentRow]:
    """Cancel a ledger row by a reversing row with the reason; the original row stays as it was."""
    reason = (nfc(reason) or "").strip()
    if not reason:
        raise ValidationFailed("Hãy ghi lý do hủy khoản đã nộp.", field="reason")
    with store.transaction() as session:
        row = session.get(DuesPayment, payment_id)
        if row is None or row.deleted or row.cell_id != store.cell_id:
            raise NotFoundError("Không tìm thấy khoản nộp này; hãy tải lại trang.")
        if row.reverses_id is not None:
            raise ValidationFailed("Đây là một dòng hủy; không hủy dòng hủy. Nếu hủy nhầm, hãy ghi lại khoản nộp.")
        already = session.scalar(select(DuesPayment).where(DuesPayment.reverses_id == row.id,
                                                           DuesPayment.deleted.is_(False)))
        if already is not None:
            raise ValidationFailed(f"Khoản này đã được hủy ngày {already.paid_on:%d/%m/%Y} ({already.note}).")
        reversal = DuesPayment(id=new_id(), cell_id=row.cell_id, member_id=row.member_id, month=row.month,
                               amount=-row.amount, paid_on=today or dt.date.today(), channel=row.channel,
                               receipt_number=row.receipt_number, note=reason, reverses_id=row.id, group_id=row.group_id)
        session.add(reversal)
        session.flush()
        store.audit(session, "dues_payment", reversal.id, "reverse", before={"payment": str(row.id), "amount": row.amount},
                    after={"reason": reason})
        return OpResult(_payment_row(reversal, None), _changes())


def reverse_last_payment(store: Store, member_id: uuid.UUID, month: dt.date, reason: str,
                         today: dt.date | None = None) -> OpResult[PaymentRow]:
    """Reverse the latest payment of ``member_id`` for ``month`` that is neither a reversal nor reversed."""
    month = first_of_month(month)
    with store.transaction() as session:
        rows = _payments(session, store.cell_id, month, month, member_id)
        reversed_ids = {p.reverses_id for p in rows if p.reverses_id is not None}
        open_rows = [p for p in rows if p.reverses_id is None and p.id not in reversed_ids]
        if not open_rows:
            raise ValidationFailed(f"Tháng {month_label(month)} không còn khoản nộp nào để hủy.")
        latest = max(open_rows, key=lambda p: p.id)  # UUIDv7: the last one written
        return reverse_payment(store, latest.id, reason, today)


@dataclass(frozen=True)
class MemberDuesHistory:
    full_name: str
    basis: tuple[str, ...]  # "từ 03/2026: Hưởng lương hưu, 6.000.000 đ"
    decisions: tuple[str, ...]
    row: LedgerRow | None
    payments: tuple[PaymentRow, ...]


def member_history(store: Store, member_id: uuid.UUID, year: int, as_of: dt.date | None = None) -> MemberDuesHistory:
    """One member's dues for a year: category history, decisions, months and every ledger row."""
    months = _period(year, None)
    with store.transaction() as session:
        member = _member(session, store, member_id)
        rows, ctx = _grid(session, store.cell_id, months, as_of or dt.date.today(), member_id)
        payments = sorted(_payments(session, store.cell_id, months[0], months[-1], member_id),
                          key=lambda p: (p.month, p.id))
        reversed_by = {p.reverses_id: p.id for p in payments if p.reverses_id is not None}
        basis = tuple(f"từ {month_label(b.effective_month)}: {CATEGORY_LABELS[b.category]}"
                      + (f", {vnd(b.amount)}" if b.amount else "")
                      for b in sorted(ctx.profiles.get(member_id, ()), key=lambda b: b.effective_month))
        decisions = tuple(f"{ADJUSTMENT_LABELS[a.kind]}"
                          + (f" {a.percent}%" if a.kind is AdjustmentKind.HARDSHIP and a.percent < 100 else "")
                          + f" từ {month_label(a.start)}" + (f", {a.months} tháng" if a.months else "")
                          + f" ({a.decision})" for a in ctx.adjustments.get(member_id, ()))
        return MemberDuesHistory(member.full_name, basis, decisions, rows[0] if rows else None,
                                 tuple(_payment_row(p, reversed_by.get(p.id)) for p in payments))
