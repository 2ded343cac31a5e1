"""What encryption at rest costs, plain and encrypted side by side in the same run (target: at most 15 %):
- start to the overview's data on screen (whole process: ``secretary-app --screenshot`` on the demo cell),
- an import of 5,000 members from an .xlsx into a new cell,
- one export of the demo minutes to PDF (whole process).
The encrypted runs use a raw 256-bit key, as the keyring gives it (no key derivation at each connection);
the start is also timed with a passphrase (SQLCipher 4's PBKDF2, derived once per file by crypto.connect),
in the same interleaved rounds.

    .venv/bin/python bench/storage.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.roster import _write_roster
from secretary_app.db import crypto
from secretary_app.paths import resolve_paths
from secretary_app.services.encryption import encrypt_folder

APP = [sys.executable, "-m", "secretary_app"]


def whole(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def demo_folder(root: Path, name: str, key: str) -> tuple[Path, dict[str, str]]:
    folder = root / name
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([*APP, "--data-dir", str(folder), "demo"], check=True, env=env, capture_output=True)
    if key:
        os.environ[crypto.ENV_PASSPHRASE] = key
        encrypt_folder(resolve_paths(folder), passphrase=key)
        del os.environ[crypto.ENV_PASSPHRASE]
        env[crypto.ENV_PASSPHRASE] = key
    return folder, env


def import_time(root: Path, name: str, xlsx: Path, key: str) -> float:
    import datetime as dt

    from secretary_app.roster_io.importing import import_roster
    from secretary_app.services.cell import CellInput, save_cell
    from secretary_app.store import Store

    paths = resolve_paths(root / name)
    store = Store(paths, daily_backups=(0, 0))
    save_cell(store, CellInput("Chi bộ Thử", "Đảng bộ Thử", "Hà Nội", 1, dt.date(2025, 8, 20)))
    store.close()
    if key:
        encrypt_folder(paths, passphrase=key)
        crypto.use_passphrase(key)
    store = Store(paths, daily_backups=(0, 0))
    start = time.perf_counter()
    import_roster(store, xlsx)
    took = time.perf_counter() - start
    store.close()
    crypto.use_passphrase("")
    return took


def ratio(encrypted: list[float], plain: list[float]) -> str:
    e, p = statistics.median(encrypted), statistics.median(plain)
    return f"plain {p * 1000:6.0f} ms, encrypted {e * 1000:6.0f} ms, cost {100 * (e / p - 1):+5.1f} %"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    raw = secrets.token_hex(32)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        plain, plain_env = demo_folder(root, "plain", "")
        enc, enc_env = demo_folder(root, "encrypted", raw)
        png, pdf = str(root / "s.png"), str(root / "m.pdf")
        shot = lambda f: [*APP, "--data-dir", str(f), "--screenshot", png]  # noqa: E731
        export = lambda f: [*APP, "--data-dir", str(f), "export", "minutes", "--latest", "--format", "pdf",  # noqa: E731
                            "-o", pdf]
        pass_folder, pass_env = demo_folder(root, "passphrase", "mật khẩu của chi bộ 2026")
        whole(shot(plain), plain_env), whole(shot(enc), enc_env), whole(shot(pass_folder), pass_env)  # warm caches
        starts: dict[str, list[float]] = {"plain": [], "enc": [], "pass": []}
        exports: dict[str, list[float]] = {"plain": [], "enc": []}
        for _ in range(runs):  # interleaved, so a busy moment slows both alike
            starts["plain"].append(whole(shot(plain), plain_env))
            starts["enc"].append(whole(shot(enc), enc_env))
            starts["pass"].append(whole(shot(pass_folder), pass_env))
            exports["plain"].append(whole(export(plain), plain_env))
            exports["enc"].append(whole(export(enc), enc_env))
        xlsx = root / "ds.xlsx"
        _write_roster(xlsx, 5000, random.Random(5))
        imports: dict[str, list[float]] = {"plain": [], "enc": []}
        for run in range(max(2, runs // 3)):
            imports["plain"].append(import_time(root, f"ip{run}", xlsx, ""))
            imports["enc"].append(import_time(root, f"ie{run}", xlsx, raw))
    print(f"start to overview data (whole process, {runs} runs): {ratio(starts['enc'], starts['plain'])}")
    print(f"  with a passphrase (PBKDF2 once a process): {ratio(starts['pass'], starts['plain'])}")
    print(f"import of 5,000 members ({len(imports['plain'])} runs):        {ratio(imports['enc'], imports['plain'])}")
    print(f"minutes export to PDF (whole process):      {ratio(exports['enc'], exports['plain'])}")
    print("target: encryption costs at most 15 %")


if __name__ == "__main__":
    main()
