"""Export the store: Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

Dataset formats (TriG, N-Quads, JSON-LD) keep one named graph per source document (and the
reference, ontology, inferred and curated graphs); triple formats (Turtle, N-Triples,
RDF/XML) hold the union of all graphs, each triple once.

Output is deterministic: statements are sorted (graph, subject, then ``rdf:type`` first, then
predicate and object), prefixes are the project's (``kg.namespaces.PREFIXES``) in their
fixed order, so exporting an unchanged store twice gives byte-identical files. Writing to a
file is atomic: a temporary file beside it, then a rename.

>>> import tempfile, pyoxigraph as ox
>>> from kg.store import open_store
>>> path = tempfile.mkdtemp() + "/store"
>>> with open_store(path, read_only=False, create=True) as store:
...     _ = store.add([ox.Quad(ox.NamedNode("https://w3id.org/bilateral-relations/id/state/id"),
...         ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Indonesia", language="en"),
...         ox.NamedNode("https://w3id.org/bilateral-relations/id/graph/reference"))])
>>> with open_store(path) as store:
...     print(export(store, "turtle").decode().splitlines()[-1])
state:id rdfs:label "Indonesia"@en .
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.errors import FileUnreadable, FormatError
from kg.store.base import Store
from kg.terms import RDF_TYPE

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "xml": (ox.RdfFormat.RDF_XML, False),
}


def prefixes() -> dict[str, str]:
    """The vocabularies' prefixes and one per family of minted IRIs (``state:``, ``doc:`` …).

    ``kgr:`` itself is left out: a minted IRI outside every family is written in full
    rather than as a local name with an escaped ``/``.
    """
    from kg.namespaces import FAMILIES, KGR, PREFIXES

    vocabularies = {prefix: str(namespace) for prefix, namespace in PREFIXES.items() if prefix != "kgr"}
    return {**vocabularies, **{prefix: f"{KGR}{path}" for prefix, path in FAMILIES.items()}}


def _term_key(term) -> tuple:
    # IRIs before blank nodes before literals; then the N-Triples text (stable).
    order = 0 if isinstance(term, ox.NamedNode) else 1 if isinstance(term, ox.BlankNode) else 2
    return (order, str(term))


def _triple_key(t) -> tuple:
    return (_term_key(t.subject), t.predicate != RDF_TYPE, str(t.predicate), _term_key(t.object))


def _graph_key(g) -> tuple:
    return (0, "") if isinstance(g, ox.DefaultGraph) else (1, str(g))


def statements(store: Store, dataset: bool) -> list:
    """The store's quads (``dataset``) or the union's triples, sorted, with the dataset's
    VoID + DCAT description (:mod:`kg.void`, graph ``kgr:graph/void``) computed from them."""
    from kg import void

    quads = [q for q in store.quads() if q.graph_name != void.GRAPH]
    quads += void.description(quads)
    if dataset:
        return sorted(quads, key=lambda q: (_graph_key(q.graph_name), _triple_key(q.triple)))
    return sorted({q.triple for q in quads}, key=_triple_key)


def export(store: Store, fmt: str = "turtle") -> bytes:
    """The store serialized in ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise FormatError(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")
    rdf_format, dataset = FORMATS[fmt]
    data = ox.serialize(statements(store, dataset), format=rdf_format, prefixes=prefixes())
    if fmt == "jsonld":
        from kg.jsonld import compact

        return compact(data)
    return data


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The file gets the mode a new file gets (``0666`` less the umask), or keeps its own if it
    exists. What is not a regular file (``/dev/null``, a pipe) is written to, never replaced.
    """
    path = Path(path)
    try:
        if path.exists() and not path.is_file():
            with open(path, "wb") as out:
                out.write(data)
            return
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as error:
        raise FileUnreadable(f"cannot write: {error.strerror or error}", file=path) from None
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise FileUnreadable(f"cannot write: {error.strerror or error}", file=path) from None
        raise


def export_to(store: Store, fmt: str, output: Path | None = None) -> None:
    """Export to the file ``output`` (atomically), or to standard output."""
    data = export(store, fmt)
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(Path(output), data)


def jsonl(graph) -> str:
    """An rdflib graph as JSON lines, one triple each, terms as in SPARQL JSON results.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(); g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x", lang="en")))
    <Graph identifier=... (<class 'rdflib.graph.Graph'>)>
    >>> print(jsonl(g), end="")
    {"s": {"type": "uri", "value": "urn:a"}, "p": {"type": "uri", "value": "urn:p"}, "o": {"type": "literal", "value": "x", "xml:lang": "en"}}
    """
    import json

    def term(t) -> dict:
        kind = type(t).__name__
        if kind in ("URIRef", "BNode"):
            return {"type": "uri" if kind == "URIRef" else "bnode", "value": str(t)}
        item = {"type": "literal", "value": str(t)}
        if t.language:
            item["xml:lang"] = t.language
        elif t.datatype:
            item["datatype"] = str(t.datatype)
        return item

    return "".join(json.dumps({"s": term(s), "p": term(p), "o": term(o)}, ensure_ascii=False) + "\n"
                   for s, p, o in sorted(graph))
