"""Expose a store directory read-only over the SPARQL 1.1 Protocol, with the Oxigraph server.

:func:`serve` runs ``oxigraph serve-read-only --location DIR --bind 127.0.0.1:PORT
--union-default-graph --timeout-s N`` (the ``oxigraph`` command of the PyPI package
``oxigraph``, which reads the same store format as pyoxigraph) behind :mod:`kg.gateway`,
which listens on ``HOST:PORT`` and refuses ``SERVICE``, until it is interrupted. Linked-data tools (and
``kg … --endpoint``) query it at ``http://HOST:PORT/query``, where the default graph is the
union of all graphs, as for ``kg query``; every update (SPARQL Update, Graph Store Protocol
PUT/POST/DELETE) is refused with HTTP 403 and the directory is not written.

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
from pathlib import Path

from kg.errors import NotAvailable, ServeError
from kg.gateway import Gateway
from kg.store import OxigraphStore, is_url, layout

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


def _loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(location, bind: str = "127.0.0.1:7878", on_ready=print, timeout: float = 30,
          allowed_services=()) -> int:
    """Serve the store at ``location`` read-only on ``bind`` until interrupted.

    ``on_ready(url)`` is called with the query URL once the server listens. A query runs at
    most ``timeout`` seconds (the Oxigraph server's ``--timeout-s``); ``SERVICE`` is refused
    unless its host is in ``allowed_services`` (:mod:`kg.gateway`). Ctrl-C (or SIGTERM)
    stops the server and raises KeyboardInterrupt; a kill of this process kills the server
    too. A server that cannot start (a port in use, an unreadable store) is a
    :class:`~kg.errors.ServeError` with its message.
    """
    if is_url(location):
        raise ServeError(f"kg serve exposes a store directory; {location} is already an endpoint")
    OxigraphStore(location).close()  # a clear error for a missing, foreign or damaged directory
    executable = oxigraph_executable()
    host, _, port = bind.rpartition(":")
    try:
        gateway = Gateway((host.strip("[]"), int(port)), allowed_services, upstream_timeout=timeout + 30)
    except (OSError, ValueError) as error:
        raise ServeError(f"cannot listen on {bind}: {getattr(error, 'strerror', None) or error}") from None
    held = layout.pin(Path(location))  # the version served stays while the server runs
    internal = f"127.0.0.1:{_loopback_port()}"
    command = [executable, "serve-read-only", "--location", str(held.path), "--bind", internal,
               "--union-default-graph", "--timeout-s", str(max(1, math.ceil(timeout)))]
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "RUST_BACKTRACE": "0"}, start_new_session=True,
                              preexec_fn=_die_with_parent(os.getpid()))
    previous = signal.signal(signal.SIGTERM, _raise_on_terminate)
    ready, message = False, ""
    try:
        for line in server.stderr:
            if not ready and line.startswith(READY):
                ready = True
                gateway.start(internal)
                on_ready(query_url(bind))
            elif line.strip():
                if not message.startswith("Error:"):
                    message = line.strip()
                if ready:
                    sys.stderr.write(line)
        code = server.wait()
        if code != 0 or not ready:
            raise ServeError(f"the Oxigraph server stopped (exit {code}): "
                             f"{message.removeprefix('Error: ') or 'no message'}")
        return code
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop(server)
        if ready:
            gateway.shutdown()
        gateway.server_close()
        held.release()


def stop(process: subprocess.Popen) -> None:
    """Stop a server process: terminate it, and kill it if it has not ended within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
