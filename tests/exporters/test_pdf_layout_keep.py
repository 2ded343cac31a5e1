"""A signature block never stands alone at the top of a page."""

import io

from pypdf import PdfReader

from exporters import DoubleSignature, Paragraph, Signer, render_pdf
from tests.exporters.samples import sample_minutes


def test_signature_block_keeps_the_last_paragraph_with_it():
    base = sample_minutes()
    # Pad the body until the signature block would fall at the top of a later page on its own.
    for extra in range(0, 60):
        filler = tuple(Paragraph.from_markup(f"Đoạn bổ sung số {i + 1} về công tác của chi bộ trong tháng.")
                       for i in range(extra))
        blocks = tuple(b for b in base.blocks if not isinstance(b, DoubleSignature))
        sig = DoubleSignature(Signer("THƯ KÝ", "Trần Thị Thu Hà"), Signer("CHỦ TRÌ", "Nguyễn Văn Hùng"))
        doc = base.__class__(header=base.header, doc_type_name=base.doc_type_name, subject=base.subject,
                             blocks=(*blocks, *filler, Paragraph.from_markup("Đoạn cuối trước chữ ký."), sig))
        out = io.BytesIO()
        render_pdf(doc, out)
        last_page = PdfReader(io.BytesIO(out.getvalue())).pages[-1].extract_text()
        assert "THƯ KÝ" in last_page
        assert "Đoạn cuối trước chữ ký." in last_page, f"signature alone on a page with {extra} fillers"
