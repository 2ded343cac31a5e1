"""The bundled Liberation Serif family (Times New Roman metrics), registered once with reportlab.

Both renderers use it: the PDF draws with it, and the Word renderer measures the Party title with it,
which is exact because Liberation Serif is metric-compatible with Times New Roman.
"""

from __future__ import annotations

import functools
from importlib.resources import as_file, files

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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
        with as_file(font_dir / filename) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return FAMILY


def face(bold: bool = False, italic: bool = False) -> str:
    register_fonts()
    return {(False, False): REGULAR, (True, False): BOLD, (False, True): ITALIC, (True, True): BOLD_ITALIC}[
        (bold, italic)
    ]


@functools.lru_cache(maxsize=1 << 16)
def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    # Remembered: laying out a 5,000-row dues ledger measures the same few thousand texts 200,000 times.
    return pdfmetrics.stringWidth(text, face(bold, italic), size_pt)
