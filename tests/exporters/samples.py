"""Realistic sample documents built only from the model: exporter tests, golden files, the benchmark.

The cell, people and figures are invented; the structure follows documents.md §3 (minutes) and §4
(resolution).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from exporters.model import (
    Align,
    Block,
    Column,
    Document,
    DoubleSignature,
    Header,
    Heading,
    Paragraph,
    Recipients,
    Signature,
    Signer,
    Table,
    VoteLine,
)

SUPERIOR_BODY = "Đảng bộ phường Hoàn Kiếm"
ISSUING_BODY = "Chi bộ Tổ dân phố số 5"
MEETING_DATE = dt.date(2026, 2, 5)


def _p(text: str, **options: Any) -> Paragraph:
    return Paragraph.from_markup(text, **options)


def sample_minutes() -> Document:
    """Minutes of the regular February 2026 meeting; four A4 pages with the default profile."""
    blocks: list[Block] = [
        _p(
            "Vào lúc 19 giờ 30 phút, ngày 05 tháng 02 năm 2026, tại Nhà văn hóa Tổ dân phố số 5, phường Hoàn Kiếm, "
            "Chi bộ Tổ dân phố số 5 tổ chức sinh hoạt thường kỳ tháng 02 năm 2026."
        ),
        _p("- Tổng số đảng viên: 25 đồng chí (chính thức 23, dự bị 2); miễn công tác và sinh hoạt đảng: 2 đồng chí."),
        _p(
            "- Có mặt: 21 đồng chí (chính thức 19, dự bị 2). Vắng: 2 đồng chí; có lý do: đồng chí Phạm Thị Hằng "
            "(ốm, điều trị tại Bệnh viện Việt Đức); không lý do: đồng chí Đỗ Quang Vinh."
        ),
        _p(
            "- Đại biểu dự: đồng chí Vũ Minh Tuấn, Đảng ủy viên, phụ trách chi bộ; đồng chí Hoàng Thị Yến, "
            "Tổ trưởng Tổ dân phố số 5."
        ),
        _p(
            "- Chủ trì: đồng chí **Nguyễn Thị Hường**, Bí thư chi bộ. Thư ký: đồng chí **Lê Thị Ánh**, "
            "Chi ủy viên."
        ),
        Heading("I- PHẦN MỞ ĐẦU"),
        _p(
            "Đồng chí Bí thư chi bộ tuyên bố lý do, giới thiệu đại biểu; chi bộ nhất trí cử đồng chí Lê Thị Ánh làm "
            "thư ký. Đồng chí chủ trì thông báo tình hình đảng viên dự họp như trên và kết quả thu nộp đảng phí "
            "tháng 01/2026: 23/23 đảng viên đã nộp, tổng số tiền 1.840.000 đồng, đã nộp lên Đảng ủy phường đúng hạn."
        ),
        _p("Chi bộ thông qua chương trình sinh hoạt gồm năm nội dung; biểu quyết nhất trí 19/19 đồng chí có mặt."),
        Heading("II- NỘI DUNG"),
        Heading("1- Thông tin thời sự, quán triệt văn bản cấp trên", level=2),
        _p(
            "Đồng chí Trần Văn Đức, Phó Bí thư chi bộ, thông tin tình hình thời sự nổi bật trong nước và quốc tế "
            "tháng 01/2026; quán triệt Chỉ thị số 50-CT/TW ngày 23/7/2025 của Ban Bí thư về tiếp tục nâng cao chất "
            "lượng sinh hoạt chi bộ và Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương về một "
            "số vấn đề nâng cao chất lượng sinh hoạt chi bộ; phổ biến Kế hoạch số 65-KH/ĐU của Đảng ủy phường về "
            "tổ chức các hoạt động mừng Đảng, mừng Xuân Bính Ngọ năm 2026."
        ),
        _p(
            "Đồng chí nhấn mạnh yêu cầu mỗi đảng viên thường xuyên cập nhật tài liệu sinh hoạt trên ứng dụng Sổ tay "
            "đảng viên điện tử ít nhất một ngày trước kỳ họp, nghiên cứu kỹ dự thảo nghị quyết để đóng góp ý kiến "
            "có chất lượng, tránh tình trạng sinh hoạt hình thức, đơn điệu."
        ),
        Heading("2- Đánh giá kết quả thực hiện Nghị quyết số 02-NQ/CB tháng 01/2026", level=2),
        _p(
            "Đồng chí Bí thư chi bộ trình bày báo cáo đánh giá kết quả thực hiện nghị quyết tháng 01/2026. "
            "**Ưu điểm:** tình hình tư tưởng đảng viên và nhân dân trong tổ dân phố ổn định; các gia đình đảng viên "
            "gương mẫu chấp hành quy định về vệ sinh môi trường, trật tự đô thị; hoàn thành việc rà soát, cập nhật "
            "danh sách hộ nghèo, hộ cận nghèo và gia đình chính sách; tổ chức thăm hỏi, tặng 32 suất quà cho các gia "
            "đình chính sách, người cao tuổi neo đơn nhân dịp Tết Nguyên đán với tổng trị giá 16 triệu đồng từ "
            "nguồn vận động xã hội hóa."
        ),
        _p(
            "**Hạn chế:** việc phân loại rác tại nguồn ở một số hộ kinh doanh trên phố Hàng Bạc chưa thực hiện "
            "nghiêm; hai đảng viên chưa hoàn thành việc cài đặt và sử dụng ứng dụng Sổ tay đảng viên; việc nắm bắt "
            "dư luận xã hội có lúc chưa kịp thời. *Nguyên nhân:* một số đảng viên cao tuổi gặp khó khăn khi sử dụng "
            "điện thoại thông minh; sự phối hợp giữa chi bộ với Ban công tác Mặt trận có việc chưa chặt chẽ."
        ),
        _p("Kết quả thực hiện các nhiệm vụ trọng tâm của Nghị quyết tháng 01/2026:", indent_first_line=True),
        Table(
            columns=(
                Column(12, Align.CENTER),
                Column(70),
                Column(40),
                Column(43, Align.CENTER),
            ),
            header=("TT", "Nhiệm vụ", "Người phụ trách", "Kết quả"),
            rows=(
                ("1", "Thăm hỏi, tặng quà gia đình chính sách dịp Tết", "Nguyễn Thị Hường", "Hoàn thành"),
                ("2", "Rà soát hộ nghèo, hộ cận nghèo năm 2026", "Trần Văn Đức", "Hoàn thành"),
                ("3", "Vận động phân loại rác tại nguồn", "Lê Thị Ánh", "Đạt 85%"),
                ("4", "Hướng dẫn sử dụng Sổ tay đảng viên", "Bùi Quốc Khánh", "21/23 đảng viên"),
                ("5", "Tuyên truyền phòng, chống cháy nổ mùa khô", "Ngô Thị Thủy", "Hoàn thành"),
            ),
        ),
        Heading("3- Thảo luận", level=2),
        _p(
            "- Đồng chí **Trần Văn Đức**: nhất trí với báo cáo; đề nghị chi bộ phân công đảng viên trẻ kèm cặp, "
            "hướng dẫn các đồng chí cao tuổi sử dụng ứng dụng Sổ tay đảng viên ngay tại nhà, hoàn thành trước ngày "
            "15/02/2026; đề nghị bổ sung vào nghị quyết chỉ tiêu cụ thể về tỷ lệ hộ thực hiện phân loại rác."
        ),
        _p(
            "- Đồng chí **Phạm Văn Nghĩa**: phản ánh tình trạng lấn chiếm vỉa hè để kinh doanh trong những ngày cận "
            "Tết ở ngõ Hàng Bạc; đề nghị chi bộ chỉ đạo Tổ dân phố phối hợp với Công an phường tuyên truyền, nhắc "
            "nhở, nhất là với các hộ có đảng viên, để đảng viên gương mẫu trước."
        ),
        _p(
            "- Đồng chí **Lê Thị Ánh**: báo cáo kết quả vận động phân loại rác; giải trình nguyên nhân ba hộ kinh "
            "doanh chưa thực hiện do thay đổi người thuê nhà; đề xuất in tờ rơi song ngữ cho các cơ sở lưu trú có "
            "khách nước ngoài và tổ chức buổi ra quân tổng vệ sinh vào sáng Chủ nhật đầu tháng."
        ),
        _p(
            "- Đồng chí **Ngô Thị Thủy**: đề nghị chi bộ quan tâm công tác phát triển đảng; hiện Tổ dân phố có hai "
            "quần chúng ưu tú là đoàn viên thanh niên tích cực, đã tham gia lớp nhận thức về Đảng, đề nghị phân công "
            "đảng viên giúp đỡ và hoàn thiện hồ sơ trong quý I/2026."
        ),
        _p(
            "- Đồng chí **Vũ Minh Tuấn**, Đảng ủy viên phụ trách chi bộ: ghi nhận sự chuẩn bị chu đáo của chi ủy, "
            "nội dung sinh hoạt bám sát Hướng dẫn số 42-HD/BTCTW; đề nghị chi bộ chú trọng tự phê bình và phê bình, "
            "gắn trách nhiệm từng đảng viên với nhiệm vụ được phân công, báo cáo kết quả vào kỳ sinh hoạt sau."
        ),
        Heading("4- Công tác xây dựng Đảng", level=2),
        _p(
            "Chi bộ thống nhất phân công đồng chí Trần Văn Đức và đồng chí Ngô Thị Thủy giúp đỡ hai quần chúng ưu tú "
            "Đinh Thị Quỳnh và Trương Minh Hiếu; hoàn thiện hồ sơ đề nghị kết nạp đảng trong quý I/2026. Đồng chí "
            "Bùi Quốc Khánh, đảng viên dự bị, báo cáo kết quả rèn luyện sáu tháng đầu của thời kỳ dự bị; chi bộ "
            "nhận xét đồng chí chấp hành tốt nhiệm vụ, tích cực tham gia công tác của tổ dân phố."
        ),
        _p(
            "Chi ủy báo cáo kết quả giám sát chuyên đề việc thực hiện quy định về những điều đảng viên không được "
            "làm đối với hai đảng viên theo kế hoạch năm 2026: chưa phát hiện vi phạm; nhắc nhở đồng chí Đỗ Quang "
            "Vinh về việc vắng sinh hoạt không lý do lần thứ hai liên tiếp và giao đồng chí Bí thư gặp gỡ, trao "
            "đổi trực tiếp trước ngày 20/02/2026."
        ),
        Heading("5- Nhiệm vụ tháng 02/2026 và phân công thực hiện", level=2),
        _p(
            "- Tổ chức các hoạt động mừng Đảng, mừng Xuân Bính Ngọ an toàn, tiết kiệm; thăm hỏi gia đình chính sách "
            "(đồng chí Nguyễn Thị Hường phụ trách, hoàn thành trước ngày 14/02/2026)."
        ),
        _p(
            "- Tuyên truyền, vận động các hộ kinh doanh phân loại rác tại nguồn, không lấn chiếm vỉa hè; phấn đấu "
            "95% số hộ thực hiện (đồng chí Lê Thị Ánh phụ trách, báo cáo kết quả tại kỳ sinh hoạt tháng 3)."
        ),
        _p(
            "- Hướng dẫn hai đảng viên còn lại cài đặt, sử dụng ứng dụng Sổ tay đảng viên (đồng chí Bùi Quốc Khánh "
            "phụ trách, hoàn thành trước ngày 15/02/2026)."
        ),
        _p(
            "- Phối hợp Công an phường tuyên truyền phòng, chống cháy nổ, an toàn giao thông dịp lễ hội đầu xuân "
            "(đồng chí Phạm Văn Nghĩa phụ trách)."
        ),
        Heading("III- KẾT LUẬN CỦA CHỦ TRÌ VÀ BIỂU QUYẾT"),
        _p(
            "Đồng chí chủ trì kết luận: chi bộ đánh giá cao tinh thần trách nhiệm của đảng viên trong tháng 01/2026; "
            "tiếp thu các ý kiến thảo luận, bổ sung vào dự thảo nghị quyết chỉ tiêu 95% số hộ thực hiện phân loại rác, "
            "nhiệm vụ giúp đỡ quần chúng ưu tú và thời hạn hoàn thành từng việc. Yêu cầu mỗi đảng viên thực hiện "
            "nghiêm nhiệm vụ được phân công, báo cáo kết quả tại kỳ sinh hoạt tháng 3 năm 2026."
        ),
        _p("Chi bộ biểu quyết thông qua Nghị quyết tháng 02/2026 (biểu quyết giơ tay), kết quả:"),
        VoteLine(19, 19),
        VoteLine(0, 19, label="Không tán thành", verb="chiếm"),
        VoteLine(0, 19, label="Ý kiến khác", verb="chiếm"),
        _p(
            "Chi bộ tự đánh giá chất lượng kỳ sinh hoạt theo phiếu chấm điểm của Đảng ủy phường: đạt 92 điểm, "
            "xếp loại *Tốt*."
        ),
        Heading("IV- KẾT THÚC"),
        _p(
            "Buổi sinh hoạt kết thúc lúc 21 giờ 15 phút cùng ngày (thời lượng 105 phút); biên bản đã được thư ký "
            "đọc lại trước chi bộ và chi bộ nhất trí thông qua 19/19 đồng chí có mặt."
        ),
        DoubleSignature(
            left=Signer(title="THƯ KÝ", name="Lê Thị Ánh"),
            right=Signer(title="CHỦ TRÌ", name="Nguyễn Thị Hường"),
        ),
    ]
    return Document(
        header=Header(superior_body=SUPERIOR_BODY, issuing_body=ISSUING_BODY),
        doc_type_name="BIÊN BẢN",
        subject="sinh hoạt chi bộ thường kỳ tháng 02 năm 2026",
        blocks=tuple(blocks),
    )


def sample_resolution() -> Document:
    """The resolution adopted at the same meeting, "Số 03-NQ/CB"."""
    blocks: list[Block] = [
        _p(
            "Ngày 05/02/2026, Chi bộ Tổ dân phố số 5 họp thường kỳ tháng 02/2026; có mặt 21/23 đảng viên (chính "
            "thức 19, dự bị 2); đồng chí Nguyễn Thị Hường, Bí thư chi bộ chủ trì. Sau khi thảo luận, Chi bộ"
        ),
        _p("**QUYẾT NGHỊ:**", indent_first_line=False, align=Align.CENTER),
        Heading("I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 01/2026"),
        Heading("1- Công tác chính trị, tư tưởng", level=2),
        _p(
            "Tình hình tư tưởng đảng viên và nhân dân ổn định, phấn khởi đón Tết Nguyên đán; đảng viên tin tưởng vào "
            "sự lãnh đạo của Đảng, chấp hành tốt chủ trương, chính sách của Nhà nước và quy định của địa phương."
        ),
        Heading("2- Lãnh đạo thực hiện nhiệm vụ chính trị", level=2),
        _p(
            "Hoàn thành việc thăm hỏi, tặng 32 suất quà cho gia đình chính sách, người cao tuổi neo đơn; rà soát "
            "danh sách hộ nghèo, hộ cận nghèo năm 2026; 85% số hộ thực hiện phân loại rác tại nguồn."
        ),
        Heading("3- Công tác xây dựng Đảng", level=2),
        _p(
            "Thu nộp đảng phí đầy đủ, đúng hạn (23/23 đảng viên); 21/23 đảng viên sử dụng ứng dụng Sổ tay đảng "
            "viên; giới thiệu hai quần chúng ưu tú tham gia lớp nhận thức về Đảng."
        ),
        Heading("4- Đánh giá chung", level=2),
        _p(
            "*Ưu điểm:* chi bộ hoàn thành các nhiệm vụ trọng tâm đề ra. *Hạn chế:* việc phân loại rác ở một số hộ "
            "kinh doanh chưa nghiêm; còn đảng viên vắng sinh hoạt không lý do."
        ),
        Heading("II- NHIỆM VỤ, GIẢI PHÁP THÁNG 02/2026"),
        _p(
            "1- Tổ chức các hoạt động mừng Đảng, mừng Xuân Bính Ngọ năm 2026 an toàn, tiết kiệm; thăm hỏi, động "
            "viên gia đình chính sách, người cao tuổi neo đơn."
        ),
        _p("2- Phấn đấu 95% số hộ thực hiện phân loại rác tại nguồn; không để tái diễn lấn chiếm vỉa hè."),
        _p(
            "3- Hoàn thành việc hướng dẫn 100% đảng viên sử dụng ứng dụng Sổ tay đảng viên; phân công đảng viên giúp "
            "đỡ hai quần chúng ưu tú, hoàn thiện hồ sơ đề nghị kết nạp trong quý I/2026."
        ),
        Heading("III- TỔ CHỨC THỰC HIỆN"),
        _p(
            "Chi ủy chỉ đạo triển khai nghị quyết; từng đảng viên thực hiện nhiệm vụ được phân công và báo cáo kết "
            "quả tại kỳ sinh hoạt tháng 3 năm 2026."
        ),
        Table(
            columns=(Column(12, Align.CENTER), Column(78), Column(42), Column(33, Align.CENTER)),
            header=("TT", "Nhiệm vụ", "Người phụ trách", "Thời hạn"),
            rows=(
                ("1", "Thăm hỏi gia đình chính sách dịp Tết", "Nguyễn Thị Hường", "14/02/2026"),
                ("2", "Vận động phân loại rác tại nguồn", "Lê Thị Ánh", "28/02/2026"),
                ("3", "Hướng dẫn sử dụng Sổ tay đảng viên", "Bùi Quốc Khánh", "15/02/2026"),
                ("4", "Giúp đỡ quần chúng ưu tú", "Trần Văn Đức", "31/03/2026"),
            ),
        ),
        _p("Nghị quyết được chi bộ biểu quyết thông qua với kết quả:"),
        VoteLine(19, 19),
        Signature(
            signer=Signer(authority="T/M CHI BỘ", title="BÍ THƯ", name="Nguyễn Thị Hường"),
            recipients=Recipients(("Đảng ủy phường Hoàn Kiếm (để báo cáo)", "Đảng viên trong chi bộ")),
        ),
    ]
    return Document(
        header=Header(
            superior_body=SUPERIOR_BODY,
            issuing_body=ISSUING_BODY,
            number="Số 03-NQ/CB",
            place="Hoàn Kiếm",
            date=MEETING_DATE,
        ),
        doc_type_name="NGHỊ QUYẾT",
        subject="về lãnh đạo thực hiện nhiệm vụ tháng 02 năm 2026",
        blocks=tuple(blocks),
    )
