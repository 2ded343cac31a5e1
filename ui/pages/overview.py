"""Tổng quan: key figures and what is due soonest."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from secretary_app.changes import Change, Changes
from secretary_app.services.admissions import Deadline
from secretary_app.services.meeting_cycle import TaskRow
from secretary_app.services.overview import Overview, overview
from ui.context import AppContext
from ui.pages.base import Page
from ui.theme import OVERDUE, WARNING


class _Card(QFrame):
    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        self.figure = QLabel("–")
        self.figure.setObjectName("figure")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption)
        layout.addStretch(1)  # a taller neighbour (a caption on three lines) must not float this figure down


# What the overview's figures and alerts are computed from (services/overview.py).
_SHOWN = (Change.CELL | Change.MEMBER | Change.EVENT | Change.MEETING | Change.ATTENDANCE | Change.TASK
          | Change.RESOLUTION | Change.DUES | Change.ADMISSION | Change.SETTINGS)


class OverviewPage(Page):
    key = "overview"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Overview"),
                         self.tr("What needs your attention soonest, and the cell at a glance."), parent)
        grid = QGridLayout()
        self.cards = {
            "members": _Card(self.tr("members in the cell")),
            "official": _Card(self.tr("official members")),
            "probationary": _Card(self.tr("probationary members")),
            "exempt": _Card(self.tr("exempt from activities")),
            "away": _Card(self.tr("attending elsewhere temporarily")),
            "attendance": _Card(self.tr("present at the last meeting")),
        }
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 3, i % 3)
        self.body().addLayout(grid)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.body().addWidget(self.next_label)
        self.reminders_label = QLabel()
        self.reminders_label.setWordWrap(True)
        self.body().addWidget(self.reminders_label)
        self.overdue_label = QLabel()
        self.overdue_label.setWordWrap(True)
        self.body().addWidget(self.overdue_label)
        # Candidates and probationary members: each person's next deadline; a click opens that person.
        self.admissions_label = QLabel("<b>" + escape(self.tr("Member development — next deadlines:")) + "</b>")
        self.body().addWidget(self.admissions_label)
        self.admissions = QListWidget()
        self.admissions.setObjectName("admissionDeadlines")
        self.admissions.setToolTip(self.tr("Click a person to open them on the Member development page."))
        self.admissions.itemClicked.connect(self.open_admission)
        self.admissions.itemActivated.connect(self.open_admission)
        self.body().addWidget(self.admissions)
        self.badges_label = QLabel()
        self.badges_label.setWordWrap(True)
        self.body().addWidget(self.badges_label)
        self.body().addStretch(1)

    def _overdue_line(self, task: TaskRow) -> str:
        # Red *and* the word "Quá hạn": the colour is never the only sign.
        deadline = task.deadline.strftime("%d/%m/%Y") if task.deadline else ""
        owner = task.owner or self.tr("no owner")
        word = self.tr("Overdue")
        return (f'<span style="color:{OVERDUE}"><b>{escape(word)}</b> — {escape(task.content)}'
                f' — {escape(owner)} — ' + escape(self.tr("deadline %1").replace("%1", deadline)) + "</span>")

    def refresh(self) -> None:
        lead, unconfirmed = self.ctx.settings.badge_lead_days, self.ctx.settings.count_unconfirmed_holidays
        self.read(lambda store: overview(store, badge_lead_days=lead, count_unconfirmed_holidays=unconfirmed)) \
            .success(self._loaded).run()

    def _loaded(self, data: Overview) -> None:
        self.cards["members"].figure.setText(str(data.members_total))
        self.cards["official"].figure.setText(str(data.official))
        self.cards["probationary"].figure.setText(str(data.probationary))
        self.cards["exempt"].figure.setText(str(data.exempt))
        self.cards["away"].figure.setText(str(data.away))
        self.cards["attendance"].figure.setText(data.last_meeting_attendance or "–")
        if data.last_meeting_title:
            self.cards["attendance"].caption.setText(
                self.tr("present at the last meeting") + f"\n({data.last_meeting_title})")
        self.next_label.setText(
            self.tr("Next meeting: %1").replace("%1", data.next_meeting_title) if data.next_meeting_title
            else self.tr("No meeting is planned yet. Plan next month's meeting on the Cell meetings page.")
        )
        reminders = data.meeting_reminders + data.dues_alerts
        self.reminders_label.setText(
            f'<b style="color:{WARNING}">' + escape(self.tr("Reminders:")) + "</b><br>"
            + "<br>".join(escape(r) for r in reminders) if reminders else "")
        self.overdue_label.setText(
            "<b>" + escape(self.tr("Tasks of resolutions past their deadline:")) + "</b><br>"
            + "<br>".join(self._overdue_line(t) for t in data.overdue_tasks) if data.overdue_tasks else "")
        for label, shown in ((self.reminders_label, reminders),
                             (self.overdue_label, data.overdue_tasks)):
            label.setVisible(bool(shown))  # no empty gap when there is nothing to say
        self._show_admissions(data.admission_deadlines)
        self.badges_label.setText(
            "<b>" + self.tr("Party badges due soon:") + "</b><br>" + "<br>".join(data.badge_alerts)
            if data.badge_alerts else "")

    def _admission_line(self, deadline: Deadline) -> QListWidgetItem:
        word = self.tr("Overdue") if deadline.state == "overdue" else self.tr("Due")
        item = QListWidgetItem(f"{deadline.due:%d/%m/%Y} — {word} — {deadline.full_name}: {deadline.step}")
        item.setData(Qt.ItemDataRole.UserRole, deadline.candidate_id)
        item.setForeground(QBrush(QColor(OVERDUE if deadline.state == "overdue" else WARNING)))
        return item

    def _show_admissions(self, deadlines: tuple[Deadline, ...]) -> None:
        self.admissions.clear()
        for deadline in deadlines:
            self.admissions.addItem(self._admission_line(deadline))
        rows = self.admissions.count()
        if rows:  # as tall as its lines: the page scrolls no list inside a list
            self.admissions.setFixedHeight(self.admissions.sizeHintForRow(0) * rows + 2 * self.admissions.frameWidth())
        for widget in (self.admissions_label, self.admissions):
            widget.setVisible(bool(rows))

    def open_admission(self, item: QListWidgetItem) -> None:
        """Show that person on the Member development page."""
        from ui.main_window import MainWindow  # the window builds this page: imported when first clicked

        window = self.window()
        if isinstance(window, MainWindow):
            window.show_page("admissions")
            window.page("admissions").select_candidate(item.data(Qt.ItemDataRole.UserRole))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(_SHOWN):
            self.refresh_when_shown()
