"""The audit trail is a hash chain: an entry edited, deleted or slipped in with a database viewer is found
by the check, which runs on demand and with every backup; the log can be read by record, person and date."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from secretary_app.services import roster
from secretary_app.services.audit_log import read_log, verify_database
from secretary_app.services.backups import create_backup
from secretary_app.store import Store


@pytest.fixture
def edited(store: Store) -> Store:
    from secretary_app.services.cell import CellInput, save_cell

    save_cell(store, CellInput(name="Chi bộ Tổ dân phố số 5", superior_name="Đảng bộ phường Hoàn Kiếm",
                               place_name="Hoàn Kiếm", wage_region=1, term_start=dt.date(2025, 7, 1)))
    lan, _ = roster.create_member(store, roster.MemberData(full_name="Phạm Thị Lan", phone="0912 345 678"))
    hung, _ = roster.create_member(store, roster.MemberData(full_name="Nguyễn Văn Hùng"))
    data = roster.get_member(store, lan).data
    roster.update_member(store, lan, roster.MemberData(**{**data.__dict__, "phone": "0987 654 321"}))
    roster.delete_member(store, hung)
    return store


def test_an_untouched_trail_checks_out(edited: Store) -> None:
    check = verify_database(edited.paths.database)
    assert check.ok and check.entries >= 4
    assert check.summary == f"toàn vẹn ({check.entries} mục)"


def test_one_entry_edited_in_the_file_is_found_and_named(edited: Store) -> None:
    conn = sqlite3.connect(edited.paths.database)
    conn.execute("UPDATE audit_entry SET after = replace(after, '0987 654 321', '0900 000 000') "
                 "WHERE action = 'update'")
    conn.commit()
    seq = conn.execute("SELECT seq FROM audit_entry WHERE action = 'update'").fetchone()[0]
    conn.close()
    check = verify_database(edited.paths.database)
    assert not check.ok and check.broken_at == seq
    assert check.summary.startswith(f"BỊ SỬA ĐỔI từ mục số {seq}")


def test_a_deleted_entry_is_found(edited: Store) -> None:
    conn = sqlite3.connect(edited.paths.database)
    conn.execute("DELETE FROM audit_entry WHERE seq = 2")
    conn.commit()
    conn.close()
    check = verify_database(edited.paths.database)
    assert check.broken_at == 2 and "thiếu mục" in check.reason


def test_a_rewritten_chain_that_forgot_one_hash_is_found(edited: Store) -> None:
    conn = sqlite3.connect(edited.paths.database)  # someone edits an entry and recomputes its own hash only
    from models.audit import entry_digest

    row = conn.execute("SELECT seq, at, who, entity, entity_id, action, before, after, prev_hash FROM audit_entry "
                       "WHERE after LIKE '%Phạm Thị Lan%' ORDER BY seq LIMIT 1").fetchone()
    forged_after = row[7].replace("Phạm Thị Lan", "Phạm Thị Lành")
    digest = entry_digest(row[0], row[1], row[2], row[3], row[4], row[5], row[6], forged_after, row[8])
    assert forged_after != row[7]
    conn.execute("UPDATE audit_entry SET after = ?, hash = ? WHERE seq = ?", (forged_after, digest, row[0]))
    conn.commit()
    conn.close()
    check = verify_database(edited.paths.database)
    assert check.broken_at == row[0] + 1 and "không nối" in check.reason


def test_every_backup_reports_the_check(edited: Store, tmp_path) -> None:
    assert create_backup(edited.paths, tmp_path).audit.startswith("toàn vẹn")
    conn = sqlite3.connect(edited.paths.database)
    conn.execute("UPDATE audit_entry SET who = 'người khác' WHERE seq = 3")
    conn.commit()
    conn.close()
    assert create_backup(edited.paths, tmp_path).audit.startswith("BỊ SỬA ĐỔI từ mục số 3")


def test_the_log_reads_by_record_person_and_date(edited: Store) -> None:
    everything = read_log(edited.paths.database)
    assert [row.seq for row in everything] == sorted((row.seq for row in everything), reverse=True)
    lan = read_log(edited.paths.database, text="pham thi lan")
    assert lan and all(row.label == "Phạm Thị Lan" for row in lan)
    assert {row.action for row in lan} >= {"thêm", "sửa"}
    assert read_log(edited.paths.database, who="local") == everything
    assert read_log(edited.paths.database, who="ai-khac") == []
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert read_log(edited.paths.database, since=tomorrow) == []
