"""The Party cell this database belongs to."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, SyncMixin


class Cell(SyncMixin, Base):
    __tablename__ = "cell"

    name: Mapped[str] = mapped_column(String(200))  # "Chi bộ Tổ dân phố số 5"
    superior_name: Mapped[str] = mapped_column(String(200))  # "Đảng bộ phường Hoàn Kiếm"
    place_name: Mapped[str] = mapped_column(String(120))  # date line: "Hoàn Kiếm, ngày …"
    wage_region: Mapped[int] = mapped_column(Integer, default=1)  # minimum-wage region I–IV
    cell_type: Mapped[str] = mapped_column(String(30), default="residential")
    term_start: Mapped[dt.date] = mapped_column(Date)
    term_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    is_grassroots: Mapped[bool] = mapped_column(default=False)  # chi bộ cơ sở has its own seal
