"""Validate a build part by part: each document's graph (and the reference data, the ontology,
the inferences) with its focus nodes and their context in the whole dataset, the way
``kg add`` validates a batch (:func:`kg.validate.validate_delta`), not the whole union at once.

A part's focus nodes are its subjects and IRI objects; its context is what the dataset says
about them (their outgoing triples in any graph, and the types of the nodes those point to).
A violation is reported with the part's name, the focus node and the shape's message.

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
from kg.validate import Delta, compact, validate_delta


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


def validate_parts(dataset, parts: dict, progress: Callable | None = None,
                   kept: dict | None = None, touched: set | None = None) -> list[str]:
    """The violations of the named ``parts`` (name -> graph IRI of ``dataset``), one line each,
    ``"<name>: <focus>: <path>: <message>"``; an empty list when every part conforms.

    ``kept`` (name -> graph IRI) are parts already validated whose context may have changed
    at the nodes ``touched``: only their triples from or to those nodes are checked again,
    together, each violation named after the part that states its focus node.
    """
    say = progress or (lambda *_: None)
    context = _InMemory(dataset)
    found = []
    for name, graph in parts.items():
        found += _check(context, context.graph(graph), {}, name, say)
    if kept and touched:
        quads, origin = [], {}
        for name, graph in kept.items():
            for quad in context.graph(graph):
                if quad.subject in touched or quad.object in touched:
                    quads.append(quad)
                    origin.setdefault(quad.subject, name)
        found += _check(context, quads, origin, f"{len(kept)} kept documents where they changed", say)
    return found


def _check(context, quads, origin: dict, name: str, say) -> list[str]:
    if not quads:
        return []
    say(f"validating {name}")
    report = validate_delta(Delta(quads, origin or {q.subject: name for q in quads}), context)
    return [f"{v.file or name}: {compact(v.focus)}: {compact(v.path)}: {v.message}"
            for v in report.violations]
