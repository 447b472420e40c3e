"""What a build can keep from the previous one: content hashes of its inputs, recorded in the
store (graph ``kgr:graph/inputs``, docs/model.md), decide which documents are re-extracted.

A document is re-extracted when its text or its catalog row changed, when the rules, the
frames, the reference data or the ontology changed (then every document is), or when it may have lost a
date to a document that changed or left (a coarse date one document states is dropped where
another states it precisely: a kept graph that says something about a node they dated, but
gives it no such date, is extracted again). The others' graphs are taken from the store as
they are.

>>> from kg.sources import read_catalog
>>> shared, hashes = input_hashes(read_catalog(paths.SOURCES_DIR))
>>> len(shared), len(hashes)
(64, 3)
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import paths
from kg.namespaces import INFERRED_GRAPH, INPUTS_GRAPH, KG
from kg.sources import Document

CONTENT_HASH = ox.NamedNode(KG + "contentHash")


def _files(*roots: Path) -> list[tuple[str, Path]]:
    """``(name, path)`` of every file under ``roots``, the name relative to its root."""
    return [(f"{number}/{p.relative_to(root)}", p) for number, root in enumerate(roots)
            for p in sorted([root] if root.is_file() else root.rglob("*")) if p.is_file()]


def input_hashes(documents: list[Document]) -> tuple[str, dict[str, str]]:
    """``(shared, {document id: hash})``: SHA-256 of the rules, frames, reference data and
    ontology (every document's extraction reads them), and of each document's catalog row and text."""
    shared = hashlib.sha256()
    for name, path in _files(paths.RULES_DIR, paths.FRAMES_DIR, paths.REFERENCE_DIR, paths.ONTOLOGY_FILE):
        shared.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    hashes = {}
    for document in documents:
        h = hashlib.sha256(repr((document.id, document.language, document.date and document.date.lexical,
                                 document.title, document.publisher, document.url,
                                 document.license)).encode())
        try:
            h.update(document.path.read_bytes())
        except OSError:
            continue                       # no hash: it is extracted, and says what is wrong
        hashes[document.id] = h.hexdigest()
    return shared.hexdigest(), hashes


def record(shared: str, hashes: dict[str, str]) -> list[ox.Quad]:
    """The ``kgr:graph/inputs`` graph: the shared hash on the graph itself, one per document graph."""
    from kg.namespaces import document_graph

    graph = ox.NamedNode(INPUTS_GRAPH)
    quads = [ox.Quad(graph, CONTENT_HASH, ox.Literal(shared), graph)]
    quads += [ox.Quad(ox.NamedNode(document_graph(doc)), CONTENT_HASH, ox.Literal(h), graph)
              for doc, h in sorted(hashes.items())]
    return quads


def reasoned(shared: str) -> ox.Quad:
    """The mark (in ``kgr:graph/inputs``) that the inferred graph holds HermiT's inferences,
    made with the inputs of hash ``shared``: a rebuild with the same may reason over what changed only."""
    return ox.Quad(ox.NamedNode(INFERRED_GRAPH), CONTENT_HASH, ox.Literal(shared), ox.NamedNode(INPUTS_GRAPH))


@dataclass
class Previous:
    """The previous build's hashes and document graphs, read from its store."""

    shared: str | None = None
    hashes: dict[str, str] = field(default_factory=dict)     # document graph IRI -> hash
    graphs: dict[str, list[ox.Triple]] = field(default_factory=dict)  # document graph IRI -> triples
    reasoned: str | None = None        # the shared hash HermiT's inferences were made with
    inferred: list[ox.Triple] = field(default_factory=list)  # the inferred graph


def read_hashes(quads) -> tuple[str | None, str | None, dict[str, str]]:
    """``(shared, reasoned, {document graph IRI: hash})`` from the inputs graph's ``quads``."""
    shared = reasoned = None
    hashes = {}
    for quad in quads:
        if quad.predicate == CONTENT_HASH:
            if quad.subject.value == INPUTS_GRAPH:
                shared = quad.object.value
            elif quad.subject.value == INFERRED_GRAPH:
                reasoned = quad.object.value
            else:
                hashes[quad.subject.value] = quad.object.value
    return shared, reasoned, hashes


def read_previous(store) -> Previous:
    """What ``store`` (a location) holds of the previous build; empty if there is no store."""
    from kg.errors import StoreMissing
    from kg.namespaces import FAMILIES, KGR
    from kg.store import open_store

    previous = Previous()
    try:
        opened = open_store(store, read_only=True)
    except StoreMissing:
        return previous
    with opened:
        previous.shared, previous.reasoned, previous.hashes = read_hashes(opened.quads(ox.NamedNode(INPUTS_GRAPH)))
        documents = KGR + FAMILIES["doc"]   # every document graph, recorded or not (one with drops)
        for graph in opened.named_graphs():
            if graph.value.startswith(documents):
                previous.graphs[graph.value] = [q.triple for q in opened.quads(graph)]
        previous.inferred = [q.triple for q in opened.quads(ox.NamedNode(INFERRED_GRAPH))]
    return previous


def to_extract(documents: list[Document], shared: str, hashes: dict[str, str],
               previous: Previous, date_properties) -> set[str]:
    """The ids of the documents to extract anew (see the module's docstring)."""
    from kg.namespaces import document_graph

    if previous.shared != shared:
        return {d.id for d in documents}
    graph_of = {d.id: document_graph(d.id) for d in documents}
    changed = {d.id for d in documents
               if hashes.get(d.id) is None or previous.hashes.get(graph_of[d.id]) != hashes[d.id]}
    kept = {d.id for d in documents} - changed
    gone = set(previous.graphs) - {graph_of[d] for d in kept}
    dated: dict = {}                   # node -> the date properties a changed or removed graph gave it
    for graph in gone:
        for t in previous.graphs[graph]:
            if t.predicate.value in date_properties:
                dated.setdefault(t.subject, set()).add(t.predicate.value)
    return changed | {d for d in kept if _lost_a_date(previous.graphs[graph_of[d]], dated)}


def _lost_a_date(triples, dated: dict) -> bool:
    """Whether a kept graph states something about a node ``dated`` dates but has no date of
    that kind for it: the coarse date it stated may have been dropped for theirs (the most
    precise date of a node wins across documents), so it is extracted again."""
    named = {t.subject for t in triples if t.subject in dated}
    has = {(t.subject, t.predicate.value) for t in triples if t.subject in named}
    return any((node, p) not in has for node in named for p in dated[node])
