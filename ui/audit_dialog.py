"""The change log (audit trail): who changed what and when, newest first, filtered by a record's name, a
person and dates, with the chain's check at the top (toàn vẹn, or where it was tampered with)."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services.audit_log import AuditCheck, AuditRow, read_log, verify_database
from ui import ops
from ui.context import AppContext
from ui.qt_dates import to_date
from ui.sizing import fit_placeholder
from ui.tables import fit_rows
from ui.tasks import user_message


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Change log"))
        self.resize(1100, 600)
        layout = QVBoxLayout(self)
        self.check = QLabel()
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        filters = QHBoxLayout()
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("Record (name), with or without marks"))
        self.person = QLineEdit()
        self.person.setPlaceholderText(self.tr("Who"))
        self.since, self.until = QDateEdit(), QDateEdit()
        for edit, day in ((self.since, QDate.currentDate().addYears(-1)), (self.until, QDate.currentDate())):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(day)
        fit_placeholder(self.record)  # its hint whole, in large text too
        filters.addWidget(self.record, 2)
        filters.addWidget(self.person, 1)
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        layout.addLayout(filters)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Time"), self.tr("Who"), self.tr("Record"),
                                              self.tr("Change"), self.tr("Details")])
        # The record and the details share the room the short columns leave, both wrapping: a long record
        # name no longer squeezes the details into a narrow, tall column.
        for column in (3, 5):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        fit_rows(self.table)  # a long "details" wraps onto more lines of its row instead of ending in "…"
        layout.addWidget(self.table, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        for signal in (self.record.textChanged, self.person.textChanged, self.since.dateChanged,
                       self.until.dateChanged):
            signal.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        database = self.ctx.paths.database
        text, person = self.record.text(), self.person.text()
        since, until = to_date(self.since.date()), to_date(self.until.date())

        def job() -> tuple[AuditCheck, list[AuditRow]]:
            return verify_database(database), read_log(database, text=text, who=person, since=since, until=until)

        ops.read(self.ctx, self, lambda _store: job()).success(self._show) \
            .failure(lambda exc: self.check.setText(user_message(exc))).run()

    def _show(self, result: tuple[AuditCheck, list[AuditRow]]) -> None:
        check, rows = result
        self.check.setText(self.tr("Change log check: %1").replace("%1", check.summary))
        self.check.setStyleSheet("" if check.ok else "color: #b00020; font-weight: bold")
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = (str(row.seq), row.at.strftime("%d/%m/%Y %H:%M"), _WHO.get(row.who, row.who),
                     row.label or _ENTITIES.get(row.entity, row.entity), row.action, _difference(row))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()


# What kind of record, and who, when the entry has no name of its own: words, not table names.
_ENTITIES = {"member": "Đảng viên", "member_event": "Sự kiện của đảng viên", "meeting": "Kỳ sinh hoạt",
             "task": "Nhiệm vụ", "resolution": "Nghị quyết", "vote": "Biểu quyết", "cell": "Chi bộ",
             "minutes": "Biên bản", "attendance": "Điểm danh", "candidate": "Quần chúng", "dues": "Đảng phí"}
_WHO = {"local": "Máy này"}
# The record's fields in the secretary's words; a field not listed (ids, hashes, internal flags) is not shown.
_FIELDS = {
    "full_name": "Họ và tên", "birth_name": "Tên khai sinh", "birth_date": "Ngày sinh", "gender": "Giới tính",
    "ethnicity": "Dân tộc", "religion": "Tôn giáo", "home_town": "Quê quán", "residence": "Nơi cư trú",
    "admission_decision_date": "Ngày quyết định kết nạp", "ceremony_date": "Ngày kết nạp",
    "official_date": "Ngày chính thức", "card_number": "Số thẻ", "record_number": "Số lý lịch",
    "national_id": "Số căn cước", "position": "Chức vụ", "education": "Giáo dục phổ thông",
    "political_theory": "Lý luận chính trị", "profession": "Nghề nghiệp", "phone": "Điện thoại", "notes": "Ghi chú",
    "kind": "Loại", "event_date": "Ngày", "end_date": "Đến ngày", "reason": "Lý do", "detail": "Chi tiết",
    "decision_ref": "Số quyết định", "state": "Trạng thái", "status": "Tình trạng", "assessment": "Đánh giá",
    "subject": "Trích yếu", "number": "Số", "name": "Tên", "superior_name": "Cấp ủy cấp trên",
    "place_name": "Địa danh", "term_start": "Đầu nhiệm kỳ", "term_end": "Cuối nhiệm kỳ", "title": "Tiêu đề",
    "yes": "Tán thành", "no": "Không tán thành", "abstain": "Ý kiến khác", "planned_at": "Thời gian",
    "place": "Địa điểm", "body": "Nội dung", "signer": "Người ký",
}
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_CODE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$|^[0-9a-f]{16,}$|^[0-9a-f]{8}-[0-9a-f]{4}-")


def _values() -> dict[str, str]:
    """Stored codes ("held", "transfer_out_official", "done"…) in words, from the services' own labels."""
    from secretary_app.services.meeting_attendance import STATUS_LABELS
    from secretary_app.services.meeting_cycle import TASK_STATUS_LABELS
    from secretary_app.services.meetings import KIND_LABELS, STATE_LABELS
    from secretary_app.services.roster import DISCIPLINE_LABELS, EVENT_LABELS

    words: dict[str, str] = {}
    for labels in (STATUS_LABELS, TASK_STATUS_LABELS, KIND_LABELS, STATE_LABELS, EVENT_LABELS, DISCIPLINE_LABELS):
        words.update({str(getattr(key, "value", key)): str(label) for key, label in labels.items()})
    return words


def _word(value: object, words: dict[str, str]) -> str | None:
    """A stored value as a person reads it; None when it is a code with no words for it."""
    text = "" if value is None else str(value)
    if text in words:
        return words[text]
    day = _ISO_DAY.match(text)
    if day:
        return f"{day.group(3)}/{day.group(2)}/{day.group(1)}"
    return None if _CODE.match(text) else text


def _difference(row: AuditRow) -> str:
    """The fields that changed, "Field: before → after", from the two JSON images, in words."""
    import json

    try:
        before, after = json.loads(row.before or "{}"), json.loads(row.after or "{}")
    except ValueError:
        return ""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    words = _values()
    parts = []
    for key in (list(after) if not before else sorted(set(before) | set(after))):
        label = _FIELDS.get(key)
        old, new = _word(before.get(key), words), _word(after.get(key), words)
        if label is None or old is None or new is None or before.get(key) == after.get(key):
            continue
        if not before:
            if new:
                parts.append(f"{label}: {new}")
        else:
            parts.append(f"{label}: {old or '(trống)'} → {new or '(trống)'}")
    return ("; " if before else ", ").join(parts)[:300]
