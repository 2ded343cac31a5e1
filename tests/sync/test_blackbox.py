"""Black-box: two PCs import different rosters, sync twice each, and export identical roster files."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from secretary_app.cli import main
from tests.sync.conftest import PASSWORD

HEADER = ("STT,Họ và tên,Tên khai sinh,Ngày sinh,Giới tính,Dân tộc,Tôn giáo,Quê quán,Nơi ở hiện nay,Ngày vào Đảng,"
          "Ngày lễ kết nạp,Ngày chính thức,Số thẻ,Số lý lịch,Số CCCD,Chức vụ,Trình độ văn hóa,Lý luận chính trị,"
          "Nghề nghiệp,Điện thoại,Ghi chú,Tình trạng")


def _roster(path: Path, people: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(HEADER + "\n")
        writer = csv.writer(handle)
        for index, (name, born, joined) in enumerate(people, start=1):
            writer.writerow([index, name, "", born, "Nam", "Kinh", "Không", "Hà Nội", "Số 1 Hàng Bạc", joined, joined,
                             "", f"9{index}{born[-2:]}1234", "", "", "Đảng viên", "12/12", "Sơ cấp", "Hưu trí",
                             "0912345678", "", "Chính thức"])
    return path


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_two_imported_rosters_export_identically_after_two_syncs(live_server: str, tmp_path: Path,
                                                                 monkeypatch, capsys) -> None:
    pc1, pc2 = str(tmp_path / "pc1"), str(tmp_path / "pc2")
    first = _roster(tmp_path / "a.csv", [("Nguyễn Văn Bình", "12/03/1961", "15/05/1990"),
                                         ("Lê Thị Cúc", "02/11/1970", "20/08/1998")])
    second = _roster(tmp_path / "b.csv", [("Trần Quốc Dũng", "30/01/1966", "03/02/1995"),
                                          ("Phạm Thị Én", "14/07/1975", "19/05/2003")])
    _cli(monkeypatch, capsys, "--data-dir", pc1, "demo")
    _cli(monkeypatch, capsys, "--data-dir", pc1, "roster", "import", str(first))
    for pc, user in ((pc1, "bithu"), (pc2, "phobithu")):
        _cli(monkeypatch, capsys, "--data-dir", pc, "sync", "login", "--server", live_server, "--username", user,
             stdin=PASSWORD + "\n")
    _cli(monkeypatch, capsys, "--data-dir", pc1, "sync")
    _cli(monkeypatch, capsys, "--data-dir", pc2, "sync")  # the second PC receives the cell, then imports
    _cli(monkeypatch, capsys, "--data-dir", pc2, "roster", "import", str(second))
    for _ in range(2):
        for pc in (pc1, pc2):
            _cli(monkeypatch, capsys, "--data-dir", pc, "sync")
    exports = []
    for pc in (pc1, pc2):
        target = tmp_path / f"{Path(pc).name}.csv"
        _cli(monkeypatch, capsys, "--data-dir", pc, "roster", "export", str(target))
        exports.append(target.read_bytes())
    assert exports[0] == exports[1]
    text = exports[0].decode("utf-8-sig")
    for name in ("Nguyễn Văn Bình", "Lê Thị Cúc", "Trần Quốc Dũng", "Phạm Thị Én", "Nguyễn Thị Hường"):
        assert name in text


def _set_phone(data_dir: str, name: str, phone: str) -> None:
    """A person edits a member's phone on one PC (through the roster service, as the member page does)."""
    import dataclasses

    from secretary_app.paths import resolve_paths
    from secretary_app.services import roster
    from secretary_app.store import Store

    store = Store(resolve_paths(data_dir))
    try:
        member = next(m for m in roster.list_members(store) if m.full_name == name)
        detail = roster.get_member(store, member.id)
        roster.update_member(store, member.id, dataclasses.replace(detail.data, phone=phone))
    finally:
        store.close()


def test_a_conflict_resolved_with_the_cli_ends_the_same_on_both_pcs(live_server: str, tmp_path: Path,
                                                                    monkeypatch, capsys) -> None:
    pc1, pc2 = str(tmp_path / "pc1"), str(tmp_path / "pc2")
    _cli(monkeypatch, capsys, "--data-dir", pc1, "demo")
    for pc, user in ((pc1, "bithu"), (pc2, "phobithu")):
        _cli(monkeypatch, capsys, "--data-dir", pc, "sync", "login", "--server", live_server, "--username", user,
             stdin=PASSWORD + "\n")
        _cli(monkeypatch, capsys, "--data-dir", pc, "sync")
    name = "Nguyễn Thị Hường"
    _set_phone(pc1, name, "0911111111")
    _set_phone(pc2, name, "0922222222")
    _cli(monkeypatch, capsys, "--data-dir", pc1, "sync")  # first in: its value stays on the server
    assert "conflicts=1" in _cli(monkeypatch, capsys, "--data-dir", pc2, "sync")
    _cli(monkeypatch, capsys, "--data-dir", pc1, "sync")
    listed = []
    for pc in (pc1, pc2):  # one conflict, the same on both PCs, both values shown with the id to copy
        out = _cli(monkeypatch, capsys, "--data-dir", pc, "sync", "conflicts")
        assert out.startswith("1 xung đột chưa giải quyết:"), out
        assert "Điện thoại" in out and "0911111111" in out and "0922222222" in out and name in out
        listed.append(out.split("mã xung đột ")[1].split(")")[0])
    assert listed[0] == listed[1]
    # PC 2 keeps its own value, naming the conflict by the first 8 characters of its id.
    out = _cli(monkeypatch, capsys, "--data-dir", pc2, "sync", "resolve", listed[0][:8], "--keep", "mine")
    assert listed[0] in out
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["--data-dir", pc2, "sync", "resolve", listed[0][:8], "--keep", "server"]) == 1  # decided already
    assert "đang chờ gửi" in capsys.readouterr().err
    assert main(["--data-dir", pc2, "sync", "resolve", "zz12", "--keep", "server"]) == 1
    assert capsys.readouterr().err.count("\n") == 1  # one clear line
    for _ in range(2):
        for pc in (pc2, pc1):
            _cli(monkeypatch, capsys, "--data-dir", pc, "sync")
    exports = []
    for pc in (pc1, pc2):
        assert _cli(monkeypatch, capsys, "--data-dir", pc, "sync", "conflicts").startswith(
            "Không có xung đột nào chưa giải quyết.")
        target = tmp_path / f"{Path(pc).name}.csv"
        _cli(monkeypatch, capsys, "--data-dir", pc, "roster", "export", str(target))
        exports.append(target.read_bytes())
    assert exports[0] == exports[1]
    row = next(line for line in exports[0].decode("utf-8-sig").splitlines() if name in line)
    assert "0922222222" in row and "0911111111" not in row


NEW_DEVICE_NOTICE = "nó được đồng bộ như một máy tính riêng"


def _pending(data_dir: str) -> int:
    from secretary_app.paths import resolve_paths
    from secretary_app.store import Store
    from secretary_app.sync.service import status

    store = Store(resolve_paths(data_dir))
    try:
        return status(store).pending
    finally:
        store.close()


def test_a_copied_data_folder_becomes_a_separate_computer_and_loses_no_edit(live_server: str, tmp_path: Path,
                                                                           monkeypatch, capsys) -> None:
    """Issue 14.1: PC 1's data folder copied to PC 2 (same device id); each edits another member offline;
    both sync twice. Both edits reach the server and both PCs; PC 2 is told once it is now a separate
    computer; no sync reports an edit it dropped."""
    import shutil

    import keyring

    from tests.support import MemoryKeyring

    pc1, pc2 = str(tmp_path / "pc1"), str(tmp_path / "pc2")
    keyrings = {pc1: keyring.get_keyring(), pc2: MemoryKeyring()}  # two PCs: each its own keyring

    def on(pc: str, *args: str, stdin: str = "") -> str:
        keyring.set_keyring(keyrings[pc])
        return _cli(monkeypatch, capsys, "--data-dir", pc, *args, stdin=stdin)

    _cli(monkeypatch, capsys, "--data-dir", pc1, "demo")
    on(pc1, "sync", "login", "--server", live_server, "--username", "bithu",
         stdin=PASSWORD + "\n")
    on(pc1, "sync")
    shutil.copytree(pc1, pc2)
    on(pc2, "sync", "login", "--server", live_server, "--username", "bithu",
         stdin=PASSWORD + "\n")  # the copy logs in on its own PC with the device id it carries
    _set_phone(pc1, "Nguyễn Thị Hường", "0911111111")
    _set_phone(pc2, "Trần Văn An", "0922222222")
    outputs: dict[str, list[str]] = {pc1: [], pc2: []}
    for _ in range(2):
        for pc in (pc1, pc2):
            out = on(pc, "sync")
            outputs[pc].append(out)
            assert "rejected=0" in out and "conflicts=0" in out, out
    assert sum(out.count(NEW_DEVICE_NOTICE) for out in outputs[pc2]) == 1, outputs[pc2]  # told once
    assert NEW_DEVICE_NOTICE in outputs[pc2][0]
    assert not any(NEW_DEVICE_NOTICE in out for out in outputs[pc1])
    assert "pushed=1" in outputs[pc2][0]
    exports = []
    for pc in (pc1, pc2):
        target = tmp_path / f"{Path(pc).name}.csv"
        _cli(monkeypatch, capsys, "--data-dir", pc, "roster", "export", str(target))
        exports.append(target.read_bytes())
        assert _pending(pc) == 0
    assert exports[0] == exports[1]
    rows = exports[0].decode("utf-8-sig").splitlines()
    assert "0911111111" in next(r for r in rows if "Nguyễn Thị Hường" in r)
    assert "0922222222" in next(r for r in rows if "Trần Văn An" in r)
