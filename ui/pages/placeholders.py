"""Areas whose pages are being built: each says what it will hold (never an empty grey page)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.pages.base import ComingPage


class DuesPage(ComingPage):
    key = "dues"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Party dues"),
                         self.tr("Monthly dues of every member, computed by the rules in force."), [
                             self.tr("a month grid of members with paid, unpaid and exempt months"),
                             self.tr("quick cash entry and the list of arrears"),
                             self.tr("the dues ledger and the report to the upper committee, in Word and PDF"),
                         ], parent)

