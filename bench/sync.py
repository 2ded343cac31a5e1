"""Sync benchmarks (issue 5):

(a) first sync of a cell's full year — 60 members, 12 meetings with attendance and minutes, 720 dues rows —
    through a real server on loopback (uvicorn, SQLite). Target ≤ 2 s.
(b) load: 1,000 simulated cells each pushing 20 mutations against the server on PostgreSQL (a throwaway
    cluster); pushes/s and p50/p95 latency, target ≥ 100 pushes/s with p95 ≤ 300 ms; and, as the floor of
    that ratio, the raw insert rate of the same rows through SQLAlchemy in the same run.

    .venv/bin/python bench/sync.py [--cells 1000] [--concurrency 16] [--keep-alive] [--workers 2] [--skip-load | --load-only]

(c) ``--compare-with OLD_TREE [--rounds 3]``: the load of (b), plus a pull per cell, against the server of
    another checkout (e.g. ``git worktree add --detach /tmp/old bcd2594``: the code before the issue 14
    hardening) and this one, interleaved old, new, new, old, old, new… in the same run and on the same
    PostgreSQL cluster, so the shared machine's load weighs on both alike; pushes/s, pulls/s and server CPU
    per push for each, and their medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

# BENCH_PRODUCT_TREE: the checkout whose code the helper subprocesses of --compare-with import.
sys.path.insert(0, os.environ.get("BENCH_PRODUCT_TREE") or str(Path(__file__).resolve().parent.parent))

import httpx
import keyring
from sqlalchemy import create_engine, insert

from models.base import new_id
from models.dues import DuesPayment
from models.meetings import Attendance, Meeting, Minutes
from models.members import Member
from secretary_app.paths import resolve_paths
from secretary_app.server.db import RECORDS, devices, make_engine, migrate, tokens, users
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.store import Store
from secretary_app.sync import service
from secretary_app.sync.protocol import ACCESS_TTL, PREFIX
from tests.support import MemoryKeyring

PASSWORD = "mật-khẩu-đủ-dài-2026"


def _serve(args: list[str], log: Path, *serve: str, tree: Path | None = None) -> tuple[subprocess.Popen, str]:
    """``tree``: run the server of that checkout (its folder first on the path) instead of this one's."""
    handle = log.open("w")
    port = "0" if not serve else str(_free_port())
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **({"PYTHONPATH": str(tree)} if tree else {})}
    proc = subprocess.Popen([sys.executable, "-m", "secretary_app.server", *args, "serve", "--host", "127.0.0.1",
                             "--port", port, *serve], stdout=handle, stderr=subprocess.STDOUT, env=env,
                            cwd=tree)
    for _ in range(400):
        found = re.search(r"http://127\.0\.0\.1:(\d+)", log.read_text())
        if found:
            url = f"http://127.0.0.1:{found.group(1)}"
            for _ in range(400):  # with several workers the master prints its address before they listen
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        return proc, url
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        time.sleep(0.05)
    proc.terminate()
    raise SystemExit(f"server did not start: {log.read_text()}")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin(args: list[str], *command: str, stdin: str = "") -> None:
    subprocess.run([sys.executable, "-m", "secretary_app.server", *args, *command], input=stdin, text=True,
                   check=True, capture_output=True)


def _full_year(store: Store) -> int:
    save_cell(store, CellInput("Chi bộ Tổ dân phố số 7", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                               dt.date(2025, 8, 20)))
    cell = store.cell_id
    with store.transaction() as session:
        members = [Member(id=new_id(), cell_id=cell, full_name=f"Nguyễn Văn Thành {i:02d}", phone=f"09{i:08d}",
                          birth_date=dt.date(1950 + i % 40, 1 + i % 12, 1 + i % 28)) for i in range(60)]
        session.add_all(members)
        session.flush()
        for month in range(1, 13):
            meeting = Meeting(id=new_id(), cell_id=cell, title=f"Sinh hoạt chi bộ tháng {month:02d}/2026",
                              planned_at=dt.datetime(2026, month, 5, 19, 30, tzinfo=dt.UTC), state="held")
            session.add(meeting)
            session.flush()
            for i, member in enumerate(members):
                session.add(Attendance(id=uuid.uuid5(meeting.id, str(member.id)), cell_id=cell, meeting_id=meeting.id,
                                       member_id=member.id, status="absent_reason" if i % 9 == 0 else "present"))
                session.add(DuesPayment(id=new_id(), cell_id=cell, member_id=member.id, month=dt.date(2026, month, 1),
                                        amount=30000, paid_on=dt.date(2026, month, 6)))
            session.add(Minutes(id=new_id(), cell_id=cell, meeting_id=meeting.id,
                                body="Biên bản sinh hoạt chi bộ.\n" + "Nội dung thảo luận. " * 200))
    with store.transaction() as session:
        from sqlalchemy import func, select

        from models.sync_tables import OutboxEntry

        return session.scalar(select(func.count()).select_from(OutboxEntry)) or 0


def first_sync(folder: Path) -> None:
    keyring.set_keyring(MemoryKeyring())
    server_args = ["--data-dir", str(folder / "server")]
    _admin(server_args, "create-cell", "--name", "Chi bộ 7", "--superior", "Đảng bộ phường Hoàn Kiếm")
    for user, role in (("bithu", "secretary"), ("phobithu", "deputy")):
        _admin(server_args, "create-user", "--cell", "Chi bộ 7", "--role", role, "--username", user,
               stdin=PASSWORD + "\n")
    proc, url = _serve(server_args, folder / "server.log")
    try:
        pc1, pc2 = Store(resolve_paths(folder / "pc1")), Store(resolve_paths(folder / "pc2"))
        rows = _full_year(pc1)
        service.login(pc1, url, "bithu", PASSWORD)
        service.login(pc2, url, "phobithu", PASSWORD)
        started = time.perf_counter()
        pushed = service.sync_now(pc1).value
        push_s = time.perf_counter() - started
        started = time.perf_counter()
        pulled = service.sync_now(pc2).value
        pull_s = time.perf_counter() - started
        print(f"(a) first sync of a full year ({rows} records: 60 members, 12 meetings × 60 attendance + minutes, "
              f"720 dues rows) on loopback:")
        print(f"    PC 1 sends all: {push_s:.2f} s ({pushed.pushed} pushed)   "
              f"PC 2 receives all: {pull_s:.2f} s ({pulled.pulled} pulled)   target ≤ 2 s each "
              f"→ {'OK' if max(push_s, pull_s) <= 2 else 'MISSED'}")
        pc1.close()
        pc2.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _mint_sessions(url: str, cells: int) -> list[tuple[str, str, str]]:
    """1,000 cells, each with a secretary, a device and an access token minted straight into the
    database: logging 1,000 users in with production argon2 would measure argon2, not sync."""
    engine = make_engine(url)
    migrate(engine)
    from secretary_app.server.db import cell_sync_state

    now = dt.datetime.now(dt.UTC)
    out, cell_rows, user_rows, device_rows, token_rows = [], [], [], [], []
    for i in range(cells):
        cell_id, user_id, device_id = new_id(), new_id(), new_id()
        token = secrets.token_urlsafe(32)
        cell_rows.append(dict(cell_id=cell_id, name=f"Chi bộ {i:04d}", superior_name="Đảng bộ", server_seq=0,
                              epoch=uuid.uuid4(), digest="0" * 64, created_at=now))
        user_rows.append(dict(id=user_id, username=f"bt{i:04d}", password_hash="-", role="secretary",
                              cell_id=cell_id, disabled=False, created_at=now))
        device_rows.append(dict(id=device_id, user_id=user_id, cell_id=cell_id, name="bench", last_mutation_seq=0,
                                last_pulled_seq=0, created_at=now))
        token_rows.append(dict(token_hash=hashlib.sha256(token.encode()).hexdigest(), kind="access", user_id=user_id,
                               device_id=device_id, family_id=uuid.uuid4(), created_at=now,
                               expires_at=now + ACCESS_TTL * 8))
        out.append((str(cell_id), str(device_id), token))
    with engine.begin() as conn:
        conn.execute(insert(cell_sync_state), cell_rows)
        conn.execute(insert(users), user_rows)
        conn.execute(insert(devices), device_rows)
        conn.execute(insert(tokens), token_rows)
    engine.dispose()
    return out


def _mutations(count: int) -> list[dict]:
    return [{"mutation_seq": i + 1, "mutation_id": str(new_id()), "entity": "member", "entity_id": str(new_id()),
             "op": "create", "base_version": 0,
             "fields": {"full_name": [None, f"Trần Thị Hoa {i}"], "phone": [None, "0912345678"],
                        "residence": [None, "Số 5 Hàng Bạc, Hoàn Kiếm"], "notes": [None, ""]}} for i in range(count)]


async def _generate(base: str, bodies: list[tuple[str, bytes]], concurrency: int, keep_alive: bool,
                    pull: bool = False) -> tuple[list[float], int, float]:
    """Bounded concurrency on one event loop. Without keep-alive every push opens its own connection,
    as 1,000 separate PCs would (and each lands on whichever worker is free); with it, ``concurrency``
    connections are reused."""
    import asyncio

    limits = httpx.Limits(max_connections=concurrency,
                          max_keepalive_connections=concurrency if keep_alive else 0)
    latencies: list[float] = []
    failures = 0
    queue = list(bodies)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        async def worker() -> None:
            nonlocal failures
            while queue:
                token, body = queue.pop()
                started = time.perf_counter()
                if pull:  # the cell's first page, as a PC that syncs after the push sees it
                    response = await http.get(f"{PREFIX}/pull", params={"cursor": 0},
                                              headers={"Authorization": f"Bearer {token}"})
                    latencies.append(time.perf_counter() - started)
                    if response.status_code != 200 or len(response.json()["changes"]) != 20:
                        failures += 1
                    continue
                response = await http.post(f"{PREFIX}/push", content=body, headers={
                    "Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4()),
                    "Content-Type": "application/json"})
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200 or any(r["status"] != "applied" for r in response.json()["results"]):
                    failures += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, failures, wall


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children (Linux /proc; 0 elsewhere)."""
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0
    return own + sum(_cpu_seconds(int(k)) for k in kids)


def load(cells: int, concurrency: int, workers: int, keep_alive: bool) -> None:
    import asyncio
    import json

    from tests.sync.fixtures import running_pg_cluster

    with running_pg_cluster() as cluster:
        url = cluster.new_database()
        sessions = _mint_sessions(url, cells)
        # Bodies are built before the clock starts: the generator shares the 2 cores with the server.
        bodies = [(token, json.dumps({"device_id": device_id, "cell_id": cell_id,
                                      "mutations": _mutations(20)}).encode()) for cell_id, device_id, token in sessions]
        proc, base = _serve(["--database-url", url], Path(tempfile.mkdtemp()) / "server.log",
                            "--workers", str(workers))
        try:
            cpu = _cpu_seconds(proc.pid)
            latencies, failures, wall = asyncio.run(_generate(base, bodies, concurrency, keep_alive))
            cpu = _cpu_seconds(proc.pid) - cpu
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        latencies.sort()
        p50 = statistics.median(latencies) * 1000
        p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
        rate = len(latencies) / wall
        # The floor: the same rows straight into the same table with SQLAlchemy executemany.
        engine = create_engine(cluster.new_database())
        RECORDS["member"].metadata.create_all(engine, tables=[RECORDS["member"]])
        now = dt.datetime.now(dt.UTC)
        rows = [[dict(id=new_id(), cell_id=uuid.uuid4(), version=1, server_seq=i + 1, deleted=False, updated_at=now,
                      updated_by="bt", full_name=f"Trần Thị Hoa {i}", search_key="", phone="0912345678",
                      residence="Số 5 Hàng Bạc, Hoàn Kiếm", notes="") for i in range(20)] for _ in range(cells)]
        started = time.perf_counter()
        for batch in rows:  # one transaction per simulated push, like the server
            with engine.begin() as conn:
                conn.execute(insert(RECORDS["member"]), batch)
        raw = time.perf_counter() - started
        engine.dispose()
        print(f"(b) load on PostgreSQL 15 (fsync off), {cells} cells × 20 mutations, {concurrency} pushes in flight "
              f"({'keep-alive connections' if keep_alive else 'a new connection per push'}), {workers} uvicorn "
              f"worker process(es), {os.cpu_count()} cores shared with the load generator:")
        print(f"    {rate:.0f} pushes/s ({rate * 20:.0f} mutations/s), p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
              f"{failures} failed   target ≥ 100 pushes/s, p95 ≤ 300 ms "
              f"→ {'OK' if rate >= 100 and p95 <= 300 else 'MISSED'}")
        print(f"    server processes used {cpu * 1000 / len(latencies):.1f} ms of CPU per push "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores during the run)")
        print(f"    raw SQLAlchemy insert of the same rows, one transaction per 20: {cells / raw:.0f} batches/s "
              f"({cells * 20 / raw:.0f} rows/s); sync push reaches {rate / (cells / raw) * 100:.0f}% of that floor")


def _mint_in(tree: Path, url: str, cells: int) -> list[tuple[str, str, str]]:
    """Sessions minted by ``tree``'s own code (its migrations, its tables), in a subprocess."""
    import json

    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--mint", url, str(cells)], cwd=tree,
                          env={**os.environ, "BENCH_PRODUCT_TREE": str(tree), "PYTHONPATH": str(tree)},
                          capture_output=True, text=True, check=True)
    return [tuple(s) for s in json.loads(done.stdout.strip().splitlines()[-1])]


def _one_load(tree: Path, url: str, cells: int, concurrency: int, workers: int, keep_alive: bool
              ) -> dict[str, float]:
    import asyncio
    import json

    sessions = _mint_in(tree, url, cells)
    bodies = [(token, json.dumps({"device_id": device_id, "cell_id": cell_id,
                                  "mutations": _mutations(20)}).encode()) for cell_id, device_id, token in sessions]
    proc, base = _serve(["--database-url", url], Path(tempfile.mkdtemp()) / "server.log", "--workers", str(workers),
                        tree=tree)
    try:
        cpu = _cpu_seconds(proc.pid)
        pushes, push_failed, push_wall = asyncio.run(_generate(base, bodies, concurrency, keep_alive))
        cpu = _cpu_seconds(proc.pid) - cpu
        pull_cpu = _cpu_seconds(proc.pid)
        pulls, pull_failed, pull_wall = asyncio.run(_generate(base, bodies, concurrency, keep_alive, pull=True))
        pull_cpu = _cpu_seconds(proc.pid) - pull_cpu
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    pushes.sort()
    return {"pushes/s": len(pushes) / push_wall, "p95 push ms": pushes[int(len(pushes) * 0.95) - 1] * 1000,
            "pulls/s": len(pulls) / pull_wall, "CPU ms/push": cpu * 1000 / len(pushes),
            "CPU ms/pull": pull_cpu * 1000 / len(pulls),
            "failed": push_failed + pull_failed}


def compare(old: Path, rounds: int, cells: int, concurrency: int, workers: int, keep_alive: bool) -> None:
    from tests.sync.fixtures import running_pg_cluster

    new = Path(__file__).resolve().parent.parent
    figures: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    print(f"(c) old ({old}) against new ({new}), {cells} cells × 20 mutations then one pull each, {concurrency} "
          f"requests in flight, {workers} worker(s), PostgreSQL 15 (fsync off), interleaved:")
    with running_pg_cluster() as cluster:
        for round_ in range(rounds):
            # ABBA: each side goes first as often as second, so a trend in the machine's load cancels out.
            order = (("old", old), ("new", new)) if round_ % 2 == 0 else (("new", new), ("old", old))
            for label, tree in order:
                result = _one_load(tree, cluster.new_database(), cells, concurrency, workers, keep_alive)
                figures[label].append(result)
                print(f"    round {round_ + 1} {label}: " + ", ".join(
                    f"{k} {v:.1f}" if k.startswith("CPU") else f"{k} {v:.0f}" for k, v in result.items())
                    + f" (load average {os.getloadavg()[0]:.1f})", flush=True)
    print("    median over the rounds:")
    for key in ("pushes/s", "pulls/s", "CPU ms/push", "CPU ms/pull", "p95 push ms"):
        before = statistics.median(r[key] for r in figures["old"])
        after = statistics.median(r[key] for r in figures["new"])
        print(f"      {key:12} old {before:8.1f}   new {after:8.1f}   ({(after / before - 1) * 100:+.0f} %)")


def main() -> None:
    if sys.argv[1:2] == ["--mint"]:  # helper of --compare-with, run with the compared tree's code
        import json

        print(json.dumps(_mint_sessions(sys.argv[2], int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--cells", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16, help="pushes in flight at once")
    parser.add_argument("--keep-alive", action="store_true", help="reuse connections (default: one per push)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument("--compare-with", type=Path, metavar="OLD_TREE",
                        help="interleave the load against OLD_TREE's server and this one's (see (c) above)")
    parser.add_argument("--rounds", type=int, default=3, help="with --compare-with: rounds of old + new")
    args = parser.parse_args()
    if args.compare_with:
        compare(args.compare_with.resolve(), args.rounds, args.cells, args.concurrency, args.workers, args.keep_alive)
        return
    if not args.load_only:
        with tempfile.TemporaryDirectory() as folder:
            first_sync(Path(folder))
    if not args.skip_load:
        load(args.cells, args.concurrency, args.workers, args.keep_alive)


if __name__ == "__main__":
    main()
