"""Issue 14: schemathesis generates requests from the server's OpenAPI schema (in process, through the ASGI
app, with a valid token so the routes behind authentication are reached) and no answer is a 5xx."""

from __future__ import annotations

import collections
import uuid
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.sync.fixtures import PASSWORD, make_server

EXAMPLES = 25  # per operation: about 300 requests, well under a minute
STATUSES: collections.Counter[tuple[str, str, int]] = collections.Counter()


def test_no_generated_request_gets_a_server_error(tmp_path: Path) -> None:
    server = make_server(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    try:
        server.cell("A")
        server.user("sec", "secretary", "A")
        auth = server.app.state.auth
        schema = schemathesis.openapi.from_dict(server.app.openapi())
        schema.app = server.app
        failures: list[tuple[str, str, int, str]] = []
        calls = [0]
        operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]  # an Err fails the test here
        assert len(operations) >= 9

        for operation in operations:
            # A fresh session per operation (logout ends one), from an address of its own (the generated
            # logins with unknown names count against the test client's address).
            session = auth.login("sec", PASSWORD, None, "", "192.0.2.1")
            token = session.access_token
            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def call(case: schemathesis.Case) -> None:
                headers = {"Authorization": f"Bearer {token}"}  # noqa: B023
                if isinstance(case.body, dict) and case.path.endswith(("/push", "/hello")):
                    # The caller's own device and cell, so generated batches reach the mutations' rules.
                    case.body["device_id"] = str(session.device_id)  # noqa: B023
                    if case.path.endswith("/push"):
                        case.body["cell_id"] = str(session.cell_id)  # noqa: B023
                        headers["Idempotency-Key"] = str(uuid.uuid4())
                response = case.call(headers=headers)
                calls[0] += 1
                STATUSES[(case.method, case.path, response.status_code)] += 1
                if response.status_code >= 500:
                    failures.append((case.method, case.path, response.status_code, response.text[:300]))

            call()
        assert calls[0] >= 100
        assert failures == []
    finally:
        server.close()
