"""Reference data: facts no document states, each with its source.

States come from ISO 3166 (pycountry) with their names in en/id/bn/es from CLDR
(babel) and their Wikidata items from ``data/reference/wikidata-states.csv`` (whose header
names its source); everything else is read from ``data/reference/*.ttl``.

>>> g = states_graph(["en"])
>>> str(g.value(mint("state", "pe"), RDFS.label))
'Peru'
"""
from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .errors import ParseError
from .languages import LANGUAGES
from .rdfterms import KG, WD, bind_prefixes, mint

CLDR = URIRef("https://cldr.unicode.org/")


def states_graph(languages=LANGUAGES) -> Graph:
    """Every ISO 3166-1 state, labelled from CLDR in ``languages``, with its ISO code."""
    import pycountry
    from babel import Locale

    locales = [Locale.parse(code) for code in languages]
    graph = Graph()
    for country in pycountry.countries:
        iri = mint("state", country.alpha_2)
        graph.add((iri, RDF.type, KG.State))
        graph.add((iri, KG.isoCode, Literal(country.alpha_2)))
        graph.add((iri, DCTERMS.source, CLDR))
        for locale in locales:
            name = locale.territories.get(country.alpha_2)
            if name:
                graph.add((iri, RDFS.label, Literal(name, lang=locale.language)))
    return graph


def wikidata_links(table: Path):
    """``(state, skos:exactMatch, wd:Q…)`` and the table's source, from a CSV ``iso,wikidata``
    whose ``#`` header lines name its source (the first IRI in them)."""
    import csv

    lines = table.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    source = next((word for line in header for word in line.split() if word.startswith("https://")), None)
    if source is None:
        raise ParseError("the header names no source (a # line with its https:// IRI)", file=table)
    for number, row in enumerate(csv.DictReader(line for line in lines if not line.startswith("#")), 2):
        code, qid = (row.get("iso") or "").lower(), row.get("wikidata") or ""
        if len(code) != 2 or not qid.startswith("Q") or not qid[1:].isdigit():
            raise ParseError(f"row {number}: expected an ISO code and a Wikidata item (Q…)", file=table)
        yield mint("state", code), SKOS.exactMatch, URIRef(WD + qid)
        yield mint("state", code), DCTERMS.source, URIRef(source)


def reference_graph(reference_dir: Path) -> Graph:
    """The states plus every Turtle file in ``reference_dir``."""
    graph = states_graph()
    for triple in wikidata_links(reference_dir / "wikidata-states.csv"):
        graph.add(triple)
    bind_prefixes(graph)
    for path in sorted(reference_dir.glob("*.ttl")):
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types for syntax errors
            raise ParseError(f"reference data is not valid Turtle: {exc}", file=path) from None
    return graph
