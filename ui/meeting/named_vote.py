"""A vote recorded by name: every official member present who may vote, in the roll's order, with a
ballot each (Tán thành / Không tán thành / Ý kiến khác). The list comes from the attendance sheet, so it
is the same people the vote base counts; probationary members attend but never vote and are not listed."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services import votes as vt
from secretary_app.services.meeting_attendance import AttendanceSheet

_MOVES = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}


class NamedVoteDialog(QDialog):
    """``ballots()`` after ``accepted``: ``{member_id: "yes" | "no" | "abstain"}`` for every listed member."""

    def __init__(self, sheet: AttendanceSheet, subject: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record the vote by name"))
        self.voters = sheet.voters
        self.base = sheet.base.base
        self.needed = vt.needed_to_pass(kind, self.base, sheet.day)
        layout = QVBoxLayout(self)
        heading = QLabel(f"{subject} — {vt.DECISION_LABELS[vt.DecisionKind(kind)]}")
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.note = QLabel(self.tr("Probationary members do not vote, so they are not listed (%1 present).")
                           .replace("%1", str(sheet.probationary_present)))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        top = QHBoxLayout()
        self.all_yes = QPushButton(self.tr("All in favour"))
        self.all_yes.setToolTip(self.tr("Mark everyone “In favour”, then change the few who voted otherwise."))
        self.all_yes.clicked.connect(self.everyone_yes)
        top.addWidget(self.all_yes)
        top.addStretch(1)
        layout.addLayout(top)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setHorizontalSpacing(18)
        labels = {"yes": self.tr("In favour"), "no": self.tr("Against"), "abstain": self.tr("Other opinion")}
        self.groups: dict[uuid.UUID, QButtonGroup] = {}
        self.radios: list[list[QRadioButton]] = []  # [row][column], for moving with the arrow keys
        for row, voter in enumerate(self.voters):
            name = QLabel(f"{row + 1}. {voter.full_name}")
            grid.addWidget(name, row, 0)
            group = QButtonGroup(self)  # exclusive: one ballot per member; none checked until chosen
            buttons = []
            for column, choice in enumerate(vt.BALLOTS, start=1):
                radio = QRadioButton(labels[choice])
                radio.setProperty("choice", choice)
                radio.setAccessibleName(f"{voter.full_name}: {labels[choice]}")
                radio.installEventFilter(self)
                group.addButton(radio)
                grid.addWidget(radio, row, column)
                buttons.append(radio)
            group.buttonToggled.connect(lambda *_: self._update())
            self.groups[voter.member_id] = group
            self.radios.append(buttons)
        grid.setColumnStretch(4, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        layout.addWidget(scroll, 1)

        self.tally = QLabel()
        self.tally.setWordWrap(True)
        self.tally.setObjectName("sectionTitle")
        layout.addWidget(self.tally)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setObjectName("error")
        layout.addWidget(self.missing)
        buttons_box = QDialogButtonBox()
        self.save_button = buttons_box.addButton(self.tr("Save the vote"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)  # Enter saves — once every listed member has a ballot
        cancel = buttons_box.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons_box.accepted.connect(self.save)
        buttons_box.rejected.connect(self.reject)
        cancel.setAutoDefault(False)
        layout.addWidget(buttons_box)
        if not self.voters:
            self.missing.setText(self.tr("No official member is marked present, so nobody can vote. "
                                         "Check the attendance (step 2)."))
            self.save_button.setEnabled(False)
            self.all_yes.setEnabled(False)
        else:
            self.radios[0][0].setFocus()
        self._update()
        # As wide as the names and ballots need, as tall as the roll, within the screen (1366×768 and up);
        # a long roll scrolls.
        screen = self.screen().availableGeometry()
        width = grid_host.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 60
        self.resize(min(max(width, 760), int(screen.width() * 0.9)),
                    min(max(self.sizeHint().height(), 480), int(screen.height() * 0.9)))

    def everyone_yes(self) -> None:
        for buttons in self.radios:
            buttons[0].setChecked(True)

    def ballots(self) -> dict[uuid.UUID, str]:
        chosen = {}
        for member_id, group in self.groups.items():
            button = group.checkedButton()
            if button is not None:
                chosen[member_id] = str(button.property("choice"))
        return chosen

    def missing_names(self) -> list[str]:
        return [v.full_name for v in self.voters if self.groups[v.member_id].checkedButton() is None]

    def _update(self) -> None:
        counts = dict.fromkeys(vt.BALLOTS, 0)
        for choice in self.ballots().values():
            counts[choice] += 1
        text = (self.tr("In favour %1 · Against %2 · Other opinion %3 · not chosen yet %4")
                .replace("%1", str(counts["yes"])).replace("%2", str(counts["no"]))
                .replace("%3", str(counts["abstain"])).replace("%4", str(len(self.missing_names()))))
        if self.needed is None:
            text += "\n" + self.tr("The vote base is 0: nothing can pass.")
        else:
            text += "\n" + (self.tr("At least %1 votes in favour are needed (vote base %2).")
                            .replace("%1", str(self.needed)).replace("%2", str(self.base)))
        self.tally.setText(text)
        if self.missing.text() and not self.missing_names():
            self.missing.clear()

    def save(self) -> None:
        missing = self.missing_names()
        if missing:
            self.missing.setText(self.tr("Choose a ballot for: %1.").replace("%1", ", ".join(missing)))
            first = next(i for i, v in enumerate(self.voters) if v.full_name == missing[0])
            self.radios[first][0].setFocus()
            return
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys move between the ballots like a grid (up/down: the same choice for the next member);
        Space chooses. Qt's own arrow handling would tick a ballot on every move."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _MOVES:
            for r, buttons in enumerate(self.radios):
                if watched in buttons:
                    dr, dc = _MOVES[Qt.Key(event.key())]
                    c = buttons.index(watched)
                    r2, c2 = min(max(r + dr, 0), len(self.radios) - 1), min(max(c + dc, 0), len(buttons) - 1)
                    self.radios[r2][c2].setFocus(Qt.FocusReason.TabFocusReason)
                    return True
        return super().eventFilter(watched, event)
