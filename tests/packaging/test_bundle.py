"""The one-folder bundle (packaging/sotay.spec) starts and works without Python or the venv.

Built once per session into a temporary folder, then run with an environment that a secretary's PC has:
no virtual environment on PATH, no PYTHONPATH, no VIRTUAL_ENV, a home of its own.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from tests.figures import report

ROOT = Path(__file__).resolve().parents[2]
# One worker builds the bundle once for both tests (`--dist loadgroup` in scripts/dev.sh); under plain
# `--dist load` the two could land on different workers, each running its own PyInstaller build.
pytestmark = [pytest.mark.bundle, pytest.mark.xdist_group("bundle")]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """PyInstaller's bundle, built once per run. Under pytest-xdist the two workers share the run's base
    folder and a file lock (pytest-xdist's documented way to make a session fixture run once): the second
    worker finds the bundle the first built. ``xdist_group`` alone no longer keeps this module's tests on
    one worker: pytest 9 names a test by ``_id``, and xdist 3.8 still appends the group to ``_nodeid``."""
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    work = shared / "pyinstaller"
    folder = work / "dist" / "SoTayBiThu"
    with FileLock(str(shared / "pyinstaller.lock")):
        if not (work / "built").exists():
            pyinstaller = Path(sys.executable).with_name("pyinstaller")
            subprocess.run([str(pyinstaller), "--noconfirm", "--log-level", "ERROR", "--distpath", str(work / "dist"),
                            "--workpath", str(work / "build"), str(ROOT / "packaging" / "sotay.spec")],
                           check=True, cwd=ROOT, timeout=900)
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
            report("bundle figures", f"bundle size: {size / 2**20:.0f} MiB ({folder.name}/, one folder)")
            (work / "built").touch()
    return folder


def clean_env(home: Path) -> dict[str, str]:
    """What an office PC has: system PATH only, nothing that points into this checkout or its venv."""
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    assert not any(str(ROOT) in value or ".venv" in value for value in env.values())
    return env


def run(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "secretary-app"), *args], env=clean_env(home), cwd=home,
                          capture_output=True, text=True, timeout=300)


def test_the_bundle_makes_the_demo_shows_the_members_page_and_exports_minutes(bundle: Path, tmp_path: Path) -> None:
    assert (bundle / "SoTayBiThu").is_file(), "the window program sits beside the command line"
    assert not list(bundle.rglob("pytest*")) and not list(bundle.rglob("fastapi*")), "no test or server packages"
    data = tmp_path / "data-folder"

    made = run(bundle, tmp_path, "--data-dir", str(data), "demo")
    assert made.returncode == 0, made.stderr
    assert "Đã tạo chi bộ mẫu" in made.stdout

    shot = tmp_path / "members.png"
    shown = run(bundle, tmp_path, "--data-dir", str(data), "--screenshot", str(shot), "--page", "members",
                "--size", "1366x700")
    assert shown.returncode == 0, shown.stderr
    # The same page drawn by the venv's app on the same data: a bundle that lost its translations, fonts or
    # icons draws a different picture (English labels, boxes for Vietnamese letters).
    reference = tmp_path / "members-venv.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-m", "secretary_app", "--data-dir", str(data), "--screenshot", str(reference),
                    "--page", "members", "--size", "1366x700"], check=True, env=env, timeout=300)
    ours, theirs = Image.open(shot).convert("RGB"), Image.open(reference).convert("RGB")
    assert ours.size == theirs.size == (1366, 700)
    report("bundle figures", start_times(bundle, tmp_path, data))
    differing = ImageChops.difference(ours, theirs).convert("L").point(lambda v: 255 if v > 40 else 0)
    share = sum(differing.histogram()[255:]) / (1366 * 700)
    assert share < 0.02, f"{share:.1%} of the bundle's members page differs from the venv's"

    pdf = tmp_path / "bien-ban.pdf"
    exported = run(bundle, tmp_path, "--data-dir", str(data), "export", "minutes", "--latest", "--format", "pdf",
                   "-o", str(pdf))
    assert exported.returncode == 0, exported.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "BIÊN BẢN" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text

    word = tmp_path / "bien-ban.docx"
    exported = run(bundle, tmp_path, "--data-dir", str(data), "export", "minutes", "--latest", "--format", "docx",
                   "-o", str(word))
    assert exported.returncode == 0, exported.stderr
    paragraphs = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "BIÊN BẢN" in paragraphs


def test_a_mistake_on_the_command_line_gets_the_plain_message_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    answer = run(bundle, tmp_path, "--data-dir", str(tmp_path / "empty"), "export", "minutes", "--latest",
                 "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert answer.returncode == 1
    assert answer.stderr.startswith("Lỗi: ") and "Traceback" not in answer.stderr


def start_times(bundle: Path, home: Path, data: Path) -> str:
    """Start to the overview's screenshot written, whole process, bundle and venv interleaved (a figure
    for the report, not a timed assertion)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    png = str(home / "overview.png")
    commands = {"bundle": [str(bundle / "secretary-app")], "venv": [sys.executable, "-m", "secretary_app"]}
    times: dict[str, list[float]] = {"bundle": [], "venv": []}
    for _ in range(3):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run([*command, "--data-dir", str(data), "--screenshot", png], check=True, env=env,
                           capture_output=True, timeout=300)
            times[name].append(time.perf_counter() - start)
    b, v = statistics.median(times["bundle"]), statistics.median(times["venv"])
    return f"start to overview shown: bundle {b * 1000:.0f} ms, venv {v * 1000:.0f} ms, ratio {b / v:.2f}×"
