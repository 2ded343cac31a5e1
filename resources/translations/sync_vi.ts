<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>EditValueDialog</name>
    <message>
        <source>Edit the value</source>
        <translation>Sửa giá trị</translation>
    </message>
    <message>
        <source>Edit %1, then save. It starts from the other computer&apos;s value; the server holds: “%2”.</source>
        <translation>Sửa %1 rồi bấm Lưu. Ô dưới đây đã điền sẵn giá trị của máy kia; trên máy chủ đang là: “%2”.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to the sync server</source>
        <translation>Đăng nhập máy chủ đồng bộ</translation>
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
    <message>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change the password</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>Mật khẩu hiện tại:</translation>
    </message>
    <message>
        <source>New password (12 characters or more):</source>
        <translation>Mật khẩu mới (từ 12 ký tự trở lên):</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>Nhập lại mật khẩu mới:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Đổi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>Offline – will retry at %1</source>
        <translation>Ngoại tuyến – sẽ thử lại lúc %1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <source>Log in again to sync</source>
        <translation>Cần đăng nhập lại để đồng bộ</translation>
    </message>
    <message>
        <source>Server certificate refused</source>
        <translation>Chứng chỉ máy chủ bị từ chối</translation>
    </message>
    <message>
        <source>Update needed to sync</source>
        <translation>Cần cập nhật để đồng bộ</translation>
    </message>
    <message>
        <source>Sync failed – see the Sync page</source>
        <translation>Đồng bộ chưa được – xem trang Đồng bộ</translation>
    </message>
    <message>
        <source>%1 change(s) not yet sent</source>
        <translation>%1 thay đổi chưa gửi</translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>Đã đồng bộ lúc %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Chưa đồng bộ lần nào</translation>
    </message>
    <message>
        <source>%1 conflict(s) to resolve</source>
        <translation>%1 xung đột cần giải quyết</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>Keep this computer and the upper committee&apos;s server in step. The app works fully without a server.</source>
        <translation>Giữ dữ liệu trên máy này khớp với máy chủ của cấp ủy cấp trên. Ứng dụng vẫn làm việc đầy đủ khi không có máy chủ.</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>Đăng nhập…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <source>Stop syncing</source>
        <translation>Dừng đồng bộ</translation>
    </message>
    <message>
        <source>Account and state</source>
        <translation>Tài khoản và tình trạng</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Forget this computer</source>
        <translation>Quên máy này</translation>
    </message>
    <message>
        <source>Removes the session and the server&apos;s address from this computer; the data stays.</source>
        <translation>Xóa phiên đăng nhập và địa chỉ máy chủ khỏi máy này; dữ liệu vẫn giữ nguyên.</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Đổi mật khẩu…</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Tài khoản:</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Lần đồng bộ gần nhất:</translation>
    </message>
    <message>
        <source>Not yet sent:</source>
        <translation>Chưa gửi:</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Also a few seconds after each change, and at once with F5.</source>
        <translation>Ngoài ra còn đồng bộ vài giây sau mỗi thay đổi, và ngay lập tức khi bấm F5.</translation>
    </message>
    <message>
        <source>Sync automatically every:</source>
        <translation>Tự động đồng bộ mỗi:</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>Kept on the server</source>
        <translation>Giữ trên máy chủ</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>Giá trị khác</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Your content</source>
        <translation>Nội dung của bạn</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Conflicts to resolve</source>
        <translation>Xung đột cần giải quyết</translation>
    </message>
    <message>
        <source>No conflicts. When both computers change the same thing before syncing, both values wait here for you to choose.</source>
        <translation>Không có xung đột. Khi hai máy cùng sửa một nội dung trước khi đồng bộ, cả hai giá trị sẽ chờ ở đây để bạn chọn.</translation>
    </message>
    <message>
        <source>Changes the server refused</source>
        <translation>Thay đổi bị máy chủ từ chối</translation>
    </message>
    <message>
        <source>No refused changes. A refused change keeps your text here to copy; nothing leaves this list by itself.</source>
        <translation>Không có thay đổi nào bị từ chối. Thay đổi bị từ chối sẽ giữ nội dung của bạn ở đây để sao chép, không tự biến mất.</translation>
    </message>
    <message>
        <source>Copy the content</source>
        <translation>Sao chép nội dung</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Keep the server&apos;s value</source>
        <translation>Giữ giá trị trên máy chủ</translation>
    </message>
    <message>
        <source>Use this computer&apos;s value</source>
        <translation>Dùng giá trị của máy này</translation>
    </message>
    <message>
        <source>Edit and save…</source>
        <translation>Sửa rồi lưu…</translation>
    </message>
    <message>
        <source>Not logged in. This computer works offline.</source>
        <translation>Chưa đăng nhập. Máy này đang làm việc ngoại tuyến.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa lần nào</translation>
    </message>
    <message>
        <source>%1 change(s)</source>
        <translation>%1 thay đổi</translation>
    </message>
    <message>
        <source>Conflicts to resolve (%1)</source>
        <translation>Xung đột cần giải quyết (%1)</translation>
    </message>
    <message>
        <source>Sent from this computer</source>
        <translation>Gửi từ máy này</translation>
    </message>
    <message>
        <source>Sent from another computer (%1)</source>
        <translation>Gửi từ máy khác (%1)</translation>
    </message>
    <message>
        <source>Use the other computer&apos;s value</source>
        <translation>Dùng giá trị của máy kia</translation>
    </message>
    <message>
        <source>Keep the record</source>
        <translation>Giữ lại bản ghi</translation>
    </message>
    <message>
        <source>Delete the record</source>
        <translation>Xóa bản ghi</translation>
    </message>
    <message>
        <source>Leave it deleted</source>
        <translation>Để nguyên là đã xóa</translation>
    </message>
    <message>
        <source>Restore it with the edit</source>
        <translation>Khôi phục kèm phần đã sửa</translation>
    </message>
    <message>
        <source>Delete %1 on every computer?</source>
        <translation>Xóa %1 trên mọi máy?</translation>
    </message>
    <message>
        <source>Keep %1 with the edit, and drop the deletion?</source>
        <translation>Giữ lại %1 với phần đã sửa, bỏ việc xóa?</translation>
    </message>
    <message>
        <source>Restore %1 with the edit?</source>
        <translation>Khôi phục %1 kèm phần đã sửa?</translation>
    </message>
    <message>
        <source>Leave %1 deleted, and drop the edit?</source>
        <translation>Để %1 ở trạng thái đã xóa, bỏ phần đã sửa?</translation>
    </message>
    <message>
        <source>Use “%1” for %2 of %3?</source>
        <translation>Dùng “%1” cho %2 của %3?</translation>
    </message>
    <message>
        <source>The same choice applies to the other fields of this change: %1.</source>
        <translation>Lựa chọn này cũng áp dụng cho các mục khác của cùng lần sửa: %1.</translation>
    </message>
    <message>
        <source>The other fields of this change keep the server&apos;s value.</source>
        <translation>Các mục khác của cùng lần sửa giữ giá trị trên máy chủ.</translation>
    </message>
    <message>
        <source>Resolve the conflict</source>
        <translation>Giải quyết xung đột</translation>
    </message>
    <message>
        <source>The decision goes to the server at the next sync; then every computer shows the same.</source>
        <translation>Quyết định được gửi lên máy chủ ở lần đồng bộ tới; sau đó mọi máy đều hiện cùng một giá trị.</translation>
    </message>
    <message>
        <source>Yes, save the decision</source>
        <translation>Có, lưu quyết định</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Saving the decision…</source>
        <translation>Đang lưu quyết định…</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so the session lasts until the app is closed: the password is asked again at the next start.</source>
        <translation>Máy này không có kho mật khẩu của hệ điều hành, nên phiên đăng nhập chỉ kéo dài đến khi đóng chương trình: lần mở sau sẽ hỏi lại mật khẩu.</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Đã đăng nhập</translation>
    </message>
    <message>
        <source>Logging out…</source>
        <translation>Đang đăng xuất…</translation>
    </message>
    <message>
        <source>Remove the session and the server&apos;s address from this computer? The cell&apos;s data and the changes not yet sent stay here; log in again to send them.</source>
        <translation>Xóa phiên đăng nhập và địa chỉ máy chủ khỏi máy này? Dữ liệu chi bộ và các thay đổi chưa gửi vẫn ở lại máy; đăng nhập lại để gửi chúng.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>The two new passwords differ; nothing was changed. Try again.</source>
        <translation>Hai lần nhập mật khẩu mới không giống nhau; chưa có gì thay đổi. Hãy nhập lại.</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Đã đổi mật khẩu</translation>
    </message>
    <message>
        <source>Password changed. The account&apos;s other computers must log in with the new password.</source>
        <translation>Đã đổi mật khẩu. Các máy khác dùng tài khoản này phải đăng nhập lại bằng mật khẩu mới.</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Đang đổi mật khẩu…</translation>
    </message>
    <message>
        <source>Dismiss the refused change</source>
        <translation>Bỏ qua thay đổi bị từ chối</translation>
    </message>
    <message>
        <source>Dismiss this refused change? Copy its content first if you still need it.</source>
        <translation>Bỏ qua thay đổi bị từ chối này? Nếu còn cần, hãy sao chép nội dung trước.</translation>
    </message>
    <message>
        <source>Logged in; this computer syncs the cell &quot;%1&quot;.</source>
        <translation>Đã đăng nhập; máy này đồng bộ dữ liệu của &quot;%1&quot;.</translation>
    </message>
</context>
</TS>
