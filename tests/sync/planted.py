"""Planted bugs for the tests of the tests (sync-security §3.4): each is a test-only subclass of a product
class that undoes one rule, and the fault test must fail when it runs against it. Nothing in the product
knows about them.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from sqlalchemy import Connection, Engine, delete

from secretary_app.server.auth import Principal
from secretary_app.server.service import SyncService, _Batch
from secretary_app.sync.client import SyncClient
from secretary_app.sync.engine import outbox
from secretary_app.sync.protocol import PushRequest, PushResponse


class AckBeforeResponseClient(SyncClient):
    """Client bug: treats a batch as delivered (drops it from the outbox) before the server has answered."""

    store_engine: Engine | None = None

    def push(self, body: PushRequest, idempotency_key: str) -> PushResponse:
        assert self.store_engine is not None
        with self.store_engine.begin() as conn:
            conn.execute(delete(outbox).where(outbox.c.batch_key == idempotency_key))
        return super().push(body, idempotency_key)


class _GlobalSequenceBatch(_Batch):
    def next_seq(self) -> int:
        numbers: list[int] = self.service.numbers.taken  # type: ignore[attr-defined]  # a GlobalSequenceService's
        value = numbers.pop(0) if numbers else next(GlobalSequenceService.counter)
        self.seq = max(self.seq, value)
        return value


class GlobalSequenceService(SyncService):
    """Server bug: change numbers come from one process-wide sequence, taken before the cell's lock, so a
    later-committing push can hold a lower number than one a reader has already passed."""

    counter = itertools.count(1)
    lock = threading.Lock()
    numbers = threading.local()  # the numbers this thread's push took

    def push_json(self, principal: Principal, req: PushRequest, idempotency_key: str) -> str:
        with self.lock:
            self.numbers.taken = [next(self.counter) for _ in range(2 * len(req.mutations))]
        if self.hooks.after_allocate and principal.cell_id is not None:
            self.hooks.after_allocate(principal.cell_id)  # numbers held, cell lock not yet taken
        return super().push_json(principal, req, idempotency_key)

    def new_batch(self, conn: Connection, principal: Principal, cell: Any, *, safe: bool) -> _Batch:
        return _GlobalSequenceBatch(self, conn, principal, cell, safe=safe)


class _ResolveTwiceBatch(_Batch):
    def check_open(self, found: Any) -> None:
        return None  # no guard: a second decision on a closed conflict is applied too


class ResolveTwiceService(SyncService):
    """Server bug: a decision on a conflict another PC already closed is applied as well."""

    def new_batch(self, conn: Connection, principal: Principal, cell: Any, *, safe: bool) -> _Batch:
        return _ResolveTwiceBatch(self, conn, principal, cell, safe=safe)


SERVER_BUGS: dict[str, type[SyncService]] = {"global_sequence": GlobalSequenceService,
                                             "resolve_twice": ResolveTwiceService}
CLIENT_BUGS: dict[str, type[SyncClient]] = {"ack_before_response": AckBeforeResponseClient}
