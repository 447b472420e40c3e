"""The one base IRI of the project, its namespaces and graphs, and the function that mints IRIs.

Plain strings, so that any module can use them without importing rdflib; :mod:`kg.rdfterms`
wraps the same names as rdflib terms for the modules that build rdflib graphs.

>>> mint("membership", "ID", "APEC")
'https://w3id.org/bilateral-relations/id/membership/id-apec'
>>> KG + "State", PREFIXES["kgr"] == KGR
('https://w3id.org/bilateral-relations/ontology#State', True)
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BASE = "https://w3id.org/bilateral-relations/"  # persistent: redirect rules in docs/w3id.md

KG = BASE + "ontology#"
KGR = BASE + "id/"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
OA = "http://www.w3.org/ns/oa#"
WD = "http://www.wikidata.org/entity/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

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

REFERENCE_GRAPH = KGR + "graph/reference"
ONTOLOGY_GRAPH = KGR + "graph/ontology"
INFERRED_GRAPH = KGR + "graph/inferred"
DERIVED_GRAPH = KGR + "graph/derived"
CURATED_GRAPH = KGR + "graph/curated"
INPUTS_GRAPH = KGR + "graph/inputs"        # kg.incremental: the build's input hashes


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A stable, readable IRI segment: ``slug("Jane Doe")`` is ``jane-doe``.

    Letters outside ASCII are kept (IRIs allow them); Latin accents are stripped. Documents
    name the same few entities again and again, so slugs are remembered.
    """
    kept = []
    for char in str(text).lower():
        base = unicodedata.normalize("NFKD", char)[0]
        if base.isascii():
            char = base
        kept.append(char if unicodedata.category(char)[0] in "LNM" else "-")
    return re.sub(r"-+", "-", "".join(kept)).strip("-") or "x"


def mint(kind: str, *parts: object, within: str | None = None) -> str:
    """The IRI of a resource of ``kind`` identified by the stable key ``parts``.

    One part is its slug (``state/pe``). Of several, each part's slug has its hyphens as
    ``_``, a list part is its items' slugs sorted and joined by ``.``, an absent part (None)
    is empty, and the parts are joined by ``-`` (trailing empty ones left out); ``within``, an
    IRI under :data:`KGR` (another fact), ends the key with its path, ``/`` written ``:`` (a Turtle local name may hold it unescaped). So
    two different keys of the same kind never give one IRI:

    >>> mint("mission", "non-resident", "id", "pe", "br")[len(KGR):]
    'mission/non_resident-id-pe-br'
    >>> mint("event", "visit", "2024-11-05", ["pe", "id"], None)[len(KGR):]
    'event/visit-2024_11_05-id.pe'
    >>> mint("cooperation", "trade", within=mint("event", "visit", "2024"))[len(KGR):]
    'cooperation/trade-event:visit-2024'
    """
    if len(parts) == 1 and within is None and not isinstance(parts[0], (list, tuple)):
        return KGR + kind + "/" + slug(parts[0])
    encoded = [_key_part(p) for p in parts]
    if within is not None:
        encoded.append(within[len(KGR):].replace("/", ":"))
    return KGR + kind + "/" + "-".join(encoded).rstrip("-")


def _key_part(part) -> str:
    if part is None:
        return ""
    if isinstance(part, (list, tuple)):
        return ".".join(sorted(_key_part(p) for p in part))
    return slug(part).replace("-", "_")


def document_graph(document_id: str) -> str:
    """The named graph that holds the facts of one source document."""
    return mint("graph/doc", document_id)
