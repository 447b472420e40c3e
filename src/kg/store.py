"""Where the graph is kept: one small interface, :class:`Store`, two implementations.

* :class:`OxigraphStore` — an embedded Oxigraph database (a directory; by default
  ``paths.DEFAULT_STORE``, or ``$KG_STORE``).
* :class:`SparqlEndpointStore` — any SPARQL 1.1 endpoint (query URL, optional update URL),
  over the standard protocol with the standard library's ``urllib``.

:func:`open_store` picks one from a location (``http(s)://…`` is an endpoint).

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
* Parameters bind as RDF terms: Oxigraph's ``substitutions`` (SEP-0007) where it accepts
  them; it refuses a SELECT variable that is not projected, so such a parameter becomes a
  ``VALUES`` row at the start of the query's outer group, written from the term's own
  N-Triples serialization (an IRI checked by Oxigraph, an escaped literal) — never from the
  user's text. A remote endpoint gets every parameter that way.
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


def _select_outline(text: str):
    """For a SELECT query: (projected names or {"*"}, offset just after its outer ``{``)."""
    projected: set[str] = set()
    depth, seen_select, after_as = 0, False, False
    for kind, tok, at in sparql_tokens(text):
        if kind == "comment":
            continue
        if not seen_select:
            seen_select = kind == "word" and tok.upper() == "SELECT"
            continue
        if kind == "open" and tok == "{" and depth == 0:
            return projected, at + 1
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "var" and (depth == 0 or after_as):
            projected.add(tok[1:])
        elif kind == "other" and tok == "*" and depth == 0:
            projected.add("*")
        after_as = kind == "word" and tok.upper() == "AS"
    return projected, None


def values_block(bindings: Mapping[str, object]) -> str:
    """``VALUES (?a ?b) { (<iri> "literal") }`` from pyoxigraph terms (their own serialization)."""
    names = " ".join("?" + name for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f" VALUES ({names}) {{ ({terms}) }} "


def place_bindings(text: str, bindings: Mapping[str, object], *, substitutions: bool = True):
    """Split ``bindings`` into engine substitutions and a VALUES row placed in the query.

    Returns ``(query_text, substitutions)``. Terms must be pyoxigraph terms.
    """
    bindings = {name: term for name, term in bindings.items() if name in variables(text)}
    if not bindings:
        return text, {}
    form = query_form(text)
    if form == "SELECT":
        projected, group = _select_outline(text)
        subst = {n: t for n, t in bindings.items()
                 if substitutions and ("*" in projected or n in projected)}
        rest = {n: t for n, t in bindings.items() if n not in subst}
        if rest:
            if group is None:
                raise QueryError("cannot find the query's WHERE group to bind parameters")
            text = text[:group] + values_block(rest) + text[group:]
        return text, subst
    if substitutions:
        return text, dict(bindings)
    return text.rstrip() + "\n" + values_block(bindings).strip() + "\n", {}


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


def open_store(location=None, *, read_only: bool = True, create: bool = False) -> Store:
    """The store at ``location`` (a directory or an ``http(s)://`` endpoint URL).

    ``location`` defaults to ``paths.DEFAULT_STORE`` (``$KG_STORE``). For an endpoint, the
    update URL is ``$KG_UPDATE_ENDPOINT`` or the query URL.
    """
    location = str(location or paths.DEFAULT_STORE)
    if location.startswith(("http://", "https://")):
        return SparqlEndpointStore(location, os.environ.get("KG_UPDATE_ENDPOINT") or location)
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


def build_store(path, quads) -> None:
    """Create or rebuild the store at ``path`` from ``quads``, keeping its curated graphs."""
    with OxigraphStore(path, read_only=False, create=True) as store:
        store.replace_build(quads)


def load_store(path, file) -> None:
    """Create or rebuild the store at ``path`` from the RDF dump ``file``, keeping its curated
    graphs (those in the file are dropped, as :func:`build_store` drops them)."""
    with OxigraphStore(path, read_only=False, create=True) as store:
        store.replace_build_from_file(file)


# --- a remote SPARQL 1.1 endpoint ---------------------------------------------------------

class SparqlEndpointStore(Store):
    """A SPARQL 1.1 Protocol endpoint (query URL, update URL). Not exercised by the tests."""

    RESULTS = "application/sparql-results+json"

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60):
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.location = query_url
        self.timeout = timeout

    def _post(self, url: str, field: str, text: str, accept: str):
        import urllib.error
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode({field: text}).encode()
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
            raise EndpointError(f"{url}: HTTP {error.code} {detail[0] if detail else ''}") from None
        except (urllib.error.URLError, OSError) as error:
            raise EndpointError(f"{url}: {getattr(error, 'reason', error)}") from None

    def query(self, sparql, bindings=None, *, prefixes=None):
        if prefixes:
            sparql = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items()) + sparql
        text, _ = place_bindings(sparql, dict(bindings or {}), substitutions=False)
        kind, body = self._post(self.query_url, "query", text,
                                f"{self.RESULTS}, application/n-triples;q=0.9")
        if kind == "application/n-triples":
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def quads(self, graph=None):
        where = ("GRAPH ?g { ?s ?p ?o }" if graph is None
                 else f"GRAPH {graph} {{ ?s ?p ?o }} BIND({graph} AS ?g)")
        for row in self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def named_graphs(self):
        return [row["g"] for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")]

    def describe(self, nodes):
        nodes = list(set(nodes))
        if not nodes:
            return []
        values = " ".join(str(n) for n in nodes)
        return sorted(set(self.query(
            f"CONSTRUCT {{ ?n ?p ?o . ?o a ?t }} WHERE {{ VALUES ?n {{ {values} }} "
            f"?n ?p ?o OPTIONAL {{ ?o a ?t }} }}")), key=str)

    def _update(self, text: str) -> None:
        self._post(self.update_url, "update", text, "*/*")

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
        batch = [q for q in map(to_ox_quad, quads) if not is_curated(q.graph_name)]
        drops = [f"DROP SILENT GRAPH {g}" for g in self.named_graphs() if not is_curated(g)]
        self._update(" ;\n".join(drops + ["DROP SILENT DEFAULT", self._insert_data(batch)]))
