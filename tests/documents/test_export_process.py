"""The program's entry point ends a finished command without interpreter teardown (issue 11): what a person
and a script see stays the same — the message, the exit code, the file, the data folder free again — and the
exit handlers still run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROGRAM = """
import atexit, sys
atexit.register(lambda: print("exit handler ran", flush=True))
from secretary_app.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _PROGRAM, *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


def test_an_export_run_as_the_program_says_what_it_did_and_leaves_the_folder_free(demo_store, data_dir, tmp_path):
    demo_store.close()
    target = tmp_path / "bien-ban.pdf"
    done = _program("--data-dir", str(data_dir), "export", "minutes", "--format", "pdf", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"Đã xuất biên bản: {target}", "exit handler ran"]
    assert target.read_bytes().startswith(b"%PDF")
    assert not (data_dir / "so-tay-bi-thu.lock.json").exists()  # the lock's note is removed on release

    from secretary_app.instance import InstanceLock

    with InstanceLock(data_dir, "cli", "test"):  # nobody holds the folder any more
        pass


def test_a_refused_command_keeps_its_message_and_exit_code(demo_store, data_dir, tmp_path):
    demo_store.close()
    refused = _program("--data-dir", str(data_dir), "export", "minutes", "--meeting", "123", "-o",
                       str(tmp_path / "x.pdf"))
    assert refused.returncode == 1
    assert refused.stderr.strip() == "Lỗi: Mã kỳ sinh hoạt “123” không đúng dạng."
    assert refused.stdout.strip() == "exit handler ran"


_COLLECTOR = """
import gc, sys
from secretary_app.__main__ import main
print("paused at start-up", not gc.isenabled())
import secretary_app.cli.export as export
export.run = lambda args, store: print("collecting in the command", gc.isenabled(), gc.get_freeze_count() > 0) or 0
sys.exit(main(sys.argv[1:]))
"""


def test_the_cycle_collector_paused_for_start_up_is_on_again_when_the_command_runs(demo_store, data_dir):
    demo_store.close()
    done = subprocess.run([sys.executable, "-c", _COLLECTOR, "--data-dir", str(data_dir), "export", "minutes",
                           "-o", "x.pdf"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["paused at start-up True", "collecting in the command True True"]
