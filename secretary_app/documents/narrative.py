"""Shared body of a báo cáo and a kế hoạch: numbered header, subject, intro, sections, signature."""

from __future__ import annotations

from exporters import Document
from exporters.model import Block
from models.text import nfc
from secretary_app.documents.common import header, p, report_recipients, sections, signed
from secretary_app.documents.records import NarrativeRecord, missing, require


def build_narrative(record: NarrativeRecord, *, doc_type: str, type_name: str) -> Document:
    if record.number is None:
        raise missing("số văn bản (chưa cấp số trong sổ đăng ký văn bản)", "number")
    if record.issued_on is None:
        raise missing("ngày ban hành", "issued_on")
    require(record.subject, "trích yếu", "subject")
    if not record.sections:
        raise missing("nội dung (các phần I-, II-, …)", "sections")
    blocks: list[Block] = [p(record.intro)] if record.intro.strip() else []
    blocks.extend(sections(record.sections))
    blocks.append(signed(record.signer_name, title=record.signer_title, authority=record.authority,
                         recipients=record.recipients or report_recipients(record.cell.superior_body)))
    return Document(
        header=header(record.cell, number=record.number, doc_type=doc_type, date=record.issued_on),
        doc_type_name=type_name,
        subject=nfc(record.subject).strip(),
        blocks=tuple(blocks),
    )
