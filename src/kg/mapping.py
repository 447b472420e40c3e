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

from .facts import Amount, Evidence, Fact, PartialDate, Person
from .rdfterms import KG, KGR, OA, ORG, SCHEMA, mint, slug

AGREEMENT_CLASSES = {
    "mou": KG.MemorandumOfUnderstanding,
    "comprehensive": KG.ComprehensiveCooperationAgreement,
    "arrangement": KG.CooperationArrangement,
    "joint-declaration": KG.JointDeclaration,
    "agreement": KG.Agreement,
}
AGREEMENT_NAMES = {"mou": "Memorandum of understanding", "comprehensive": "Comprehensive cooperation agreement",
                   "arrangement": "Cooperation arrangement", "joint-declaration": "Joint declaration",
                   "agreement": "Agreement"}
AGREEMENT_STATUSES = {"signed": KGR["agreement-status/signed"], "planned": KGR["agreement-status/planned"]}
EVENT_CLASSES = {
    "press-conference": KG.JointPressConference,
    "courtesy-call": KG.CourtesyCall,
    "bilateral-meeting": KG.BilateralMeeting,
    "summit": KG.Summit,
    "state-visit": KG.StateVisit,
    "visit": KG.Visit,
}
EVENT_NAMES = {"press-conference": "Joint press conference", "courtesy-call": "Courtesy call",
               "bilateral-meeting": "Bilateral meeting", "summit": "Leaders' meeting", "state-visit": "State visit",
               "visit": "Official visit"}
MISSION_KINDS = {kind: KGR[f"mission-kind/{kind}"] for kind in ("embassy", "non-resident", "consulate")}


def key(iri) -> str:
    """The last segment of a minted IRI: ``key(".../state/id")`` is ``id``."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


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

    def label(self, iri) -> str:
        """An entity's English label (else any label, else its key)."""
        node = URIRef(str(iri))
        found = {}
        for graph in (self.entities, self.graph):
            for prop in (RDFS.label, SKOS.prefLabel):
                for value in graph.objects(node, prop):
                    found.setdefault(getattr(value, "language", None) or "", str(value))
        return found.get("en") or next(iter(found.values()), key(iri))

    def add(self, fact: Fact) -> URIRef:
        """Write ``fact`` (once) and return its IRI."""
        if id(fact) in self._iris:
            return self._iris[id(fact)]
        iri = getattr(self, "_" + fact.kind.lower())(fact, fact.fields)
        self._iris[id(fact)] = iri
        self._provenance(iri, fact.evidence)
        return iri

    # -- fact kinds ------------------------------------------------------------------------

    def _bilateralrelation(self, fact, f):
        a, b = sorted(f["states"])
        iri = mint("relation", key(a), key(b))
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
        iri = mint("membership", key(f["member"]), key(organization))
        self._node(iri, KG.Membership, f"Membership of {self.label(f['member'])} in {self.label(organization)}")
        self._set(iri, ORG.member, URIRef(f["member"]))
        self._set(iri, ORG.organization, organization)
        return iri

    def _mission(self, fact, f):
        host = f.get("host") or str(self.entities.value(URIRef(f["city"]), KG.inState))
        sending, receiving = f["sending"], f.get("receiving", host)
        iri = mint("mission", f["kind"], key(sending), key(receiving), key(host))
        where = self.label(f["city"]) if "city" in f else self.label(host)
        name = f"{'Consulate' if f['kind'] == 'consulate' else 'Embassy'} of {self.label(sending)} in {where}"
        if receiving != host:
            name += f", accredited to {self.label(receiving)}"
        self._node(iri, KG.Consulate if f["kind"] == "consulate" else KG.Embassy, name)
        self._set(iri, KG.missionKind, MISSION_KINDS[f["kind"]])
        self._set(iri, KG.sendingState, URIRef(sending))
        self._set(iri, KG.receivingState, URIRef(receiving))
        self._set(iri, KG.hostState, URIRef(host))
        if "city" in f:
            self._set(iri, KG.city, URIRef(f["city"]))
        if "opened" in f:
            self._date(iri, KG.opened, f["opened"])
            event = mint("event", "mission-opening", f["kind"], key(sending), key(receiving), key(host))
            self._node(event, KG.MissionOpening, f"Opening of the {name}")
            self._set(event, KG.mission, iri)
            self._set(event, KG.participant, URIRef(sending))
            self._set(event, KG.place, URIRef(f.get("city", host)))
            self._date(event, KG.date, f["opened"])
            self._provenance(event, fact.evidence)
        return iri

    def _agreement(self, fact, f):
        parties = sorted(f["parties"])
        date = f.get("date")
        status = f.get("status", "signed")
        iri = mint("agreement", f["kind"], *map(key, parties), date.lexical if date else "undated",
                   *(["planned"] if status == "planned" else []))
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
        where = f.get("organization")     # one event of a kind a day; an organization's summit is its own
        planned = f.get("status") == "planned"      # announced, not yet held: schema:EventScheduled
        iri = mint("event", f["kind"], date.lexical if date else "undated", *([key(where)] if where else []),
                   *(["planned"] if planned else []))
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
        iri = mint("office-holding", slug(person.name), key(f["office"]), key(f["state"]))
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
        iri = mint("trade", key(a), key(b), year.year)
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
        iri = mint("export", key(f["exporter"]), key(f["importer"]), key(product))
        self._node(iri, KG.ExportFlow, f"Export of {self.label(product)} from {self.label(f['exporter'])} to {self.label(f['importer'])}")
        self._set(iri, KG.exporter, URIRef(f["exporter"]))
        self._set(iri, KG.importer, URIRef(f["importer"]))
        self._set(iri, KG.product, product)
        return iri

    def _cooperation(self, fact, f):
        context = self.add(f["context"])
        iri = mint("cooperation", key(f["area"]), *str(context)[len(str(KGR)):].split("/"))
        self._node(iri, KG.Cooperation, f"Cooperation on {self.label(f['area'])}")
        self._set(iri, KG.area, URIRef(f["area"]))
        self._set(iri, KG.context, context)
        return iri

    def _marketentry(self, fact, f):
        company, market = URIRef(f["company"]), URIRef(f["market"])
        iri = mint("market-entry", key(company), key(market))
        self._node(iri, KG.MarketEntry, f"{self.label(company)} entered the market of {self.label(market)}")
        self._set(iri, KG.company, company)
        self._set(iri, KG.market, market)
        if "nationality" in f:
            self._set(company, KG.nationality, URIRef(f["nationality"]))
        return iri

    def _awardconferral(self, fact, f):
        person = self._person(f["recipient"])
        iri = mint("award-conferral", key(f["award"]), key(person))
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
