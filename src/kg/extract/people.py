"""People of a document: a later short mention ("Prabowo", "Foreign Minister Chung") is the
person named in full earlier ("Prabowo Subianto"), and an office holder whose state the
sentence does not give takes it from that earlier mention, or from a counterpart: of two
holders of one office in a sentence, one of the document's pair, the other is the other
state ("Foreign Minister Chung met with the Foreign Minister of Indonesia, Retno Marsudi").
A pronoun that holds an office ("He was President of Peru", frames' ``pronoun`` cue) is the
last person named.

>>> earlier = [Person("Prabowo Subianto", "office/president", "state/id")]
>>> later = Fact("OfficeHolding", {"holder": Person("Prabowo", "office/president"), "office": "office/president"}, [])
>>> [(f.fields["holder"].name, f.fields["state"]) for f in complete([later], earlier, None)]
[('Prabowo Subianto', 'state/id')]
>>> he = Fact("OfficeHolding", {"holder": Person(PRONOUN), "office": "office/vp", "state": "state/id"}, [])
>>> [f.fields["holder"].name for f in complete([he], earlier, None)]
['Prabowo Subianto']
>>> chung = Fact("OfficeHolding", {"holder": Person("Chung"), "office": "office/fm"}, [])
>>> retno = Fact("OfficeHolding", {"holder": Person("Retno"), "office": "office/fm", "state": "state/id"}, [])
>>> [f.fields["state"] for f in complete([chung, retno], [], ("state/id", "state/kr"))]
['state/kr', 'state/id']
>>> sby = Fact("OfficeHolding", {"holder": Person("Susilo Bambang Yudhoyono"), "office": "office/president"}, [])
>>> [f.fields["state"] for f in complete([sby], [], ("state/id", "state/pl"), home="state/id")]
['state/id']
"""
from __future__ import annotations

import re

from ..facts import Fact, Person


#: The holder a pronoun cue gives ("He was President of Peru"): resolved to the last person named.
PRONOUN = "\u2063pronoun"

#: Offices whose holders in one sentence are often of two states sent to one host, not counterparts.
ENVOYS = {"ambassador", "charge-d-affaires", "high-commissioner", "deputy-chief-of-mission", "consul", "consul-general"}


def known(name: str, people: list[Person], state: str | None = None) -> Person | None:
    """The person met last whose full name holds every word of ``name``, or whose initials
    ``name`` is ("SBY", "AMLO"), of ``state`` when given.

    >>> known("SBY", [Person("Susilo Bambang Yudhoyono", None, "state/id")]).name
    'Susilo Bambang Yudhoyono'
    """
    words = set(name.split())
    initials = name if re.fullmatch(r"[A-Z]{2,5}", name) else None
    for person in reversed(people):
        if state is not None and person.state not in (None, state):
            continue
        if words and words <= set(person.name.split()) or initials and initials == "".join(
                w[0] for w in re.split(r"[\s\-]+", person.name) if w[:1].isupper()) or _blend(name, person.name):
            return person
    return None


def _blend(name: str, full: str) -> bool:
    """Whether a one-word ``name`` joins the start of one word of ``full`` to the start of a later
    one, as Indonesian nicknames do ("Jokowi": Joko Widodo, "Zulhas": Zulkifli Hasan).

    >>> _blend("Jokowi", "Joko Widodo"), _blend("Zulhas", "Zulkifli Hasan"), _blend("Jodo", "Joko Widodo")
    (True, True, False)
    """
    if " " in name or len(name) < 5 or not name[:1].isupper():
        return False
    parts = [w.casefold() for w in full.split()]
    folded = name.casefold()
    return any(folded[:cut] == first[:cut] and len(folded) - cut >= 2 and later.startswith(folded[cut:])
               for i, first in enumerate(parts) for later in parts[i + 1:]
               for cut in range(3, min(len(first), len(folded) - 1) + 1))


def complete(facts: list[Fact], people: list[Person], pair, home: str | None = None) -> list[Fact]:
    """The facts of one sentence, each office holding with its holder's full name and state;
    a holding whose state nothing gives is left out. The holders are added to ``people``.

    ``home`` is the state whose officials the language's press names without their state
    ("Presiden Joko Widodo", "Menlu Retno Marsudi" in Indonesian): in a document about it and another state
    (``pair``), a holder no earlier mention or counterpart gives a state serves it (not an envoy,
    who is as often the other state's)."""
    holdings = [f for f in facts if f.kind == "OfficeHolding"]
    for number, fact in enumerate(holdings):
        fields = fact.fields
        if fields["holder"].name == PRONOUN:      # "he", "she", "beliau": the last person named
            sentence = fact.evidence[0].exact if fact.evidence else ""
            named = ([p for p in people if p.name not in sentence]          # not a name the rules read here
                     + [f.fields["holder"] for f in holdings[:number] if f.fields["holder"].name != PRONOUN])
            if not named:
                fields.pop("state", None)
                continue
            fields["holder"] = Person(named[-1].name)
        earlier = known(fields["holder"].name, people, fields.get("state"))
        if earlier is not None:
            fields.setdefault("state", earlier.state)
            if _narrows(fields.get("office"), earlier.office):     # "Minister Chung": the Foreign Minister named before
                fields["office"] = earlier.office
            if fields["state"] is None:
                del fields["state"]
            fields["holder"] = Person(earlier.name, fields.get("office"), fields.get("state"))
    for fact in holdings:
        if "state" not in fact.fields and pair:
            fact.fields.update(_counterpart(fact, holdings, pair, people))
    for fact in holdings:
        if "state" not in fact.fields and pair and home in pair and fact.fields["holder"].name != PRONOUN \
                and fact.fields["office"].rsplit("/", 1)[-1] not in ENVOYS and not _rival(fact, holdings):
            fact.fields["state"] = home
    kept = []
    for fact in facts:
        if fact.kind == "OfficeHolding":
            if "state" not in fact.fields:    # no holding, but a name a later mention may shorten ("SBY")
                if fact.fields["holder"].name != PRONOUN:
                    people.append(Person(fact.fields["holder"].name, fact.fields.get("office")))
                continue
            holder = fact.fields["holder"]
            fact.fields["holder"] = Person(holder.name, fact.fields.get("office"), fact.fields["state"],
                                           holder.accredited_to)
            people.append(fact.fields["holder"])
        kept.append(fact)
    return kept


def _rival(fact: Fact, holdings: list[Fact]) -> bool:
    """Whether another holder of ``fact``'s office in the sentence has no state either: which of
    them is the home state's the sentence does not tell ("the regards of President Lenin Moreno
    to President Tran Dai Quang").

    >>> one = Fact("OfficeHolding", {"holder": Person("Lenin Moreno"), "office": "office/president"}, [])
    >>> other = Fact("OfficeHolding", {"holder": Person("Tran Dai Quang"), "office": "office/president"}, [])
    >>> _rival(one, [one, other]), _rival(one, [one])
    (True, False)
    """
    return any(f is not fact and "state" not in f.fields and f.fields["office"] == fact.fields["office"]
               and not _same(f.fields["holder"].name, fact.fields["holder"].name) for f in holdings)


def _narrows(office: str | None, earlier: str | None) -> bool:
    """Whether ``earlier`` is a kind of ``office`` ("minister-of-foreign-affairs" of "minister")."""
    return bool(office and earlier) and earlier.rsplit("/", 1)[-1].startswith(office.rsplit("/", 1)[-1] + "-of-")


def _same(one: str, other: str) -> bool:
    """Whether two names may be one person's: "King Mohammed VI … King Mohammed" is no counterpart."""
    a, b = set(one.split()), set(other.split())
    return bool(a and b) and (a <= b or b <= a)


def _counterpart(fact: Fact, holdings: list[Fact], pair, people: list[Person] = ()) -> dict:
    """``{"state": …}`` when another holder of the same office in the sentence serves one of the
    pair, or a holder of it named earlier in the document is named again in the sentence ("Retno
    menyampaikan kepada Menteri Luar Negeri Justin Tkatchenko": Retno is Indonesia's minister)."""
    if fact.fields["office"].rsplit("/", 1)[-1] in ENVOYS:
        return {}
    words = set(re.findall(r"\w+", fact.evidence[0].exact)) if fact.evidence else set()
    named = [Fact("OfficeHolding", {"holder": p, "office": p.office, "state": p.state}, []) for p in people
             if p.office == fact.fields["office"] and p.state and words & set(p.name.split())]
    others = {f.fields.get("state") for f in holdings + named if f is not fact and f.fields["office"] == fact.fields["office"]
              and not _same(f.fields["holder"].name, fact.fields["holder"].name)} - {None}
    if len(others) == 1 and next(iter(others)) in pair:
        return {"state": next(state for state in pair if state not in others)}
    return {}
