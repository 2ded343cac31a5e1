"""The one place that states which month a meeting belongs to and what follows from it.

documents.md §3–§4: a meeting held in month M is the cell's meeting of month M; it adopts the resolution
of month M ("về lãnh đạo thực hiện nhiệm vụ tháng M"), whose section I reports on month M−1 and whose
section II sets the tasks of month M. The vote that adopts it is "Thông qua nghị quyết tháng M".
Every document, draft and check reads these strings from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RESOLUTION_WORD = {"NQ": "nghị quyết", "KL": "kết luận"}


@dataclass(frozen=True, order=True)
class MeetingMonth:
    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> MeetingMonth:
        """The month of the meeting held on ``day`` (a datetime works too)."""
        return cls(day.year, day.month)

    @property
    def previous(self) -> MeetingMonth:
        """M−1: the month the meeting reports on ("tháng 12/2026" for a meeting in January 2027)."""
        return MeetingMonth(self.year - 1, 12) if self.month == 1 else MeetingMonth(self.year, self.month - 1)

    @property
    def numeric(self) -> str:
        """"02/2026"."""
        return f"{self.month:02d}/{self.year}"

    @property
    def words(self) -> str:
        """"tháng 02 năm 2026"; months 1–2 zero-padded, as in the Party date line (documents.md §2)."""
        month = f"{self.month:02d}" if self.month <= 2 else str(self.month)
        return f"tháng {month} năm {self.year}"


def resolution_subject(day: dt.date) -> str:
    """The trích yếu of the resolution adopted at a meeting on ``day``."""
    return f"về lãnh đạo thực hiện nhiệm vụ {MeetingMonth.of(day).words}"


def results_heading(day: dt.date) -> str:
    """Section I of that resolution: the results of the month before the meeting."""
    return f"I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG {MeetingMonth.of(day).previous.numeric}"


def tasks_heading(day: dt.date) -> str:
    """Section II: the tasks of the meeting's own month."""
    return f"II- NHIỆM VỤ, GIẢI PHÁP THÁNG {MeetingMonth.of(day).numeric}"


def vote_subject(day: dt.date, doc_type: str = "NQ") -> str:
    """"Thông qua nghị quyết tháng 02/2026": what the cell votes on to adopt that resolution."""
    return f"Thông qua {RESOLUTION_WORD.get(doc_type, 'nghị quyết')} tháng {MeetingMonth.of(day).numeric}"


def subject_month(subject: str) -> MeetingMonth | None:
    """The month a resolution's subject names ("… tháng 02 năm 2026" or "… tháng 02/2026"), if any; the
    consistency check compares it with the meeting's month."""
    words = subject.replace("/", " năm ").split()
    for index in range(len(words) - 3, -1, -1):
        if words[index] == "tháng" and words[index + 2] == "năm":
            month, year = words[index + 1], words[index + 3].rstrip(".,;")
            if month.isdigit() and year.isdigit() and 1 <= int(month) <= 12:
                return MeetingMonth(int(year), int(month))
    return None
