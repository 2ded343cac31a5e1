"""The cell's own details: names for the document header, place, region, term."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from models.base import new_id
from models.cell import Cell
from models.text import nfc
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.errors import ValidationFailed
from secretary_app.store import Store

CELL_TYPES = ("residential", "agency", "enterprise", "school", "armed_forces")


@dataclass(frozen=True)
class CellRecord:
    id: uuid.UUID
    name: str
    superior_name: str
    place_name: str
    wage_region: int
    cell_type: str
    term_start: dt.date
    term_end: dt.date | None
    is_grassroots: bool


@dataclass(frozen=True)
class CellInput:
    name: str
    superior_name: str
    place_name: str
    wage_region: int
    term_start: dt.date
    term_end: dt.date | None = None
    cell_type: str = "residential"
    is_grassroots: bool = False

    def validated(self) -> CellInput:
        name, superior, place = nfc(self.name) or "", nfc(self.superior_name) or "", nfc(self.place_name) or ""
        if not name:
            raise ValidationFailed("Hãy nhập tên chi bộ, ví dụ \"Chi bộ Tổ dân phố số 5\".", field="name")
        if not superior:
            raise ValidationFailed(
                "Hãy nhập tên đảng bộ cấp trên trực tiếp, ví dụ \"Đảng bộ phường Hoàn Kiếm\".",
                field="superior_name",
            )
        if "huyện" in superior.casefold():
            raise ValidationFailed(
                "Từ 7/2025 không còn cấp huyện: đảng bộ cấp trên là đảng bộ xã, phường hoặc cơ sở.",
                field="superior_name",
            )
        if not place:
            raise ValidationFailed("Hãy nhập địa danh ghi ở dòng ngày tháng, ví dụ \"Hoàn Kiếm\".",
                                   field="place_name")
        if self.wage_region not in (1, 2, 3, 4):
            raise ValidationFailed("Vùng lương tối thiểu phải là I, II, III hoặc IV.", field="wage_region")
        if self.term_end and self.term_end <= self.term_start:
            raise ValidationFailed("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.", field="term_end")
        if self.cell_type not in CELL_TYPES:
            raise ValidationFailed("Loại hình chi bộ không hợp lệ.", field="cell_type")
        return CellInput(name, superior, place, self.wage_region, self.term_start, self.term_end,
                         self.cell_type, self.is_grassroots)


def _record(cell: Cell) -> CellRecord:
    return CellRecord(cell.id, cell.name, cell.superior_name, cell.place_name, cell.wage_region,
                      cell.cell_type, cell.term_start, cell.term_end, cell.is_grassroots)


def get_cell(store: Store) -> CellRecord | None:
    with store.transaction() as session:
        cell = session.scalar(select(Cell).where(Cell.deleted.is_(False)).limit(1))
        return _record(cell) if cell else None


def save_cell(store: Store, data: CellInput) -> OpResult[CellRecord]:
    """Create the cell on first run, or update its details."""
    data = data.validated()
    with store.transaction() as session:
        cell = session.scalar(select(Cell).where(Cell.deleted.is_(False)).limit(1))
        before = _record(cell).__dict__ if cell else None
        if cell is None:
            cell_id = new_id()
            cell = Cell(id=cell_id, cell_id=cell_id)
            session.add(cell)
        for key, value in data.__dict__.items():
            setattr(cell, key, value)
        session.flush()
        store.forget_cell()
        store.audit(session, "cell", cell.id, "update" if before else "create", before, _record(cell).__dict__)
        record = _record(cell)
    changes = Changes(Change.CELL)
    return OpResult(record, changes)
