"""Cài đặt: cell details for the document header, display (large text, language)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QMessageBox, QWidget

from secretary_app.services.cell import get_cell, save_cell
from secretary_app.settings import save_settings
from ui.cell_form import CellForm
from ui.context import AppContext
from ui.pages.base import Page


class SettingsPage(Page):
    key = "settings"
    settingsChanged = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Settings"),
                         self.tr("Cell details used in document headers, and how the app looks."), parent)
        self.save_button = self.add_action(self.tr("Save cell details"), self._save_cell, primary=True,
                                           shortcut="Ctrl+S")
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
        layout.addRow(QLabel(self.tr("A change of language takes effect when the app is next started.")))
        self.body().addWidget(display)
        self.body().addStretch(1)
        self.large_text.toggled.connect(self._display_changed)
        self.language.currentIndexChanged.connect(self._display_changed)

    def refresh(self) -> None:
        self.ctx.runner.run(lambda: get_cell(self.ctx.store), on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, cell) -> None:  # type: ignore[no-untyped-def]
        if cell is not None:
            self.form.set_value(cell)

    def _save_cell(self) -> None:
        data = self.form.value()
        self.ctx.runner.run(lambda: save_cell(self.ctx.store, data), on_done=self._saved, on_error=self._failed)

    def _saved(self, result) -> None:  # type: ignore[no-untyped-def]
        window = self.window()
        if hasattr(window, "apply_changes"):
            window.apply_changes(result[1])

    def _failed(self, error: Exception) -> None:
        self.show_error(error)
        self.form.focus_field(getattr(error, "field", None))

    def _display_changed(self) -> None:
        self.ctx.settings.large_text = self.large_text.isChecked()
        self.ctx.settings.language = str(self.language.currentData())
        try:
            save_settings(self.ctx.settings, self.ctx.paths.settings_file)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Could not save settings"), str(exc))
        self.settingsChanged.emit()
