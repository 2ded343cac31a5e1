<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AttendanceStep</name>
    <message>
        <source>Member</source>
        <translation>Đảng viên</translation>
    </message>
    <message>
        <source>Standing on the day</source>
        <translation>Tư cách vào ngày họp</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>Tư cách</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do vắng</translation>
    </message>
    <message>
        <source>Reason for absence</source>
        <translation>Lý do vắng mặt</translation>
    </message>
    <message>
        <source>Absence approved by the cell committee</source>
        <translation>Chi ủy chấp thuận lý do vắng</translation>
    </message>
    <message>
        <source>Appr.</source>
        <comment>short for approved</comment>
        <translation>Duyệt</translation>
    </message>
    <message>
        <source>Mark the others present</source>
        <translation>Những người còn lại có mặt</translation>
    </message>
    <message>
        <source>Everyone on the roll not yet marked is marked present (not exempt members: mark them if they came).</source>
        <translation>Ghi có mặt cho mọi người trong danh sách chưa được điểm danh (trừ đảng viên miễn sinh hoạt: nếu đến dự thì điểm danh riêng).</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <source>Set chair and recorder</source>
        <translation>Lưu chủ trì và thư ký</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Đại biểu dự</translation>
    </message>
    <message>
        <source>Guest&apos;s name</source>
        <translation>Họ tên đại biểu</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Add guest</source>
        <translation>Thêm đại biểu</translation>
    </message>
    <message>
        <source>Not marked</source>
        <translation>Chưa điểm danh</translation>
    </message>
    <message>
        <source>Exempt from activities</source>
        <translation>Miễn sinh hoạt</translation>
    </message>
    <message>
        <source>Members: %1 (official %2, probationary %3); exempt %4; temporarily transferred out %5.
Present: %6 (official %7, probationary %8). Absent with reason: %9; without reason: %10. Not marked: %12.
Vote base: %11</source>
        <translation>Tổng số đảng viên: %1 (chính thức %2, dự bị %3); miễn sinh hoạt %4; chuyển sinh hoạt tạm thời đi %5.
Có mặt: %6 (chính thức %7, dự bị %8). Vắng có lý do: %9; không lý do: %10. Chưa điểm danh: %12.
Tổng số biểu quyết: %11</translation>
    </message>
    <message>
        <source>Not on the roll this day: %1</source>
        <translation>Không điểm danh tại chi bộ ngày này: %1</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(chọn)</translation>
    </message>
</context>
<context>
    <name>FinishStep</name>
    <message>
        <source>Finalise minutes and resolution</source>
        <translation>Hoàn tất biên bản và nghị quyết</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Chương trình sinh hoạt</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Biên bản</translation>
    </message>
    <message>
        <source>Extract of minutes</source>
        <translation>Trích biên bản</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Nghị quyết</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Minutes book of the term (PDF)</source>
        <translation>Sổ biên bản cả nhiệm kỳ (PDF)</translation>
    </message>
    <message>
        <source>Correction after finalisation (kept as a separate amendment):</source>
        <translation>Sửa sau khi hoàn tất (lưu thành biên bản bổ sung riêng):</translation>
    </message>
    <message>
        <source>Record amendment</source>
        <translation>Lập biên bản bổ sung</translation>
    </message>
    <message>
        <source>Amendments: %1</source>
        <translation>Biên bản bổ sung: %1</translation>
    </message>
    <message>
        <source>Not finalised yet: everything typed is saved as you go.</source>
        <translation>Chưa hoàn tất: mọi nội dung đã gõ được tự động lưu ngay.</translation>
    </message>
    <message>
        <source>Check of the record: no contradictions found.</source>
        <translation>Kiểm tra hồ sơ kỳ sinh hoạt: không thấy mâu thuẫn.</translation>
    </message>
    <message>
        <source>Check of the record: %1 to fix before finalising, %2 to look at.</source>
        <translation>Kiểm tra hồ sơ kỳ sinh hoạt: %1 điểm phải sửa trước khi hoàn tất, %2 điểm cần xem lại.</translation>
    </message>
    <message>
        <source>Must fix:</source>
        <translation>Phải sửa:</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>Cần xem lại:</translation>
    </message>
    <message>
        <source>Open to fix</source>
        <translation>Mở để sửa</translation>
    </message>
    <message>
        <source>Not finalised: fix what the check found first.</source>
        <translation>Chưa hoàn tất: hãy sửa những điểm kiểm tra đã nêu trước.</translation>
    </message>
    <message>
        <source>Finalised. Minutes hash: %1</source>
        <translation>Đã hoàn tất. Mã kiểm tra biên bản: %1</translation>
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
        <source>Finalised on %1: it cannot be edited. To correct it, write an amendment below.</source>
        <translation>Đã hoàn tất ngày %1, không sửa được; muốn sửa, hãy lập biên bản bổ sung ở dưới.</translation>
    </message>
    <message>
        <source>Amendment recorded; it cites the original minutes.</source>
        <translation>Đã lưu biên bản bổ sung; biên bản này dẫn chiếu biên bản gốc.</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Đang xuất văn bản…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>Đang chuẩn bị văn bản…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Opened the PDF; print it from your PDF reader.</source>
        <translation>Đã mở tệp PDF; hãy in từ chương trình đọc PDF.</translation>
    </message>
</context>
<context>
    <name>MeetingWorkspace</name>
    <message>
        <source>← All meetings</source>
        <translation>← Danh sách kỳ sinh hoạt</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Cell meetings</source>
        <translation>Sinh hoạt chi bộ</translation>
    </message>
    <message>
        <source>Each meeting goes through its steps: preparation, attendance, minutes, resolution, finalise.</source>
        <translation>Mỗi kỳ sinh hoạt đi qua các bước: chuẩn bị, điểm danh, biên bản, nghị quyết, hoàn tất.</translation>
    </message>
    <message>
        <source>Plan a meeting</source>
        <translation>Lập kế hoạch sinh hoạt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Delete meeting</source>
        <translation>Xóa kỳ sinh hoạt</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Kỳ sinh hoạt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <source>Delete the selected meeting (Del). Only a meeting that has not been held can be deleted.</source>
        <translation>Xóa kỳ sinh hoạt đang chọn (Del). Chỉ xóa được kỳ sinh hoạt chưa diễn ra.</translation>
    </message>
    <message>
        <source>This meeting has been held: its attendance, minutes and resolutions are the cell&apos;s records and cannot be deleted.</source>
        <translation>Kỳ họp này đã diễn ra: điểm danh, biên bản và nghị quyết là hồ sơ của chi bộ nên không xóa được.</translation>
    </message>
    <message>
        <source>Delete the meeting “%1” planned for %2, with its agenda?

You can bring it back with Undo (Ctrl+Z).</source>
        <translation>Xóa kỳ sinh hoạt «%1» dự kiến ngày %2, cùng chương trình họp?

Có thể lấy lại bằng Hoàn tác (Ctrl+Z).</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>delete %1</source>
        <translation>xóa %1</translation>
    </message>
</context>
<context>
    <name>MinutesEditor</name>
    <message>
        <source>Presenter</source>
        <translation>Người trình bày</translation>
    </message>
    <message>
        <source>Gist</source>
        <translation>Tóm tắt nội dung</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Người phát biểu</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Speaker&apos;s name</source>
        <translation>Họ tên người phát biểu</translation>
    </message>
    <message>
        <source>Their opinion — Enter adds the next speaker</source>
        <translation>Ý kiến phát biểu — nhấn Enter để thêm người tiếp theo</translation>
    </message>
    <message>
        <source>Chair&apos;s conclusion</source>
        <translation>Kết luận của chủ trì</translation>
    </message>
    <message>
        <source>Tasks assigned (what, who, deadline dd/mm/yyyy):</source>
        <translation>Nhiệm vụ được giao (việc gì, ai phụ trách, hạn ngày/tháng/năm):</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Người phụ trách</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Hạn hoàn thành</translation>
    </message>
    <message>
        <source>Finalised: read-only.</source>
        <translation>Đã hoàn tất: chỉ xem, không sửa được.</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Đã lưu lúc %1</translation>
    </message>
</context>
<context>
    <name>NamedVoteDialog</name>
    <message>
        <source>Record the vote by name</source>
        <translation>Ghi biểu quyết theo từng người</translation>
    </message>
    <message>
        <source>Probationary members do not vote, so they are not listed (%1 present).</source>
        <translation>Đảng viên dự bị không biểu quyết nên không có trong danh sách (%1 đồng chí dự bị có mặt).</translation>
    </message>
    <message>
        <source>All in favour</source>
        <translation>Tất cả tán thành</translation>
    </message>
    <message>
        <source>Mark everyone “In favour”, then change the few who voted otherwise.</source>
        <translation>Đánh dấu tất cả “Tán thành”, rồi sửa những đồng chí biểu quyết khác.</translation>
    </message>
    <message>
        <source>In favour</source>
        <translation>Tán thành</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>Không tán thành</translation>
    </message>
    <message>
        <source>Other opinion</source>
        <translation>Ý kiến khác</translation>
    </message>
    <message>
        <source>Save the vote</source>
        <translation>Lưu biểu quyết</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>No official member is marked present, so nobody can vote. Check the attendance (step 2).</source>
        <translation>Chưa có đảng viên chính thức nào được ghi có mặt nên không ai biểu quyết được. Hãy xem lại bước 2. Điểm danh.</translation>
    </message>
    <message>
        <source>In favour %1 · Against %2 · Other opinion %3 · not chosen yet %4</source>
        <translation>Tán thành %1 · Không tán thành %2 · Ý kiến khác %3 · Chưa chọn %4</translation>
    </message>
    <message>
        <source>The vote base is 0: nothing can pass.</source>
        <translation>Tổng số đảng viên biểu quyết là 0: không nội dung nào được thông qua.</translation>
    </message>
    <message>
        <source>At least %1 votes in favour are needed (vote base %2).</source>
        <translation>Để thông qua cần ít nhất %1 phiếu tán thành (trên %2 đảng viên được tính để biểu quyết).</translation>
    </message>
    <message>
        <source>Choose a ballot for: %1.</source>
        <translation>Hãy chọn phiếu cho: %1.</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan a meeting</source>
        <translation>Lập kế hoạch sinh hoạt</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Ngày giờ họp</translation>
    </message>
    <message>
        <source>Planned duration</source>
        <translation>Thời lượng dự kiến</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
</context>
<context>
    <name>PrepareStep</name>
    <message>
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tên kỳ sinh hoạt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Ngày giờ họp</translation>
    </message>
    <message>
        <source>Planned duration</source>
        <translation>Thời lượng dự kiến</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Agenda (one item per line, in order):</source>
        <translation>Chương trình sinh hoạt (mỗi dòng một nội dung, theo thứ tự):</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save agenda as my preset</source>
        <translation>Lưu chương trình này làm mẫu của chi bộ</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Trạng thái: %1</translation>
    </message>
    <message>
        <source>Announce to members</source>
        <translation>Thông báo cho đảng viên</translation>
    </message>
    <message>
        <source>Meeting held</source>
        <translation>Đã họp xong</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Đã họp</translation>
    </message>
    <message>
        <source>Preset saved: %1</source>
        <translation>Đã lưu chương trình mẫu: %1</translation>
    </message>
</context>
<context>
    <name>ResolutionStep</name>
    <message>
        <source>Votes</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Nội dung biểu quyết</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>Thuộc nội dung</translation>
    </message>
    <message>
        <source>The candidate or probationary member this vote is about.</source>
        <translation>Quần chúng hoặc đảng viên dự bị được biểu quyết.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Người được xét</translation>
    </message>
    <message>
        <source>Count the ballots</source>
        <translation>Đếm số phiếu</translation>
    </message>
    <message>
        <source>Record each member</source>
        <translation>Ghi theo từng người</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Cách ghi</translation>
    </message>
    <message>
        <source>Secret ballot</source>
        <translation>Bỏ phiếu kín</translation>
    </message>
    <message>
        <source>A secret ballot has no names: enter the counted ballots.</source>
        <translation>Bỏ phiếu kín thì phiếu không ghi tên: hãy nhập số phiếu đã kiểm.</translation>
    </message>
    <message>
        <source>In favour</source>
        <translation>Tán thành</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>Không tán thành</translation>
    </message>
    <message>
        <source>Other opinion</source>
        <translation>Ý kiến khác</translation>
    </message>
    <message>
        <source>Record vote</source>
        <translation>Ghi kết quả biểu quyết</translation>
    </message>
    <message>
        <source>Delete vote</source>
        <translation>Xóa biểu quyết</translation>
    </message>
    <message>
        <source>Delete the selected vote, recorded by mistake (Del).</source>
        <translation>Xóa lần biểu quyết đang chọn, nếu đã ghi nhầm (phím Del).</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Bring back the vote just deleted (Ctrl+Z).</source>
        <translation>Lấy lại lần biểu quyết vừa xóa (Ctrl+Z).</translation>
    </message>
    <message>
        <source>Resolution (NQ)</source>
        <translation>Nghị quyết (NQ)</translation>
    </message>
    <message>
        <source>Conclusion (KL)</source>
        <translation>Kết luận (KL)</translation>
    </message>
    <message>
        <source>Draft from the minutes</source>
        <translation>Soạn dự thảo từ biên bản</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Signed T/M CHI BỘ by</source>
        <translation>Người ký T/M CHI BỘ</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Save resolution</source>
        <translation>Lưu nghị quyết</translation>
    </message>
    <message>
        <source>Give it a number</source>
        <translation>Cấp số văn bản</translation>
    </message>
    <message>
        <source>Vote base: %1; official members present and voting: %2</source>
        <translation>Số đảng viên được tính để biểu quyết: %1; đảng viên chính thức có mặt có quyền biểu quyết: %2</translation>
    </message>
    <message>
        <source>(no one chosen)</source>
        <translation>(chưa chọn)</translation>
    </message>
    <message>
        <source>(by name)</source>
        <translation>(ghi theo từng người)</translation>
    </message>
    <message>
        <source>Record vote by name…</source>
        <translation>Ghi biểu quyết theo từng người…</translation>
    </message>
    <message>
        <source>not drafted yet</source>
        <translation>chưa soạn</translation>
    </message>
    <message>
        <source>not numbered yet</source>
        <translation>chưa cấp số</translation>
    </message>
    <message>
        <source>Write what is being voted on first.</source>
        <translation>Hãy ghi nội dung được biểu quyết trước.</translation>
    </message>
    <message>
        <source>Delete the vote “%1” (%2)?

You can bring it back with Undo (Ctrl+Z).</source>
        <translation>Xóa lần biểu quyết “%1” (%2)?

Có thể lấy lại bằng Hoàn tác (Ctrl+Z).</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Don&apos;t delete</source>
        <translation>Không xóa</translation>
    </message>
    <message>
        <source>delete vote %1</source>
        <translation>xóa biểu quyết %1</translation>
    </message>
    <message>
        <source>Vote deleted. Undo (Ctrl+Z) brings it back.</source>
        <translation>Đã xóa lần biểu quyết. Bấm Hoàn tác (Ctrl+Z) để lấy lại.</translation>
    </message>
    <message>
        <source>Drafted from the minutes; read it through and edit before numbering.</source>
        <translation>Đã soạn dự thảo từ biên bản; hãy đọc lại và sửa trước khi cấp số.</translation>
    </message>
    <message>
        <source>Draft the resolution first.</source>
        <translation>Hãy soạn dự thảo nghị quyết trước.</translation>
    </message>
    <message>
        <source>Numbered %1 in the register.</source>
        <translation>Đã cấp số %1 trong sổ đăng ký văn bản.</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>1. Preparation</source>
        <translation>1. Chuẩn bị</translation>
    </message>
    <message>
        <source>2. Attendance</source>
        <translation>2. Điểm danh</translation>
    </message>
    <message>
        <source>3. Minutes</source>
        <translation>3. Biên bản</translation>
    </message>
    <message>
        <source>4. Resolution</source>
        <translation>4. Nghị quyết</translation>
    </message>
    <message>
        <source>5. Finalise</source>
        <translation>5. Hoàn tất</translation>
    </message>
</context>
</TS>
