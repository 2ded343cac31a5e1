"""The shared table model and search proxy, without a widget (Vorta's habit): what a person would see in
a table — the cells, the order after a click on a header, the rows left after typing in the search box."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models.text import name_sort_key, search_key
from ui.tables import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel, SearchProxy


@dataclass
class Person:
    name: str
    phone: str | None
    age: int | None

    @property
    def search_key(self) -> str:
        return search_key(self.name)


PEOPLE = [
    Person("Đỗ Thị Hà", "0912", 61),
    Person("Phạm Đức Dũng", None, 45),
    Person("Nguyễn Thị Ánh", "0988", None),
    Person("Lê Văn Bình", "0977", 70),
    Person("Trần Văn An", "0966", 38),
    Person("Hoàng Minh Đạt", "0955", 52),
]
# Vietnamese list order: by given name (An < Ánh < Bình < Dũng < Đạt < Hà: d before đ, a before á).
BY_GIVEN_NAME = ["Trần Văn An", "Nguyễn Thị Ánh", "Lê Văn Bình", "Phạm Đức Dũng", "Hoàng Minh Đạt", "Đỗ Thị Hà"]


def _columns() -> list[Column]:
    return [
        Column("Họ và tên", lambda p: p.name, sort_key=lambda p: name_sort_key(p.name)),
        Column("Điện thoại", lambda p: p.phone),
        Column("Tuổi", lambda p: p.age, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
    ]


@pytest.fixture
def model(qapp) -> RecordTableModel:
    table = RecordTableModel(_columns())
    table.set_records(PEOPLE)
    return table


@pytest.fixture
def proxy(model: RecordTableModel) -> SearchProxy:
    searching = SearchProxy(lambda p: p.search_key)
    searching.setSourceModel(model)
    return searching


def _names(view: RecordTableModel | SearchProxy) -> list[str]:
    return [view.index(row, 0).data() for row in range(view.rowCount())]


def test_cells_headers_and_alignment(model: RecordTableModel) -> None:
    assert (model.rowCount(), model.columnCount()) == (6, 3)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Họ và tên", "Điện thoại", "Tuổi"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    first = PEOPLE[0]
    assert model.index(0, 0).data() == first.name
    assert model.index(0, 2).data() == "61"  # every cell is shown as text
    assert model.index(1, 1).data() == ""  # a missing phone is an empty cell, not "None"
    assert model.index(0, 0).data(RECORD_ROLE) is first
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table: no child rows


def test_sorting_by_name_follows_vietnamese_order_not_code_points(proxy: SearchProxy, model) -> None:
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert _names(proxy) == BY_GIVEN_NAME
    assert _names(model) == BY_GIVEN_NAME  # the records themselves are sorted, the proxy only filters
    assert sorted(p.name.split()[-1] for p in PEOPLE) != [n.split()[-1] for n in BY_GIVEN_NAME]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert _names(proxy) == BY_GIVEN_NAME[::-1]


def test_sorting_puts_empty_cells_first_and_numbers_by_value(proxy: SearchProxy) -> None:
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 2).data() for r in range(proxy.rowCount())] == ["", "38", "45", "52", "61", "70"]
    assert proxy.index(0, 0).data(SORT_ROLE) == name_sort_key("Nguyễn Thị Ánh")


def test_the_chosen_order_survives_a_reload_and_a_kept_index_follows_its_row(proxy: SearchProxy,
                                                                               model: RecordTableModel) -> None:
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    kept = QPersistentModelIndex(model.index(0, 0))  # Trần Văn An, e.g. the selected row
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    # Oldest first: An (38) is the youngest with an age; the member without one comes last.
    assert kept.data() == "Trần Văn An" and kept.row() == 4
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_records([*PEOPLE, Person("Vũ Thị Bảo", "0944", 30)])
    assert _names(proxy) == [*BY_GIVEN_NAME[:2], "Vũ Thị Bảo", *BY_GIVEN_NAME[2:]]


@pytest.mark.parametrize(("typed", "expected"), [
    ("nguyen", ["Nguyễn Thị Ánh"]),  # without diacritics
    ("NGUYỄN", ["Nguyễn Thị Ánh"]),  # any case
    ("do thi", ["Đỗ Thị Hà"]),  # đ is typed as d
    ("đức", ["Phạm Đức Dũng"]),
    ("van", ["Lê Văn Bình", "Trần Văn An"]),
    ("  ", [p.name for p in PEOPLE]),  # blank: everyone
    ("xyz", []),
])
def test_search_ignores_marks_and_case(proxy: SearchProxy, typed: str, expected: list[str]) -> None:
    proxy.set_query(typed)
    assert _names(proxy) == expected


def test_an_extra_filter_combines_with_the_search_and_clears(proxy: SearchProxy) -> None:
    proxy.set_extra_filter(lambda p: p.phone is not None)
    assert "Phạm Đức Dũng" not in _names(proxy) and proxy.rowCount() == 5
    proxy.set_query("van")
    assert _names(proxy) == ["Lê Văn Bình", "Trần Văn An"]
    proxy.set_extra_filter(None)
    proxy.set_query("")
    assert proxy.rowCount() == 6
