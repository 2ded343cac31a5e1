"""The FastAPI application. Every route has an entry in ``POLICY`` (who may call it); a route without
one answers 403 to everybody (deny by default), and the authorization matrix test fails.

The caller — user, device, cell, role — comes from the bearer token only. A ``cell_id`` in a body or
query must match what the token allows.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from argon2 import PasswordHasher
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import select

from secretary_app.server.audit_chain import AuditRefused, receive_audit, verify_cell
from secretary_app.server.auth import (
    FAMILY_LIFETIME,
    REFRESH_GRACE,
    AccountDisabled,
    Authenticator,
    AuthError,
    Principal,
    Throttled,
    WeakPassword,
    WrongPassword,
    purge_spent_tokens,
)
from secretary_app.server.db import default_database_url, make_engine, migrate, users
from secretary_app.server.service import CellNotFound, DeviceReused, Hooks, KeyReused, OutOfOrder, SyncService
from secretary_app.sync.protocol import (
    AUDIT_GAP,
    MAX_BATCH_BYTES,
    MAX_BODY_BYTES,
    MAX_INT64,
    PREFIX,
    PULL_LIMIT,
    AuditPushRequest,
    AuditPushResponse,
    AuditVerifyResponse,
    Change,
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

PUBLIC = "public"
READERS = frozenset({"secretary", "deputy", "viewer"})
WRITERS = frozenset({"secretary", "deputy"})
ADMINS = frozenset({"admin"})
AUTHENTICATED = frozenset({"secretary", "deputy", "viewer", "admin"})

# (method, path) -> who may call. Checked by ``guard`` and by the authorization matrix test.
POLICY: dict[tuple[str, str], str | frozenset[str]] = {
    ("GET", "/healthz"): PUBLIC,
    ("POST", f"{PREFIX}/auth/login"): PUBLIC,
    ("POST", f"{PREFIX}/auth/refresh"): PUBLIC,
    ("POST", f"{PREFIX}/auth/logout"): AUTHENTICATED,
    ("POST", f"{PREFIX}/auth/password"): AUTHENTICATED,
    ("POST", f"{PREFIX}/hello"): READERS,
    ("POST", f"{PREFIX}/devices"): AUTHENTICATED,
    ("POST", f"{PREFIX}/push"): WRITERS,
    ("GET", f"{PREFIX}/pull"): READERS,
    ("POST", f"{PREFIX}/reconcile"): READERS,
    ("GET", f"{PREFIX}/conflicts"): READERS,
    ("GET", f"{PREFIX}/admin/users"): ADMINS,
    ("POST", f"{PREFIX}/audit"): WRITERS,  # a PC sends its audit entries (issue 15.3)
    ("GET", f"{PREFIX}/audit/verify"): READERS,  # the upper committee checks a cell's audit chains
}


@dataclass
class ServerConfig:
    database_url: str
    hasher: PasswordHasher | None = None
    clock: Callable[[], dt.datetime] | None = None
    sqlite_synchronous: str = "FULL"
    pool_size: int = 10
    # Addresses (or networks) of reverse proxies whose X-Forwarded-For is believed. Default: none, so the
    # client address is the TCP peer's, whatever a client writes in the header.
    trusted_proxies: tuple[str, ...] = ()
    refresh_grace: dt.timedelta = REFRESH_GRACE
    family_lifetime: dt.timedelta = FAMILY_LIFETIME
    purge_every: dt.timedelta = dt.timedelta(hours=1)  # spent tokens deleted on this schedule


def client_address(request: Request, trusted: Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> str:
    """The caller's address: the TCP peer, unless the peer is a trusted proxy; then the right-most address
    in X-Forwarded-For that is not itself a trusted proxy."""
    peer = request.client.host if request.client else ""
    chain = [peer]
    if trusted and _within(peer, trusted):
        for header in request.headers.getlist("x-forwarded-for"):
            chain[:0] = [part.strip() for part in header.split(",") if part.strip()]
    for address in reversed(chain):
        if not _within(address, trusted):
            return address[:64]
    return chain[0][:64]


def _within(address: str, networks: Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def guard(request: Request, authorization: Annotated[str | None, Header()] = None) -> Principal | None:
    """Deny by default: the route's policy entry says who may call; the token says who is calling."""
    route = request.scope.get("route")
    allowed = POLICY.get((request.method, getattr(route, "path", "")))
    if allowed is None:
        raise HTTPException(403, "no_policy")
    if allowed == PUBLIC:
        return None
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, "unauthenticated", headers={"WWW-Authenticate": "Bearer"})
    try:
        principal = request.app.state.auth.resolve(authorization.removeprefix("Bearer ").strip())
    except AuthError:
        raise HTTPException(401, "unauthenticated", headers={"WWW-Authenticate": "Bearer"}) from None
    if principal.role not in allowed:
        raise HTTPException(403, "forbidden")
    return principal


Caller = Annotated[Principal | None, Depends(guard)]


class TooLarge(HTTPException):
    """The body passed its route's limit while arriving. An HTTPException, so FastAPI's body reading lets it
    through as 413 instead of turning it into a 400."""

    def __init__(self) -> None:
        super().__init__(413, "too_large")


# Bytes a request body may carry, counted as they arrive (chunked or not). Before authentication (login,
# refresh, or any request without a bearer token) only a small body is read; an authenticated push up to
# the batch limit; a reconcile inventory (200,000 entries at most) more.
PRE_AUTH_BODY_BYTES = 16 * 1024
RECONCILE_BODY_BYTES = 24 * 1024 * 1024


def body_limit(scope: dict[str, Any]) -> int:
    path = scope.get("path", "")
    allowed = POLICY.get((scope.get("method", ""), path))
    authenticated = any(name == b"authorization" and value[:7].lower() == b"bearer " for name, value in scope["headers"])
    if allowed is None or allowed == PUBLIC or not authenticated:
        return PRE_AUTH_BODY_BYTES
    return RECONCILE_BODY_BYTES if path == f"{PREFIX}/reconcile" else MAX_BODY_BYTES


class BodyLimit:
    """Pure ASGI: counts the body's bytes as the server receives them and answers 413 as soon as they pass
    the route's limit (a declared Content-Length over it: before reading anything). Nothing buffers more
    than the limit, whatever the client sends."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope)
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > limit):
                await JSONResponse({"error": "too_large"}, status_code=413)(scope, receive, send)
                return
        received = 0
        started = False

        async def counted() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge()
            return message

        async def watched(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except TooLarge:
            if not started:
                await JSONResponse({"error": "too_large"}, status_code=413)(scope, receive, send)


def _body_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The request body of a route that reads its body itself (push: parsed once, by pydantic from the raw
    bytes), for the OpenAPI schema that schemathesis and clients read; definitions inlined."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return {"requestBody": {"required": True, "content": {"application/json": {"schema": inline(schema)}}}}


def _json(model: BaseModel) -> Response:
    """Serialise once with pydantic; FastAPI would validate the model again on the way out."""
    return Response(content=model.model_dump_json(), media_type="application/json")


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --workers N`` (each worker process builds its own app and engine)."""
    import os

    proxies = tuple(p for p in os.environ.get("SECRETARY_SERVER_TRUSTED_PROXIES", "").split(",") if p.strip())
    return create_app(ServerConfig(database_url=os.environ["SECRETARY_SERVER_DATABASE_URL"], trusted_proxies=proxies))


def create_app(config: ServerConfig | str | Path, *, hooks: Hooks | None = None,
               service_class: type[SyncService] = SyncService) -> FastAPI:
    """``hooks`` and ``service_class`` are seams for the fault tests (pauses, a test-only service)."""
    if not isinstance(config, ServerConfig):
        config = ServerConfig(database_url=str(config) if "://" in str(config)
                              else default_database_url(Path(config)))
    engine = make_engine(config.database_url, sqlite_synchronous=config.sqlite_synchronous,
                         pool_size=config.pool_size)
    migrate(engine)
    clock = config.clock or (lambda: dt.datetime.now(dt.UTC))
    auth = Authenticator(engine, hasher=config.hasher or PasswordHasher(), clock=clock,
                         refresh_grace=config.refresh_grace, family_lifetime=config.family_lifetime)
    service = service_class(engine, clock=clock, hooks=hooks or Hooks())
    trusted = [ipaddress.ip_network(p.strip(), strict=False) for p in config.trusted_proxies]

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        from starlette.concurrency import run_in_threadpool

        async def purge() -> None:
            try:
                await run_in_threadpool(purge_spent_tokens, engine, clock())
            except Exception:  # a database hiccup: try again at the next turn
                logging.getLogger(__name__).exception("purging spent tokens failed")

        async def every() -> None:
            while True:
                await asyncio.sleep(config.purge_every.total_seconds())
                await purge()

        await purge()  # at start, then on the schedule
        task = asyncio.create_task(every())
        try:
            yield
        finally:
            task.cancel()

    app = FastAPI(title="Sổ tay Bí thư — máy chủ đồng bộ", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    app.state.engine, app.state.auth, app.state.service, app.state.config = engine, auth, service, config

    app.add_middleware(BodyLimit)

    def cell_of(principal: Principal, requested: uuid.UUID | None) -> uuid.UUID:
        """Writers act on their own cell; viewers read the cells assigned to them; nobody else."""
        if principal.role in WRITERS and principal.cell_id is not None:
            if requested is not None and requested != principal.cell_id:
                raise HTTPException(403, "forbidden")
            return principal.cell_id
        if principal.role == "viewer" and requested is not None and requested in principal.readable:
            return requested
        raise HTTPException(403, "forbidden")

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.get("/healthz")
    def healthz(_: Caller) -> dict[str, str]:
        return {"status": "ok"}

    @app.post(f"{PREFIX}/auth/login")
    def login(body: LoginRequest, request: Request, _: Caller) -> TokenResponse:
        try:
            return auth.login(body.username, body.password, body.device_id, body.device_name,
                              client_address(request, trusted))
        except Throttled as exc:
            raise HTTPException(429, "too_many_attempts", headers={"Retry-After": str(exc.retry_after)}) from None
        except AccountDisabled:
            raise HTTPException(403, "account_disabled") from None
        except AuthError:
            raise HTTPException(401, "invalid_credentials") from None

    @app.post(f"{PREFIX}/auth/refresh")
    def refresh(body: RefreshRequest, request: Request, _: Caller) -> TokenResponse:
        try:
            return auth.refresh(body.refresh_token, client_address(request, trusted))
        except AuthError:
            raise HTTPException(401, "invalid_refresh_token") from None

    @app.post(f"{PREFIX}/auth/logout")
    def logout(principal: Caller) -> dict[str, str]:
        assert principal is not None
        auth.logout(principal)
        return {"status": "ok"}

    @app.post(f"{PREFIX}/auth/password")
    def change_password(body: ChangePasswordRequest, request: Request, principal: Caller) -> dict[str, str]:
        """The account changes its own password; every session ends (this PC logs in again with the new one)."""
        assert principal is not None
        try:
            auth.change_password(principal, body.current_password, body.new_password,
                                 client_address(request, trusted))
        except Throttled as exc:
            raise HTTPException(429, "too_many_attempts", headers={"Retry-After": str(exc.retry_after)}) from None
        except WrongPassword:
            raise HTTPException(403, "wrong_password") from None
        except WeakPassword as exc:
            return JSONResponse({"error": "weak_password", "message": str(exc)}, status_code=422)  # type: ignore[return-value]  # FastAPI sends a Response as it is
        return {"status": "ok"}

    @app.post(f"{PREFIX}/devices")
    def new_device(body: NewDeviceRequest, principal: Caller) -> TokenResponse:
        """This install becomes a new device of the same user (a copied data folder, a restored backup):
        a new device id and a new token pair for it; the other install keeps the old ones."""
        assert principal is not None
        return auth.new_device(principal, body.device_name)

    @app.post(f"{PREFIX}/hello")
    def hello(body: HelloRequest, principal: Caller, cell_id: uuid.UUID | None = None) -> HelloResponse:
        assert principal is not None
        if body.device_id != principal.device_id:
            raise HTTPException(403, "forbidden")
        try:
            response = service.hello(principal, cell_of(principal, cell_id), body)
        except CellNotFound:
            raise HTTPException(404, "cell_not_found") from None
        if response.action == "upgrade_required":
            return JSONResponse(response.model_dump(mode="json"), status_code=426)  # type: ignore[return-value]  # FastAPI sends a Response as is
        return response

    @app.post(f"{PREFIX}/push", openapi_extra=_body_schema(PushRequest))
    async def push(request: Request, principal: Caller,
                   idempotency_key: Annotated[str | None, Header()] = None) -> PushResponse:
        assert principal is not None
        raw = await request.body()
        if len(raw) > MAX_BATCH_BYTES + 64 * 1024:
            raise HTTPException(413, "batch_too_large")
        if not idempotency_key or len(idempotency_key) > 80:
            raise HTTPException(400, "idempotency_key_required")
        try:
            body = PushRequest.model_validate_json(raw)
        except ValueError as exc:
            return JSONResponse({"error": "invalid", "detail": str(exc)[:2000]}, status_code=422)  # type: ignore[return-value]  # FastAPI sends a Response as is
        if body.device_id != principal.device_id or body.cell_id != cell_of(principal, body.cell_id):
            raise HTTPException(403, "forbidden")
        from starlette.concurrency import run_in_threadpool

        try:
            text = await run_in_threadpool(service.push_json, principal, body, idempotency_key)
            return Response(content=text, media_type="application/json")  # type: ignore[return-value]  # FastAPI sends a Response as is
        except OutOfOrder as exc:
            return JSONResponse({"error": "out_of_order", "expected_seq": exc.expected},  # type: ignore[return-value]  # sent as is
                                status_code=409)
        except DeviceReused:
            raise HTTPException(409, "device_reused") from None
        except KeyReused:
            raise HTTPException(422, "idempotency_key_reused") from None
        except CellNotFound:
            raise HTTPException(404, "cell_not_found") from None

    @app.get(f"{PREFIX}/pull")
    def pull(principal: Caller, cursor: Annotated[int, Query(ge=0, le=MAX_INT64)] = 0,
             limit: Annotated[int, Query(ge=1, le=PULL_LIMIT)] = PULL_LIMIT,
             cell_id: uuid.UUID | None = None) -> PullResponse:
        assert principal is not None
        try:
            return _json(service.pull(cell_of(principal, cell_id), cursor, limit))  # type: ignore[return-value]  # FastAPI sends a Response as is
        except CellNotFound:
            raise HTTPException(404, "cell_not_found") from None

    @app.post(f"{PREFIX}/reconcile")
    def reconcile(body: ReconcileRequest, principal: Caller, cell_id: uuid.UUID | None = None) -> ReconcileResponse:
        assert principal is not None
        try:
            return service.reconcile(cell_of(principal, cell_id), body.inventory)
        except CellNotFound:
            raise HTTPException(404, "cell_not_found") from None

    @app.get(f"{PREFIX}/conflicts")
    def conflicts(principal: Caller, cell_id: uuid.UUID | None = None) -> list[Change]:
        assert principal is not None
        try:
            return service.open_conflicts(cell_of(principal, cell_id))
        except CellNotFound:
            raise HTTPException(404, "cell_not_found") from None

    @app.post(f"{PREFIX}/audit")
    def audit(body: AuditPushRequest, principal: Caller) -> AuditPushResponse:
        """Append this device's audit entries to its chain on the server; refused entries answer 409 with
        the protocol's distinct error (and, for a gap, the number expected)."""
        assert principal is not None
        if body.device_id != principal.device_id or body.cell_id != cell_of(principal, body.cell_id):
            raise HTTPException(403, "forbidden")
        try:
            return receive_audit(engine, body.cell_id, body.device_id, body.entries, clock())
        except AuditRefused as exc:
            content: dict[str, Any] = {"error": exc.code, "message": exc.reason, "seq": exc.seq}
            if exc.code == AUDIT_GAP:
                content["expected_seq"] = exc.expected
            return JSONResponse(content, status_code=409)  # type: ignore[return-value]  # FastAPI sends a Response as it is

    @app.get(f"{PREFIX}/audit/verify")
    def audit_verify(principal: Caller, cell_id: uuid.UUID | None = None) -> AuditVerifyResponse:
        assert principal is not None
        return verify_cell(engine, cell_of(principal, cell_id))

    @app.get(f"{PREFIX}/admin/users")
    def list_users(_: Caller) -> list[dict[str, str | bool | None]]:
        with engine.connect() as conn:
            rows = conn.execute(select(users.c.username, users.c.role, users.c.cell_id, users.c.disabled)
                                .order_by(users.c.username)).all()
        return [{"username": r.username, "role": r.role, "cell_id": str(r.cell_id) if r.cell_id else None,
                 "disabled": r.disabled} for r in rows]

    return app
