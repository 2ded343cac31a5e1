"""QDate and QDateTime as Python dates: PySide6 types ``toPython()`` as returning ``object``."""

from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtCore import QDate, QDateTime, QTime


def to_date(value: QDate) -> dt.date:
    return cast(dt.date, value.toPython())


def to_qdatetime(value: dt.datetime) -> QDateTime:
    """A naive datetime as local time, as PySide6's own conversion makes it (its stub lacks that overload)."""
    return QDateTime(QDate(value.year, value.month, value.day),
                     QTime(value.hour, value.minute, value.second, value.microsecond // 1000))
