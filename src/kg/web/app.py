"""The HTTP side of ``kg serve``: resource pages in front of a SPARQL server.

``GET /id/<key>`` dereferences a minted IRI: HTML (labels in ``?lang=`` or the
``Accept-Language``, else English), Turtle or JSON-LD by ``Accept``; 404 when the graph says
nothing of it. A bilateral relation's page shows the pair's timeline; ``/timeline/A/B.svg``
is the same picture alone. ``GET /ontology`` is the ontology as a page or as Turtle;
``GET /.well-known/void`` the dataset's VoID + DCAT description (:mod:`kg.void`), which
the SPARQL service description (``GET /query`` without a query) names as its default
dataset.
Everything else (``/query``, ``/update``, ``/store`` …) goes unchanged to the SPARQL server.

>>> negotiate("text/turtle;q=0.9, text/html"), negotiate("application/ld+json"), negotiate("*/*")
('html', 'jsonld', 'html')
>>> negotiate("image/png") is None
True
>>> language("bn-BD,bn;q=0.9,en;q=0.5", {}), language("", {"lang": ["es"]})
('bn', 'es')
"""
from __future__ import annotations

import functools
import http.client
import json
import http.server
import re
import threading
import urllib.parse

import pyoxigraph as ox

from kg.namespaces import KGR
from kg.web import describe, pages, timeline

MEDIA = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "turtle",
         "application/ld+json": "jsonld", "application/n-triples": "ntriples"}
FORMATS = {"turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
           "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
           "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples")}
PROXIED_REQUEST = ("Accept", "Content-Type", "Accept-Language")
PROXIED_RESPONSE = ("Content-Type", "Location", "Vary")
MAX_BODY = 16 * 1024 * 1024  # bytes of a request body passed on to the SPARQL server


def negotiate(accept: str) -> str | None:
    """The best of html, turtle, jsonld, ntriples for an ``Accept`` header (html when any)."""
    best, chosen = -1.0, None
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=") and re.fullmatch(r"q=[0-9.]+", p)), 1.0)
        kind = "html" if media in ("*/*", "text/*") else MEDIA.get(media.lower())
        if kind and q > 0 and q - position * 1e-6 > best:
            best, chosen = q - position * 1e-6, kind
    return chosen


def language(accept_language: str, query: dict) -> str:
    """``?lang=`` if one of en, id, bn, es; else the first of them the browser accepts; else en."""
    asked = query.get("lang", [""])[0]
    if asked in pages.LANGS:
        return asked
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in pages.LANGS:
            return code
    return "en"


class Handler(http.server.BaseHTTPRequestHandler):
    """One request; ``server.store`` reads the graph, ``server.upstream`` is HOST:PORT."""

    protocol_version = "HTTP/1.1"
    server_version = "kg"

    def log_message(self, format, *args):  # quiet: the server's own log has the queries
        pass

    def _send(self, status: int, body: bytes, content_type: str, vary: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if vary:
            self.send_header("Vary", "Accept, Accept-Language")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _proxy(self, amend=None) -> None:
        """Pass the request to the SPARQL server and its answer back; ``amend(content type,
        body)`` may rewrite a 200 answer's body. A body over :data:`MAX_BODY` bytes (413) or a
        query with a ``SERVICE`` clause whose host is not allowed (403) is not passed on."""
        from kg.errors import ServiceRefused
        from kg.outbound import check_services, queries_in

        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._send(400, b"Content-Length is not a number\n", "text/plain")
        if length > MAX_BODY or self.headers.get("Transfer-Encoding"):
            return self._send(413, f"send at most {MAX_BODY} bytes, with a Content-Length\n".encode(),
                              "text/plain")
        body = self.rfile.read(length) if length else None
        try:
            for text in queries_in(self.path, self.headers.get("Content-Type", ""), body or b""):
                check_services(text, self.server.allowed_services)
        except ServiceRefused as refused:
            return self._send(403, f"{refused}\n".encode(), "text/plain")
        host, port = self.server.upstream.rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port), timeout=self.server.upstream_timeout)
        try:
            headers = {k: self.headers[k] for k in PROXIED_REQUEST if self.headers.get(k)}
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except OSError as error:
            self._send(502, f"the SPARQL server did not answer: {error}\n".encode(), "text/plain")
            return
        finally:
            connection.close()
        if amend is not None and response.status == 200:
            data = amend(response.getheader("Content-Type") or "", data)
        self.send_response(response.status, response.reason)
        for name in PROXIED_RESPONSE:
            if response.getheader(name):
                self.send_header(name, response.getheader(name))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _rdf(self, kind: str, triples) -> None:
        from kg.export import prefixes

        rdf_format, media = FORMATS[kind]
        data = ox.serialize(triples, format=rdf_format, prefixes=prefixes())
        if kind == "jsonld":
            from kg.jsonld import compact

            data = compact(data)
        self._send(200, data, media, vary=True)

    def _resource(self, key: str, query: dict) -> None:
        kind = negotiate(self.headers.get("Accept", ""))
        if kind is None:
            self._send(406, b"available: text/html, text/turtle, application/ld+json, application/n-triples\n",
                       "text/plain")
            return
        iri = ox.NamedNode(str(KGR) + key)
        store, lang = self.server.store, language(self.headers.get("Accept-Language", ""), query)
        if kind != "html":
            triples = describe.description(store, iri)
            if not triples:
                self._send(404, f"nothing is known of {iri.value}\n".encode(), "text/plain")
            else:
                self._rdf(kind, triples)
            return
        resource = describe.describe(store, iri, lang)
        if resource is None:
            body = pages.page("Not found", f"<h1>Not found</h1><p>Nothing is known of {iri.value}.</p>", lang)
            self._send(404, body.encode(), "text/html; charset=utf-8")
            return
        drawing = ""
        states = [o for p, _, o, _ in resource.statements if p.value == describe.KG + "state"]
        if any(t.value == describe.KG + "BilateralRelation" for t, _ in resource.types) and len(states) == 2:
            drawing = timeline.drawing(store, *sorted(states, key=str), lang, link=pages.href)
        self._send(200, pages.resource_page(resource, lang, drawing).encode(), "text/html; charset=utf-8",
                   vary=True)

    def _ontology(self, query: dict) -> None:
        kind = negotiate(self.headers.get("Accept", ""))
        store = self.server.store
        if kind in ("turtle", "jsonld", "ntriples"):
            graph = ox.NamedNode(str(KGR) + "graph/ontology")
            self._rdf(kind, [q.triple for q in store.quads(graph)])
        else:
            lang = language(self.headers.get("Accept-Language", ""), query)
            html = pages.ontology_page(describe.ontology_terms(store, lang), lang)
            self._send(200, html.encode(), "text/html; charset=utf-8", vary=True)

    def _timeline(self, a: str, b: str, query: dict) -> None:
        lang = language(self.headers.get("Accept-Language", ""), query)
        states = [timeline.state_iri(code) for code in (a, b)]
        picture = timeline.drawing(self.server.store, *states, lang, link=pages.href)
        self._send(200, picture.encode(), "image/svg+xml", vary=True)

    def _void(self) -> None:
        """The VoID + DCAT description, naming this server's query URL as its endpoint."""
        from kg import void

        kind = negotiate(self.headers.get("Accept", ""))
        kind = kind if kind in ("jsonld", "ntriples") else "turtle"
        with self.server.lock:
            if self.server.quads is None:  # the data is fixed while the server runs
                self.server.quads = [q for q in self.server.store.quads() if q.graph_name != void.GRAPH]
        endpoint = f"http://{self.headers.get('Host') or self.server.bind}/query"
        self._rdf(kind, [q.triple for q in void.description(self.server.quads, endpoint)])

    @staticmethod
    def _name_the_dataset(void_url: str, content_type: str, body: bytes) -> bytes:
        """The server's service description, with its default dataset named: the dataset
        that ``/.well-known/void`` describes (``sd:defaultDataset <BASE>``)."""
        from kg import void

        rdf_format = ox.RdfFormat.from_media_type(content_type.split(";")[0].strip())
        if rdf_format is None:
            return body
        try:
            base = void_url.replace("/.well-known/void", "/query")  # it says sd:endpoint <>
            triples = [q.triple for q in ox.parse(body, format=rdf_format, base_iri=base)]
        except SyntaxError:
            return body
        sd = "http://www.w3.org/ns/sparql-service-description#"
        services = {t.subject for t in triples
                    if t.predicate.value == describe.RDF_TYPE and t.object.value == sd + "Service"}
        extra = [ox.Triple(service, ox.NamedNode(sd + "defaultDataset"), void.DATASET) for service in services]
        extra += [ox.Triple(void.DATASET, ox.NamedNode(describe.RDF_TYPE), ox.NamedNode(sd + "Dataset")),
                  ox.Triple(void.DATASET, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
                            ox.NamedNode(void_url))] if services else []
        return ox.serialize(triples + extra, format=rdf_format)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path, query = urllib.parse.unquote(url.path), urllib.parse.parse_qs(url.query)
        try:
            if path == "/.well-known/void":
                return self._void()
            if path == "/context.jsonld":
                from kg.jsonld import context

                body = json.dumps({"@context": context()}, indent=2).encode()
                return self._send(200, body, "application/ld+json")
            if path.startswith("/id/") and len(path) > 4:
                return self._resource(path[4:], query)
            if path == "/ontology":
                return self._ontology(query)
            found = re.fullmatch(r"/timeline/([A-Za-z]{2})/([A-Za-z]{2})\.svg", path)
            if found:
                return self._timeline(found[1], found[2], query)
        except Exception as error:  # noqa: BLE001 - one failing page must not stop the server
            self._send(500, f"kg: error: {type(error).__name__}: {error}\n".encode(), "text/plain")
            return
        if path == "/query" and "query" not in query:
            where = f"http://{self.headers.get('Host') or self.server.bind}/.well-known/void"
            return self._proxy(amend=functools.partial(self._name_the_dataset, where))
        self._proxy()

    do_HEAD = do_GET

    def do_POST(self):
        self._proxy()

    do_PUT = do_DELETE = do_PATCH = do_POST


def server(bind: str, upstream: str, store, allowed_services=(),
           upstream_timeout: float = 300) -> http.server.ThreadingHTTPServer:
    """A server on ``bind`` (HOST:PORT) in front of the SPARQL server at ``upstream`` (HOST:PORT),
    reading pages from ``store``, letting ``SERVICE`` reach only ``allowed_services``; call
    ``serve_forever()``. Raises OSError when ``bind`` is taken."""
    host, port = bind.rsplit(":", 1)
    front = http.server.ThreadingHTTPServer((host, int(port)), Handler)
    front.daemon_threads = True
    front.upstream, front.store, front.bind = upstream, store, bind
    front.allowed_services, front.upstream_timeout = tuple(allowed_services), upstream_timeout
    front.lock, front.quads = threading.Lock(), None
    return front
