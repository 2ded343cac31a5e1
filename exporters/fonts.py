"""The bundled Liberation Serif family (Times New Roman metrics), registered once with reportlab.

Both renderers use it: the PDF draws with it, and the Word renderer measures the Party title with it,
which is exact because Liberation Serif is metric-compatible with Times New Roman.

Parsing the four files is most of a small export's rendering time, so the parsed faces are kept in the
folder the caller names (``exporters.font_cache``) and rebuilt from there by ``_from_state``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fnmatch import fnmatch
from importlib.resources import files
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from exporters import font_cache

FAMILY = "LiberationSerif"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Italic", f"{FAMILY}-BoldItalic"
_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}


@functools.cache
def register_fonts() -> str:
    """Register the four faces as one family so <b>/<i> in Paragraph markup pick the right file.
    Returns the family name."""
    font_dir = files("resources") / "fonts"
    for name, filename in _FILES.items():
        file = font_dir / filename
        pdfmetrics.registerFont(load_font(name, file.read_bytes(), str(file)))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return FAMILY


def load_font(name: str, data: bytes, filename: str) -> TTFont:
    """The TTFont for the TrueType ``data``: from the cache when it holds this file parsed by this reportlab,
    else parsed (and the parse stored for the next run)."""
    key = font_cache.key(data, reportlab.Version)
    state = font_cache.load(name, key)
    if state is not None:
        try:
            return _from_state(name, data, state)
        except (KeyError, TypeError, ValueError):
            pass  # a cache written by a different layout: parse, and overwrite it below
    font = TTFont(name, _NamedBytes(data, filename))
    if font_cache.folder() is not None:
        font_cache.save(name, key, _state_of(font.face))
    return font


class _NamedBytes:
    """A file object over bytes already read (they make the cache key), named by the file's path as
    reportlab names a font it opens itself (its error messages and its internal object names use it)."""

    def __init__(self, data: bytes, name: str) -> None:
        self._data, self.name = data, name

    def read(self) -> bytes:
        return self._data


_NAME = "ttfname"  # marks a TTFNameBytes (a bytes subclass carrying its decoded text) in the stored state


def _state_of(face: TTFontFace) -> dict[str, Any]:
    """The parsed face as plain data: everything but the file bytes (read again from the font) and the
    scale function (rebuilt from unitsPerEm); reportlab's name strings are tagged to be rebuilt."""
    state: dict[str, Any] = {}
    for attribute, value in vars(face).items():
        if attribute in ("_ttf_data", "_pdfScale"):
            continue
        state[attribute] = (_NAME, bytes(value)) if isinstance(value, TTFNameBytes) else value
    return state


def _from_state(name: str, data: bytes, state: dict[str, Any]) -> TTFont:
    """A TTFont as ``TTFont(name, file)`` builds it, without parsing: the face's attributes come from the
    stored state; the font's own few attributes are set as reportlab's ``TTFont.__init__`` sets them
    (tests/exporters/test_font_cache.py compares the two objects attribute by attribute)."""
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    for attribute, value in state.items():
        is_name = isinstance(value, tuple) and len(value) == 2 and value[0] == _NAME
        setattr(face, attribute, TTFNameBytes(value[1]) if is_name else value)
    units = int(state["unitsPerEm"])
    # reportlab's private attributes (not in its type stubs), set through __dict__ as its parser sets them.
    vars(face).update(_ttf_data=data, _pdfScale=_scale(units))
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    vars(font)["_asciiReadable"] = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob or ())
    return font


def _scale(units_per_em: int) -> Callable[[float], float]:
    """Font units to thousandths of the size, as reportlab's parser defines it from the head table."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def face(bold: bool = False, italic: bool = False) -> str:
    register_fonts()
    return {(False, False): REGULAR, (True, False): BOLD, (False, True): ITALIC, (True, True): BOLD_ITALIC}[
        (bold, italic)
    ]


@functools.lru_cache(maxsize=1 << 16)
def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    # Remembered: laying out a 5,000-row dues ledger measures the same few thousand texts 200,000 times.
    return pdfmetrics.stringWidth(text, face(bold, italic), size_pt)
