"""Validate a build part by part: each document's graph (and the reference data, the ontology,
the inferences) with its focus nodes and their context in the whole dataset, the way
``kg add`` validates a batch (:func:`kg.validate.validate_delta`), not the whole union at once.

A part's focus nodes are its subjects and IRI objects; its context is what the dataset says
about them (their outgoing triples in any graph, and the types of the nodes those point to).
A violation is reported with the part's name, the focus node and the shape's message.

Parts are validated in batches of up to :data:`BATCH_TRIPLES` triples, one pySHACL pass
each (the shapes read only a node's own triples and the types of what they point to, so a
batch conforms exactly when each of its parts does). A batch that does not conform is split
in halves until each failing part is validated alone, so that its violations are named and
worded as they would be for it alone.

>>> from rdflib import Dataset, Literal, URIRef
>>> from rdflib import RDF
>>> from kg.rdfterms import KG, document_graph
>>> dataset = Dataset()
>>> doc = URIRef("https://example.org/doc")
>>> dataset.graph(document_graph("d1")).add((doc, RDF.type, KG.SourceDocument))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> print(validate_parts(dataset, {"d1": document_graph("d1")})[0])  # doctest: +ELLIPSIS
d1: <https://example.org/doc>: ...: A source document needs exactly one identifier...
"""
from __future__ import annotations

from typing import Callable

import pyoxigraph as ox

from kg.store.oxigraph import describe
from kg.terms import to_ox_quad, to_ox_term
from kg.validate import Delta, _node_text, compact, focus_nodes, validate_delta

BATCH_TRIPLES = 25_000          # triples of the parts validated in one pySHACL pass


class _InMemory:
    """The dataset in an in-memory Oxigraph store, answering ``describe`` as a Store does."""

    def __init__(self, dataset):
        self.engine = ox.Store()
        self.engine.extend(to_ox_quad(q) for q in dataset.quads((None, None, None, None)))

    def describe(self, nodes):
        return describe(self.engine, nodes)

    def graph(self, iri) -> list[ox.Quad]:
        """The quads of one graph, as the store holds them (Oxigraph stores an
        ``xsd:nonNegativeInteger`` as an ``xsd:integer``: the part and its context agree)."""
        return list(self.engine.quads_for_pattern(None, None, None, to_ox_term(iri)))

    def touching(self, kept: dict, touched: set) -> list[tuple[ox.Quad, str]]:
        """``(quad, part name)`` of the ``kept`` parts' quads from or to a ``touched`` node."""
        return [(quad, name) for name, graph in kept.items() for quad in self.graph(graph)
                if quad.subject in touched or quad.object in touched]


def validate_parts(dataset, parts: dict, progress: Callable | None = None,
                   kept: dict | None = None, touched: set | None = None) -> list[str]:
    """The violations of the named ``parts`` (name -> graph IRI of ``dataset``), one line each,
    ``"<name>: <focus>: <path>: <message>"``; an empty list when every part conforms.

    ``kept`` (name -> graph IRI) are parts already validated whose context may have changed
    at the nodes ``touched``: only their triples from or to those nodes are checked again,
    together, each violation named after the part that states its focus node.
    """
    return check_parts(_InMemory(dataset), parts, progress, kept, touched)


def check_parts(context, parts: dict, progress: Callable | None = None,
                kept: dict | None = None, touched: set | None = None) -> list[str]:
    """:func:`validate_parts` in ``context``: an object answering ``graph(iri)`` (a part's
    quads), ``describe(nodes)`` (:meth:`kg.store.base.Store.describe`) and ``touching(kept,
    touched)`` (the kept parts' quads from or to those nodes, with their part's name)."""
    say = progress or (lambda *_: None)
    found, batch, size = [], [], 0
    for name, graph in parts.items():
        quads = context.graph(graph)
        if batch and size + len(quads) > BATCH_TRIPLES:
            found += _check_batch(context, batch, say)
            batch, size = [], 0
        batch.append((name, quads))
        size += len(quads)
    if batch:
        found += _check_batch(context, batch, say)
    if kept and touched:
        quads, origin = [], {}
        for quad, name in context.touching(kept, touched):
            quads.append(quad)
            origin.setdefault(quad.subject, name)
        found += _check(context, quads, origin, f"{len(kept)} kept documents where they changed", say)
    return found


def _check_batch(context, batch: list[tuple[str, list]], say) -> list[str]:
    """The violations of the parts in ``batch`` (``(name, quads)`` pairs): one pass for all of
    them and, where it fails, one for each part that states or points to a failing node."""
    if len(batch) == 1:
        return _check(context, batch[0][1], {}, batch[0][0], say)
    quads, origin = [], {}
    for name, part in batch:
        quads += part
        for quad in part:
            origin.setdefault(quad.subject, name)
    label = f"{len(batch)} documents ({batch[0][0]} …)"
    together = _violations(context, quads, origin, label, say)
    if not together:
        return []
    failing = {v.focus for v in together}
    found = [message for name, part in batch
             if failing & {_node_text(n) for n in focus_nodes(Delta(part))}
             for message in _check(context, part, {}, name, say)]
    return found or _messages(together, label)


def _check(context, quads, origin: dict, name: str, say) -> list[str]:
    return _messages(_violations(context, quads, origin or {q.subject: name for q in quads}, name, say), name)


def _violations(context, quads, origin: dict, name: str, say) -> list:
    if not quads:
        return []
    say(f"validating {name}")
    return validate_delta(Delta(quads, origin), context).violations


def _messages(violations, name: str) -> list[str]:
    return [f"{v.file or name}: {compact(v.focus)}: {compact(v.path)}: {v.message}" for v in violations]
