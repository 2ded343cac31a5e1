"""Nothing in the shipped code assumes Linux: no /tmp, no xdg-open or other launcher of its own, no POSIX-only
module, no two files whose names differ only in case (Windows and macOS file systems ignore case), and
every data file the code names exists with that exact spelling."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("secretary_app", "ui", "models", "exporters", "resources")
LAUNCHER = ROOT / "ui" / "launch.py"

# What a Windows PC does not have, or a second way to open a file beside ui/launch.py.
POSIX_ONLY = {
    r"['\"]/tmp\b": "a fixed /tmp folder (use tempfile or the data folder)",
    r"['\"]/home/|['\"]~/": "a fixed home path (use platformdirs)",
    r"\bxdg-open\b": "xdg-open (ui/launch.py opens files on every platform)",
    r"\bos\.startfile\b": "os.startfile (ui/launch.py opens files on every platform)",
    r"QDesktopServices\.openUrl": "a launcher outside ui/launch.py",
    r"^\s*(import|from)\s+(fcntl|pwd|grp|termios|resource)\b": "a POSIX-only module",
    r"\bos\.(getuid|geteuid|getgid|fork|setsid|killpg)\b": "a POSIX-only call",
    r"\[\s*['\"](open|xdg-open|start)['\"]": "a launcher command of its own",
}


def shipped_sources() -> list[Path]:
    return sorted(p for package in SHIPPED for p in (ROOT / package).rglob("*.py") if "__pycache__" not in p.parts)


def test_shipped_code_names_no_posix_path_launcher_or_module() -> None:
    found = []
    for path in shipped_sources():
        if path == LAUNCHER or path.is_relative_to(ROOT / "secretary_app" / "server"):
            continue  # the server is deployed on Linux with pip (docs/deploy.md)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern, why in POSIX_ONLY.items():
                if re.search(pattern, line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {why}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_launcher_is_the_one_place_that_opens_a_file_with_the_system() -> None:
    text = LAUNCHER.read_text(encoding="utf-8")
    assert "QDesktopServices.openUrl" in text
    users = [p for p in shipped_sources() if "open_file(" in p.read_text(encoding="utf-8") and p != LAUNCHER]
    assert users, "the pages that open exported documents go through ui/launch.open_file"


def test_no_two_shipped_files_differ_only_in_case() -> None:
    seen: dict[str, Path] = {}
    clashes = []
    for package in (*SHIPPED, "packaging"):
        for path in (ROOT / package).rglob("*"):
            if "__pycache__" in path.parts:
                continue
            key = str(path.relative_to(ROOT)).casefold()
            if key in seen:
                clashes.append(f"{seen[key]} ~ {path}")
            seen[key] = path
    assert not clashes


def test_every_data_file_named_in_the_code_exists_with_that_exact_case() -> None:
    on_disk = {p.name for p in (ROOT / "resources").rglob("*") if p.is_file()}
    folded = {name.casefold(): name for name in on_disk}
    wrong = []
    for path in shipped_sources():
        for name in re.findall(r"['\"]([\w.-]+\.(?:json|ttf|qm|svg|png|txt))['\"]", path.read_text(encoding="utf-8")):
            if name.casefold() in folded and name not in on_disk:
                wrong.append(f"{path.relative_to(ROOT)} names {name}, the file is {folded[name.casefold()]}")
    assert not wrong, "\n".join(wrong)
