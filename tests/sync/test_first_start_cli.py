"""First start from the command line against a real server process (issue 16.1–16.5): a fresh PC joins its
cell from the server and ends with the same roster as the first PC; `setup --server` refuses a folder that
has a cell; `sync --password-stdin` works where the OS has no keyring (the subprocesses here have none:
keyring's `fail` backend), and `sync login` there says plainly that it cannot remember the session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sync.conftest import PASSWORD


def app(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "secretary_app", "--data-dir", str(data), *args], input=stdin,
                          capture_output=True, text=True, timeout=180)


def no_keyring() -> bool:
    done = subprocess.run([sys.executable, "-c", "import keyring; print(type(keyring.get_keyring()).__module__)"],
                          capture_output=True, text=True, timeout=60)
    return done.stdout.strip() in ("keyring.backends.fail", "keyring.backends.null")


def test_a_fresh_pc_joins_its_cell_from_the_server_with_the_first_pcs_roster(live_server: str,
                                                                             tmp_path: Path) -> None:
    assert no_keyring(), "these runs play a PC without an OS keyring"
    first, second = tmp_path / "pc1", tmp_path / "pc2"
    assert app(first, "demo").returncode == 0
    # No keyring: `sync login` does not pretend; it says what to do instead, and exits 1.
    login = app(first, "sync", "login", "--server", live_server, "--username", "bithu", stdin=PASSWORD + "\n")
    assert login.returncode == 1
    assert "không thể nhớ phiên đăng nhập" in login.stderr and "--password-stdin" in login.stderr
    assert "Đã đăng nhập" not in login.stdout
    # …and the one-run form logs in and syncs.
    synced = app(first, "sync", "--username", "bithu", "--password-stdin", "--server", live_server,
                 stdin=PASSWORD + "\n")
    assert synced.returncode == 0, synced.stderr
    assert "pushed=" in synced.stdout and "pushed=0" not in synced.stdout

    joined = app(second, "setup", "--server", live_server, "--username", "phobithu", stdin=PASSWORD + "\n")
    assert joined.returncode == 0, joined.stderr
    assert "Đã nhận Chi bộ Tổ dân phố số 5" in joined.stdout

    exports = []
    for pc in (first, second):
        out = tmp_path / f"{pc.name}.csv"
        done = app(pc, "roster", "export", str(out))
        assert done.returncode == 0, done.stderr
        exports.append(out.read_text(encoding="utf-8-sig"))
    assert exports[0] == exports[1]
    assert exports[1].count("\n") > 20  # the demo's members, not an empty sheet

    # Both PCs now share one cell: an edit on the second travels to the first.
    again = app(second, "sync", "--username", "phobithu", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 0, again.stderr


def test_setup_from_the_server_refuses_a_folder_that_has_a_cell(live_server: str, tmp_path: Path) -> None:
    pc = tmp_path / "pc"
    assert app(pc, "setup", "--cell", "Chi bộ Tổ dân phố số 9", "--superior", "Đảng bộ phường Cửa Nam",
               "--place", "Cửa Nam").returncode == 0
    refused = app(pc, "setup", "--server", live_server, "--username", "bithu", stdin=PASSWORD + "\n")
    assert refused.returncode == 1
    assert "đã có chi bộ \"Chi bộ Tổ dân phố số 9\"" in refused.stderr and "--data-dir" in refused.stderr


def test_first_sync_of_a_pc_with_its_own_data_asks_before_sending(live_server: str, tmp_path: Path) -> None:
    first, other = tmp_path / "pc1", tmp_path / "pc-other"
    assert app(first, "demo").returncode == 0
    assert app(first, "sync", "--username", "bithu", "--password-stdin", "--server", live_server,
               stdin=PASSWORD + "\n").returncode == 0
    assert app(other, "setup", "--cell", "Chi bộ Tổ dân phố số 5", "--superior", "Đảng bộ phường Hoàn Kiếm",
               "--place", "Hoàn Kiếm").returncode == 0
    asked = app(other, "sync", "--username", "phobithu", "--password-stdin", "--server", live_server,
                stdin=PASSWORD + "\n")
    assert asked.returncode == 1
    assert "Chưa gửi gì" in asked.stderr and "đảng viên" in asked.stderr
    assert "--merge" in asked.stderr and "--keep-apart" in asked.stderr
    apart = app(other, "sync", "--keep-apart")
    assert apart.returncode == 0 and "không gửi gì" in apart.stdout
    merged_pc = tmp_path / "pc-merge"
    assert app(merged_pc, "setup", "--cell", "Chi bộ Tổ dân phố số 5", "--superior", "Đảng bộ phường Hoàn Kiếm",
               "--place", "Hoàn Kiếm").returncode == 0
    merged = app(merged_pc, "sync", "--merge", "--username", "phobithu", "--password-stdin", "--server",
                 live_server, stdin=PASSWORD + "\n")
    assert merged.returncode == 0, merged.stderr
    out = tmp_path / "merged.csv"
    assert app(merged_pc, "roster", "export", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8-sig").count("\n") > 20  # the server's members arrived
