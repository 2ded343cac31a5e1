"""Where the parsed Liberation Serif faces are kept between runs (``exporters.fonts``), chosen by the caller.

reportlab parses a TrueType file in pure Python (the glyph widths, the character map and the glyph offsets of
~2,600 glyphs): about 10 ms per face, four faces for every PDF export, a second process paying it again. The
result of that parse is plain data, so it is written once to the caller's folder and read back with ``marshal``
(a fraction of a millisecond). This module has no reportlab import: the documents service names the folder
before it knows whether the document is rendered to PDF, Word or Excel.

Without a folder (tests, the benches' in-process timings) nothing is written and every face is parsed.
"""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Bump when the layout of a cache file changes; reportlab's version and the font's bytes are in the key too.
FORMAT = 1

_folder: Path | None = None


def use_folder(folder: Path | None) -> None:
    """Keep parsed faces in ``folder`` (made when first written); ``None`` turns the cache off."""
    global _folder
    _folder = folder


def folder() -> Path | None:
    return _folder


def key(font_bytes: bytes, library_version: str) -> tuple[int, str, int, int]:
    """What a cache file must match: a different font file or reportlab version parses afresh."""
    return FORMAT, library_version, len(font_bytes), zlib.crc32(font_bytes)


def _file(name: str) -> Path | None:
    return None if _folder is None else _folder / f"{name}.marshal"


def load(name: str, wanted: tuple[int, str, int, int]) -> dict[str, Any] | None:
    """The stored state of face ``name`` if it was written for the same key, else None (never raises: a
    missing, stale or damaged file only means parsing the font again)."""
    path = _file(name)
    if path is None:
        return None
    try:
        stored_key, state = marshal.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("Font cache %s unreadable (%s); parsing the font", path, exc)
        return None
    if tuple(stored_key) != wanted or not isinstance(state, dict):
        return None
    return state


def save(name: str, wanted: tuple[int, str, int, int], state: dict[str, Any]) -> None:
    """Write the state atomically (a reader never sees half a file); a read-only or full disk is no error."""
    path = _file(name)
    if path is None:
        return
    try:
        data = marshal.dumps((wanted, state))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError) as exc:
        log.debug("Font cache %s not written (%s)", path, exc)
