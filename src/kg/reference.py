"""Reference data: facts no document states, each with its source.

States come from ISO 3166 (pycountry) with their names in en/id/bn/es from CLDR
(babel); everything else is read from ``data/reference/*.ttl``.

>>> g = states_graph(["en"])
>>> str(g.value(mint("state", "pe"), RDFS.label))
'Peru'
"""
from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from .errors import ParseError
from .rdfterms import KG, bind_prefixes, mint

LANGUAGES = ("en", "id", "bn", "es")
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


def reference_graph(reference_dir: Path) -> Graph:
    """The states plus every Turtle file in ``reference_dir``."""
    graph = states_graph()
    bind_prefixes(graph)
    for path in sorted(reference_dir.glob("*.ttl")):
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types for syntax errors
            raise ParseError(f"reference data is not valid Turtle: {exc}", file=path) from None
    return graph
