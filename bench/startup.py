"""Start-up time, from process start, beside a bare PySide6 window in the same run.

    .venv/bin/python bench/startup.py [--runs 15]

Each sample is a fresh process (imports included), offscreen, on the demo cell, started the way a
secretary starts it: no --data-dir, the folders found by platformdirs (pointed at a temporary home through
XDG_DATA_HOME/XDG_CONFIG_HOME), and Python's bytecode cache allowed, as on any installed machine (the
warm-up run writes it even where the shell sets PYTHONDONTWRITEBYTECODE). Three moments are timed:
"window shown" (the main window painted, navigation and status bar in place), "data on screen" (the
overview's to-do list and figures first painted: the snapshot saved at the last change, as on any start
after the first, or the fresh data when there is none) and "fresh data" (the list recomputed from the
database painted over it). Targets: window shown ≤ 1.5×, data on screen ≤ 2.5× the bare window.
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
import ui.main_window

def patched(window_class):
    show = window_class.show
    def show_and_time(self):
        show(self)
        from PySide6.QtWidgets import QApplication
        QApplication.processEvents()
        print("shown", time.time(), flush=True)
    window_class.show = show_and_time
    page = window_class.page
    def page_and_time(self, key):
        if key == "overview" and key not in self.pages:  # patched as the window imports it, not before
            from ui.pages.overview import OverviewPage
            paint = OverviewPage.show_overview
            def paint_and_time(page, data, *, fresh):
                paint(page, data, fresh=fresh)
                page.repaint()  # on screen: painted now, not at the next turn of the event loop
                print("data" if not fresh else "fresh", time.time(), flush=True)
            OverviewPage.show_overview = paint_and_time
        return page(self, key)
    window_class.page = page_and_time

patched(ui.main_window.MainWindow)
from secretary_app.cli import main  # the console script's own entry point
sys.exit(main(["--screenshot", sys.argv[1]]))
"""


DEMO = """
from secretary_app.cli import main
main(["demo"])
"""


def sample(code: str, *extra: str, home: str = "") -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SECRETARY_APP_DATA", None)
    if home:
        env.update(XDG_DATA_HOME=os.path.join(home, "data"), XDG_CONFIG_HOME=os.path.join(home, "config"))
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *extra], check=True, env=env, capture_output=True,
                         text=True).stdout
    marks: dict[str, float] = {}
    for line in out.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("shown", "data", "fresh") and name not in marks:
            marks[name] = float(stamp) - start
    if "fresh" in marks:
        marks.setdefault("data", marks["fresh"])  # no snapshot painted first: the fresh data was the first
    return marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        png = os.path.join(folder, "s.png")
        sample(DEMO, home=folder)
        sample(BARE), sample(APP, png, home=folder)  # warm the file and bytecode caches
        bare, app = [], []
        for _ in range(runs):  # interleaved, so a busy moment on the machine slows both alike
            bare.append(sample(BARE)["shown"])
            app.append(sample(APP, png, home=folder))
    shown = [m["shown"] for m in app]
    data = [m["data"] for m in app]
    fresh = [m["fresh"] for m in app]
    from_snapshot = sum(1 for m in app if m["data"] < m["fresh"])
    # The machine's own noise only ever adds time: the fastest run shows what the code costs, the median
    # what a person usually sees. Each pair ran back to back, so its ratio is the fairest comparison.
    paired = statistics.median(a / b for a, b in zip(shown, bare, strict=True))
    print(f"bare PySide6 window shown:             median {statistics.median(bare) * 1000:5.0f} ms, "
          f"fastest {min(bare) * 1000:5.0f} ms ({runs} runs)")
    print(f"Sổ tay Bí thư window shown:            median {statistics.median(shown) * 1000:5.0f} ms, "
          f"fastest {min(shown) * 1000:5.0f} ms")
    print(f"  ratio to bare: {paired:.2f}× (median of back-to-back pairs), {min(shown) / min(bare):.2f}× "
          f"(fastest to fastest); target ≤ 1.5×")
    data_ratio = statistics.median(a / b for a, b in zip(data, bare, strict=True))
    print(f"Sổ tay Bí thư overview data on screen: median {statistics.median(data) * 1000:5.0f} ms, "
          f"fastest {min(data) * 1000:5.0f} ms ({from_snapshot} of {runs} runs painted the saved snapshot first)")
    print(f"  ratio to bare: {data_ratio:.2f}× (median of back-to-back pairs), {min(data) / min(bare):.2f}× "
          f"(fastest to fastest); target ≤ 2.5×")
    print(f"  fresh data from the database replacing it: median {statistics.median(fresh) * 1000:5.0f} ms, "
          f"fastest {min(fresh) * 1000:5.0f} ms")
    bundle_figures(runs)


BUNDLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dist", "SoTayBiThu")


def whole_run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def bundle_figures(runs: int) -> None:
    """The PyInstaller bundle (``bash scripts/dev.sh bundle``) beside the venv, same data, same run: the
    whole process from start to the overview's screenshot written, and the bundle's size on disk."""
    if not os.path.isdir(BUNDLE):
        print("bundle: not built (bash scripts/dev.sh bundle), no bundle figures")
        return
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(BUNDLE) for f in files
               if not os.path.islink(os.path.join(d, f)))
    venv_app = os.path.join(os.path.dirname(sys.executable), "secretary-app")
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(XDG_DATA_HOME=os.path.join(folder, "data"), XDG_CONFIG_HOME=os.path.join(folder, "config"))
        subprocess.run([venv_app, "demo"], check=True, env=env, capture_output=True)
        png = os.path.join(folder, "s.png")
        bundled = [os.path.join(BUNDLE, "secretary-app"), "--screenshot", png]
        from_venv = [venv_app, "--screenshot", png]
        whole_run(bundled, env), whole_run(from_venv, env)  # warm the file cache
        b, v = [], []
        for _ in range(runs):
            b.append(whole_run(bundled, env))
            v.append(whole_run(from_venv, env))
    ratio = statistics.median(x / y for x, y in zip(b, v, strict=True))
    print(f"bundle size on disk:                   {size / 2**20:.0f} MiB")
    print(f"start to overview shown, whole process: bundle median {statistics.median(b) * 1000:5.0f} ms, "
          f"venv median {statistics.median(v) * 1000:5.0f} ms; bundle/venv {ratio:.2f}×")

if __name__ == "__main__":
    main()
