"""The one place that hands a file to the operating system's own program (Word or LibreOffice for .docx,
the PDF reader for .pdf). Qt picks the launcher per platform: ShellExecute on Windows, ``open`` on macOS,
the desktop's handler (xdg-open) on Linux, so nothing here names one; tests/packaging/test_portability.py
keeps every other module from calling a launcher of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_file(path: Path) -> bool:
    """Open ``path`` in the program the system associates with it; False when there is none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
