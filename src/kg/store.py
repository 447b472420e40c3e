"""Where the graph is kept: one small interface, :class:`Store`, two implementations.

* :class:`OxigraphStore` — an embedded Oxigraph database (a directory; by default
  ``paths.DEFAULT_STORE``, or ``$KG_STORE``).
* :class:`SparqlEndpointStore` — any SPARQL 1.1 server (an :class:`Endpoint`: query, update
  and Graph Store Protocol URLs), over HTTP with the standard library's ``urllib``.

:func:`locate` says where a command works (``--endpoint``, ``$KG_ENDPOINT``, ``--store``,
``$KG_STORE``, ``build/store``: the first given wins); :func:`open_store` opens it (a
directory, an ``http(s)://`` URL or an :class:`Endpoint`). Nothing outside this module
knows which kind it has.

>>> import tempfile, pyoxigraph as ox
>>> path = tempfile.mkdtemp() + "/store"
>>> s, p = ox.NamedNode("https://kg.example.org/id/x"), ox.NamedNode("http://example.org/p")
>>> with open_store(path, read_only=False, create=True) as store:
...     store.add([ox.Quad(s, p, ox.Literal("1"), ox.NamedNode("https://kg.example.org/id/graph/curated"))])
1
>>> with open_store(path) as store:
...     [str(row["o"]) for row in store.query("SELECT ?o WHERE { ?_s ?p ?o }", {"_s": s})]
['"1"']

Behaviour worth knowing (measured with pyoxigraph 0.5.13):

* Opening read-write takes RocksDB's lock: a second process gets :class:`~kg.errors.StoreLocked`.
  Opening read-write rewrites a few bookkeeping files even when nothing is written, so
  commands that may change nothing (``query``, ``export``, ``validate``, a rejected ``add``)
  open the store read-only, which leaves the directory byte-identical.
* A read-only open works while another process holds the store; it sees the data as of the
  moment it opened. (Oxigraph calls reading while another process *writes* undefined; the
  build never writes in place — it swaps in a finished directory — and ``add`` writes one
  short transaction.)
* Queries see the union of all graphs (``use_default_graph_as_union``).
* Parameters are written into the query as RDF terms, in their N-Triples form (an IRI
  checked by Oxigraph, an escaped literal) — never from the user's text — wherever the query
  uses them, sub-selects included. A projected one is left to Oxigraph's ``substitutions``
  (SEP-0007), or for a remote endpoint bound by a ``VALUES`` row after the query.
* :meth:`Store.replace_build` replaces everything except the curated graphs
  (``kgr:graph/curated…``): the new store is built in a sibling directory and swapped in, so a
  failure leaves the old store as it was.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import shutil
import tempfile
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox

from kg import paths
from kg.errors import EndpointError, QueryError, StoreError, StoreLocked, StoreMissing

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@functools.lru_cache(maxsize=None)
def curated_prefix() -> str:
    """The IRI prefix of the curated graphs (kept across builds): ``kgr:graph/curated``."""
    from kg.namespaces import KGR  # rdflib: only the commands that write need it

    return str(KGR["graph/curated"])


def is_curated(graph) -> bool:
    """True for a named graph whose IRI starts with ``kgr:graph/curated``."""
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(curated_prefix())


# --- terms -----------------------------------------------------------------------------

def to_ox_term(term):
    """An rdflib term (or a pyoxigraph one, returned as is) as a pyoxigraph term."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.DefaultGraph, ox.Triple)):
        return term
    kind = type(term).__name__
    if kind == "URIRef":
        return ox.NamedNode(str(term))
    if kind == "BNode":
        return ox.BlankNode(str(term))
    if kind == "Literal":
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox_term(term):
    """A pyoxigraph IRI or literal as an rdflib term (the inverse of :func:`to_ox_term`)."""
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an IRI or a literal: {term!r}")


def to_ox_quad(item, graph=None) -> ox.Quad:
    """A pyoxigraph Quad from a Quad, a Triple, or an rdflib ``(s, p, o[, g])`` tuple."""
    if isinstance(item, ox.Quad):
        return item if graph is None else ox.Quad(item.subject, item.predicate, item.object, graph)
    if isinstance(item, ox.Triple):
        return ox.Quad(item.subject, item.predicate, item.object, graph or ox.DefaultGraph())
    s, p, o, *rest = item
    g = graph
    if g is None and rest and rest[0] is not None:
        g = getattr(rest[0], "identifier", rest[0])
        g = ox.DefaultGraph() if str(g) == "urn:x-rdflib:default" else to_ox_term(g)
    return ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), g or ox.DefaultGraph())


# --- SPARQL text, just enough to place parameters ---------------------------------------

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^\\]|\\.)*?\"\"\"|'''(?:[^\\]|\\.)*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\ufffd]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*:?)
  | (?P<open>[{(])
  | (?P<close>[})])
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


def sparql_tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """``(kind, text, offset)`` of each token: comment, string, iri, var, word, open, close."""
    for match in _TOKEN.finditer(text):
        yield match.lastgroup, match.group(), match.start()


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT, DESCRIBE — or an update keyword (INSERT, DROP, …) — or None."""
    for kind, token, _ in sparql_tokens(text):
        if kind == "word" and not token.endswith(":"):
            word = token.upper()
            if word in ("PREFIX", "BASE"):
                continue
            return word
    return None


def variables(text: str) -> set[str]:
    """Names (without ``?``) of the variables a query mentions, outside strings and comments."""
    return {tok[1:] for kind, tok, _ in sparql_tokens(text) if kind == "var"}


def _projected(text: str) -> set[str]:
    """Names a SELECT query projects (``{"*"}`` for ``SELECT *``); empty for other forms."""
    projected: set[str] = set()
    depth, seen_select, after_as = 0, False, False
    for kind, tok, _ in sparql_tokens(text):
        if kind == "comment":
            continue
        if not seen_select:
            seen_select = kind == "word" and tok.upper() == "SELECT"
            continue
        if kind == "open" and tok == "{" and depth == 0:
            break
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "var" and (depth == 0 or after_as):
            projected.add(tok[1:])
        elif kind == "other" and tok == "*" and depth == 0:
            projected.add("*")
        after_as = kind == "word" and tok.upper() == "AS"
    return projected


def values_block(bindings: Mapping[str, object]) -> str:
    """``VALUES (?a ?b) { (<iri> "literal") }`` from pyoxigraph terms (their own serialization)."""
    names = " ".join("?" + name for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f" VALUES ({names}) {{ ({terms}) }} "


def place_bindings(text: str, bindings: Mapping[str, object], *, substitutions: bool = True):
    """Write parameter values into a query; returns ``(query_text, engine_substitutions)``.

    A variable the query does not project is replaced by its term (its N-Triples form)
    wherever it appears, sub-selects included; one it projects is left to the engine
    (``substitutions``) or bound by a VALUES row after the query. Terms must be pyoxigraph
    terms.

    >>> place_bindings('SELECT ?s { ?s ?p ?_v }', {"_v": ox.Literal("x")})
    ('SELECT ?s { ?s ?p "x" }', {})
    """
    used = variables(text)
    bindings = {name: term for name, term in bindings.items() if name in used}
    if not bindings:
        return text, {}
    projected = _projected(text)
    kept = {n: t for n, t in bindings.items() if "*" in projected or n in projected}
    written = []
    for kind, tok, at in sparql_tokens(text):
        if kind == "var" and tok[1:] in bindings and tok[1:] not in kept:
            written.append((at, at + len(tok), str(bindings[tok[1:]])))
    for start, end, term in reversed(written):
        text = text[:start] + term + text[end:]
    if kept and not substitutions:
        return text.rstrip() + "\n" + values_block(kept).strip() + "\n", {}
    return text, kept


# --- the interface ---------------------------------------------------------------------

class Store:
    """The operations the commands need. Use as a context manager; ``close()`` when done."""

    location: str

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None, *,
              prefixes: Mapping[str, str] | None = None):
        """Run a SPARQL query over the union of all graphs.

        ``bindings`` maps variable names (without ``?``) to pyoxigraph terms. Returns a
        pyoxigraph ``QuerySolutions`` (SELECT), ``QueryBoolean`` (ASK) or an iterable of
        ``Triple`` (CONSTRUCT, DESCRIBE).
        """
        raise NotImplementedError

    def quads(self, graph=None) -> Iterator[ox.Quad]:
        """Every quad, or those of one named graph."""
        raise NotImplementedError

    def named_graphs(self) -> list:
        raise NotImplementedError

    def describe(self, nodes: Iterable) -> list[ox.Triple]:
        """The triples about ``nodes``: their outgoing triples, and the types of their objects."""
        raise NotImplementedError

    def replace_build(self, quads: Iterable) -> None:
        """Replace everything except the curated graphs with ``quads``, all or nothing."""
        raise NotImplementedError

    def add(self, quads: Iterable, graph=None) -> int:
        """Insert ``quads`` (into ``graph`` if given) in one transaction; returns how many."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


# --- where the store is --------------------------------------------------------------------

@dataclass(frozen=True)
class Endpoint:
    """The URLs of one SPARQL 1.1 server: Query, Update, and Graph Store Protocol (GSP).

    :meth:`from_url` derives what it is not given from the query URL: Oxigraph's ``…/query``
    implies ``…/update`` and ``…/store``; any other URL is taken to serve all three, as
    Fuseki's dataset URL (``…/ds``) does.

    >>> Endpoint.from_url("http://127.0.0.1:7878/query")
    Endpoint(query='http://127.0.0.1:7878/query', update='http://127.0.0.1:7878/update', graph_store='http://127.0.0.1:7878/store')
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
        else:
            derived = [query, query]
        return cls(query, update or derived[0], graph_store or derived[1])

    def __str__(self) -> str:
        return self.query


def is_url(location) -> bool:
    """True for an ``http(s)://`` location (an endpoint), False for a directory."""
    return str(location).startswith(("http://", "https://"))


def _endpoint(url: str, update: str | None = None, graph_store: str | None = None) -> Endpoint:
    """``url``'s endpoint; update and GSP URLs as given, else from the environment, else derived."""
    return Endpoint.from_url(url, update or os.environ.get("KG_UPDATE_ENDPOINT"),
                             graph_store or os.environ.get("KG_GSP_ENDPOINT"))


def store_location(store=None) -> str:
    """The store setting: ``store`` (``--store``), else ``$KG_STORE``, else ``build/store``."""
    return str(store or os.environ.get("KG_STORE") or paths.DEFAULT_STORE)


def locate(store=None, endpoint: str | None = None, update: str | None = None,
           graph_store: str | None = None) -> str | Endpoint:
    """Where a command works: ``endpoint`` (``--endpoint``), else ``$KG_ENDPOINT``, else
    :func:`store_location` (``--store``, ``$KG_STORE``, ``build/store``).

    A URL becomes an :class:`Endpoint` whose update and GSP URLs are ``update`` and
    ``graph_store`` (``--update-endpoint``, ``--gsp-endpoint``), else ``$KG_UPDATE_ENDPOINT``
    and ``$KG_GSP_ENDPOINT``, else derived (:meth:`Endpoint.from_url`).

    >>> locate("build/store", "http://127.0.0.1:7878/query", graph_store="http://127.0.0.1:7878/store").query
    'http://127.0.0.1:7878/query'
    """
    location = endpoint or os.environ.get("KG_ENDPOINT") or store_location(store)
    return _endpoint(location, update, graph_store) if is_url(location) else location


def open_store(location=None, *, read_only: bool = True, create: bool = False) -> Store:
    """The store at ``location``: a directory, an ``http(s)://`` query URL, or an :class:`Endpoint`.

    ``location`` defaults to :func:`locate`'s answer. ``read_only`` stores refuse writes;
    ``create`` makes a missing store directory (an endpoint is never created).
    """
    if location is None:
        location = locate()
    if not isinstance(location, Endpoint) and is_url(location):
        location = _endpoint(str(location))
    if isinstance(location, Endpoint):
        return SparqlEndpointStore(location, read_only=read_only)
    return OxigraphStore(location, read_only=read_only, create=create)


# --- embedded Oxigraph -------------------------------------------------------------------

def _is_store_dir(path: Path) -> bool:
    return (path / "CURRENT").is_file()


_OPEN_READ_WRITE: set[str] = set()  # stores this process holds open read-write


def _probe_lock(path: Path) -> None:
    """Raise StoreLocked if another process holds the store, without touching its files.

    RocksDB rotates its info LOG before it tries the lock, so a failed read-write open
    would change the directory; asking the lock first (POSIX ``lockf``, the lock RocksDB
    takes) keeps it byte-identical. Skipped for a store this process holds: closing our
    probe's descriptor would release RocksDB's own lock.
    """
    lock = path / "LOCK"
    if str(path.resolve()) in _OPEN_READ_WRITE or not lock.is_file():
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: RocksDB's own error is all we get
        return
    try:
        descriptor = os.open(lock, os.O_RDWR)
    except OSError:
        return
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreLocked(f"store {path} is in use by another process") from None
        fcntl.lockf(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _open_oxigraph(path: Path, read_only: bool):
    if not read_only:
        _probe_lock(path)
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        text = str(error)
        if "lock" in text.lower():
            raise StoreLocked(f"store {path} is in use by another process") from None
        raise StoreError(f"cannot open store {path}: {text.splitlines()[0]}") from None


class OxigraphStore(Store):
    """An embedded Oxigraph database in a directory."""

    def __init__(self, path=None, *, read_only: bool = True, create: bool = False):
        self.path = Path(path or paths.DEFAULT_STORE)
        self.location = str(self.path)
        self.read_only = read_only
        if not _is_store_dir(self.path):
            if not create:
                if self.path.exists() and not self.path.is_dir():
                    raise StoreMissing(f"{self.path} is not a store directory")
                if self.path.is_dir() and any(self.path.iterdir()):
                    raise StoreMissing(f"{self.path} is not an Oxigraph store")
                raise StoreMissing(f"no store at {self.path}; run `kg build` first")
            if read_only:
                raise StoreMissing(f"no store at {self.path}; run `kg build` first")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._store = _open_oxigraph(self.path, read_only)
        if not read_only:
            _OPEN_READ_WRITE.add(str(self.path.resolve()))

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None
            gc.collect()  # drop RocksDB (and its lock) now, not at some later collection
            if not self.read_only:
                _OPEN_READ_WRITE.discard(str(self.path.resolve()))

    def _require_open(self):
        if self._store is None:
            raise StoreError(f"store {self.path} is closed")
        return self._store

    def query(self, sparql, bindings=None, *, prefixes=None):
        store = self._require_open()
        text, subst = place_bindings(sparql, dict(bindings or {}))
        try:
            return store.query(
                text, use_default_graph_as_union=True, prefixes=dict(prefixes or {}) or None,
                substitutions={ox.Variable(n): t for n, t in subst.items()} or None)
        except SyntaxError as error:
            where = re.match(r"error at (\d+):(\d+): (.*)", str(error), re.DOTALL)
            if where:
                raise QueryError(f"SPARQL syntax error: {where[3]}", line=int(where[1]),
                                 column=int(where[2])) from None
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (RuntimeError, ValueError) as error:
            raise QueryError(str(error)) from None
        except OSError as error:
            raise StoreError(f"reading store {self.path}: {error}") from None

    def quads(self, graph=None):
        return self._require_open().quads_for_pattern(None, None, None, graph)

    def named_graphs(self):
        return list(self._require_open().named_graphs())

    def describe(self, nodes):
        store = self._require_open()
        found, objects = set(), set()
        for node in set(nodes):
            for quad in store.quads_for_pattern(node, None, None, None):
                found.add(quad.triple)
                if isinstance(quad.object, (ox.NamedNode, ox.BlankNode)):
                    objects.add(quad.object)
        for node in objects:
            for quad in store.quads_for_pattern(node, RDF_TYPE, None, None):
                found.add(quad.triple)
        return sorted(found, key=str)

    def add(self, quads, graph=None):
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        batch = [to_ox_quad(q, graph) for q in quads]
        try:
            self._require_open().extend(batch)  # one transaction
        except OSError as error:
            raise StoreError(f"writing store {self.path}: {error}") from None
        return len(batch)

    def replace_build(self, quads):
        self._rebuild(lambda fresh: fresh.bulk_extend(
            q for q in map(to_ox_quad, quads) if not is_curated(q.graph_name)))

    def replace_build_from_file(self, file) -> None:
        """Like :meth:`replace_build`, from an RDF dump (N-Quads, TriG, …, by its extension).

        Oxigraph's bulk loader parses the file itself, without a Python object per quad, so
        this loads as fast as pyoxigraph's ``bulk_load`` alone, and faster than
        ``replace_build(pyoxigraph.parse(file))`` (``make bench`` measures the three).
        """
        def fill(fresh):
            fresh.bulk_load(path=str(file))
            for graph in [g for g in fresh.named_graphs() if is_curated(g)]:
                fresh.remove_graph(graph)
        self._rebuild(fill)

    def _rebuild(self, fill) -> None:
        """Build a new store beside this one with ``fill(store)`` + this store's curated graphs, swap.

        RocksDB writes to its files by path when it closes, so the old store is closed
        *before* the swap (a store renamed while open corrupts whatever then sits at its old
        path); during the swap this process holds the old store's lock file itself.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        old = self._require_open()
        curated = [q for g in old.named_graphs() if is_curated(g)
                   for q in old.quads_for_pattern(None, None, None, g)]
        parent = self.path.parent
        fresh_dir = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.new-", dir=parent))
        retired = fresh_dir.with_name(fresh_dir.name.replace(".new-", ".old-"))
        try:
            fresh = ox.Store(str(fresh_dir))
            fill(fresh)
            fresh.extend(curated)
            fresh.flush()
            del fresh
            gc.collect()
        except BaseException:
            shutil.rmtree(fresh_dir, ignore_errors=True)
            raise
        del old
        self.close()
        try:
            with _holding_lock(self.path):
                os.replace(self.path, retired)
                try:
                    os.replace(fresh_dir, self.path)
                except BaseException:
                    os.replace(retired, self.path)
                    raise
        except BaseException:
            shutil.rmtree(fresh_dir, ignore_errors=True)
            self._store = _open_oxigraph(self.path, read_only=False)
            _OPEN_READ_WRITE.add(str(self.path.resolve()))
            raise
        shutil.rmtree(retired, ignore_errors=True)
        self._store = _open_oxigraph(self.path, read_only=False)
        _OPEN_READ_WRITE.add(str(self.path.resolve()))


@contextlib.contextmanager
def _holding_lock(path: Path):
    """Hold the (closed) store's RocksDB lock file, so no other process opens it meanwhile."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    descriptor = os.open(path / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreLocked(f"store {path} is in use by another process") from None
        yield
    finally:
        os.close(descriptor)


def build_store(location, quads) -> None:
    """Create or rebuild the store at ``location`` (a directory or an endpoint) from ``quads``,
    keeping its curated graphs."""
    with open_store(location, read_only=False, create=True) as store:
        store.replace_build(quads)


def load_store(path, file) -> None:
    """Create or rebuild the store at ``path`` from the RDF dump ``file``, keeping its curated
    graphs (those in the file are dropped, as :func:`build_store` drops them)."""
    with OxigraphStore(path, read_only=False, create=True) as store:
        store.replace_build_from_file(file)


# --- a remote SPARQL 1.1 endpoint ---------------------------------------------------------

# A row when the default graph lacks a triple of a named graph: the server does not show
# the union of all graphs by default, which the stored queries are written for.
UNION_CHECK = ("SELECT ?s WHERE { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } "
               "FILTER NOT EXISTS { ?s ?p ?o } }")
QUERY_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
                "application/n-triples, text/turtle;q=0.9")
FORM = "application/x-www-form-urlencoded"


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
      then one update request drops the old build's graphs and MOVEs the staging graphs into
      place; if anything fails, the staging graphs are dropped and the old build stays. On a
      server that runs an update request in one transaction (Oxigraph does) that is all or
      nothing; meanwhile, readers of the union also see the staging graphs. Blank nodes are
      scoped to one request, so one shared by two graphs would become two (the build's are
      each within one graph).
    * Every network failure or HTTP error is one :class:`~kg.errors.EndpointError` naming
      the URL and the status; a read-only server's refusal of an update is one too.

    Example: ``open_store("http://127.0.0.1:7878/query").query("ASK { ?s ?p ?o }")``.
    """

    def __init__(self, endpoint: Endpoint, *, read_only: bool = True, timeout: float = 300):
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
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
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
        url = self.endpoint.query
        kind, body = self._request("POST", url, urllib.parse.urlencode({"query": sparql}).encode(),
                                   content_type=FORM, accept=QUERY_ACCEPT)
        try:
            graph_format = ox.RdfFormat.from_media_type(kind)
            if graph_format is not None:
                return [quad.triple for quad in ox.parse(body, format=graph_format)]
            results_format = ox.QueryResultsFormat.from_media_type(kind)
            if results_format is None:
                raise EndpointError(f"{url}: answered with {kind}, not SPARQL results")
            return ox.parse_query_results(body, format=results_format)
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
        where = "GRAPH ?g { ?s ?p ?o }" if graph is None else f"VALUES ?g {{ {graph} }} GRAPH ?g {{ ?s ?p ?o }}"
        for row in self._query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def named_graphs(self):
        return [row["g"] for row in self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")]

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

    def add(self, quads, graph=None):
        batch = [to_ox_quad(q, graph) for q in quads]
        if batch:
            self._update(self._insert_data(batch))  # one request, one transaction
        return len(batch)

    def replace_build(self, quads):
        from kg.namespaces import KGR

        self._writable()
        graphs: dict = {}
        for quad in map(to_ox_quad, quads):
            if not is_curated(quad.graph_name):
                graphs.setdefault(quad.graph_name, []).append(quad.triple)
        stale = [g for g in self.named_graphs() if not is_curated(g) and g not in graphs]
        run = uuid.uuid4().hex
        staging = {g: ox.NamedNode(f"{KGR}graph/staging/{run}/{i}") for i, g in enumerate(graphs)}
        try:
            for target, triples in graphs.items():
                self._put(staging[target], triples)
            self._update(" ;\n".join([f"DROP SILENT GRAPH {g}" for g in stale]
                                      + [f"MOVE {s} TO {g}" for g, s in staging.items()]))
        except BaseException:
            with contextlib.suppress(StoreError):
                self._update(" ;\n".join(f"DROP SILENT GRAPH {s}" for s in staging.values()))
            raise
