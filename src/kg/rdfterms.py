"""The names of :mod:`kg.namespaces` as rdflib terms, for the modules that build rdflib graphs.

Nothing is defined here that :mod:`kg.namespaces` does not define; this only wraps it.

>>> mint("state", "pe"), KG.State
(rdflib.term.URIRef('https://w3id.org/bilateral-relations/id/state/pe'), rdflib.term.URIRef('https://w3id.org/bilateral-relations/ontology#State'))
"""
from __future__ import annotations

from rdflib import Namespace, URIRef

from kg import namespaces as ns
from kg.namespaces import slug  # noqa: F401  (re-exported for the rdflib side)

KG = Namespace(ns.KG)
KGR = Namespace(ns.KGR)
ORG = Namespace(ns.ORG)
SCHEMA = Namespace(ns.SCHEMA)
OA = Namespace(ns.OA)
WD = Namespace(ns.WD)

REFERENCE_GRAPH = URIRef(ns.REFERENCE_GRAPH)
ONTOLOGY_GRAPH = URIRef(ns.ONTOLOGY_GRAPH)
INFERRED_GRAPH = URIRef(ns.INFERRED_GRAPH)
DERIVED_GRAPH = URIRef(ns.DERIVED_GRAPH)
INPUTS_GRAPH = URIRef(ns.INPUTS_GRAPH)


def mint(kind: str, *parts: object, within=None) -> URIRef:
    """:func:`kg.namespaces.mint` as a URIRef."""
    return URIRef(ns.mint(kind, *parts, within=None if within is None else str(within)))


def document_graph(document_id: str) -> URIRef:
    """:func:`kg.namespaces.document_graph` as a URIRef."""
    return URIRef(ns.document_graph(document_id))


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset."""
    for prefix, namespace in ns.PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True)
