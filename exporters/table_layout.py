"""Column widths that never break a word: a number such as "635.000" or a name part stays on one line.

Both renderers take their table widths from here, so the PDF and the Word file wrap the same way.
"""

from __future__ import annotations

from exporters import fonts
from exporters.formatting import nfc
from exporters.model import Table
from exporters.profile import MM_PER_PT, LayoutProfile

#: Left and right padding of a table cell (pt), the same in the PDF and the DOCX.
CELL_PADDING_PT = 3.0
# Rounding in the two layout engines: one more point keeps a word that fits exactly on its line.
_SAFETY_PT = 1.5


def _widest_mm(texts: list[str], size_pt: float, *, bold: bool, whole: bool) -> float:
    """The widest word (``whole=False``) or whole cell text (``whole=True``) with the cell's padding."""
    distinct = set(texts)  # a ledger's amounts repeat: each text measured once
    pieces = {nfc(text) for text in distinct} if whole else {word for text in distinct for word in nfc(text).split()}
    widest = max((fonts.text_width_pt(piece, size_pt, bold=bold) for piece in pieces), default=0.0)
    return (widest + 2 * CELL_PADDING_PT + _SAFETY_PT) * MM_PER_PT


def _need_mm(table: Table, index: int, size_pt: float, *, whole: bool) -> float:
    body = _widest_mm([row[index] for row in table.rows], size_pt, bold=False, whole=whole)
    head = _widest_mm([table.header[index]], size_pt, bold=True, whole=whole) if table.header else 0.0
    return max(body, head)


def one_line_width_mm(table: Table, size_pt: float) -> float:
    """The width ``table`` needs for each body cell to stand on one line at ``size_pt`` (every column as
    wide as its widest cell text, with padding); the header may still wrap."""
    return sum(_widest_mm([row[i] for row in table.rows], size_pt, bold=False, whole=True)
               for i in range(len(table.columns)))


def table_widths_mm(table: Table, profile: LayoutProfile) -> tuple[float, ...]:
    """The columns' widths fitted to the text width, then widened where a column's longest word would not
    fit. The extra width comes first from columns wider than their longest cell (they lose nothing), then
    from columns whose cells may wrap between words, in proportion to the room each has."""
    widths = list(profile.fit_widths_mm(tuple(column.width_mm for column in table.columns)))
    count = len(widths)
    words = [_need_mm(table, i, profile.table_size_pt, whole=False) for i in range(count)]
    whole = [max(_need_mm(table, i, profile.table_size_pt, whole=True), words[i]) for i in range(count)]
    deficit = sum(max(0.0, words[i] - widths[i]) for i in range(count))
    if deficit <= 0:
        return tuple(widths)
    widths = [max(widths[i], words[i]) for i in range(count)]
    for floor in (whole, words):
        room = [max(0.0, widths[i] - floor[i]) for i in range(count)]
        spare = sum(room)
        if spare <= 0:
            continue
        take = min(deficit, spare)
        widths = [widths[i] - take * room[i] / spare for i in range(count)]
        deficit -= take
        if deficit <= 0:
            break
    return tuple(widths)
