r"""A person's name in a script without capitals, as a regex built from the language's words
(the ``name`` mapping of data/frames/<lang>/language.yaml).

Bengali writes no capitals, so a name is the words after a title up to a word no name has
(``stops``: verbs, postpositions, conjunctions, numbers), at most ``most`` words. A word with
a case ending (``cases``: the accusative "-কে") is the name's last word, and the ending is not
of the name: "শেখ হাসিনাকে" gives "শেখ হাসিনা". A genitive (``genitives``: "-ের"; after a
vowel ``vowels`` a bare "-র", as many names end: "কবির", "জহির") is cut only before a word that
follows a genitive (``genitive_before``: "মোদীর সঙ্গে", with Modi; "তোবগের উপস্থিতিতে", in the
presence of Tobgay): "হাভিয়ের" (Javier) in "ক্লাউদিও হাভিয়ের রসেনওয়াইগ" is a word of the name. An initial that is also a word
("এ", this) is of the name before another initial (``initials``: "এ কে আব্দুল মোমেন").
Words before a ``topics`` word ("নিয়ে", about) are what is spoken of, no name: "পররাষ্ট্রমন্ত্রী
রোহিঙ্গা সংকট নিয়ে বলেন" (the Foreign Minister spoke about the Rohingya crisis). ``also`` is a
regex of other names (Latin ones, written with capitals).

>>> spec = {"letters": "[\u0980-\u09FF]", "stops": ["বলেন", "সঙ্গে", "এ"], "most": 5, "cases": ["কে"],
...         "genitives": ["ের"], "genitive_before": ["সঙ্গে", "উপস্থিতিতে"], "vowels": "ািীুূেোৌ", "initials": ["এ", "কে"]}
>>> import re
>>> name = re.compile(pattern(spec))
>>> [name.match(t).group() for t in ["নরেন্দ্র মোদীর সঙ্গে", "দাসো তেসারিং তোবগের উপস্থিতিতে", "এ কে আব্দুল মোমেন বলেন"]]
['নরেন্দ্র মোদী', 'দাসো তেসারিং তোবগ', 'এ কে আব্দুল মোমেন']
>>> name.match("জহির বলেন").group(), name.match("শেখ হাসিনাকে").group(), name.match("ক্লাউদিও হাভিয়ের রসেনওয়াইগ").group()
('জহির', 'শেখ হাসিনা', 'ক্লাউদিও হাভিয়ের রসেনওয়াইগ')
>>> re.compile(pattern({**spec, "topics": ["নিয়ে"]})).match("রোহিঙ্গা সংকট নিয়ে বলেন") is None
True
"""
from __future__ import annotations

import re

from ..errors import RuleError

KEYS = {"letters", "stops", "most", "cases", "genitives", "genitive_before", "vowels", "initials", "topics", "also"}


def pattern(spec: dict, where: str = "name") -> str:
    """The regex of a name from ``spec`` (see the module docstring)."""
    if not isinstance(spec, dict) or set(spec) - KEYS or "letters" not in spec:
        raise RuleError(f"{where}: 'name' is a regex or a mapping of {', '.join(sorted(KEYS))} (with 'letters')")
    letter = spec["letters"]
    def words(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(spec.get(key) or [], key=len, reverse=True)) or "(?!x)x"
    stop = rf"(?:{words('stops')})(?!{letter})"
    cases = rf"(?:{words('cases')})(?!{letter}|-)"
    body = rf"{letter}(?:{letter}|-)*"
    initial = rf"(?:{words('initials')})(?=\s+(?:{words('initials')})(?!{letter}))"
    cased = rf"(?!{stop}){letter}(?:{letter}|-)*?(?={cases})"
    # a genitive ends a name where a genitive's word follows: "তোবগের উপস্থিতিতে", "মোদীর সঙ্গে";
    # "হাভিয়ের রসেনওয়াইগ" (Javier), "জহির বলেন" (Zahir said) are a name's words
    follows = rf"(?=\s+(?:{words('genitive_before')})(?!{letter}))"
    vowels = f"[{spec['vowels']}]" if spec.get("vowels") else "(?!x)x"
    genitive = (rf"(?!{stop}){letter}(?:{letter}|-)*?(?:(?=(?:{words('genitives')}){follows})|{vowels}(?=র{follows}))"
                if spec.get("genitives") else "(?!x)x")
    plain = rf"(?:{initial}|(?!{stop})(?!(?:{letter}|-)+{cases})(?!{genitive}(?:{letter}|-)+(?!{letter}|-)){body}\.?)"
    most = int(spec.get("most") or 4)
    name = rf"(?:{plain}\s+){{0,{most - 1}}}(?:{cased}|{genitive}|{plain})"
    if spec.get("topics"):      # "পররাষ্ট্রমন্ত্রী রোহিঙ্গা সংকট নিয়ে": the words before "about" are a topic
        name = rf"(?!(?:{plain}\s+){{0,{most}}}(?:{words('topics')})(?!{letter})){name}"
    return rf"(?:{name}|{spec['also']})" if spec.get("also") else name
