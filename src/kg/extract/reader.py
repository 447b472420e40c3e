"""The general layer: a sentence's clauses, their mentions, frame triggers and roles, as facts.

It runs beside the whole-sentence rules (data/rules/); a fact both find is the same node.
A clause that negates or comments (the language's ``negation`` and ``commentary`` cues)
states no fact but an office holding (a title stands in commentary, and in a negation that
does not stand just before it); one
that plans (``planned``: "will visit", "akan berkunjung") states events, with status
planned, agreements as their frames' ``when_planned`` says, areas of cooperation, office
holdings ("President X will visit Lima" still says X is president), and the facts its plan
cue does not reach (none before the trigger nor just after it: "Kenya, a WTO member since 1995,
said it will …"). One that poses a condition (``hypothetical``: "If X opens …", "Jika …")
states no fact but an office holding, as commentary.

>>> from kg.build import load_extraction_data
>>> from kg.extract.engine import extract
>>> lang = load_extraction_data()["en"]
>>> found = extract("Chilean President Ana Rojas hosted her guest for a state visit.", lang, "d").facts
>>> [(f.fields["holder"].name, f.fields["state"].rsplit("/", 1)[1]) for f in found if f.kind == "OfficeHolding"]
[('Ana Rojas', 'cl')]
"""
from __future__ import annotations

import itertools
import re

from ..factkinds import KINDS, accepts
from ..facts import Fact, PartialDate, Person
from .frames import (STATED, _has_phrase, _phrase_at, areas, fill, has_object, multilateral, named_span, tokens, triggers,
                     value)
from .companies import find_companies
from .gazetteer import fold
from .mentions import find_mentions, long_forms
from .text import clauses
from .titles import stretch


#: Facts a plan or commentary leaves standing: "President X will visit Lima" still says X is president.
TITLES = {"OfficeHolding"}


def read_sentence(text: str, language, dates, pair, evidence, scene=None, amounts=()) -> tuple[list[Fact], list[str]]:
    """The facts the frames find in one sentence, and per clause what was seen (for --explain).

    ``dates`` are ``(start, end, PartialDate)`` in ``text``, ``amounts`` ``(start, end, Amount)``;
    ``pair`` the document's two states; ``scene`` (kg.extract.scene) the date and place an
    event without its own takes.
    """
    frames = language.frames
    facts, notes = [], []
    mentions = find_mentions(text, language.gazetteer, language.city_states, dates, amounts)
    mentions = stretch(text, long_forms(text, mentions, frames.state_words), frames.portfolio)
    mentions = find_companies(text, mentions, frames.companies)      # "the Peruvian company Big Cola"
    both_regex = _both_regex(language)
    leaders = _phrases_regex(language.both_leaders + frames.officials)      # "the two leaders": holders of an office
    prefix = frames.prefix
    sentence_words = tokens(text, frames)
    since = "|".join(re.escape(fold(w)) for w in frames.since) or None
    for clause in clauses(text, frames.clause_breaks):
        inside = [m for m in mentions if clause.start <= m.start and m.end <= clause.end]
        words = [t for t in sentence_words if clause.start <= t.start and t.end <= clause.end]
        found = [t for t in triggers(words, inside, frames, prefix)    # "Asia-Pacific Economic Cooperation" is a name
                 if (t.mention or not any(m.type == "Organization" and m.start <= t.start and t.end <= m.end
                                          for m in inside))
                 and (not t.frame.named or named_span(t.start, t.end, text, inside))
                 and not (t.frame.fact == "Agreement" and multilateral(t.start, t.end, text, inside))]
        if not found:
            continue
        shown = ", ".join(f"{m.type}:{m.text}" for m in inside) or "none"
        notes.append(f"clause '{_short(clause.text)}' mentions {shown}")
        scope_cue = _cue(language, clause.text)
        plans = bool(scope_cue) and scope_cue.startswith("planned")
        kept = found
        if scope_cue:
            negated = scope_cue.startswith("negated")
            kept = [t for t in found if t.frame.fact in TITLES and not (negated and _denies(language, text, clause, t))
                    or not negated and plans and (t.frame.fact in PLANNED or t.frame.when_planned
                                                  or t.frame.fact in AGREED or _plan_elsewhere(language, text, clause, t))]
            notes.append(f"  {scope_cue}: " + ("only events and agreements (planned where the cue comes first), "
                                               "cooperation, office holdings and facts outside the cue's reach" if plans else
                                               "no fact from this clause but office holdings" if kept else
                                               "no fact from this clause"))
            if not kept:
                continue
        both = bool(both_regex and both_regex.search(clause.text))
        for trigger in found:
            frame = trigger.frame
            if trigger not in kept:
                continue
            # "akan berkunjung", "will visit": planned; "kunjungan … yang akan berlangsung dua hari": held
            planned = plans and frame.fact in PLANNED and (_plan_before(
                language, text[_after_quote(text, clause.start, trigger.start):
                               clause.end if frames.plan_after else trigger.end])   # "সফর করবেন"
                or _opening_planned(language, frame, text[trigger.end:clause.end]))      # "the embassy will open"
            if frame.needs and not any(set(frame.needs) & set(m.entities) for m in inside) and not (
                    "Office" in frame.needs and (leaders and leaders.search(clause.text)       # "both leaders met"
                                                 or _state_leader(frames, text, inside)        # "the Russian leader"
                                                 or scene is not None and (scene.holder_named(clause.text)
                                                                           or scene.pronoun(clause.text, frames.pronouns)))):
                notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): "
                             f"no {' or '.join(frame.needs)} in the clause")
                continue
            if frame.object and not has_object(frame.object, text, trigger.end, inside, language.name_regex):
                notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): "
                             f"no {' or '.join(frame.object['types'])} right after it")
                continue
            if frame.fact == "Event" and _on_sidelines(frames, text[clause.start:trigger.start]):
                notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): "
                             "the forum on whose sidelines it happened, no fact")
                continue
            touching = _touching(trigger, inside, frame.not_with, text)
            if touching:
                notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): "
                             f"the {touching.type} '{touching.text}' names whose it is, no fact")
                continue
            same = [t for t in found if t.frame.fact == frame.fact and t is not trigger]   # a fact's scope
            low = max([t.end for t in same if t.end <= trigger.start], default=clause.start)
            high = min([t.start for t in same if t.start >= trigger.end], default=clause.end)
            if frame.clause_scope:
                low, high = clause.start, clause.end
            if frame.unless and frame.unless.search(fold(text[low:high])) and not (
                    frame.unless_undone and frame.unless_undone.search(fold(text[low:high]))):   # "closed … reopened"
                notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): "
                             f"'{frame.unless.search(fold(text[low:high])).group()}' says it is not so")
                continue
            former = frame.not_after & set(fold(text[clause.start:trigger.start]).split()[-3:])
            if former:     # "former President X", "mantan Menteri": no longer so
                notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): "
                             f"'{min(former)}' before it says it is no longer so")
                continue
            filled, missing = fill(trigger, (low, high), (clause.start, clause.end), text, inside, pair, both,
                                   language.name_regex, since, min(t.start for t in found if t.frame.fact == frame.fact))
            if missing == ["year"] and frame.fact == "TradeStatistic":
                missing = _year_before(filled, mentions, clause.start)   # "In 2022, …, while its imports …"
            if not missing and frame.excludes_until and _has_phrase(
                    [w for w in words if w.end <= max(trigger.end, _end_of(filled.get(frame.excludes_until), clause.end))],
                    frame.excludes, prefix):
                notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): "
                             f"a word of its 'excludes' before its {frame.excludes_until}, no fact")
                continue
            if frame.fact == "Event" and scene is not None:
                missing = _inherit(trigger, filled, missing, scene, frames, text, planned)
                here = not missing and "place" not in filled and any(r.name == "place" for r in frame.roles) \
                    and scene.reported_from(value(filled["date"][0]) if filled.get("date") else None)
                if here:        # "La Habana, 16 mar (RHC) – … llegó el miércoles": where it is reported from
                    filled["place"] = [here]
                elif not missing and "place" not in filled and any(r.name == "place" for r in frame.roles) and (
                        stay := scene.staying(value(filled["date"][0]) if filled.get("date") else None, planned)):
                    filled["place"] = [stay]     # a day of the trip told before, in its city
            roles = ", ".join(f"{name}={'/'.join(_show(i) for i in items)}" for name, items in filled.items())
            notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): {roles or 'no roles'}"
                         + (f"; missing {', '.join(missing)}" if missing else ""))
            if missing:
                continue
            stated = type(evidence)(**{**evidence.__dict__, "rule": frame.id})
            # "will sign an MoU", "akan ditandatangani": the plan comes before the act; in "the
            # agreement signed in 2019 will boost trade" it does not, and the agreement is signed
            planning = plans and _plans_act(language, text, clause, _act_start(frame, trigger, words, prefix))
            for fields in _facts(frame, filled):
                skip = _outside_pair(frame, fields, pair)
                if skip:
                    notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): {skip}, no fact")
                    continue
                if planned:
                    fields["status"] = "planned"
                    if frame.fact == "Mission" and (fields.get("opened") == STATED or _since(
                            filled.get("opened"), text, since)):
                        del fields["opened"]      # not opened on the document's date, nor "closed since 2002"
                fact = Fact(frame.fact, {**fields, **(frame.when_planned if planning else {})}, [stated],
                            again=frame.fact == "Agreement" and _names_told(trigger, frames, text))
                facts.append(fact)
                if frame.fact == "TradeStatistic":    # "RM36.12 billion (US$7.92 billion)": the figure in two currencies
                    facts += [Fact(frame.fact, {**fields, "amount": other.iri}, [stated])
                              for other in _in_parentheses(filled.get("amount"), inside, text)]
                if frame.areas:     # "an MoU on agriculture and fisheries": the areas it is about
                    facts += [Fact("Cooperation", {"area": area, "context": fact}, [stated])
                              for area in areas(trigger, (low, high), text, inside, pair)]
    return facts, notes


def _in_parentheses(items, mentions, text: str) -> list:
    """The amount in parentheses right after a figure's amount: the same figure in another
    currency ("RM36.12 billion (US$7.92 billion)", "Rp 18 triliun (US$1,2 miliar)")."""
    first = next((m for m in items or [] if hasattr(m, "end")), None)
    if first is None:
        return []
    return [m for m in mentions if m.type == "Amount" and m.start > first.end
            and re.fullmatch(r"\s*\(\s*(?:about\s+|around\s+|sekitar\s+|unos\s+|approx\.?\s+)?", text[first.end:m.start])][:1]


def _year_before(filled: dict, mentions, start: int) -> list[str]:
    """A trade figure's year from an earlier clause of its sentence, where its own gives none
    ("In 2022, X's exports to Y reached …, while its imports from Y totalled …"): the roles still
    missing (none, or the year)."""
    earlier = [m for m in mentions if m.type == "Date" and m.end <= start]
    if not earlier:
        return ["year"]
    filled["year"] = [earlier[-1]]
    return []


def _outside_pair(frame, fields: dict, pair) -> str | None:
    """Why a fact is not the document's pair's (a mission of neither of its states, or a
    ``pair_only`` frame's fact naming a third state), or None when it is."""
    if frame.fact == "Mission" and _foreign(fields, pair):
        return "a mission of neither state of the document's pair"
    if frame.pair_only and _third_state(frame.fact, fields, pair):
        return "a state outside the document's pair"
    return None


def _third_state(kind: str, fields: dict, pair) -> bool:
    """Whether a state field of the fact names a state outside the document's ``pair`` (a
    frame's ``pair_only``): "Kenya's trade with China reached …" in a text on Kenya and Sweden
    is another relation's figure. False for a document without a pair."""
    if not pair:
        return False
    states = [v for name, spec in KINDS[kind].fields.items() if accepts(spec, "State")
              for v in (fields.get(name) if isinstance(fields.get(name), list) else [fields.get(name)])]
    return any(state is not None and state not in pair for state in states)


def _denies(language, text: str, clause, trigger) -> bool:
    """Whether a negation cue stands among the four words before a title ("is not the
    President", "bukan Menteri"): another negation in the clause ("X, the Foreign Minister,
    said they have no embassy") leaves the title standing."""
    words = " ".join(text[clause.start:trigger.start].split()[-4:])
    return any(re.search(cue, words, re.IGNORECASE) for cue in language.negation)


#: The fact kinds a clause that plans ("will visit", "akan berkunjung", "plans to open an
#: embassy") states, with status planned.
PLANNED = {"Event", "Mission"}
#: Facts a plan states as they are: "the two will cooperate in trade" is an area the two agree
#: to cooperate in (tests/cases/README.md), a Cooperation as any other.
AGREED = {"Cooperation"}


def _plan_elsewhere(language, text: str, clause, trigger) -> bool:
    """Whether the plan cues of a clause leave a trigger outside their scope: none before it and
    none among the seven words after it before a comma, in a language whose verb does not end the clause
    ("Kenya, a WTO member since 1995, said it will open …": the membership stands; not "Kenya
    will join the WTO", nor "relaciones diplomáticas entre Perú y Kenia se establecerán").

    >>> language = type("L", (), {"planned": [r"\\bwill\\b"], "frames": type("F", (), {"planned": [], "plan_after": False})()})()
    >>> text = "Kenya, a WTO member since 1995, said trade will grow."
    >>> clause, trigger = type("C", (), {"start": 0, "end": len(text)})(), type("T", (), {"start": 11, "end": 14})()
    >>> _plan_elsewhere(language, text, clause, trigger)
    True
    """
    if language.frames.plan_after:
        return False
    after = " ".join(text[trigger.end:clause.end].split(",")[0].split()[:7])
    return not _plan_before(language, text[clause.start:trigger.start]) and not _plan_before(language, after)


def _end_of(items, default: int) -> int:
    """Where a role's (first) mention ends; ``default`` for a role without one."""
    return next((item.end for item in items or [] if hasattr(item, "end")), default)


def _plan_before(language, words: str) -> bool:
    """A plan cue of the language in ``words`` (the clause up to the end of a trigger)."""
    return any(re.search(cue, words, re.IGNORECASE) for cue in language.planned + language.frames.planned)


def _after_quote(text: str, start: int, end: int) -> int:
    """Where the words of ``text[start:end]`` after a quotation closed in it begin (else ``start``):
    a plan in the words quoted does not plan the event they were said at ("“We want to learn from
    Indonesia,” said the minister at a press conference").

    >>> _after_quote('“Kami ingin belajar,” kata Menlu saat konferensi pers', 0, 40)
    21
    >>> _after_quote('Menlu "akan" datang', 0, 19), _after_quote('Menlu akan datang', 0, 17)
    (12, 0)
    """
    words = text[start:end]
    closed = words.rfind("”")
    if words.count('"') >= 2 and words.count('"') % 2 == 0:
        closed = max(closed, words.rfind('"'))
    return start + closed + 1 if closed >= 0 else start


def _since(items, text: str, since: str | None) -> bool:
    """Whether the (first) mention of a role stands right after one of the language's ``since``
    words ("desde 2002"): the date something has been so, not a planned opening's."""
    item = next((item for item in items or [] if hasattr(item, "start")), None)
    return bool(since and item is not None and (
        re.search(rf"(?<!\w)(?:{since})\s*$", fold(text[max(0, item.start - 20):item.start]))
        or re.match(rf"(?:{since})(?!\w)", fold(text[item.start:item.end]))))     # the date's own "desde 2002"


def _foreign(fields: dict, pair) -> bool:
    """A mission that neither sends, nor stands in or is accredited to, a state of the
    document's pair: "at the Japanese embassy in Nairobi" in a text on Ghana and Turkey names
    a place, not a mission of the relation."""
    return bool(pair) and not {fields.get("sending"), fields.get("host"), fields.get("receiving")} & set(pair)


def _opening_planned(language, frame, after: str) -> bool:
    """A mission whose opening a plan cue after its trigger announces: a plan cue, then within
    a few words one of the ``when`` words of the frame's ``opened`` role, or a cue that is one ("the
    embassy will be opened in 2025", "kedutaan itu akan dibuka", "la embajada se abrirá", "দূতাবাস
    খোলার ঘোষণা")."""
    opened = next((role.when for role in frame.roles if role.name == "opened" and role.when), None)
    if frame.fact != "Mission" or opened is None:
        return False
    for cue in language.planned + language.frames.planned:
        found = re.search(cue, after, re.IGNORECASE)
        if found and (opened.search(fold(after[found.end():found.end() + 30]))    # not "to open an exhibition"
                      or opened.search(fold(found.group()))):     # the cue's own word: "খোলার ঘোষণা", "abrirá"
            return True
    return False


def _touching(trigger, mentions, types: list[str], text: str):
    """A mention of one of ``types`` right before the trigger, at most one word after it ("the
    APEC summit", "KTT APEC", "pertemuan pemimpin APEC") or holding it (the "Bidang" of "Menteri
    Koordinator Bidang Hukum"), else None."""
    for mention in mentions:
        if not set(types) & set(mention.entities):
            continue
        if mention.start <= trigger.start and trigger.end <= mention.end and mention is not trigger.mention:
            return mention
        gap = text[mention.end:trigger.start] if mention.end <= trigger.start else text[trigger.end:mention.start]
        if mention.start >= trigger.end and re.fullmatch(r"\s+(?:\w+\s+)?", gap) or \
                mention.end <= trigger.start and re.fullmatch(r"['’]?s?\s*", gap):
            return mention
    return None


def _inherit(trigger, filled: dict, missing: list[str], scene, frames, text: str, planned: bool = False) -> list[str]:
    """An event without a date in its clause takes the scene's date and, without a city of its
    own, its place (kg.extract.scene), else (not a ``planned`` one) the document's publication
    date; not one that speaks of an event told before ("this visit", "kunjungan itu"). A
    planned event nothing dates, of a kind no plan told before, has no date ("will visit Nairobi"),
    and so has, where the language's ``undated_events`` is true, an event held that an undated
    document tells first and nothing dates. The roles still missing."""
    back = _refers_back(trigger, frames, text)
    dated = filled.get("date", [])
    if back and dated and (getattr(dated[0], "end", trigger.end) <= trigger.start or re.match(
            r"\s*,", text[trigger.end:getattr(dated[0], "start", trigger.end)])):
        # "last year … on the occasion of the meeting", "After the meeting, they saw the contract
        # agreed at the forum in August 2019": not the meeting's date ("the visit on 5 May 2019" is)
        del filled["date"]
        missing = missing + ["date"]
    if "date" not in missing or back:
        return missing
    date, place = scene.recall(planned)
    if date is not None and trigger.frame.constants.get("kind") == "visit" and scene.kind in ("visit", "state-visit"):
        return missing      # a visit on the day of the visit told before ("his arrival …") is that visit
    if date is None:        # a news report's event: by the day it was published; not a planned one
        kind = trigger.frame.constants.get("kind", "event")
        date = None if planned else scene.published(kind)
        if date is None:    # a plan nothing dates, first told here: no date; so is, in a language whose
            # ``undated_events`` says so, an event held that an undated text (an encyclopedia's or a
            # ministry's page) tells first and dates nowhere
            first = (kind, "planned" if planned else None) not in scene.told
            return [name for name in missing if name != "date"] if first and (
                planned or frames.undated_events and scene.publication is None) else missing
    filled["date"] = [date]
    if place and "place" not in filled and any(r.name == "place" for r in trigger.frame.roles):
        filled["place"] = [place]
    return [name for name in missing if name != "date"]


def _state_leader(frames, text: str, mentions) -> bool:
    """Whether one of the language's ``leaders`` words stands next to a state the clause names, a
    title an event's need of an office takes: "the North Korean leader", "the leader of Russia",
    "pemimpin Rusia itu", "el líder norcoreano", "উত্তর কোরিয়ার নেতা" (not "business leaders").

    >>> from kg.extract.gazetteer import Gazetteer
    >>> frames = type("F", (), {"leaders": ["leader", "pemimpin"]})()
    >>> text = "Later the Russian leader met Kim."
    >>> _state_leader(frames, text, Gazetteer([("Russian", "Demonym", "ru")]).find(text))
    True
    >>> text = "Russian business leaders met in Lima."
    >>> _state_leader(frames, text, Gazetteer([("Russian", "Demonym", "ru")]).find(text))
    False
    """
    if not frames.leaders:
        return False
    words = "|".join(re.escape(fold(w)) for w in sorted(frames.leaders, key=len, reverse=True))
    after = re.compile(rf"(?:['’]s)?[^\S\n]+(?:{words})(?!\w)")
    before = re.compile(rf"(?<!\w)(?:{words})[^\S\n]+(?:(?:of|de|del|de\s+la)[^\S\n]+(?:the[^\S\n]+)?)?$")
    return any(("State" in m.entities or "Demonym" in m.entities)
               and (after.match(fold(text[m.end:m.end + 30])) or before.search(fold(text[max(0, m.start - 30):m.start])))
               for m in mentions)


def _on_sidelines(frames, before: str) -> bool:
    """Whether one of the language's ``sidelines`` phrases stands at most six words before the
    trigger, with no comma between: "on the sidelines of the 11th ASEM Foreign Ministers'
    Meeting", "di sela-sela Pertemuan Menlu ASEM" name a forum, not a bilateral meeting."""
    if not frames.sidelines:
        return False
    phrases = "|".join(re.escape(fold(p)) for p in frames.sidelines)
    return bool(re.search(rf"(?<!\w)(?:{phrases})(?:\s+[^\s,;]+){{0,6}}\s*$", fold(before)))


def _refers_back(trigger, frames, text: str) -> bool:
    """The trigger names an event told before: one of the language's ``refers_back`` words
    among the two words before it or right after it."""
    words = frames.refers_back
    before = [fold(w) for w in fold(text[:trigger.start]).split()[-2:]]
    after = " ".join(fold(text[trigger.end:trigger.end + 40]).split())
    return any(fold(w) in before for w in words.get("before", [])) or \
        any(re.match(rf"{re.escape(fold(w))}(?!\w)", after) for w in words.get("after", []))


def _names_told(trigger, frames, text: str) -> bool:
    """The trigger names a thing told before: one of the language's ``refers_back`` words right
    before it or right after it, with no other word between ("the agreements — …", "this MoU",
    "perjanjian tersebut"; not "the visa agreement")."""
    words = frames.refers_back
    before = fold(text[:trigger.start]).split()[-1:]
    after = fold(text[trigger.end:trigger.end + 30]).split()[:2]
    return any(fold(w) in before for w in words.get("before", [])) or \
        any(" ".join(after[:len(fold(w).split())]) == fold(w) for w in words.get("after", []))


def _facts(frame, filled: dict):
    """One field set per combination of the roles' values (``many`` roles spread)."""
    single = {name: items for name, items in filled.items() if not _spreads(frame, name)}
    spread = [name for name in filled if _spreads(frame, name)]
    for combination in itertools.product(*(filled[name] for name in spread)):
        fields = dict(frame.constants)
        fields.update({name: [value(i) for i in items] if len(items) > 1 else value(items[0])
                       for name, items in single.items()})
        fields.update({name: value(item) for name, item in zip(spread, combination)})
        if frame.fact == "Mission" and _elsewhere(filled.get("city"), fields):
            continue       # "embassies in Lima and Santiago": each city with its own state
        fields = _complete(frame.fact, fields)
        if fields is not None:
            yield fields


def _elsewhere(cities, fields: dict) -> bool:
    """Whether a mission's city lies in another state than its host (a combination of ``many``
    roles that pairs one city with another's state)."""
    city = next((m for m in cities or [] if str(value(m)) == str(fields.get("city"))), None)
    state = getattr(city, "entities", {}).get("State_of")
    return bool(state and fields.get("host") and str(value(state)) != str(fields["host"]))


def _spreads(frame, name: str) -> bool:
    role = next((r for r in frame.roles if r.name == name), None)
    return bool(role and role.many)


def _complete(kind: str, fields: dict) -> dict | None:
    """Fields checked as a fact of ``kind`` needs them; None when they do not make one."""
    if kind == "BilateralRelation":
        states = fields.get("states")
        return fields if isinstance(states, list) and len(set(states)) == 2 else None
    if kind == "Agreement":     # between two states
        parties = fields.get("parties")
        return fields if isinstance(parties, list) and len(set(parties)) == 2 else None
    if kind == "Mission":
        host = fields.get("host")
        if not host or host == fields.get("sending") or not isinstance(host, str):
            return None
        if fields.get("kind") == "non-resident" and fields.get("receiving") == host and fields.get("city"):
            fields = {k: v for k, v in fields.items() if k != "receiving"}   # "represented in Australia by its
            fields["kind"] = "embassy"                                        # embassy in Canberra": resident
        if fields.get("receiving") in (fields.get("sending"), host):    # accredited to a third state, or none
            return None
    if kind == "OfficeHolding":
        fields["holder"] = Person(fields["holder"], fields.get("office"), fields.get("state"))
    if kind == "Membership" and fields.get("member") == fields.get("organization"):
        return None
    if kind == "Event" and isinstance(fields.get("participants"), str):
        fields["participants"] = [fields["participants"]]
    if kind == "TradeStatistic":
        states = fields.get("states")
        if not (isinstance(states, list) and len(set(states)) == 2):
            return None
        fields["year"] = PartialDate(fields["year"].year)      # a figure is for a year
        flow = {fields.get("exporter"), fields.get("importer")} - {None}
        if flow and flow != set(states):     # a one-way figure: from one of its two states to the other
            return None
    if kind == "ExportFlow" and fields.get("exporter") == fields.get("importer"):
        return None
    return fields


def _cue(language, clause: str) -> str | None:
    for cues, what in ((language.negation, "negated"), (language.hypothetical, "hypothetical"),
                       (language.planned + language.frames.planned, "planned"),
                       (language.commentary, "commentary")):
        for cue in cues:
            found = re.search(cue, clause, re.IGNORECASE)
            if found:
                return f"{what} ('{found.group()}')"
    return None


def _plans_act(language, text: str, clause, act: int) -> bool:
    """Whether a plan cue governs the act (``act``, where the signing word starts): one at most
    eight words before it with no comma between, or the act's own word ("will sign", "are expected
    to sign", "firmarán"; not "After two years of negotiations, the two countries signed"); in
    a language whose verb ends the clause (``plan_after``), also one at most three words after
    it ("সই করবে")."""
    word_end = act + len(re.match(r"\S*", text[act:]).group())
    cues = language.planned + language.frames.planned
    starts = [clause.start + found.start() for cue in cues
              for found in re.finditer(cue, text[clause.start:clause.end], re.IGNORECASE)]
    before = max((start for start in starts if start <= act), default=None)
    if before is not None and "," not in text[before:act] and len(text[before:act].split()) <= 8:
        return True
    after = min((start for start in starts if start >= word_end), default=None)
    return language.frames.plan_after and after is not None and len(text[word_end:after].split()) <= 3


def _act_start(frame, trigger, words, prefix: bool) -> int:
    """Where the act a frame requires is stated ("signed", "entered into force"): the first of its
    phrases in the clause, else the trigger."""
    for index, word in enumerate(words):
        if any(_phrase_at(words, index, phrase, prefix) is not None for phrase in frame.requires if phrase):
            return word.start
    return trigger.start


def _both_regex(language):
    return _phrases_regex(list(language.both_states) + list(language.frame_both))


def _phrases_regex(phrases):
    if not phrases:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)), re.IGNORECASE)


def _show(item) -> str:
    shown = getattr(item, "text", None) or getattr(item, "lexical", None) or str(item)
    return shown.rsplit("/", 1)[-1] if shown.startswith("http") else shown


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
