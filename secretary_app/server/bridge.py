"""Call the ASGI app in-process through httpx (tests, the fault harness, benchmarks).

``httpx.ASGITransport`` is async-only; the desktop client is synchronous, so this transport runs the
app on an anyio blocking portal. Sync routes still run in the threadpool, so two threads calling at
once really are concurrent on the server side.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

import anyio
import anyio.from_thread
import httpx
from anyio.from_thread import BlockingPortal


class ASGIBridge(httpx.BaseTransport):
    def __init__(self, app: Any, client: tuple[str, int] = ("127.0.0.1", 50000)) -> None:
        self.app = app
        self.client = client
        self._portal_cm: AbstractContextManager[BlockingPortal] | None = anyio.from_thread.start_blocking_portal()
        self.portal = self._portal_cm.__enter__()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        raw_path = request.url.raw_path.split(b"?", 1)[0]
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": request.method,
            "scheme": request.url.scheme, "path": request.url.path, "raw_path": raw_path,
            "query_string": request.url.query, "root_path": "",
            "headers": [(k.lower(), v) for k, v in request.headers.raw],
            "client": self.client, "server": (request.url.host, request.url.port or 80),
        }
        status, headers, content = self.portal.call(self._run, scope, body)
        return httpx.Response(status, headers=headers, content=content, request=request)

    async def _run(self, scope: dict[str, Any], body: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        delivered = False
        done = anyio.Event()
        result: dict[str, Any] = {"status": 500, "headers": [], "chunks": []}

        async def receive() -> dict[str, Any]:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                result["status"], result["headers"] = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                result["chunks"].append(message.get("body", b""))

        try:
            await self.app(scope, receive, send)
        finally:
            done.set()
        return result["status"], result["headers"], b"".join(result["chunks"])

    def close(self) -> None:
        """httpx closes its transport with the client; the bridge outlives clients (see ``stop``)."""

    def stop(self) -> None:
        if self._portal_cm is not None:
            self._portal_cm.__exit__(None, None, None)
            self._portal_cm = None
