"""Báo cáo (BC) of the cell. The reporting area is not built yet: ``demo_report`` gives a realistic
monthly report until it is (see the note in ``secretary_app.documents``)."""

from __future__ import annotations

import datetime as dt

from exporters import Document
from secretary_app.documents.common import report_recipients
from secretary_app.documents.narrative import build_narrative
from secretary_app.documents.records import CellHeader, NarrativeRecord, SectionEntry


def build_report(record: NarrativeRecord) -> Document:
    return build_narrative(record, doc_type="BC", type_name="BÁO CÁO")


def demo_report(cell: CellHeader, *, number: int, issued_on: dt.date, signer_name: str,
                month: dt.date, present: int, total: int) -> NarrativeRecord:
    label = f"{month.month:02d}/{month.year}"
    return NarrativeRecord(
        cell=cell, number=number, issued_on=issued_on, signer_name=signer_name,
        subject=f"kết quả sinh hoạt chi bộ và thực hiện nhiệm vụ tháng {label}",
        recipients=report_recipients(cell.superior_body),
        sections=(
            SectionEntry("I- TÌNH HÌNH SINH HOẠT CHI BỘ", (
                f"Chi bộ tổ chức sinh hoạt thường kỳ tháng {label}; có mặt {present}/{total} đảng viên. "
                "Nội dung sinh hoạt bám sát Hướng dẫn số 42-HD/BTCTW; đảng viên phát biểu sôi nổi, đúng trọng tâm.",
            )),
            SectionEntry("II- KẾT QUẢ THỰC HIỆN NHIỆM VỤ", (
                "1- Công tác chính trị, tư tưởng",
                "Tình hình tư tưởng đảng viên và nhân dân ổn định; không có đơn thư khiếu nại, tố cáo.",
                "2- Công tác xây dựng Đảng",
                "Thu nộp đảng phí đầy đủ, đúng hạn; chi bộ tiếp tục bồi dưỡng quần chúng ưu tú.",
            )),
            SectionEntry("III- ĐỀ XUẤT, KIẾN NGHỊ", (
                "Đề nghị Đảng ủy phường tổ chức lớp bồi dưỡng sử dụng ứng dụng Sổ tay đảng viên cho đảng viên cao tuổi.",
            )),
        ),
    )
