"""Layout profiles shared by the Word and PDF renderers (documents.md §1-§2).

Values marked [C] are confirmed from the official text, [R] reported by secondary sources, [?] open.
[R] and [?] values are settings with the documented default: change them with ``profile.replace(...)``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Margins:
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float


# [R] HD 36 / HD 05 summaries: front page 20/20/30/15 mm.
MARGINS_HD36_FRONT = Margins(top_mm=20, bottom_mm=20, left_mm=30, right_mm=15)
# [R] the back page of a duplex print mirrors the front (left 15, right 30); see ``mirror_margins``.
MARGINS_HD36_BACK = Margins(top_mm=20, bottom_mm=20, left_mm=15, right_mm=30)
# [?] the Bình Thuận e-handbook's values (looks like pre-2018 guidance).
MARGINS_BINH_THUAN = Margins(top_mm=25, bottom_mm=25, left_mm=35, right_mm=15)


@dataclass(frozen=True)
class LayoutProfile:
    name: str
    page_width_mm: float = 210  # [C] A4 portrait
    page_height_mm: float = 297
    margins: Margins = MARGINS_HD36_FRONT
    # [R] duplex printing: even pages swap left and right margins (Word "mirror margins").
    mirror_margins: bool = False

    body_size_pt: float = 14  # [C] 14-15
    header_size_pt: float = 14  # [C] superior body, issuing body, star, number, date line
    party_title_size_pt: float = 15  # [C] CAPS 15 bold
    doc_type_size_pt: float = 15  # [C] CAPS 15-16 bold
    subject_size_pt: float = 14  # [C] 14-15 bold
    table_size_pt: float = 13  # [?] no rule found; one point smaller keeps wide tables readable
    signature_size_pt: float = 14  # [C]
    signer_title_bold: bool = False  # [?] not bold per HD 05 summaries; HD 36 unclear
    recipients_label_size_pt: float = 14  # [R] "Nơi nhận:" 14, underlined
    recipients_size_pt: float = 12  # [R] recipient lines 12
    recipient_line_ending: str = ","  # [?] "," (real chi bộ template) or ";"

    first_line_indent_mm: float = 10  # [R] 10 mm (1-1.27 cm accepted)
    space_after_pt: float = 6  # [R] at least 6 pt
    line_spacing_pt: float = 19  # [?] "Exactly" 18-22 pt; implementations use 19-20
    header_line_spacing_pt: float = 17  # [?] header and signature lines sit tighter than body text
    recipients_line_spacing_pt: float = 14  # [?]

    page_number_size_pt: float = 14  # [R] arabic, upright, centred, from page 2
    page_number_top_mm: float = 10  # [R] about 10 mm from the top edge (Word header distance)

    header_left_fraction: float = 0.45  # [R] header / signature table split about 45/55

    def replace(self, **changes: Any) -> LayoutProfile:
        return dataclasses.replace(self, **changes)

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margins.left_mm - self.margins.right_mm

    @property
    def column_widths_mm(self) -> tuple[float, float]:
        """Left and right column of the header and of the signature row."""
        left = self.text_width_mm * self.header_left_fraction
        return left, self.text_width_mm - left

    def fit_widths_mm(self, widths: tuple[float, ...]) -> tuple[float, ...]:
        """Table column widths, shrunk proportionally when they exceed the text width."""
        total = sum(widths)
        if total <= self.text_width_mm:
            return widths
        scale = self.text_width_mm / total
        return tuple(width * scale for width in widths)


HD36_2018 = LayoutProfile(name="hd36_2018")


def landscape(profile: LayoutProfile) -> LayoutProfile:
    """The same profile on A4 landscape, for wide tables only (documents.md §1: "Landscape only for wide
    tables"). Margins keep their roles: the binding edge stays on the left."""
    return profile.replace(name=f"{profile.name}-landscape", page_width_mm=profile.page_height_mm,
                           page_height_mm=profile.page_width_mm)
