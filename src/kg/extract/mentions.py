"""Typed mentions of one sentence: gazetteer names (a city knowing its state) and dates.

>>> from kg.extract.gazetteer import Gazetteer
>>> g = Gazetteer([("Lima", "City", "city/lima")])
>>> [(m.type, m.entities["State_of"]) for m in find_mentions("embassy in Lima", g, {"city/lima": "state/pe"})]
[('City', 'state/pe')]
>>> find_mentions("ibu kota lima", Gazetteer([("Lima", "City", "city/lima")]), {})
[]
>>> [m.text for m in long_forms("Presiden Republik Persatuan Tanzania Samia", Gazetteer([("Tanzania", "State", "tz")]).find(
...     "Presiden Republik Persatuan Tanzania Samia"), ["Republik", "Persatuan"])]
['Republik Persatuan Tanzania']
"""
from __future__ import annotations

import re

from .gazetteer import Gazetteer, Mention


def find_mentions(text: str, gazetteer: Gazetteer, city_states: dict[str, str], dates=(), amounts=()) -> list[Mention]:
    """The names in ``text`` plus the ``dates`` given as ``(start, end, PartialDate)`` and the
    ``amounts`` as ``(start, end, Amount)``, in text order.

    A city mention carries its state as ``entities["State_of"]``; a demonym names a state,
    except inside an amount, whose currency it names ("US$ 2 million", "মার্কিন ডলার", "U.S.
    dollars", "dólares estadounidenses": so does a state's name there). A
    city's or state's name in lower case is a word, not the place ("ibu kota", capital, is not
    Kota; "reunión", meeting, is not Réunion); a demonym may be ("peruano").
    """
    mentions = []
    for mention in gazetteer.find(text):
        entities = dict(mention.entities)
        if set(entities) <= {"City", "State"} and mention.text.islower():
            continue       # a name is written with a capital: "ibu kota" is not Kota, "reunión" not Réunion
        city = entities.get("City")
        if city and city in city_states:
            entities["State_of"] = city_states[city]
        if "Demonym" in entities and "State" not in entities:
            entities["State"] = entities["Demonym"]
        mentions.append(Mention(mention.start, mention.end, mention.text, mention.type, mention.iri, entities,
                                mention.ending))
    for start, end, _ in amounts:       # "২১৩ মিলিয়ন মার্কিন ডলার", "1.5 billion U.S. dollars", "dólares
        # estadounidenses": the currency's adjective or state is the amount's
        mentions = [m for m in mentions if not (m.start < end and start < m.end)
                    or m.type not in ("Demonym", "State") and not (start <= m.start and m.end <= end)]
    taken = [(m.start, m.end) for m in mentions]
    for type_name, found in (("Date", dates), ("Amount", amounts)):
        for start, end, thing in found:
            if not any(s < end and start < e for s, e in taken):
                mentions.append(Mention(start, end, text[start:end], type_name, thing, {type_name: thing}))
    return sorted(mentions, key=lambda m: m.start)


def long_forms(text: str, mentions: list[Mention], words) -> list[Mention]:
    """The mentions, a state's name stretched back over the words of an official name before it
    (the language's ``state_words``): "Republik Persatuan Tanzania", "Kerajaan Arab Saudi",
    "Republik Rakyat Tiongkok" are the states, so the name after them is read past them."""
    if not words:
        return mentions
    lead = re.compile(rf"(?:(?:{'|'.join(re.escape(w) for w in words)})\s+)+$")
    result = []
    for mention in mentions:
        found = lead.search(text[max(0, mention.start - 60):mention.start]) if mention.type == "State" else None
        if found and (not result or result[-1].end <= mention.start - len(found.group())):
            start = mention.start - len(found.group())
            mention = Mention(start, mention.end, text[start:mention.end], mention.type, mention.iri, mention.entities)
        result.append(mention)
    return result
