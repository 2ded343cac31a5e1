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
