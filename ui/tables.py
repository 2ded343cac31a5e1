"""One table model for plain records, and a proxy that searches without diacritics and sorts in
Vietnamese order. Pages describe their columns; nothing else about tables is written twice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QHeaderView, QTableView

from models.text import search_key

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    sort_key: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: bool = False  # the whole value as the cell's tooltip (a column that may be shortened)


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Any] = []
        # Sort keys per column, computed once for all rows on the first sort: a sort of 10,000 rows asks
        # for ~280,000 keys, and a Vietnamese collation key is too dear to build on every comparison.
        self._sort_keys: dict[int, list[Any]] = {}
        self._sort_column: int | None = None
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self._sort_keys.clear()
        self.endResetModel()
        if self._sort_column is not None:  # keep the order the person chose across reloads
            self.sort(self._sort_column, self._sort_order)

    def invalidate_sort_keys(self) -> None:
        """Call when a column's sort key changes meaning (e.g. name order switched to full-name order)."""
        self._sort_keys.clear()
        if self._sort_column is not None:
            self.sort(self._sort_column, self._sort_order)

    def sort_key(self, row: int, column: int) -> Any:
        keys = self._sort_keys.get(column)
        if keys is None:
            col = self.columns[column]
            keys = self._sort_keys[column] = [(col.sort_key or col.value)(r) for r in self.records]
        return keys[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the records themselves (one Python sort on cached keys): with 10,000 rows this takes
        milliseconds, where a proxy calling lessThan() per comparison takes hundreds."""
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        keys = [self.sort_key(row, column) for row in range(len(self.records))]
        ranked = sorted(range(len(self.records)), key=lambda i: (keys[i] is not None, keys[i]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        old = self.persistentIndexList()
        position = {source: target for target, source in enumerate(ranked)}
        self.records = [self.records[i] for i in ranked]
        self._sort_keys = {c: [k[i] for i in ranked] for c, k in self._sort_keys.items()}
        self.changePersistentIndexList(old, [self.index(position[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(record)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return self.sort_key(index.row(), index.column())
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            value = column.value(record)
            return None if value is None else str(value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None


class SearchProxy(QSortFilterProxyModel):
    """Filters on a record's ``search_key`` (diacritics- and case-free) and sorts by SORT_ROLE keys."""

    def __init__(self, key_of: Callable[[Any], str], parent=None) -> None:
        super().__init__(parent)
        self._key_of = key_of
        self._needle = ""
        self.extra_filter: Callable[[Any], bool] | None = None
        self.setSortRole(SORT_ROLE)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = search_key(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_extra_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self.extra_filter = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = cast(RecordTableModel, self.sourceModel())  # a SearchProxy only ever filters a RecordTableModel
        record = model.records[source_row]
        if self.extra_filter is not None and not self.extra_filter(record):
            return False
        return not self._needle or self._needle in self._key_of(record)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the source model; the proxy only filters, so typing never re-sorts."""
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.sort(column, order)
            model._sort_column, model._sort_order = column, order  # re-applied by set_records
        else:
            super().sort(column, order)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):  # straight to the cached keys, no QVariant round trip
            a, b = model.sort_key(left.row(), left.column()), model.sort_key(right.row(), right.column())
        else:
            a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        return a < b


def fit_columns(view: QTableView, *stretch: int) -> None:
    """Columns chosen for the width: each as wide as its header and values, except the ``stretch`` ones,
    which share the room left (their long values elided or wrapped), so no column hides behind a sideways
    scroll."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


_AROUND = 60  # rows fitted beyond those on screen


def fit_rows(view: QTableView, extra: int = 6, least: int | None = None) -> None:
    """Rows as tall as their wrapped text needs at the columns' present widths (never less than one line):
    a long value wraps onto more lines instead of ending in "…". Measured again whenever a column is
    resized or the rows change (a stretching column follows the window, large text changes the font).
    ``extra`` px of air keep wrapped lines off the grid lines. ``least``: the lowest row height, by default
    the view's usual one (a dense grid passes 0: its rows as low as their text)."""
    view.setWordWrap(True)
    timer = QTimer(view)
    timer.setSingleShot(True)

    def fit() -> None:
        model = view.model()
        if model is None or model.rowCount() == 0:
            return
        # The rows on screen and a screenful around them (a 5,000-row import preview stays quick); the
        # others when scrolled to.
        first = max(view.rowAt(0), 0)
        last = view.rowAt(view.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        floor = view.verticalHeader().defaultSectionSize() if least is None else least
        for row in range(max(first - _AROUND, 0), min(last + _AROUND, model.rowCount() - 1) + 1):
            view.setRowHeight(row, max(floor, view.sizeHintForRow(row) + extra))

    timer.timeout.connect(fit)
    view.horizontalHeader().sectionResized.connect(lambda *_: timer.start(0))
    view.verticalScrollBar().valueChanged.connect(lambda *_: timer.start(0))
    model = view.model()
    assert model is not None, "set the model before fit_rows"
    for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.dataChanged):
        signal.connect(lambda *_: timer.start(0))
    timer.start(0)
