"""Nghị quyết (NQ) and kết luận (KL) of the cell: the skeleton of documents.md §4, signed T/M CHI BỘ."""

from __future__ import annotations

from exporters import Align, Document
from exporters.formatting import format_percent
from exporters.model import Block
from models.meeting_month import MeetingMonth
from models.text import nfc
from secretary_app.documents.agenda import KIND_WORD
from secretary_app.documents.common import header, p, resolution_recipients, sections, signed
from secretary_app.documents.records import ResolutionRecord, ValidationFailed, missing, require

TYPE_NAMES = {"NQ": "NGHỊ QUYẾT", "KL": "KẾT LUẬN"}


def build_resolution(record: ResolutionRecord) -> Document:
    """Opening sentence (date, attendance, chair), "QUYẾT NGHỊ:" (or "KẾT LUẬN:"), the sections, the vote
    and the signature with Nơi nhận; the last recipient line is always "- Lưu Chi bộ."."""
    if record.doc_type not in TYPE_NAMES:
        raise ValidationFailed(
            f"Loại văn bản (doc_type) \"{record.doc_type}\" không phải nghị quyết (NQ) hay kết luận (KL).",
            field="doc_type")
    if record.number is None:
        raise missing("số văn bản (chưa cấp số trong sổ đăng ký văn bản)", "number")
    if record.issued_on is None:
        raise missing("ngày ban hành", "issued_on")
    require(record.subject, "trích yếu (ví dụ “về lãnh đạo thực hiện nhiệm vụ tháng 02 năm 2026”)", "subject")
    if not record.sections:
        raise missing("nội dung (các phần I-, II-, …)", "sections")
    require(record.signer_name, "họ tên người ký", "signer_name")
    cell = nfc(record.cell.cell_name)
    blocks: list[Block] = []
    if record.meeting_date is not None:
        opening = (f"Ngày {record.meeting_date:%d/%m/%Y}, {cell} họp {KIND_WORD.get(record.meeting_kind, 'thường kỳ')} "
                   f"tháng {MeetingMonth.of(record.meeting_date).numeric}")
        if record.present is not None and record.total is not None:
            opening += f"; có mặt {record.present}/{record.total} đảng viên"
        if record.chair.strip():
            opening += f"; đồng chí {nfc(record.chair)}, {nfc(record.chair_title).strip() or 'Bí thư chi bộ'} chủ trì"
        blocks.append(p(opening + ". Sau khi thảo luận, Chi bộ"))
    verb = "QUYẾT NGHỊ:" if record.doc_type == "NQ" else "KẾT LUẬN:"
    blocks.append(p(f"**{verb}**", indent=False, align=Align.CENTER))
    blocks.extend(sections(record.sections))
    if record.vote is not None:
        what = "Nghị quyết" if record.doc_type == "NQ" else "Kết luận"
        blocks.append(p(
            f"{what} được chi bộ biểu quyết thông qua với {record.vote.yes}/{record.vote.base} đồng chí tán thành "
            f"(đạt {_percent(record.vote.yes, record.vote.base)})."
        ))
    blocks.append(signed(record.signer_name, title=record.signer_title, authority=record.authority,
                         recipients=record.recipients or resolution_recipients(record.cell.superior_body)))
    return Document(
        header=header(record.cell, number=record.number, doc_type=record.doc_type, date=record.issued_on),
        doc_type_name=TYPE_NAMES[record.doc_type],
        subject=nfc(record.subject).strip(),
        blocks=tuple(blocks),
    )


def _percent(count: int, base: int) -> str:
    if base < 1:
        raise ValidationFailed("Số đảng viên biểu quyết (vote.base) phải từ 1 trở lên.", field="vote.base")
    return format_percent(count, base)
