"""One multi-pattern matcher (Aho-Corasick) over every name of the reference data.

Names come from the lexicon (CLDR state names, cities, organizations, offices… in one
language) and from ``data/reference/demonyms.tsv`` and ``demonyms-press.tsv`` (demonyms and
official long forms).
Text is folded character by character (case, digits, hyphens), so a match's offsets are
offsets into the text itself. Acronyms (``UN``, ``OAS``) match only as written, so the
Spanish article "un" is no organization (and a name that is only an acronym, "US", is no "us"); a capitalized name of a state, city, venue or
company does not match a word the text writes in lower case (Indonesian "lima tahun",
"five years", is not Lima).

>>> g = Gazetteer([("Peru", "State", "pe"), ("Peruvian", "Demonym", "pe"), ("UN", "Organization", "un")])
>>> [(m.text, m.type) for m in g.find("The Peruvian envoy met un amigo at the UN.")]
[('Peruvian', 'Demonym'), ('UN', 'Organization')]
>>> [m.text for m in Gazetteer([("Lima", "City", "lima")]).find("lima tahun di Lima")]
['Lima']
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from .lexicon import WORD

WORD_CHAR = re.compile(WORD)
#: A name matched only as written (``UN``, ``G-20``, ``D-8``).
ACRONYM = re.compile(r"[A-Z0-9\-&.]{2,7}")
#: When one span names entities of several types, the first type here is the mention's type.
PRIORITY = ("State", "Demonym", "Organization", "City", "Office", "Agency", "Venue", "Company", "Award",
            "Area", "Product", "Region")
#: The entity of every ``Region`` mention: a region's name only keeps a state's inside it from matching.
REGION = "region"


#: Types whose names a text may write in lower case (Spanish "peruano", "cooperación técnica",
#: "organización mundial del comercio"); a name of the other types written capitalized in the
#: reference data (a state, a city: "Chili", "Lima", "Kota")
#: is no mention where the text writes it in lower case ("lima tahun", "di kota"), so a city
#: named like a common word is found only as a name.
LOWER_CASE_TOO = {"Demonym", "Organization", "Office", "Agency", "Area", "Product", "Award"}


SPACES = str.maketrans({c: " " for c in "\t\n\r\f\v\u00a0\u2002\u2003\u2009\u200a\u202f\u3000-–‐"})
OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def fold(text: str) -> str:
    """Case-folded, ASCII digits, hyphens and spaces as one space: same length as ``text``.

    >>> fold("Timor-Leste ১৯৭৫")
    'timor leste 1975'
    """
    folded = text.casefold()
    if len(folded) == len(text):        # the common case, at C speed
        folded = folded.translate(SPACES)
        return folded if folded.isascii() else OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group())), folded)
    out = []
    for char in text:
        if char.isspace() or char in "-–‐":
            out.append(" ")
        elif char.isdigit() and not char.isascii():
            out.append(str(unicodedata.digit(char)))
        else:
            lowered = char.casefold()
            out.append(lowered if len(lowered) == 1 else char.lower() if len(char.lower()) == 1 else char)
    return "".join(out)


def _name_key(name: str) -> str:
    return " ".join(fold(unicodedata.normalize("NFC", name)).split())


@dataclass(frozen=True)
class Mention:
    """A name found in a text: ``start``..``end`` (suffix included), its type and entity IRI;
    ``entities`` holds every type the same words name; ``ending`` is the case ending written
    onto it ("প্রধানমন্ত্রীকে": "কে"), if any."""

    start: int
    end: int
    text: str
    type: str
    iri: str
    entities: dict = field(default_factory=dict, compare=False, hash=False)
    ending: str = field(default="", compare=False, hash=False)


class Gazetteer:
    """Names of one language as one automaton: ``find(text)`` gives the mentions, longest first."""

    def __init__(self, names, suffixes=()):
        self.suffixes = sorted((fold(s) for s in suffixes), key=len, reverse=True)
        self.automaton = ahocorasick.Automaton()
        table: dict[str, dict] = {}
        for name, type_name, iri in names:
            key = _name_key(name)
            if len(key) < 2:
                continue
            entry = table.setdefault(key, {"entities": {}, "exact": set(), "lower": False, "words": False})
            entry["entities"].setdefault(type_name, iri)
            if ACRONYM.fullmatch(name.strip()):      # an acronym: as written
                entry["exact"].add(name.strip())
            else:
                entry["words"] = True
            if type_name in LOWER_CASE_TOO or not name[:1].isupper():
                entry["lower"] = True
        for key, entry in table.items():
            only = not entry["words"] or not entry["entities"].keys() - {"Organization", "Agency"}
            self.automaton.add_word(key, (len(key), entry["entities"], frozenset(entry["exact"]) if only else frozenset(),
                                          entry["lower"]))
        self.size = len(table)
        if table:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, leftmost-longest, never overlapping."""
        if not self.size:
            return []
        folded = fold(text)
        candidates = []
        for last, (length, entities, exact, lower) in self.automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and WORD_CHAR.match(folded[start - 1]):
                continue
            if exact and text[start:end] not in exact:      # "US" the state, not "us"
                continue
            if not lower and text[start].islower():      # "lima tahun", "di kota": words, not the cities
                continue
            stop = self._word_end(folded, end)
            if stop is None:
                continue
            candidates.append((start, -stop, entities, stop - end))
        mentions, taken = [], -1
        for start, negative_end, entities, ending in sorted(candidates, key=lambda c: (c[0], c[1])):
            if start < taken:
                continue
            end = -negative_end
            type_name = next(t for t in PRIORITY + tuple(entities) if t in entities)
            mentions.append(Mention(start, end, text[start:end], type_name, entities[type_name], dict(entities),
                                    text[end - ending:end]))
            taken = end
        return mentions

    def _word_end(self, folded: str, end: int, suffixes: int = 2) -> int | None:
        """Where the word ends after a name: at once, or after one suffix or two (Bengali
        ``ঢাকা|তে|ই``, ``ভারতীয়|দের``); None inside a word."""
        if end >= len(folded) or not WORD_CHAR.match(folded[end]):
            return end
        if suffixes:
            for suffix in self.suffixes:
                if folded.startswith(suffix, end):
                    stop = self._word_end(folded, end + len(suffix), suffixes - 1)
                    if stop is not None:
                        return stop
        return None


def read_regions(path: Path, language: str) -> list[tuple[str, str, str]]:
    """``(name, "Region", REGION)`` rows of ``regions.tsv`` for ``language``: names of world
    regions, which hold a state's name ("Latin American", "Amerika Latin") and are no mention of it.

    >>> from kg import paths
    >>> read_regions(paths.REFERENCE_DIR / "regions.tsv", "id")[0]
    ('Amerika Latin', 'Region', 'region')
    """
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(row["form"], "Region", REGION) for row in csv.DictReader(lines, delimiter="\t")
            if row["language"] == language]


def read_demonyms(path: Path, language: str) -> list[tuple[str, str, str]]:
    """``(form, type, ISO code)`` rows of ``demonyms.tsv`` for ``language``: a demonym is of type
    ``Demonym``, a long form of type ``State``."""
    if not path.is_file():
        return []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return [(row["form"], "Demonym" if row["kind"] == "demonym" else "State", row["iso"])
            for row in rows if row["language"] == language]
