"""Start-up time: process start → main window shown with the demo cell, beside a bare PySide6 window.

    .venv/bin/python bench/startup.py [--runs 5]

Each sample is a fresh process (imports included), offscreen. Target: ≤ 1.5× the bare window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents()
print("shown")
"""

APP = """
import sys
from secretary_app.cli import build_parser
from ui.app import run_app
args = build_parser().parse_args(["--data-dir", sys.argv[1], "--screenshot", sys.argv[2]])
sys.exit(run_app(args))
"""


def sample(code: str, *extra: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *extra], check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "secretary_app", "--data-dir", folder, "demo"], check=True,
                       capture_output=True)
        png = os.path.join(folder, "s.png")
        sample(BARE), sample(APP, folder, png)  # warm the file cache
        bare = [sample(BARE) for _ in range(runs)]
        app = [sample(APP, folder, png) for _ in range(runs)]
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window: median {b * 1000:.0f} ms over {runs} runs")
    print(f"Sổ tay Bí thư (demo cell, overview page, data loaded, screenshot taken): median {a * 1000:.0f} ms")
    print(f"ratio: {a / b:.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
