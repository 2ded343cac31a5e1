<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AuditDialog</name>
    <message>
        <source>Change log</source>
        <translation>Nhật ký thay đổi</translation>
    </message>
    <message>
        <source>Record (name), with or without marks</source>
        <translation>Hồ sơ (họ tên), có dấu hay không dấu đều được</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Người sửa</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Change log check: %1</source>
        <translation>Kiểm tra nhật ký: %1</translation>
    </message>
</context>
<context>
    <name>CellForm</name>
    <message>
        <source>e.g. Chi bộ Tổ dân phố số 5</source>
        <translation>ví dụ: Chi bộ Tổ dân phố số 5</translation>
    </message>
    <message>
        <source>e.g. Đảng bộ phường Hoàn Kiếm</source>
        <translation>ví dụ: Đảng bộ phường Hoàn Kiếm</translation>
    </message>
    <message>
        <source>e.g. Hoàn Kiếm</source>
        <translation>ví dụ: Hoàn Kiếm</translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation>Vùng %1</translation>
    </message>
    <message>
        <source>Residential area</source>
        <translation>Khu dân cư</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Cơ quan</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Doanh nghiệp</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Trường học</translation>
    </message>
    <message>
        <source>Armed forces</source>
        <translation>Lực lượng vũ trang</translation>
    </message>
    <message>
        <source>Grassroots cell (has its own seal)</source>
        <translation>Chi bộ cơ sở (có con dấu riêng)</translation>
    </message>
    <message>
        <source>Cell name:</source>
        <translation>Tên chi bộ:</translation>
    </message>
    <message>
        <source>Superior Party organisation:</source>
        <translation>Đảng bộ cấp trên trực tiếp:</translation>
    </message>
    <message>
        <source>Place name for the date line:</source>
        <translation>Địa danh ghi ngày tháng:</translation>
    </message>
    <message>
        <source>Minimum-wage region:</source>
        <translation>Vùng lương tối thiểu:</translation>
    </message>
    <message>
        <source>Kind of cell:</source>
        <translation>Loại hình chi bộ:</translation>
    </message>
    <message>
        <source>Committee term from:</source>
        <translation>Nhiệm kỳ cấp ủy từ ngày:</translation>
    </message>
    <message>
        <source>Committee term to:</source>
        <translation>Nhiệm kỳ cấp ủy đến ngày:</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>No, keep it</source>
        <translation>Không xóa</translation>
    </message>
</context>
<context>
    <name>DataSafetyBox</name>
    <message>
        <source>Backups and change log</source>
        <translation>Sao lưu và nhật ký thay đổi</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>Sao lưu ngay…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>Change log…</source>
        <translation>Nhật ký thay đổi…</translation>
    </message>
    <message>
        <source>Protect with a password…</source>
        <translation>Đặt mật khẩu bảo vệ…</translation>
    </message>
    <message>
        <source>The data on this computer is encrypted.</source>
        <translation>Dữ liệu trên máy này đã được mã hóa.</translation>
    </message>
    <message>
        <source>The data on this computer is not encrypted: anyone who can open the file can read the members&apos; records. No system keyring was found to keep a key, so protect it with a password you will type at each start.</source>
        <translation>Dữ liệu trên máy này chưa được mã hóa: ai mở được tệp cũng đọc được hồ sơ đảng viên. Máy không có kho khóa để tự giữ khóa, vì vậy hãy đặt một mật khẩu; mỗi lần mở chương trình sẽ cần nhập mật khẩu này.</translation>
    </message>
    <message>
        <source>Last backup: %1</source>
        <translation>Lần sao lưu gần nhất: %1</translation>
    </message>
    <message>
        <source>Where to put the backup (a USB stick…)</source>
        <translation>Chọn nơi lưu bản sao (ví dụ USB)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <source>Backed up to %1: %2 members, %3 meetings, %4 documents. Change log: %5.</source>
        <translation>Đã sao lưu vào %1: %2 đảng viên, %3 kỳ sinh hoạt, %4 văn bản. Nhật ký thay đổi: %5.</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Chọn bản sao lưu</translation>
    </message>
    <message>
        <source>Backups (*.sqlite3)</source>
        <translation>Bản sao lưu (*.sqlite3)</translation>
    </message>
    <message>
        <source>This backup was made at %1 and holds:
%2 — %3
%4 members, %5 meetings, %6 documents.

The data you have now is backed up first, then replaced by this backup. This computer then syncs as a new computer, so nothing it had waiting is lost.</source>
        <translation>Bản sao lưu này được tạo lúc %1, gồm:
%2 — %3
%4 đảng viên, %5 kỳ sinh hoạt, %6 văn bản.

Dữ liệu hiện có sẽ được sao lưu trước, rồi thay bằng bản này. Sau đó máy này đồng bộ như một máy mới, nên không mất thay đổi nào đang chờ gửi.</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Do not restore</source>
        <translation>Không khôi phục</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Đang khôi phục…</translation>
    </message>
    <message>
        <source> The data from before is kept in %1.</source>
        <translation> Dữ liệu trước đó được giữ trong %1.</translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation>Đã khôi phục.</translation>
    </message>
    <message>
        <source>Data password</source>
        <translation>Mật khẩu dữ liệu</translation>
    </message>
    <message>
        <source>A password for the data (at least 8 characters). Keep it safe: without it the data cannot be opened.</source>
        <translation>Mật khẩu cho dữ liệu (ít nhất 8 ký tự). Hãy giữ cẩn thận: không có mật khẩu thì không mở được dữ liệu.</translation>
    </message>
    <message>
        <source>Type the password again:</source>
        <translation>Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>Hai lần nhập mật khẩu không giống nhau; chưa có gì thay đổi.</translation>
    </message>
    <message>
        <source>Encrypting…</source>
        <translation>Đang mã hóa…</translation>
    </message>
    <message>
        <source>Encrypted: %1 members and %2 backups.</source>
        <translation>Đã mã hóa: %1 đảng viên và %2 bản sao lưu.</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Resolutions and documents</source>
        <translation>Nghị quyết &amp; văn bản</translation>
    </message>
    <message>
        <source>Every document the cell has issued, with its number. Numbers run per document type for the whole term and are never reused.</source>
        <translation>Mọi văn bản chi bộ đã ban hành, kèm số. Số văn bản đánh liên tục theo từng loại trong cả nhiệm kỳ và không bao giờ dùng lại.</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Xem trước khi in</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Save as Word</source>
        <translation>Xuất Word</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Xuất PDF</translation>
    </message>
    <message>
        <source>Open in Word/LibreOffice</source>
        <translation>Mở bằng Word/LibreOffice</translation>
    </message>
    <message>
        <source>Search by number or subject</source>
        <translation>Tìm theo số hoặc trích yếu</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Tìm:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Loại:</translation>
    </message>
    <message>
        <source>Term:</source>
        <translation>Nhiệm kỳ:</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <source>Select a document in the list, then preview, print or save it.</source>
        <translation>Chọn một văn bản trong danh sách, rồi xem trước, in hoặc xuất ra tệp.</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tất cả các loại</translation>
    </message>
    <message>
        <source>All terms</source>
        <translation>Tất cả nhiệm kỳ</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Từ %1</translation>
    </message>
    <message>
        <source>Preparing %1…</source>
        <translation>Đang chuẩn bị %1…</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>Đang chuẩn bị văn bản…</translation>
    </message>
    <message>
        <source>The document could not be prepared.</source>
        <translation>Chưa chuẩn bị được văn bản.</translation>
    </message>
    <message>
        <source>Showing %1.</source>
        <translation>Đang hiển thị %1.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Đã gửi tới máy in.</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>Đã hủy lệnh in.</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Tệp Word (*.docx)</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save the document</source>
        <translation>Lưu văn bản</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
    <message>
        <source>Opened %1 in the word processor.</source>
        <translation>Đã mở %1 bằng chương trình soạn thảo.</translation>
    </message>
    <message>
        <source>No program to open Word files was found. The file is at: %1</source>
        <translation>Không tìm thấy chương trình mở tệp Word. Tệp được lưu tại: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Party members</source>
        <translation>Đảng viên</translation>
    </message>
    <message>
        <source>Cell meetings</source>
        <translation>Sinh hoạt chi bộ</translation>
    </message>
    <message>
        <source>Resolutions and documents</source>
        <translation>Nghị quyết &amp; văn bản</translation>
    </message>
    <message>
        <source>Party dues</source>
        <translation>Đảng phí</translation>
    </message>
    <message>
        <source>Member development</source>
        <translation>Phát triển đảng viên</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Not connected to a server (working offline)</source>
        <translation>Chưa kết nối máy chủ (làm việc ngoại tuyến)</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Đã lưu lúc %1</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so the app cannot remember the session: enter the password each time the app starts to sync. Your data stays on this computer either way.</source>
        <translation>Máy này không có kho mật khẩu của hệ điều hành nên chương trình không nhớ được phiên đăng nhập: mỗi lần mở chương trình, hãy nhập mật khẩu để đồng bộ. Dù thế nào, dữ liệu vẫn nằm nguyên trên máy này.</translation>
    </message>
    <message>
        <source>Enter the password to sync.</source>
        <translation>Hãy nhập mật khẩu để đồng bộ.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>First sync</source>
        <translation>Đồng bộ lần đầu</translation>
    </message>
    <message>
        <source>This computer has its own data (%1), and the cell “%2” on the server has data too (%3). Nothing has been sent yet.</source>
        <translation>Máy này đã có dữ liệu riêng (%1), và chi bộ “%2” trên máy chủ cũng đã có dữ liệu (%3). Chưa có gì được gửi đi.</translation>
    </message>
    <message>
        <source>Merge: both sides&apos; records are kept, as two computers of one cell. Keep apart: nothing is sent, this computer stops syncing with the server; to receive the server&apos;s cell, set it up in another data folder.</source>
        <translation>Gộp: giữ bản ghi của cả hai bên, như hai máy của cùng một chi bộ. Giữ riêng: không gửi gì, máy này thôi đồng bộ với máy chủ; muốn nhận chi bộ từ máy chủ, hãy thiết lập ở một thư mục dữ liệu khác.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Gộp</translation>
    </message>
    <message>
        <source>Keep apart</source>
        <translation>Giữ riêng</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Để sau</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>What needs your attention soonest, and the cell at a glance.</source>
        <translation>Việc cần làm sớm nhất và tình hình chung của chi bộ.</translation>
    </message>
    <message>
        <source>To do, soonest first</source>
        <translation>Việc cần làm, việc gấp nhất trước</translation>
    </message>
    <message>
        <source>updating…</source>
        <translation>đang cập nhật…</translation>
    </message>
    <message>
        <source>Click an item, or press Enter, to open the place to act on it.</source>
        <translation>Bấm vào một việc, hoặc nhấn Enter, để mở đúng chỗ cần xử lý.</translation>
    </message>
    <message>
        <source>members in the cell</source>
        <translation>đảng viên trong chi bộ</translation>
    </message>
    <message>
        <source>official members</source>
        <translation>đảng viên chính thức</translation>
    </message>
    <message>
        <source>probationary members</source>
        <translation>đảng viên dự bị</translation>
    </message>
    <message>
        <source>exempt from activities</source>
        <translation>được miễn sinh hoạt</translation>
    </message>
    <message>
        <source>attending elsewhere temporarily</source>
        <translation>sinh hoạt tạm thời nơi khác</translation>
    </message>
    <message>
        <source>present at the last meeting</source>
        <translation>có mặt kỳ sinh hoạt gần nhất</translation>
    </message>
    <message>
        <source>Nothing needs doing now.</source>
        <translation>Hiện không có việc gì cần làm ngay.</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <source>Act soon</source>
        <translation>Cần xử lý sớm</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Đã xong</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Cần làm</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>More…</source>
        <translation>Thêm…</translation>
    </message>
</context>
<context>
    <name>PdfPrintPreview</name>
    <message>
        <source>Print preview: %1</source>
        <translation>Xem trước khi in: %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Cell details used in document headers, and how the app looks.</source>
        <translation>Thông tin chi bộ dùng ở đầu văn bản, và cách hiển thị của chương trình.</translation>
    </message>
    <message>
        <source>Save cell details</source>
        <translation>Lưu thông tin chi bộ</translation>
    </message>
    <message>
        <source>Cell details</source>
        <translation>Thông tin chi bộ</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Hiển thị</translation>
    </message>
    <message>
        <source>Large text (about 125%)</source>
        <translation>Chữ lớn (khoảng 125%)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Ngôn ngữ:</translation>
    </message>
    <message>
        <source>A change of language takes effect when the app is next started.</source>
        <translation>Đổi ngôn ngữ có hiệu lực từ lần mở chương trình sau.</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Sinh hoạt chi bộ</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>Save the minutes being typed at least every:</source>
        <translation>Tự động lưu biên bản đang ghi ít nhất mỗi:</translation>
    </message>
    <message>
        <source>2 seconds is recommended: if the computer loses power, at most the last few words are lost.</source>
        <translation>Nên để 2 giây: nếu máy tính mất điện, chỉ có thể mất vài chữ vừa gõ.</translation>
    </message>
    <message>
        <source>Rules in force today</source>
        <translation>Các quy định đang áp dụng</translation>
    </message>
    <message>
        <source>The app applies the rule in force on the day in question (the meeting day, the admission date…). This list is read-only.</source>
        <translation>Ứng dụng áp dụng quy định có hiệu lực vào ngày cần xét (ngày họp, ngày kết nạp…). Danh sách này chỉ để xem.</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Quy định</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>Hiệu lực từ</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Count holidays not yet confirmed as days off when computing deadlines</source>
        <translation>Tính cả ngày nghỉ lễ chưa được xác nhận khi tính thời hạn</translation>
    </message>
    <message>
        <source>Off by default: without them a deadline falls earlier, which is the safe side.</source>
        <translation>Mặc định không tính: khi đó thời hạn sớm hơn, an toàn hơn.</translation>
    </message>
    <message>
        <source>Demo cell</source>
        <translation>Chi bộ mẫu</translation>
    </message>
    <message>
        <source>You are looking at the demo cell (made-up data). When you are ready, leave it to set up your own cell. The demo data is moved aside into a folder next to it, not deleted.</source>
        <translation>Đồng chí đang xem chi bộ mẫu (dữ liệu giả). Khi sẵn sàng, hãy thoát chi bộ mẫu để thiết lập chi bộ của mình. Dữ liệu mẫu được chuyển sang một thư mục bên cạnh, không bị xóa.</translation>
    </message>
    <message>
        <source>Leave the demo cell…</source>
        <translation>Thoát chi bộ mẫu…</translation>
    </message>
    <message>
        <source>Leave the demo cell</source>
        <translation>Thoát chi bộ mẫu</translation>
    </message>
    <message>
        <source>Leave the demo cell?

The app closes and opens again at the first-start set-up, where you enter your own cell. The demo data is kept in a folder beside the data, never deleted.</source>
        <translation>Thoát chi bộ mẫu?

Chương trình sẽ đóng rồi mở lại ở bước thiết lập lần đầu, để đồng chí nhập chi bộ của mình. Dữ liệu mẫu được giữ trong một thư mục bên cạnh, không bao giờ bị xóa.</translation>
    </message>
    <message>
        <source>each year</source>
        <translation>theo từng năm</translation>
    </message>
    <message>
        <source>Could not save settings</source>
        <translation>Không lưu được cài đặt</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Sổ tay Bí thư — first-time set-up</source>
        <translation>Sổ tay Bí thư — thiết lập ban đầu</translation>
    </message>
    <message>
        <source>Creating the demo cell…</source>
        <translation>Đang tạo chi bộ mẫu…</translation>
    </message>
    <message>
        <source>Could not create the demo cell</source>
        <translation>Không tạo được chi bộ mẫu</translation>
    </message>
    <message>
        <source>Fill in the server address, the user name and the password.</source>
        <translation>Hãy điền địa chỉ máy chủ, tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>Logging in and receiving the cell&apos;s data…</source>
        <translation>Đang đăng nhập và nhận dữ liệu chi bộ…</translation>
    </message>
    <message>
        <source>Receiving the cell from the server…</source>
        <translation>Đang nhận chi bộ từ máy chủ…</translation>
    </message>
    <message>
        <source>Received %1 records. This computer is ready.</source>
        <translation>Đã nhận %1 bản ghi. Máy này đã sẵn sàng.</translation>
    </message>
</context>
<context>
    <name>_CellPage</name>
    <message>
        <source>Your cell</source>
        <translation>Chi bộ của bạn</translation>
    </message>
    <message>
        <source>These names appear in the header of every document, exactly as written here.</source>
        <translation>Các tên này xuất hiện ở đầu mọi văn bản, đúng như bạn ghi ở đây.</translation>
    </message>
</context>
<context>
    <name>_ChoicePage</name>
    <message>
        <source>Welcome to Sổ tay Bí thư</source>
        <translation>Chào mừng đến với Sổ tay Bí thư</translation>
    </message>
    <message>
        <source>This is the first start. How would you like to begin?</source>
        <translation>Đây là lần đầu mở chương trình. Bạn muốn bắt đầu thế nào?</translation>
    </message>
    <message>
        <source>New cell: set up my cell (takes a minute)</source>
        <translation>Chi bộ mới: thiết lập chi bộ của tôi (mất khoảng một phút)</translation>
    </message>
    <message>
        <source>From the server: receive my cell from the upper committee&apos;s sync server (an account is needed)</source>
        <translation>Từ máy chủ: nhận chi bộ của tôi từ máy chủ đồng bộ của cấp ủy cấp trên (cần có tài khoản)</translation>
    </message>
    <message>
        <source>Demo cell: look around first</source>
        <translation>Chi bộ mẫu: xem thử trước</translation>
    </message>
    <message>
        <source>You can change every detail later in Settings.</source>
        <translation>Bạn có thể sửa mọi thông tin sau, ở trang Cài đặt.</translation>
    </message>
</context>
<context>
    <name>_ServerPage</name>
    <message>
        <source>Receive the cell from the server</source>
        <translation>Nhận chi bộ từ máy chủ</translation>
    </message>
    <message>
        <source>Use the address and the account the upper committee gave you. The cell&apos;s details and all its records are copied to this computer.</source>
        <translation>Dùng địa chỉ và tài khoản do cấp ủy cấp trên cung cấp. Thông tin chi bộ và mọi bản ghi sẽ được chép về máy này.</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Địa chỉ máy chủ:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Tên đăng nhập:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Could not complete</source>
        <translation>Không thực hiện được</translation>
    </message>
</context>
</TS>
