"""The rules in force on a day, as the Cài đặt page lists them (read-only): each with its value, the date it
took effect, its source and tag, and any caveat noted in the data (e.g. that QĐ 294 may have been replaced).

Everything comes from the dated data through ``secretary_app.rules_data``; nothing here restates a value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models.rules.dates import format_vn
from models.rules.votes import Threshold
from secretary_app import rules_data
from secretary_app.services.votes import DECISION_LABELS, THRESHOLD_LABELS

TAG_LABELS = {"C": "đã đối chiếu", "S": "nguồn thứ cấp", "?": "chưa kiểm chứng", "U": "chưa xác nhận",
              "R": "quy định địa phương", "L": "theo Bộ luật Lao động", "app": "lựa chọn của ứng dụng"}


@dataclass(frozen=True)
class RuleInForce:
    topic: str  # e.g. "Ngưỡng biểu quyết"
    rule: str  # e.g. "Kỷ luật khai trừ: ít nhất 2/3"
    effective_from: dt.date | None  # None for the holiday calendar, which is listed per year
    source: str
    tag: str  # "[?] chưa kiểm chứng", "" when none
    note: str


def _tag(field: Any) -> str:
    tag = field.get("tag", "") if isinstance(field, dict) else ""
    return f"[{tag}] {TAG_LABELS.get(tag, '')}".strip() if tag else ""


def _field_note(field: Any, entry_note: str) -> str:
    own = field.get("note", "") if isinstance(field, dict) else ""
    return "; ".join(n for n in (own, entry_note) if n)


def _votes(day: dt.date) -> list[RuleInForce]:
    entry = rules_data.entry_on("vote_thresholds.json", day)
    since = dt.date.fromisoformat(entry["effective_from"])
    rows = []
    for kind, label in DECISION_LABELS.items():
        item = entry["thresholds"][kind.value]
        threshold = THRESHOLD_LABELS[Threshold(item["threshold"])]
        rows.append(RuleInForce("Ngưỡng biểu quyết", f"{label}: {threshold} số đảng viên trong mẫu số", since,
                                item["source"], _tag(item), entry.get("note", "")))
    return rows


def _fields(file: str, topic: str, day: dt.date, fields: tuple[tuple[str, str], ...]) -> list[RuleInForce]:
    """One row per listed field: (key, Vietnamese text with {v} for the value)."""
    try:
        entry = rules_data.entry_on(file, day)
    except rules_data.RuleDataError:
        return []
    since = dt.date.fromisoformat(entry["effective_from"])
    rows = []
    for key, text in fields:
        field = entry[key]
        value = field["value"] if isinstance(field, dict) else field
        if value is None:
            continue  # not set (e.g. a local rule left off)
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        rows.append(RuleInForce(topic, text.format(v=shown), since, entry["document"], _tag(field),
                                _field_note(field, entry.get("note", ""))))
    return rows


def _badges(day: dt.date) -> list[RuleInForce]:
    entry = rules_data.entry_on("badges.json", day)
    since, source, note = dt.date.fromisoformat(entry["effective_from"]), entry["document"], entry.get("note", "")
    occasions = ", ".join(f"{o['day']}/{o['month']}" for o in entry["occasions"])
    blocks = entry["discipline_block_months"]
    return [
        RuleInForce("Huy hiệu Đảng", "Mốc tuổi Đảng: " + ", ".join(map(str, entry["milestones_years"])) + " năm",
                    since, source, _tag({"tag": entry["milestones_tag"]}), note),
        RuleInForce("Huy hiệu Đảng", f"Dịp trao: {occasions}", since, source,
                    _tag({"tag": entry["occasions_tag"]}), note),
        RuleInForce("Huy hiệu Đảng", f"Sau kỷ luật xét lại sau: khiển trách {blocks['khien_trach']} tháng, "
                    f"cảnh cáo {blocks['canh_cao']} tháng, cách chức {blocks['cach_chuc']} tháng", since, source,
                    _tag({"tag": entry["discipline_tag"]}), note),
    ]


def _holidays(day: dt.date, count_unconfirmed: bool) -> list[RuleInForce]:
    rows = []
    for year in (day.year, day.year + 1):
        items = [h for h in rules_data.holiday_entries() if h["from"].startswith(str(year))]
        if not items:
            continue
        unconfirmed = [h for h in items if h["tag"] == "U"]
        text = f"Ngày nghỉ lễ năm {year}: {len(items) - len(unconfirmed)} đợt đã xác nhận"
        note = ""
        if unconfirmed:
            names = "; ".join(f"{h['name']} ({format_vn(dt.date.fromisoformat(h['from']))})" for h in unconfirmed)
            text += f", {len(unconfirmed)} đợt chưa xác nhận"
            note = (f"Chưa xác nhận: {names}. "
                    + ("Đang được tính khi tính thời hạn (theo Cài đặt)." if count_unconfirmed else
                       "Không tính khi tính thời hạn: thời hạn sớm hơn là an toàn."))
        rows.append(RuleInForce("Ngày làm việc", text, None,
                                "Bộ luật Lao động 2019 Điều 112; thông báo nghỉ lễ hằng năm", "", note))
    return rows


def rules_in_force(day: dt.date, *, count_unconfirmed_holidays: bool = False) -> tuple[RuleInForce, ...]:
    """Every rule in force on ``day`` the app applies, in the order the Cài đặt page lists them."""
    rows = _votes(day)
    rows += _fields("meeting_durations.json", "Sinh hoạt chi bộ", day, (
        ("regular_min_minutes", "Thời lượng sinh hoạt thường kỳ tối thiểu: {v} phút"),
        ("combined_min_minutes", "Thường kỳ kết hợp chuyên đề tối thiểu: {v} phút"),
        ("thematic_min_minutes", "Sinh hoạt chuyên đề tối thiểu: {v} phút"),
        ("large_cell_members", "Chi bộ từ {v} đảng viên: thời lượng tối thiểu riêng"),
    ))
    rows += _fields("admission_deadlines.json", "Kết nạp, công nhận đảng viên", day, (
        ("certificate_valid_months", "Giấy chứng nhận bồi dưỡng nhận thức về Đảng có giá trị {v} tháng"),
        ("decision_working_days", "Quyết định kết nạp trong {v} ngày làm việc kể từ nghị quyết chi bộ"),
        ("decision_extra_working_days", "Trường hợp đặc biệt: thêm {v} ngày làm việc"),
        ("ceremony_working_days", "Lễ kết nạp trong {v} ngày làm việc kể từ khi nhận quyết định"),
        ("probation_months", "Thời gian dự bị: {v} tháng kể từ ngày kết nạp"),
        ("recognition_review_working_days", "Chi bộ xét công nhận chính thức trong {v} ngày làm việc khi hết dự bị"),
        ("recognition_decision_working_days", "Quyết định công nhận trong {v} ngày làm việc kể từ nghị quyết"),
        ("min_age_years", "Tuổi tối thiểu người vào Đảng: {v} (tính theo tháng)"),
        ("max_age_years", "Tuổi tối đa người vào Đảng: {v} (trên nữa cần cấp có thẩm quyền đồng ý)"),
        ("introducer_months", "Người giới thiệu cùng công tác, học tập với người vào Đảng ít nhất {v} tháng"),
    ))
    rows += _badges(day)
    rows += _fields("dues_age_exemption.json", "Đảng phí", day, (
        ("party_age_years", "Miễn đảng phí khi đủ {v} năm tuổi Đảng"),
    ))
    rows += _holidays(day, count_unconfirmed_holidays)
    return tuple(rows)
