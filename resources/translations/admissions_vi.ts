<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AdmissionsPage</name>
    <message>
        <source>Member development</source>
        <translation>Phát triển đảng viên</translation>
    </message>
    <message>
        <source>Candidates for admission and probationary members: the next step and its deadline, soonest first. The cell&apos;s votes are recorded in the meeting.</source>
        <translation>Quần chúng ưu tú và đảng viên dự bị: bước tiếp theo và thời hạn, sớm nhất trước. Chi bộ biểu quyết trong kỳ sinh hoạt.</translation>
    </message>
    <message>
        <source>Add candidate</source>
        <translation>Thêm quần chúng</translation>
    </message>
    <message>
        <source>Record a step</source>
        <translation>Ghi một bước</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>Sửa thông tin</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Đã xong</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa đến</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Bước tiếp theo</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Not due yet</source>
        <translation>Chưa đến hạn</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Người</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>No one is in the admission pipeline yet. Press “Add candidate” for a person the cell helps towards admission; probationary members appear here once their ceremony is recorded.</source>
        <translation>Chưa có ai trong danh sách phát triển đảng viên. Bấm “Thêm quần chúng” để ghi người được chi bộ giúp đỡ phấn đấu vào Đảng; đảng viên dự bị hiện ở đây khi đã ghi lễ kết nạp.</translation>
    </message>
    <message>
        <source>add %1</source>
        <translation>thêm %1</translation>
    </message>
    <message>
        <source>Exporting the document…</source>
        <translation>Đang xuất văn bản…</translation>
    </message>
    <message>
        <source>record %1</source>
        <translation>ghi %1</translation>
    </message>
    <message>
        <source>Select a person to see their timeline.</source>
        <translation>Chọn một người để xem các bước của người đó.</translation>
    </message>
    <message>
        <source>Born %1</source>
        <translation>Sinh ngày %1</translation>
    </message>
    <message>
        <source>Helped by comrade %1</source>
        <translation>Đảng viên giúp đỡ: đồng chí %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>hạn %1</translation>
    </message>
    <message>
        <source>Deadline %1</source>
        <translation>Thời hạn %1</translation>
    </message>
    <message>
        <source>The cell cannot vote yet:</source>
        <translation>Chi bộ chưa thể biểu quyết:</translation>
    </message>
    <message>
        <source>Resolution proposing admission</source>
        <translation>Nghị quyết đề nghị kết nạp</translation>
    </message>
    <message>
        <source>Extract of the minutes (admission)</source>
        <translation>Trích biên bản xét kết nạp</translation>
    </message>
    <message>
        <source>Resolution proposing recognition as official</source>
        <translation>Nghị quyết đề nghị công nhận đảng viên chính thức</translation>
    </message>
    <message>
        <source>Extract of the minutes (recognition)</source>
        <translation>Trích biên bản xét công nhận chính thức</translation>
    </message>
    <message>
        <source>Dossier checklist</source>
        <translation>Danh mục hồ sơ</translation>
    </message>
    <message>
        <source>Export the document</source>
        <translation>Xuất văn bản</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Word (*.docx)</source>
        <translation>PDF (*.pdf);;Word (*.docx)</translation>
    </message>
</context>
<context>
    <name>CandidateDialog</name>
    <message>
        <source>Candidate for admission</source>
        <translation>Quần chúng ưu tú</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>(not assigned yet)</source>
        <translation>(chưa phân công)</translation>
    </message>
    <message>
        <source>Two official members introduce</source>
        <translation>Hai đảng viên chính thức giới thiệu</translation>
    </message>
    <message>
        <source>Under 30, a Youth Union exists: its executive committee + one member</source>
        <translation>Dưới 30 tuổi, có tổ chức Đoàn: BCH Đoàn cơ sở + một đảng viên</translation>
    </message>
    <message>
        <source>Under 30, no Youth Union: the trade union executive + one member</source>
        <translation>Dưới 30 tuổi, không có Đoàn: BCH Công đoàn cơ sở + một đảng viên</translation>
    </message>
    <message>
        <source>+30 working days for the decision</source>
        <translation>thêm 30 ngày làm việc để ra quyết định</translation>
    </message>
    <message>
        <source>Special case</source>
        <translation>Trường hợp đặc biệt</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
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
        <source>Occupation</source>
        <translation>Nghề nghiệp</translation>
    </message>
    <message>
        <source>Member helping them</source>
        <translation>Đảng viên giúp đỡ</translation>
    </message>
    <message>
        <source>Introducers</source>
        <translation>Người giới thiệu</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Record a step</source>
        <translation>Ghi một bước</translation>
    </message>
    <message>
        <source>number and date of the document, e.g. 45-QĐ/ĐU</source>
        <translation>số và ngày văn bản, ví dụ 45-QĐ/ĐU</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>Introducer</source>
        <translation>Người giới thiệu</translation>
    </message>
    <message>
        <source>Together in the same unit since</source>
        <translation>Cùng công tác, học tập, cư trú từ ngày</translation>
    </message>
    <message>
        <source>Type the date of this step.</source>
        <translation>Hãy ghi ngày của bước này.</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
</TS>
