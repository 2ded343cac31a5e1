"""Issue 14.2: a chunked body is counted as it arrives, so an unauthenticated 200 MiB upload cannot grow the
server's memory; a real uvicorn process on loopback, its memory read from /proc."""

from __future__ import annotations

import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from secretary_app.sync.protocol import PREFIX
from tests.sync.fixtures import _free_port

CHUNK = b"x" * (1024 * 1024)


def _kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"{field} missing")


@pytest.fixture
def uvicorn_server(tmp_path: Path) -> Iterator[tuple[int, int]]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "secretary_app.server", "--database-url", f"sqlite:///{tmp_path / 's.sqlite3'}",
         "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parents[2])
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not start")
        yield process.pid, port
    finally:
        process.terminate()
        process.wait(10)


def _stream(port: int, path: str, chunks: int, headers: str = "") -> tuple[bytes, int]:
    """POST ``chunks`` MiB with Transfer-Encoding: chunked from a generator; stop sending as soon as the
    server answers. Returns the answer's first bytes and the MiB sent."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{headers}"
                     "Transfer-Encoding: chunked\r\n\r\n".encode())
        body = (CHUNK for _ in range(chunks))
        try:
            for chunk in body:
                if select.select([sock], [], [], 0)[0]:
                    break  # the server has answered
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += 1
            else:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        sock.settimeout(30)
        try:
            return sock.recv(4096), sent
        except ConnectionResetError:
            return b"", sent


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory from /proc (Linux)")
def test_a_200_mib_chunked_body_gets_413_without_growing_memory(uvicorn_server: tuple[int, int]) -> None:
    pid, port = uvicorn_server
    before = _kib(pid, "VmRSS")
    forged = "Authorization: Bearer forged\r\n"
    for path, headers, status in ((f"{PREFIX}/auth/login", "", b"413"), (f"{PREFIX}/reconcile", forged, b"413"),
                                  (f"{PREFIX}/push", forged, b"401")):  # push checks the token before reading
        answer, sent = _stream(port, path, 200, headers)
        assert answer.startswith(b"HTTP/1.1 " + status), (path, answer[:200])
        assert sent < 200, path  # answered long before the end of the body
    grown = (_kib(pid, "VmHWM") - before) / 1024
    assert grown < 64, f"server memory grew by {grown:.0f} MiB"
    assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200  # and it still serves


def test_limits_are_smaller_before_authentication(server) -> None:
    http = httpx.Client(base_url="http://127.0.0.1:8765", transport=server.bridge)
    big = b'{"username": "' + b"a" * (20 * 1024) + b'", "password": "x"}'
    assert http.post(f"{PREFIX}/auth/login", content=big).status_code == 413
    # The same size is fine for a push (authenticated): it is refused for its token, not its size.
    answer = http.post(f"{PREFIX}/push", content=big, headers={"Authorization": "Bearer forged"})
    assert answer.status_code == 401
    assert http.post(f"{PREFIX}/auth/login", content=big,
                     headers={"Content-Length": str(len(big))}).status_code == 413
