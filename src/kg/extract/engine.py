"""Apply a language's rules to one document: text in, facts with evidence out (pure).

The engine walks the sentences in order, keeping a small discourse context (the last
stated date, the states and people mentioned so far, the facts found so far) so that
"both countries", "the two leaders", "at that time" and "this agreement" resolve to what
the document said before.

>>> from kg.build import load_extraction_data
>>> languages = load_extraction_data()
>>> facts = extract("Indonesia dan Peru adalah anggota APEC.", languages["id"], "doc").facts
>>> sorted(f.fields["organization"].rsplit("/", 1)[1] for f in facts if f.kind == "Membership")
['apec', 'apec']
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..facts import Evidence, Fact, PartialDate, Person
from .dates import make_date, present_year, resolve_year, shift, weekday_on_or_before
from .discourse import document_pair
from .patterns import Patterns
from . import origin, people
from .frames import STATED, YearsBefore
from .reader import read_sentence
from .scene import Scene, dateline, retold
from .text import ascii_digits, sentences

QUOTE_CONTEXT = 32


@dataclass
class Explanation:
    """What happened to one sentence: the rules that fired, or why none did."""

    start: int
    text: str
    fired: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)   # what the frames saw (kg.extract.reader)


@dataclass
class Extraction:
    """The facts of one document and, per sentence, how they were found."""

    facts: list[Fact]
    explanations: list[Explanation]


class Context:
    """What the document has said so far."""

    def __init__(self, years: list[int], publication: PartialDate | None, kind_words: dict[str, list[str]]):
        self.kind_words = kind_words
        self.publication = publication
        self.date: PartialDate | None = publication
        self.date_text: str | None = "the document's publication date" if publication else None
        self.date_sentence: int | None = None
        self.date_position: int = 0       # where in its sentence the last date was stated
        self.sentence: int = 0
        self.position: int = 0            # where in the sentence the slot being read starts
        self.years = years
        self.states: list[str] = []
        self.people: list[Person] = []
        self.facts: list[Fact] = []

    def named_kinds(self, sentence: str) -> list[str]:
        """The kinds of agreement or event the sentence names ("kunjungan" names a visit)."""
        folded = sentence.casefold()
        return [kind for kind, words in self.kind_words.items() if any(w.casefold() in folded for w in words)]

    def both_states(self) -> list[str] | None:
        """The last two different states mentioned."""
        distinct = list(dict.fromkeys(reversed(self.states)))[:2]
        return sorted(distinct) if len(distinct) == 2 else None

    def both_leaders(self, leader_offices: list[str]) -> list[Person] | None:
        """The last two people mentioned who hold a leader's office, of different states."""
        leaders = [p for p in reversed(self.people) if p.office and p.office.rsplit("/", 1)[-1] in leader_offices]
        chosen: dict[str, Person] = {}
        for person in leaders:
            chosen.setdefault(person.state or person.name, person)
        return list(chosen.values())[:2] if len(chosen) >= 2 else None

    def known_person(self, mention: Person) -> Person:
        """The person already met whose name contains the mention's name, else the mention."""
        words = set(mention.name.split())
        for person in reversed(self.people):
            if words and words <= set(person.name.split()):
                return Person(person.name, mention.office or person.office, mention.state or person.state,
                              mention.accredited_to or person.accredited_to)
        return mention

    def date_without_year(self, day, month, weekday) -> PartialDate | None:
        """A day and month the text gave without a year, the year taken from the document."""
        present = weekday is not None and not (self.publication and self.publication.day) and \
            present_year(day, month, weekday, self.years)      # an undated news text's present
        chosen = present or self._last_month(day, month) or resolve_year(day, month, weekday, self.years) or self._near_publication(day, month, weekday) \
            or self._publication_year(weekday)
        if chosen is None:
            return None
        year, note = chosen
        return PartialDate(year, month, day, note)

    def _near_publication(self, day, month, weekday) -> tuple[int, str] | None:
        """A day and month without a year ("on June 25", "Sabtu (18/3)") in a dated document: the
        year (of the publication's, the one before or after; one where the day falls on the
        weekday given) that puts it nearest the date."""
        published = self.publication
        if not day or not month or published is None or not published.day:
            return None
        import datetime as dt

        base = dt.date(published.year, published.month, published.day)
        years = [y for y in (published.year - 1, published.year, published.year + 1) if make_date(y, month, day)
                 and (weekday is None or dt.date(y, month, day).weekday() == weekday)]
        if not years:
            return None
        year = min(years, key=lambda y: abs((dt.date(y, month, day) - base).days))
        return year, f"year {year} taken as the one nearest the document's date, {published.lexical}"

    def _last_month(self, day, month) -> tuple[int, str] | None:
        """A month named without a day or year ("septiembre último", "el pasado marzo": only such
        dates lack both) in a document dated to its month: the last such month up to that date."""
        published = self.publication
        if day is not None or month is None or published is None or published.month is None:
            return None
        year = published.year if month <= published.month else published.year - 1
        return year, f"year {year} taken as that of the last month {month} up to the document's date, {published.lexical}"

    def _publication_year(self, weekday) -> tuple[int, str] | None:
        """A day and month without a year or weekday ("este 22 de noviembre") in a document dated
        to its year or month only, where the text states other years too ("desde 1902"): the
        publication's year, the report's present."""
        published = self.publication
        if weekday is not None or published is None or published.day:
            return None
        return published.year, f"year {published.year} taken from the document's date, {published.lexical}"

    def reference_date(self) -> tuple[PartialDate, str] | None:
        """The date relative dates count from: the document's date, else the last full date stated."""
        if self.publication and self.publication.day:
            return self.publication, "the document's date"
        if self.date and self.date.day and not self.date.note:
            return self.date, f"the date stated before it ({self.date_text})"
        return None

    def relative(self, words: str, offset: dict[str, int]) -> PartialDate | None:
        """"last year", "tahun depan", "yesterday": ``offset`` from the reference date."""
        reference = self.reference_date()
        if reference is None:
            return None
        date, what = reference
        return shift(date, **offset, note=f"'{words}' counted from {what}, {date.lexical}")

    def last_weekday(self, words: str, weekday: int) -> PartialDate | None:
        """"on Thursday", "Senin kemarin": the last such weekday on or before the reference date."""
        reference = self.reference_date()
        if reference is None:
            return None
        date, what = reference
        return weekday_on_or_before(date, weekday, f"'{words}' taken as the last such day on or before {what}, "
                                                   f"{date.lexical}")

    def anniversary(self, years: int) -> PartialDate | None:
        """"50 tahun hubungan diplomatik": ``years`` before the date of this sentence, or the document's."""
        if self.date and self.date_sentence == self.sentence and not self.date.note:
            base, what = self.date, self.date_text
        elif self.publication:
            base, what = self.publication, "the document's date"
        else:
            return None
        note = f"{years} years before {what} ({base.lexical})"
        if self.date_sentence == self.sentence and self.date_position > self.position:
            # "40 tahun hubungan diplomatik … pada 15 September 2020": the anniversary's own date
            return PartialDate(base.year - years, base.month, base.day, note)
        return PartialDate(base.year - years, None, None, note)

    def latest(self, kinds: list[str], named: list[str] = ()) -> Fact | None:
        """The most recent fact of one of ``kinds``, preferring one of the ``named`` sub-kinds."""
        newest = None  # found from the end, without copying the list (a long document has many)
        for fact in reversed(self.facts):
            if fact.kind in kinds:
                if not named or fact.fields.get("kind") in named:
                    return fact
                newest = newest or fact
        return newest


def extract(text: str, language, document: str, publication: PartialDate | None = None,
            title: str = "", publisher: str = "", url: str = "") -> Extraction:
    """Extract the facts stated in ``text`` (a document in ``language``, titled ``title``, from
    ``publisher`` at ``url``: where it comes from tells whose officials it names without their
    state, kg.extract.origin)."""
    patterns = Patterns(language)
    matchable = ascii_digits(text)
    context = Context(_stated_years(matchable, patterns, publication), publication, language.kind_words)
    date_regex = re.compile(patterns.regex("Date"))
    pair = _pair(language, matchable, title)
    home = origin.home(pair, publisher, url, language.lexicon, language.frames.home if language.frames else None)
    explanations = []
    scene, last_end = Scene(publication, dateline(matchable, language.gazetteer)), 0
    for sentence in sentences(matchable, language.sentence_boundary, language.abbreviations):
        scene.begin(matchable[last_end:sentence.start])
        last_end, known = sentence.end, len(context.facts)
        explanation = Explanation(sentence.start, text[sentence.start:sentence.end])
        explanations.append(explanation)
        context.states += [iri for _, _, iri in language.lexicon.find_all("State", sentence.text)]
        evidence = _evidence(text, sentence, document, language.code)
        context.sentence = sentence.start
        for found in date_regex.finditer(sentence.text):
            date = patterns.date(found.group(), context)
            if date:
                context.date, context.date_sentence, context.date_position = date, sentence.start, found.start()
                context.date_text = text[sentence.start + found.start():sentence.start + found.end()]
        if _headline(sentence.text):
            explanation.problems.append("a headline in title case: its capitalized words are not names")
            continue
        for rule in language.rules:
            for template in rule.patterns:
                if patterns.required(template) not in sentence.text:
                    continue
                regex, slots = patterns.compile(template)
                for match in regex.finditer(sentence.text):
                    _apply(rule, match, slots, patterns, context, evidence, explanation)
        if language.frames is not None:
            scene.people = context.people
            _read_frames(sentence, language, patterns, date_regex, pair, context, evidence, explanation, scene, home)
        scene.record([fact.fields for fact in context.facts[known:] if fact.kind == "Event"])
        if not explanation.fired and not explanation.problems:
            explanation.problems.append("no rule matched")
    return Extraction(retold(context.facts), explanations)


def _apply(rule, match, slots, patterns, context, evidence, explanation) -> None:
    values = {}
    for group, slot in slots.items():
        text = match.group(group)
        if text is None:
            continue
        context.position = match.start(group)
        value = patterns.value(slot, text, context)
        if value is None or value == []:
            explanation.problems.append(f"{rule.id}: {slot.type} '{text}' not understood")
            return
        values[slot.name] = value
        for person in value if isinstance(value, list) else [value]:
            if isinstance(person, Person):
                context.people.append(person)
    fields = {}
    for name, spec in rule.fields.items():
        value = _resolve(spec, values, context, match)
        if value is not None and value != []:
            fields[name] = value
    missing_context = [name for name, spec in rule.fields.items()
                       if isinstance(spec, str) and spec.startswith("@") and name not in fields]
    if missing_context:
        explanation.problems.append(f"{rule.id}: could not resolve {', '.join(missing_context)} from context")
        return
    clause = _clause(match)
    for cues, what in ((patterns.language.negation, "negated"), (patterns.language.hypothetical, "hypothetical"),
                       (patterns.language.commentary, "commentary")):
        cue = _cue(cues, clause)
        if cue:
            explanation.problems.append(f"{rule.id}: {what} ('{cue}')")
            return
    if rule.fact == "Agreement" and "status" not in fields and _cue(patterns.language.planned, clause):
        fields["status"] = "planned"
    frames = patterns.language.frames
    if rule.fact == "Mission" and frames is not None and _cue(
            patterns.language.planned + frames.planned, match.string[match.string.rfind(";", 0, match.start()) + 1:
                                                                     match.end()]):
        fields["status"] = "planned"     # "X plans to open an embassy in Y": a plan before the mission
    explanation.fired.append(rule.id)
    evidence = Evidence(**{**evidence.__dict__, "rule": rule.id})
    if rule.fact == "OfficeHolding":     # people named with an office: the holdings only
        _office_holdings(fields, None, context, evidence)
        return
    if rule.attach:
        target = context.latest([rule.attach])
        if target is None:
            explanation.problems.append(f"{rule.id}: no earlier {rule.attach} to attach to")
            return
        _merge(target, fields, evidence)
        _office_holdings(fields, target, context, evidence)
        return
    for combination in _combinations(fields, rule.each):
        fact = Fact(rule.fact, combination, [evidence])
        context.facts.append(fact)
        _office_holdings(combination, fact, context, evidence)
        if rule.areas:
            # the areas the match names or that follow it ("…, they signed an MoU on A and B"), not
            # an earlier clause's topic ("Besides security, the two signed …")
            for area in {iri for start, _, iri in patterns.lexicon.find_all("Area", match.string)
                         if start >= match.start()}:
                context.facts.append(Fact("Cooperation", {"area": area, "context": fact}, [evidence]))


def _pair(language, text: str, title: str):
    """The document's two states (kg.extract.discourse), from the title or the most named."""
    if language.gazetteer is None:
        return None
    def states(words):
        return [m.entities["State"] for m in language.gazetteer.find(words) if "State" in m.entities]
    return document_pair(states(text), states(title))


def _read_frames(sentence, language, patterns, date_regex, pair, context, evidence, explanation, scene, home) -> None:
    """The frames' facts of one sentence, those the rules did not already find."""
    dates = []
    for found in date_regex.finditer(sentence.text):
        date = patterns.date(found.group(), context)
        if date:
            dates.append((found.start(), found.end(), date))
    amounts = [(found.start(), found.end(), amount) for found in patterns.compile("{Amount}", named=False)[0].finditer(
        sentence.text) if (amount := patterns.amount(found.group()))]
    facts, notes = read_sentence(sentence.text, language, dates, pair, evidence, scene, amounts)
    facts = people.complete(facts, context.people, pair, home)
    # a title holds on the date its sentence states, else on the document's date (not on a date
    # told sentences before: "relations began in 2002 … Ambassador X said")
    held = context.date if context.date_sentence == context.sentence else context.publication
    for fact in facts:
        if fact.kind == "OfficeHolding" and "date" not in fact.fields and held is not None:
            fact.fields["date"] = held
    explanation.clauses += notes
    ruled = len(context.facts)     # the facts before are the rules' and the earlier sentences'
    known_as: dict[int, Fact] = {}      # a frame's fact the rules found too -> the rules' fact
    cited = {frame.id for frame in language.frames.frames if frame.named}
    for fact in sorted(facts, key=lambda f: f.kind == "Cooperation"):   # contexts first
        if fact.kind == "Cooperation" and not _cooperation_context(fact, known_as, context, sentence, evidence):
            explanation.clauses.append(f"  {fact.evidence[0].rule}: no agreement, event or two states to hold "
                                       f"the cooperation on {fact.fields['area'].rsplit('/', 1)[-1]}")
            continue
        for name in [name for name, given in fact.fields.items() if isinstance(given, YearsBefore)]:
            published = context.publication      # the ``anniversary`` cue: "the 60th anniversary", this year
            if published:
                fact.fields[name] = PartialDate(published.year - fact.fields[name].years, None, None,
                                                f"{fact.fields[name].years} years before the document's date")
            else:
                del fact.fields[name]
        for name in [name for name, given in fact.fields.items() if given == STATED]:   # the ``stated`` cue
            published = context.publication
            if published:
                fact.fields[name] = PartialDate(published.year, published.month, published.day,
                                                "not stated with the fact; the document's date")
            else:
                del fact.fields[name]
        if fact.kind == "Agreement" and "date" not in fact.fields and fact.evidence[0].rule not in cited:
            date = _context_date(context, None) or _signed_on_publication(fact, context.publication)
            if date:      # (a title cited, "under the Lombok Treaty", is not dated so)
                fact.fields["date"] = date
        alike = [k for index, k in enumerate(context.facts) if _same(fact, k, index < ruled)] or (
            [told] if fact.again and (told := _told_before(fact, context.facts[:ruled])) else [])
        if alike:
            known_as[id(fact)] = alike[0]
            for known in alike:      # the fact told twice before ("… la embajada de Bolivia en Irán" twice)
                _complete_known(known, fact)
            continue
        context.facts.append(fact)
        explanation.fired.append(fact.evidence[0].rule)


#: Kinds whose later statement adds the fields a known fact lacks ("the embassy in Algiers …
#: Bangladesh opened it on 10 August 1973": the opening date of the embassy told before; "a
#: meeting …, and other meetings in Asunción": the place of the meeting), or a date it told
#: less precisely ("relations in 1944 …" then "on 21 October 1944"); the date of an agreement
#: told again ("signed an MoU … The MoU was signed on Monday (11/11)").
COMPLETED = {"Mission": ("opened", "city"), "BilateralRelation": ("established",), "Event": ("place",),
             "Agreement": ("date",)}


def _complete_known(known: Fact, fact: Fact) -> None:
    """Give ``known`` the ``COMPLETED`` fields it lacks and ``fact`` states, with its evidence."""
    added = [name for name in COMPLETED.get(fact.kind, ()) if name in fact.fields and (
        name not in known.fields or _finer(fact.fields[name], known.fields[name]))]
    for name in added:
        known.fields[name] = fact.fields[name]
    if added and fact.evidence[0] not in known.evidence:
        known.evidence.append(fact.evidence[0])


def _finer(date, known) -> bool:
    """Whether ``date`` tells ``known`` better: more precisely ("in 1944", then "on 21 October
    1944"), or as the text states it where ``known`` was inferred (the document's date of "the
    embassy opened", then "Bangladesh opened it on 10 August 1973")."""
    if not isinstance(date, PartialDate) or not isinstance(known, PartialDate) or date.note:
        return False
    return bool(known.note) or len(date.lexical) > len(known.lexical) and date.lexical.startswith(known.lexical)


def _cooperation_context(fact: Fact, known_as: dict, context: Context, sentence, evidence) -> bool:
    """Tie a frame's cooperation to what holds it: its own agreement; else the agreement or
    event the same sentence states; else the latest the document stated (of a kind the
    sentence names, "the agreement", "during the visit", if there is one); else, in a document
    that has stated none, the two states its frame found ("the two countries cooperate in
    trade"). False when there is none of these."""
    own = fact.fields.get("context")
    if own is None:
        own = next((f for f in reversed(context.facts) if f.kind in ("Agreement", "Event")
                    and any(e.start == evidence.start for e in f.evidence)), None)
    if own is None:
        own = context.latest(["Agreement", "Event"], context.named_kinds(sentence.text))
    if own is not None:
        fact.fields["context"] = known_as.get(id(own), own)
        fact.fields.pop("states", None)
        return True
    fact.fields.pop("context", None)
    return len(set(fact.fields.get("states") or ())) == 2


#: The fields that make two facts of a kind the same (the frames' facts against the rules').
SAME = {"Membership": ("member", "organization"), "Mission": ("sending", "kind", "host", "status"),
        "BilateralRelation": ("states",), "OfficeHolding": ("office", "state"), "Event": ("date",),
        "TradeStatistic": ("states", "year"), "ExportFlow": ("exporter", "importer", "product")}


#: Agreement kinds as the evaluator tells them apart (tests/cases/README.md): the rest are agreements.
AGREEMENT_GROUP = {"mou": "mou", "joint-declaration": "declaration"}


def _same(fact: Fact, known: Fact, ruled: bool = True) -> bool:
    """Whether the frames' ``fact`` is ``known`` (``ruled``: known from the rules or an earlier sentence)."""
    if fact.kind != known.kind:
        return False
    if fact.kind == "Cooperation":     # an area stated by the same sentence
        return fact.fields["area"] == known.fields.get("area") and fact.evidence[0].start == known.evidence[0].start
    if fact.kind == "Agreement":
        return _same_agreement(fact.fields, known.fields, fact.evidence[0].start == known.evidence[0].start)
    if fact.kind not in SAME:
        return False
    if fact.kind == "BilateralRelation":
        return sorted(fact.fields["states"]) == sorted(known.fields.get("states") or [])
    if fact.kind == "TradeStatistic":     # one figure per pair, year and currency (one node)
        return (sorted(fact.fields["states"]) == sorted(known.fields.get("states") or [])
                and fact.fields["year"].year == getattr(known.fields.get("year"), "year", None)
                and fact.fields.get("exporter") == known.fields.get("exporter")      # a total, or one way
                and getattr(fact.fields.get("amount"), "currency", None)
                == getattr(known.fields.get("amount"), "currency", None))   # "RM36.12 billion (US$7.92 billion)"
    if fact.kind == "Event":     # one event of a kind a day; in a sentence, the rules' reading of an event wins
        same_day = getattr(known.fields.get("date"), "lexical", None) == getattr(fact.fields.get("date"), "lexical", None)
        return same_day and (known.fields.get("kind") == fact.fields.get("kind")
                             or ruled and known.evidence[0].start == fact.evidence[0].start)
    if fact.kind == "Mission" and fact.fields.get("kind") == "non-resident" and fact.fields.get("receiving") != \
            known.fields.get("receiving"):
        return False       # one embassy accredited to several states: one non-resident mission each
    if fact.kind == "Mission" and fact.fields.get("kind") == "consulate" and None not in (
            fact.fields.get("city"), known.fields.get("city")) and fact.fields["city"] != known.fields["city"]:
        return False       # "consulates in Sydney, Melbourne and Perth": one in each city
    if fact.kind == "Mission" and known.fields.get("status") == "planned" and not fact.fields.get("status") and \
            "opened" not in fact.fields:      # "X will open an embassy in Y … the embassy in Z will help": the plan's
        return all(fact.fields.get(name) == known.fields.get(name) for name in ("sending", "kind", "host"))
    if fact.kind == "Mission" and "host" not in known.fields and known.fields.get("city") == fact.fields.get("city"):
        return (fact.fields["sending"], fact.fields["kind"]) == (known.fields.get("sending"), known.fields.get("kind"))
    if any(fact.fields.get(name) != known.fields.get(name) for name in SAME[fact.kind]):
        return False
    if fact.kind == "OfficeHolding":
        mine, theirs = set(fact.fields["holder"].name.split()), set(known.fields["holder"].name.split())
        return bool(mine & theirs)
    return True


def _told_before(fact: Fact, earlier: list[Fact]) -> Fact | None:
    """The agreement of the same parties told in an earlier sentence that "the agreement" (a
    frame's fact with ``again``) names: the last one, of any kind ("Ghana and Zambia signed three
    MoUs … The agreements were signed by …"), unless the two state different dates or one is
    planned and the other not ("negotiations on agreements …", then "the Alliance of 2003")."""
    def day(fields):
        date = fields.get("date")
        return None if date is None or date.note else date.lexical
    return next((k for k in reversed(earlier) if k.kind == "Agreement"
                 and sorted(k.fields.get("parties") or []) == sorted(fact.fields.get("parties") or [])
                 and k.fields.get("status") == fact.fields.get("status")
                 and (day(fact.fields) is None or day(k.fields) in (None, day(fact.fields)))), None)


def _same_agreement(mine: dict, theirs: dict, same_sentence: bool) -> bool:
    """One agreement: same kind, parties and status, and the same date, or a date of the same
    sentence that one of the two only inferred (or lacks)."""
    def group(fields):
        return (AGREEMENT_GROUP.get(fields.get("kind"), "agreement"), sorted(fields.get("parties") or []),
                fields.get("status", "signed"))
    if group(mine) != group(theirs):
        return False
    dates = [fields.get("date") for fields in (mine, theirs)]
    if getattr(dates[0], "lexical", None) == getattr(dates[1], "lexical", None):
        return True
    return same_sentence and any(d is None or d.note for d in dates)


def _headline(text: str) -> bool:
    """A title-case line ("DPR & Dubes Chili Bahas 60 Tahun Hubungan Diplomatik"): most of its
    words, four or more, start with a capital letter."""
    words = [w for w in text.split() if w[:1].isalpha()]
    capitalized = sum(1 for w in words if w[0].isupper())
    return len(words) >= 4 and capitalized >= 0.7 * len(words) and not text.rstrip().endswith((".", "।"))


def _clause(match) -> str:
    """The match with the rest of its comma- or semicolon-delimited clause on both sides."""
    text = match.string
    start = max(text.rfind(",", 0, match.start()), text.rfind(";", 0, match.start())) + 1
    ends = [i for i in (text.find(",", match.end()), text.find(";", match.end())) if i >= 0]
    return text[start:min(ends, default=len(text))]


def _cue(cues: list[str], clause: str) -> str | None:
    """The first of ``cues`` (regexes) found in ``clause``, as written there."""
    for cue in cues:
        found = re.search(cue, clause, re.IGNORECASE)
        if found:
            return found.group()
    return None


def _resolve(spec, values, context, match):
    """A field's value: a slot name, a list of them, ``=constant`` or ``@context``."""
    if isinstance(spec, list):
        parts = [_resolve(s, values, context, match) for s in spec]
        flat = [v for p in parts for v in (p if isinstance(p, list) else [p]) if v is not None]
        return flat or None
    if not isinstance(spec, str):
        return spec
    if spec.startswith("="):
        return spec[1:]
    if spec == "@date":
        return _context_date(context, match)
    if spec == "@both_states":
        return context.both_states()
    if spec.startswith("@other:"):
        pair, known = context.both_states(), values.get(spec[7:])
        return next((state for state in pair or [] if state != known), None) if known in (pair or []) else None
    if spec.startswith("@holder:"):
        office, state = (values.get(name) for name in spec[8:].split(":"))
        return next((p for p in reversed(context.people) if (p.office, p.state) == (office, state)), None)
    if spec.startswith("@last:"):
        return context.latest(spec[6:].split("|"), context.named_kinds(match.string))
    if spec.startswith("@all:"):
        return [f for f in context.facts if f.kind in spec[5:].split("|")] or None
    return values.get(spec)


def _signed_on_publication(fact: Fact, published: PartialDate | None) -> PartialDate | None:
    """The date of a news report for an agreement it says was signed and dates no other way
    ("Ghana and Zambia have signed three MoUs"), marked inferred; None for a planned one or a
    document without a date.

    >>> _signed_on_publication(Fact("Agreement", {"kind": "mou"}, []), PartialDate(2022, 3, 16, None)).lexical
    '2022-03-16'
    """
    if published is None or fact.fields.get("status") == "planned":
        return None
    return PartialDate(published.year, published.month, published.day, "not stated with the fact; the document's date")


def _context_date(context, match) -> PartialDate | None:
    if context.date is None:
        return None
    if context.date.note or context.date_sentence == context.sentence:
        return context.date
    note = f"not stated with the fact; taken from the date the document gave before it: {context.date_text}"
    return PartialDate(context.date.year, context.date.month, context.date.day, note)


def _combinations(fields: dict, each: list[str]):
    """One field set per combination of the values of the ``each`` fields."""
    spread = [name for name in each if isinstance(fields.get(name), list)]
    if not spread:
        yield fields
        return
    for combination in itertools.product(*(fields[name] for name in spread)):
        yield {**fields, **dict(zip(spread, combination))}


def _merge(target: Fact, fields: dict, evidence: Evidence) -> None:
    for name, value in fields.items():
        current = target.fields.get(name)
        if isinstance(current, list):
            target.fields[name] = current + [v for v in (value if isinstance(value, list) else [value])
                                             if v not in current]
        elif current is None:
            target.fields[name] = value
    if evidence not in target.evidence:
        target.evidence.append(evidence)


def _office_holdings(fields: dict, fact: Fact, context: Context, evidence: Evidence) -> None:
    """Every person named with an office holds it: one OfficeHolding fact each."""
    date = (fact.fields.get("date") if fact else None) or _context_date(context, None)
    for value in fields.values():
        for person in value if isinstance(value, list) else [value]:
            if isinstance(person, Person) and person.office and person.state:
                holding = {"holder": person, "office": person.office, "state": person.state}
                if person.accredited_to:
                    holding["accredited_to"] = person.accredited_to
                if date:
                    holding["date"] = date
                context.facts.append(Fact("OfficeHolding", holding, [evidence]))


def _stated_years(text: str, patterns: Patterns, publication: PartialDate | None) -> list[int]:
    """Every year the document states (for dates the text gives without one)."""
    years = [publication.year] if publication else []
    for found in re.finditer(patterns.regex("Date"), text):
        year = re.search(r"\d{4}", found.group())
        if year:
            years.append(int(year.group()))
    return years


def _evidence(text: str, sentence, document: str, language: str) -> Evidence:
    start, end = sentence.start, sentence.end
    return Evidence(document=document, language=language, exact=text[start:end], start=start, end=end,
                    prefix=text[max(0, start - QUOTE_CONTEXT):start], suffix=text[end:end + QUOTE_CONTEXT],
                    rule="")
