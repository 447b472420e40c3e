"""Companies the reference data does not know, found by the words the press names them with.

A language's ``companies`` (``data/frames/<lang>/language.yaml``) lists ``before``: words
after which a capitalized name is a company's ("the Peruvian company Big Cola", "perusahaan
asal Peru, Big Cola", "la empresa peruana Alicorp"), and ``within``: words that make a run of
capitalized words a company's name where they are its first or last word ("Air Canada",
"Turkish Airlines", "Samsung Electronics Co", "Indofood Sukses Makmur Tbk"); ``not``: names
that are none ("Air Force"). A company mention (type ``Company``, its entity the name as
written) knows its state where the text gives it (``entities["State_of"]``): a state or
demonym inside its name ("Air Canada") or next to its word ("Peruvian company", "empresa
peruana", "perusahaan asal Peru"), as a city knows its state; the ``{state_of: company}`` cue
reads it. A known company (``companies.ttl``) takes its state the same way. Names of states,
cities or organizations inside a company's name are the company's, no mentions of their own.

>>> from kg.extract.gazetteer import Gazetteer
>>> words = Companies(before=["company"], within=["Air", "Airlines"], not_=["Air Force"])
>>> text = "The Peruvian company Big Cola and Air Canada met the Indonesian Air Force."
>>> g = Gazetteer([("Peruvian", "Demonym", "pe"), ("Canada", "State", "ca"), ("Indonesian", "Demonym", "id")])
>>> [(m.text, m.entities.get("State_of")) for m in find_companies(text, g.find(text), words) if m.type == "Company"]
[('Big Cola', 'pe'), ('Air Canada', 'ca')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import Mention, fold

#: A capitalized word of a company's name ("Big", "AJE", "3M", "S.A.", "Coca-Cola", "H&M").
NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ0-9][\w'’&.\-]*)"
#: Words of a name between its capitalized words ("Bank of Ceylon", "Procter & Gamble").
NAME_JOINERS = r"(?:&|of|de|del)"
RUN = re.compile(rf"{NAME_WORD}(?:[^\S\n]+(?:{NAME_JOINERS}[^\S\n]+)?{NAME_WORD})*")
#: Between a company word and the name: a comma, "called", "named", "bernama", "llamada".
LEAD_GAP = r"(?:\s*,\s*|\s+(?:(?:called|named|bernama|llamad[ao]|denominad[ao])\s+)?)"
#: Words before a company word that say where it is from ("perusahaan asal Peru", "company from Peru").
ORIGIN = ("asal", "dari", "from", "de", "del")
#: Between a state's adjective and its company word, up to two words in lower case ("Kenyan tea maker").
NEXT_TO = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+")


@dataclass
class Companies:
    """A language's words of company names (``companies`` of its ``language.yaml``)."""

    before: list[str] = field(default_factory=list)
    within: list[str] = field(default_factory=list)
    not_: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, spec, where: str) -> "Companies":
        from ..errors import RuleError

        if not isinstance(spec, dict) or set(spec) - {"before", "within", "not"}:
            raise RuleError(f"{where}: 'companies' takes 'before', 'within' and 'not' (lists of words)")
        return cls(list(spec.get("before") or []), list(spec.get("within") or []), list(spec.get("not") or []))


def find_companies(text: str, mentions: list[Mention], words: Companies | None) -> list[Mention]:
    """The mentions with the companies ``words`` find added (and the names inside them taken
    out), each company knowing its state where the text gives it."""
    if words is None:
        return mentions
    found: list[tuple[int, int]] = []
    if words.before:
        lead = "|".join(re.escape(w) for w in sorted(words.before, key=len, reverse=True))
        for cue in re.finditer(rf"(?<![\w])(?:{lead})(?![\w])", text, re.IGNORECASE):
            start = _past_origin(text, cue.end(), mentions)
            gap = re.match(LEAD_GAP, text[start:])
            run = RUN.match(text, start + gap.end()) if gap else None
            if run:
                found.append(_trimmed(text, run.start(), run.end(), mentions))
    if words.within:
        within = {fold(w).strip(".") for w in words.within}
        for run in RUN.finditer(text):
            parts = run.group().split()
            if {fold(parts[0]).strip("."), fold(parts[-1]).strip(".")} & within and len(parts) > 1:
                found.append(_leading_article(text, run.start(), run.end()))
    banned = [fold(n) for n in words.not_]
    spans = []
    for start, end in sorted(set(found)):
        if end <= start or any(fold(text[start:end]).startswith(b) or b in fold(text[start:end]) for b in banned):
            continue
        if any(m.type in ("Organization", "Office") and m.start <= start and end <= m.end for m in mentions):
            continue      # "Asian Development Bank", "Air Chief Marshal": named already
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    kept = [m for m in mentions if not any(s <= m.start and m.end <= e and m.type != "Company" for s, e in spans)]
    for start, end in spans:
        if any(m.type == "Company" and m.start < end and start < m.end for m in kept):
            continue      # a company the reference data knows
        name = text[start:end]
        kept.append(Mention(start, end, name, "Company", name, {"Company": name}))
    kept.sort(key=lambda m: m.start)
    return [_with_state(m, text, mentions, words) if m.type == "Company" else m for m in kept]


def _past_origin(text: str, position: int, mentions: list[Mention]) -> int:
    """Past the state words right after a company word: "perusahaan asal Peru, Big Cola", "la
    empresa peruana Alicorp", "perusahaan Jepang Toyota"."""
    for mention in mentions:
        if mention.start < position or not {"State", "Demonym"} & set(mention.entities):
            continue
        gap = fold(text[position:mention.start]).split()
        if not gap or gap[0] in ORIGIN and len(gap) == 1:
            return mention.end
        break
    return position


def _trimmed(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[int, int]:
    """A name cut before a date or amount in it ("Big Cola 2010"), without a final stop or comma."""
    for mention in mentions:
        if start < mention.start < end and mention.type in ("Date", "Amount"):
            end = mention.start
    return start, start + len(text[start:end].rstrip(" ,."))


def _leading_article(text: str, start: int, end: int) -> tuple[int, int]:
    """A run without a capitalized article or word that opens the sentence ("The", "In")."""
    first = text[start:end].split()[0]
    if first in ("The", "La", "El", "Los", "Las", "In", "En", "Di", "On", "At"):
        start = start + len(first) + 1
        while text[start:start + 1].isspace():
            start += 1
    return start, end


def _with_state(company: Mention, text: str, mentions: list[Mention], words: Companies) -> Mention:
    """The company with ``State_of``: a state or demonym inside its name ("Air Canada", "Turkish
    Airlines"), else one just before or after its company word ("Peruvian company X", "empresa
    peruana X", "perusahaan asal Peru X")."""
    states = [m for m in mentions if {"State", "Demonym"} & set(m.entities)]
    inside = [m for m in states if company.start <= m.start and m.end <= company.end]
    if not inside and words.before:
        lead = "|".join(re.escape(w) for w in sorted(words.before, key=len, reverse=True))
        head = text[max(0, company.start - 60):company.start]
        cue = None
        for cue in re.finditer(rf"(?<![\w])(?:{lead})(?![\w])", head, re.IGNORECASE):
            pass
        if cue is not None:
            low = company.start - len(head) + cue.start()
            high = company.start - len(head) + cue.end()
            inside = [m for m in states if m.end <= low and NEXT_TO.fullmatch(text[m.end:low])][-1:] or \
                     [m for m in states if high <= m.start and m.end <= company.start]
    if not inside:
        return company
    state = inside[0].entities.get("State") or inside[0].entities["Demonym"]
    return Mention(company.start, company.end, company.text, company.type, company.iri,
                   {**company.entities, "State_of": state})
