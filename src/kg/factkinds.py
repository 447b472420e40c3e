"""The one registry of fact kinds: per kind its fields and their value types, the fields that
make a fact's identity (its IRI), the values a coded field allows, and how the evaluator
compares it.

The rule loader (:mod:`kg.extract.language`) and the frame loader (:mod:`kg.extract.frames`)
check every fact, field, constant and slot against it at load; :mod:`kg.mapping` mints each
fact's IRI from its key; :mod:`kg.evaluate` takes from it which fields of a case are key
fields.

>>> KINDS["Mission"].key
('kind', 'sending', 'receiving', 'host', 'city', 'status')
>>> KINDS["Event"].refined
('participants',)
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
    required: bool = False                # a fact of the kind cannot be made without it


@dataclass(frozen=True)
class FactKind:
    """A fact kind: its fields, its identity key (in IRI order) and the evaluation's view of it.

    ``refined`` are the key fields a reading of the fact in a document may lack, or name fewer
    of (an event's participants, an agreement's topics): within the document such a reading is the
    one fuller reading that agrees with it (:meth:`kg.mapping.Mapper.add_all`). ``case`` is the fact type's
    name in tests/cases/ and ``compared_where_given`` the case fields compared only where the
    reader wrote a value (every other column is a key field, always compared)."""

    name: str
    iri: str
    fields: dict[str, Field]
    key: tuple[str, ...]
    refined: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()   # at least one field of each group is required
    case: str | None = None
    compared_where_given: frozenset[str] = frozenset()

    def missing(self, given) -> list[str]:
        """The required fields (or ``a|b`` groups) that ``given`` field names lack."""
        lacking = [name for name, spec in self.fields.items() if spec.required and name not in given]
        return lacking + ["|".join(group) for group in self.one_of if not set(group) & set(given)]


def _f(*types: str, many: bool = False, values=None, facts=(), size=None, required=False) -> Field:
    return Field(tuple(types), many or bool(size), dict(values or {}), tuple(facts), size, required)


def _r(*types: str, **options) -> Field:
    """A required field."""
    return _f(*types, required=True, **options)


KINDS: dict[str, FactKind] = {kind.name: kind for kind in (
    FactKind("BilateralRelation", "relation",
             {"states": _r("State", size=2), "established": _f("Date")},
             key=("states",), case="relation", compared_where_given=frozenset({"date"})),
    FactKind("Membership", "membership",
             {"member": _r("State"), "organization": _r("Organization")},
             key=("member", "organization"), case="membership"),
    FactKind("Mission", "mission",
             {"kind": _r(values={"embassy": "Embassy", "non-resident": "Embassy", "consulate": "Consulate"}),
              "sending": _r("State"), "receiving": _f("State"), "host": _f("State"), "city": _f("City"),
              "opened": _f("Date"), "status": _f(values={"planned": None})},
             key=("kind", "sending", "receiving", "host", "city", "status"), one_of=(("host", "city"),),
             case="mission", compared_where_given=frozenset({"city", "date", "status"})),
    FactKind("Agreement", "agreement",
             {"kind": _r(values={"mou": "MemorandumOfUnderstanding", "comprehensive": "ComprehensiveCooperationAgreement",
                                 "arrangement": "CooperationArrangement", "joint-declaration": "JointDeclaration",
                                 "agreement": "Agreement"}),
              "parties": _r("State", many=True), "date": _f("Date"), "signatories": _f("Person", many=True),
              "status": _f(values={"signed": None, "planned": None}),
              "title": _f("Text"), "topics": _f("Area", many=True),
              "parts": _f("Fact", many=True, facts=("Agreement",))},
             key=("kind", "parties", "date", "status", "topics", "title"), refined=("parties", "topics"),
             case="agreement", compared_where_given=frozenset({"date"})),
    FactKind("Event", "event",
             {"kind": _r(values={"press-conference": "JointPressConference", "courtesy-call": "CourtesyCall",
                                 "bilateral-meeting": "BilateralMeeting", "summit": "Summit",
                                 "state-visit": "StateVisit", "visit": "Visit"}),
              "date": _f("Date"), "participants": _f("State", "Person", many=True),
              "place": _f("City", "State", "Venue"), "invited": _f("State"), "organization": _f("Organization"),
              "status": _f(values={"planned": None})},
             key=("kind", "date", "participants", "organization", "status"), refined=("participants",),
             case="event", compared_where_given=frozenset({"date", "place", "status"})),
    FactKind("OfficeHolding", "office-holding",
             {"holder": _r("Person"), "office": _r("Office"), "state": _r("State"), "accredited_to": _f("State"),
              "date": _f("Date")},
             key=("holder", "office", "state"), case="office", compared_where_given=frozenset({"date"})),
    FactKind("TradeStatistic", "trade",
             {"states": _r("State", size=2), "year": _r("Date"), "amount": _f("Amount"),
              "reported_by": _f("Agency"), "deficit": _f("State"),
              # a one-way figure ("Peru's exports to Indonesia reached …"): from one of the states to the other
              "exporter": _f("State"), "importer": _f("State")},
             # the key's amount is its currency: "RM36.12 billion (US$7.92 billion)" are two figures
             key=("states", "year", "exporter", "amount"), case="trade", compared_where_given=frozenset({"direction"})),
    FactKind("ExportFlow", "export",
             {"exporter": _r("State"), "importer": _r("State"), "product": _r("Product")},
             key=("exporter", "importer", "product"), case="export"),
    # a cooperation in one area: in the context of an agreement or event, else between two states
    # ("the two countries cooperate in trade"): one of the two is required
    FactKind("Cooperation", "cooperation",
             {"area": _r("Area"), "context": _f("Fact", facts=("Agreement", "Event")), "states": _f("State", size=2)},
             key=("area", "context", "states"), one_of=(("context", "states"),), case="cooperation"),
    FactKind("MarketEntry", "market-entry",
             {"company": _r("Company"), "nationality": _f("State"), "market": _r("State")},
             key=("company", "market"), case="market-entry"),
    FactKind("AwardConferral", "award-conferral",
             {"award": _r("Award"), "recipient": _r("Person"), "awarded_by": _f("State"), "date": _f("Date")},
             key=("award", "recipient"), case="award"),
)}


def accepts(spec: Field, type_name: str) -> bool:
    """Whether a slot or role of ``type_name`` can fill the field ``spec``."""
    return VALUE_OF_TYPE.get(type_name) in spec.types


def describe(kind: str) -> str:
    """``Membership (fields: member, organization)``, for error messages."""
    return f"{kind} (fields: {', '.join(sorted(KINDS[kind].fields))})"
