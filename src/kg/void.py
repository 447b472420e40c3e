"""The dataset's description of itself: VoID and DCAT, computed from the quads a store holds.

The description is one named graph, ``kgr:graph/void``, about the dataset, whose IRI is the
base itself (``https://w3id.org/bilateral-relations/``):
its title, licence, publisher-independent sources (every source document, each with its
own licence where the catalog records one), the URI space and vocabulary, triple counts
(the whole, each named graph as a ``void:subset``, each class as a ``void:classPartition``),
example resources, and, when a server is given, its SPARQL endpoint. ``kg export`` writes it
with the data; ``kg serve`` serves it at ``/.well-known/void``.

>>> import pyoxigraph as ox
>>> s, g = ox.NamedNode("https://w3id.org/bilateral-relations/id/state/pe"), ox.NamedNode("urn:g")
>>> quads = [ox.Quad(s, ox.NamedNode(RDF_TYPE), ox.NamedNode(KG + "State"), g)]
>>> [q.object.value for q in description(quads) if q.predicate.value == VOID + "triples"]
['1', '1']
"""
from __future__ import annotations

from collections import Counter

import pyoxigraph as ox

from kg.namespaces import KG as _KG
from kg.namespaces import BASE, KGR, PREFIXES

KG = str(_KG)
VOID, DCAT, DCTERMS = "http://rdfs.org/ns/void#", "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
DATASET = ox.NamedNode(BASE)  # the dataset is the namespace's own IRI
GRAPH = ox.NamedNode(f"{KGR}graph/void")
TITLE = "kg: bilateral diplomatic relations"
ABOUT = ("Relations between states (diplomatic relations, missions, memberships, agreements, "
         "events, office holders, trade) extracted from source documents; every fact names the "
         "document it comes from and quotes the words that state it.")
# The licence of the graph's own statements. Each quote stays under its source document's
# licence, which the document's node gives (dcterms:license) where the catalog records one.
LICENSE = "https://creativecommons.org/licenses/by-sa/4.0/"
EXAMPLES = ("state/id", "state/pe", "relation/id-pe")


def _n(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _count(number: int) -> ox.Literal:
    return ox.Literal(str(number), datatype=XSD_INTEGER)


def _curie(iri: str) -> str:
    """``kg-State`` for ``kg:State``: a class's name with its prefix, as an IRI segment."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and prefix != "kgr":
            return f"{prefix}-{iri[len(str(namespace)):]}"
    from kg.namespaces import slug

    return slug(iri)


def description(quads, endpoint: str | None = None) -> list[ox.Quad]:
    """The VoID + DCAT description of ``quads`` (a store's, without any earlier description)."""
    quads = [q for q in quads if q.graph_name != GRAPH]
    triples = {q.triple for q in quads}
    per_graph = Counter(q.graph_name for q in quads)
    entities: dict = {}
    for t in triples:
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            entities.setdefault(t.object, set()).add(t.subject)
    subjects = {t.subject for t in triples}
    documents = sorted(entities.get(_n(KG + "SourceDocument"), ()), key=str)
    out = [
        (DATASET, _n(RDF_TYPE), _n(VOID + "Dataset")),
        (DATASET, _n(RDF_TYPE), _n(DCAT + "Dataset")),
        (DATASET, _n(DCTERMS + "title"), ox.Literal(TITLE, language="en")),
        (DATASET, _n(DCTERMS + "description"), ox.Literal(ABOUT, language="en")),
        (DATASET, _n(DCTERMS + "license"), _n(LICENSE)),
        (DATASET, _n(VOID + "uriSpace"), ox.Literal(str(KGR))),
        (DATASET, _n(VOID + "vocabulary"), _n(KG)),
        (DATASET, _n(VOID + "triples"), _count(len(triples))),
        (DATASET, _n(VOID + "distinctSubjects"), _count(len(subjects))),
        (DATASET, _n(VOID + "properties"), _count(len({t.predicate for t in triples}))),
        (DATASET, _n(VOID + "classes"), _count(len(entities))),
    ]
    for language in sorted({t.object.value for t in triples
                            if t.predicate.value == DCTERMS + "language" and isinstance(t.object, ox.Literal)}):
        out.append((DATASET, _n(DCTERMS + "language"), ox.Literal(language)))
    for document in documents:
        out.append((DATASET, _n(DCTERMS + "source"), document))
    for key in EXAMPLES:
        if _n(f"{KGR}{key}") in subjects:
            out.append((DATASET, _n(VOID + "exampleResource"), _n(f"{KGR}{key}")))
    if endpoint:
        out.append((DATASET, _n(VOID + "sparqlEndpoint"), _n(endpoint)))
        service = _n(f"{KGR}dataset/sparql")
        out += [(DATASET, _n(DCAT + "distribution"), service),
                (service, _n(RDF_TYPE), _n(DCAT + "DataService")),
                (service, _n(DCAT + "endpointURL"), _n(endpoint)),
                (service, _n(DCAT + "servesDataset"), DATASET)]
    for graph, count in sorted(per_graph.items(), key=lambda item: str(item[0])):
        if isinstance(graph, ox.NamedNode):
            out += [(DATASET, _n(VOID + "subset"), graph), (graph, _n(RDF_TYPE), _n(VOID + "Dataset")),
                    (graph, _n(VOID + "triples"), _count(count))]
    for cls, members in sorted(entities.items(), key=lambda item: str(item[0])):
        partition = _n(f"{KGR}dataset/{_curie(cls.value)}")
        out += [(DATASET, _n(VOID + "classPartition"), partition), (partition, _n(VOID + "class"), cls),
                (partition, _n(VOID + "entities"), _count(len(members)))]
    return [ox.Quad(s, p, o, GRAPH) for s, p, o in out]
