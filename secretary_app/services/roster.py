"""The roster: member records, their dated events, and what follows from them on any day.

Status is never stored: it is derived from the member's events by ``models.rules.status.status_on``,
so "who was an official member of this cell on 05/02/2026" has one exact answer. Every edit writes an
audit entry with the before-image; undo in the UI calls these same functions with the before-image
(``update_member``), or the inverse call (``delete_member``/``restore_member``, ``remove_event``/
``restore_event``), so undone edits are audited too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.base import new_id
from models.members import Member, MemberEvent
from models.rules import status as rules
from models.rules.dates import add_months, format_vn
from models.rules.party_age import (
    BadgeCandidate,
    first_decision_date,
    gaps_from_events,
    is_dues_exempt_by_age,
    next_badge,
    party_age,
)
from models.text import name_sort_key, nfc, search_key
from secretary_app import rules_data
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.errors import NotFoundError, ValidationFailed
from secretary_app.store import Store

EventKind = rules.EventKind

# Vietnamese names of the event kinds (glossary.md "Members"), for the timeline and the event dialog.
EVENT_LABELS: dict[EventKind, str] = {
    EventKind.ADMISSION: "Kết nạp vào Đảng",
    EventKind.READMISSION: "Kết nạp lại",
    EventKind.RECOGNITION: "Công nhận đảng viên chính thức",
    EventKind.TRANSFER_IN_OFFICIAL: "Chuyển sinh hoạt đảng chính thức đến",
    EventKind.TRANSFER_OUT_OFFICIAL: "Chuyển sinh hoạt đảng chính thức đi",
    EventKind.TRANSFER_IN_TEMPORARY: "Sinh hoạt đảng tạm thời tại chi bộ",
    EventKind.TRANSFER_OUT_TEMPORARY: "Chuyển sinh hoạt đảng tạm thời đi",
    EventKind.TEMPORARY_TRANSFER_END: "Kết thúc sinh hoạt tạm thời",
    EventKind.EXEMPTION: "Miễn công tác và sinh hoạt đảng",
    EventKind.EXEMPTION_END: "Trở lại công tác và sinh hoạt đảng",
    EventKind.DISCIPLINE: "Kỷ luật",
    EventKind.DEATH: "Từ trần",
    EventKind.REMOVAL: "Xóa tên",
    EventKind.EXPULSION: "Khai trừ",
    EventKind.RESIGNATION: "Xin ra khỏi Đảng",
}
# Kinds that take an end date ("đến ngày"): temporary transfers, exemption, suspension.
PERIOD_KINDS = frozenset({EventKind.TRANSFER_IN_TEMPORARY, EventKind.TRANSFER_OUT_TEMPORARY,
                          EventKind.EXEMPTION, EventKind.DISCIPLINE})
DISCIPLINE_LABELS = rules.DISCIPLINE_LABELS

# Status filters offered on the page: key → (label, predicate on a MemberRow).
STATUS_FILTERS: dict[str, str] = {
    "current": "Đang sinh hoạt tại chi bộ",
    "official": "Chính thức",
    "probationary": "Dự bị",
    "exempt": "Miễn công tác và sinh hoạt đảng",
    "away": "Chuyển sinh hoạt tạm thời đi",
    "guest": "Sinh hoạt tạm thời tại chi bộ",
    "left": "Đã ra khỏi danh sách",
    "all": "Tất cả",
    "deleted": "Đã xóa",  # records deleted by mistake, to restore them
}


@dataclass(frozen=True)
class MemberData:
    """The editable fields of a member record (rules.md §3.1); also the before-image for undo."""

    full_name: str
    birth_date: dt.date | None = None
    gender: str = ""
    ethnicity: str = "Kinh"
    religion: str = "Không"
    home_town: str = ""
    residence: str = ""
    admission_decision_date: dt.date | None = None
    ceremony_date: dt.date | None = None
    official_date: dt.date | None = None
    card_number: str = ""
    record_number: str = ""
    national_id: str = ""
    birth_name: str = ""
    position: str = ""
    education: str = ""
    political_theory: str = ""
    profession: str = ""
    phone: str = ""
    notes: str = ""

    def normalised(self) -> MemberData:
        """Text in NFC without surrounding spaces (names typed on another keyboard layout come as NFD)."""
        changes: dict[str, Any] = {f.name: " ".join((nfc(getattr(self, f.name)) or "").split()) if f.name == "full_name"
                   else nfc(getattr(self, f.name)) or ""
                   for f in dataclasses.fields(self) if isinstance(getattr(self, f.name), str)}
        return dataclasses.replace(self, **changes)

    def problems(self, today: dt.date | None = None) -> list[tuple[str, str]]:
        """(field, Vietnamese message) for every error that must be fixed before saving."""
        today = today or dt.date.today()
        found: list[tuple[str, str]] = []
        if not self.full_name.strip():
            found.append(("full_name", "Hãy nhập họ và tên đảng viên."))
        if self.gender and self.gender not in ("Nam", "Nữ"):
            found.append(("gender", "Giới tính ghi \"Nam\" hoặc \"Nữ\"."))
        for name, label in (("birth_date", "Ngày sinh"), ("admission_decision_date", "Ngày vào Đảng"),
                            ("ceremony_date", "Ngày lễ kết nạp"), ("official_date", "Ngày chính thức")):
            value = getattr(self, name)
            if value is not None and value > today:
                found.append((name, f"{label} {format_vn(value)} ở sau hôm nay; hãy kiểm tra lại."))
        admitted = self.admission_decision_date
        if self.birth_date and admitted and self.birth_date >= admitted:
            found.append(("birth_date", f"Ngày sinh {format_vn(self.birth_date)} không thể sau ngày vào Đảng "
                                        f"{format_vn(admitted)}; hãy kiểm tra lại hai ngày này."))
        if admitted and self.ceremony_date and self.ceremony_date < admitted:
            found.append(("ceremony_date", f"Ngày lễ kết nạp {format_vn(self.ceremony_date)} trước ngày quyết "
                                           f"định kết nạp {format_vn(admitted)}."))
        if self.official_date and not admitted:
            found.append(("admission_decision_date", "Có ngày chính thức thì phải có ngày vào Đảng."))
        if self.official_date and admitted and self.official_date <= admitted:
            found.append(("official_date", f"Ngày chính thức {format_vn(self.official_date)} phải sau ngày "
                                           f"vào Đảng {format_vn(admitted)}."))
        return found

    def warnings(self) -> list[str]:
        """Unusual but possible facts, shown to the secretary without blocking."""
        found: list[str] = []
        if self.birth_date and self.admission_decision_date:
            age = (self.admission_decision_date - self.birth_date).days // 365
            if age < 18:
                found.append(f"Vào Đảng khi chưa đủ 18 tuổi ({age} tuổi).")
        start = self.ceremony_date or self.admission_decision_date
        if start and self.official_date and self.official_date < add_months(start, 12):
            found.append("Ngày chính thức chưa đủ 12 tháng dự bị.")
        return found


MEMBER_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(MemberData))


@dataclass(frozen=True)
class MemberRow:
    """One line of the roster table."""

    id: uuid.UUID
    full_name: str
    search_key: str
    birth_date: dt.date | None
    gender: str
    card_number: str
    status: str
    membership: str  # models.rules.status.Membership value
    in_cell: bool
    exempt: bool
    temporarily_away: bool
    temporarily_here: bool
    party_months: int | None
    position: str
    phone: str
    deleted: bool = False  # only listed with include_deleted, for the "Đã xóa" filter

    @property
    def birth_year(self) -> int | None:
        return self.birth_date.year if self.birth_date else None

    @property
    def party_years(self) -> int | None:
        return None if self.party_months is None else self.party_months // 12

    @property
    def counted_here(self) -> bool:
        """In this cell's list on the day: probationary or official, not left, not a guest."""
        return self.membership in ("probationary", "official") and self.in_cell

    def matches(self, status_filter: str) -> bool:
        if self.deleted or status_filter == "deleted":
            return self.deleted and status_filter == "deleted"
        current = self.counted_here
        return {
            "current": current,
            "official": current and self.membership == "official",
            "probationary": current and self.membership == "probationary",
            "exempt": current and self.exempt,
            "away": current and self.temporarily_away,
            "guest": self.temporarily_here,
            "left": self.membership == "left",
        }.get(status_filter, True)


@dataclass(frozen=True)
class EventRecord:
    id: uuid.UUID
    member_id: uuid.UUID
    kind: str
    label: str
    event_date: dt.date
    end_date: dt.date | None
    reason: str
    detail: str
    decision_ref: str


@dataclass(frozen=True)
class EventInput:
    kind: str
    event_date: dt.date
    end_date: dt.date | None = None
    reason: str = ""
    detail: str = ""  # discipline: a DisciplineForm value; transfers: the other organisation
    decision_ref: str = ""


@dataclass(frozen=True)
class MemberDetail:
    id: uuid.UUID
    data: MemberData
    events: tuple[EventRecord, ...]
    status: str
    party_age: str
    next_badge: str
    dues_exempt_by_age: bool
    problems: tuple[str, ...]  # inconsistencies in the history (validate_events), in Vietnamese


# --- conversion to the pure rules -------------------------------------------------------------------


def discipline_form(detail: str) -> rules.DisciplineForm | None:
    """Read a discipline form from ``detail``: the stored value ("khien_trach") or a label ("khiển trách")."""
    key = search_key(detail).replace(" ", "_")
    for form in rules.DisciplineForm:
        if key == form.value or key == search_key(DISCIPLINE_LABELS[form]).replace(" ", "_"):
            return form
    return None


def rule_event(event: MemberEvent | EventInput, ceremony: dt.date | None) -> rules.MemberEvent | None:
    """A stored event (or one about to be stored) as the rules see it; None for a kind this version does
    not know."""
    try:
        kind = EventKind(event.kind)
    except ValueError:  # a kind written by a newer version: ignore rather than guess
        return None
    return rules.MemberEvent(
        kind=kind, day=event.event_date, end=event.end_date,
        ceremony=ceremony if kind is EventKind.ADMISSION else None,
        discipline=discipline_form(event.detail) if kind is EventKind.DISCIPLINE else None,
        reason=event.reason,
    )


def _live_events(member: Member) -> list[MemberEvent]:
    return [e for e in member.events if not e.deleted]


def rule_events(member: Member) -> list[rules.MemberEvent]:
    converted = (rule_event(e, member.ceremony_date) for e in _live_events(member))
    return [e for e in converted if e is not None]


def status_of(member: Member, day: dt.date) -> rules.MemberStatus:
    """The member's status on ``day`` from their live events: the one way every service asks it."""
    return rules.status_on(rule_events(member), day)


def _party_months(member: Member, events: Sequence[rules.MemberEvent], as_of: dt.date) -> int | None:
    start = first_decision_date(events) or member.admission_decision_date
    if start is None:
        return None
    return party_age(start, as_of, gaps_from_events(events)).total_months


def _row(member: Member, as_of: dt.date) -> MemberRow:
    events = rule_events(member)
    status = rules.status_on(events, as_of)
    return MemberRow(
        id=member.id, full_name=member.full_name, search_key=member.search_key,
        birth_date=member.birth_date, gender=member.gender, card_number=member.card_number,
        status=rules.status_label(status, short=True), membership=status.membership.value,
        in_cell=status.in_cell, exempt=status.exempt, temporarily_away=status.temporarily_away,
        temporarily_here=status.temporarily_here, party_months=_party_months(member, events, as_of),
        position=member.position, phone=member.phone, deleted=member.deleted,
    )


def member_data(member: Member) -> MemberData:
    return MemberData(**{name: getattr(member, name) for name in MEMBER_FIELDS})


def _event_record(event: MemberEvent) -> EventRecord:
    try:
        label = EVENT_LABELS[EventKind(event.kind)]
    except ValueError:
        label = event.kind
    if event.kind == EventKind.DISCIPLINE and (form := discipline_form(event.detail)) is not None:
        label = f"{label}: {DISCIPLINE_LABELS[form].lower()}"
    return EventRecord(event.id, event.member_id, event.kind, label, event.event_date, event.end_date,
                       event.reason, event.detail, event.decision_ref)


# --- queries ----------------------------------------------------------------------------------------


def _members_query(store: Store, include_deleted: bool = False):
    query = select(Member).where(Member.cell_id == store.cell_id)
    if not include_deleted:
        query = query.where(Member.deleted.is_(False))
    return query.options(selectinload(Member.events))


def list_members(store: Store, as_of: dt.date | None = None, *, include_deleted: bool = False) -> list[MemberRow]:
    """Every member record with their status on ``as_of`` (today by default), in Vietnamese list order.

    ``include_deleted`` adds the deleted records (``MemberRow.deleted``), so they can be restored."""
    as_of = as_of or dt.date.today()
    with store.transaction() as session:
        rows = [_row(m, as_of) for m in session.scalars(_members_query(store, include_deleted))]
    return sorted(rows, key=lambda r: name_sort_key(r.full_name))


def members_on(store: Store, day: dt.date, status_filter: str = "official") -> list[MemberRow]:
    """Members of this cell matching ``status_filter`` on ``day`` (e.g. the official members on 05/02/2026)."""
    return [r for r in list_members(store, day) if r.matches(status_filter)]


def _load(session: Session, store: Store, member_id: uuid.UUID, *, deleted: bool = False) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.cell_id != store.cell_id or (member.deleted and not deleted):
        raise NotFoundError("Không tìm thấy đảng viên này; có thể đã bị xóa. Hãy tải lại danh sách.")
    return member


def get_member(store: Store, member_id: uuid.UUID, today: dt.date | None = None) -> MemberDetail:
    today = today or dt.date.today()
    with store.transaction() as session:
        member = _load(session, store, member_id)
        events = rule_events(member)
        status = rules.status_on(events, today)
        months = _party_months(member, events, today)
        start = first_decision_date(events) or member.admission_decision_date
        gaps = gaps_from_events(events)
        badge_text = ""
        exempt_by_age = False
        if start is not None and status.membership is not rules.Membership.LEFT:
            due = next_badge(start, today, gaps, rules=rules_data.badge_rules_on(today))
            if due is not None:
                badge_text = (f"Huy hiệu {due.years} năm tuổi Đảng: đủ tuổi ngày {format_vn(due.milestone_date)}, "
                              f"trao dịp {format_vn(due.occasion)}")
            exempt_by_age = is_dues_exempt_by_age(start, today, gaps, rule=rules_data.dues_age_rule_on(today))
        live = sorted(_live_events(member), key=lambda e: e.event_date)
        return MemberDetail(
            id=member.id, data=member_data(member), events=tuple(_event_record(e) for e in live),
            status=rules.status_label(status),
            party_age="" if months is None else f"{months // 12} năm {months % 12} tháng",
            next_badge=badge_text, dues_exempt_by_age=exempt_by_age,
            problems=tuple(p.message for p in rules.validate_events(events)),
        )


def badge_candidates(store: Store, today: dt.date | None = None) -> list[tuple[str, BadgeCandidate]]:
    """(full name, candidate) for members still in the Party, for ``party_age.badge_alerts``."""
    today = today or dt.date.today()
    found = []
    with store.transaction() as session:
        for member in session.scalars(_members_query(store)):
            events = rule_events(member)
            start = first_decision_date(events) or member.admission_decision_date
            if start is None or rules.status_on(events, today).membership is rules.Membership.LEFT:
                continue
            disciplines = tuple((e.day, e.discipline) for e in events
                                if e.kind is EventKind.DISCIPLINE and e.discipline is not None)
            found.append((member.full_name, BadgeCandidate(str(member.id), start, gaps_from_events(events),
                                                           disciplines=disciplines)))
    return found


# --- edits --------------------------------------------------------------------------------------------


def _changes(*more: Change) -> Changes:
    changes = Changes(Change.MEMBER)
    changes.add(*more)
    return changes


def validated(data: MemberData, today: dt.date | None = None) -> MemberData:
    data = data.normalised()
    problems = data.problems(today)
    if problems:
        field, message = problems[0]
        raise ValidationFailed(message, field=field)
    return data


def _core_dates(record: Member | MemberData) -> tuple[tuple[EventKind, dt.date | None], ...]:
    return ((EventKind.ADMISSION, record.admission_decision_date), (EventKind.RECOGNITION, record.official_date))


def new_member_rows(cell_id: uuid.UUID, data: MemberData) -> tuple[dict[str, object], list[dict[str, object]]]:
    """Column values of a new member record and of its admission and recognition events.

    ``create_member`` turns them into ORM objects; the import writes thousands at once with an ORM bulk
    INSERT, which skips the attribute events, so NFC and the search key are set here, not left to them.
    """
    member: dict[str, object] = {name: nfc(value) if isinstance(value := getattr(data, name), str) else value
                                 for name in MEMBER_FIELDS}
    member.update(id=new_id(), cell_id=cell_id, search_key=search_key(str(member["full_name"])))
    events: list[dict[str, object]] = [
        {"id": new_id(), "cell_id": cell_id, "member_id": member["id"], "kind": kind.value, "event_date": day}
        for kind, day in _core_dates(data) if day is not None]
    return member, events


def sync_core_events(session: Session, member: Member) -> None:
    """Keep the admission and recognition events in step with the record's dates.

    The record's "Ngày vào Đảng" and "Ngày chính thức" are what people type and import; the status is
    derived from events, so the first admission and recognition events follow those dates.
    """
    for kind, day in _core_dates(member):
        existing = [e for e in _live_events(member) if e.kind == kind]
        if day is None:
            for event in existing:
                event.deleted = True
        elif existing:
            existing[0].event_date = day
        else:
            member.events.append(MemberEvent(id=new_id(), cell_id=member.cell_id, kind=kind.value, event_date=day))


def apply_data(member: Member, data: MemberData) -> None:
    for name in MEMBER_FIELDS:
        setattr(member, name, getattr(data, name))


def create_member(store: Store, data: MemberData) -> OpResult[uuid.UUID]:
    data = validated(data)
    with store.transaction() as session:
        values, events = new_member_rows(store.cell_id, data)
        member = Member(**values)
        session.add_all([member, *(MemberEvent(**event) for event in events)])
        store.audit(session, "member", member.id, "create", None, dataclasses.asdict(data))
        return OpResult(member.id, _changes())


def update_member(store: Store, member_id: uuid.UUID, data: MemberData) -> OpResult[MemberData]:
    """Save the record; returns the before-image (for undo, which calls this again with it)."""
    data = validated(data)
    with store.transaction() as session:
        member = _load(session, store, member_id)
        before = member_data(member)
        apply_data(member, data)
        sync_core_events(session, member)
        store.audit(session, "member", member.id, "update", dataclasses.asdict(before), dataclasses.asdict(data))
        return OpResult(before, _changes())


def _set_deleted(store: Store, member_id: uuid.UUID, deleted: bool) -> OpResult[None]:
    with store.transaction() as session:
        member = _load(session, store, member_id, deleted=True)
        member.deleted = deleted
        store.audit(session, "member", member.id, "delete" if deleted else "restore")
    return OpResult(None, _changes())


def delete_member(store: Store, member_id: uuid.UUID) -> OpResult[None]:
    """Remove a record typed by mistake (a member who left keeps their record: record an event)."""
    return _set_deleted(store, member_id, True)


def restore_member(store: Store, member_id: uuid.UUID) -> OpResult[None]:
    return _set_deleted(store, member_id, False)


def _event_problems(events: Iterable[rules.MemberEvent]) -> set[tuple[str, str]]:
    return {(p.code.value, p.message) for p in rules.validate_events(list(events))}


def add_event(store: Store, member_id: uuid.UUID, data: EventInput) -> OpResult[uuid.UUID]:
    """Record a dated event; refused if it makes the member's history inconsistent (message says why)."""
    try:
        kind = EventKind(data.kind)
    except ValueError:
        raise ValidationFailed("Hãy chọn loại sự kiện.", field="kind") from None
    if data.end_date is not None and data.end_date <= data.event_date:
        raise ValidationFailed("Ngày kết thúc phải sau ngày bắt đầu.", field="end_date")
    if kind is EventKind.DISCIPLINE and discipline_form(data.detail) is None:
        raise ValidationFailed("Hãy chọn hình thức kỷ luật.", field="detail")
    with store.transaction() as session:
        member = _load(session, store, member_id)
        before = _event_problems(rule_events(member))
        event = MemberEvent(id=new_id(), cell_id=member.cell_id, member_id=member.id, kind=kind.value,
                            event_date=data.event_date, end_date=data.end_date, reason=nfc(data.reason) or "",
                            detail=nfc(data.detail) or "", decision_ref=nfc(data.decision_ref) or "")
        member.events.append(event)
        new = _event_problems(rule_events(member)) - before
        if new:  # raising rolls the transaction back: nothing is written
            raise ValidationFailed(" ".join(sorted(message for _, message in new)), field="event_date")
        if kind is EventKind.ADMISSION and member.admission_decision_date is None:
            member.admission_decision_date = data.event_date
        if kind is EventKind.RECOGNITION and member.official_date is None:
            member.official_date = data.event_date
        session.flush()
        store.audit(session, "member_event", event.id, "create", None,
                    {"member_id": member.id, **dataclasses.asdict(data)})
        return OpResult(event.id, _changes(Change.EVENT))


def _set_event_deleted(store: Store, event_id: uuid.UUID, deleted: bool) -> OpResult[None]:
    with store.transaction() as session:
        event = session.get(MemberEvent, event_id)
        if event is None or event.cell_id != store.cell_id:
            raise NotFoundError("Không tìm thấy sự kiện này; hãy tải lại danh sách.")
        if deleted and not event.deleted:
            _check_event_removal(event)
        event.deleted = deleted
        store.audit(session, "member_event", event.id, "delete" if deleted else "restore",
                    after={"member_id": event.member_id, "kind": event.kind, "event_date": event.event_date})
    return OpResult(None, _changes(Change.EVENT))


def _check_event_removal(event: MemberEvent) -> None:
    """Refuse a removal that the record's dates would undo, or that leaves the history inconsistent."""
    member = event.member
    for kind, day in _core_dates(member):
        first = next((e for e in sorted(_live_events(member), key=lambda e: e.event_date) if e.kind == kind), None)
        if day is not None and first is event:
            raise ValidationFailed("Sự kiện này theo ngày vào Đảng / ngày chính thức trong hồ sơ. Hãy sửa hồ sơ "
                                   "đảng viên (nút Sửa) nếu ngày đó nhập nhầm.", field="event")
    others = (rule_event(e, member.ceremony_date) for e in _live_events(member) if e is not event)
    new = _event_problems(e for e in others if e is not None) - _event_problems(rule_events(member))
    if new:
        raise ValidationFailed("Không xóa được sự kiện này: " + " ".join(sorted(message for _, message in new)),
                               field="event")


def remove_event(store: Store, event_id: uuid.UUID) -> OpResult[None]:
    return _set_event_deleted(store, event_id, True)


def restore_event(store: Store, event_id: uuid.UUID) -> OpResult[None]:
    return _set_event_deleted(store, event_id, False)


def event_order(event: EventRecord) -> tuple[dt.date, int]:
    """Date order, and on one day the order the status rules replay events in (``rules.SAME_DAY_ORDER``)."""
    try:
        rank = rules.SAME_DAY_ORDER.index(EventKind(event.kind))
    except ValueError:
        rank = len(rules.SAME_DAY_ORDER)
    return event.event_date, rank


def get_member_events(store: Store, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[EventRecord]]:
    """The live events of many members at once, each member's in date order (exports)."""
    wanted = set(ids)
    with store.transaction() as session:
        members = session.scalars(_members_query(store))
        return {m.id: sorted((_event_record(e) for e in _live_events(m)), key=event_order)
                for m in members if m.id in wanted}


def get_member_data(store: Store, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, MemberData]:
    """The full records of many members at once (exports)."""
    wanted = set(ids)
    with store.transaction() as session:
        members = session.scalars(select(Member).where(Member.cell_id == store.cell_id,
                                                       Member.deleted.is_(False)))
        return {m.id: member_data(m) for m in members if m.id in wanted}
