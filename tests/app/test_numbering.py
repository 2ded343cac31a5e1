import datetime as dt
import threading

import pytest

from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.numbering import format_symbol, issue_number
from secretary_app.store import Store


def _setup(store, term_start=dt.date(2025, 8, 20)):
    record, _ = save_cell(store, CellInput("Chi bộ Tổ dân phố số 5", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                                           term_start))
    return record.id


def _issue(store, doc_type="NQ", day=dt.date(2026, 2, 5)):
    with store.transaction() as session:
        return issue_number(session, store.cell_id, doc_type, day, subject="về nhiệm vụ tháng 02",
                            signer="Nguyễn Văn Hùng").symbol


def test_symbol_format():
    assert format_symbol(3, "NQ") == "03-NQ/CB"
    assert format_symbol(127, "BC") == "127-BC/CB"


def test_numbers_run_per_type_and_do_not_reset_in_january(store):
    _setup(store)
    assert _issue(store, day=dt.date(2025, 12, 5)) == "01-NQ/CB"
    assert _issue(store, day=dt.date(2026, 1, 5)) == "02-NQ/CB"
    assert _issue(store, "BC", dt.date(2026, 1, 6)) == "01-BC/CB"


def test_a_new_term_restarts_at_01(store):
    _setup(store)
    _issue(store)
    _issue(store)
    _setup(store, term_start=dt.date(2027, 9, 1))
    assert _issue(store, day=dt.date(2027, 9, 10)) == "01-NQ/CB"


def test_numbers_of_deleted_documents_are_never_reused(store):
    from models.documents import DocumentRecord

    _setup(store)
    _issue(store)
    with store.transaction() as session:
        for record in session.query(DocumentRecord):
            record.deleted = True
    assert _issue(store) == "02-NQ/CB"


def test_a_date_before_the_term_is_refused(store):
    _setup(store)
    with pytest.raises(UserError, match="trước ngày bắt đầu nhiệm kỳ"):
        _issue(store, day=dt.date(2024, 1, 1))


def test_concurrent_issue_never_gives_the_same_number(data_dir):
    first = Store(resolve_paths(data_dir))
    _setup(first)
    stores = [first] + [Store(resolve_paths(data_dir)) for _ in range(3)]
    symbols: list[str] = []
    errors: list[Exception] = []
    barrier = threading.Barrier(len(stores))

    def worker(store):
        barrier.wait()
        try:
            for _ in range(5):
                symbols.append(_issue(store))
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(symbols) == [format_symbol(n, "NQ") for n in range(1, 21)]
    for store in stores:
        store.close()
