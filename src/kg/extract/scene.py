"""When and where the passage is: the date and place of the last event, for the next sentences.

An event whose clause gives no date ("The two presidents then met the press.") took place
at the time of the event stated in the sentence before, or earlier in the same paragraph;
its place, when its clause names none, is that event's place too. Dates taken this way carry
a ``note`` saying where they come from (kg:dateInferred in the graph). Where no event
before gives one, a news document's event took place by the day it was published
(``published``): "The ministers met in Lima and discussed trade." in an article of 29 January;
unless the document told an event of that kind before (then it is that event, told again),
or tells one with a date of its own after it (``retold``: a caption before the report).
A planned event nothing dates ("will visit Nairobi") has no date; an undated event of a kind
and status the document also tells with a date is that one (``retold``).

>>> from kg.facts import PartialDate
>>> scene = Scene()
>>> scene.begin("")
>>> scene.record([{"kind": "visit", "date": PartialDate(2012, 6, 22), "place": "kgr/city/quito"}])
>>> scene.begin("\\n")                  # the next sentence, in a new paragraph
>>> date, place = scene.recall()
>>> date.lexical, place, date.note
('2012-06-22', 'kgr/city/quito', 'not stated with the event; the date of the visit stated in the sentence before')
>>> scene.begin(" ")
>>> scene.recall()                     # two sentences later, in another paragraph: nothing
(None, None)
>>> Scene(PartialDate(2026, 1, 29)).published("visit").note
"not stated with the event; the document's publication date, 2026-01-29"
>>> scene.published("visit") is None   # no publication date (and a visit was told)
True
"""
from __future__ import annotations

import datetime
import re

from ..facts import PartialDate

#: A word of a sentence: what stands between spaces and punctuation (Latin or Bengali).
WORDS = re.compile(r"[^\s,.;:!?()\[\]\"'“”‘’«»।]+")

PUBLISHED = "not stated with the event; the document's publication date"


class Scene:
    """The date and place of the last dated event, and where in the document it was stated."""

    def __init__(self, publication: PartialDate | None = None, dateline: str | None = None) -> None:
        self.publication = publication if publication is not None and publication.day else None
        self.dateline = dateline      # the city of the report's dateline (``dateline``), if it has one
        self.sentence = -1           # the sentence being read (its index)
        self.paragraph = 0
        self.date: PartialDate | None = None
        self.place: str | None = None
        self.kind = ""
        self.status = None           # that event's status: None (held) or "planned"
        self.at: tuple[int, int] | None = None     # (sentence, paragraph) of that event
        self.told: set[tuple] = set()  # the kinds and statuses of the events the document told so far
        self.stay: tuple | None = None  # (date, city, status) of the last event dated and placed by its own clause
        self.sent: tuple | None = None  # (sending state, sentence, paragraph) of the last mission stated
        self.people: list = []         # the people named so far (kg.extract.people), set by the engine

    def begin(self, gap: str) -> None:
        """A new sentence starts; ``gap`` is the text between it and the sentence before."""
        self.sentence += 1
        if "\n" in gap:
            self.paragraph += 1

    def record(self, events: list[dict]) -> None:
        """The fields of the events the sentence stated: the last one with a date of its own
        (stated or resolved, not itself taken from an earlier sentence) sets the scene."""
        for fields in events:
            self.told.add((fields.get("kind", "event"), fields.get("status")))
            date = fields.get("date")
            if hasattr(date, "lexical") and not (date.note or "").startswith("not stated with"):
                place = fields.get("place")     # a city (a rule may give the host state: not a place to inherit)
                self.date, self.kind, self.status = date, fields.get("kind", "event"), fields.get("status")
                self.place = place if isinstance(place, str) and "/city/" in place else None
                self.at = (self.sentence, self.paragraph)
                if self.place is not None:
                    self.stay = (date, self.place, self.status)

    def recall(self, planned: bool = False) -> tuple[PartialDate | None, str | None]:
        """The scene's date (with a note) and place, when it was set in the sentence before or
        earlier in this paragraph by an event held (or, for a ``planned`` one, planned) as well:
        "He visited Lima in 2007. He will visit Quito." does not plan the visit for 2007; else
        ``(None, None)``."""
        if not self._recent() or (self.status == "planned") != planned:
            return None, None
        where = "in the sentence before" if self.at[0] == self.sentence - 1 else "earlier in the paragraph"
        date = self.date
        note = f"not stated with the event; the date of the {self.kind.replace('-', ' ')} stated {where}"
        return PartialDate(date.year, date.month, date.day, note), self.place

    def published(self, kind: str) -> PartialDate | None:
        """The document's publication date (a full one), with a note, for an event of ``kind``
        no earlier sentence dates; None without one, or when an event of that kind was told
        before (this one is that event again)."""
        date = self.publication
        if date is None or (kind, None) in self.told:
            return None
        return PartialDate(date.year, date.month, date.day, f"{PUBLISHED}, {date.lexical}")

    def reported_from(self, date) -> str | None:
        """The dateline's city, as the place of an event of the report's present: one dated by its
        publication date or within a month of it, or in an undated report, on a day it names.

        >>> scene = Scene(PartialDate(2018, 3, 16), "kgr/city/havana")
        >>> scene.reported_from(PartialDate(2018, 3, 14)), scene.reported_from(PartialDate(2007))
        ('kgr/city/havana', None)
        """
        if self.dateline is None or not isinstance(date, PartialDate) or date.day is None:
            return None
        if self.publication is not None and not _near(date, self.publication):
            return None
        return self.dateline

    def staying(self, date, planned: bool = False) -> str | None:
        """The city of the last event the document dated and placed, for an event dated by its own
        clause on that day or in the six days after, of the same status (held, or ``planned``),
        that names no place: the days of one trip ("arrived in Dhaka on 8 February … On 9
        February he held talks with …").

        >>> scene = Scene()
        >>> scene.begin("")
        >>> scene.record([{"kind": "visit", "date": PartialDate(2021, 2, 8), "place": "kgr/city/dhaka"}])
        >>> scene.staying(PartialDate(2021, 2, 9)), scene.staying(PartialDate(2021, 3, 9)), scene.staying(PartialDate(2021, 2, 9), True)
        ('kgr/city/dhaka', None, None)
        """
        if self.stay is None or not isinstance(date, PartialDate) or date.day is None \
                or (date.note or "").startswith("not stated with"):
            return None
        since, city, status = self.stay
        if since.day is None or (status == "planned") != planned:
            return None
        days = (datetime.date(date.year, date.month, date.day) - datetime.date(since.year, since.month, since.day)).days
        return city if 0 <= days <= 6 else None

    def holder_named(self, text: str) -> bool:
        """Whether ``text`` names, by a word of their name, a person named before with an office
        ("Putin tiba di Pyongyang" after "Presiden Rusia Vladimir Putin"): an envoy's event.

        >>> from kg.facts import Person
        >>> scene = Scene()
        >>> scene.people = [Person("Vladimir Putin", "office/president", "state/ru")]
        >>> scene.holder_named("Putin tiba di Pyongyang."), scene.holder_named("Turis tiba di Bali.")
        (True, False)

        A name in a script that inflects it by endings is that name with its case ending:
        "মোমেনের সঙ্গে" (with Momen) names "এ কে আব্দুল মোমেন".

        >>> scene.people = [Person("এ কে আব্দুল মোমেন", "office/minister", "state/bd")]
        >>> scene.holder_named("মোমেনের সঙ্গে বৈঠক করবেন তিনি।")
        True
        """
        words = {w for person in self.people if person.office for w in person.name.split()
                 if len(w) >= 3 and w[0].isalpha() and not w.endswith(".")}
        return bool(words) and any(
            token in words or not token.isascii() and any(token.startswith(w) and len(token) - len(w) <= 3 for w in words)
            for token in WORDS.findall(text))

    def missions(self, missions: list[dict]) -> None:
        """The fields of the missions the sentence stated: the last one's sending state, for a
        mission of the next sentence that names none (``sender``)."""
        for fields in missions:
            if isinstance(fields.get("sending"), str):
                self.sent = (fields["sending"], self.sentence, self.paragraph)

    def sender(self, text: str, hosts: set, named: set = frozenset()) -> str | None:
        """The state a mission whose clause names no sending state is of: that of the one person
        named before with a state whose name ``text`` holds a word of, not a host ("Fernández
        explicó que el presupuesto contempla embajadas en Sudáfrica e India" after "el vicecanciller
        boliviano Hugo Fernández"); else, in a sentence that names no state but the hosts (``named``:
        the states it names), the sending state of the mission stated in the sentence before ("La
        primera misión tailandesa en Chile … Posteriormente, se transformó en una misión residente en
        Santiago"); None when people of two states are named, or nothing.

        >>> from kg.facts import Person
        >>> scene = Scene()
        >>> scene.people = [Person("Hugo Fernández", "office/vice-minister", "state/bo")]
        >>> scene.sender("Fernández explicó que habrá embajadas en Sudáfrica e India.", {"state/za", "state/in"})
        'state/bo'
        >>> scene.sender("Habrá embajadas en Sudáfrica e India.", {"state/za"}) is None
        True
        >>> scene.missions([{"sending": "state/th", "host": "state/ar"}])
        >>> scene.begin(" ")
        >>> scene.sender("Luego se abrió una embajada en Santiago.", {"state/cl"})
        'state/th'
        """
        tokens = set(WORDS.findall(text))
        states = {person.state for person in self.people if person.state and any(
            len(w) >= 3 and w[0].isalpha() and w in tokens for w in person.name.split())}
        if not states and self.sent is not None and self.sent[1] == self.sentence - 1 and named <= hosts:
            states = {self.sent[0]}
        return next(iter(states)) if len(states) == 1 and not states & hosts else None

    def pronoun(self, text: str, pronouns) -> bool:
        """Whether ``text`` has one of the language's personal ``pronouns`` ("he", "beliau",
        "তিনি") as a word, after a person named with an office: that official ("Dia akan
        mengadakan pertemuan dengan Alberto Fernández" after "Presiden Brasil Lula da Silva").

        >>> from kg.facts import Person
        >>> scene = Scene()
        >>> scene.pronoun("He met the minister.", ["he"])
        False
        >>> scene.people = [Person("Lula da Silva", "office/president", "state/br")]
        >>> scene.pronoun("He met the minister.", ["he"]), scene.pronoun("The heads met.", ["he"])
        (True, False)
        """
        if not pronouns or not any(person.office for person in self.people):
            return False
        words = {w.casefold() for w in WORDS.findall(text)}
        return any(p.casefold() in words for p in pronouns)

    def _recent(self) -> bool:
        return self.at is not None and (self.at[0] == self.sentence - 1 or self.at[1] == self.paragraph) \
            and self.at[0] < self.sentence


#: Where a dateline ends: a dash (" - ", "–", "—", "---"), an agency's name in parentheses
#: ("(EFE).-", "(RHC) "), a colon or a full stop.
_DATELINE_END = re.compile(r"\s+-+\s+|-{2,}|\s*[–—]|\)\s*[.:-]*\s*|:\s|\.\s")


def dateline(text: str, gazetteer) -> str | None:
    r"""The city of a news report's dateline, the words that open one of its first lines before a
    dash or an agency's name ("La Habana, 16 mar (RHC) El presidente …", "REPUBLIKA.CO.ID,
    QUITO---Presiden …", "jpnn.com - JAKARTA - Pemerintah …", "ইসলামাবাদ, ১৪ জানুয়ারি: …"): none
    of them a lower-case word (but a short one, a web address, or any in a dateline with a
    date), one of them a city; in a script without capitals, with a date.

    >>> from kg.extract.gazetteer import Gazetteer
    >>> places = Gazetteer([("La Habana", "City", "kgr/city/havana"), ("Kairo", "City", "kgr/city/cairo")])
    >>> dateline("Headline\nLa Habana, 16 mar (RHC) El presidente llegó.", places)
    'kgr/city/havana'
    >>> dateline("KONTAN.CO.ID - KAIRO. Menteri luar negeri Mesir mengatakan", places)
    'kgr/city/cairo'
    >>> dateline("Presiden tiba di Kairo - kata menteri.", places) is None
    True
    """
    if gazetteer is None:
        return None
    for line in [line for line in text[:800].split("\n") if line.strip()][:6]:
        head = line[:90]
        for end in _DATELINE_END.finditer(head):
            words = [w.strip("(),.:/") for w in head[:end.start()].split()]
            dated = any(c.isdigit() for c in head[:end.start()])
            cased = any(c.isupper() for c in head[:end.start()])     # a script without capitals: a date
            if len(words) > 9 or not (cased or dated) or not all(
                    not w or not w[0].islower() or len(w) <= 3 or "." in w or dated for w in words):
                break
            city = next((m for m in gazetteer.find(head[:end.start()]) if m.type == "City"), None)
            if city is not None:
                return city.iri
    return None


def retold(facts: list) -> list:
    """``facts`` without the events dated only by the publication date (``published``) of a
    kind the document also tells with a date of its own within a month of it, nor the undated
    events of a kind and status it also tells with a date: the same event, told again; the
    cooperation facts of one such event move to that one.

    >>> from kg.facts import Fact
    >>> caption = Fact("Event", {"kind": "meeting", "date": PartialDate(2020, 8, 6, PUBLISHED)}, [])
    >>> report = Fact("Event", {"kind": "meeting", "date": PartialDate(2020, 8, 5)}, [])
    >>> [f.fields["date"].lexical for f in retold([caption, report])]
    ['2020-08-05']
    >>> plan = Fact("Event", {"kind": "meeting", "status": "planned"}, [])
    >>> len(retold([plan, report])), len(retold([Fact("Event", {"kind": "meeting"}, []), report]))
    (2, 1)
    """
    events = [f for f in facts if f.kind == "Event" and hasattr(f.fields.get("date"), "lexical")]
    gone = {}
    for fact in events:
        if _published(fact):
            same = next((f for f in events if not _published(f) and f.fields.get("kind") == fact.fields.get("kind")
                         and _near(f.fields["date"], fact.fields["date"])), None)
            if same is not None:
                gone[id(fact)] = same
    for fact in facts:      # an undated event of a kind the document also tells with a date: that one
        if fact.kind == "Event" and "date" not in fact.fields:
            same = next((f for f in events if (f.fields.get("kind"), f.fields.get("status"))
                         == (fact.fields.get("kind"), fact.fields.get("status"))), None)
            if same is not None:
                gone[id(fact)] = same
    for fact in facts:
        if fact.kind == "Cooperation" and id(fact.fields.get("context")) in gone:
            fact.fields["context"] = gone[id(fact.fields["context"])]
    return [f for f in facts if id(f) not in gone]


def _near(date: PartialDate, published: PartialDate) -> bool:
    """Whether ``date`` is within a month of the publication date (at its own precision)."""
    if date.day is None:
        return (date.year, date.month) == (published.year, published.month) if date.month else False
    return abs((datetime.date(date.year, date.month, date.day)
                - datetime.date(published.year, published.month, published.day)).days) <= 31


def _published(fact) -> bool:
    return (getattr(fact.fields.get("date"), "note", None) or "").startswith(PUBLISHED)
