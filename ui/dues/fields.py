"""Typed fields of the dues dialogs: an amount in đồng, a rate in percent, a month as mm/yyyy."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLineEdit, QWidget


def parse_amount(text: str) -> int | None:
    """"12.420", "12 420 đ", "-5000" → int đồng; empty → None; raises ValueError with a plain message.
    A minus sign is kept, so the service (not this parser) says that an amount may not be negative."""
    cleaned = text.strip().lower().removesuffix("đồng").removesuffix("đ").replace(".", "").replace(",", "")
    cleaned = cleaned.replace(" ", "")
    if not cleaned:
        return None
    if not re.fullmatch(r"-?\d+", cleaned):
        raise ValueError(QCoreApplication.translate("dues_fields", "Type the amount in đồng, digits only, for example 5310000."))
    return int(cleaned)


def parse_rate(text: str) -> int | None:
    """A percent with up to two decimals ("0,3", "0.5", "1") → 1/10000 of the basis (30, 50, 100)."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    if not cleaned:
        return None
    match = re.fullmatch(r"(-?)(\d+)(?:\.(\d{1,2}))?", cleaned)
    if match is None:
        raise ValueError(QCoreApplication.translate("dues_fields", "Type the rate as a percent, for example 0,3 for 0.3%."))
    sign, whole, decimals = match.groups()
    value = int(whole) * 100 + int((decimals or "").ljust(2, "0"))
    return -value if sign else value


def parse_month(text: str) -> dt.date | None:
    """"03/2026", "3/2026" or "15/03/2026" → 01/03/2026; empty → None; raises ValueError otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = re.fullmatch(r"(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})", cleaned)
    if match is not None:
        day, month, year = (int(match.group(1) or 1), int(match.group(2)), int(match.group(3)))
        try:
            dt.date(year, month, day)
            return dt.date(year, month, 1)
        except ValueError:
            pass
    raise ValueError(QCoreApplication.translate("dues_fields", "Type the month as mm/yyyy, for example 03/2026."))


class AmountEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(200)


class MonthEdit(QLineEdit):
    """A month typed as mm/yyyy (empty allowed: the service then says what is missing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(QCoreApplication.translate("dues_fields", "mm/yyyy"))
        self.setMaximumWidth(120)

    def set_month(self, month: dt.date | None) -> None:
        self.setText(f"{month.month:02d}/{month.year}" if month else "")

    def month(self) -> dt.date | None:
        return parse_month(self.text())
