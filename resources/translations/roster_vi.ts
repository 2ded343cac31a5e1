<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AwardsTab</name>
    <message>
        <source>Save the new member&apos;s record first: the Party badge is worked out from the admission date, and a discipline is recorded as an event in the history.</source>
        <translation>Hãy lưu hồ sơ đảng viên mới trước: huy hiệu Đảng được tính từ ngày vào Đảng, còn kỷ luật được ghi là một sự kiện trong quá trình.</translation>
    </message>
    <message>
        <source>Party badge</source>
        <translation>Huy hiệu Đảng</translation>
    </message>
    <message>
        <source>No badge is coming up (the admission date is needed to work it out).</source>
        <translation>Chưa có huy hiệu Đảng sắp đến dịp trao (cần có ngày vào Đảng để tính).</translation>
    </message>
    <message>
        <source>Exempt from dues (50 years of party age)</source>
        <translation>Miễn đóng đảng phí (đủ 50 năm tuổi Đảng)</translation>
    </message>
    <message>
        <source>Discipline</source>
        <translation>Kỷ luật</translation>
    </message>
    <message>
        <source> (until %1)</source>
        <translation> (đến %1)</translation>
    </message>
    <message>
        <source>No discipline recorded.</source>
        <translation>Không có kỷ luật nào được ghi.</translation>
    </message>
    <message>
        <source>A discipline is recorded with “Record event” on the Party members page; it then shows here and in the history.</source>
        <translation>Kỷ luật được ghi bằng nút “Ghi sự kiện” trên trang Đảng viên; sau đó hiện ở đây và trong quá trình.</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
</context>
<context>
    <name>DuesTab</name>
    <message>
        <source>Save the new member&apos;s record first. Then open it again (“Edit”) to set the dues category and any exemption or reduction here.</source>
        <translation>Hãy lưu hồ sơ đảng viên mới trước. Sau đó mở lại (nút “Sửa”) để ghi diện đóng đảng phí và việc miễn, giảm tại đây.</translation>
    </message>
    <message>
        <source>Dues category and basis</source>
        <translation>Diện đóng và căn cứ tính đảng phí</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>Exemption, reduction or deferral</source>
        <translation>Miễn, giảm hoặc nộp chậm, nộp trước</translation>
    </message>
    <message>
        <source>Dues category and basis…</source>
        <translation>Diện đóng và căn cứ tính đảng phí…</translation>
    </message>
    <message>
        <source>Exemption, reduction or deferral…</source>
        <translation>Miễn, giảm hoặc nộp chậm, nộp trước…</translation>
    </message>
    <message>
        <source>No dues category recorded yet: press “Dues category and basis…”.</source>
        <translation>Chưa ghi diện đóng đảng phí: bấm “Diện đóng và căn cứ tính đảng phí…”.</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Không có.</translation>
    </message>
    <message>
        <source>Year %1: paid %2, owed %3</source>
        <translation>Năm %1: đã nộp %2, còn nợ %3</translation>
    </message>
    <message>
        <source>owed %1</source>
        <translation>còn nợ %1</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Record an event</source>
        <translation>Ghi sự kiện</translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation>Đảng viên: %1</translation>
    </message>
    <message>
        <source>e.g. the Party organisation the member moves to</source>
        <translation>ví dụ: tổ chức đảng nơi đảng viên chuyển đến</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Sự kiện:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Ngày:</translation>
    </message>
    <message>
        <source>Until (first day back):</source>
        <translation>Đến ngày (ngày trở lại):</translation>
    </message>
    <message>
        <source>Form of discipline:</source>
        <translation>Hình thức kỷ luật:</translation>
    </message>
    <message>
        <source>Other organisation:</source>
        <translation>Tổ chức đảng nơi đi/đến:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Lý do:</translation>
    </message>
    <message>
        <source>Decision number:</source>
        <translation>Số quyết định:</translation>
    </message>
    <message>
        <source>Enter the date of the event.</source>
        <translation>Hãy nhập ngày xảy ra sự kiện.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import the roster from a spreadsheet</source>
        <translation>Nhập danh sách đảng viên từ bảng tính</translation>
    </message>
    <message>
        <source>Choose an Excel (.xlsx) or CSV file with one member per row.</source>
        <translation>Chọn tệp Excel (.xlsx) hoặc CSV, mỗi dòng một đảng viên.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>Columns (suggested from the headers; correct them if needed)</source>
        <translation>Các cột (gợi ý theo tiêu đề; sửa lại nếu chưa đúng)</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Hợp lệ</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Will be</source>
        <translation>Sẽ được</translation>
    </message>
    <message>
        <source>added</source>
        <translation>thêm mới</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>cập nhật</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>không đổi</translation>
    </message>
    <message>
        <source>skipped (duplicate)</source>
        <translation>bỏ qua (dòng trùng)</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>không nhập</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Save list of problem rows…</source>
        <translation>Lưu danh sách dòng có vấn đề…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập từ tệp</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>%1, row %2</source>
        <translation>%1, dòng %2</translation>
    </message>
    <message>
        <source>Choose the roster file</source>
        <translation>Chọn tệp danh sách đảng viên</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>Bảng tính (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Đang đọc %1…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Đang đọc tệp…</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(không nhập)</translation>
    </message>
    <message>
        <source>%1: header on row %2 (%3)</source>
        <translation>%1: dòng tiêu đề ở dòng %2 (%3)</translation>
    </message>
    <message>
        <source>%1 to add, %2 to update, %3 unchanged, %4 with errors (not imported).</source>
        <translation>%1 thêm mới, %2 cập nhật, %3 không đổi, %4 có lỗi (không nhập).</translation>
    </message>
    <message>
        <source>%1 blank rows were skipped.</source>
        <translation>Đã bỏ qua %1 dòng trống.</translation>
    </message>
    <message>
        <source>%1: %2 events will be added, %3 refused</source>
        <translation>%1: %2 sự kiện sẽ được thêm, %3 bị từ chối</translation>
    </message>
    <message>
        <source>, %1 already recorded</source>
        <translation>, %1 sự kiện đã có</translation>
    </message>
    <message>
        <source>Importing members…</source>
        <translation>Đang nhập đảng viên…</translation>
    </message>
    <message>
        <source>Done: %1 added, %2 updated, %3 unchanged, %4 not imported.</source>
        <translation>Xong: %1 thêm mới, %2 cập nhật, %3 không đổi, %4 không nhập.</translation>
    </message>
    <message>
        <source>%1: %2 events added, %3 refused.</source>
        <translation>%1: đã thêm %2 sự kiện, %3 bị từ chối.</translation>
    </message>
    <message>
        <source>Save the list of problem rows</source>
        <translation>Lưu danh sách dòng có vấn đề</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>New member</source>
        <translation>Thêm đảng viên</translation>
    </message>
    <message>
        <source>Member record</source>
        <translation>Hồ sơ đảng viên</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Birth name (if different)</source>
        <translation>Tên khai sinh (nếu khác)</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>Religion</source>
        <translation>Tôn giáo</translation>
    </message>
    <message>
        <source>Home town</source>
        <translation>Quê quán</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>Nơi ở hiện nay</translation>
    </message>
    <message>
        <source>Admission decision date</source>
        <translation>Ngày vào Đảng (quyết định kết nạp)</translation>
    </message>
    <message>
        <source>Admission ceremony date</source>
        <translation>Ngày lễ kết nạp</translation>
    </message>
    <message>
        <source>Official member since</source>
        <translation>Ngày chính thức</translation>
    </message>
    <message>
        <source>Party card number</source>
        <translation>Số thẻ đảng viên</translation>
    </message>
    <message>
        <source>Party record number</source>
        <translation>Số lý lịch đảng viên</translation>
    </message>
    <message>
        <source>Citizen ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>General education</source>
        <translation>Trình độ văn hóa</translation>
    </message>
    <message>
        <source>Political theory level</source>
        <translation>Lý luận chính trị</translation>
    </message>
    <message>
        <source>Profession</source>
        <translation>Nghề nghiệp</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>General information</source>
        <translation>Thông tin chung</translation>
    </message>
    <message>
        <source>Party history</source>
        <translation>Quá trình</translation>
    </message>
    <message>
        <source>Party dues</source>
        <translation>Đảng phí</translation>
    </message>
    <message>
        <source>Awards and discipline</source>
        <translation>Khen thưởng – kỷ luật</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Party members</source>
        <translation>Đảng viên</translation>
    </message>
    <message>
        <source>The cell roster. Type part of a name, with or without diacritics, to find a member.</source>
        <translation>Danh sách đảng viên của chi bộ. Gõ một phần họ tên, có dấu hay không dấu đều được, để tìm.</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Thêm đảng viên</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Edit the selected member&apos;s record (Enter in the table)</source>
        <translation>Sửa hồ sơ đảng viên đang chọn (phím Enter trong bảng)</translation>
    </message>
    <message>
        <source>Record event</source>
        <translation>Ghi sự kiện</translation>
    </message>
    <message>
        <source>Import a list…</source>
        <translation>Nhập danh sách…</translation>
    </message>
    <message>
        <source>Export the list…</source>
        <translation>Xuất danh sách…</translation>
    </message>
    <message>
        <source>Delete member</source>
        <translation>Xóa đảng viên</translation>
    </message>
    <message>
        <source>Delete the selected member (Delete key in the table)</source>
        <translation>Xóa đảng viên đang chọn (phím Delete trong bảng)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Search by name, e.g. nguyen thi huong</source>
        <translation>nguyen thi huong</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Tìm:</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Hiện:</translation>
    </message>
    <message>
        <source>By given name</source>
        <translation>Xếp theo tên</translation>
    </message>
    <message>
        <source>By full name</source>
        <translation>Xếp theo họ và tên</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Party age</source>
        <translation>Tuổi Đảng</translation>
    </message>
    <message>
        <source>Select a member to see their record and history.</source>
        <translation>Chọn một đảng viên để xem hồ sơ và quá trình.</translation>
    </message>
    <message>
        <source>Restore this member</source>
        <translation>Khôi phục đảng viên này</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>Xóa sự kiện</translation>
    </message>
    <message>
        <source>Delete the selected event (Delete key in the history)</source>
        <translation>Xóa sự kiện đang chọn (phím Delete trong quá trình)</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Quá trình:</translation>
    </message>
    <message>
        <source>%1 of %2 members</source>
        <translation>%1 / %2 đảng viên</translation>
    </message>
    <message>
        <source>This member&apos;s record was deleted. Press “Restore this member” to bring it back with its whole history.</source>
        <translation>Hồ sơ đảng viên này đã bị xóa. Bấm “Khôi phục đảng viên này” để lấy lại hồ sơ cùng toàn bộ quá trình.</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Tình trạng: %1</translation>
    </message>
    <message>
        <source>Position: %1</source>
        <translation>Chức vụ: %1</translation>
    </message>
    <message>
        <source>Party card number: %1</source>
        <translation>Số thẻ đảng viên: %1</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Điện thoại: %1</translation>
    </message>
    <message>
        <source>Party age: %1</source>
        <translation>Tuổi Đảng: %1</translation>
    </message>
    <message>
        <source>Exempt from dues (50 years of party age)</source>
        <translation>Miễn đóng đảng phí (đủ 50 năm tuổi Đảng)</translation>
    </message>
    <message>
        <source> (until %1)</source>
        <translation> (đến %1)</translation>
    </message>
    <message>
        <source>Dues %1: paid %2, owed %3</source>
        <translation>Đảng phí năm %1: đã nộp %2, còn nợ %3</translation>
    </message>
    <message>
        <source> (months %1)</source>
        <translation> (tháng %1)</translation>
    </message>
    <message>
        <source>add %1</source>
        <translation>thêm %1</translation>
    </message>
    <message>
        <source>edit %1</source>
        <translation>sửa %1</translation>
    </message>
    <message>
        <source>record event</source>
        <translation>ghi sự kiện</translation>
    </message>
    <message>
        <source>Delete party member %1 from the roster?

The record is not lost: you can restore it with Undo (Ctrl+Z), or later by choosing “Deleted” under Show.</source>
        <translation>Xóa đảng viên %1 khỏi danh sách?

Hồ sơ không mất: có thể khôi phục ngay bằng Hoàn tác (Ctrl+Z), hoặc sau này bằng cách chọn “Đã xóa” ở ô Hiện.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>delete %1</source>
        <translation>xóa %1</translation>
    </message>
    <message>
        <source>restore %1</source>
        <translation>khôi phục %1</translation>
    </message>
    <message>
        <source>Delete the event “%1 — %2” from the history of %3?

You can bring it back with Undo (Ctrl+Z).</source>
        <translation>Xóa sự kiện “%1 — %2” khỏi quá trình của đồng chí %3?

Có thể lấy lại bằng Hoàn tác (Ctrl+Z).</translation>
    </message>
    <message>
        <source>delete event</source>
        <translation>xóa sự kiện</translation>
    </message>
    <message>
        <source>Export the roster</source>
        <translation>Xuất danh sách đảng viên</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv);;Word (*.docx);;PDF (*.pdf)</source>
        <translation>Bảng tính Excel (*.xlsx);;CSV (*.csv);;Word (*.docx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting the roster…</source>
        <translation>Đang xuất danh sách đảng viên…</translation>
    </message>
</context>
</TS>
