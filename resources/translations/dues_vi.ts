<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>BasisDialog</name>
    <message>
        <source>Dues category and basis</source>
        <translation>Diện đóng và căn cứ tính đảng phí</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Diện đóng:</translation>
    </message>
    <message>
        <source>From month:</source>
        <translation>Từ tháng:</translation>
    </message>
    <message>
        <source>e.g. the salary notice of 01/2026</source>
        <translation>ví dụ: thông báo lương tháng 01/2026</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <source>Earlier months keep the category recorded for them.</source>
        <translation>Các tháng trước giữ diện đóng đã ghi cho các tháng đó.</translation>
    </message>
    <message>
        <source>Social-insurance salary base of the previous month (đồng):</source>
        <translation>Tiền lương đóng BHXH của tháng liền trước (đồng):</translation>
    </message>
    <message>
        <source>Sickness or maternity benefit (đồng):</source>
        <translation>Trợ cấp ốm đau, thai sản (đồng):</translation>
    </message>
    <message>
        <source>Monthly pension (đồng):</source>
        <translation>Lương hưu hằng tháng (đồng):</translation>
    </message>
    <message>
        <source>Monthly living allowance (đồng):</source>
        <translation>Sinh hoạt phí hằng tháng (đồng):</translation>
    </message>
    <message>
        <source>Monthly amount set for members abroad (đồng):</source>
        <translation>Mức đóng cố định ở nước ngoài hằng tháng (đồng):</translation>
    </message>
    <message>
        <source>Basis (not needed for this category):</source>
        <translation>Căn cứ tính (diện này không cần):</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Exemption, reduction or deferral</source>
        <translation>Miễn, giảm hoặc nộp chậm, nộp trước</translation>
    </message>
    <message>
        <source>Decision about:</source>
        <translation>Quyết định về:</translation>
    </message>
    <message>
        <source>Reduce by 30%</source>
        <translation>Giảm 30%</translation>
    </message>
    <message>
        <source>Reduce by 50%</source>
        <translation>Giảm 50%</translation>
    </message>
    <message>
        <source>Reduce by 70%</source>
        <translation>Giảm 70%</translation>
    </message>
    <message>
        <source>Exempt (100%)</source>
        <translation>Miễn (100%)</translation>
    </message>
    <message>
        <source>Share waived:</source>
        <translation>Mức miễn, giảm:</translation>
    </message>
    <message>
        <source>From month:</source>
        <translation>Từ tháng:</translation>
    </message>
    <message>
        <source>until revoked</source>
        <translation>đến khi có quyết định khác</translation>
    </message>
    <message>
        <source> months</source>
        <translation> tháng</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>Trong:</translation>
    </message>
    <message>
        <source>e.g. Quyết định số 05-QĐ/CB ngày 10/03/2026, or the member&apos;s application of 01/03/2026</source>
        <translation>ví dụ: Quyết định số 05-QĐ/CB ngày 10/03/2026, hoặc đơn của đảng viên ngày 01/03/2026</translation>
    </message>
    <message>
        <source>Decision or application:</source>
        <translation>Quyết định hoặc đơn:</translation>
    </message>
    <message>
        <source>Each decision covers at most 12 months; after that a new decision is needed.</source>
        <translation>Mỗi quyết định áp dụng tối đa 12 tháng; hết thời hạn phải có quyết định mới.</translation>
    </message>
    <message>
        <source>For a member exempted from activities: they may pay late or in advance, for at most the length of that exemption. The amount due is unchanged.</source>
        <translation>Cho đảng viên được miễn sinh hoạt: được nộp chậm hoặc nộp trước, tối đa bằng thời gian được miễn sinh hoạt. Số tiền phải nộp không đổi.</translation>
    </message>
    <message>
        <source>Exempt from dues from this month, on the member&apos;s application.</source>
        <translation>Được miễn đảng phí từ tháng này, theo đơn của đảng viên.</translation>
    </message>
</context>
<context>
    <name>DuesPage</name>
    <message>
        <source>Party dues</source>
        <extracomment>What a grid cell shows: a short word or a sign, never colour alone (the legend under the grid says it).</extracomment>
        <translation>Đảng phí</translation>
    </message>
    <message>
        <source>Monthly dues of every member, computed by the rules in force. Type a name, press Enter for the amount due, Enter again to save.</source>
        <translation>Đảng phí hằng tháng của từng đảng viên, tính theo quy định đang có hiệu lực. Gõ tên, nhấn Enter để điền số phải nộp, nhấn Enter lần nữa để ghi.</translation>
    </message>
    <message>
        <source>Category and basis…</source>
        <translation>Diện đóng, căn cứ…</translation>
    </message>
    <message>
        <source>Exemption, reduction…</source>
        <translation>Miễn, giảm…</translation>
    </message>
    <message>
        <source>Reverse a payment…</source>
        <translation>Hủy khoản nộp…</translation>
    </message>
    <message>
        <source>Export the ledger…</source>
        <translation>Xuất sổ thu nộp…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Đảng viên</translation>
    </message>
    <message>
        <source>type a name, then Enter</source>
        <translation>gõ tên rồi nhấn Enter</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Month collected (usually the month before)</source>
        <translation>Thu cho tháng (thường là tháng trước)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <source>Amount (VND)</source>
        <translation>Số tiền (đồng)</translation>
    </message>
    <message>
        <source>VND</source>
        <translation>đồng</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>Public-service portal</source>
        <translation>Cổng Dịch vụ công</translation>
    </message>
    <message>
        <source>receipt no.</source>
        <translation>số biên lai</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Đã nộp</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>Còn nợ</translation>
    </message>
    <message>
        <source>✓ paid · Nợ unpaid · Thiếu underpaid · Thừa overpaid, to resolve · Miễn exempt · −50% reduced · ↺ a payment reversed · — not in the cell that month</source>
        <translation>✓ đã nộp đủ · Nợ: chưa nộp · Thiếu: nộp thiếu · Thừa: nộp thừa, cần xử lý · Miễn: được miễn · −50%: được giảm · ↺: có khoản đã hủy · —: không sinh hoạt tại chi bộ tháng đó</translation>
    </message>
    <message>
        <source>Months of the year</source>
        <translation>Bảng các tháng trong năm</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>Nợ đảng phí</translation>
    </message>
    <message>
        <source>Collected %1 · kept %2 · remitted %3 · owed by the rules %4</source>
        <translation>Đã thu %1 · chi bộ giữ lại %2 · nộp cấp trên %3 · phải thu theo quy định %4</translation>
    </message>
    <message>
        <source>No arrears.</source>
        <translation>Không có đảng viên nợ đảng phí.</translation>
    </message>
    <message>
        <source>Arrears (%1)</source>
        <translation>Nợ đảng phí (%1)</translation>
    </message>
    <message>
        <source>No member matches “%1”.</source>
        <translation>Không có đảng viên nào tên “%1”.</translation>
    </message>
    <message>
        <source>Several members match: %1. Type more of the name.</source>
        <translation>Có nhiều đảng viên trùng: %1. Hãy gõ thêm tên.</translation>
    </message>
    <message>
        <source>%1 does not owe dues in this cell for that month.</source>
        <translation>Tháng này đồng chí %1 không nộp đảng phí tại chi bộ.</translation>
    </message>
    <message>
        <source>Due for %1: %2; already paid %3.</source>
        <translation>Phải nộp tháng %1: %2; đã nộp %3.</translation>
    </message>
    <message>
        <source>Type the amount in đồng, for example 12420.</source>
        <translation>Hãy gõ số tiền bằng đồng, ví dụ 12420.</translation>
    </message>
    <message>
        <source>Recorded %1 from %2 for %3.</source>
        <translation>Đã ghi %1 của đồng chí %2, tháng %3.</translation>
    </message>
    <message>
        <source>Select the month of a member in the grid first.</source>
        <translation>Hãy chọn ô tháng của đảng viên trong bảng trước.</translation>
    </message>
    <message>
        <source>Reverse a payment</source>
        <translation>Hủy khoản nộp</translation>
    </message>
    <message>
        <source>Why is the payment of %1 for %2 reversed?</source>
        <translation>Lý do hủy khoản nộp của đồng chí %1, tháng %2?</translation>
    </message>
    <message>
        <source>Reversed %1 of %2 for %3.</source>
        <translation>Đã hủy khoản %1 của đồng chí %2, tháng %3.</translation>
    </message>
    <message>
        <source>Select a member in the grid, or type their name and press Enter, first.</source>
        <translation>Hãy chọn một đảng viên trong bảng, hoặc gõ tên rồi nhấn Enter, trước đã.</translation>
    </message>
    <message>
        <source>Save the dues ledger</source>
        <translation>Lưu sổ thu nộp đảng phí</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;PDF file (*.pdf);;Word document (*.docx)</source>
        <translation>Sổ tính Excel (*.xlsx);;Tệp PDF (*.pdf);;Văn bản Word (*.docx)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
    <message>
        <source>Exporting the dues ledger…</source>
        <translation>Đang xuất sổ thu nộp đảng phí…</translation>
    </message>
</context>
<context>
    <name>DuesRatesBox</name>
    <message>
        <source>Party dues rates</source>
        <translation>Mức đóng đảng phí</translation>
    </message>
    <message>
        <source>The rates used to compute each month&apos;s dues, with the date they took effect and their source. A new rate applies from its month on.</source>
        <translation>Các mức dùng để tính đảng phí từng tháng, kèm ngày hiệu lực và căn cứ. Mức mới áp dụng từ tháng có hiệu lực trở đi.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Mức</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>Hiệu lực từ</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Căn cứ</translation>
    </message>
    <message>
        <source>Add a new rate…</source>
        <translation>Thêm mức mới…</translation>
    </message>
    <message>
        <source>%1 (upcoming)</source>
        <translation>%1 (sắp áp dụng)</translation>
    </message>
    <message>
        <source> · entered by the cell</source>
        <translation> · chi bộ ghi</translation>
    </message>
</context>
<context>
    <name>MemberDuesButton</name>
    <message>
        <source>Dues…</source>
        <translation>Đảng phí…</translation>
    </message>
    <message>
        <source>Dues category and basis…</source>
        <translation>Diện đóng và căn cứ tính đảng phí…</translation>
    </message>
    <message>
        <source>Exemption, reduction or deferral…</source>
        <translation>Miễn, giảm hoặc nộp chậm, nộp trước…</translation>
    </message>
</context>
<context>
    <name>RateDialog</name>
    <message>
        <source>New party dues rate</source>
        <translation>Thêm mức đóng đảng phí mới</translation>
    </message>
    <message>
        <source>When a new decree or decision changes a rate, record it here with the date it takes effect. Months before that date keep the rates of their time.</source>
        <translation>Khi có nghị định, quy định mới thay đổi mức đóng, hãy ghi vào đây cùng ngày có hiệu lực. Các tháng trước ngày đó giữ mức của thời điểm đó.</translation>
    </message>
    <message>
        <source>What changes:</source>
        <translation>Nội dung thay đổi:</translation>
    </message>
    <message>
        <source>New value:</source>
        <translation>Mức mới:</translation>
    </message>
    <message>
        <source>In force from:</source>
        <translation>Hiệu lực từ ngày:</translation>
    </message>
    <message>
        <source>e.g. Nghị định 293/2025/NĐ-CP</source>
        <translation>ví dụ: Nghị định 293/2025/NĐ-CP</translation>
    </message>
    <message>
        <source>Source (decree, decision):</source>
        <translation>Căn cứ (nghị định, quy định):</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>% (e.g. 0,3)</source>
        <translation>% (ví dụ 0,3)</translation>
    </message>
    <message>
        <source>% of the dues collected</source>
        <translation>% số đảng phí thu được</translation>
    </message>
    <message>
        <source>đồng (1 = exact to the đồng, 1000 = up to the next 1.000 đ)</source>
        <translation>đồng (1 = lấy đúng đến đồng, 1000 = làm tròn lên đến 1.000 đ)</translation>
    </message>
    <message>
        <source>đồng</source>
        <translation>đồng</translation>
    </message>
</context>
<context>
    <name>_DuesDialog</name>
    <message>
        <source>Save</source>
        <extracomment>(member id, full name) of the member a page has selected, or None.</extracomment>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>dues_fields</name>
    <message>
        <source>Type the amount in đồng, digits only, for example 5310000.</source>
        <translation>Hãy gõ số tiền bằng đồng, chỉ gồm chữ số, ví dụ 5310000.</translation>
    </message>
    <message>
        <source>Type the rate as a percent, for example 0,3 for 0.3%.</source>
        <translation>Hãy gõ tỷ lệ theo phần trăm, ví dụ 0,3 cho 0,3%.</translation>
    </message>
    <message>
        <source>Type the month as mm/yyyy, for example 03/2026.</source>
        <translation>Hãy gõ tháng theo dạng tháng/năm, ví dụ 03/2026.</translation>
    </message>
    <message>
        <source>mm/yyyy</source>
        <translation>mm/yyyy</translation>
    </message>
</context>
</TS>
