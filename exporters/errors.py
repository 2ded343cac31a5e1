"""The two failures an export can end with. Messages are Vietnamese because the UI shows them as they are."""

from __future__ import annotations

from pathlib import Path


class DocumentError(ValueError):
    """The document model is incomplete or malformed; nothing was rendered."""


class ExportError(OSError):
    """The finished document could not be written; no partial file was left behind."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])
