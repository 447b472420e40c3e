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

from ..facts import Fact, PartialDate, Person
from .frames import fill, tokens, triggers, value
from .mentions import find_mentions
from .text import clauses


def read_sentence(text: str, language, dates, pair, evidence, amounts=()) -> tuple[list[Fact], list[str]]:
    """The facts the frames find in one sentence, and per clause what was seen (for --explain).

    ``dates`` are ``(start, end, PartialDate)`` in ``text``, ``amounts`` ``(start, end, Amount)``;
    ``pair`` the document's two states.
    """
    frames = language.frames
    facts, notes = [], []
    mentions = find_mentions(text, language.gazetteer, language.city_states, dates, amounts)
    both_regex = _both_regex(language)
    prefix = frames.prefix
    sentence_words = tokens(text, frames)
    for clause in clauses(text, frames.clause_breaks):
        inside = [m for m in mentions if clause.start <= m.start and m.end <= clause.end]
        words = [t for t in sentence_words if clause.start <= t.start and t.end <= clause.end]
        found = triggers(words, inside, frames, prefix)
        if not found:
            continue
        shown = ", ".join(f"{m.type}:{m.text}" for m in inside) or "none"
        notes.append(f"clause '{_short(clause.text)}' mentions {shown}")
        scope_cue = _cue(language, clause.text)
        if scope_cue:
            notes.append(f"  {scope_cue}: no fact from this clause")
            continue
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
            for fields in _facts(frame, filled):
                facts.append(Fact(frame.fact, fields, [type(evidence)(**{**evidence.__dict__, "rule": frame.id})]))
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
    if kind == "TradeStatistic":
        states = fields.get("states")
        if not (isinstance(states, list) and len(set(states)) == 2):
            return None
        fields["year"] = PartialDate(fields["year"].year)      # a figure is for a year
    if kind == "ExportFlow" and fields.get("exporter") == fields.get("importer"):
        return None
    return fields


def _cue(language, clause: str) -> str | None:
    for cues, what in ((language.negation, "negated"), (language.planned + language.frames.planned, "planned"),
                       (language.commentary, "commentary")):
        for cue in cues:
            found = re.search(cue, clause, re.IGNORECASE)
            if found:
                return f"{what} ('{found.group()}')"
    return None


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
