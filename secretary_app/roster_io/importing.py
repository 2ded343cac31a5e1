"""Import a roster spreadsheet: preview every row (valid / warning / error, with the reason), then
write all acceptable rows in ONE transaction. A re-import updates the matching members (card number,
else name + birth date) instead of duplicating them. Rejected rows are listed, never dropped silently.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from models.members import Member, MemberEvent
from models.rules import status as rules
from models.text import search_key
from secretary_app.errors import UserError
from secretary_app.roster_io.columns import DATE_FIELDS, FIELD_LABELS, status_column, suggest_mapping
from secretary_app.roster_io.dates import DateProblem, parse_date
from secretary_app.roster_io.reading import MAX_ROWS, Progress, Table, read_table
from secretary_app.services.roster import (
    MEMBER_FIELDS,
    MemberData,
    apply_data,
    member_data,
    new_member_rows,
    rule_events,
    sync_core_events,
)
from secretary_app.store import Changes, Store

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

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def rejected(self) -> tuple[RowResult, ...]:
        return tuple(r for r in self.rows if r.action == REJECT)

    def summary(self) -> str:
        return (f"imported {self.count(CREATE)}, updated {self.count(UPDATE)}, "
                f"unchanged {self.count(UNCHANGED) + self.count(SKIP)}, rejected {self.count(REJECT)}")


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
    values: dict[str, object] = {}
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


def _existing(store: Store, with_status: bool, today: dt.date) -> tuple[
        dict[str, tuple[uuid.UUID, MemberData]], dict[tuple[str, dt.date | None], tuple[uuid.UUID, MemberData]],
        dict[uuid.UUID, list[rules.MemberEvent]]]:
    """The cell's members by card number and by (name, birth date); with their events (other than the two
    the record's dates give) when the file has a status column to check."""
    by_card: dict[str, tuple[uuid.UUID, MemberData]] = {}
    by_name: dict[tuple[str, dt.date | None], tuple[uuid.UUID, MemberData]] = {}
    history: dict[uuid.UUID, list[rules.MemberEvent]] = {}
    query = select(Member).where(Member.cell_id == store.cell_id, Member.deleted.is_(False))
    with store.transaction() as session:
        for member in session.scalars(query.options(selectinload(Member.events)) if with_status else query):
            data = member_data(member)
            if data.card_number:
                by_card[data.card_number] = (member.id, data)
            by_name.setdefault((search_key(data.full_name), data.birth_date), (member.id, data))
            if with_status:
                history[member.id] = [e for e in rule_events(member) if e.kind not in _CORE_KINDS]
    return by_card, by_name, history


_CORE_KINDS = (rules.EventKind.ADMISSION, rules.EventKind.RECOGNITION)


def _status_warning(written: str, data: MemberData, history: list[rules.MemberEvent], today: dt.date) -> str:
    """A warning when the file's "Tình trạng" is not what the imported record will show, or ""."""
    core = [rules.MemberEvent(kind=kind, day=day) for kind, day in
            ((rules.EventKind.ADMISSION, data.admission_decision_date),
             (rules.EventKind.RECOGNITION, data.official_date)) if day is not None]
    try:
        status = rules.status_on([*core, *history], today)
    except ValueError:
        return ""  # the record's own checks report an impossible history
    labels = {search_key(rules.status_label(status, short=short)) for short in (True, False)}
    if search_key(written) in labels:
        return ""
    return (f"Tệp ghi tình trạng «{written}», hồ sơ sau khi nhập sẽ là «{rules.status_label(status)}» vì bảng "
            "tính không mang quá trình. Sau khi nhập, hãy ghi sự kiện (chuyển đi, miễn sinh hoạt, từ trần…) "
            "cho đồng chí này ở trang Đảng viên.")


def preview_table(store: Store, table: Table, path: Path, mapping: dict[str, int] | None = None,
                  today: dt.date | None = None, progress: Progress | None = None) -> ImportPreview:
    today = today or dt.date.today()
    mapping = dict(mapping if mapping is not None else suggest_mapping(table.headers))
    if "full_name" not in mapping:
        raise UserError("Chưa chọn cột \"Họ và tên\". Hãy chỉ rõ cột nào chứa họ và tên đảng viên.")
    status_at = status_column(table.headers)
    by_card, by_name, history = _existing(store, status_at is not None, today)
    seen_card: dict[str, RowResult] = {}
    seen_name: dict[tuple[str, dt.date | None], RowResult] = {}
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
        if written and (problem := _status_warning(written, data, history.get(member_id, []), today)):
            warnings.append(problem)
        action = CREATE if match is None else (UNCHANGED if match[1] == data else UPDATE)
        result = RowResult(number, data.full_name, WARNING if warnings else VALID, action, tuple(warnings), data,
                           member_id)
        results.append(result)
        if data.card_number:
            seen_card[data.card_number] = result
        seen_name.setdefault((search_key(data.full_name), data.birth_date), result)
    return ImportPreview(path, table.source, table.header_row, tuple(table.headers), mapping, tuple(results),
                         tuple(table.blank_rows))


def preview_import(store: Store, path: Path, mapping: dict[str, int] | None = None, *,
                   today: dt.date | None = None, progress: Progress | None = None,
                   max_rows: int = MAX_ROWS) -> ImportPreview:
    """Read and check a file without writing anything."""
    store.cell_id  # noqa: B018 - a clear message when no cell is set up yet, before reading the file
    table = read_table(Path(path), progress, max_rows)
    return preview_table(store, table, Path(path), mapping, today, progress)


def apply_import(store: Store, preview: ImportPreview, progress: Progress | None = None) -> ImportResult:
    """Write every created or updated row of ``preview`` in one transaction: all of them, or none.

    New members and their events go in as two ORM bulk INSERTs: building and flushing thousands of ORM
    objects took most of a 5,000-member import. Members to update are loaded in one query with their
    events and changed through the ORM as in the member form.
    """
    todo = [r for r in preview.rows if r.action in (CREATE, UPDATE)]
    with store.transaction() as session:
        cell_id = store.cell_id
        updated_ids = [r.member_id for r in todo if r.action == UPDATE]
        existing = {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(updated_ids))
                                                     .options(selectinload(Member.events)))} \
            if updated_ids else {}
        created: list[dict[str, object]] = []
        created_events: list[dict[str, object]] = []
        for index, row in enumerate(todo):
            assert row.data is not None
            if row.action == UPDATE:
                member = existing.get(row.member_id)  # type: ignore[arg-type]
                if member is None or member.deleted:
                    raise UserError(f"Đảng viên ở dòng {row.row} vừa bị xóa trong lúc nhập; hãy nhập lại tệp.")
                apply_data(member, row.data)
                sync_core_events(session, member)
            else:
                values, events = new_member_rows(cell_id, row.data)
                created.append(values)
                created_events.extend(events)
            if progress is not None and index % 500 == 0:
                progress(index, len(todo), f"Đang lưu {index}/{len(todo)} đảng viên")
        if progress is not None and todo:
            progress(len(todo), len(todo), f"Đang lưu {len(todo)}/{len(todo)} đảng viên")
        session.flush()  # the updates, before the bulk INSERTs run on the same connection
        if created:
            session.execute(insert(Member), created)
        if created_events:
            session.execute(insert(MemberEvent), created_events)
        store.audit(session, "member", cell_id, "import", None, {
            "file": preview.path.name, "summary": preview.summary(),
            "created": [str(m["id"]) for m in created],
            "updated": [str(i) for i in updated_ids],
        })
    changes = Changes()
    if todo:
        changes.add("member")
    return ImportResult(preview, changes)


def import_roster(store: Store, path: Path, *, dry_run: bool = False, mapping: dict[str, int] | None = None,
                  progress: Progress | None = None, today: dt.date | None = None) -> ImportResult:
    preview = preview_import(store, path, mapping, today=today, progress=progress)
    if dry_run:
        return ImportResult(preview, Changes())
    return apply_import(store, preview, progress)


def write_report(preview: ImportPreview, path: Path) -> Path:
    """Rows that were not imported, with the reason, as a CSV Excel opens (UTF-8 with BOM)."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Dòng", "Họ và tên", "Kết quả", "Lý do"])
        for row in preview.rows:
            if row.state != VALID:
                writer.writerow([row.row, row.name, "Không nhập" if row.action == REJECT else "Cảnh báo",
                                 " ".join(row.messages)])
    return path


__all__ = ["MEMBER_FIELDS", "ImportPreview", "ImportResult", "RowResult", "apply_import", "import_roster",
           "preview_import", "write_report"]
