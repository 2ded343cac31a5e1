"""The neutral document model: what a Party document says, not how a renderer lays it out.

Every class is a frozen dataclass that checks itself at construction, so a half-filled document cannot
exist and therefore cannot be rendered. Lists given to the constructors are stored as tuples.
Strings are kept as given; the renderers NFC-normalise them (see ``formatting.nfc``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

from exporters.errors import DocumentError
from exporters.formatting import format_percent, nfc

_NUMBER_PATTERN = re.compile(r"^Số \d{2,}-\w+/[\w-]+$")
_MARKUP = re.compile(r"\*\*(?P<bold>.+?)\*\*|\*(?P<italic>.+?)\*")
_ARCHIVE_LINE = "Lưu Chi bộ"


def _require_text(value: object, message: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise DocumentError(message)


def _freeze(obj: object, name: str) -> None:
    # Builders naturally pass lists; tuples keep the dataclass immutable and hashable.
    value = getattr(obj, name)
    if isinstance(value, list):
        object.__setattr__(obj, name, tuple(value))


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


def runs_from_markup(text: str) -> tuple[Run, ...]:
    """Split ``"Chi bộ **quyết nghị**: *thông qua*"`` into runs. An unpaired ``*`` stays literal."""
    runs: list[Run] = []
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()]))
        if match.group("bold") is not None:
            runs.append(Run(match.group("bold"), bold=True))
        else:
            runs.append(Run(match.group("italic"), italic=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return tuple(runs)


@dataclass(frozen=True)
class Header:
    """The two-column block at the top of page 1 (documents.md §2).

    Minutes usually omit ``number`` and the place-date line (§3), so both are optional; the date line
    needs both ``place`` and ``date``.
    """

    superior_body: str
    issuing_body: str
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    show_party_title: bool = True

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        _require_text(self.superior_body, "Thiếu tên đảng bộ cấp trên (superior body)")
        _require_text(self.issuing_body, "Thiếu tên chi bộ (issuing body)")
        if self.number is not None:
            _require_text(self.number, "Số, ký hiệu văn bản (number) để trống; bỏ hẳn hoặc ghi dạng 'Số 03-NQ/CB'")
            if not _NUMBER_PATTERN.match(nfc(self.number.strip())):
                raise DocumentError(f"Số, ký hiệu văn bản (number) '{self.number}' không đúng dạng 'Số 03-NQ/CB'")
        if self.date is not None and not isinstance(self.date, dt.date):
            raise DocumentError("Ngày ban hành (date) phải là một ngày (datetime.date)")
        if self.place is not None:
            _require_text(self.place, "Địa danh (place) để trống; bỏ hẳn hoặc ghi tên địa danh")
        if self.date is not None and self.place is None:
            raise DocumentError("Thiếu địa danh (place) cho dòng ngày tháng")
        if self.place is not None and self.date is None:
            raise DocumentError("Thiếu ngày ban hành (date) cho dòng ngày tháng")


@dataclass(frozen=True)
class Heading:
    """A section title. The builder writes the numbering ("I- ", "1- ") into ``text``; level 1 is the top."""

    text: str
    level: int = 1

    def __post_init__(self) -> None:
        _require_text(self.text, "Đề mục (Heading.text) để trống")
        if self.level not in (1, 2, 3):
            raise DocumentError(f"Cấp đề mục (Heading.level) phải là 1, 2 hoặc 3 (nhận được {self.level})")


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    indent_first_line: bool = True
    align: Align = Align.JUSTIFY

    def __post_init__(self) -> None:
        _freeze(self, "runs")
        if not all(isinstance(run, Run) for run in self.runs):
            raise DocumentError("Đoạn văn (Paragraph.runs) chỉ chứa Run; dùng Paragraph.from_markup cho chuỗi")
        if not "".join(run.text for run in self.runs).strip():
            raise DocumentError("Đoạn văn (Paragraph.runs) để trống")

    @classmethod
    def from_markup(cls, text: str, *, indent_first_line: bool = True, align: Align = Align.JUSTIFY) -> Paragraph:
        """Build from plain text with optional ``**bold**`` and ``*italic*``."""
        return cls(runs_from_markup(text), indent_first_line=indent_first_line, align=align)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Column:
    width_mm: float
    align: Align = Align.LEFT

    def __post_init__(self) -> None:
        if not self.width_mm > 0:
            raise DocumentError(f"Độ rộng cột (Column.width_mm) phải lớn hơn 0 (nhận được {self.width_mm})")


@dataclass(frozen=True)
class Table:
    """A grid table. ``header`` may be empty for a table without a heading row.
    If the widths add up to more than the text width, renderers shrink them proportionally."""

    columns: tuple[Column, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        _freeze(self, "columns")
        _freeze(self, "header")
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))
        if not self.columns:
            raise DocumentError("Bảng (Table.columns) chưa có cột nào")
        if self.header and len(self.header) != len(self.columns):
            raise DocumentError(f"Dòng tiêu đề bảng (Table.header) có {len(self.header)} ô, bảng có {len(self.columns)} cột")
        if not self.rows:
            raise DocumentError("Bảng (Table.rows) chưa có dòng nào")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise DocumentError(f"Dòng {number} của bảng (Table.rows) có {len(row)} ô, bảng có {len(self.columns)} cột")


@dataclass(frozen=True)
class VoteLine:
    """One line of a vote result, e.g. "Tán thành: 20/20 đồng chí, đạt 100%". ``base`` is the number of
    official members counted for the vote (documents.md §5.4), computed by the caller."""

    count: int
    base: int
    label: str = "Tán thành"
    unit: str = "đồng chí"
    verb: str = "đạt"  # "chiếm" reads better for "Không tán thành"

    def __post_init__(self) -> None:
        _require_text(self.label, "Thiếu nhãn biểu quyết (VoteLine.label)")
        if self.base < 1:
            raise DocumentError(f"Số đảng viên biểu quyết (VoteLine.base) phải từ 1 trở lên (nhận được {self.base})")
        if not 0 <= self.count <= self.base:
            raise DocumentError(f"Số phiếu (VoteLine.count = {self.count}) phải nằm trong khoảng 0..{self.base}")

    @property
    def text(self) -> str:
        return f"{self.label}: {self.count}/{self.base} {self.unit}, {self.verb} {format_percent(self.count, self.base)}"


@dataclass(frozen=True)
class Signer:
    """One signature column: optional authority ("T/M CHI BỘ"), title ("BÍ THƯ"), space to sign, name."""

    title: str
    name: str
    authority: str | None = None
    gap_lines: int = 4

    def __post_init__(self) -> None:
        _require_text(self.title, "Thiếu chức danh người ký (Signer.title)")
        _require_text(self.name, "Thiếu họ tên người ký (Signer.name)")
        if self.authority is not None:
            _require_text(self.authority, "Thẩm quyền ký (Signer.authority) để trống; bỏ hẳn hoặc ghi 'T/M CHI BỘ'")
        if not 0 <= self.gap_lines <= 10:
            raise DocumentError(f"Khoảng trống để ký (Signer.gap_lines) phải từ 0 đến 10 dòng (nhận được {self.gap_lines})")


@dataclass(frozen=True)
class Recipients:
    """The "Nơi nhận:" list. Lines are given without "- " and punctuation; ``formatted`` adds them and puts
    an archive line ("Lưu Chi bộ", or any line starting "Lưu") last, adding "Lưu Chi bộ" if missing."""

    lines: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self, "lines")
        for line in self.lines:
            _require_text(line, "Một dòng nơi nhận (Recipients.lines) để trống")

    def formatted(self, line_ending: str = ",") -> tuple[str, ...]:
        cleaned = [nfc(line).strip().lstrip("-").strip().rstrip(",;.").strip() for line in self.lines]
        archive = [line for line in cleaned if line.casefold().startswith("lưu")]
        others = [line for line in cleaned if not line.casefold().startswith("lưu")]
        ordered = [*others, *(archive or [_ARCHIVE_LINE])]
        return (*(f"- {line}{line_ending}" for line in ordered[:-1]), f"- {ordered[-1]}.")


@dataclass(frozen=True)
class Signature:
    """The closing row of a resolution: recipients bottom left, one signer on the right."""

    signer: Signer
    recipients: Recipients | None = None


@dataclass(frozen=True)
class DoubleSignature:
    """The closing row of minutes: THƯ KÝ on the left, CHỦ TRÌ on the right; no recipients."""

    left: Signer
    right: Signer


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | VoteLine | Signature | DoubleSignature | PageBreak


def keeps_with_next(block: Block, following: Block | None) -> bool:
    """Whether ``block`` must share a page with the block after it, in both renderers: a heading, a lead-in
    paragraph ending with ":" ("Ý kiến phát biểu (theo thứ tự):", "…, kết quả:"), and a vote line followed
    by another vote line (the tally is read as one)."""
    if following is None or isinstance(following, PageBreak):
        return False
    if isinstance(block, Heading):
        return True
    if isinstance(block, Paragraph):
        return block.text.rstrip().endswith(":")
    return isinstance(block, VoteLine) and isinstance(following, VoteLine)
_BLOCK_TYPES = (Heading, Paragraph, Table, VoteLine, Signature, DoubleSignature, PageBreak)


@dataclass(frozen=True)
class Document:
    """A complete Party document: header, type name ("NGHỊ QUYẾT"), optional subject, then content blocks."""

    header: Header
    doc_type_name: str
    subject: str | None
    blocks: tuple[Block, ...] = field(default=())

    def __post_init__(self) -> None:
        _freeze(self, "blocks")
        self.validate()

    def validate(self) -> None:
        """Raise DocumentError naming the first missing or malformed field. Renderers call it again."""
        if not isinstance(self.header, Header):
            raise DocumentError("Thiếu phần đầu văn bản (header)")
        self.header.validate()
        _require_text(self.doc_type_name, "Thiếu tên loại văn bản (doc_type_name), ví dụ 'NGHỊ QUYẾT'")
        if self.subject is not None:
            _require_text(self.subject, "Trích yếu (subject) để trống; bỏ hẳn hoặc ghi nội dung")
        if not self.blocks:
            raise DocumentError("Văn bản chưa có nội dung (blocks)")
        for position, block in enumerate(self.blocks, start=1):
            if not isinstance(block, _BLOCK_TYPES):
                raise DocumentError(f"Khối nội dung thứ {position} (blocks) không hợp lệ: {type(block).__name__}")
