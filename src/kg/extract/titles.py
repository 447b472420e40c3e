"""Titles: an office named with its portfolio is one office mention, so the name and the
state that follow the whole title are read after it.

The press names most ministers freely ("Minister of Planning and Strategic Investment",
"Tourism Minister", "Menteri Perencanaan dan Investasi Strategis", "Wakil Menteri Koordinator
Bidang Hukum, Hak Asasi Manusia", "ministro de Economía y Finanzas"): the gazetteer finds the
head ("Minister", "Menteri", "ministro", so the office is a minister, a vice minister…) and
this module stretches that mention over the portfolio words around it. Which words are
portfolio words is the language's data (``portfolio`` in data/frames/<lang>/language.yaml):
``words`` (listed words, matched case-insensitively) and ``shapes`` (regexes of whole words,
the nouns of a field: "Planning", "Perencanaan", "Economía"), ``marks`` (words that open a
portfolio after the head: "of", "for", "de", "bidang"), ``joiners`` ("and", "dan", "y", a
comma), ``before`` (a portfolio may stand before the head: "Tourism Minister"), ``direct``
(portfolio words may follow the head with no mark: "Menteri Perencanaan") and ``heads``
(a word ending in one is an office: Bengali "শিক্ষামন্ত্রী", education minister). A
portfolio word must start with a capital letter where the language writes them (``capitals``),
and never starts another mention (a state, a city, an organization): "Minister of Peru" keeps
its state.

>>> from kg.extract.gazetteer import Mention
>>> spec = {"marks": ["of", "for"], "joiners": ["and"], "shapes": [r"\\w+(?:ing|ment)"], "before": True}
>>> text = "Minister of Planning and Strategic Investment of Timor-Leste, Ana Lopes"
>>> office = Mention(0, 8, "Minister", "Office", "office/minister", {"Office": "office/minister"})
>>> [m.text for m in stretch(text, [office], Portfolio.read(spec | {"words": ["strategic"]}))]
['Minister of Planning and Strategic Investment']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import RuleError
from ..rdfterms import mint
from .gazetteer import Mention, fold
from .lexicon import WORD as WORD_CHARS

PORTFOLIO_KEYS = {"words", "shapes", "marks", "joiners", "before", "direct", "capitals", "heads"}
#: Mentions a portfolio never runs into: "Minister of Planning of Timor-Leste", "ministro de Economía de Chile"
#: (an area, an agency or a product may be a portfolio word: "Menteri Investasi").
ABBREVIATION = re.compile(r"\s*\((?:[A-Z][\w.]*\s*){1,4}\)")
BOUNDS = {"State", "Demonym", "City", "Organization", "Office", "Date", "Amount"}
LETTERS = WORD_CHARS      # a letter or mark of any script (Bengali vowel signs are marks)
WORD = re.compile(rf"(?![\d_]){LETTERS}(?:{LETTERS}|['’.\-])*")


@dataclass
class Portfolio:
    """A language's portfolio words (see the module docstring)."""

    words: set = field(default_factory=set)
    shape: object = None             # one regex of whole words, or None
    marks: list = field(default_factory=list)
    joiners: list = field(default_factory=list)
    before: bool = False             # a portfolio may stand before the head ("Tourism Minister")
    direct: bool = False             # portfolio words may follow the head with no mark ("Menteri Perencanaan")
    capitals: bool = True
    heads: dict = field(default_factory=dict)   # a word ending in one of these is an office of that IRI

    @classmethod
    def read(cls, spec, where: str = "portfolio") -> "Portfolio":
        if not isinstance(spec, dict) or set(spec) - PORTFOLIO_KEYS:
            raise RuleError(f"{where}: 'portfolio' is a mapping of {', '.join(sorted(PORTFOLIO_KEYS))}")
        shapes = spec.get("shapes") or []
        try:
            shape = re.compile(rf"(?:{'|'.join(shapes)})", re.IGNORECASE) if shapes else None
        except re.error as error:
            raise RuleError(f"{where}: portfolio shapes: {error}") from None
        return cls({fold(w) for w in spec.get("words") or []}, shape, [fold(w) for w in spec.get("marks") or []],
                   [fold(w) for w in spec.get("joiners") or []], bool(spec.get("before")), bool(spec.get("direct")),
                   spec.get("capitals", True), {head: str(mint("office", slug)) for head, slug in (spec.get("heads") or {}).items()})

    def takes(self, word: str) -> bool:
        """Whether ``word`` is a portfolio word: "Planning", "Perencanaan", "Economía"."""
        if self.capitals and not word[:1].isupper():
            return False
        bare = word.rstrip(".,")
        return fold(bare) in self.words or bool(self.shape and self.shape.fullmatch(bare))


def stretch(text: str, mentions: list[Mention], portfolio: Portfolio | None) -> list[Mention]:
    """The mentions, each office mention stretched over its portfolio words and a short name
    of it in brackets ("Menteri Luar Negeri (Menlu)"); an office named inside a stretched one
    is part of it, and a title used as a form of address after another one ("Foreign Minister
    of Kenya Ambassador Ray Omamo") is no office of its own but an ``Address``."""
    if portfolio is None:
        return mentions
    mentions = compounds(text, mentions, portfolio.heads)
    others = {(m.start, m.end) for m in mentions if set(m.entities) & BOUNDS - {"Office"}}
    result = []
    for mention in mentions:
        if mention.type == "Office":
            if result and result[-1].type == "Office" and mention.end <= result[-1].end:
                continue                                   # inside the title before it
            start = _back(text, mention.start, portfolio, others | _offices(mentions, mention))
            end = _on(text, mention.end, portfolio, mention.text, others | _offices(mentions, mention))
            short = ABBREVIATION.match(text, end)      # "(Wamenko Kumham Imipas)", "(Menlu)"
            end = short.end() if short else end
            if (start, end) != (mention.start, mention.end):
                mention = Mention(start, end, text[start:end], mention.type, mention.iri, mention.entities,
                                  mention.ending if end == mention.end else "")
            if _addressed(text, mention, result):      # read as a name's lead (kg.extract.frames)
                mention = Mention(mention.start, mention.end, mention.text, "Address", mention.iri,
                                  {"Address": mention.iri})
        result.append(mention)
    return result


def _offices(mentions: list[Mention], mention: Mention) -> set:
    return {(m.start, m.end) for m in mentions if m.type == "Office" and m is not mention
            and not (mention.start <= m.start and m.end <= mention.end)}


def _addressed(text: str, mention: Mention, before: list[Mention]) -> bool:
    """Whether an office stands as a form of address right after another title and its state
    ("Foreign Minister of Kenya Ambassador Ray Omamo"): then it is an ``Address`` mention, which
    a name after the title skips."""
    titles = [m for m in before if m.type == "Office"]
    if not titles:
        return False
    title = titles[-1]
    states = [m for m in before if m.start >= title.end and m.end <= mention.start and "State" in m.entities]
    if not states:
        return False
    rest = text[title.end:mention.start]
    for state in reversed(states):      # the words between, the states left out
        rest = rest[:state.start - title.end] + " " + rest[state.end - title.end:]
    gap = rest.split()
    # a name between ("President X met Peruvian President Y", "Minister of Australia X met
    # Chinese Vice Premier Y"): a title of its own
    return len(gap) <= 2 and all(word.islower() for word in gap) and re.fullmatch(
        r"\s+", text[states[-1].end:mention.start]) is not None


def _free(start: int, end: int, others) -> bool:
    return not any(s < end and start < e for s, e in others)


def _on(text: str, end: int, portfolio: Portfolio, head: str, others) -> int:
    """Where the title ends after a head ending at ``end``: past marks, portfolio words and
    joiners ("of Planning and Strategic Investment"), never past a word that is not one."""
    opened = portfolio.direct or any(fold(w) in portfolio.marks for w in head.split()[1:])
    position = end
    while True:
        gap = re.match(r"\s*([,/])?\s*", text[position:])     # "/": "Menteri PPN/Kepala Bappenas", where a joiner
        word = WORD.match(text, position + gap.end())
        if not word or not _free(word.start(), word.end(), others):
            return end
        folded = fold(word.group())
        if gap.group(1):                 # a comma: only between portfolio words ("Hukum, Hak Asasi Manusia, dan …")
            if gap.group(1) not in portfolio.joiners or not opened:
                return end
            if folded in portfolio.joiners:
                word = WORD.match(text, word.end() + re.match(r"\s*", text[word.end():]).end())
                if not word or not _free(word.start(), word.end(), others):
                    return end
            if portfolio.takes(word.group()):
                position = end = word.end()
                continue
            return end
        if folded in portfolio.marks or opened and folded in portfolio.joiners:
            article = re.match(r"\s*(?:(?:the|la|el|los|las)\s+)?", text[word.end():]).end()
            following = WORD.match(text, word.end() + article)
            if following and _free(following.start(), following.end(), others) and portfolio.takes(following.group()):
                position = end = following.end()
                opened = True
                continue
            return end
        if opened and portfolio.takes(word.group()):
            position = end = word.end()
            continue
        return end


def _back(text: str, start: int, portfolio: Portfolio, others) -> int:
    """Where the title starts before a head at ``start``: "Tourism Minister", "Trade and
    Industry Minister", "পররাষ্ট্র, আন্তর্জাতিক বাণিজ্য ও পররাষ্ট্র নীতি বিষয়ক আন্ডার সেক্রেটারি"."""
    if not portfolio.before:
        return start
    position = start
    while True:
        found = re.search(rf"((?![\d_]){LETTERS}(?:{LETTERS}|['’.\-])*)(\s*,\s*|\s+)$",
                          text[max(0, position - 40):position])
        if not found:
            return start
        begin, word, comma = position - len(found.group()), found.group(1), "," in found.group(2)
        if not _free(begin, begin + len(word), others) or comma and "," not in portfolio.joiners:
            return start
        if portfolio.takes(word):
            position = start = begin
        elif fold(word) in portfolio.joiners and not comma:
            position = begin         # the title goes on only if a portfolio word comes before the joiner
        else:
            return start


def compounds(text: str, mentions: list[Mention], heads: dict) -> list[Mention]:
    """Office mentions of the words that end in an office's head where no mention is
    ("শিক্ষামন্ত্রী", education minister, is a minister): ``heads`` maps a head to the
    office's IRI."""
    if not heads:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    found = []
    for head, iri in heads.items():
        for word in re.finditer(rf"(?<!{LETTERS})(?![\d_]){LETTERS}+?{re.escape(head)}(?!{LETTERS})", text):
            if _free(word.start(), word.end(), taken):
                found.append(Mention(word.start(), word.end(), word.group(), "Office", iri, {"Office": iri}))
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions
