"""Kế hoạch (KH) of the cell. ``demo_plan`` stands in until the planning area is built."""

from __future__ import annotations

import datetime as dt

from exporters import Document
from secretary_app.documents.common import resolution_recipients
from secretary_app.documents.narrative import build_narrative
from secretary_app.documents.records import CellHeader, NarrativeRecord, SectionEntry


def build_plan(record: NarrativeRecord) -> Document:
    return build_narrative(record, doc_type="KH", type_name="KẾ HOẠCH")


def demo_plan(cell: CellHeader, *, number: int, issued_on: dt.date, signer_name: str, year: int) -> NarrativeRecord:
    return NarrativeRecord(
        cell=cell, number=number, issued_on=issued_on, signer_name=signer_name,
        subject=f"sinh hoạt chuyên đề năm {year}",
        intro="Căn cứ Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương, Chi bộ xây dựng kế "
              f"hoạch sinh hoạt chuyên đề năm {year} như sau:",
        recipients=resolution_recipients(cell.superior_body),
        sections=(
            SectionEntry("I- MỤC ĐÍCH, YÊU CẦU", (
                "Nâng cao chất lượng sinh hoạt chi bộ; mỗi quý tổ chức ít nhất một kỳ sinh hoạt chuyên đề.",
            )),
            SectionEntry("II- NỘI DUNG VÀ THỜI GIAN", (
                f"1- Quý I: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {year}",
                "2- Quý II: Xây dựng khu dân cư văn minh, sạch đẹp",
                "3- Quý III: Phòng, chống tham nhũng, tiêu cực ở cơ sở",
                "4- Quý IV: Nâng cao chất lượng sinh hoạt chi bộ",
            )),
            SectionEntry("III- TỔ CHỨC THỰC HIỆN", (
                "Chi ủy phân công đảng viên chuẩn bị chuyên đề bằng văn bản, gửi đảng viên trước kỳ sinh hoạt.",
            )),
        ),
    )
