"""Cài đặt: cell details for the document header, display (large text, language), how often the
minutes being typed are saved, and the rules in force today (read-only, from the dated rule data)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services.cell import get_cell, save_cell
from secretary_app.services.demo_exit import is_demo, leave_demo
from secretary_app.services.rules_overview import RuleInForce, rules_in_force
from secretary_app.settings import Settings, save_settings
from ui.cell_form import CellForm
from ui.context import AppContext
from ui.dues.rates import DuesRatesBox
from ui.pages.base import Page


class SettingsPage(Page):
    key = "settings"
    settingsChanged = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Settings"),
                         self.tr("Cell details used in document headers, and how the app looks."), parent)
        self.save_button = self.add_action(self.tr("Save cell details"), self._save_cell, primary=True,
                                           shortcut="Ctrl+S")
        # The groups scroll: at 1366×700, and more so in large text, they are taller than the window.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self._content = QVBoxLayout(inner)
        self._content.setContentsMargins(0, 0, 8, 0)
        scroll.setWidget(inner)
        super().body().addWidget(scroll, 1)
        self.demo_box = self._demo_box()
        self.body().addWidget(self.demo_box)
        box = QGroupBox(self.tr("Cell details"))
        self.form = CellForm()
        QFormLayout(box).addRow(self.form)
        self.body().addWidget(box)
        display = QGroupBox(self.tr("Display"))
        layout = QFormLayout(display)
        self.large_text = QCheckBox(self.tr("Large text (about 125%)"))
        self.large_text.setChecked(ctx.settings.large_text)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(ctx.settings.language))
        layout.addRow(self.large_text)
        layout.addRow(self.tr("Language:"), self.language)
        layout.addRow(_wrapped(QLabel(self.tr("A change of language takes effect when the app is next started."))))
        self.body().addWidget(display)
        meetings = QGroupBox(self.tr("Meetings"))
        meeting_layout = QFormLayout(meetings)
        low, high = Settings.BOUNDS["autosave_seconds"]
        self.autosave = QSpinBox()
        self.autosave.setRange(int(low), int(high))
        self.autosave.setSuffix(self.tr(" seconds"))
        self.autosave.setValue(ctx.settings.autosave_seconds)
        self.autosave.setMaximumWidth(180)
        meeting_layout.addRow(self.tr("Save the minutes being typed at least every:"), self.autosave)
        meeting_layout.addRow(_wrapped(QLabel(self.tr("2 seconds is recommended: if the computer loses power, at most "
                                                      "the last few words are lost."))))
        self.body().addWidget(meetings)
        from ui.pages.data_safety import DataSafetyBox

        self.data_safety = DataSafetyBox(ctx)
        self.body().addWidget(self.data_safety)
        self.dues_rates = DuesRatesBox(ctx)  # "Mức đóng đảng phí": dated entries, "Thêm mức mới…"
        self.body().addWidget(self.dues_rates)
        rules_box = QGroupBox(self.tr("Rules in force today"))
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.addWidget(_wrapped(QLabel(self.tr(
            "The app applies the rule in force on the day in question (the meeting day, the admission date…). "
            "This list is read-only."))))
        self.rules = QTableWidget(0, 5)
        self.rules.setHorizontalHeaderLabels([self.tr("Topic"), self.tr("Rule"), self.tr("In force from"),
                                              self.tr("Source"), self.tr("Note")])
        self.rules.verticalHeader().setVisible(False)
        self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules.setWordWrap(True)
        header = self.rules.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((0, 130), (3, 220), (4, 250)):
            self.rules.setColumnWidth(column, width)
        self.rules.setMinimumHeight(420)
        rules_layout.addWidget(self.rules)
        self.unconfirmed_holidays = QCheckBox(self.tr(
            "Count holidays not yet confirmed as days off when computing deadlines"))
        self.unconfirmed_holidays.setToolTip(self.tr(
            "Off by default: without them a deadline falls earlier, which is the safe side."))
        self.unconfirmed_holidays.setChecked(ctx.settings.count_unconfirmed_holidays)
        self.unconfirmed_holidays.toggled.connect(self._holidays_changed)
        rules_layout.addWidget(self.unconfirmed_holidays)
        self.body().addWidget(rules_box)
        self.body().addStretch(1)
        self.autosave.valueChanged.connect(self._autosave_changed)
        self.large_text.toggled.connect(self._display_changed)
        self.language.currentIndexChanged.connect(self._display_changed)

    def body(self) -> QVBoxLayout:
        return self._content

    # --- leaving the demo cell -------------------------------------------------------------------

    def _demo_box(self) -> QGroupBox:
        """Shown only on the demo cell (its data folder is marked): the way back to a first start."""
        box = QGroupBox(self.tr("Demo cell"))
        layout = QHBoxLayout(box)
        layout.addWidget(_wrapped(QLabel(self.tr(
            "You are looking at the demo cell (made-up data). When you are ready, leave it to set up your own "
            "cell. The demo data is moved aside into a folder next to it, not deleted."))), 1)
        self.leave_demo_button = QPushButton(self.tr("Leave the demo cell…"))
        self.leave_demo_button.clicked.connect(self.ask_leave_demo)
        layout.addWidget(self.leave_demo_button)
        box.setVisible(is_demo(self.ctx.paths))
        self.restart_app: Callable[[], None] = _restart  # replaced in tests
        return box

    def ask_leave_demo(self) -> None:
        self.confirm(self.tr("Leave the demo cell"),
                     self.tr("Leave the demo cell?\n\nThe app closes and opens again at the first-start "
                             "set-up, where you enter your own cell. The demo data is kept in a folder beside "
                             "the data, never deleted."),
                     self.tr("Leave the demo cell"), self._leave_demo)

    def _leave_demo(self) -> None:
        ctx = self.ctx

        def leave() -> object:
            if ctx.store is not None:
                ctx.store.close()
                ctx.store = None
            return leave_demo(ctx.paths)

        ctx.runner.run(leave, on_done=lambda _folder: self.restart_app(), on_error=self.show_error)

    def refresh(self) -> None:
        self.read(get_cell).success(self._loaded).run()
        self.data_safety.refresh()
        self.dues_rates.refresh()
        self._load_rules()

    def _load_rules(self) -> None:
        today, count = dt.date.today(), self.ctx.settings.count_unconfirmed_holidays
        self.read(lambda _store: rules_in_force(today, count_unconfirmed_holidays=count)).success(self._show_rules).run()

    def _show_rules(self, rows: tuple[RuleInForce, ...]) -> None:
        self.rules.setRowCount(len(rows))
        for r, rule in enumerate(rows):
            since = rule.effective_from.strftime("%d/%m/%Y") if rule.effective_from else self.tr("each year")
            source = f"{_readable(rule.source)} {rule.tag}".strip()
            for c, text in enumerate((rule.topic, rule.rule, since, source, rule.note)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.rules.setItem(r, c, item)
        self.rules.resizeRowsToContents()

    def _loaded(self, cell) -> None:
        if cell is not None:
            self.form.set_value(cell)

    def _save_cell(self) -> None:
        data = self.form.value()
        self.write(lambda store: save_cell(store, data)).failure(self._failed).run()  # the hub tells the window

    def _failed(self, error: Exception) -> None:
        self.show_error(error)
        self.form.focus_field(getattr(error, "field", None))

    def _holidays_changed(self, on: bool) -> None:
        self.ctx.settings.count_unconfirmed_holidays = on
        self._save_settings()
        self._load_rules()

    def _autosave_changed(self, seconds: int) -> None:
        self.ctx.settings.autosave_seconds = seconds  # an open minutes editor picks it up on its next tick
        self._save_settings()

    def _display_changed(self) -> None:
        self.ctx.settings.large_text = self.large_text.isChecked()
        self.ctx.settings.language = "en" if self.language.currentData() == "en" else "vi"  # the two items
        self._save_settings()
        self.settingsChanged.emit()  # the window re-applies the theme

    def _save_settings(self) -> None:
        try:
            save_settings(self.ctx.settings, self.ctx.paths.settings_file)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Could not save settings"), str(exc))


_PROJECT_NOTE = re.compile(r"rules\.md\s*(?:§\s*[\d.]*\d)?(?:\s*bước\s*\d+)?\s*[,;]?\s*")


def _readable(source: str) -> str:
    """The source without the project's own notes file ("rules.md §2.2"), which no secretary can open."""
    text = _PROJECT_NOTE.sub("", source).replace("()", "").replace("( ", "(").replace(" )", ")")
    return re.sub(r"\s{2,}", " ", text).strip()


def _restart() -> None:
    """Start the app again (it finds no cell and shows the first-start wizard), then quit this one."""
    import sys

    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QApplication

    QProcess.startDetached(sys.executable, sys.argv)
    QApplication.quit()


def _wrapped(label: QLabel) -> QLabel:
    """A note that wraps to the page's width (large text) instead of widening the page."""
    label.setWordWrap(True)
    return label
