"""A remote store: any SPARQL 1.1 server, over HTTP with the standard library's ``urllib``.

>>> Endpoint.from_url("http://127.0.0.1:7878/query").update
'http://127.0.0.1:7878/update'
"""
from __future__ import annotations

import contextlib
import itertools
import json
import re
import time
import urllib.parse
import uuid
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import EndpointError, StoreError
from kg.sparql import place_bindings, query_form
from kg.store.base import Store, is_curated
from kg.terms import to_ox_quad


@dataclass(frozen=True)
class Endpoint:
    """The URLs of one SPARQL 1.1 server: Query, Update, and Graph Store Protocol (GSP).

    :meth:`from_url` derives what it is not given from the query URL: Oxigraph's ``…/query``
    implies ``…/update`` and ``…/store``; Virtuoso's ``http://HOST:PORT/sparql`` (that path
    alone) takes updates itself and has the GSP at ``/sparql-graph-crud``; any other URL is
    taken to serve all three, as Fuseki's dataset URL (``…/ds``) does.

    >>> Endpoint.from_url("http://127.0.0.1:7878/query")
    Endpoint(query='http://127.0.0.1:7878/query', update='http://127.0.0.1:7878/update', graph_store='http://127.0.0.1:7878/store')
    >>> Endpoint.from_url("http://127.0.0.1:8890/sparql").graph_store
    'http://127.0.0.1:8890/sparql-graph-crud'
    >>> Endpoint.from_url("http://localhost:3030/ds/sparql", "http://localhost:3030/ds/update",
    ...                   "http://localhost:3030/ds/data").graph_store
    'http://localhost:3030/ds/data'
    """

    query: str
    update: str
    graph_store: str

    @classmethod
    def from_url(cls, query: str, update: str | None = None, graph_store: str | None = None):
        parts = urllib.parse.urlsplit(query)
        if parts.path.endswith("/query"):
            base = parts.path[:-len("query")]
            derived = [urllib.parse.urlunsplit(parts._replace(path=base + name, query="", fragment=""))
                       for name in ("update", "store")]
        elif parts.path == "/sparql":
            derived = [query, urllib.parse.urlunsplit(parts._replace(path="/sparql-graph-crud"))]
        else:
            derived = [query, query]
        return cls(query, update or derived[0], graph_store or derived[1])

    def __str__(self) -> str:
        return self.query


PAGE = 10000  # rows a request: Virtuoso's default ResultSetMaxRows cuts answers there
HAS_PART = "http://purl.org/dc/terms/hasPart"


def graph_prefix() -> str:
    """The IRI prefix of kg's named graphs: ``kgr:graph/``."""
    from kg.namespaces import KGR

    return f"{KGR}graph/"


def build_record() -> ox.NamedNode:
    """The graph in which ``kg build --endpoint`` records the graphs it wrote
    (``kgr:graph/build dcterms:hasPart <graph>``), so that the next build replaces those only."""
    return ox.NamedNode(graph_prefix() + "build")


# A row when the default graph lacks a triple of a named graph: the server does not show
# the union of all graphs by default, which the stored queries are written for.
UNION_CHECK = ("SELECT ?s WHERE { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } "
               "FILTER NOT EXISTS { ?s ?p ?o } }")
# What each query form asks for; the answer is then read by the media type it declares.
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
FORM = "application/x-www-form-urlencoded"
JSON_RESULTS = "application/sparql-results+json"
ASK_COLUMN = "__ASK_RETVAL"
BLANK_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")


def blank_label(label: str) -> str:
    """A server's blank node label as one Oxigraph accepts, the same for the same label.

    >>> blank_label("b12"), blank_label("nodeID://b1")
    ('b12', 'x6e6f646549443a2f2f6231')
    """
    return label if BLANK_LABEL.fullmatch(label) else "x" + label.encode().hex()


def normalize_results(body: bytes, kind: str) -> bytes:
    """SPARQL results (JSON or XML) as Oxigraph reads them: every blank node label made
    acceptable (Virtuoso labels them ``nodeID://b10006``), and an ASK answered as one row of
    ``__ASK_RETVAL`` (Virtuoso does so at times) made the boolean it stands for.

    >>> normalize_results(b'{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": '
    ...                   b'[{"__ASK_RETVAL": {"type": "literal", "value": "1"}}]}}', JSON_RESULTS)
    b'{"head": {}, "boolean": true}'
    """
    if kind == JSON_RESULTS:
        data = json.loads(body)
        if data.get("head", {}).get("vars") == [ASK_COLUMN]:
            rows = data.get("results", {}).get("bindings", [])
            value = rows[0].get(ASK_COLUMN, {}).get("value") if rows else None
            return json.dumps({"head": {}, "boolean": value in ("1", "true")}).encode()
        for row in data.get("results", {}).get("bindings", []):
            for value in row.values():
                if value.get("type") == "bnode":
                    value["value"] = blank_label(value["value"])
        return json.dumps(data).encode()
    return re.sub(rb"(<bnode>)([^<]*)(</bnode>)",
                  lambda m: m[1] + blank_label(m[2].decode()).encode() + m[3], body)


class SparqlEndpointStore(Store):
    """A SPARQL 1.1 server: Query and Update protocols, and the Graph Store Protocol (GSP).

    * Queries are POSTed to the query URL. They must see the union of all graphs as the
      default graph, as the embedded store's do (Oxigraph: ``--union-default-graph``; Fuseki:
      ``tdb2:unionDefaultGraph``). The first query of a store checks that one triple of a
      named graph is in the default graph, and otherwise fails with that advice rather than
      answer from an empty default graph.
    * :meth:`quads` reads the named graphs with one SELECT. The default graph is neither
      read nor dropped: kg writes only named graphs, a union default graph cannot tell its
      own triples apart, and servers differ in what dropping it does.
    * :meth:`add` is one SPARQL Update request (``INSERT DATA``).
    * :meth:`replace_build` PUTs each graph (N-Triples) into a staging graph with the GSP,
      then one update request drops the old build's graphs (``kgr:graph/…`` only: another
      dataset's graphs on the same server are never touched) and MOVEs the staging graphs into
      place; if anything fails, the staging graphs are dropped and the old build stays. On a
      server that runs an update request in one transaction (Oxigraph does) that is all or
      nothing; meanwhile, readers of the union also see the staging graphs. Blank nodes are
      scoped to one request, so one shared by two graphs would become two (the build's are
      each within one graph).
    * Every network failure or HTTP error is one :class:`~kg.errors.EndpointError` naming
      the URL and the status; a read-only server's refusal of an update is one too. A request
      that has no whole answer within ``timeout`` seconds (60) fails the same way.

    Example: ``open_store("http://127.0.0.1:7878/query").query("ASK { ?s ?p ?o }")``.
    """

    def __init__(self, endpoint: Endpoint, *, read_only: bool = True, timeout: float = 60):
        self.endpoint = endpoint
        self.location = self.endpoint.query
        self.read_only = read_only
        self.timeout = timeout
        self._union_checked = False

    # HTTP

    def _request(self, method: str, url: str, body: bytes | None = None, *, params=None,
                 content_type: str | None = None, accept: str | None = None) -> tuple[str, bytes]:
        """``(content type, body)`` of the answer; any failure is an EndpointError naming ``url``."""
        import http.client
        import urllib.error
        import urllib.request

        target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params) if params else url
        headers = {name: value for name, value in (("Content-Type", content_type), ("Accept", accept))
                   if value}
        request = urllib.request.Request(target, data=body, method=method, headers=headers)
        deadline = time.monotonic() + self.timeout
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                chunks = []
                while chunk := response.read1(1 << 16):  # a server that trickles is cut too
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise TimeoutError
                return response.headers.get_content_type(), b"".join(chunks)
        except TimeoutError:
            raise EndpointError(f"{url}: no whole answer within {self.timeout:g} s") from None
        except urllib.error.HTTPError as error:
            detail = " ".join(error.read(2000).decode("utf-8", "replace").split())
            detail = f": {detail[:200]}" if detail else ""
            raise EndpointError(f"{url}: HTTP {error.code} {error.reason}{detail}") from None
        except urllib.error.URLError as error:
            reason = getattr(error.reason, "strerror", None) or error.reason
            raise EndpointError(f"{url}: cannot connect: {reason}") from None
        except (http.client.HTTPException, OSError) as error:
            raise EndpointError(f"{url}: {type(error).__name__}: {error}") from None

    def _query(self, sparql: str):
        """The answer to ``sparql``, POSTed (a query of any length), read by its media type."""
        url = self.endpoint.query
        accept = GRAPH_ACCEPT if query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else RESULTS_ACCEPT
        kind, body = self._request("POST", url, urllib.parse.urlencode({"query": sparql}).encode(),
                                   content_type=FORM, accept=accept)
        try:
            graph_format = ox.RdfFormat.from_media_type(kind)
            if graph_format is not None:
                return [quad.triple for quad in ox.parse(body, format=graph_format)]
            results_format = ox.QueryResultsFormat.from_media_type(kind)
            if results_format is None:
                raise EndpointError(f"{url}: answered with {kind}, not SPARQL results or RDF")
            return ox.parse_query_results(normalize_results(body, kind), format=results_format)
        except (SyntaxError, ValueError) as error:
            raise EndpointError(f"{url}: unreadable {kind} answer: {error}") from None

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"endpoint {self.endpoint.query} is open read-only")

    def _update(self, text: str) -> None:
        self._writable()
        self._request("POST", self.endpoint.update, urllib.parse.urlencode({"update": text}).encode(),
                      content_type=FORM)

    def _put(self, graph: ox.NamedNode, triples: list) -> None:
        """Replace ``graph``'s content with ``triples`` (GSP PUT, N-Triples)."""
        self._writable()
        self._request("PUT", self.endpoint.graph_store, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                      params={"graph": graph.value}, content_type="application/n-triples")

    # reading

    def query(self, sparql, bindings=None, *, prefixes=None):
        if not self._union_checked:
            if list(self._query(UNION_CHECK)):
                raise EndpointError(
                    f"{self.endpoint.query}: the default graph is not the union of the named "
                    f"graphs, which kg's queries need (Oxigraph: --union-default-graph; Fuseki: "
                    f"tdb2:unionDefaultGraph true)")
            self._union_checked = True
        if prefixes:  # on the query's first line, so the server's error lines stay the user's
            sparql = "".join(f"PREFIX {p}: <{iri}> " for p, iri in prefixes.items()) + sparql
        text, _ = place_bindings(sparql, dict(bindings or {}), substitutions=False)
        return self._query(text)

    def quads(self, graph=None):
        """The quads of kg's named graphs (:meth:`named_graphs`), or of ``graph``: each graph
        whole by a Graph Store Protocol GET, else (a server without one) a query page at a time.
        (Virtuoso sorts at most 10,000 rows for a page, so paging its big graphs fails.)"""
        for name in [graph] if graph is not None else self.named_graphs():
            try:
                kind, body = self._request("GET", self.endpoint.graph_store, params={"graph": name.value},
                                           accept=GRAPH_ACCEPT)
                graph_format = ox.RdfFormat.from_media_type(kind)
            except EndpointError:
                graph_format = None
            if graph_format is not None:
                try:
                    triples = [quad.triple for quad in ox.parse(body, format=graph_format)]
                except (SyntaxError, ValueError) as error:
                    raise EndpointError(f"{self.endpoint.graph_store}: unreadable {kind} graph: {error}") from None
                yield from (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
                continue
            for offset in itertools.count(0, PAGE):
                rows = list(self._query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }} "
                                        f"ORDER BY ?s ?p ?o LIMIT {PAGE} OFFSET {offset}"))
                yield from (ox.Quad(row["s"], row["p"], row["o"], name) for row in rows)
                if len(rows) < PAGE:
                    break

    def named_graphs(self):
        """kg's graphs on the server: those named under ``kgr:graph/``, except its own record of
        what it built and a build's staging graphs. A server's other graphs (its system graphs,
        other datasets) are not read."""
        ours, record, staging = graph_prefix(), build_record().value, graph_prefix() + "staging/"
        rows = self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted((row["g"] for row in rows if row["g"] is not None
                       and row["g"].value.startswith(ours) and row["g"].value != record
                       and not row["g"].value.startswith(staging)), key=str)

    def owned_graphs(self) -> list:
        """The graphs the last ``kg build`` wrote, as recorded in :func:`build_record`."""
        record = build_record()
        return [row["g"] for row in self._query(
            f"SELECT ?g WHERE {{ GRAPH {record} {{ {record} <{HAS_PART}> ?g }} }}") if row["g"] is not None]

    def owned_quads(self):
        owned = set(self.owned_graphs())
        return (q for q in self.quads() if q.graph_name in owned and not is_curated(q.graph_name))

    def describe(self, nodes):
        nodes = list(set(nodes))
        if not nodes:
            return []
        values = " ".join(str(n) for n in nodes)
        return sorted(set(self.query(
            f"CONSTRUCT {{ ?n ?p ?o . ?o a ?t }} WHERE {{ VALUES ?n {{ {values} }} "
            f"?n ?p ?o OPTIONAL {{ ?o a ?t }} }}")), key=str)

    # writing

    @staticmethod
    def _insert_data(quads) -> str:
        by_graph: dict = {}
        for q in quads:
            by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
        blocks = [("\n".join(lines) if isinstance(g, ox.DefaultGraph)
                   else f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}") for g, lines in by_graph.items()]
        return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"

    def update(self, sparql):
        self._update(sparql)

    def add(self, quads, graph=None):
        batch = [to_ox_quad(q, graph) for q in quads]
        if batch:
            self._update(self._insert_data(batch))  # one request, one transaction
        return len(batch)

    def replace_build(self, quads):
        """Replace the graphs the last build wrote (and only those) with ``quads``' graphs, and
        record the new ones: another dataset's graph on the same server is never touched."""
        self._writable()
        graphs: dict = {}
        for quad in map(to_ox_quad, quads):
            if not is_curated(quad.graph_name):
                graphs.setdefault(quad.graph_name, []).append(quad.triple)
        stale = [g for g in self.owned_graphs() if not is_curated(g) and g not in graphs]
        record = build_record()
        graphs[record] = [ox.Triple(record, ox.NamedNode(HAS_PART), g)
                          for g in graphs if isinstance(g, ox.NamedNode)]
        run = uuid.uuid4().hex
        staging = {g: ox.NamedNode(f"{graph_prefix()}staging/{run}/{i}") for i, g in enumerate(graphs)}
        try:
            for target, triples in graphs.items():
                self._put(staging[target], triples)
            self._update(" ;\n".join([f"DROP SILENT GRAPH {g}" for g in stale]
                                      + [f"MOVE {s} TO {g}" for g, s in staging.items()]))
        except BaseException:
            with contextlib.suppress(StoreError):
                self._update(" ;\n".join(f"DROP SILENT GRAPH {s}" for s in staging.values()))
            raise
