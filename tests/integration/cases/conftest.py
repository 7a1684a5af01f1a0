"""Case store integration fixtures: every test runs on SQLite and on PostgreSQL.

PostgreSQL tests use the server named by TEST_POSTGRES_URL (default: 127.0.0.1:5432, database
`test`, user `postgres` then `root`, trust auth). Each test gets its own schema
(`asb_test_<random>`, via `search_path`) that is dropped afterwards, because the database is
shared with other test runs. They are skipped, with the reason, only if no server answers.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import suppress

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.cases.database import dispose_engine, upgrade_schema
from bot.cases.service import CaseService
from tests.postgres import postgres_schema, postgres_server_url, render

postgres_server_url = postgres_server_url  # re-exported fixture


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def database_url(backend, request, tmp_path) -> Iterator[str]:
    """An empty database of the parametrised backend."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'db' / 'cases.db'}"
        yield url
        dispose_engine(url)
    else:
        with postgres_schema(request.getfixturevalue("postgres_server_url")) as url:
            yield url


@pytest.fixture
def migrated_url(database_url) -> str:
    upgrade_schema(database_url)
    return database_url


@pytest.fixture
def service(migrated_url, tmp_path) -> CaseService:
    return CaseService(migrated_url, tmp_path / "outbox")


def _count_cases(database_url: str, reference: str | None = None) -> int:
    engine = create_engine(database_url, future=True, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            if reference is None:
                return connection.execute(text("SELECT COUNT(*) FROM cases")).scalar_one()
            return connection.execute(
                text("SELECT COUNT(*) FROM cases WHERE reference = :r"), {"r": reference}
            ).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def count_cases():
    """`count_cases(url, reference=None)`: rows in `cases`, counted with plain SQL."""
    return _count_cases


class TcpProxy:
    """A loopback TCP forwarder we can stop and start, to take a real server away and back."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut every open one, like a server going away."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            open_sockets, self._sockets = self._sockets, set()
        for sock in open_sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=3)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def postgres_behind_proxy(postgres_server_url) -> Iterator[tuple[str, str, TcpProxy]]:
    """(URL through the proxy, direct URL, proxy) for one fresh migrated schema."""
    with postgres_schema(postgres_server_url) as direct_url:
        upgrade_schema(direct_url)
        direct = make_url(direct_url)
        proxy = TcpProxy(direct.host or "127.0.0.1", direct.port or 5432)
        proxy.start()
        proxied_url = render(direct.set(host="127.0.0.1", port=proxy.port))
        try:
            yield proxied_url, direct_url, proxy
        finally:
            proxy.stop()
            dispose_engine(proxied_url)
