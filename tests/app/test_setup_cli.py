"""``secretary-app setup`` for an IT officer preparing a PC: a new cell from the command line, refused on a
folder that has one, bad input answered plainly."""

from __future__ import annotations

from pathlib import Path

from secretary_app.paths import resolve_paths
from secretary_app.services.cell import get_cell
from secretary_app.store import Store
from tests.support import CliRun, run_cli


def cli(data: Path, *args: str) -> CliRun:
    return run_cli("--data-dir", str(data), *args)


def test_setup_makes_a_new_cell_the_window_and_the_documents_use(tmp_path: Path) -> None:
    data = tmp_path / "pc"
    made = cli(data, "setup", "--cell", "Chi bộ Tổ dân phố số 7", "--superior", "Đảng bộ phường Hoàn Kiếm",
               "--place", "Hoàn Kiếm", "--region", "2", "--type", "agency", "--term-start", "20/08/2025")
    assert made.returncode == 0, made.stderr
    assert "Đã thiết lập Chi bộ Tổ dân phố số 7" in made.stdout
    store = Store(resolve_paths(data))
    try:
        cell = get_cell(store)
    finally:
        store.close()
    assert cell is not None
    assert (cell.name, cell.superior_name, cell.place_name, cell.wage_region, cell.cell_type) == \
        ("Chi bộ Tổ dân phố số 7", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 2, "agency")
    assert cell.term_start.isoformat() == "2025-08-20"


def test_setup_refuses_a_folder_that_has_a_cell_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "pc"
    assert cli(data, "demo").returncode == 0
    again = cli(data, "setup", "--cell", "Chi bộ khác", "--superior", "Đảng bộ phường Cửa Nam", "--place", "Cửa Nam")
    assert again.returncode == 1
    assert "đã có chi bộ \"Chi bộ Tổ dân phố số 5\"" in again.stderr and "--data-dir" in again.stderr
    store = Store(resolve_paths(data))
    try:
        cell = get_cell(store)
        assert cell is not None and cell.name == "Chi bộ Tổ dân phố số 5"
    finally:
        store.close()


def test_setup_answers_bad_input_plainly(tmp_path: Path) -> None:
    impossible = cli(tmp_path / "a", "setup", "--cell", "Chi bộ 1", "--superior", "Đảng bộ phường A", "--place", "A",
                     "--term-start", "31/02/2025")
    assert impossible.returncode == 1 and "không phải ngày có thật" in impossible.stderr
    assert "Traceback" not in impossible.stderr
    district = cli(tmp_path / "b", "setup", "--cell", "Chi bộ 1", "--superior", "Đảng bộ huyện Gia Lâm",
                   "--place", "Gia Lâm")
    assert district.returncode == 1 and "không còn cấp huyện" in district.stderr
