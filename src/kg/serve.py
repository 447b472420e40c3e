"""Expose a store directory read-only over the SPARQL 1.1 Protocol, with the Oxigraph server.

:func:`serve` copies the store into a temporary directory (:func:`serving_copy`: the named
graphs as they are, and their union, each triple once, as the default graph) and runs
``oxigraph serve-read-only --location COPY`` on it, on a free port of 127.0.0.1 (the
``oxigraph`` command of the PyPI package ``oxigraph``, which reads the same store format as
pyoxigraph), behind :mod:`kg.web.app` on ``HOST:PORT``, which serves the resource pages and
passes every other request on (refusing ``SERVICE``, :mod:`kg.outbound`), until it is
interrupted; the copy is removed then. The Oxigraph server stops a query after ``--timeout-s``
seconds, and is killed with ``kg serve``, even by ``kill -9`` (Linux: ``PR_SET_PDEATHSIG``).
Linked-data tools (and ``kg … --endpoint``) query it at ``http://HOST:PORT/query``, and
``http://HOST:PORT/id/state/pe`` is Peru's page. The default graph there is the union
of all graphs as a set: ``COUNT(*)`` counts a triple that two documents state once, and the
Graph Store Protocol's ``GET /store?default`` returns the same triples. (Oxigraph's own
``--union-default-graph`` is a bag: oxigraph/oxigraph#1919.) Every update (SPARQL Update,
Graph Store Protocol PUT/POST/DELETE) is refused with HTTP 403; the store's directory is
only read.

The server reads the store as it was when it started: restart it after ``kg build`` or
``kg add`` (a build swaps in a new directory).

>>> query_url("127.0.0.1:7878")
'http://127.0.0.1:7878/query'
"""
from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from kg.errors import NotAvailable, ServeError
from kg.store import Endpoint, OxigraphStore, SparqlEndpointStore, is_url
from kg.web import app

READY = "Listening for requests at"


def query_url(bind: str) -> str:
    """The SPARQL query URL of a server bound to ``HOST:PORT``."""
    return f"http://{bind}/query"


def oxigraph_executable() -> str:
    """The ``oxigraph`` command: beside this Python (a virtualenv's ``bin``), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise NotAvailable("the Oxigraph server is not installed (the `oxigraph` command of "
                           "`pip install oxigraph`)")
    return found


def _raise_on_terminate(signum, frame):
    raise KeyboardInterrupt


def serving_copy(location, directory) -> None:
    """Write into ``directory`` a new store holding the store at ``location``'s named graphs
    and, as its default graph, each triple of their union once.

    >>> import tempfile, pyoxigraph as ox
    >>> source, copy = tempfile.mkdtemp() + "/s", tempfile.mkdtemp() + "/c"
    >>> a, g = ox.NamedNode("urn:a"), [ox.NamedNode("urn:g1"), ox.NamedNode("urn:g2")]
    >>> with OxigraphStore(source, read_only=False, create=True) as store:
    ...     store.add([ox.Quad(a, a, a, g[0]), ox.Quad(a, a, a, g[1])])
    2
    >>> serving_copy(source, copy)
    >>> len(ox.Store.read_only(copy)), len(list(ox.Store.read_only(copy).quads_for_pattern(None, None, None, ox.DefaultGraph())))
    (3, 1)
    """
    import pyoxigraph as ox

    target = ox.Store(str(directory))
    with OxigraphStore(location) as source:
        target.bulk_extend(source.quads())
        target.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in source.quads())
    target.flush()
    del target  # closes it, so that the server can open it


def _die_with_parent(parent: int):
    """In the server's process, before it runs: be killed when kg dies, even by SIGKILL (Linux)."""
    def arrange():
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:  # kg died before the line above
            os._exit(1)
    return arrange


def serve(location, bind: str = "127.0.0.1:7878", on_ready=print, timeout: float = 30,
          allowed_services=()) -> int:
    """Serve the store at ``location`` read-only on ``bind`` until interrupted.

    ``on_ready(url)`` is called with the query URL once the server listens. A query runs at
    most ``timeout`` seconds (whole seconds, at least 1); ``SERVICE`` is refused unless its
    host is in ``allowed_services``. Ctrl-C (or SIGTERM) stops the server and raises
    KeyboardInterrupt; a server that cannot start (a port in use, an unreadable store) is a
    :class:`~kg.errors.ServeError` with its message.
    """
    if is_url(location):
        raise ServeError(f"kg serve exposes a store directory; {location} is already an endpoint")
    OxigraphStore(location).close()  # a clear error for a missing or foreign directory
    executable = oxigraph_executable()
    copy = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    previous = signal.signal(signal.SIGTERM, _raise_on_terminate)
    server = front = None
    try:
        serving_copy(location, copy / "store")
        upstream = f"127.0.0.1:{_free_port()}"
        command = [executable, "serve-read-only", "--location", str(copy / "store"), "--bind", upstream,
                   "--timeout-s", str(max(1, math.ceil(timeout)))]
        server = subprocess.Popen(command, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "RUST_BACKTRACE": "0"}, start_new_session=True,
                                  preexec_fn=_die_with_parent(os.getpid()))
        message = ""
        for line in server.stderr:
            if line.startswith(READY):
                break
            if line.strip() and not message.startswith("Error:"):
                message = line.strip()
        else:
            raise ServeError(f"the Oxigraph server stopped (exit {server.wait()}): "
                             f"{message.removeprefix('Error: ') or 'no message'}")
        try:
            front = app.server(bind, upstream, SparqlEndpointStore(Endpoint.from_url(query_url(upstream))),
                               allowed_services, upstream_timeout=timeout + 5)
        except OSError as error:
            raise ServeError(f"cannot listen on {bind}: {error.strerror or error}") from None
        threading.Thread(target=_relay, args=(server, front), daemon=True).start()
        on_ready(query_url(bind))
        front.serve_forever()
        raise ServeError(f"the Oxigraph server stopped (exit {server.wait()})")
    finally:
        signal.signal(signal.SIGTERM, previous)
        if front is not None:
            front.server_close()
        if server is not None:
            stop(server)
        shutil.rmtree(copy, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _relay(server: subprocess.Popen, front) -> None:
    """Pass the Oxigraph server's messages on; stop the front server when it exits."""
    for line in server.stderr:
        if line.strip():
            sys.stderr.write(line)
    server.wait()
    front.shutdown()


def stop(process: subprocess.Popen) -> None:
    """Stop a server process: terminate it, and kill it if it has not ended within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
