"""A resource as its pages show it: labels in a language, its statements, the facts it is
in, and each fact's quotes with their source documents. Reads any :class:`~kg.store.Store`.

>>> pick({"en": "Peru", "es": "Perú"}, "es"), pick({"en": "Peru"}, "bn"), pick({"": "Ana"}, "id")
('Perú', 'Peru', 'Ana')
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.namespaces import KG as _KG

KG = str(_KG)
LABELS = ("<http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>"
          "|<http://purl.org/dc/terms/title>")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OA = "http://www.w3.org/ns/oa#"


@dataclass
class Quote:
    exact: str
    language: str
    document: ox.NamedNode
    title: str = ""
    url: str = ""


@dataclass
class Fact:
    node: ox.NamedNode
    label: str
    role: str                      # the property that links the fact to the resource
    quotes: list = field(default_factory=list)


@dataclass
class Resource:
    iri: ox.NamedNode
    label: str
    types: list                    # (IRI, label)
    statements: list               # (predicate IRI, predicate label, value term, value label)
    facts: list                    # Fact: the facts the resource is in
    quotes: list                   # Quote: the resource's own, when it is a fact


def pick(labels: dict, lang: str) -> str:
    """The label in ``lang``, else English, else any."""
    for key in (lang, "en"):
        if key in labels:
            return labels[key]
    return next(iter(labels.values()), "")


def local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def labels(store, nodes, lang: str) -> dict:
    """``{node: label}`` for IRIs (their label in ``lang``, else English, else any, else the
    local name)."""
    nodes = {n for n in nodes if isinstance(n, ox.NamedNode)}
    found: dict = {n: {} for n in nodes}
    if nodes:
        values = " ".join(str(n) for n in nodes)
        for row in store.query(f"SELECT ?n ?l WHERE {{ VALUES ?n {{ {values} }} ?n {LABELS} ?l }}"):
            found[row["n"]].setdefault(row["l"].language or "", row["l"].value)
    return {n: pick(found[n], lang) or local_name(n.value) for n in nodes}


def quotes(store, facts) -> dict:
    """``{fact: [Quote]}``: each fact's quotes, by document and offset."""
    facts = list(facts)
    if not facts:
        return {}
    values = " ".join(str(f) for f in facts)
    found: dict = {f: [] for f in facts}
    rows = store.query(f"""
        SELECT DISTINCT ?f ?exact ?doc ?title ?url ?start WHERE {{
          VALUES ?f {{ {values} }}
          ?f <{KG}evidence>/<{OA}hasTarget> ?t . ?t <{OA}hasSelector>/<{OA}exact> ?exact .
          ?t <{OA}hasSource> ?doc .
          OPTIONAL {{ ?t <{OA}hasSelector>/<{OA}start> ?start }}
          OPTIONAL {{ ?doc <http://purl.org/dc/terms/title> ?title }}
          OPTIONAL {{ ?doc <https://schema.org/url> ?url }}
        }}""")
    ordered = sorted(rows, key=lambda r: (r["doc"].value, int(r["start"].value) if r["start"] else 0,
                                          r["exact"].value))
    for row in ordered:
        quote = Quote(row["exact"].value, row["exact"].language or "", row["doc"],
                      row["title"].value if row["title"] else "", row["url"].value if row["url"] else "")
        if quote not in found[row["f"]]:
            found[row["f"]].append(quote)
    return found


def describe(store, iri: ox.NamedNode, lang: str = "en") -> Resource | None:
    """The resource ``iri`` as its page shows it, or None when the graph says nothing of it."""
    out = sorted({(r["p"], r["o"]) for r in store.query(f"SELECT ?p ?o WHERE {{ {iri} ?p ?o }}")}, key=str)
    incoming = {(r["f"], r["p"]) for r in store.query(
        f"SELECT ?f ?p WHERE {{ ?f ?p {iri} . ?f <{KG}evidence> ?e }}")}
    if not out and not incoming:
        return None
    named = labels(store, [iri] + [p for p, _ in out] + [o for _, o in out]
                   + [f for f, _ in incoming] + [p for _, p in incoming], lang)
    types = [(o, named[o]) for p, o in out if p.value == RDF_TYPE]
    statements = [(p, named[p], o, named.get(o, o.value if isinstance(o, ox.Literal) else str(o)))
                  for p, o in out if p.value != RDF_TYPE and p.value != KG + "evidence"]
    by_fact = quotes(store, [f for f, _ in incoming] + [iri])
    facts = sorted((Fact(f, named[f], named[p], by_fact.get(f, [])) for f, p in incoming),
                   key=lambda f: (f.label, f.node.value, f.role))
    return Resource(iri, named[iri], sorted(types, key=str), statements, facts, by_fact.get(iri, []))


def description(store, iri: ox.NamedNode) -> list:
    """The triples about ``iri`` (as subject or object), for Turtle and JSON-LD."""
    return sorted(set(store.query(
        f"CONSTRUCT {{ {iri} ?p ?o . ?s ?q {iri} }} WHERE {{ {{ {iri} ?p ?o }} UNION {{ ?s ?q {iri} }} }}")),
        key=str)


def ontology_terms(store, lang: str = "en") -> list:
    """The ontology's classes and properties: (IRI, kind, label, comment), by IRI."""
    terms: dict = {}
    for row in store.query(f"""
        SELECT ?t ?kind ?l ?c WHERE {{
          ?t a ?kind . FILTER(STRSTARTS(STR(?t), "{KG}"))
          VALUES ?kind {{ <http://www.w3.org/2002/07/owl#Class> <http://www.w3.org/2002/07/owl#ObjectProperty>
                         <http://www.w3.org/2002/07/owl#DatatypeProperty> }}
          OPTIONAL {{ ?t <http://www.w3.org/2000/01/rdf-schema#label> ?l }}
          OPTIONAL {{ ?t <http://www.w3.org/2000/01/rdf-schema#comment> ?c }} }}"""):
        entry = terms.setdefault(row["t"], [local_name(row["kind"].value), {}, {}])
        for key, slot in (("l", 1), ("c", 2)):
            if row[key] is not None:
                entry[slot].setdefault(row[key].language or "", row[key].value)
    return [(t, kind, pick(ls, lang), pick(cs, lang)) for t, (kind, ls, cs) in sorted(terms.items(), key=str)]
