"""A long table (the 5,000-row dues ledger) is laid out page by page with its row heights measured once
(``pdf_renderer._PagedTable``): the pages must read exactly as the single reportlab table drew them —
same words at the same places on the same pages, the header repeated on every page."""

from __future__ import annotations

import dataclasses

import pytest

from exporters import Align, Column, Table, pdf_renderer
from tests.exporters.conftest import open_pdf, pdf_bytes
from tests.exporters.samples import sample_resolution


def _ledger_like(rows: int) -> object:
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường với một cái tên rất dài để cột phải xuống dòng", "Phạm Đức"]
    table = Table(
        columns=(Column(12, Align.CENTER), Column(60), Column(30, Align.RIGHT), Column(30, Align.RIGHT)),
        header=("TT", "Họ và tên", "Phải nộp", "Đã nộp"),
        rows=tuple((str(i + 1), names[i % len(names)], f"{(i * 7919) % 90000:,}".replace(",", "."),
                    "*miễn*" if i % 17 == 0 else f"{(i * 104729) % 90000:,}".replace(",", "."))
                   for i in range(rows)),
    )
    document = sample_resolution()
    return dataclasses.replace(document, blocks=(*document.blocks[:3], table, *document.blocks[3:]))


def _pages(data: bytes) -> list[list[tuple[str, int, int]]]:
    with open_pdf(data) as pdf:
        return [[(w["text"], round(w["x0"]), round(w["top"])) for w in page.extract_words()] for page in pdf.pages]


@pytest.mark.parametrize("rows", [61, 400])
def test_a_long_table_reads_the_same_as_one_reportlab_table(rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    document = _ledger_like(rows)
    paged = _pages(pdf_bytes(document))  # type: ignore[arg-type]
    monkeypatch.setattr(pdf_renderer, "_LONG_TABLE_ROWS", 10**9)  # every table one reportlab Table
    single = _pages(pdf_bytes(document))  # type: ignore[arg-type]
    assert len(paged) == len(single) >= (3 if rows > 100 else 2)
    assert paged == single  # with the header repeated on each page, as repeatRows drew it


@pytest.mark.parametrize("rows", [20, 400])
def test_tables_draw_the_very_pdf_reportlab_draws(rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """``pdf_renderer._Grid`` writes plain-string cells' text operators itself and shares the cell styles
    of a style that spans all rows: the file must be byte for byte the one reportlab's own Table makes
    (reportlab's invariant mode: no date or random id in the file)."""
    from reportlab import rl_config
    from reportlab.platypus import Table as ReportlabTable

    monkeypatch.setattr(rl_config, "invariant", 1)
    document = _ledger_like(rows)
    ours = pdf_bytes(document)  # type: ignore[arg-type]
    monkeypatch.setattr(pdf_renderer._Grid, "_drawCell", ReportlabTable._drawCell)
    monkeypatch.setattr(pdf_renderer._Grid, "setStyle", ReportlabTable.setStyle)
    assert pdf_bytes(document) == ours  # type: ignore[arg-type]
    assert len(ours) > 5_000
