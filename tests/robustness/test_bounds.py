"""Bounded work: query time limits, Ctrl-C, kg serve's limits and its server's end, and
endpoints that never answer (fake servers on 127.0.0.1, stopped at the end)."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.errors import EXIT_ERROR, EXIT_INTERRUPTED

from .conftest import KG, assert_one_line_error, run_kg

# Runs for minutes on any store of a few thousand triples (a cartesian product).
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_query_timeout(built_store_path):
    run = run_kg("query", "-e", ENDLESS, "--timeout", "1", "--store", built_store_path)
    assert run.code == EXIT_ERROR and run.seconds < 6, run
    assert_one_line_error(run.err, "ran over 1 s", "--timeout")


def test_ctrl_c_stops_a_query_within_a_second(built_store_path):
    # as from a terminal: a test runner started in the background may ignore SIGINT, and its
    # children would inherit that
    process = subprocess.Popen([*KG, "query", "-e", ENDLESS, "--store", str(built_store_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2)                          # started, imported, deep in the query
    assert process.poll() is None
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert time.monotonic() - sent < 1.0
    assert process.returncode == EXIT_INTERRUPTED
    assert_one_line_error(err, "interrupted")


@contextlib.contextmanager
def fake_endpoint(behaviour: str):
    """A server on 127.0.0.1 that accepts and then never answers ("silent") or sends its
    answer one byte every 0.2 s ("trickle"); yields its URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def handle(connection):
        with connection:
            connection.settimeout(0.2)
            with contextlib.suppress(OSError):
                connection.recv(65536)
            if behaviour == "trickle":
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                   b"Content-Length: 100000\r\n\r\n")
            while not stop.wait(0.2):
                if behaviour == "trickle":
                    with contextlib.suppress(OSError):
                        connection.sendall(b" ")

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                connection, _ = listener.accept()
                threading.Thread(target=handle, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/query"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def test_an_endpoint_that_never_answers():
    with fake_endpoint("silent") as url:
        run = run_kg("query", "relations", "--endpoint", url, "--timeout", "2")
    assert run.code == EXIT_ERROR and run.seconds < 8, run
    assert_one_line_error(run.err, "ran over 2 s")


@pytest.mark.parametrize("behaviour", ["silent", "trickle"])
def test_every_http_request_has_a_time_limit(behaviour):
    from kg.errors import EndpointError
    from kg.store import Endpoint, SparqlEndpointStore

    with fake_endpoint(behaviour) as url:
        store = SparqlEndpointStore(Endpoint.from_url(url), timeout=1)
        started = time.monotonic()
        with pytest.raises(EndpointError, match=url):
            list(store.quads())
        assert time.monotonic() - started < 5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _post(url: str, query: str, timeout: float = 30):
    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return answer.status, answer.read()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_kg_serve_limits_and_its_server_dies_with_it(built_store_path):
    bind = f"127.0.0.1:{_free_port()}"
    process = subprocess.Popen([*KG, "serve", "--store", str(built_store_path), "--bind", bind,
                                "--timeout", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert url == f"http://{bind}/query"
        servers = _children(process.pid)
        assert len(servers) == 1 and _alive(servers[0])
        with pytest.raises(urllib.error.HTTPError) as refused:
            _post(url, "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
        assert refused.value.code == 403 and b"--allow-service" in refused.value.read()
        with pytest.raises(urllib.error.HTTPError) as refused:
            _post(url + "?query=" + urllib.parse.quote("ASK { SERVICE <http://example.org/> {} }"), "ASK {}")
        assert refused.value.code == 403
        assert _post(url, "ASK { ?s ?p ?o }")[1].find(b"true") > 0
        started = time.monotonic()
        with contextlib.suppress(urllib.error.URLError, OSError, ValueError):
            _post(url, ENDLESS)            # cut by the server: a short or broken answer
        assert time.monotonic() - started < 15
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        deadline = time.monotonic() + 5
        while _alive(servers[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(servers[0]), "the Oxigraph server outlived kg serve"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
