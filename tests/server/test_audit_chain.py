"""Issue 15.3: the PCs' audit entries reach the server, which keeps them append-only per cell and device,
checks each against the chain on receipt, and lets the upper committee verify a cell's chains."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text, update

from models.audit import GENESIS, AuditEntry, entry_digest
from models.base import new_id
from models.members import Member
from secretary_app.server.__main__ import main as server_main
from secretary_app.server.db import audit_chain
from secretary_app.sync.protocol import PREFIX
from tests.server.helpers import Api
from tests.sync.harness import World


@pytest.fixture
def world(tmp_path: Path):
    world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", probability=0.0)
    world.reset(1)
    yield world
    world.close_clients()
    world.server.close()


def _add_members(world: World, name: str, *names: str) -> None:
    """Members added as the services do: the record and its audit entry in one transaction."""
    def action(session: Any, box: Any) -> None:
        for full_name in names:
            member = Member(id=new_id(), cell_id=box.store.cell_id, full_name=full_name)
            session.add(member)
            box.store.audit(session, "member", member.id, "create", None, {"full_name": full_name})
    world.edit(name, action)


def _local_chain(world: World, name: str) -> list[tuple[int, str]]:
    with world.clients[name].store.transaction() as session:
        return [(e.seq, e.hash) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def _server_chain(world: World) -> list[tuple[int, str]]:
    with world.server.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(audit_chain.c.seq, audit_chain.c.hash)
                                               .order_by(audit_chain.c.device_id, audit_chain.c.seq))]


def _verify(world: World, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = server_main(["--database-url", world.url, "verify-audit", "--cell", "A"])
    return code, capsys.readouterr().out


def test_audit_entries_reach_the_server_and_the_committee_verifies_them(world: World, capsys) -> None:
    _add_members(world, "c0", "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")
    report = world.clients["c0"].engine.sync()
    local = _local_chain(world, "c0")
    assert len(local) == 3 and report.audit_sent == 3
    assert _server_chain(world) == local
    _add_members(world, "c0", "Phạm Thị Dung")
    assert world.clients["c0"].engine.sync().audit_sent == 1  # only what the server lacks
    assert world.clients["c0"].engine.sync().audit_sent == 0
    _add_members(world, "c1", "Hoàng Văn Em")  # the deputy's PC keeps its own chain
    world.clients["c1"].engine.sync()
    code, out = _verify(world, capsys)
    assert code == 0, out
    assert "2 máy đã gửi nhật ký" in out and "toàn vẹn, 4 mục" in out and "toàn vẹn, 1 mục" in out
    assert out.strip().endswith("Kết quả: toàn vẹn.")


def test_an_entry_edited_in_the_server_database_is_found_by_the_verification(world: World, capsys) -> None:
    _add_members(world, "c0", "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")
    world.clients["c0"].engine.sync()
    with world.server.engine.begin() as conn:  # someone with access to the server's files
        conn.execute(update(audit_chain).where(audit_chain.c.seq == 2)
                     .values(after=json.dumps({"full_name": "Người Khác"}, ensure_ascii=False)))
    code, out = _verify(world, capsys)
    assert code == 2
    assert "BỊ SỬA ĐỔI từ mục số 2: nội dung mục đã bị sửa (member" in out
    assert "CÓ MỤC BỊ SỬA ĐỔI" in out
    with world.server.engine.begin() as conn:  # an entry removed: the one after it no longer links
        conn.execute(text("DELETE FROM audit_chain WHERE seq = 2"))
    code, out = _verify(world, capsys)
    assert code == 2 and "BỊ SỬA ĐỔI từ mục số 2: thiếu mục này" in out


def test_a_pc_whose_own_chain_was_edited_is_told_and_its_data_still_syncs(world: World) -> None:
    _add_members(world, "c0", "Nguyễn Văn An", "Trần Thị Bình")
    box = world.clients["c0"]
    with box.store.transaction() as session:  # the file edited behind the app's back, before any sync
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(after='{"full_name": "Ai đó"}'))
    report = box.engine.sync()
    assert "không còn nguyên vẹn từ mục số 2" in report.line()
    assert [seq for seq, _ in _server_chain(world)] == [1]  # what came before the break is kept
    with world.server.engine.connect() as conn:
        assert conn.scalar(select(func.count()).where(text("full_name = 'Trần Thị Bình'"))
                           .select_from(text("member"))) == 1


def test_a_copied_data_folder_keeps_both_chains_as_separate_computers(world: World, capsys) -> None:
    """Two installs with one device id whose chains part with entries that carry no data change (an export
    is audited, not synced): the second to send is told its numbers are taken and becomes a new device."""
    _add_members(world, "c0", "Nguyễn Văn An")
    world.clients["c0"].engine.sync()
    world.copy_data_folder("c0", "c3")

    def exported(session: Any, box: Any) -> None:
        box.store.audit(session, "document_record", new_id(), "export", after={"file": f"{box.name}.pdf"})
    world.edit("c0", exported)
    world.edit("c3", exported)
    assert not world.clients["c0"].engine.sync().new_device
    report = world.clients["c3"].engine.sync()
    assert report.new_device and report.audit_sent == 2  # its whole chain, under its new device id
    code, out = _verify(world, capsys)
    assert code == 0 and "2 máy đã gửi nhật ký" in out and out.count("toàn vẹn, 2 mục") == 2


# --- a crafted client, over HTTP -------------------------------------------------------------------

def _chain(count: int, start: int = 1, prev: str = GENESIS, who: str = "sec") -> list[dict[str, Any]]:
    entries = []
    for seq in range(start, start + count):
        values = {"seq": seq, "at": f"2026-11-05 19:3{seq % 10}:00.000000", "who": who, "entity": "member",
                  "entity_id": uuid.UUID(int=seq).hex, "action": "create", "before": "{}",
                  "after": json.dumps({"full_name": f"Đảng viên {seq}"}, ensure_ascii=False), "prev_hash": prev}
        values["hash"] = prev = entry_digest(values["seq"], values["at"], values["who"], values["entity"],
                                             values["entity_id"], values["action"], values["before"],
                                             values["after"], values["prev_hash"])
        entries.append(values)
    return entries


def _post(api: Api, session: dict[str, Any], entries: list[dict[str, Any]]) -> Any:
    return api.call("POST", f"{PREFIX}/audit", session["access_token"],
                    json={"device_id": session["device_id"], "cell_id": session["cell_id"], "entries": entries})


@pytest.fixture
def api(server):
    server.cell("A")
    server.user("sec", "secretary", "A")
    server.user("committee", "viewer", "A")
    return Api(server)


def test_a_crafted_client_cannot_edit_skip_or_break_the_chain(api: Api) -> None:
    sec = api.login("sec")
    chain = _chain(3)
    first = _post(api, sec, chain)
    assert first.status_code == 200 and first.json() == {"last_seq": 3, "stored": 3}
    assert _post(api, sec, chain).json() == {"last_seq": 3, "stored": 0}  # sent again after a lost answer
    edited = _chain(1, start=2, prev=chain[0]["hash"], who="sec (sửa lại)")  # a well-formed edit of entry 2
    answer = _post(api, sec, edited)
    assert answer.status_code == 409 and answer.json()["error"] == "audit_entry_changed"
    gap = _post(api, sec, _chain(1, start=5, prev=chain[2]["hash"]))
    assert gap.status_code == 409 and (gap.json()["error"], gap.json()["expected_seq"]) == ("audit_gap", 4)
    unlinked = _post(api, sec, _chain(1, start=4, prev="1" * 64))
    assert unlinked.status_code == 409 and unlinked.json()["error"] == "audit_chain_broken"
    forged = _chain(1, start=4, prev=chain[2]["hash"])
    forged[0]["after"] = '{"full_name": "Không khớp mã băm"}'
    assert _post(api, sec, forged).json()["error"] == "audit_chain_broken"
    with api.server.engine.connect() as conn:
        held = conn.execute(select(audit_chain.c.seq, audit_chain.c.who, audit_chain.c.hash)
                            .order_by(audit_chain.c.seq)).all()
    assert [tuple(r) for r in held] == [(e["seq"], "sec", e["hash"]) for e in chain]
    committee = api.login("committee")
    assert _post(api, {**committee, "cell_id": sec["cell_id"]}, []).status_code == 403  # a viewer sends nothing
    verified = api.call("GET", f"{PREFIX}/audit/verify", committee["access_token"],
                        params={"cell_id": sec["cell_id"]})
    assert verified.status_code == 200
    assert verified.json()["ok"] is True and [d["entries"] for d in verified.json()["devices"]] == [3]
