"""RDF terms between rdflib and pyoxigraph.

rdflib is the toolkit (parsing, serializing, pySHACL's input); Oxigraph runs the queries.
These convert one to the other without importing rdflib unless an rdflib term is asked for.

>>> to_ox_term(ox.NamedNode("https://example.org/x"))
<NamedNode value=https://example.org/x>
"""
from __future__ import annotations

import pyoxigraph as ox

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


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
