"""Two PCs sync through a real server process (uvicorn on a free loopback port) using the CLI."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from secretary_app.cli import main
from secretary_app.paths import resolve_paths
from secretary_app.services.roster import list_members
from secretary_app.store import Store
from tests.sync.conftest import PASSWORD


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_two_pcs_converge_through_a_real_server(live_server: str, tmp_path: Path, monkeypatch, capsys,
                                                new_demo_store) -> None:
    pc1, pc2 = str(tmp_path / "pc1"), str(tmp_path / "pc2")
    store = new_demo_store(Path(pc1))
    demo_cell = store.cell_id
    store.close()
    _cli(monkeypatch, capsys, "--data-dir", pc1, "sync", "login", "--server", live_server, "--username", "bithu",
         stdin=PASSWORD + "\n")
    _cli(monkeypatch, capsys, "--data-dir", pc2, "sync", "login", "--server", live_server, "--username",
         "phobithu", stdin=PASSWORD + "\n")
    first = _cli(monkeypatch, capsys, "--data-dir", pc1, "sync")
    pushed = re.search(r"pushed=(\d+)", first)
    assert pushed is not None and pushed.group(1) != "0"
    second = _cli(monkeypatch, capsys, "--data-dir", pc2, "sync")
    assert "pulled=" in second and "pulled=0 " not in second

    a, b = Store(resolve_paths(pc1)), Store(resolve_paths(pc2))
    try:
        assert a.cell_id == b.cell_id != demo_cell  # the PC joined the server's cell
        assert [m.full_name for m in list_members(a)] == [m.full_name for m in list_members(b)]
        assert len(list_members(b)) == 25
        # Both edit the same member's phone: one conflict listed on both PCs, neither value lost.
        member = list_members(a)[0]
        from models.members import Member

        for store_, phone in ((a, "0911111111"), (b, "0922222222")):
            with store_.transaction() as session:
                found = session.get(Member, member.id)
                assert found is not None
                found.phone = phone
    finally:
        a.close()
        b.close()
    out1 = _cli(monkeypatch, capsys, "--data-dir", pc1, "sync")
    out2 = _cli(monkeypatch, capsys, "--data-dir", pc2, "sync")
    assert "conflicts=0" in out1 and "conflicts=1" in out2
    _cli(monkeypatch, capsys, "--data-dir", pc1, "sync")
    for pc in (pc1, pc2):
        listed = _cli(monkeypatch, capsys, "--data-dir", pc, "sync", "conflicts")
        assert "1 xung đột" in listed
        assert "0911111111" in listed and "0922222222" in listed
    a, b = Store(resolve_paths(pc1)), Store(resolve_paths(pc2))
    try:
        phones = {m.id: m.phone for m in list_members(a)}, {m.id: m.phone for m in list_members(b)}
        assert phones[0] == phones[1] and phones[0][member.id] == "0911111111"
    finally:
        a.close()
        b.close()
