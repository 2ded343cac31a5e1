<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
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
        <source>Month collected</source>
        <translation>Thu cho tháng</translation>
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
        <source>Amount (VND)</source>
        <translation>Số tiền (đồng)</translation>
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
</context>
</TS>
