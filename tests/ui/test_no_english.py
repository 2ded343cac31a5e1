"""Issue #17: the Vietnamese interface has no English left and no code names. The walk of tests/ui/walk.py
(every page, every meeting step, every dialog, on the demo cell with the Vietnamese translation) reads every
text a secretary can see — labels, buttons, field hints, tooltips, group and tab titles, column headers,
table cells, list items, combo box choices, window titles and menu entries — and looks for English words
and for tokens that only a programmer writes (snake_case, dotted.names, hexadecimal codes, UUIDs)."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from tests.ui.fit import shown
from tests.ui.walk import walk

# Words no Vietnamese sentence contains, common in an English interface. Short words that are also
# Vietnamese without marks ("in", "to", "no", "ban", "con"…) are left out on purpose.
ENGLISH = frozenset(re.findall(r"[a-z]+", """
the and for with from this that these your you please select choose save open close cancel delete remove
edit add new file files folder member members meeting meetings minutes resolution resolutions document
documents error errors warning failed could not cannot should must will would there here what when which
who where why how export import print preview settings setting search find show hide more undo redo next
back finish help name date time step steps record records vote votes table page pages candidate candidates
sync server password user login logout yes apply ok none unknown loading saved saving today yesterday
agenda attendance present absent chair recorder guest guests reason approved status total count local
assess plan issue finalise event
"""))
# Names a Vietnamese secretary uses as they are.
ALLOWED = {"pdf", "word", "excel", "email", "csv", "xlsx", "libreoffice", "zalo", "usb", "ok"}
URL = re.compile(r"https?://\S+|\b[\w.-]+\.(?:vn|com|org|net)\b|\b[\w-]+\.(?:pdf|docx|xlsx|csv|sqlite3)\b", re.I)
WORD = re.compile(r"[A-Za-z]+")
CODE = [
    (re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"), "snake_case"),
    (re.compile(r"\b[a-z]+\.[a-z_]+\b"), "dotted.name"),
    (re.compile(r"\b[0-9a-fA-F]{16,}\b"), "hexadecimal code"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}\b"), "UUID"),
]


KEY = re.compile(r"\b(?:phím|Ctrl|Alt|Shift)\s*\+?\s*(?:Delete|Del|Enter|Tab|Esc|F\d+|[A-Z])\b|\bCtrl\+\w+")


def problems_in(text: str) -> list[str]:
    text = KEY.sub(" ", URL.sub(" ", text.replace("&&", "&")))  # a key's name is printed on the key
    found = [f"code-like token “{m.group(0)}” ({kind})" for pattern, kind in CODE for m in pattern.finditer(text)]
    for word in WORD.findall(_strip_tags(text)):
        low = word.lower()
        if low in ENGLISH and low not in ALLOWED:
            found.append(f"English word “{word}”")
    return found


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>|&[a-z]+;", " ", text)


def _model_texts(model: QAbstractItemModel) -> list[str]:
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a QListWidget's own model keeps columnCount private: one column
        columns = 1
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
             for c in range(columns)]
    texts += [str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or "")
              for c in range(columns)]
    for row in range(min(model.rowCount(), 60)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(what, text) for everything ``root`` shows a reader now."""
    out: list[tuple[str, str]] = []
    for widget in shown(root):
        kind = type(widget).__name__
        if widget.isWindow():
            out.append((f"{kind} title", widget.windowTitle()))
        out.append((f"{kind} tooltip", widget.toolTip()))
        if isinstance(widget, QLabel):
            out.append((kind, widget.text()))
        elif isinstance(widget, QAbstractButton):
            out.append((kind, widget.text()))
            menu = getattr(widget, "menu", lambda: None)()
            if menu is not None:
                out += [(f"{kind} menu", action.text()) for action in menu.actions()]
                out += [(f"{kind} menu tooltip", action.toolTip()) for action in menu.actions()
                        if action.toolTip() != action.text().replace("&", "")]
        elif isinstance(widget, QLineEdit):
            out.append((f"{kind} hint", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            out += [(f"{kind} choice", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            out.append((f"{kind} title", widget.title()))
        elif isinstance(widget, QTabBar):
            out += [(f"{kind} tab", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None \
                and not isinstance(widget.parent(), QComboBox):
            out += [(f"{kind} cell or header", text) for text in _model_texts(widget.model())]
    return [(what, text) for what, text in out if text]


def test_the_vietnamese_interface_has_no_english_and_no_code_names(qtbot, qapp, demo_store, tmp_path):
    found: list[str] = []
    seen: list[str] = []

    def look(where: str, widget: QWidget) -> None:
        seen.append(where)
        for what, text in visible_texts(widget):
            found.extend(f"{where}: {what} “{text[:70]}”: {problem}" for problem in problems_in(text))

    walk(qtbot, qapp, demo_store, tmp_path, large_text=False, visit=look)
    assert len(seen) >= 30
    assert sorted(set(found)) == []


def test_the_scan_sees_english_and_code_names():
    """The scan itself: it must catch what issue #17 found, and pass plain Vietnamese."""
    assert problems_in("Xuất DOCX") == []  # an upper-case format name is not a word list entry…
    assert "code-like token “meeting.chair” (dotted.name)" in problems_in("Lỗi ở (meeting.chair)")
    assert problems_in("Mã: 9f86d081884c7d659a2feaa0c55ad015") == [
        "code-like token “9f86d081884c7d659a2feaa0c55ad015” (hexadecimal code)"]
    assert "code-like token “absent_reason” (snake_case)" in problems_in("Trạng thái absent_reason")
    assert problems_in("Save as Word") == ["English word “Save”"]
    assert problems_in("Xuất Word, Xuất PDF; địa chỉ https://dongbo.example.vn; tệp danh-sach.xlsx") == []
    assert problems_in("Nguyễn Thị Hường, Đảng bộ phường Hoàn Kiếm") == []
    assert problems_in("Xóa đảng viên đang chọn (phím Delete trong bảng), Ctrl+Z để hoàn tác") == []
