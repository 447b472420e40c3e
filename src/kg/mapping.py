"""Facts to RDF: one function per fact kind, IRIs minted from each fact's stable key.

The same fact stated twice (in one document or in two) mints the same IRI, so its
triples merge and it keeps one evidence node per statement. See docs/model.md.

>>> from rdflib import Graph
>>> from kg.facts import Evidence, Fact
>>> ev = Evidence("d1", "en", "A and B are members of X.", 0, 25, "", "", "r1")
>>> fact = Fact("Membership", {"member": str(mint("state", "ID")), "organization": str(mint("organization", "apec"))}, [ev])
>>> str(Mapper(Graph(), entities=Graph()).add(fact))
'https://w3id.org/bilateral-relations/id/membership/id-apec'
"""
from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .factkinds import KINDS
from .facts import Amount, Evidence, Fact, PartialDate, Person
from .rdfterms import KG, KGR, OA, ORG, SCHEMA, mint

AGREEMENT_CLASSES = {kind: KG[cls] for kind, cls in KINDS["Agreement"].fields["kind"].values.items()}
AGREEMENT_NAMES = {"mou": "Memorandum of understanding", "comprehensive": "Comprehensive cooperation agreement",
                   "arrangement": "Cooperation arrangement", "joint-declaration": "Joint declaration",
                   "agreement": "Agreement"}
AGREEMENT_STATUSES = {"signed": KGR["agreement-status/signed"], "planned": KGR["agreement-status/planned"]}
EVENT_CLASSES = {kind: KG[cls] for kind, cls in KINDS["Event"].fields["kind"].values.items()}
EVENT_NAMES = {"press-conference": "Joint press conference", "courtesy-call": "Courtesy call",
               "bilateral-meeting": "Bilateral meeting", "summit": "Leaders' meeting", "state-visit": "State visit",
               "visit": "Official visit"}
MISSION_KINDS = {kind: KGR[f"mission-kind/{kind}"] for kind in KINDS["Mission"].fields["kind"].values}
MISSION_CLASSES = {kind: KG[cls] for kind, cls in KINDS["Mission"].fields["kind"].values.items()}


def key(iri) -> str:
    """The last segment of a minted IRI: ``key(".../state/id")`` is ``id``."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _sets(fields: dict, names) -> dict:
    """Each of ``names`` as a set of key values: a list's items, a value alone, or none."""
    def items(value):
        return value if isinstance(value, (list, tuple, set, frozenset)) else [] if value is None else [value]
    return {name: frozenset(map(_key_value, items(fields.get(name)))) for name in names}


def _within(narrow: dict, wide: dict) -> bool:
    return all(narrow[name] <= wide[name] for name in narrow)


def _key_value(value) -> object:
    """A key field's value as a key part: an IRI's last segment, a date's text, a person's name,
    an amount's currency (a figure told twice in one currency is one figure)."""
    if isinstance(value, PartialDate):
        return value.lexical
    if isinstance(value, Amount):
        return value.currency
    if isinstance(value, Person):
        return value.name
    return key(value) if isinstance(value, str) and value.startswith("http") else value


def date_literal(date: PartialDate) -> Literal:
    """``1992-11`` as ``"1992-11"^^xsd:gYearMonth``."""
    return Literal(date.lexical, datatype=XSD[date.datatype])


class Mapper:
    """Writes facts into one graph; ``entities`` (reference data + ontology) gives labels."""

    def __init__(self, graph, entities, document: URIRef | None = None, language: str = "en"):
        self.graph = graph
        self.entities = entities
        self.document = document
        self.language = language
        self._iris: dict[int, URIRef] = {}
        self._topics: dict[int, list[str]] = {}    # id(agreement fact) -> the areas facts give it
        self._keys: dict[int, dict] = {}           # id(fact) -> the key fields it is minted from

    def label(self, iri) -> str:
        """An entity's English label (else any label, else its key)."""
        node = URIRef(str(iri))
        found = {}
        for graph in (self.entities, self.graph):
            for prop in (RDFS.label, SKOS.prefLabel):
                for value in graph.objects(node, prop):
                    found.setdefault(getattr(value, "language", None) or "", str(value))
        return found.get("en") or next(iter(found.values()), key(iri))

    def add_all(self, facts: list[Fact]) -> None:
        """Write every fact of a document. An agreement's topics, part of its identity, are
        its own ``topics`` or the areas of the Cooperation facts whose context it is."""
        for fact in facts:
            if fact.kind == "Cooperation" and isinstance(fact.fields.get("context"), Fact):
                self._topics.setdefault(id(fact.fields["context"]), []).append(fact.fields["area"])
        self._refine(facts)
        for fact in facts:
            self.add(fact)

    def _key_of(self, fact: Fact) -> dict:
        """The fields an event, agreement or mission is minted from: an event's participants as
        their states, an agreement's status (signed unless planned) and topics, a mission's host
        (the state of its city unless given), receiving state (the host unless given) and city
        (the host's capital unless given: "Peru's embassy in Indonesia" is the one in Jakarta)."""
        f = fact.fields
        if id(fact) in self._keys:
            return self._keys[id(fact)]
        if fact.kind == "Mission":      # a mission the text does not place stands in the host's capital
            host = f.get("host") or str(self.entities.value(URIRef(f["city"]), KG.inState))
            return {**f, "host": host, "receiving": f.get("receiving", host),
                    "city": f.get("city") or self.entities.value(URIRef(host), KG.capital)}
        if fact.kind == "Event":
            states = [p.state if isinstance(p, Person) else p for p in f.get("participants", [])]
            return {**f, "participants": sorted({s for s in states if s})}
        topics = f.get("topics") or self._topics.get(id(fact), [])
        return {**f, "status": f.get("status", "signed"), "topics": sorted(set(topics))}

    def _refine(self, facts: list[Fact]) -> None:
        """Within one document, a fact read with less of its kind's ``refined`` key fields
        (kg.factkinds: fewer participants, parties or topics) than one other reading of
        it that agrees on the rest of the key is that reading: "the courtesy call" of Peru's
        ambassador is the call on Indonesia's minister the sentence before named. Where two
        fuller readings differ, it stays a fact of its own."""
        groups: dict[tuple, list] = {}
        for fact in facts:
            spec = KINDS.get(fact.kind)
            if spec is None or not spec.refined:
                continue
            fields = self._key_of(fact)
            sets = _sets(fields, spec.refined)
            rest = tuple(str(_key_value(fields[name])) if fields.get(name) is not None else ""
                         for name in spec.key if name not in sets)
            groups.setdefault((fact.kind, rest), []).append((fact, fields, sets))
        for members in groups.values():
            for fact, fields, sets in members:
                wider = [(other, o) for other, o, others in members if others != sets and _within(sets, others)]
                widest = [(other, o) for other, o in wider
                          if not any(_within(_sets(o, sets), _sets(w, sets)) and _sets(o, sets) != _sets(w, sets)
                                     for _, w in wider)]
                if len({tuple(sorted(_sets(o, sets).items())) for _, o in widest}) == 1:
                    self._keys[id(fact)] = {**fields, **{name: widest[0][1].get(name) for name in sets}}

    def add(self, fact: Fact) -> URIRef:
        """Write ``fact`` (once) and return its IRI."""
        if id(fact) in self._iris:
            return self._iris[id(fact)]
        iri = getattr(self, "_" + fact.kind.lower())(fact, fact.fields)
        self._iris[id(fact)] = iri
        self._provenance(iri, fact.evidence)
        return iri

    def iri(self, kind: str, fields: dict) -> URIRef:
        """A fact's IRI, minted from the values of its kind's key fields (:mod:`kg.factkinds`):
        entities by their key, dates by their text, people by their name, lists as sets, a
        fact (a cooperation's context) by its own IRI."""
        spec = KINDS[kind]
        parts, within = [], None
        for name in spec.key:
            value = fields.get(name)
            if "Fact" in spec.fields[name].types:
                within = None if value is None else self.add(value) if isinstance(value, Fact) else value
            elif spec.fields[name].size:
                parts += sorted(_key_value(v) for v in value or ())
            elif isinstance(value, (list, tuple, set)):
                parts.append(sorted({_key_value(v) for v in value}))
            else:
                parts.append(None if value is None else _key_value(value))
        return mint(spec.iri, *parts, within=within)

    # -- fact kinds ------------------------------------------------------------------------

    def _bilateralrelation(self, fact, f):
        a, b = sorted(f["states"])
        iri = self.iri("BilateralRelation", f)
        self._node(iri, KG.BilateralRelation, f"Bilateral relations between {self.label(a)} and {self.label(b)}")
        self._set(iri, KG.state, URIRef(a), URIRef(b))
        if "established" in f:
            self._date(iri, KG.established, f["established"])
            event = mint("event", "establishment-of-relations", key(a), key(b))
            self._node(event, KG.EstablishmentOfRelations,
                       f"Establishment of diplomatic relations between {self.label(a)} and {self.label(b)}")
            self._set(event, KG.participant, URIRef(a), URIRef(b))
            self._date(event, KG.date, f["established"])
            self._provenance(event, fact.evidence)
        return iri

    def _membership(self, fact, f):
        organization = self._entity(f["organization"], "organization", KG.InternationalOrganization)
        iri = self.iri("Membership", {**f, "organization": organization})
        self._node(iri, KG.Membership, f"Membership of {self.label(f['member'])} in {self.label(organization)}")
        self._set(iri, ORG.member, URIRef(f["member"]))
        self._set(iri, ORG.organization, organization)
        return iri

    def _mission(self, fact, f):
        key_fields = self._key_of(fact)
        host, sending, receiving = key_fields["host"], f["sending"], key_fields["receiving"]
        iri = self.iri("Mission", key_fields)
        where = self.label(f["city"]) if "city" in f else self.label(host)
        name = f"{'Consulate' if f['kind'] == 'consulate' else 'Embassy'} of {self.label(sending)} in {where}"
        if receiving != host:
            name += f", accredited to {self.label(receiving)}"
        self._node(iri, MISSION_CLASSES[f["kind"]], name)
        self._set(iri, KG.missionKind, MISSION_KINDS[f["kind"]])
        self._set(iri, KG.sendingState, URIRef(sending))
        self._set(iri, KG.receivingState, URIRef(receiving))
        self._set(iri, KG.hostState, URIRef(host))
        if "city" in f:
            self._set(iri, KG.city, URIRef(f["city"]))
        planned = f.get("status") == "planned"     # a mission to be opened: its opening is scheduled
        if "opened" in f or planned:
            event = mint("event", "mission-opening", within=iri)
            self._node(event, KG.MissionOpening, f"{'Planned opening' if planned else 'Opening'} of the {name}")
            self._set(event, KG.mission, iri)
            self._set(event, KG.participant, URIRef(sending))
            self._set(event, KG.place, URIRef(f.get("city", host)))
            if "opened" in f:
                self._date(iri, KG.opened, f["opened"])
                self._date(event, KG.date, f["opened"])
            if planned:
                self._set(event, SCHEMA.eventStatus, SCHEMA.EventScheduled)
            self._provenance(event, fact.evidence)
        return iri

    def _agreement(self, fact, f):
        parties = sorted(f["parties"])
        date = f.get("date")
        status = f.get("status", "signed")
        iri = self.iri("Agreement", self._key_of(fact))
        between = " and ".join(self.label(p) for p in parties)
        self._node(iri, AGREEMENT_CLASSES[f["kind"]],
                   ("Planned " + AGREEMENT_NAMES[f["kind"]].lower() if status == "planned" else AGREEMENT_NAMES[f["kind"]])
                   + f" between {between}" + (f", {date.lexical}" if date else ""))
        self._set(iri, KG.party, *map(URIRef, parties))
        self._set(iri, KG.agreementStatus, AGREEMENT_STATUSES[status])
        for person in f.get("signatories", []):
            self._set(iri, KG.signatory, self._person(person))
        if date:
            self._date(iri, KG.date, date)
        for part in f.get("parts", []):
            self.graph.add((self.add(part), DCTERMS.isPartOf, iri))
        return iri

    def _event(self, fact, f):
        date = f.get("date")
        iri = self.iri("Event", self._key_of(fact))
        planned = f.get("status") == "planned"      # announced, not yet held: schema:EventScheduled
        name = ("Planned " + EVENT_NAMES[f["kind"]].lower()) if planned else EVENT_NAMES[f["kind"]]
        if "organization" in f:
            name = f"{self.label(f['organization'])} {name.lower()}"
        if "place" in f:
            name += f" in {self.label(f['place'])}"
        self._node(iri, EVENT_CLASSES[f["kind"]], name + (f", {date.lexical}" if date else ""))
        for participant in f.get("participants", []):
            self._set(iri, KG.participant, self._person(participant) if isinstance(participant, Person) else URIRef(participant))
        if planned:
            self._set(iri, SCHEMA.eventStatus, SCHEMA.EventScheduled)
        for prop, field in ((KG.place, "place"), (KG.invited, "invited"), (KG.organization, "organization")):
            if field in f:
                self._set(iri, prop, URIRef(f[field]))
        if date:
            self._date(iri, KG.date, date)
        return iri

    def _officeholding(self, fact, f):
        person = f["holder"]
        iri = self.iri("OfficeHolding", f)
        self._node(iri, KG.OfficeHolding, f"{person.name}, {self.label(f['office'])} of {self.label(f['state'])}")
        self._set(iri, KG.holder, self._person(person))
        self._set(iri, KG.office, URIRef(f["office"]))
        self._set(iri, KG.state, URIRef(f["state"]))
        if "accredited_to" in f:
            self._set(iri, KG.accreditedTo, URIRef(f["accredited_to"]))
        if "date" in f:
            self._date(iri, KG.date, f["date"])
        return iri

    def _tradestatistic(self, fact, f):
        a, b = sorted(f["states"])
        year: PartialDate = f["year"]
        iri = self.iri("TradeStatistic", {**f, "year": year.year})
        if "exporter" in f:     # a one-way figure: one state's exports to the other
            self._node(iri, KG.TradeStatistic, f"Exports from {self.label(f['exporter'])} to "
                                               f"{self.label(f['importer'])} in {year.year}")
            self._set(iri, KG.exporter, URIRef(f["exporter"]))
            self._set(iri, KG.importer, URIRef(f["importer"]))
        else:
            self._node(iri, KG.TradeStatistic, f"Trade between {self.label(a)} and {self.label(b)} in {year.year}")
        self._set(iri, KG.state, URIRef(a), URIRef(b))
        self._set(iri, KG.year, Literal(f"{year.year:04d}", datatype=XSD.gYear))
        if "amount" in f:
            amount: Amount = f["amount"]
            self._set(iri, KG.value, Literal(amount.value, datatype=XSD.decimal))
            self._set(iri, KG.currency, Literal(amount.currency))
        if "reported_by" in f:
            self._set(iri, KG.reportedBy, URIRef(f["reported_by"]))
        if "deficit" in f:
            self._set(iri, KG.deficitState, URIRef(f["deficit"]))
        return iri

    def _exportflow(self, fact, f):
        product = self._entity(f["product"], "product", KG.Product, KGR["scheme/products"])
        iri = self.iri("ExportFlow", {**f, "product": product})
        self._node(iri, KG.ExportFlow, f"Export of {self.label(product)} from {self.label(f['exporter'])} to {self.label(f['importer'])}")
        self._set(iri, KG.exporter, URIRef(f["exporter"]))
        self._set(iri, KG.importer, URIRef(f["importer"]))
        self._set(iri, KG.product, product)
        return iri

    def _cooperation(self, fact, f):
        """In the context of an agreement or event; without one, between its two states."""
        if f.get("context") is None:
            a, b = sorted(f["states"])
            iri = self.iri("Cooperation", f)
            self._node(iri, KG.Cooperation, f"Cooperation on {self.label(f['area'])} between {self.label(a)} "
                                            f"and {self.label(b)}")
            self._set(iri, KG.area, URIRef(f["area"]))
            self._set(iri, KG.state, URIRef(a), URIRef(b))
            return iri
        context = self.add(f["context"])
        iri = self.iri("Cooperation", {**f, "context": context})
        self._node(iri, KG.Cooperation, f"Cooperation on {self.label(f['area'])}")
        self._set(iri, KG.area, URIRef(f["area"]))
        self._set(iri, KG.context, context)
        return iri

    def _marketentry(self, fact, f):
        company, market = self._entity(f["company"], "company", KG.Company), URIRef(f["market"])
        iri = self.iri("MarketEntry", f)
        self._node(iri, KG.MarketEntry, f"{self.label(company)} entered the market of {self.label(market)}")
        self._set(iri, KG.company, company)
        self._set(iri, KG.market, market)
        if "nationality" in f:
            self._set(company, KG.nationality, URIRef(f["nationality"]))
        return iri

    def _awardconferral(self, fact, f):
        person = self._person(f["recipient"])
        iri = self.iri("AwardConferral", f)
        self._node(iri, KG.AwardConferral, f"{self.label(f['award'])} awarded to {f['recipient'].name}")
        self._set(iri, KG.award, URIRef(f["award"]))
        self._set(iri, KG.recipient, person)
        awarded_by = f.get("awarded_by") or self.entities.value(URIRef(f["award"]), KG.awardedBy)
        if awarded_by:
            self._set(iri, KG.awardedBy, URIRef(awarded_by))
        if "date" in f:
            self._date(iri, KG.date, f["date"])
        return iri

    # -- entities first met in a document ---------------------------------------------------

    def _person(self, person: Person) -> URIRef:
        iri = mint("person", person.name)
        self.graph.add((iri, RDF.type, KG.Person))
        self.graph.add((iri, RDFS.label, Literal(person.name)))
        self.graph.add((iri, SCHEMA.name, Literal(person.name)))
        self._first_met(iri)
        return iri

    def _entity(self, value, kind: str, cls, scheme=None) -> URIRef:
        """A known entity's IRI, or a new entity for a name the reference data does not know,
        labelled in the document's language: ``_entity("Kelompok Cairns", "organization", …)``."""
        if value.startswith(str(KGR)):
            return URIRef(value)
        iri = mint(kind, value)
        self.graph.add((iri, RDF.type, cls))
        self.graph.add((iri, SKOS.prefLabel if scheme else RDFS.label, Literal(value, lang=self.language)))
        if scheme:
            self.graph.add((iri, SKOS.inScheme, scheme))
        self._first_met(iri)
        return iri

    def _first_met(self, iri) -> None:
        """An entity first met in this document names the document as its source."""
        if self.document is not None:
            self.graph.add((iri, DCTERMS.source, self.document))

    # -- helpers ---------------------------------------------------------------------------------

    def _node(self, iri, cls, label: str) -> None:
        self.graph.add((iri, RDF.type, cls))
        if self.graph.value(iri, RDFS.label) is None:
            self.graph.add((iri, RDFS.label, Literal(label, lang="en")))

    def _set(self, subject, prop, *values) -> None:
        for value in values:
            self.graph.add((subject, prop, value))

    def _date(self, subject, prop, date: PartialDate) -> None:
        """Set a date; a node keeps the most precise of the dates the document gives it
        (``1980`` then ``1980-09-15`` gives ``1980-09-15``); conflicting dates are all kept."""
        for known in list(self.graph.objects(subject, prop)):
            if str(known).startswith(date.lexical):
                return
            if date.lexical.startswith(str(known)):
                self.graph.remove((subject, prop, known))
        self.graph.add((subject, prop, date_literal(date)))
        if date.note:
            self.graph.add((subject, KG.dateInferred, Literal(True)))
            self.graph.add((subject, KG.dateNote, Literal(date.note, lang="en")))

    def _provenance(self, iri: URIRef, evidence: list[Evidence]) -> None:
        for ev in evidence:
            document = mint("document", ev.document)
            node = mint("evidence", ev.document, ev.start, ev.end, ev.rule)
            key = node[len(KGR["evidence/"]):]
            target, quote, position = (KGR[f"{part}/{key}"] for part in ("target", "quote", "position"))
            g = self.graph
            g.add((iri, PROV.wasDerivedFrom, document))
            g.add((iri, KG.evidence, node))
            g.add((node, RDF.type, KG.Evidence))
            g.add((node, KG.rule, Literal(ev.rule)))
            g.add((node, OA.hasTarget, target))
            g.add((target, RDF.type, OA.SpecificResource))
            g.add((target, OA.hasSource, document))
            g.add((target, OA.hasSelector, quote))
            g.add((target, OA.hasSelector, position))
            g.add((quote, RDF.type, OA.TextQuoteSelector))
            g.add((quote, OA.exact, Literal(ev.exact, lang=ev.language)))
            for prop, text in ((OA.prefix, ev.prefix), (OA.suffix, ev.suffix)):
                if text:
                    g.add((quote, prop, Literal(text, lang=ev.language)))
            g.add((position, RDF.type, OA.TextPositionSelector))
            g.add((position, OA.start, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
            g.add((position, OA.end, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
