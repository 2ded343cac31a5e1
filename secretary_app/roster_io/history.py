"""The "Quá trình" sheet of a roster workbook: one row per dated event (transfer, exemption, discipline,
death…), read back into events so that a round trip keeps every member's status.

Each row is checked on its own (event label, dates, discipline form), then the member is found by the keys
of the first sheet (card number, else name + birth date), then the member's events are replayed in date
order: an event the member already has (same kind and date) is unchanged, and one that would make the
history inconsistent is refused with the same reasons as recording it on the Đảng viên page
(``rules.validate_events``, only the problems the row adds). Nothing here writes: ``importing`` does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from models.rules import status as rules
from models.rules.dates import format_vn
from models.text import search_key
from secretary_app.errors import UserError
from secretary_app.roster_io.columns import HISTORY_DATE_FIELDS, HISTORY_LABELS, history_field_for
from secretary_app.roster_io.dates import DateProblem, parse_date
from secretary_app.roster_io.reading import Table
from secretary_app.services.roster import (
    DISCIPLINE_LABELS,
    EVENT_LABELS,
    EventInput,
    EventKind,
    discipline_form,
    rule_event,
)

ADD, UNCHANGED, REJECT = "add", "unchanged", "reject"  # the last two as ``importing``'s for member rows
CORE_KINDS = (EventKind.ADMISSION, EventKind.RECOGNITION)
# Who an event row is about: an existing member's id, or the row of the first sheet that creates them.
Target = uuid.UUID | int


@dataclass(frozen=True)
class HistoryRow:
    row: int  # row number in the "Quá trình" sheet, as the secretary sees it in Excel
    name: str
    label: str  # the event as written in the sheet
    action: str  # ADD / UNCHANGED / REJECT
    messages: tuple[str, ...] = ()
    event: EventInput | None = None
    target: Target | None = None
    # The admission or recognition event a new member's record creates anyway, with the details (decision
    # number, reason) the first sheet has no column for: written into that event, not as a second one.
    core: bool = False

    @property
    def state(self) -> str:
        """As a member row's check: "error" for a refused row, else "valid"."""
        return "error" if self.action == REJECT else "valid"


def _key(text: str) -> str:
    """Labels ignoring case, marks, punctuation and the word "Đảng" (people write it or leave it out)."""
    words = "".join(ch if ch.isalnum() else " " for ch in search_key(text)).split()
    return " ".join(w for w in words if w not in ("dang", "vao", "cua"))


_VARIANTS: dict[EventKind, tuple[str, ...]] = {
    EventKind.ADMISSION: ("Kết nạp",),
    EventKind.READMISSION: ("Kết nạp lại vào Đảng",),
    EventKind.RECOGNITION: ("Công nhận chính thức", "Chuyển đảng chính thức"),
    EventKind.TRANSFER_IN_OFFICIAL: ("Chuyển sinh hoạt chính thức đến", "Chuyển sinh hoạt đến", "Chuyển đến"),
    EventKind.TRANSFER_OUT_OFFICIAL: ("Chuyển sinh hoạt chính thức đi", "Chuyển sinh hoạt đi", "Chuyển đi"),
    EventKind.TRANSFER_IN_TEMPORARY: ("Sinh hoạt tạm thời", "Sinh hoạt tạm thời tại chi bộ",
                                      "Chuyển sinh hoạt tạm thời đến"),
    EventKind.TRANSFER_OUT_TEMPORARY: ("Chuyển sinh hoạt tạm thời đi", "Sinh hoạt tạm thời nơi khác"),
    EventKind.TEMPORARY_TRANSFER_END: ("Hết sinh hoạt tạm thời", "Trở về sinh hoạt tại chi bộ"),
    EventKind.EXEMPTION: ("Miễn sinh hoạt", "Miễn sinh hoạt đảng", "Miễn công tác và sinh hoạt"),
    EventKind.EXEMPTION_END: ("Trở lại sinh hoạt", "Trở lại sinh hoạt đảng", "Hết miễn sinh hoạt"),
    EventKind.DEATH: ("Qua đời", "Từ trần", "Mất", "Chết"),
    EventKind.REMOVAL: ("Xóa tên khỏi danh sách đảng viên",),
    EventKind.EXPULSION: ("Khai trừ khỏi Đảng", "Khai trừ ra khỏi Đảng"),
    EventKind.RESIGNATION: ("Ra khỏi Đảng", "Xin ra Đảng"),
}
_KINDS: dict[str, EventKind] = {}
for _kind in EventKind:
    for _label in (EVENT_LABELS[_kind], _kind.value, *_VARIANTS.get(_kind, ())):
        _KINDS.setdefault(_key(_label), _kind)
_FORMS = {_key(label): form for form, label in DISCIPLINE_LABELS.items()} | {
    _key("Đình chỉ sinh hoạt"): rules.DisciplineForm.SUSPENSION}


def event_kind(label: str) -> tuple[EventKind, rules.DisciplineForm | None] | None:
    """The kind a label names (the labels of the Đảng viên page and a few usual variants), with the
    discipline form when the label carries it ("Kỷ luật: khiển trách", or just "Cảnh cáo"); None if unknown."""
    key = _key(label)
    if key in _KINDS:
        return _KINDS[key], None
    if key in _FORMS:
        return EventKind.DISCIPLINE, _FORMS[key]
    head, _, tail = label.partition(":")
    if tail and _KINDS.get(_key(head)) is EventKind.DISCIPLINE and _key(tail) in _FORMS:
        return EventKind.DISCIPLINE, _FORMS[_key(tail)]
    return None


@dataclass(frozen=True)
class Parsed:
    row: int
    name: str
    label: str
    card: str
    birth: dt.date | None
    event: EventInput | None
    errors: tuple[str, ...]


def _cell(cells: list[object], mapping: dict[str, int], field: str) -> object:
    column = mapping.get(field)
    return cells[column] if column is not None and column < len(cells) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return format_vn(value)
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def _parse(number: int, cells: list[object], mapping: dict[str, int], today: dt.date) -> Parsed:
    errors: list[str] = []
    dates: dict[str, dt.date | None] = {}
    for field in HISTORY_DATE_FIELDS:
        try:
            dates[field] = parse_date(_cell(cells, mapping, field), today=today)
        except DateProblem as problem:
            errors.append(f"{HISTORY_LABELS[field]}: {problem}")
            dates[field] = None
    name, label = _text(_cell(cells, mapping, "full_name")), _text(_cell(cells, mapping, "kind"))
    card = _text(_cell(cells, mapping, "card_number"))
    detail, reason = _text(_cell(cells, mapping, "detail")), _text(_cell(cells, mapping, "reason"))
    decision_ref = _text(_cell(cells, mapping, "decision_ref"))
    found = event_kind(label) if label else None
    if not label:
        errors.append(f"Chưa ghi sự kiện (cột {HISTORY_LABELS['kind']}).")
    elif found is None:
        errors.append(f"Không rõ sự kiện «{label}». Hãy ghi như ở trang Đảng viên: "
                      + "; ".join(EVENT_LABELS.values()) + ".")
    start, end = dates["event_date"], dates["end_date"]
    if start is None and not any(e.startswith(HISTORY_LABELS["event_date"]) for e in errors):
        errors.append(f"Chưa ghi ngày (cột {HISTORY_LABELS['event_date']}).")
    if start is not None and end is not None and end <= start:
        errors.append(f"{HISTORY_LABELS['end_date']} {format_vn(end)} phải sau {HISTORY_LABELS['event_date'].lower()}"
                      f" {format_vn(start)}.")
    event = None
    if found is not None:
        kind, form = found
        if kind is EventKind.DISCIPLINE:
            form = form or discipline_form(detail)
            if form is None:
                errors.append(f"Kỷ luật chưa ghi hình thức: ghi khiển trách, cảnh cáo, cách chức hoặc đình chỉ "
                              f"sinh hoạt đảng ở cột {HISTORY_LABELS['detail']}.")
            detail = form.value if form is not None else detail  # stored as on the Đảng viên page
        if start is not None and not errors:
            event = EventInput(kind.value, start, end, reason, detail, decision_ref)
    return Parsed(number, name, label, card, dates["birth_date"], event, tuple(errors))


def columns(table: Table) -> dict[str, int]:
    """field → column of the "Quá trình" sheet; the event and its date must be there."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        field = history_field_for(header)
        if field is not None and field not in mapping:
            mapping[field] = index
    missing = [HISTORY_LABELS[f] for f in ("kind", "event_date") if f not in mapping]
    if table.headers and missing:
        raise UserError(f"Trang \"{table.sheet}\" thiếu cột {' và '.join(missing)}. Hãy thêm cột đó (xem tệp "
                        "xuất từ trang Đảng viên), hoặc xóa trang này nếu không cần nhập quá trình.")
    if table.headers and not {"full_name", "card_number"} & set(mapping):
        raise UserError(f"Trang \"{table.sheet}\" cần cột {HISTORY_LABELS['card_number']} hoặc "
                        f"{HISTORY_LABELS['full_name']} để biết sự kiện của đảng viên nào.")
    return mapping


Find = Callable[[str, str, dt.date | None], "Target | str"]  # (card, name, birth) → target, or why not found


def check_history(table: Table, find: Find, events_of: Callable[[Target], list[rules.MemberEvent]],
                  ceremony_of: Callable[[Target], dt.date | None], new_members: set[int], today: dt.date,
                  ) -> tuple[list[HistoryRow], dict[Target, list[rules.MemberEvent]]]:
    """Every row of the sheet with what the import will do with it, and the resulting events of each member
    the sheet names (for the status check)."""
    mapping = columns(table)
    rows: list[HistoryRow] = []
    by_target: dict[Target, list[Parsed]] = {}
    for number, cells in table.rows:
        parsed = _parse(number, cells, mapping, today)
        if parsed.errors:
            rows.append(HistoryRow(number, parsed.name, parsed.label, REJECT, parsed.errors))
            continue
        found = find(parsed.card, parsed.name, parsed.birth)
        if isinstance(found, str):
            rows.append(HistoryRow(number, parsed.name, parsed.label, REJECT, (found,)))
            continue
        by_target.setdefault(found, []).append(parsed)
    histories: dict[Target, list[rules.MemberEvent]] = {}
    for target, parsed_rows in by_target.items():
        current = list(events_of(target))
        ceremony = ceremony_of(target)
        # Date order, as the history happened: an end of exemption listed above its start is still fine.
        ordered = sorted(parsed_rows, key=lambda p: _order(p.event))
        for parsed in ordered:
            assert parsed.event is not None
            event = rule_event(parsed.event, ceremony)
            assert event is not None  # the kind came from a known label
            same = next((e for e in current if e.kind is event.kind and e.day == event.day), None)
            if same is not None:
                # A new member's admission/recognition comes from the first sheet's dates; the row adds what
                # those columns cannot hold. An event the member already had keeps its details.
                core = isinstance(target, int) and target in new_members and event.kind in CORE_KINDS and bool(
                    parsed.event.reason or parsed.event.detail or parsed.event.decision_ref)
                rows.append(HistoryRow(parsed.row, parsed.name, parsed.label, ADD if core else UNCHANGED,
                                       event=parsed.event, target=target, core=core))
                continue
            problems = _problems([*current, event]) - _problems(current)
            if problems:
                rows.append(HistoryRow(parsed.row, parsed.name, parsed.label, REJECT, (
                    f"Không ghi được sự kiện này vào quá trình của đồng chí {parsed.name}: "
                    + " ".join(sorted(problems)),), parsed.event, target))
                continue
            current.append(event)
            rows.append(HistoryRow(parsed.row, parsed.name, parsed.label, ADD, event=parsed.event, target=target))
        histories[target] = current
    rows.sort(key=lambda r: r.row)
    return rows, histories


def _order(event: EventInput | None) -> tuple[dt.date, int]:
    assert event is not None  # only rows without errors are grouped by member
    return event.event_date, rules.SAME_DAY_ORDER.index(EventKind(event.kind))


def _problems(events: list[rules.MemberEvent]) -> set[str]:
    return {p.message for p in rules.validate_events(events)}


def synced(events: list[rules.MemberEvent], admission: dt.date | None, official: dt.date | None,
           ceremony: dt.date | None) -> list[rules.MemberEvent]:
    """A member's events once the import has saved the record: the first admission and recognition events
    follow the record's dates, as ``roster.sync_core_events`` makes them."""
    result = list(events)
    for kind, day in ((EventKind.ADMISSION, admission), (EventKind.RECOGNITION, official)):
        first = next((i for i, e in enumerate(result) if e.kind is kind), None)
        if day is None:
            result = [e for e in result if e.kind is not kind]
        elif first is not None:
            result[first] = dataclasses.replace(result[first], day=day)
        else:
            result.append(rules.MemberEvent(kind=kind, day=day))
    return [dataclasses.replace(e, ceremony=ceremony) if e.kind is EventKind.ADMISSION else e for e in result]
