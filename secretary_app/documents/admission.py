"""Admission documents (rules.md §2.2, documents.md §4): the cell's resolution proposing admission or
recognition as official (a NQ of the cell, built by ``resolution.build_resolution``) and the dossier
checklist (what is present, what is missing, what expires when)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from exporters import Align, Column, Document, Heading, Table
from models.text import nfc
from secretary_app.documents.common import header, p, signed
from secretary_app.documents.records import CellHeader, ResolutionRecord, SectionEntry, VoteEntry
from secretary_app.documents.resolution import build_resolution
from secretary_app.errors import ValidationFailed


@dataclass(frozen=True)
class PersonFacts:
    """What the resolution says about the person (plain text, Vietnamese)."""

    full_name: str
    birth_date: dt.date | None
    occupation: str
    facts: tuple[str, ...]  # "Giấy chứng nhận lớp bồi dưỡng … cấp ngày …", "Người giới thiệu: …", …


def build_proposal(cell: CellHeader, kind: str, person: PersonFacts, *, number: int | None, issued_on: dt.date,
                   meeting_date: dt.date, present: int, total: int, chair: str, signer: str,
                   vote: VoteEntry) -> Document:
    """NGHỊ QUYẾT đề nghị kết nạp (``kind`` "admission") or công nhận đảng viên chính thức ("recognition")."""
    if kind not in ("admission", "recognition"):
        raise ValidationFailed("Chỉ có nghị quyết đề nghị kết nạp hoặc công nhận đảng viên chính thức.", field="kind")
    name = nfc(person.full_name)
    about = "; ".join(part for part in (
        f"sinh ngày {person.birth_date:%d/%m/%Y}" if person.birth_date else "",
        f"nghề nghiệp: {nfc(person.occupation)}" if person.occupation.strip() else "") if part)
    about = f" ({about})" if about else ""
    if kind == "admission":
        subject = f"đề nghị kết nạp quần chúng {name} vào Đảng Cộng sản Việt Nam"
        decision = (f"1- Đề nghị {cell.superior_body} xem xét, quyết định kết nạp quần chúng {name}{about} "
                    "vào Đảng Cộng sản Việt Nam.")
        intro = "Chi bộ đã xem xét hồ sơ của người xin vào Đảng (đơn, lý lịch, giấy giới thiệu, nhận xét)."
    else:
        subject = f"đề nghị công nhận đảng viên chính thức đối với đồng chí {name}"
        decision = (f"1- Đề nghị {cell.superior_body} xem xét, quyết định công nhận đồng chí {name}{about} "
                    "là đảng viên chính thức.")
        intro = "Chi bộ đã xem xét bản tự kiểm điểm của đảng viên dự bị và nhận xét của đảng viên giúp đỡ."
    sections = (
        SectionEntry("I- NHẬN XÉT", (intro, *person.facts)),
        SectionEntry("II- ĐỀ NGHỊ", (decision, "2- Chi ủy hoàn chỉnh hồ sơ, báo cáo cấp ủy cấp trên theo quy định.")),
    )
    record = ResolutionRecord(
        cell=cell, doc_type="NQ", number=number, issued_on=issued_on, subject=subject, sections=sections,
        signer_name=signer, recipients=(f"{cell.superior_body} (để báo cáo)", "Lưu Chi bộ"),
        meeting_date=meeting_date, present=present, total=total, chair=chair, vote=vote)
    return build_resolution(record)


@dataclass(frozen=True)
class ChecklistLine:
    item: str
    day: dt.date | None
    state: str  # "Có", "Thiếu", "Hết hạn ngày …", "Có (hết hạn ngày …)"


def build_checklist(cell: CellHeader, full_name: str, lines: tuple[ChecklistLine, ...], *, issued_on: dt.date,
                    signer: str) -> Document:
    """DANH MỤC HỒ SƠ đề nghị kết nạp: each document of the dossier, its date and whether it is there."""
    if not lines:
        raise ValidationFailed("Hồ sơ chưa có mục nào.", field="lines")
    table = Table(
        columns=(Column(12, Align.CENTER), Column(70), Column(26, Align.CENTER), Column(58)),
        header=("STT", "Tài liệu", "Ngày", "Tình trạng"),
        rows=tuple((str(n), line.item, f"{line.day:%d/%m/%Y}" if line.day else "", line.state)
                   for n, line in enumerate(lines, start=1)),
    )
    missing = sum(1 for line in lines if line.state == "Thiếu")
    summary = (f"Hồ sơ còn thiếu {missing} tài liệu." if missing else "Hồ sơ đã đủ các tài liệu cần có.")
    return Document(
        header=header(cell, date=issued_on),
        doc_type_name="DANH MỤC HỒ SƠ",
        subject=f"đề nghị kết nạp đảng viên: {nfc(full_name)}",
        blocks=(Heading("CÁC TÀI LIỆU TRONG HỒ SƠ", level=2), table, p(summary),
                signed(signer, recipients=("Lưu Chi bộ",))),
    )
