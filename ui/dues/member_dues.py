"""A member's dues decisions: the category and its basis (salary base, pension, benefit, student, other…)
with the month it takes effect; exemptions (social pension, special hardship) with the decision; reductions
of 30 / 50 / 70 % for at most 12 months per decision; deferral / prepayment for members exempted from
activities. Reached from the member's detail (members page) and from the dues page (the selected member).

Each dialog saves through ``ui/ops.py``; a refused input (no month, a negative amount, 18 months of
reduction…) shows the service's plain message in the dialog, which stays open, and nothing is saved."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import OpResult
from secretary_app.services import dues
from secretary_app.services.dues import (
    ADJUSTMENT_LABELS,
    AMOUNT_CATEGORIES,
    CATEGORY_LABELS,
    MAX_DECISION_MONTHS,
    AdjustmentKind,
    DuesCategory,
)
from ui import ops
from ui.context import AppContext
from ui.dues.fields import AmountEdit, MonthEdit, parse_amount
from ui.tasks import user_message

#: (member id, full name) of the member a page has selected, or None.
MemberPick = Callable[[], "tuple[uuid.UUID, str] | None"]

if TYPE_CHECKING:
    from secretary_app.store import Store


class _DuesDialog(QDialog):
    def __init__(self, ctx: AppContext, member_id: uuid.UUID, full_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        name = QLabel(f"<b>{full_name}</b>")
        layout.addWidget(name)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.save_button.setEnabled(True)

    def _write(self, call: Callable[[Store], OpResult[Any]]) -> None:
        self.save_button.setEnabled(False)  # one save per Enter, even when the worker is slow
        ops.write(self.ctx, self, call).success(lambda _id: self.accept()) \
            .failure(lambda error: self.fail(user_message(error))).run()

    def save(self) -> None:
        raise NotImplementedError


class BasisDialog(_DuesDialog):
    """The member's dues category and its basis amount, from a month on."""

    def __init__(self, ctx: AppContext, member_id: uuid.UUID, full_name: str, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, member_id, full_name, parent)
        self.setWindowTitle(self.tr("Dues category and basis"))
        self.category = QComboBox()
        for category, label in CATEGORY_LABELS.items():
            self.category.addItem(label, category.value)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.form.addRow(self.tr("Category:"), self.category)
        self.amount = AmountEdit()
        self.amount_label = QLabel()
        self.form.addRow(self.amount_label, self.amount)
        self.month = MonthEdit()
        self.month.set_month(today.replace(day=1))
        self.form.addRow(self.tr("From month:"), self.month)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. the salary notice of 01/2026"))
        self.form.addRow(self.tr("Note:"), self.note)
        self.form.addRow(QLabel(self.tr("Earlier months keep the category recorded for them.")))
        self._category_changed()

    def _category_changed(self) -> None:
        category = DuesCategory(self.category.currentData())
        needs = category in AMOUNT_CATEGORIES
        self.amount.setEnabled(needs)
        self.amount_label.setText({
            DuesCategory.INSURED: self.tr("Social-insurance salary base of the previous month (đồng):"),
            DuesCategory.BENEFIT: self.tr("Sickness or maternity benefit (đồng):"),
            DuesCategory.PENSION: self.tr("Monthly pension (đồng):"),
            DuesCategory.ABROAD_ALLOWANCE: self.tr("Monthly living allowance (đồng):"),
            DuesCategory.ABROAD_FIXED: self.tr("Monthly amount set for members abroad (đồng):"),
        }.get(category, self.tr("Basis (not needed for this category):")))
        if not needs:
            self.amount.clear()

    def save(self) -> None:
        try:
            amount = parse_amount(self.amount.text()) or 0
            month = self.month.month()
        except ValueError as problem:
            self.fail(str(problem))
            return
        category, note, member_id = str(self.category.currentData()), self.note.text(), self.member_id
        self._write(lambda store: dues.set_basis(store, member_id, category, amount, month, note))


_UNTIL_REVOKED = 0


class DecisionDialog(_DuesDialog):
    """An exemption, reduction or deferral decision (rules.md §1.2)."""

    def __init__(self, ctx: AppContext, member_id: uuid.UUID, full_name: str, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, member_id, full_name, parent)
        self.setWindowTitle(self.tr("Exemption, reduction or deferral"))
        self.kind = QComboBox()
        for kind, label in ADJUSTMENT_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.kind.setCurrentIndex(self.kind.findData(AdjustmentKind.HARDSHIP.value))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.form.addRow(self.tr("Decision about:"), self.kind)
        self.percent = QComboBox()
        self.percent.addItem(self.tr("Reduce by 30%"), 30)
        self.percent.addItem(self.tr("Reduce by 50%"), 50)
        self.percent.addItem(self.tr("Reduce by 70%"), 70)
        self.percent.addItem(self.tr("Exempt (100%)"), 100)
        self.form.addRow(self.tr("Share waived:"), self.percent)
        self.month = MonthEdit()
        self.month.set_month(today.replace(day=1))
        self.form.addRow(self.tr("From month:"), self.month)
        self.months = QSpinBox()
        self.months.setRange(_UNTIL_REVOKED, 120)
        self.months.setSpecialValueText(self.tr("until revoked"))
        self.months.setSuffix(self.tr(" months"))
        self.form.addRow(self.tr("For:"), self.months)
        self.decision = QLineEdit()
        self.decision.setPlaceholderText(self.tr("e.g. Quyết định số 05-QĐ/CB ngày 10/03/2026, or the member's "
                                                 "application of 01/03/2026"))
        self.form.addRow(self.tr("Decision or application:"), self.decision)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.form.addRow(self.hint)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = AdjustmentKind(self.kind.currentData())
        self.percent.setEnabled(kind is AdjustmentKind.HARDSHIP)
        if kind is not AdjustmentKind.HARDSHIP:
            self.percent.setCurrentIndex(self.percent.findData(100))
        self.months.setValue(MAX_DECISION_MONTHS if kind is AdjustmentKind.HARDSHIP else
                             6 if kind is AdjustmentKind.DEFERRAL else _UNTIL_REVOKED)
        self.hint.setText({
            AdjustmentKind.HARDSHIP: self.tr("Each decision covers at most 12 months; after that a new decision is needed."),
            AdjustmentKind.DEFERRAL: self.tr("For a member exempted from activities: they may pay late or in advance, "
                                             "for at most the length of that exemption. The amount due is unchanged."),
        }.get(kind, self.tr("Exempt from dues from this month, on the member's application.")))

    def save(self) -> None:
        try:
            month = self.month.month()
        except ValueError as problem:
            self.fail(str(problem))
            return
        months = None if self.months.value() == _UNTIL_REVOKED else self.months.value()
        data = dues.AdjustmentInput(self.member_id, str(self.kind.currentData()), month, months,
                                    int(self.percent.currentData()), self.decision.text())
        self._write(lambda store: dues.add_adjustment(store, data))


def open_basis(ctx: AppContext, parent: QWidget, member_id: uuid.UUID, full_name: str,
               today: dt.date | None = None) -> BasisDialog:
    dialog = BasisDialog(ctx, member_id, full_name, today or dt.date.today(), parent)
    dialog.open()
    return dialog


def open_decision(ctx: AppContext, parent: QWidget, member_id: uuid.UUID, full_name: str,
                  today: dt.date | None = None) -> DecisionDialog:
    dialog = DecisionDialog(ctx, member_id, full_name, today or dt.date.today(), parent)
    dialog.open()
    return dialog


class MemberDuesButton(QPushButton):
    """"Đảng phí…" with its two choices, for the page whose selected member ``pick`` returns."""

    def __init__(self, ctx: AppContext, pick: MemberPick, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Dues…"))
        self.ctx, self.pick = ctx, pick
        self.dialog: QDialog | None = None
        menu = QMenu(self)
        menu.addAction(self.tr("Dues category and basis…"), self.edit_basis)
        menu.addAction(self.tr("Exemption, reduction or deferral…"), self.add_decision)
        self.setMenu(menu)

    def edit_basis(self) -> BasisDialog | None:
        if (member := self.pick()) is None:
            return None
        self.dialog = open_basis(self.ctx, self.window(), *member)
        return self.dialog

    def add_decision(self) -> DecisionDialog | None:
        if (member := self.pick()) is None:
            return None
        self.dialog = open_decision(self.ctx, self.window(), *member)
        return self.dialog
