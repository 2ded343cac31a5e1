"""Tổng quan: key figures and what is due soonest."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from secretary_app.services.meeting_cycle import TaskRow
from secretary_app.services.overview import Overview, overview
from secretary_app.store import Changes
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
        lead = self.ctx.settings.badge_lead_days
        self.ctx.runner.run(lambda: overview(self.ctx.store, badge_lead_days=lead), on_done=self._loaded,
                            on_error=self.show_error)

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
        self.badges_label.setText(
            "<b>" + self.tr("Party badges due soon:") + "</b><br>" + "<br>".join(data.badge_alerts)
            if data.badge_alerts else "")

    def on_changes(self, changes: Changes) -> None:
        if changes:
            self.refresh()
