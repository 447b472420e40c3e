"""The public side of ``kg serve``: an HTTP proxy that refuses ``SERVICE`` and forwards the
rest to the Oxigraph server, which listens on a loopback port of its own.

Every request's query (the ``query`` parameter of the URL or of a form body, or an
``application/sparql-query`` body) is checked with :func:`kg.outbound.check_services`; a
refused one gets HTTP 403 and a one-line reason, and the Oxigraph server never sees it.
Bodies over :data:`MAX_BODY` bytes get 413; a client that sends nothing for
:data:`CLIENT_TIMEOUT` seconds is dropped; an upstream that does not answer within the
query time limit (plus a margin) gives 504.

>>> queries_in("/query?query=ASK%7B%7D", "", b"")
['ASK{}']
>>> queries_in("/query", "application/x-www-form-urlencoded", b"query=SELECT+*+%7B%7D")
['SELECT * {}']
"""
from __future__ import annotations

import http.client
import http.server
import threading
import urllib.parse

from kg.errors import ServiceRefused
from kg.outbound import check_services

MAX_BODY = 16 * 1024 * 1024
CLIENT_TIMEOUT = 30
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailers", "transfer-encoding", "upgrade", "host", "content-length"}


def queries_in(target: str, content_type: str, body: bytes) -> list[str]:
    """The SPARQL query texts a request carries (URL, form body, or a sparql-query body)."""
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query).get("query", [])
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        found += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
    elif kind == "application/sparql-query":
        found.append(body.decode("utf-8", "replace"))
    return found


class Gateway(http.server.ThreadingHTTPServer):
    """Listens on ``address``; forwards to ``upstream`` (``HOST:PORT``) once it is set."""

    daemon_threads = True

    def __init__(self, address, allowed_services=(), upstream_timeout: float = 60):
        super().__init__(address, _Handler)
        self.allowed_services = tuple(allowed_services)
        self.upstream_timeout = upstream_timeout
        self.upstream: str | None = None

    def start(self, upstream: str) -> threading.Thread:
        """Forward to ``upstream`` and serve in a background thread."""
        self.upstream = upstream
        thread = threading.Thread(target=self.serve_forever, name="kg-gateway", daemon=True)
        thread.start()
        return thread


class _Handler(http.server.BaseHTTPRequestHandler):
    timeout = CLIENT_TIMEOUT
    server: Gateway

    def log_message(self, format, *args):  # the Oxigraph server logs; this stays quiet
        pass

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _forward(self) -> None:
        if self.headers.get("Transfer-Encoding"):
            return self._refuse(411, "send a Content-Length, not a chunked body")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._refuse(400, "Content-Length is not a number")
        if length > MAX_BODY:
            return self._refuse(413, f"a request body may hold at most {MAX_BODY} bytes")
        body = self.rfile.read(length) if length else b""
        try:
            for text in queries_in(self.path, self.headers.get("Content-Type", ""), body):
                check_services(text, self.server.allowed_services)
        except ServiceRefused as refused:
            return self._refuse(403, str(refused))
        host, port = self.server.upstream.rsplit(":", 1)
        upstream = http.client.HTTPConnection(host, int(port), timeout=self.server.upstream_timeout)
        answered = False
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            upstream.request(self.command, self.path, body=body if length else None, headers=headers)
            answer = upstream.getresponse()
            answered = True
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            while chunk := answer.read(65536):
                self.wfile.write(chunk)
        except TimeoutError:
            if not answered:
                self._refuse(504, "the query took too long")
        except (OSError, http.client.HTTPException) as error:
            if not answered:
                self._refuse(502, f"the Oxigraph server did not answer: {error}")
        finally:
            upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _forward
