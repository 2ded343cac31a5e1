<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
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
    <name>SyncPage</name>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>%1 change(s) not yet synced</source>
        <translation>%1 thay đổi chưa đồng bộ</translation>
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
        <source>Account and state</source>
        <translation>Tài khoản và tình trạng</translation>
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
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Conflicts to resolve</source>
        <translation>Xung đột cần giải quyết</translation>
    </message>
    <message>
        <source>Changes the server refused</source>
        <translation>Thay đổi bị máy chủ từ chối</translation>
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
        <source>Logging in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Đã đăng nhập</translation>
    </message>
    <message>
        <source>Logged in; this computer syncs the cell &quot;%1&quot;.</source>
        <translation>Đã đăng nhập; máy này đồng bộ dữ liệu của &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Syncing with the server…</source>
        <translation>Đang đồng bộ với máy chủ…</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Đồng bộ xong</translation>
    </message>
</context>
</TS>
