"""PostgreSQL over an office network, for the benchmark: a throwaway server (tools/pg_throwaway.sh,
or the one GREENTASKS_TEST_PG_URL names) reached through a TCP proxy on the loopback that holds
every chunk 1 ms each way, so every round trip costs 2 ms more, as a switch and a server room away.

The figures: 总览 (the desktop app's first snapshot) and the import of the 40 returns, each on the
office of the import benchmark (40 units with 15 assignments each), built on the server."""

from __future__ import annotations

import os
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
DELAY_S = 0.001  # each way


class DelayProxy:
    """A TCP proxy on 127.0.0.1 (``port``) to ``target``, each chunk held ``delay`` seconds. It
    runs in a process of its own: in the measured process it would wait for the interpreter's
    lock while the import runs, and add more than the network it stands for."""

    def __init__(self, target: tuple[str, int], delay: float = DELAY_S):
        self.target, self.delay = target, delay
        self.port = 0
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> DelayProxy:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.benchmarks.lan", self.target[0], str(self.target[1]), str(self.delay)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True)
        self.port = int(self._proc.stdout.readline())
        return self

    def __exit__(self, *_exc) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(10)

    def serve_forever(self) -> None:
        """In the proxy's own process: listen, print the port, forward until terminated. Each
        direction is a reader thread that stamps what it receives and a sender thread that sends
        it when its time has come: the delay is the same for every chunk (an event loop's timers
        overshoot a millisecond by as much again) and chunks in flight do not wait for each other."""
        listener = socket.create_server(("127.0.0.1", 0))
        print(listener.getsockname()[1], flush=True)
        while True:
            client, _ = listener.accept()
            upstream = socket.create_connection(self.target)
            for a, b in ((client, upstream), (upstream, client)):
                for sock in (a, b):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._pipe(a, b)

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        chunks: queue.Queue = queue.Queue()

        def read() -> None:
            try:
                while data := source.recv(65536):
                    chunks.put((time.monotonic() + self.delay, data))
            except OSError:
                pass
            chunks.put((0.0, b""))

        def send() -> None:
            while True:
                due, data = chunks.get()
                if not data:
                    break
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                try:
                    sink.sendall(data)
                except OSError:
                    break
            for sock in (sink, source):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        threading.Thread(target=read, daemon=True).start()
        threading.Thread(target=send, daemon=True).start()


@contextmanager
def postgres_url():
    """The URL of a PostgreSQL server to use: GREENTASKS_TEST_PG_URL, or a throwaway one started
    (and stopped after) with tools/pg_throwaway.sh. None when neither can be had."""
    given = os.environ.get("GREENTASKS_TEST_PG_URL")
    if given:
        yield given
        return
    script = (f"source {ROOT / 'tools' / 'pg_throwaway.sh'}; export GREENTASKS_PG_USER=gtpgbench; "
              f"start_throwaway_postgres \"$1\" >&2 || exit 1; echo \"$GREENTASKS_TEST_PG_URL\"; read -r _")
    folder = Path(subprocess.check_output(["mktemp", "-d"], text=True).strip()) / "pg"
    proc = subprocess.Popen(["bash", "-c", script, "pg", str(folder)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    try:
        yield url or None
    finally:
        proc.stdin.close()  # the script's trap stops the server
        proc.wait(60)


def through(url: str, port: int) -> str:
    """``url`` with its host and port replaced by the proxy's."""
    parts = urlsplit(url)
    user = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    return urlunsplit((parts.scheme, f"{user}127.0.0.1:{port}", parts.path, parts.query, parts.fragment))


def measure_lan(folder: Path, results: dict, make_office=None) -> None:
    """lan_dashboard_ms and lan_import40_s (``make_office(db, folder)`` builds the import
    benchmark's office on a Database and returns its 40 return files)."""
    from datetime import date

    from sqlalchemy import text

    from greentasks.db import Database
    from greentasks.domain.changes import Changes
    from greentasks.services.returns_import import import_returns
    from greentasks.services.snapshot import load_snapshot

    with postgres_url() as url:
        if not url:
            results["lan_note"] = "no PostgreSQL server could be started"
            return
        direct = Database(url)
        with direct.engine.begin() as conn:  # a clean schema for the office
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        files = (make_office or build_returns_office)(direct, folder / "lan_returns")
        direct.dispose()
        host, port = urlsplit(url).hostname, urlsplit(url).port or 5432
        with DelayProxy((host, port)) as proxy:
            db = Database(through(url, proxy.port))
            today = date(2024, 4, 10)
            load_snapshot(db, today, Changes.everything(), None)  # connections and caches warm
            times = []
            for _ in range(5):
                t = time.perf_counter()
                load_snapshot(db, today, Changes.everything(), None)
                times.append(time.perf_counter() - t)
            results["lan_dashboard_ms"] = statistics.median(times) * 1000
            from sqlalchemy import event

            statements = []
            event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(1))
            t = time.perf_counter()
            report = import_returns(db, files)
            results["lan_import40_s"] = time.perf_counter() - t
            results["lan_import40_statements"] = len(statements)
            imported = sum(f.outcome == "imported" for f in report.files)
            results["lan_import40_files"] = imported
            db.dispose()


def build_returns_office(db, folder: Path) -> list[Path]:
    """The import benchmark's office on ``db``: 40 units with 15 assignments each, their templates
    for 2024Q1 exported and filled in as units do. Returns the 40 files."""
    from datetime import date

    from sqlalchemy import select

    from greentasks.models import Department, Task
    from greentasks.services.assignments import create_assignment
    from greentasks.services.audit import Actor
    from greentasks.services.bootstrap import initialize
    from tests.factories import filled_returns

    initialize(db)
    with db.writing() as s:
        deps = list(s.scalars(select(Department).where(Department.category != "集合").order_by(Department.id)))[:40]
        tasks = list(s.scalars(select(Task).order_by(Task.no)))
        actor = Actor(user="bench")
        for i, dep in enumerate(deps):
            for j in range(15):
                create_assignment(s, actor, tasks[(i + j) % len(tasks)], dep, "牵头",
                                  f"{dep.name}第{j + 1}项具体工作：落实绿色发展重点任务", "2025年底前")
    return filled_returns(db, folder, "2024Q1", date(2024, 4, 10), reported_on=date(2024, 4, 5))


if __name__ == "__main__":
    DelayProxy((sys.argv[1], int(sys.argv[2])), float(sys.argv[3])).serve_forever()
