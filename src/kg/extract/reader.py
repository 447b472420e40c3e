"""The general layer: a sentence's clauses, their mentions, frame triggers and roles, as facts.

It runs beside the whole-sentence rules (data/rules/); a fact both find is the same node.
A clause that negates, plans or comments (the language's ``negation``, ``planned`` and
``commentary`` cues) states no fact.

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

from ..facts import Fact, Person
from .frames import areas, fill, tokens, triggers, value
from .mentions import find_mentions
from .text import clauses


def read_sentence(text: str, language, dates, pair, evidence) -> tuple[list[Fact], list[str]]:
    """The facts the frames find in one sentence, and per clause what was seen (for --explain).

    ``dates`` are ``(start, end, PartialDate)`` in ``text``; ``pair`` the document's two states.
    """
    frames = language.frames
    facts, notes = [], []
    mentions = find_mentions(text, language.gazetteer, language.city_states, dates)
    both_regex = _both_regex(language)
    prefix = frames.prefix
    sentence_words = tokens(text, frames)
    for clause in clauses(text, frames.clause_breaks):
        inside = [m for m in mentions if clause.start <= m.start and m.end <= clause.end]
        words = [t for t in sentence_words if clause.start <= t.start and t.end <= clause.end]
        found = [t for t in triggers(words, inside, frames, prefix)    # "Asia-Pacific Economic Cooperation" is a name
                 if t.mention or not any(m.type == "Organization" and m.start <= t.start and t.end <= m.end
                                         for m in inside)]
        if not found:
            continue
        shown = ", ".join(f"{m.type}:{m.text}" for m in inside) or "none"
        notes.append(f"clause '{_short(clause.text)}' mentions {shown}")
        scope_cue = _cue(language, clause.text)
        planned = bool(scope_cue and scope_cue.startswith("planned") and any(t.frame.when_planned for t in found))
        if scope_cue and not planned:
            notes.append(f"  {scope_cue}: no fact from this clause")
            continue
        plan_at = None
        if planned:      # a planned agreement is a fact of its own (status: planned)
            notes.append(f"  {scope_cue}: only the frames with when_planned")
            found = [t for t in found if t.frame.when_planned]
            plan_at = clause.start + _plan_start(language, clause.text)
        both = bool(both_regex and both_regex.search(clause.text))
        for trigger in found:
            frame = trigger.frame
            if frame.needs and not any(set(frame.needs) & set(m.entities) for m in inside):
                notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): "
                             f"no {' or '.join(frame.needs)} in the clause")
                continue
            same = [t for t in found if t.frame.fact == frame.fact and t is not trigger]   # a fact's scope
            low = max([t.end for t in same if t.end <= trigger.start], default=clause.start)
            high = min([t.start for t in same if t.start >= trigger.end], default=clause.end)
            filled, missing = fill(trigger, (low, high), (clause.start, clause.end), text, inside, pair, both,
                                   language.name_regex)
            roles = ", ".join(f"{name}={'/'.join(_show(i) for i in items)}" for name, items in filled.items())
            notes.append(f"  trigger '{text[trigger.start:trigger.end]}' ({frame.id}): {roles or 'no roles'}"
                         + (f"; missing {', '.join(missing)}" if missing else ""))
            if missing:
                continue
            stated = type(evidence)(**{**evidence.__dict__, "rule": frame.id})
            # "will sign an MoU", "akan ditandatangani": the plan comes before the act; in "the
            # agreement signed in 2019 will boost trade" it does not, and the agreement is signed
            planning = plan_at is not None and plan_at < _act_start(frame, trigger, words, prefix)
            for fields in _facts(frame, filled):
                fact = Fact(frame.fact, {**fields, **(frame.when_planned if planning else {})}, [stated])
                facts.append(fact)
                if frame.areas:     # "an MoU on agriculture and fisheries": the areas it is about
                    facts += [Fact("Cooperation", {"area": area, "context": fact}, [stated])
                              for area in areas(trigger, (low, high), text, inside, pair)]
    return facts, notes


def _facts(frame, filled: dict):
    """One field set per combination of the roles' values (``many`` roles spread)."""
    single = {name: items for name, items in filled.items() if not _spreads(frame, name)}
    spread = [name for name in filled if _spreads(frame, name)]
    for combination in itertools.product(*(filled[name] for name in spread)):
        fields = dict(frame.constants)
        fields.update({name: [value(i) for i in items] if len(items) > 1 else value(items[0])
                       for name, items in single.items()})
        fields.update({name: value(item) for name, item in zip(spread, combination)})
        fields = _complete(frame.fact, fields)
        if fields is not None:
            yield fields


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
    if kind == "OfficeHolding":
        fields["holder"] = Person(fields["holder"], fields.get("office"), fields.get("state"))
    if kind == "Membership" and fields.get("member") == fields.get("organization"):
        return None
    if kind == "Event" and isinstance(fields.get("participants"), str):
        fields["participants"] = [fields["participants"]]
    return fields


def _cue(language, clause: str) -> str | None:
    for cues, what in ((language.negation, "negated"), (language.planned + language.frames.planned, "planned"),
                       (language.commentary, "commentary")):
        for cue in cues:
            found = re.search(cue, clause, re.IGNORECASE)
            if found:
                return f"{what} ('{found.group()}')"
    return None


def _plan_start(language, clause: str) -> int:
    """Where the clause's first plan cue starts."""
    starts = [found.start() for cue in language.planned + language.frames.planned
              for found in [re.search(cue, clause, re.IGNORECASE)] if found]
    return min(starts, default=0)


def _act_start(frame, trigger, words, prefix: bool) -> int:
    """Where the act a frame requires is stated ("signed"): its first word in the clause, else the trigger."""
    firsts = tuple(phrase[0] for phrase in frame.requires if phrase)
    for word in words:
        if firsts and (word.stem.startswith(firsts) if prefix else word.stem in firsts):
            return word.start
    return trigger.start


def _both_regex(language):
    phrases = list(language.both_states) + list(language.frame_both)
    if not phrases:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)), re.IGNORECASE)


def _show(item) -> str:
    shown = getattr(item, "text", None) or getattr(item, "lexical", None) or str(item)
    return shown.rsplit("/", 1)[-1] if shown.startswith("http") else shown


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
