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


def validate_parts(dataset, parts: dict, progress: Callable | None = None) -> list[str]:
    """The violations of the named ``parts`` (name -> graph IRI of ``dataset``), one line each,
    ``"<name>: <focus>: <path>: <message>"``; an empty list when every part conforms."""
    say = progress or (lambda *_: None)
    context = _InMemory(dataset)
    found = []
    for name, graph in parts.items():
        quads = context.graph(graph)
        if not quads:
            continue
        say(f"validating {name}")
        report = validate_delta(Delta(quads, {q.subject: name for q in quads}), context)
        found += [f"{name}: {compact(v.focus)}: {compact(v.path)}: {v.message}"
                  for v in report.violations]
    return found
