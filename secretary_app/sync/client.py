"""HTTP transport to the sync server: TLS rules, tokens, status codes → plain Vietnamese errors.

- ``https://`` is required unless the server is on this computer (loopback); certificates are always
  verified (no switch turns that off). Unknown CA, expired certificate and wrong host name each get
  their own message (sync-security §4 T1).
- The access token lives in memory; the refresh token in the OS keyring (``Credentials``). A 401 is
  answered by one refresh and one retry.
"""

from __future__ import annotations

import ipaddress
import ssl
import uuid
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from secretary_app.credentials import Credentials
from secretary_app.errors import UserError
from secretary_app.sync.health import SyncHealth
from secretary_app.sync.protocol import (
    PREFIX,
    AuditPushRequest,
    AuditPushResponse,
    ChangePasswordRequest,
    HelloRequest,
    HelloResponse,
    LoginRequest,
    NewDeviceRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ReconcileRequest,
    ReconcileResponse,
    RefreshRequest,
    TokenResponse,
)

M = TypeVar("M", bound=BaseModel)


class SyncError(UserError):
    """A sync step failed; nothing local was lost and the next sync retries."""

    health = SyncHealth.ERROR


class Offline(SyncError):
    health = SyncHealth.OFFLINE


class LoginRequired(SyncError):
    health = SyncHealth.AUTH_NEEDED


class UpgradeRequired(SyncError):
    health = SyncHealth.UPDATE_NEEDED


class CertificateProblem(SyncError):
    """The connection was refused over the server's certificate (expired, wrong name, not trusted)."""

    health = SyncHealth.CERTIFICATE


class AccountDisabledError(SyncError):
    health = SyncHealth.AUTH_NEEDED


def _error_code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", ""))
    except (ValueError, AttributeError):
        return ""


class ServerBusy(SyncError):
    """429/5xx: back off and send the same batch again."""


class TooLarge(SyncError):
    """413: the batch was refused unread."""


class DeviceReusedError(SyncError):
    """409 device_reused: another install uses this device id; this one must become a new device."""


class AuditRefusedError(SyncError):
    """409 on an audit entry: ``code`` is the protocol's AUDIT_* error, ``seq`` the entry refused,
    ``expected`` the number the server waits for (a gap)."""

    def __init__(self, code: str, seq: int, expected: int | None) -> None:
        super().__init__(f"Máy chủ không nhận mục nhật ký số {seq} ({code}).")
        self.code, self.seq, self.expected = code, seq, expected


class OutOfOrderError(SyncError):
    def __init__(self, expected: int) -> None:
        super().__init__(f"Máy chủ chờ thay đổi số {expected}.")
        self.expected = expected


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """Return the URL without a trailing slash, or say plainly why it cannot be used."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(f"Địa chỉ máy chủ \"{url}\" không hợp lệ. Ví dụ đúng: https://dongbo.dangbo.vn")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise SyncError("Máy chủ phải dùng kết nối bảo mật https:// (chỉ máy chủ chạy ngay trên máy này "
                        "mới được dùng http://).")
    return url.strip().rstrip("/")


def describe_tls_error(exc: BaseException, host: str) -> str | None:
    """A sentence for a certificate problem, or None if ``exc`` is not one."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, ssl.SSLCertVerificationError):
        cause = cause.__cause__ or cause.__context__
    text = str(cause or exc)
    code = getattr(cause, "verify_code", None)
    if code == 10 or "expired" in text:
        return (f"Chứng chỉ bảo mật của máy chủ {host} đã hết hạn. Hãy báo cho người quản trị máy chủ; "
                "trong lúc chờ, ứng dụng vẫn làm việc ngoại tuyến.")
    if code == 62 or "Hostname mismatch" in text or "doesn't match" in text:
        return (f"Chứng chỉ bảo mật không dành cho địa chỉ {host} (sai tên máy chủ). Hãy kiểm tra lại địa chỉ "
                "máy chủ đã nhập.")
    if code in (18, 19, 20, 21) or "self-signed" in text or "unable to get local issuer" in text:
        return (f"Chứng chỉ bảo mật của máy chủ {host} do một tổ chức không được tin cậy cấp. Không kết nối "
                "để bảo vệ dữ liệu; hãy hỏi người quản trị máy chủ.")
    if cause is not None:
        return f"Không xác minh được chứng chỉ bảo mật của máy chủ {host}: {text}"
    return None


def _parse(model: type[M], response: httpx.Response) -> M:
    """A cut or garbled answer is a network failure like any other: retry later, nothing lost."""
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise Offline("Dữ liệu nhận từ máy chủ bị cắt giữa chừng; lần đồng bộ sau sẽ nhận lại.") from exc


def refresh_key(server_url: str, username: str) -> str:
    return f"sync-refresh:{server_url}:{username}"


class SyncClient:
    def __init__(self, server_url: str, username: str = "", *, transport: httpx.BaseTransport | None = None,
                 credentials: Credentials | None = None, ca_file: str | None = None) -> None:
        self.server_url = check_server_url(server_url)
        self.username = username
        self.credentials = credentials or Credentials()
        self.host = urlsplit(self.server_url).hostname or ""
        # Always verifies. A given transport (the tests' in-process server) brings its own connection and
        # httpx never reads ``verify`` then: loading the system's CA store costs ~0.15 s per client.
        verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=ca_file) if transport is None else True
        self.http = httpx.Client(base_url=self.server_url, transport=transport, verify=verify,
                                 timeout=httpx.Timeout(60.0, connect=10.0), follow_redirects=False)
        self.access_token: str | None = None
        self.refresh_token: str | None = None  # kept only when the keyring cannot hold it

    def close(self) -> None:
        self.http.close()

    # --- auth ------------------------------------------------------------------------------
    def login(self, username: str, password: str, device_id: uuid.UUID | None, device_name: str = "") -> TokenResponse:
        body = LoginRequest(username=username, password=password, device_id=device_id, device_name=device_name)
        response = self._send("POST", f"{PREFIX}/auth/login", json=body.model_dump(mode="json"), auth=False)
        if response.status_code == 401:
            raise LoginRequired("Tên đăng nhập hoặc mật khẩu không đúng. Hãy gõ lại (chú ý bộ gõ tiếng Việt và phím "
                                "Caps Lock); nếu quên mật khẩu, hãy nhờ người quản trị máy chủ đặt lại.")
        if response.status_code == 403 and _error_code(response) == "account_disabled":
            raise AccountDisabledError("Tài khoản này đã bị khóa trên máy chủ. Dữ liệu trên máy vẫn giữ nguyên. Hãy "
                                       "liên hệ cấp ủy cấp trên (người quản trị máy chủ) để mở lại tài khoản.")
        if response.status_code == 429:
            raise SyncError(f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau "
                            f"{response.headers.get('Retry-After', '900')} giây.")
        self._check(response)
        tokens = _parse(TokenResponse, response)
        self.username = username
        self._keep(tokens)
        return tokens

    def _keep(self, tokens: TokenResponse) -> None:
        self.access_token = tokens.access_token
        if not self.credentials.set(refresh_key(self.server_url, self.username), tokens.refresh_token):
            self.refresh_token = tokens.refresh_token  # no keyring: this session only

    def refresh(self) -> None:
        token = self.refresh_token or self.credentials.get(refresh_key(self.server_url, self.username))
        if not token:
            raise LoginRequired("Chưa đăng nhập máy chủ đồng bộ. Hãy đăng nhập (secretary-app sync login).")
        response = self._send("POST", f"{PREFIX}/auth/refresh",
                              json=RefreshRequest(refresh_token=token).model_dump(), auth=False)
        if response.status_code == 401:
            self.credentials.delete(refresh_key(self.server_url, self.username))
            self.refresh_token = None
            raise LoginRequired("Phiên đăng nhập đã hết hạn hoặc bị thu hồi. Hãy đăng nhập lại.")
        self._check(response)
        self._keep(_parse(TokenResponse, response))

    def new_device(self, device_name: str) -> TokenResponse:
        """Register this install as a new device of the same account; its tokens replace the current ones."""
        response = self._request("POST", f"{PREFIX}/devices",
                                 json=NewDeviceRequest(device_name=device_name).model_dump())
        self._check(response)
        tokens = _parse(TokenResponse, response)
        self._keep(tokens)
        return tokens

    def change_password(self, current: str, new: str) -> None:
        """Change this account's password on the server; every session ends (log in again with ``new``)."""
        body = ChangePasswordRequest(current_password=current, new_password=new)
        response = self._request("POST", f"{PREFIX}/auth/password", json=body.model_dump())
        if response.status_code == 403 and _error_code(response) == "wrong_password":
            raise SyncError("Mật khẩu hiện tại không đúng; mật khẩu chưa được đổi. Hãy gõ lại.")
        if response.status_code == 422 and _error_code(response) == "weak_password":
            raise SyncError(f"Mật khẩu mới chưa đủ an toàn: {response.json().get('message', '')} Hãy chọn mật khẩu "
                            "khác (dài ít nhất 12 ký tự, không phải mật khẩu phổ biến).")
        if response.status_code == 429:
            raise SyncError("Nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau "
                            f"{response.headers.get('Retry-After', '900')} giây.")
        self._check(response)

    def logout(self) -> None:
        try:
            self._request("POST", f"{PREFIX}/auth/logout")
        finally:
            self.credentials.delete(refresh_key(self.server_url, self.username))
            self.access_token = self.refresh_token = None

    # --- protocol --------------------------------------------------------------------------
    def hello(self, body: HelloRequest) -> HelloResponse:
        response = self._request("POST", f"{PREFIX}/hello", json=body.model_dump(mode="json"))
        if response.status_code == 426:
            try:
                newest = int(response.json()["schema_range"][1])
            except (ValueError, KeyError, IndexError, TypeError):
                newest = body.schema_version
            if newest < body.schema_version:  # the server is the older one (e.g. knows no `resolve` yet)
                raise UpgradeRequired("Máy chủ đồng bộ đang chạy phiên bản cũ hơn ứng dụng này. Hãy báo cấp ủy "
                                      "cấp trên cập nhật máy chủ; dữ liệu trên máy vẫn được giữ và sẽ gửi đi sau.")
            raise UpgradeRequired("Máy chủ cần phiên bản ứng dụng mới hơn. Hãy cập nhật ứng dụng; dữ liệu "
                                  "trên máy vẫn được giữ và sẽ gửi đi sau khi cập nhật.")
        self._check(response)
        return _parse(HelloResponse, response)

    def push(self, body: PushRequest, idempotency_key: str) -> PushResponse:
        response = self._request("POST", f"{PREFIX}/push", content=body.model_dump_json().encode(),
                                 headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json"})
        if response.status_code == 409:
            if response.json().get("error") == "device_reused":
                raise DeviceReusedError("Dữ liệu trên máy này là bản sao của một máy khác.")
            raise OutOfOrderError(int(response.json().get("expected_seq", 0)))
        if response.status_code == 413:
            raise TooLarge("Gói thay đổi quá lớn so với giới hạn của máy chủ.")
        self._check(response)
        return _parse(PushResponse, response)

    def push_audit(self, body: AuditPushRequest) -> AuditPushResponse | None:
        """Send audit entries (none: ask how far the server holds this device's chain). None when the
        account does not keep an audit trail on the server (a committee viewer)."""
        response = self._request("POST", f"{PREFIX}/audit", content=body.model_dump_json().encode(),
                                 headers={"Content-Type": "application/json"})
        if response.status_code == 403:
            return None
        if response.status_code == 409:
            data = response.json()
            raise AuditRefusedError(str(data.get("error", "")), int(data.get("seq", 0)), data.get("expected_seq"))
        self._check(response)
        return _parse(AuditPushResponse, response)

    def pull(self, cursor: int, limit: int) -> PullResponse:
        response = self._request("GET", f"{PREFIX}/pull", params={"cursor": cursor, "limit": limit})
        self._check(response)
        return _parse(PullResponse, response)

    def reconcile(self, body: ReconcileRequest) -> ReconcileResponse:
        response = self._request("POST", f"{PREFIX}/reconcile", content=body.model_dump_json().encode(),
                                 headers={"Content-Type": "application/json"})
        self._check(response)
        return _parse(ReconcileResponse, response)

    # --- plumbing --------------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self.access_token is None:
            self.refresh()
        response = self._send(method, path, **kwargs)
        if response.status_code == 401:
            self.refresh()
            response = self._send(method, path, **kwargs)
            if response.status_code == 401:
                raise LoginRequired("Máy chủ không nhận phiên đăng nhập. Hãy đăng nhập lại.")
        return response

    def _send(self, method: str, path: str, *, auth: bool = True, headers: dict[str, str] | None = None,
              **kwargs: Any) -> httpx.Response:
        headers = dict(headers or {})
        if auth and self.access_token:
            headers["Authorization"] = f"Bearer {self.access_token}"
        try:
            return self.http.request(method, path, headers=headers, **kwargs)
        except httpx.ConnectError as exc:
            tls = describe_tls_error(exc, self.host)
            if tls:
                raise CertificateProblem(tls) from exc
            raise Offline(f"Không kết nối được máy chủ {self.host} (ngoại tuyến). Các thay đổi vẫn được giữ "
                          "trên máy và sẽ gửi ở lần đồng bộ sau.") from exc
        except httpx.TransportError as exc:
            raise Offline(f"Mất kết nối với máy chủ {self.host} giữa chừng. Các thay đổi vẫn được giữ trên máy "
                          "và sẽ gửi lại ở lần đồng bộ sau.") from exc

    @staticmethod
    def _check(response: httpx.Response) -> None:
        code = response.status_code
        if code < 400:
            return
        if code == 403:
            raise SyncError("Tài khoản này không có quyền làm việc này trên máy chủ.")
        if code == 429 or code >= 500:
            raise ServerBusy(f"Máy chủ đang bận hoặc gặp lỗi ({code}). Các thay đổi vẫn được giữ; hãy thử lại sau.")
        if code == 413:
            raise SyncError("Gói dữ liệu quá lớn so với giới hạn của máy chủ.")
        raise SyncError(f"Máy chủ từ chối yêu cầu ({code}: {response.text[:200]}).")
