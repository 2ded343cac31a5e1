"""What a secretary would see cut off: text wider (or, wrapped, taller) than the room its widget gives it
(labels, buttons, fields, choices, tabs, column headers and the text of every table cell in view),
measured with the widget's own font metrics; and windows or dialogs whose minimum size exceeds the screen.

Used by tests/ui/test_fit.py. Each finding is one readable line naming the widget and the text, so a
failing test says what to fix.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 700  # what a maximised window gets on a 1366×768 laptop
SLACK = 1  # px: rounding between metrics and layout
_TAGS = re.compile(r"<[^>]+>")
_RICH = re.compile(r"<[a-zA-Z!/][^>]*>")  # what QLabel's AutoText takes for rich text, near enough


def shown(root: QWidget) -> list[QWidget]:
    """The widgets of ``root`` that are on screen (shown and every ancestor shown), root included."""
    return [w for w in [root, *root.findChildren(QWidget)] if w.isVisible() and w.width() > 0]


def _name(widget: QWidget) -> str:
    name = widget.objectName()
    return f"{type(widget).__name__}{'#' + name if name else ''}"


def _plain(text: str) -> str:
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def _lines_width(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    indent = max(label.indent(), 0)
    width, height = room.width() - indent, room.height()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and _RICH.search(text) is not None)
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if label.wordWrap():
            document.setTextWidth(width)
            need_w, need_h = document.idealWidth(), document.size().height()
        else:
            need_w, need_h = document.idealWidth(), document.size().height()
        shown_text = _TAGS.sub("", text)
    else:
        metrics = label.fontMetrics()
        if label.wordWrap():
            bound = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), int(Qt.TextFlag.TextWordWrap), text)
            need_w, need_h = bound.width(), bound.height()
        else:
            need_w = _lines_width(metrics, text)
            need_h = metrics.height() * (text.count("\n") + 1)
        shown_text = text
    if need_w > width + SLACK:
        return f"{_name(label)} “{shown_text[:60]}” needs {need_w:.0f}px wide, has {width}"
    if need_h > height + SLACK + 2:
        return f"{_name(label)} “{shown_text[:60]}” needs {need_h:.0f}px high, has {height}"
    return None


def _button(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text.strip():
        return None
    need = _lines_width(button.fontMetrics(), text)
    if not button.icon().isNull():
        need += button.iconSize().width() + 4
    style = button.style()
    if isinstance(button, (QCheckBox, QRadioButton)):
        option = QStyleOptionButton()
        option.initFrom(button)
        option.text = button.text()
        element = (QStyle.SubElement.SE_CheckBoxContents if isinstance(button, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonContents)
        room = style.subElementRect(element, option, button).width() - 4  # the label's own margin
    elif isinstance(button, QPushButton):
        option = QStyleOptionButton()
        option.initFrom(button)
        option.text = button.text()
        option.icon = button.icon()
        option.iconSize = button.iconSize()
        # Text may run into the padding (it is drawn centred, clipped only at the frame): cut off is wider
        # than the button less its frame.
        room = button.width() - 8
    elif isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly and not button.icon().isNull():
            return None  # the text is only the tooltip
        room = button.contentsRect().width() - 6
    else:
        room = button.contentsRect().width()
    if need > room + SLACK:
        return f"{_name(button)} “{text[:60]}” needs {need}px, has {room}"
    return None


def _line_edit(edit: QLineEdit) -> str | None:
    text = edit.text() or edit.placeholderText()
    if len(edit.text()) > 45:
        return None  # prose typed into a field scrolls in it; names, addresses and dates must show whole
    if not text:
        return None
    margins = edit.textMargins()
    room = edit.contentsRect().width() - margins.left() - margins.right() - 6  # the frame's inner margin
    for action in edit.actions():  # clear buttons and icons inside the field
        room -= 22 if action.isVisible() else 0
    need = edit.fontMetrics().horizontalAdvance(text)
    if need > room + SLACK:
        what = "text" if edit.text() else "placeholder"
        return f"{_name(edit)} {what} “{text[:60]}” needs {need}px, has {room}"
    return None


def _combo(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    if combo.property("elides"):
        text = combo.displayed_text()  # ends in "…", the whole text in its tooltip: shortened, not cut
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.currentText = text
    room = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width() - 4
    need = combo.fontMetrics().horizontalAdvance(text)
    if not combo.itemIcon(combo.currentIndex()).isNull():
        need += combo.iconSize().width() + 4
    if need > room + SLACK:
        return f"{_name(combo)} “{text[:60]}” needs {need}px, has {room}"
    return None


def _group(box: QGroupBox) -> str | None:
    title = _plain(box.title())
    if not title:
        return None
    font = QFont(box.font())
    font.setBold(True)  # some styles draw the title bold: measure the wider case
    need = QFontMetrics(font).horizontalAdvance(title) + 16
    if box.isCheckable():
        need += 24
    if need > box.width() + SLACK:
        return f"{_name(box)} title “{title[:60]}” needs {need}px, has {box.width()}"
    return None


def _tabs(bar: QTabBar) -> list[str]:
    found = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        rect, hint = bar.tabRect(index), bar.tabSizeHint(index)
        text = _plain(bar.tabText(index))
        if hint.width() > rect.width() + SLACK:
            found.append(f"tab “{text}” needs {hint.width()}px, has {rect.width()}")
        elif rect.right() > bar.width() + SLACK or rect.left() < -SLACK:
            found.append(f"tab “{text}” lies outside the tab bar (scroll arrows)")
    return found


def _header(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return []
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)  # the theme's header sections are 600
    metrics = QFontMetrics(font)
    wraps = bool(int(header.defaultAlignment()) & int(Qt.TextFlag.TextWordWrap))
    found = []
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        text = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        text = str(text)
        size = header.sectionSize(logical)
        room = size - 14  # the theme's 6px padding each side, and the grid line
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
            room -= 14
        if wraps:
            bound = metrics.boundingRect(QRect(0, 0, max(room, 1), 100_000), int(Qt.TextFlag.TextWordWrap), text)
            if bound.width() > room + SLACK or bound.height() > header.height() - 12 + SLACK:
                found.append(f"header “{text}” needs {bound.width()}×{bound.height()}px, has "
                             f"{room}×{header.height() - 12}")
        else:
            need = _lines_width(metrics, text)
            if need > room + SLACK:
                found.append(f"header “{text}” needs {need}px, has {room}")
            if metrics.height() * (text.count("\n") + 1) > header.height() - 12 + SLACK:
                found.append(f"header “{text}” needs {text.count(chr(10)) + 1} lines, header is {header.height()}px")
        start = header.sectionViewportPosition(logical)
        if start + size > header.viewport().width() + SLACK or start < -SLACK:
            found.append(f"column “{text}” is off screen behind a horizontal scroll")
    return found


_CELL_MARGIN = 3  # px each side: the style's text margin in an item view (PM_FocusFrameHMargin + 1)


def _whole_elsewhere(view: QTableView | QTreeView, index, text: str) -> bool:
    """An elided cell is not cut off when its column promises the whole text in a tooltip and in the detail
    pane (the view's ``wholeInDetail`` property lists those columns) and the tooltip has it; for the current
    row the detail pane is checked too: a shown label beside the table holds the text."""
    columns = view.property("wholeInDetail") or ()
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    if index.column() not in columns or not tip or text not in str(tip):
        return False
    if view.currentIndex().isValid() and view.currentIndex().row() == index.row():
        page = view.window()
        return any(text in label.text() for label in page.findChildren(QLabel) if label.isVisible())
    return True


def _table_cells(view: QTableView) -> list:
    model = view.model()
    if model is None or model.rowCount() == 0:
        return []
    first_row, last_row = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
    last_row = model.rowCount() - 1 if last_row < 0 else last_row
    return [model.index(row, column) for row in range(max(first_row, 0), last_row + 1) if not view.isRowHidden(row)
            for column in range(model.columnCount()) if not view.isColumnHidden(column)]


def _tree_cells(view: QTreeView) -> list:
    """The rows of a tree in view (its expanded children too), every shown column."""
    model = view.model()
    if model is None:
        return []
    found = []
    index = view.indexAt(QPoint(1, 1))
    while index.isValid() and view.visualRect(index).top() < view.viewport().height():
        found.extend(index.siblingAtColumn(column) for column in range(model.columnCount(index.parent()))
                     if not view.isColumnHidden(column))
        index = view.indexBelow(index)
    return found


def _cells(view: QTableView | QTreeView) -> list[str]:
    """The text of every cell in view, measured with its font against its cell: elided or cut is clipped
    (a wrapping view may use more lines, as many as the row's height holds)."""
    model = view.model()
    viewport = view.viewport()
    found = []
    for index in _table_cells(view) if isinstance(view, QTableView) else _tree_cells(view):
        column = index.column()
        if view.indexWidget(index) is not None:
            continue  # a widget in the cell: measured as that widget
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None or not str(text).strip():
            continue
        text = str(text)
        rect = view.visualRect(index)
        if rect.right() < 0 or rect.left() > viewport.width():
            continue  # scrolled out of view sideways (reported as a horizontal scroll)
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else view.font())
        room = rect.width() - 2 * _CELL_MARGIN
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            room -= view.iconSize().width() + 4
        if index.data(Qt.ItemDataRole.CheckStateRole) is not None:
            room -= 20
        if view.wordWrap():
            bound = metrics.boundingRect(QRect(0, 0, max(room, 1), 100_000), int(Qt.TextFlag.TextWordWrap), text)
            fits = bound.width() <= room + SLACK and bound.height() <= rect.height() + SLACK
        else:
            fits = _lines_width(metrics, text) <= room + SLACK and \
                metrics.height() * (text.count("\n") + 1) <= rect.height() + SLACK
        if not fits and not _whole_elsewhere(view, index, text):
            header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            found.append(f"{_name(view)} cell “{text[:60]}” (column “{header}”) is cut off: "
                         f"{rect.width()}×{rect.height()}px")
    return found


def _cut_at_the_side(area: QScrollArea) -> str | None:
    """A scroll area that cannot scroll sideways but holds something wider than it shows: cut off."""
    inner = area.widget()
    if inner is None or area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
        return None
    if inner.width() > area.viewport().width() + SLACK:
        return (f"{_name(area)} shows {area.viewport().width()}px of a {inner.width()}px wide content: the rest is "
                "cut off at the side")
    return None


def _navigation(view: QListWidget) -> list[str]:
    """The area names on the left: each on one line, whole (Qt ends a squeezed one in "…")."""
    metrics = view.fontMetrics()
    found = []
    for row in range(view.count()):
        item = view.item(row)
        need = metrics.horizontalAdvance(item.text()) + view.iconSize().width() + 24 + 6  # the theme's padding
        rect = view.visualItemRect(item)
        room = min(rect.right() + 1, view.viewport().width()) - rect.left()  # the item may run past the edge
        if need > room + SLACK:
            found.append(f"navigation “{item.text()}” needs {need}px, has {room}")
    return found


def _squeezed(widget: QWidget) -> str | None:
    """A widget (a dialog above all) smaller than its layout's minimum: what lies past its edge is cut off. A
    dialog given an explicit minimum width ends up so, its layout's own minimum no longer enforced."""
    layout = widget.layout()
    if layout is None:
        return None
    need = layout.totalMinimumSize() if hasattr(layout, "totalMinimumSize") else layout.minimumSize()
    if widget.width() + SLACK < need.width() or widget.height() + SLACK < need.height():
        return (f"{_name(widget)} is {widget.width()}×{widget.height()}px, its content needs at least "
                f"{need.width()}×{need.height()}: the rest is cut off at its edge")
    return None


def _horizontal_scroll(view: QAbstractScrollArea) -> str | None:
    if view.horizontalScrollBar().maximum() > 0 and view.horizontalScrollBarPolicy() != \
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
        return f"{_name(view)} scrolls sideways ({view.horizontalScrollBar().maximum()}px hidden)"
    return None


def clipped(root: QWidget, where: str) -> list[str]:
    """Every cut-off text in what ``root`` shows now, each line prefixed with ``where``."""
    found: list[str] = []
    for widget in shown(root):
        problems: list[str | None] = [_squeezed(widget)]
        if isinstance(widget, QLabel):
            problems.append(_label(widget))
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            problems.append(_button(widget))
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), (QComboBox, QAbstractScrollArea)):
            problems.append(_line_edit(widget))
        elif isinstance(widget, QComboBox):
            problems.append(_combo(widget))
        elif isinstance(widget, QGroupBox):
            problems.append(_group(widget))
        elif isinstance(widget, QTabBar):
            problems.extend(_tabs(widget))
        elif isinstance(widget, QHeaderView):
            problems.extend(_header(widget))
        elif isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QHeaderView):
            problems.append(_horizontal_scroll(widget))
            if isinstance(widget, (QTableView, QTreeView)):
                problems.extend(_cells(widget))
            if isinstance(widget, QListWidget) and widget.objectName() == "navigation":
                problems.extend(_navigation(widget))
            if isinstance(widget, QScrollArea):
                problems.append(_cut_at_the_side(widget))
        found.extend(f"{where}: {problem}" for problem in problems if problem)
    return found


def too_big(widget: QWidget, where: str, *, shown_size: bool = True) -> list[str]:
    """A window or dialog that cannot be made small enough for the screen, or (``shown_size``) was shown
    larger. Dialogs that size themselves from the screen are checked for their minimum only: the test's
    offscreen screen is not a 1366×768 one."""
    found = []
    hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    if hint.width() > SCREEN_WIDTH or hint.height() > SCREEN_HEIGHT:
        found.append(f"{where}: minimum size {hint.width()}×{hint.height()} exceeds {SCREEN_WIDTH}×{SCREEN_HEIGHT}")
    if shown_size and (widget.width() > SCREEN_WIDTH or widget.height() > SCREEN_HEIGHT):
        found.append(f"{where}: shown at {widget.width()}×{widget.height()}, larger than the screen")
    return found
