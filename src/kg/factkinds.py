"""The one registry of fact kinds: per kind its fields and their value types, the fields that
make a fact's identity (its IRI), the values a coded field allows, and how the evaluator
compares it.

The rule loader (:mod:`kg.extract.language`) and the frame loader (:mod:`kg.extract.frames`)
check every fact, field, constant and slot against it at load; :mod:`kg.mapping` mints each
fact's IRI from its key; :mod:`kg.evaluate` takes from it which fields of a case are key
fields.

>>> KINDS["Mission"].key
('kind', 'sending', 'receiving', 'host', 'city')
>>> KINDS["Mission"].key_fields({"kind": "embassy", "city": "lima"})
('kind', 'sending', 'receiving', 'host')
>>> sorted(KINDS["Mission"].fields["kind"].values)
['consulate', 'embassy', 'non-resident']
>>> accepts(KINDS["Membership"].fields["member"], "BothStates")
True
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: What a slot or role type gives as a field value: the entity type of its IRI, or
#: ``Date``, ``Amount``, ``Person``, ``Text``; ``Fact`` is another fact (``@last:``).
VALUE_OF_TYPE = {
    "State": "State", "BothStates": "State", "Demonym": "State",
    "City": "City", "Organization": "Organization", "Agency": "Agency", "Venue": "Venue",
    "Award": "Award", "Company": "Company", "Office": "Office", "Area": "Area", "Product": "Product",
    "Date": "Date", "Year": "Date", "Anniversary": "Date",
    "Amount": "Amount",
    "Person": "Person", "BothLeaders": "Person", "Name": "Person",
    "Phrase": "Text",
}


@dataclass(frozen=True)
class Field:
    """One field of a fact kind: the value types it takes, whether it holds a list, and, for a
    coded field, its allowed values (each with the ontology class it gives the fact, if any)."""

    types: tuple[str, ...]
    many: bool = False
    values: dict[str, str | None] = field(default_factory=dict)
    facts: tuple[str, ...] = ()           # for type Fact: the kinds it may point to
    size: int | None = None               # a list of exactly this many (a pair of states)


@dataclass(frozen=True)
class FactKind:
    """A fact kind: its fields, its identity key (in IRI order) and the evaluation's view of it.

    ``key_only_when`` makes a key field count only for some values of another field (a
    consulate's city is part of its identity, an embassy's is not). ``case`` is the fact type's
    name in tests/cases/ and ``compared_where_given`` the case fields compared only where the
    reader wrote a value (every other column is a key field, always compared)."""

    name: str
    iri: str
    fields: dict[str, Field]
    key: tuple[str, ...]
    key_only_when: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    case: str | None = None
    compared_where_given: frozenset[str] = frozenset()

    def key_fields(self, fields: dict) -> tuple[str, ...]:
        """The key fields that count for a fact with these ``fields``."""
        return tuple(name for name in self.key
                     if name not in self.key_only_when
                     or fields.get(self.key_only_when[name][0]) in self.key_only_when[name][1])


def _f(*types: str, many: bool = False, values=None, facts=(), size=None) -> Field:
    return Field(tuple(types), many or bool(size), dict(values or {}), tuple(facts), size)


KINDS: dict[str, FactKind] = {kind.name: kind for kind in (
    FactKind("BilateralRelation", "relation",
             {"states": _f("State", size=2), "established": _f("Date")},
             key=("states",), case="relation", compared_where_given=frozenset({"date"})),
    FactKind("Membership", "membership",
             {"member": _f("State"), "organization": _f("Organization")},
             key=("member", "organization"), case="membership"),
    FactKind("Mission", "mission",
             {"kind": _f(values={"embassy": "Embassy", "non-resident": "Embassy", "consulate": "Consulate"}),
              "sending": _f("State"), "receiving": _f("State"), "host": _f("State"), "city": _f("City"),
              "opened": _f("Date")},
             key=("kind", "sending", "receiving", "host", "city"),
             key_only_when={"city": ("kind", ("consulate",))},
             case="mission", compared_where_given=frozenset({"city", "date", "status"})),
    FactKind("Agreement", "agreement",
             {"kind": _f(values={"mou": "MemorandumOfUnderstanding", "comprehensive": "ComprehensiveCooperationAgreement",
                                 "arrangement": "CooperationArrangement", "joint-declaration": "JointDeclaration",
                                 "agreement": "Agreement"}),
              "parties": _f("State", many=True), "date": _f("Date"), "signatories": _f("Person", many=True),
              "status": _f(values={"signed": None, "planned": None}),
              "title": _f("Text"), "topics": _f("Area", many=True),
              "parts": _f("Fact", many=True, facts=("Agreement",))},
             key=("kind", "parties", "date", "status", "topics", "title"),
             case="agreement", compared_where_given=frozenset({"date"})),
    FactKind("Event", "event",
             {"kind": _f(values={"press-conference": "JointPressConference", "courtesy-call": "CourtesyCall",
                                 "bilateral-meeting": "BilateralMeeting", "summit": "Summit",
                                 "state-visit": "StateVisit", "visit": "Visit"}),
              "date": _f("Date"), "participants": _f("State", "Person", many=True),
              "place": _f("City", "State", "Venue"), "invited": _f("State"), "organization": _f("Organization")},
             key=("kind", "date", "participants", "organization"),
             case="event", compared_where_given=frozenset({"date", "place", "status"})),
    FactKind("OfficeHolding", "office-holding",
             {"holder": _f("Person"), "office": _f("Office"), "state": _f("State"), "accredited_to": _f("State"),
              "date": _f("Date")},
             key=("holder", "office", "state"), case="office", compared_where_given=frozenset({"date"})),
    FactKind("TradeStatistic", "trade",
             {"states": _f("State", size=2), "year": _f("Date"), "amount": _f("Amount"),
              "reported_by": _f("Agency"), "deficit": _f("State")},
             key=("states", "year"), case="trade", compared_where_given=frozenset({"direction"})),
    FactKind("ExportFlow", "export",
             {"exporter": _f("State"), "importer": _f("State"), "product": _f("Product")},
             key=("exporter", "importer", "product"), case="export"),
    FactKind("Cooperation", "cooperation",
             {"area": _f("Area"), "context": _f("Fact", facts=("Agreement", "Event"))},
             key=("area", "context"), case="cooperation"),
    FactKind("MarketEntry", "market-entry",
             {"company": _f("Company"), "nationality": _f("State"), "market": _f("State")},
             key=("company", "market"), case="market-entry"),
    FactKind("AwardConferral", "award-conferral",
             {"award": _f("Award"), "recipient": _f("Person"), "awarded_by": _f("State"), "date": _f("Date")},
             key=("award", "recipient"), case="award"),
)}


def accepts(spec: Field, type_name: str) -> bool:
    """Whether a slot or role of ``type_name`` can fill the field ``spec``."""
    return VALUE_OF_TYPE.get(type_name) in spec.types


def describe(kind: str) -> str:
    """``Membership (fields: member, organization)``, for error messages."""
    return f"{kind} (fields: {', '.join(sorted(KINDS[kind].fields))})"
