"""Areas whose pages are being built: each says what it will hold (never an empty grey page)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.pages.base import ComingPage


class AdmissionsPage(ComingPage):
    key = "admissions"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Member development"),
                         self.tr("Candidates for admission and probationary members, with their next step."), [
                             self.tr("each candidate with the next step and its deadline"),
                             self.tr("probationary members with the date their 12 months end"),
                             self.tr("a timeline per person, from the awareness class to recognition"),
                         ], parent)
