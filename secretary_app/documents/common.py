"""Pieces every builder shares: the header, money and time formats, sections, signatures."""

from __future__ import annotations

import datetime as dt
import re

from exporters import (
    Align,
    Header,
    Heading,
    Paragraph,
    Recipients,
    Signature,
    Signer,
    VoteLine,
    format_number,
)
from exporters.model import Block
from models.text import nfc
from secretary_app.documents.records import CellHeader, SectionEntry, VoteEntry, require

ISSUER_CODE = "CB"
_SUB_HEADING = re.compile(r"^\d+[-.]\s")


def header(cell: CellHeader, *, number: int | None = None, doc_type: str | None = None,
           date: dt.date | None = None) -> Header:
    cell.check()
    return Header(
        superior_body=nfc(cell.superior_body),
        issuing_body=nfc(cell.cell_name),
        number=format_number(number, doc_type, ISSUER_CODE) if number is not None and doc_type else None,
        place=nfc(cell.place) if date is not None else None,
        date=date,
    )


def superior_committee(superior_body: str) -> str:
    """Who receives the cell's reports: the superior đảng bộ's executive committee, "Đảng bộ phường Hoàn
    Kiếm" → "Đảng ủy phường Hoàn Kiếm" (the header names the đảng bộ, Nơi nhận its đảng ủy; documents.md §4).
    A name that is not "Đảng bộ …" (say "Đảng ủy Khối …") is used as given."""
    name = nfc(superior_body).strip()
    head, _, rest = name.partition(" ")
    second, _, tail = rest.partition(" ")
    if head.casefold() == "đảng" and second.casefold() == "bộ" and tail:
        return f"{head} ủy {tail}"
    return name


def report_recipients(superior_body: str) -> tuple[str, ...]:
    """Nơi nhận of a document sent up for information: the superior committee (Lưu Chi bộ is added last)."""
    return (f"{superior_committee(superior_body)} (để báo cáo)",)


def resolution_recipients(superior_body: str) -> tuple[str, ...]:
    """Nơi nhận of a resolution, conclusion or plan: the superior committee, then every member."""
    return (*report_recipients(superior_body), "Đảng viên trong chi bộ")


def p(text: str, *, indent: bool = True, align: Align = Align.JUSTIFY) -> Paragraph:
    """A body paragraph from text with ``**bold**``/``*italic*``; NFC so the PDF never shows loose marks."""
    return Paragraph.from_markup(nfc(text), indent_first_line=indent, align=align)


def vnd(amount: int) -> str:
    """Integer VND with dot thousands: 12420 → "12.420"."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", ".")


def clock(moment: dt.datetime) -> str:
    """"19 giờ 30 phút"."""
    return f"{moment.hour} giờ {moment.minute:02d} phút"


def long_date(day: dt.date) -> str:
    """"ngày 05 tháng 02 năm 2026" (the date-line convention of documents.md §2)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def sections(entries: tuple[SectionEntry, ...]) -> list[Block]:
    """Headings in caps at level 1; paragraphs starting "1- " become level-2 headings when short."""
    blocks: list[Block] = []
    for position, entry in enumerate(entries, start=1):
        require(entry.heading, f"đề mục của phần thứ {position}", f"sections[{position - 1}].heading")
        blocks.append(Heading(nfc(entry.heading).strip()))
        for text in entry.paragraphs:
            text = nfc(text).strip()
            if not text:
                continue
            if _SUB_HEADING.match(text) and len(text) < 90 and not text.endswith("."):
                blocks.append(Heading(text, level=2))
            else:
                blocks.append(p(text))
    return blocks


_CHOICES = (("yes", "Tán thành"), ("no", "Không tán thành"), ("abstain", "Ý kiến khác"))


def vote_lines(vote: VoteEntry) -> list[Block]:
    """"Tán thành: 17/18 đồng chí, đạt 94,44%" and the two other lines (documents.md §3.8); after a named
    vote, who voted how ("- Tán thành: đồng chí A, đồng chí B.")."""
    blocks: list[Block] = [
        VoteLine(vote.yes, vote.base),
        VoteLine(vote.no, vote.base, label="Không tán thành", verb="chiếm"),
        VoteLine(vote.abstain, vote.base, label="Ý kiến khác", verb="chiếm"),
    ]
    if vote.named:
        blocks.append(p("Biểu quyết ghi danh:"))
        for choice, label in _CHOICES:
            names = [nfc(name) for name, chosen in vote.named if chosen == choice]
            if names:
                blocks.append(p(f"- {label}: " + ", ".join(f"đồng chí {name}" for name in names) + "."))
    return blocks


def signed(name: str, *, title: str = "BÍ THƯ", authority: str | None = "T/M CHI BỘ",
           recipients: tuple[str, ...] | None = None) -> Signature:
    require(name, "họ tên người ký", "signer_name")
    require(title, "chức danh người ký", "signer_title")
    return Signature(
        signer=Signer(title=nfc(title).upper(), name=nfc(name), authority=nfc(authority) if authority else None),
        recipients=Recipients(tuple(nfc(line) for line in recipients)) if recipients is not None else None,
    )
