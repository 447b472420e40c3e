"""A synthetic graph in the project's own model, at a chosen scale, written as N-Quads.

It looks like the real build, only larger. The ontology and reference graphs are the ones
``kg build`` makes (:func:`kg.build.load_ontology`, :func:`kg.reference.reference_graph`);
the reference graph gets, for each state that lacks them, a capital, a statistics agency,
an award and a company; every other quad is in the named graph of a synthetic document,
with IRIs minted by :func:`kg.namespaces.mint` from the keys :mod:`kg.mapping` uses and
every fact backed by an evidence node (quote, offsets, rule):

* a profile of each state: memberships, its president and foreign minister;
* a dossier for each pair of states: the relation and its establishment, embassies both
  ways and their openings, ambassadors, an agreement with parties, signatories and
  topics, a state visit, a trade statistic, export flows both ways, a market entry and,
  for one pair in five, an award;
* news, round-robin over the pairs until the requested size: a dated meeting with its
  participants and a cooperation area, and the trade figure of another year.

There is no inferred graph (the reasoner is not benchmarked). Output is deterministic for
a ``(triples, seed)``; the count lands within one news document of the request. Events in
the graph are dated before 2025 and trade figures are for 2024 and earlier, so a
:func:`batch` (dated 2025) is always new.

    python -m bench.generate --triples 1000000 --out build/bench/1000000.nq
    python bench/generate.py --triples 100000 --out - | head

>>> import io
>>> plan = generate(io.StringIO(), 30000)
>>> abs(plan.quads - 30000) < 300, plan.pairs == plan.states * (plan.states - 1) // 2
(True, True)
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg import paths
from kg.build import load_ontology
from kg.facts import PartialDate
from kg.mapping import AGREEMENT_CLASSES, AGREEMENT_NAMES, EVENT_CLASSES, MISSION_KINDS, key
from kg.rdfterms import KG, KGR, OA, ORG, ONTOLOGY_GRAPH, REFERENCE_GRAPH, SCHEMA, mint, slug
from kg.reference import reference_graph
from kg.terms import to_ox_quad

SOURCE = '"synthetic: bench/generate.py"'     # dcterms:source of what the generator adds
PROFILE, DOSSIER, NEWS = 80, 295, 66          # about how many quads each document holds
LAST_DAY = dt.date(2024, 12, 31)              # facts in the graph are dated on or before it

MEETINGS = {"bilateral-meeting": ("Bilateral meeting", "a bilateral meeting"),
            "courtesy-call": ("Courtesy call", "a courtesy call"),
            "press-conference": ("Joint press conference", "a joint press conference"),
            "summit": ("Leaders' meeting", "a leaders' meeting")}
SYLLABLES = ("ka", "ri", "mo", "ta", "le", "su", "na", "vi", "do", "ra", "pe", "lu", "an",
             "be", "ko", "mi", "sa", "to", "el", "ga", "ni", "ro", "da", "fe")
OFFICIALS = {"president": "President", "minister-of-foreign-affairs": "Minister of Foreign Affairs"}


def iri(value) -> str:
    """An IRI in N-Triples form: ``<…>``."""
    return f"<{value}>"


def text(value: str, lang: str | None = None) -> str:
    """A plain or language-tagged literal in N-Triples form (escaped by pyoxigraph)."""
    return str(ox.Literal(value, language=lang))


def typed(value, datatype) -> str:
    return str(ox.Literal(str(value), datatype=ox.NamedNode(str(datatype))))


def date(value: PartialDate) -> str:
    """``"1975-08-12"^^xsd:date`` (or gYearMonth, gYear: as precise as ``value``)."""
    return typed(value.lexical, XSD[value.datatype])


def on(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def official(seed: int, index: int, iso: str, office: str) -> str:
    """The name of state ``index``'s holder of ``office`` (of :data:`OFFICIALS`).

    Unique by construction (the family name spells the state's index and the office in four
    syllables, which :meth:`Generator.name` never writes), so a batch can name the same
    people as the graph without replaying it.

    >>> official(1, 0, "id", "president")
    'Kape Kakakaka'
    """
    given = random.Random(f"{seed}/{iso}/{office}")
    number = index * len(OFFICIALS) + list(OFFICIALS).index(office)
    digits = [(number // len(SYLLABLES) ** power) % len(SYLLABLES) for power in (3, 2, 1, 0)]
    family = "".join(SYLLABLES[d] for d in digits)
    return f"{''.join(given.choice(SYLLABLES) for _ in range(2)).capitalize()} {family.capitalize()}"


A, LABEL = iri(RDF.type), iri(RDFS.label)
P = {name: iri(KG[name]) for name in (
    "state", "established", "participant", "date", "missionKind", "sendingState",
    "receivingState", "hostState", "city", "opened", "mission", "place", "party", "signatory",
    "area", "context", "holder", "office", "accreditedTo", "year", "value", "currency",
    "reportedBy", "deficitState", "exporter", "importer", "product", "company", "market",
    "nationality", "award", "recipient", "awardedBy", "evidence", "rule", "capital",
    "inState", "isCapitalOf", "agencyOf", "organization")}
C = {name: iri(KG[name]) for name in (
    "SourceDocument", "Evidence", "Person", "BilateralRelation", "EstablishmentOfRelations",
    "Embassy", "MissionOpening", "Cooperation", "OfficeHolding", "TradeStatistic",
    "ExportFlow", "MarketEntry", "AwardConferral", "Membership", "StateVisit", "City",
    "GovernmentAgency", "Award", "Company")}
EMBASSY = iri(MISSION_KINDS["embassy"])


class Quads:
    """Writes N-Quads lines to ``stream`` (N-Triples, without the graphs, if not ``graphs``)
    and counts them."""

    def __init__(self, stream, graphs: bool = True):
        self.stream, self.graphs = stream, graphs
        self.count = 0

    def add(self, s: str, p: str, o: str, g: str) -> None:
        """One quad from terms in N-Triples form."""
        self.stream.write(f"{s} {p} {o} {g} .\n" if self.graphs else f"{s} {p} {o} .\n")
        self.count += 1


@dataclass
class Entities:
    """What facts point to: states (ISO codes in a seeded order, ``id`` and ``pe`` first),
    English names by IRI, and per state its capital, agency, award and company IRIs."""

    states: list[str]
    names: dict[str, str]
    capital: dict[str, str] = field(default_factory=dict)
    agency: dict[str, str] = field(default_factory=dict)
    award: dict[str, str] = field(default_factory=dict)
    company: dict[str, str] = field(default_factory=dict)
    organizations: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    seed: int = 1

    @staticmethod
    def state(iso: str) -> str:
        return str(mint("state", iso))

    def name(self, iso_or_iri: str) -> str:
        return self.names.get(iso_or_iri) or self.names[self.state(iso_or_iri)]

    def official(self, iso: str, office: str) -> str:
        return official(self.seed, self.states.index(iso), iso, office)

    def supplement(self, states: list[str]) -> list[tuple[str, str, str]]:
        """A capital, statistics agency, award and company for each of ``states`` that lacks
        one: recorded here, and returned as triples for the reference graph (their
        ``dcterms:source`` says they are synthetic)."""
        triples = []
        for iso in states:
            state, name = iri(self.state(iso)), self.name(iso)
            for table, kind, cls, label, pairs in (
                    (self.capital, "city", "City", f"Capital of {name}",
                     [(P["inState"], state), (P["isCapitalOf"], state)]),
                    (self.agency, "agency", "GovernmentAgency", f"Statistics office of {name}",
                     [(P["agencyOf"], state)]),
                    (self.award, "award", "Award", f"Order of Merit of {name}", [(P["awardedBy"], state)]),
                    (self.company, "company", "Company", f"{name} Trading Company", [])):
                if iso in table:
                    continue
                node = table[iso] = str(mint(kind, iso, slug(label)))
                self.names[node] = label
                triples += [(iri(node), p, o) for p, o in
                            [(A, C[cls]), (LABEL, text(label, "en")), (iri(DCTERMS.source), SOURCE)] + pairs]
                if kind == "city":
                    triples.append((state, P["capital"], iri(node)))
        return triples


def _english(graph: Graph, node) -> str | None:
    return next((str(v) for p in (RDFS.label, SKOS.prefLabel) for v in graph.objects(node, p)
                 if getattr(v, "language", None) == "en"), None)


def read_entities(reference: Graph, seed: int) -> Entities:
    """The reference entities facts point to (the reference graph of :mod:`kg.reference`)."""
    codes = sorted(str(reference.value(s, KG.isoCode)).lower()
                   for s in reference.subjects(RDF.type, KG.State))
    rest = [c for c in codes if c not in ("id", "pe")]
    random.Random(seed).shuffle(rest)
    names = {}
    for cls in (KG.State, KG.City, KG.InternationalOrganization, KG.GovernmentAgency, KG.Award,
                KG.CooperationArea, KG.Product):
        for node in reference.subjects(RDF.type, cls):
            names[str(node)] = _english(reference, node) or key(node)
    found = Entities(["id", "pe"] + rest, names, seed=seed)
    for prop, table in ((KG.agencyOf, found.agency), (KG.awardedBy, found.award)):
        for thing, state in sorted(reference.subject_objects(prop)):
            table.setdefault(key(state), str(thing))
    for state, city in reference.subject_objects(KG.capital):
        found.capital[key(state)] = str(city)
    found.organizations = sorted(str(o) for o in reference.subjects(RDF.type, KG.InternationalOrganization))
    found.areas = sorted(str(a) for a in reference.subjects(RDF.type, KG.CooperationArea))
    found.products = sorted(str(p) for p in reference.subjects(RDF.type, KG.Product))
    return found


class Document:
    """One synthetic source document: its named graph, catalog entry and running text."""

    def __init__(self, out: Quads, doc_id: str, title: str, issued: PartialDate):
        self.out, self.id = out, doc_id
        self.iri = iri(mint("document", doc_id))
        self.graph = iri(mint("graph/doc", doc_id))
        self.offset, self.previous, self.people = 0, "", set()
        for p, o in ((A, C["SourceDocument"]), (iri(DCTERMS.identifier), text(doc_id)),
                     (iri(DCTERMS.language), text("en")), (iri(DCTERMS.title), text(title, "en")),
                     (iri(DCTERMS.publisher), text("kg benchmark generator")),
                     (iri(DCTERMS.issued), date(issued))):
            self.add(self.iri, p, o)

    def add(self, s: str, p: str, o: str) -> None:
        self.out.add(s, p, o, self.graph)

    def fact(self, node, cls: str, label: str, *pairs) -> str:
        """Write a fact node (an IRI): its class, English label and ``(property, object)``
        pairs; returns it in N-Triples form."""
        node = iri(node)
        self.add(node, A, cls)
        self.add(node, LABEL, text(label, "en"))
        for p, o in pairs:
            self.add(node, p, o)
        return node

    def person(self, name: str) -> str:
        """A person named in this document (typed and labelled once per document)."""
        node = iri(mint("person", name))
        if node not in self.people:
            self.people.add(node)
            for p, o in ((A, C["Person"]), (LABEL, text(name)), (iri(SCHEMA.name), text(name)),
                         (iri(DCTERMS.source), self.iri)):
                self.add(node, p, o)
        return node

    def says(self, sentence: str, rule: str, *facts: str) -> None:
        """The sentence that states ``facts``: one evidence node, as kg.mapping writes it."""
        start, end = self.offset, self.offset + len(sentence)
        node = mint("evidence", self.id, start, end, rule)
        ev, target, quote, position = (iri(f"{node}{part}") for part in ("", "/target", "/quote", "/position"))
        for fact in facts:
            self.add(fact, iri(PROV.wasDerivedFrom), self.iri)
            self.add(fact, P["evidence"], ev)
        triples = [(ev, A, C["Evidence"]), (ev, P["rule"], text(rule)), (ev, iri(OA.hasTarget), target),
                   (target, A, iri(OA.SpecificResource)), (target, iri(OA.hasSource), self.iri),
                   (target, iri(OA.hasSelector), quote), (target, iri(OA.hasSelector), position),
                   (quote, A, iri(OA.TextQuoteSelector)), (quote, iri(OA.exact), text(sentence, "en")),
                   (position, A, iri(OA.TextPositionSelector)),
                   (position, iri(OA.start), typed(start, XSD.nonNegativeInteger)),
                   (position, iri(OA.end), typed(end, XSD.nonNegativeInteger))]
        if self.previous:
            triples.append((quote, iri(OA.prefix), text(self.previous[-32:] + " ", "en")))
        for s, p, o in triples:
            self.add(s, p, o)
        self.offset, self.previous = end + 1, sentence


@dataclass
class Plan:
    """What :func:`generate` wrote."""

    quads: int
    states: int
    pairs: int
    documents: int


class Generator:
    """Writes synthetic documents; every choice comes from one seeded ``random.Random``."""

    def __init__(self, out: Quads, entities: Entities, rng: random.Random, first_document: int = 1):
        self.out, self.e, self.rng = out, entities, rng
        self.next_document = first_document
        self.events: set[str] = set()
        self.people: set[str] = set()

    def day(self, first: int, last: int) -> dt.date:
        """A day from 1 January of ``first`` to 31 December of ``last``."""
        start = dt.date(first, 1, 1)
        return start + dt.timedelta(days=self.rng.randrange((dt.date(last, 12, 31) - start).days + 1))

    def name(self) -> str:
        """A new person's name (two words of two or three syllables), never given before."""
        while True:
            name = " ".join("".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()
                            for _ in range(2))
            if name not in self.people:
                self.people.add(name)
                return name

    def document(self, title: str, issued: PartialDate) -> Document:
        doc = Document(self.out, f"bench_{self.next_document:07d}", title, issued)
        self.next_document += 1
        return doc

    def event_node(self, kind: str, day: dt.date, place: str) -> tuple[str, dt.date]:
        """An event IRI not minted before (the next free day at ``place``), and its day."""
        while True:
            node = str(mint("event", kind, day.isoformat(), key(place)))
            if node not in self.events:
                self.events.add(node)
                return node, day
            day = dt.date(2000, 1, 1) if day == LAST_DAY else day + dt.timedelta(days=1)

    def profile(self, iso: str) -> None:
        """A state's memberships (always the WTO), its president and foreign minister."""
        e, state, name = self.e, iri(self.e.state(iso)), self.e.name(iso)
        year = self.rng.randint(2015, 2024)
        doc = self.document(f"Profile of {name}", PartialDate(year))
        organizations = [o for o in e.organizations if o.endswith("/wto") or self.rng.random() < 0.4]
        members = [doc.fact(mint("membership", iso, key(o)), iri(KG.Membership),
                            f"Membership of {name} in {e.name(o)}",
                            (iri(ORG.member), state), (iri(ORG.organization), iri(o)))
                   for o in organizations]
        doc.says(f"{name} is a member of " + ", ".join(e.name(o) for o in organizations) + ".",
                 "bench.membership", *members)
        for office, title in OFFICIALS.items():
            person = e.official(iso, office)
            holding = doc.fact(mint("office-holding", slug(person), office, iso), C["OfficeHolding"],
                               f"{person}, {title} of {name}", (P["holder"], doc.person(person)),
                               (P["office"], iri(KGR["office/" + office])), (P["state"], state),
                               (P["date"], date(PartialDate(year))))
            doc.says(f"{person} has served as {title} of {name} since {year}.", "bench.office", holding)

    def dossier(self, a: str, b: str, index: int) -> None:
        """Everything about one pair of states (``a`` < ``b``); an award for one pair in five."""
        e = self.e
        sa, sb, na, nb = iri(e.state(a)), iri(e.state(b)), e.name(a), e.name(b)
        established = on(self.day(1945, 1999))
        doc = self.document(f"Relations between {na} and {nb}", on(self.day(2015, 2024)))
        relation = doc.fact(mint("relation", a, b), C["BilateralRelation"],
                            f"Bilateral relations between {na} and {nb}",
                            (P["state"], sa), (P["state"], sb), (P["established"], date(established)))
        event = doc.fact(mint("event", "establishment-of-relations", a, b), C["EstablishmentOfRelations"],
                         f"Establishment of diplomatic relations between {na} and {nb}",
                         (P["participant"], sa), (P["participant"], sb), (P["date"], date(established)))
        doc.says(f"{na} and {nb} established diplomatic relations on {established.lexical}.",
                 "bench.relation", relation, event)
        for sending, receiving in ((a, b), (b, a)):
            self.embassy(doc, sending, receiving, established.year)
        self.agreement(doc, a, b)
        self.visit(doc, a, b)
        self.trade(doc, a, b, 2024)
        self.exports(doc, a, b)
        self.market_entry(doc, a, b)
        if index % 5 == 0:
            self.conferral(doc, a, b)

    def embassy(self, doc: Document, s: str, r: str, since: int) -> None:
        """The embassy of ``s`` in ``r``'s capital, its opening, and ``s``'s ambassador to ``r``."""
        e = self.e
        ss, sr, city = iri(e.state(s)), iri(e.state(r)), e.capital[r]
        opened = self.day(since, 2010)
        when = on(opened) if self.rng.random() < 0.7 else PartialDate(opened.year, opened.month)
        name = f"Embassy of {e.name(s)} in {e.name(city)}"
        mission = doc.fact(mint("mission", "embassy", s, r, r), C["Embassy"], name,
                           (P["missionKind"], EMBASSY), (P["sendingState"], ss), (P["receivingState"], sr),
                           (P["hostState"], sr), (P["city"], iri(city)), (P["opened"], date(when)))
        opening = doc.fact(mint("event", "mission-opening", "embassy", s, r, r), C["MissionOpening"],
                           f"Opening of the {name}", (P["mission"], mission), (P["participant"], ss),
                           (P["place"], iri(city)), (P["date"], date(when)))
        doc.says(f"{e.name(s)} opened its embassy in {e.name(city)} in {when.lexical}.",
                 "bench.mission", mission, opening)
        ambassador = self.name()
        holding = doc.fact(mint("office-holding", slug(ambassador), "ambassador", s), C["OfficeHolding"],
                           f"{ambassador}, Ambassador of {e.name(s)}",
                           (P["holder"], doc.person(ambassador)), (P["office"], iri(KGR["office/ambassador"])),
                           (P["state"], ss), (P["accreditedTo"], sr), (P["date"], date(on(self.day(2018, 2024)))))
        doc.says(f"{ambassador} is the Ambassador of {e.name(s)} to {e.name(r)}.", "bench.office", holding)

    def agreement(self, doc: Document, a: str, b: str) -> None:
        """An agreement signed by the foreign ministers, with two cooperation areas as topics."""
        e, rng = self.e, self.rng
        kind = rng.choice(sorted(set(AGREEMENT_CLASSES) - {"agreement"}))
        signed = on(self.day(2000, 2024))
        between = f"{e.name(a)} and {e.name(b)}"
        ministers = [e.official(s, "minister-of-foreign-affairs") for s in (a, b)]
        agreement = mint("agreement", kind, a, b, signed.lexical)
        node = doc.fact(agreement, iri(AGREEMENT_CLASSES[kind]),
                        f"{AGREEMENT_NAMES[kind]} between {between}, {signed.lexical}",
                        (P["party"], iri(e.state(a))), (P["party"], iri(e.state(b))),
                        *((P["signatory"], doc.person(m)) for m in ministers), (P["date"], date(signed)))
        areas = rng.sample(e.areas, 2)
        topics = [doc.fact(mint("cooperation", key(area), "agreement", key(agreement)), C["Cooperation"],
                           f"Cooperation on {e.name(area)}", (P["area"], iri(area)), (P["context"], node))
                  for area in areas]
        doc.says(f"On {signed.lexical}, {ministers[0]} and {ministers[1]} signed a {AGREEMENT_NAMES[kind].lower()} "
                 f"between {between} on {e.name(areas[0])} and {e.name(areas[1])}.",
                 "bench.agreement", node, *topics)

    def visit(self, doc: Document, a: str, b: str) -> None:
        """A state visit by ``a``'s president to ``b``'s."""
        e = self.e
        city = e.capital[b]
        node, day = self.event_node("state-visit", self.day(2000, 2024), city)
        visitor, host = (e.official(s, "president") for s in (a, b))
        event = doc.fact(node, C["StateVisit"], f"State visit in {e.name(city)}, {day.isoformat()}",
                         (P["participant"], doc.person(visitor)), (P["participant"], doc.person(host)),
                         (P["participant"], iri(e.state(a))), (P["participant"], iri(e.state(b))),
                         (P["place"], iri(city)), (P["date"], date(on(day))))
        doc.says(f"President {visitor} of {e.name(a)} paid a state visit to {host} in "
                 f"{e.name(city)} on {day.isoformat()}.", "bench.visit", event)

    def trade(self, doc: Document, a: str, b: str, year: int) -> None:
        """The trade between ``a`` and ``b`` in ``year``, as ``a``'s statistics office reports it."""
        e, rng = self.e, self.rng
        value = rng.randrange(10_000, 5_000_000) * 1000
        deficit = rng.choice((a, b))
        node = doc.fact(mint("trade", a, b, year), C["TradeStatistic"],
                        f"Trade between {e.name(a)} and {e.name(b)} in {year}",
                        (P["state"], iri(e.state(a))), (P["state"], iri(e.state(b))),
                        (P["year"], typed(f"{year:04d}", XSD.gYear)), (P["value"], typed(value, XSD.decimal)),
                        (P["currency"], text("USD")), (P["reportedBy"], iri(e.agency[a])),
                        (P["deficitState"], iri(e.state(deficit))))
        doc.says(f"According to {e.name(e.agency[a])}, trade between {e.name(a)} and {e.name(b)} was "
                 f"{value} US dollars in {year}, with a deficit for {e.name(deficit)}.", "bench.trade", node)

    def exports(self, doc: Document, a: str, b: str) -> None:
        """One product each way."""
        e = self.e
        products = [self.rng.choice(e.products) for _ in range(2)]
        flows = [doc.fact(mint("export", x, y, key(product)), C["ExportFlow"],
                          f"Export of {e.name(product)} from {e.name(x)} to {e.name(y)}",
                          (P["exporter"], iri(e.state(x))), (P["importer"], iri(e.state(y))),
                          (P["product"], iri(product)))
                 for (x, y), product in zip(((a, b), (b, a)), products)]
        doc.says(f"{e.name(a)} exports {e.name(products[0])} to {e.name(b)}, which sells "
                 f"{e.name(products[1])} in return.", "bench.export", *flows)

    def market_entry(self, doc: Document, a: str, b: str) -> None:
        e = self.e
        company = e.company[a]
        doc.add(iri(company), P["nationality"], iri(e.state(a)))
        entry = doc.fact(mint("market-entry", key(company), b), C["MarketEntry"],
                         f"{e.name(company)} entered the market of {e.name(b)}",
                         (P["company"], iri(company)), (P["market"], iri(e.state(b))))
        doc.says(f"{e.name(company)} of {e.name(a)} entered the market of {e.name(b)}.",
                 "bench.market-entry", entry)

    def conferral(self, doc: Document, a: str, b: str) -> None:
        """``a``'s award to ``b``'s president."""
        e = self.e
        award, recipient = e.award[a], e.official(b, "president")
        given = on(self.day(2000, 2024))
        node = doc.fact(mint("award-conferral", key(award), slug(recipient)), C["AwardConferral"],
                        f"{e.name(award)} awarded to {recipient}", (P["award"], iri(award)),
                        (P["recipient"], doc.person(recipient)), (P["awardedBy"], iri(e.state(a))),
                        (P["date"], date(given)))
        doc.says(f"{e.name(a)} awarded the {e.name(award)} to {recipient} on {given.lexical}.",
                 "bench.award", node)

    def meeting(self, doc: Document, a: str, b: str, day: dt.date) -> None:
        """A meeting of the foreign ministers on ``day`` (or the next free one) in one of the
        capitals, with the area they agreed to cooperate on."""
        e, rng = self.e, self.rng
        kind = rng.choice(sorted(MEETINGS))
        city = e.capital[rng.choice((a, b))]
        node, day = self.event_node(kind, day, city)
        ministers = [e.official(s, "minister-of-foreign-affairs") for s in (a, b)]
        label, phrase = MEETINGS[kind]
        event = doc.fact(node, iri(EVENT_CLASSES[kind]), f"{label} in {e.name(city)}, {day.isoformat()}",
                         *((P["participant"], doc.person(m)) for m in ministers),
                         (P["participant"], iri(e.state(a))), (P["participant"], iri(e.state(b))),
                         (P["place"], iri(city)), (P["date"], date(on(day))))
        area = rng.choice(e.areas)
        topic = doc.fact(mint("cooperation", key(area), "event", key(node)), C["Cooperation"],
                         f"Cooperation on {e.name(area)}", (P["area"], iri(area)), (P["context"], event))
        doc.says(f"{ministers[0]} and {ministers[1]} held {phrase} in {e.name(city)} on {day.isoformat()} "
                 f"and agreed to work together on {e.name(area)}.", "bench.meeting", event, topic)


def write_graph(out: Quads, graph: Graph, name) -> None:
    """Every triple of ``graph`` into the named graph ``name``, sorted, blank nodes labelled
    canonically (so the output does not depend on rdflib's random blank node ids)."""
    g = ox.NamedNode(str(name))
    for quad in sorted((to_ox_quad(t, g) for t in to_canonical_graph(graph)), key=str):
        out.add(str(quad.subject), str(quad.predicate), str(quad.object), str(g))


def states_for(triples: int, fixed: int) -> int:
    """How many states: the most (up to 249) whose profiles and dossiers fill about three
    quarters of what ``triples`` leaves after ``fixed``; at least two."""
    budget = (triples - fixed) * 0.75
    count = 2
    while count < 249 and (count + 1) * PROFILE + (count + 1) * count // 2 * DOSSIER <= budget:
        count += 1
    return count


def generate(stream, triples: int, seed: int = 1) -> Plan:
    """Write about ``triples`` quads of synthetic graph to ``stream``; returns the :class:`Plan`."""
    out = Quads(stream)
    reference = reference_graph(paths.REFERENCE_DIR)
    write_graph(out, load_ontology(), ONTOLOGY_GRAPH)
    write_graph(out, reference, REFERENCE_GRAPH)
    entities = read_entities(reference, seed)
    states = entities.states[:states_for(triples, out.count)]
    for s, p, o in entities.supplement(states):
        out.add(s, p, o, iri(REFERENCE_GRAPH))
    smallest = out.count + len(states) * PROFILE + DOSSIER
    if smallest > triples * 1.1:
        raise ValueError(f"--triples {triples} is too small: the ontology, the reference data and "
                         f"two states hold about {smallest}")
    generator = Generator(out, entities, random.Random(seed))
    for iso in states:
        generator.profile(iso)
    pairs = [tuple(sorted(pair)) for pair in itertools.combinations(states, 2)]
    for index, (a, b) in enumerate(pairs):
        generator.dossier(a, b, index)
    for number in itertools.count():
        if out.count + NEWS // 2 >= triples:
            break
        a, b = pairs[number % len(pairs)]
        doc = generator.document(f"News: {entities.name(a)} and {entities.name(b)}",
                                 on(generator.day(2000, 2024)))
        generator.meeting(doc, a, b, generator.day(2000, 2024))
        generator.trade(doc, a, b, 2023 - number // len(pairs))
    return Plan(out.count, len(states), len(pairs), generator.next_document - 1)


def batch(stream, states: int, number: int = 0, triples: int = 100, seed: int = 1) -> int:
    """About ``triples`` new triples (N-Triples) for ``kg add`` to the graph of ``states``
    states that :func:`generate` made with ``seed``: one document of meetings and trade
    figures dated 2025 and later (after everything in the graph) about pairs of those
    states; each ``number`` takes other pairs and days. Returns the count.

    >>> import io
    >>> 90 <= batch(io.StringIO(), states=2) <= 110
    True
    """
    entities = read_entities(reference_graph(paths.REFERENCE_DIR), seed)
    chosen = entities.states[:states]
    entities.supplement(chosen)
    pairs = [tuple(sorted(pair)) for pair in itertools.combinations(chosen, 2)]
    out = Quads(stream, graphs=False)
    generator = Generator(out, entities, random.Random(f"{seed}/batch/{number}"), 10 ** 6 + number)
    doc = generator.document(f"Batch {number}", PartialDate(2025, 1, 1))
    for index in itertools.count(number * 2):
        a, b = pairs[index % len(pairs)]
        generator.meeting(doc, a, b, dt.date(2025, 1, 1) + dt.timedelta(days=index))
        if out.count >= triples - NEWS // 2:
            break
        generator.trade(doc, a, b, 2025 + index // len(pairs))
    return out.count


class Parser(argparse.ArgumentParser):
    """argparse with a bad argument reported in one line (no usage block), exit code 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def main(argv=None) -> int:
    parser = Parser(prog="python -m bench.generate",
                                     description="Write a synthetic graph in the project's model (N-Quads).")
    parser.add_argument("--triples", type=int, required=True, help="about how many quads to write")
    parser.add_argument("--out", required=True, metavar="FILE.nq", help="where to write (- for stdout)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        if args.out == "-":
            plan = generate(sys.stdout, args.triples, args.seed)
        else:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            with open(args.out, "w", encoding="utf-8", newline="\n") as stream:
                plan = generate(stream, args.triples, args.seed)
    except (ValueError, OSError) as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    print(f"{plan.quads} quads: {plan.states} states, {plan.pairs} pairs, {plan.documents} documents",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
