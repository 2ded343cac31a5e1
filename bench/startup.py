"""Start-up time, from process start, beside a bare PySide6 window in the same run.

    .venv/bin/python bench/startup.py [--runs 7]

Each sample is a fresh process (imports included), offscreen, on the demo cell. Two moments are timed:
"window shown" (the main window painted, navigation and status bar in place) and "data on screen" (the
overview page built and filled from the database). Target: window shown ≤ 1.5× the bare window.
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
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents()
print("shown", time.time())
"""

APP = """
import sys, time
from PySide6.QtCore import QTimer
from secretary_app.cli import build_parser
import ui.app

def report():
    from PySide6.QtWidgets import QApplication
    window = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() != "")
    print("shown", time.time(), flush=True)

_original_show = None
def patched(window_class):
    show = window_class.show
    def show_and_time(self):
        show(self)
        from PySide6.QtWidgets import QApplication
        QApplication.processEvents()
        print("shown", time.time(), flush=True)
    window_class.show = show_and_time

import ui.main_window
patched(ui.main_window.MainWindow)
args = build_parser().parse_args(["--data-dir", sys.argv[1], "--screenshot", sys.argv[2]])
code = ui.app.run_app(args)
print("data", time.time(), flush=True)
sys.exit(code)
"""


def sample(code: str, *extra: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *extra], check=True, env=env, capture_output=True,
                         text=True).stdout
    marks = {}
    for line in out.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("shown", "data"):
            marks[name] = float(stamp) - start
    return marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "secretary_app", "--data-dir", folder, "demo"], check=True,
                       capture_output=True)
        png = os.path.join(folder, "s.png")
        sample(BARE), sample(APP, folder, png)  # warm the file cache
        bare = [sample(BARE)["shown"] for _ in range(runs)]
        app = [sample(APP, folder, png) for _ in range(runs)]
    b = statistics.median(bare)
    shown = statistics.median(m["shown"] for m in app)
    data = statistics.median(m["data"] for m in app)
    print(f"bare PySide6 window shown:            median {b * 1000:6.0f} ms over {runs} runs")
    print(f"Sổ tay Bí thư window shown:           median {shown * 1000:6.0f} ms  ({shown / b:.2f}× bare; "
          f"target ≤ 1.5×)")
    print(f"Sổ tay Bí thư overview data on screen: median {data * 1000:6.0f} ms  ({data / b:.2f}× bare)")


if __name__ == "__main__":
    main()
