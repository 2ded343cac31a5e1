"""Import a roster spreadsheet: preview every row (valid / warning / error, with the reason), then
write all acceptable rows in ONE transaction. A re-import updates the matching members (card number,
else name + birth date) instead of duplicating them. Rejected rows are listed, never dropped silently.

An .xlsx may carry a second sheet, "Quá trình" (as the export writes it): the dated events that make each
member's status. Its rows are checked by ``history`` and written in the same transaction.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from models.base import new_id
from models.members import Member, MemberEvent
from models.rules import status as rules
from models.text import nfc, search_key
from secretary_app.changes import Change, Changes
from secretary_app.errors import UserError
from secretary_app.roster_io import history as sheet_history
from secretary_app.roster_io.columns import (
    DATE_FIELDS,
    FIELD_LABELS,
    HISTORY_HEADERS,
    HISTORY_SHEET,
    ROSTER_HEADERS,
    status_column,
    suggest_mapping,
)
from secretary_app.roster_io.dates import DateProblem, parse_date
from secretary_app.roster_io.history import ADD, HistoryRow, Target
from secretary_app.roster_io.reading import MAX_ROWS, Progress, Spreadsheet, Table
from secretary_app.services.roster import (
    MEMBER_FIELDS,
    MemberData,
    apply_data,
    member_data,
    new_member_rows,
    rule_events,
    sync_core_events,
)
from secretary_app.store import Store

VALID, WARNING, ERROR = "valid", "warning", "error"
CREATE, UPDATE, UNCHANGED, SKIP, REJECT = "create", "update", "unchanged", "skip", "reject"
_DEFAULTS = MemberData(full_name="")


@dataclass(frozen=True)
class RowResult:
    row: int  # row number in the sheet, as the secretary sees it in Excel
    name: str
    state: str  # VALID / WARNING / ERROR
    action: str  # CREATE / UPDATE / UNCHANGED / SKIP / REJECT
    messages: tuple[str, ...]
    data: MemberData | None = None
    member_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    source: str
    header_row: int
    headers: tuple[str, ...]
    mapping: dict[str, int]
    rows: tuple[RowResult, ...]
    blank_rows: tuple[int, ...]
    history_sheet: str = ""  # title of the "Quá trình" sheet read, "" when the file has none
    history: tuple[HistoryRow, ...] = ()

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def history_count(self, action: str) -> int:
        """History rows to add (ADD), already recorded (UNCHANGED) or refused (REJECT)."""
        return sum(1 for r in self.history if r.action == action)

    @property
    def rejected(self) -> tuple[RowResult, ...]:
        return tuple(r for r in self.rows if r.action == REJECT)

    @property
    def history_rejected(self) -> tuple[HistoryRow, ...]:
        return tuple(r for r in self.history if r.action == REJECT)

    def summary(self) -> str:
        text = (f"imported {self.count(CREATE)}, updated {self.count(UPDATE)}, "
                f"unchanged {self.count(UNCHANGED) + self.count(SKIP)}, rejected {self.count(REJECT)}")
        if self.history_sheet:
            text += (f"; events added {self.history_count(ADD)}, unchanged {self.history_count(UNCHANGED)}, "
                     f"rejected {self.history_count(REJECT)}")
        return text


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    changes: Changes

    def summary(self) -> str:
        return self.preview.summary()


def _text(value: object, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and field == "phone" and len(str(value)) == 9:
        return f"0{value}"  # Excel drops the leading 0 of a phone number typed as a number
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split()) if field == "full_name" else str(value).strip()


def _gender(text: str) -> str | None:
    key = search_key(text)
    if key in ("nam", "m", "male", "trai"):
        return "Nam"
    if key in ("nu", "f", "female", "gai"):
        return "Nữ"
    return None


def _row_data(cells: list[object], mapping: dict[str, int], base: MemberData,
              today: dt.date) -> tuple[MemberData, list[str], list[str]]:
    """The record a row describes (starting from ``base``), with its errors and warnings."""
    errors: list[str] = []
    warnings: list[str] = []
    values: dict[str, Any] = {}
    decomposed = False
    for field, column in mapping.items():
        raw = cells[column] if column < len(cells) else None
        if field in DATE_FIELDS:
            try:
                values[field] = parse_date(raw, today=today)
            except DateProblem as problem:
                errors.append(f"{FIELD_LABELS[field]}: {problem}")
                values[field] = None
            continue
        text = _text(raw, field)
        if text != unicodedata.normalize("NFC", text):
            decomposed = True
            text = unicodedata.normalize("NFC", text)
        if field == "gender" and text:
            gender = _gender(text)
            if gender is None:
                warnings.append(f"Giới tính \"{text}\" không rõ là Nam hay Nữ; đã để trống.")
            text = gender or ""
        values[field] = text or getattr(_DEFAULTS, field)
    if decomposed:
        warnings.append("Chữ được gõ kiểu tổ hợp (NFD) đã được chuẩn hóa sang dựng sẵn; nội dung không đổi.")
    data = dataclasses.replace(base, **values).normalised()
    errors.extend(message for _, message in data.problems(today))
    warnings.extend(data.warnings())
    if "birth_date" in mapping and data.birth_date is None and not any(e.startswith("Ngày sinh") for e in errors):
        warnings.append("Chưa có ngày sinh.")
    return data, errors, warnings


def _existing(store: Store, with_events: bool) -> tuple[
        dict[str, tuple[uuid.UUID, MemberData]], dict[tuple[str, dt.date | None], tuple[uuid.UUID, MemberData]],
        dict[uuid.UUID, list[rules.MemberEvent]]]:
    """The cell's members by card number and by (name, birth date); with their live events when the file
    has a status column to check or a history sheet to add to."""
    by_card: dict[str, tuple[uuid.UUID, MemberData]] = {}
    by_name: dict[tuple[str, dt.date | None], tuple[uuid.UUID, MemberData]] = {}
    events: dict[uuid.UUID, list[rules.MemberEvent]] = {}
    query = select(Member).where(Member.cell_id == store.cell_id, Member.deleted.is_(False))
    with store.transaction() as session:
        for member in session.scalars(query.options(selectinload(Member.events)) if with_events else query):
            data = member_data(member)
            if data.card_number:
                by_card[data.card_number] = (member.id, data)
            by_name.setdefault((search_key(data.full_name), data.birth_date), (member.id, data))
            if with_events:
                events[member.id] = rule_events(member)
    return by_card, by_name, events


def _status_warning(written: str, events: list[rules.MemberEvent], today: dt.date, with_history: bool) -> str:
    """A warning when the file's "Tình trạng" is not what the imported record will show, or ""."""
    try:
        status = rules.status_on(events, today)
    except ValueError:
        return ""  # the record's own checks report an impossible history
    labels = {search_key(rules.status_label(status, short=short)) for short in (True, False)}
    if search_key(written) in labels:
        return ""
    why = (f"vì trang \"{HISTORY_SHEET}\" không có đủ sự kiện cho đồng chí này" if with_history
           else "vì bảng tính không mang quá trình")
    return (f"Tệp ghi tình trạng «{written}», hồ sơ sau khi nhập sẽ là «{rules.status_label(status)}» {why}. "
            "Sau khi nhập, hãy ghi sự kiện (chuyển đi, miễn sinh hoạt, từ trần…) cho đồng chí này ở trang "
            "Đảng viên.")


def read_file(path: Path, progress: Progress | None = None, max_rows: int = MAX_ROWS) -> tuple[Table, Table | None]:
    """The roster (first sheet) and, when the workbook has one, its "Quá trình" sheet, from one opening."""
    with Spreadsheet(path) as spreadsheet:
        table = spreadsheet.read(None, ROSTER_HEADERS, progress, max_rows)
        title = spreadsheet.find(HISTORY_SHEET)
        if title is None or title == table.sheet:
            return table, None
        return table, spreadsheet.read(title, HISTORY_HEADERS, progress, max_rows)


def _namesake(data: MemberData, births_of: dict[str, list[dt.date | None]],
              seen_name: dict[tuple[str, dt.date | None], RowResult]) -> str:
    """A warning when a new member has the name of a stored one, or of an earlier row, with another birth
    date: two people of one name are common, a mistyped birth date too, and only the secretary knows."""
    key = search_key(data.full_name)
    others = [born for born in births_of.get(key, []) if born != data.birth_date]
    earlier = [row for (name, born), row in seen_name.items() if name == key and born != data.birth_date]
    if not others and not earlier:
        return ""
    where = (f"đảng viên đã có sinh ngày {others[0]:%d/%m/%Y}" if others and others[0] else
             "đảng viên đã có" if others else f"dòng {earlier[0].row}")
    return (f"Cùng họ tên với {where} nhưng khác ngày sinh: sẽ thêm một người mới. Nếu là cùng một người, "
            "hãy sửa ngày sinh cho khớp.")


def preview_table(store: Store, table: Table, path: Path, mapping: dict[str, int] | None = None,
                  today: dt.date | None = None, progress: Progress | None = None,
                  history: Table | None = None) -> ImportPreview:
    """Check every row of ``table`` (and of ``history``, the "Quá trình" sheet, when given)."""
    today = today or dt.date.today()
    mapping = dict(mapping if mapping is not None else suggest_mapping(table.headers))
    if "full_name" not in mapping:
        raise UserError("Chưa chọn cột \"Họ và tên\". Hãy chỉ rõ cột nào chứa họ và tên đảng viên.")
    status_at = status_column(table.headers)
    by_card, by_name, stored = _existing(store, status_at is not None or history is not None)
    statuses: list[tuple[int, str]] = []  # (index in results, status written in the file), checked at the end
    seen_card: dict[str, RowResult] = {}
    seen_name: dict[tuple[str, dt.date | None], RowResult] = {}
    births_of: dict[str, list[dt.date | None]] = {}  # a name's birth dates among the stored members
    for key_name, born in by_name:
        births_of.setdefault(key_name, []).append(born)
    results: list[RowResult] = []
    for index, (number, cells) in enumerate(table.rows):
        if progress is not None and index % 500 == 0:
            progress(index, len(table.rows), f"Đang kiểm tra dòng {number}")
        name = _text(cells[mapping["full_name"]] if mapping["full_name"] < len(cells) else None, "full_name")
        name = unicodedata.normalize("NFC", name)
        card_column = mapping.get("card_number")
        card = _text(cells[card_column], "card_number") if card_column is not None and card_column < len(cells) \
            else ""
        # Find the member this row describes, to start from their record (unmapped columns stay as they are).
        match = by_card.get(card) if card else None
        if match is None and name:
            birth_column = mapping.get("birth_date")
            try:
                birth = parse_date(cells[birth_column], today=today) \
                    if birth_column is not None and birth_column < len(cells) else None
            except DateProblem:
                birth = None
            match = by_name.get((search_key(name), birth))
            if match is not None and card and match[1].card_number and match[1].card_number != card:
                match = None  # same name and birth date but another card: a different person
        base = match[1] if match else _DEFAULTS
        data, errors, warnings = _row_data(cells, mapping, base, today)
        earlier = seen_card.get(data.card_number) if data.card_number else None
        if earlier is None and not data.card_number:
            earlier = seen_name.get((search_key(data.full_name), data.birth_date))
        if earlier is not None and not errors:
            if earlier.data == data:
                results.append(RowResult(number, data.full_name, WARNING, SKIP,
                                         (f"Trùng hoàn toàn với dòng {earlier.row}; chỉ nhập một lần.",), data))
                continue
            if data.card_number:
                errors.append(f"Số thẻ {data.card_number} trùng với dòng {earlier.row} ({earlier.name}).")
            else:
                errors.append(f"Trùng họ tên và ngày sinh với dòng {earlier.row} nhưng khác nội dung; "
                              "hãy giữ một dòng.")
        if errors:
            results.append(RowResult(number, data.full_name or name, ERROR, REJECT, tuple(errors), data))
            continue
        member_id = match[0] if match else None
        written = _text(cells[status_at], "status") if status_at is not None and status_at < len(cells) else ""
        if written:
            statuses.append((len(results), written))
        action = CREATE if match is None else (UNCHANGED if match[1] == data else UPDATE)
        if action == CREATE and (namesake := _namesake(data, births_of, seen_name)):
            warnings.append(namesake)
        result = RowResult(number, data.full_name, WARNING if warnings else VALID, action, tuple(warnings), data,
                           member_id)
        results.append(result)
        if data.card_number:
            seen_card[data.card_number] = result
        seen_name.setdefault((search_key(data.full_name), data.birth_date), result)

    def target(row: RowResult) -> Target:
        return row.member_id if row.member_id is not None else row.row

    rows_of: dict[Target, RowResult] = {target(r): r for r in results if r.action != REJECT}

    def events_of(who: Target) -> list[rules.MemberEvent]:
        """The member's events once the record is saved: stored ones, the core two following its dates."""
        row = rows_of.get(who)
        data = row.data if row is not None else None
        if data is None:  # a member not on the first sheet: as stored
            return list(stored.get(who, [])) if isinstance(who, uuid.UUID) else []
        base = stored.get(who, []) if isinstance(who, uuid.UUID) else []
        return sheet_history.synced(base, data.admission_decision_date, data.official_date, data.ceremony_date)

    histories: dict[Target, list[rules.MemberEvent]] = {}
    history_rows: list[HistoryRow] = []
    records = {member_id: data for member_id, data in (*by_card.values(), *by_name.values())}
    if history is not None:
        history_rows, histories = sheet_history.check_history(
            history, _finder(results, by_card, by_name), events_of, lambda who: _ceremony(who, rows_of, records),
            {r.row for r in results if r.action == CREATE}, today)
    for index, written in statuses:
        row = results[index]
        events = histories.get(target(row)) or events_of(target(row))
        if problem := _status_warning(written, events, today, history is not None):
            results[index] = dataclasses.replace(row, state=WARNING, messages=(*row.messages, problem))
    return ImportPreview(path, table.source, table.header_row, tuple(table.headers), mapping, tuple(results),
                         tuple(table.blank_rows), history.sheet if history is not None else "",
                         tuple(history_rows))


def _finder(results: list[RowResult], by_card: dict[str, tuple[uuid.UUID, MemberData]],
            by_name: dict[tuple[str, dt.date | None], tuple[uuid.UUID, MemberData]]) -> sheet_history.Find:
    """Find the member a history row names, by the first sheet's keys: on the first sheet (members the
    import creates or updates), else among the cell's members."""
    file_card: dict[str, RowResult] = {}
    file_name: dict[tuple[str, dt.date | None], RowResult] = {}
    for row in results:
        if row.data is None or row.action == SKIP:
            continue
        if row.data.card_number:
            file_card.setdefault(row.data.card_number, row)
        file_name.setdefault((search_key(row.data.full_name), row.data.birth_date), row)

    def find(card: str, name: str, birth: dt.date | None) -> Target | str:
        row = file_card.get(card) if card else None
        stored = by_card.get(card) if card and row is None else None
        if row is None and stored is None and name:
            row = file_name.get((search_key(name), birth))
            if row is not None and card and row.data is not None and row.data.card_number not in ("", card):
                row = None  # same name and birth date but another card: a different person
            if row is None:
                stored = by_name.get((search_key(name), birth))
                if stored is not None and card and stored[1].card_number not in ("", card):
                    stored = None
        if row is not None:
            if row.action == REJECT:
                return (f"Đồng chí {row.name} ở dòng {row.row} của trang danh sách không nhập được, nên sự kiện "
                        "này cũng chưa nhập; hãy sửa dòng đó rồi nhập lại tệp.")
            return row.member_id if row.member_id is not None else row.row
        if stored is not None:
            return stored[0]
        who = name or "(không có tên)"
        keys = ", ".join(k for k in (f"số thẻ {card}" if card else "",
                                     f"sinh ngày {birth.strftime('%d/%m/%Y')}" if birth else "") if k)
        return (f"Không tìm thấy đồng chí {who}{f' ({keys})' if keys else ''} trong trang danh sách của tệp "
                "hay trong chi bộ. Hãy ghi họ tên, ngày sinh và số thẻ như ở trang danh sách.")

    return find


def _ceremony(who: Target, rows_of: dict[Target, RowResult], records: dict[uuid.UUID, MemberData]) -> dt.date | None:
    """The ceremony date the admission event will carry (probation runs from it)."""
    row = rows_of.get(who)
    data = row.data if row is not None else records.get(who) if isinstance(who, uuid.UUID) else None
    return data.ceremony_date if data is not None else None


def preview_import(store: Store, path: Path, mapping: dict[str, int] | None = None, *,
                   today: dt.date | None = None, progress: Progress | None = None,
                   max_rows: int = MAX_ROWS) -> ImportPreview:
    """Read and check a file without writing anything."""
    store.cell_id  # noqa: B018 - a clear message when no cell is set up yet, before reading the file
    table, history = read_file(Path(path), progress, max_rows)
    return preview_table(store, table, Path(path), mapping, today, progress, history)


def apply_import(store: Store, preview: ImportPreview, progress: Progress | None = None) -> ImportResult:
    """Write every created or updated row of ``preview`` in one transaction: all of them, or none.

    New members and their events go in as two ORM bulk INSERTs: building and flushing thousands of ORM
    objects took most of a 5,000-member import. Members to update are loaded in one query with their
    events and changed through the ORM as in the member form. The events of the "Quá trình" sheet, for new
    and existing members alike, join the events' bulk INSERT (the sync outbox queues bulk-inserted rows
    itself: ``sync.outbox._record_bulk_inserts``).
    """
    todo = [r for r in preview.rows if r.action in (CREATE, UPDATE)]
    to_add = [h for h in preview.history if h.action == ADD]
    with store.transaction() as session:
        cell_id = store.cell_id
        updated_ids = [r.member_id for r in todo if r.action == UPDATE]
        existing = {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(updated_ids))
                                                     .options(selectinload(Member.events)))} \
            if updated_ids else {}
        created: list[dict[str, object]] = []
        created_events: list[dict[str, object]] = []
        ids: dict[Target, uuid.UUID] = {}  # history target → member id, for the members created here
        for index, row in enumerate(todo):
            assert row.data is not None
            if row.action == UPDATE:
                assert row.member_id is not None  # an update names the member it updates
                member = existing.get(row.member_id)
                if member is None or member.deleted:
                    raise UserError(f"Đảng viên ở dòng {row.row} vừa bị xóa trong lúc nhập; hãy nhập lại tệp.")
                apply_data(member, row.data)
                sync_core_events(session, member)
            else:
                values, events = new_member_rows(cell_id, row.data)
                created.append(values)
                created_events.extend(events)
                ids[row.row] = cast(uuid.UUID, values["id"])  # new_member_rows made it with new_id()
            if progress is not None and index % 500 == 0:
                progress(index, len(todo), f"Đang lưu {index}/{len(todo)} đảng viên")
        if progress is not None and todo:
            progress(len(todo), len(todo), f"Đang lưu {len(todo)}/{len(todo)} đảng viên")
        history_events = _history_events(session, cell_id, to_add, ids, created_events)
        session.flush()  # the updates, before the bulk INSERTs run on the same connection
        created_events.extend(history_events)
        if created:
            session.execute(insert(Member), created)
        if created_events:
            session.execute(insert(MemberEvent), created_events)
        store.audit(session, "member", cell_id, "import", None, {
            "file": preview.path.name, "summary": preview.summary(),
            "created": [str(m["id"]) for m in created],
            "updated": [str(i) for i in updated_ids],
            "events": [str(e["id"]) for e in history_events],
        })
    changes = Changes()
    if todo or to_add:
        changes.add(Change.MEMBER)
    return ImportResult(preview, changes)


def _history_events(session: Session, cell_id: uuid.UUID, rows: list[HistoryRow], ids: dict[Target, uuid.UUID],
                    core_events: list[dict[str, object]]) -> list[dict[str, object]]:
    """Column values of the events the "Quá trình" sheet adds. The details of a new member's admission or
    recognition go into the event ``core_events`` already holds for it."""
    existing = {t for r in rows if isinstance(t := r.target, uuid.UUID)}
    live = set(session.scalars(select(Member.id).where(Member.id.in_(existing), Member.deleted.is_(False)))) \
        if existing else set()
    core = {(e["member_id"], e["kind"], e["event_date"]): e for e in core_events}
    values: list[dict[str, object]] = []
    for row in rows:
        assert row.event is not None and row.target is not None
        member_id = ids.get(row.target) if isinstance(row.target, int) else row.target
        if member_id is None or (isinstance(row.target, uuid.UUID) and member_id not in live):
            raise UserError(f"Đảng viên ở dòng {row.row} của trang \"{HISTORY_SHEET}\" vừa bị xóa trong lúc "
                            "nhập; hãy nhập lại tệp.")
        event = row.event
        details = {"reason": nfc(event.reason) or "", "detail": nfc(event.detail) or "",
                   "decision_ref": nfc(event.decision_ref) or ""}
        if row.core:
            core[(member_id, event.kind, event.event_date)].update(details)
            continue
        values.append({"id": new_id(), "cell_id": cell_id, "member_id": member_id, "kind": event.kind,
                       "event_date": event.event_date, "end_date": event.end_date, **details})
    return values


def import_roster(store: Store, path: Path, *, dry_run: bool = False, mapping: dict[str, int] | None = None,
                  progress: Progress | None = None, today: dt.date | None = None) -> ImportResult:
    preview = preview_import(store, path, mapping, today=today, progress=progress)
    if dry_run:
        return ImportResult(preview, Changes())
    return apply_import(store, preview, progress)


def write_report(preview: ImportPreview, path: Path) -> Path:
    """Rows that were not imported, with the reason, as a CSV Excel opens (UTF-8 with BOM); rows of the
    "Quá trình" sheet are named with the sheet."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Trang", "Dòng", "Họ và tên", "Kết quả", "Lý do"])
        for row in preview.rows:
            if row.state != VALID:
                writer.writerow(["Danh sách", row.row, row.name,
                                 "Không nhập" if row.action == REJECT else "Cảnh báo", " ".join(row.messages)])
        for event in preview.history_rejected:
            writer.writerow([preview.history_sheet, event.row, event.name, "Không nhập",
                             f"{event.label}: {' '.join(event.messages)}" if event.label else " ".join(event.messages)])
    return path


__all__ = ["MEMBER_FIELDS", "HistoryRow", "ImportPreview", "ImportResult", "RowResult", "apply_import",
           "import_roster", "preview_import", "read_file", "write_report"]
