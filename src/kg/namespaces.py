"""The one base IRI of the project, its namespaces, and the function that mints IRIs.

>>> mint("membership", "ID", "APEC")
rdflib.term.URIRef('https://w3id.org/bilateral-relations/id/membership/id-apec')
"""
from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/bilateral-relations/"  # persistent: redirect rules in docs/w3id.md

KG = Namespace(BASE + "ontology#")
KGR = Namespace(BASE + "id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "kg": KG, "kgr": KGR, "org": ORG, "schema": SCHEMA, "oa": OA, "wd": WD,
    "prov": PROV, "skos": SKOS, "dcterms": DCTERMS, "owl": OWL, "rdf": RDF,
    "rdfs": RDFS, "xsd": XSD,
}

# Each family of minted IRIs (``kgr:<family>/<key>``) under its own prefix in exports, so
# that they write ``state:pe``, never ``kgr:state\/pe`` (a local name with an escape).
FAMILIES = {
    "doc": "graph/doc/", "curated": "graph/curated/", "graph": "graph/",
    **{name: name + "/" for name in (
        "agency", "agreement", "agreement-status", "area", "award", "award-conferral", "city",
        "company", "cooperation", "dataset", "document", "event", "evidence", "export", "market-entry",
        "membership", "mission", "mission-kind", "office", "office-holding", "organization",
        "person", "position", "product", "quote", "relation", "scheme", "state", "target",
        "trade", "venue")},
}

REFERENCE_GRAPH = KGR["graph/reference"]
ONTOLOGY_GRAPH = KGR["graph/ontology"]
INFERRED_GRAPH = KGR["graph/inferred"]


def slug(text: str) -> str:
    """A stable, readable IRI segment: ``slug("Jane Doe")`` is ``jane-doe``.

    Letters outside ASCII are kept (IRIs allow them); Latin accents are stripped.
    """
    kept = []
    for char in str(text).lower():
        base = unicodedata.normalize("NFKD", char)[0]
        if base.isascii():
            char = base
        kept.append(char if unicodedata.category(char)[0] in "LNM" else "-")
    return re.sub(r"-+", "-", "".join(kept)).strip("-") or "x"


def mint(kind: str, *parts: object) -> URIRef:
    """The IRI of a resource of ``kind`` identified by the stable key ``parts``."""
    return KGR[kind + "/" + "-".join(slug(p) for p in parts)]


def document_graph(document_id: str) -> URIRef:
    """The named graph that holds the facts of one source document."""
    return mint("graph/doc", document_id)


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
