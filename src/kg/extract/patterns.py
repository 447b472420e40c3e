"""Rule patterns: regular expressions with typed slots, and the values slots take.

A pattern is a regex in which ``{Type:slot}`` matches one thing of ``Type`` and names it
``slot``; ``{Type+:slot}`` matches a list of them (``A, B and C``), ``{Type*:slot}`` a
list of free items that may or may not be known names; ``{Type}`` matches without
naming. Types are the lexicon types (``State``, ``City``, ``Organization``, ``Office``,
``Area``, ``Product``, …) and ``Date``, ``Year``, ``Amount``, ``Person``, ``Name``,
``Phrase``, ``BothStates``, ``BothLeaders``; date templates also use ``{year}``,
``{month}``, ``{monthnum}``, ``{day}`` and ``{weekday}``.

>>> from kg.extract.language import load_language
>>> lang = load_language(paths.RULES_DIR / "id.yaml", lexicon_graph=None)
>>> regex, slots = Patterns(lang).compile("pada {Date:when}")
>>> bool(regex.search("pada 11 Agustus 2025"))
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import paths  # noqa: F401  (used by the doctest)
from ..errors import RuleError
from .amounts import parse_number
from .dates import make_date
from .lexicon import WORD, normal
from ..facts import Amount, PartialDate, Person

LEADING_LOOKBEHIND = re.compile(r"^\(\?<[=!][^)]*\)\s*")
PLACEHOLDER = re.compile(r"\{(\w+)([+*]?)(?::(\w+))?\}")
PRIMITIVES = {"year": r"\d{4}", "day": r"\d{1,2}", "monthnum": r"\d{1,2}", "Year": r"\d{4}",
              "Anniversary": r"\d{1,3}",
              "Number": r"\d+(?:[.,]\d+)*", "Phrase": r"\S+(?:\s+\S+){0,5}?"}


def required_text(regex: re.Pattern) -> str:
    r"""The longest text every match of ``regex`` contains (a run of literal characters
    outside any group, repeat or alternative), or "" when it has none: a sentence without
    it cannot match, so the regex need not run there.

    >>> required_text(re.compile(r"(?P<a>[A-Z]\w+)\s+(?:has|had)\s+an\s+embassy\s+in"))
    'embassy'
    >>> required_text(re.compile(r"(?i)embassy"))
    ''
    """
    try:
        from re import _parser
    except ImportError:     # Python 3.10
        import sre_parse as _parser
    parsed = _parser.parse(regex.pattern, regex.flags)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return ""
    runs, run = [], []
    for op, value in parsed.data:
        if op == _parser.LITERAL:
            run.append(chr(value))
        else:
            runs.append("".join(run))
            run = []
    runs.append("".join(run))
    return max(runs, key=len)


@dataclass(frozen=True)
class Slot:
    """A named slot of a compiled pattern."""

    name: str
    type: str
    mod: str


class Patterns:
    """Compiles templates for one language and turns slot text into values."""

    def __init__(self, language):
        self.language = language
        self.lexicon = language.lexicon
        # compiled once per language, not once per document: a lexicon's alternations are large
        self._compiled: dict[tuple[str, bool], tuple] = language.__dict__.setdefault("compiled_patterns", {})
        self._required: dict[str, str] = language.__dict__.setdefault("required_texts", {})

    # -- compiling ---------------------------------------------------------------------

    def compile(self, template: str, named: bool = True):
        """``(regex, {group: Slot})`` for a template; unnamed when embedded in another."""
        return _compile(self, template, named)

    def required(self, template: str) -> str:
        """:func:`required_text` of a template's regex, worked out once per language from the
        template alone (a slot is a group, so no slot's text is ever required): the regex is
        compiled only for a sentence that holds the text.

        >>> from kg.extract.language import load_language
        >>> Patterns(load_language(paths.RULES_DIR / "en.yaml", lexicon_graph=None)).required(
        ...     r"{State:a}\s+opened\s+an\s+embassy\s+in\s+{City:c}")
        'embassy'
        """
        known = self._required
        if template not in known:
            known[template] = required_text(re.compile(PLACEHOLDER.sub("(?:.)", template)))
        return known[template]

    def regex(self, type_name: str, mod: str = "") -> str:
        """The non-capturing regex of one slot type."""
        lang = self.language
        if type_name in PRIMITIVES:
            return PRIMITIVES[type_name]
        if type_name == "month":
            return _alternation(lang.months)
        if type_name == "weekday":
            return _alternation(lang.weekdays)
        if type_name == "relative":
            return _alternation(lang.relative_dates)
        if type_name == "Date":
            return "(?:" + "|".join(self.compile(t, named=False)[0].pattern for t in lang.dates) + ")"
        if type_name == "Person":
            return "(?:" + "|".join(self.compile(t, named=False)[0].pattern for t in lang.person) + ")"
        if type_name == "Name":
            return f"(?:{lang.name})"
        if type_name == "Amount":
            # a scale may touch the number: "$1.2bn", "US$500mn"
            number, scales = PRIMITIVES["Number"], _alternation(lang.scales).replace(f"(?<!{WORD})", "", 1)
            money = _alternation(lang.currencies, lang.suffixes)
            # before the number a currency may touch it: "US$1.22 billion", "Rp5 triliun"
            leading = _alternation(lang.currencies, (), then=rf"(?!(?![0-9]){WORD})")
            return (rf"(?:{number}\s*(?:{scales})?(?:\s*\([^)]*\))?\s*(?:{money})"
                    rf"|(?:{leading})\s*{number}(?:\s*(?:{scales}))?)")
        if type_name == "BothStates":
            return _alternation(dict.fromkeys(lang.both_states), lang.suffixes)
        if type_name == "BothLeaders":
            return _alternation(dict.fromkeys(lang.both_leaders), lang.suffixes)
        if self.lexicon is None or type_name not in self.lexicon.names:
            raise RuleError(f"{lang.source}: unknown slot type '{type_name}'")
        one = self.lexicon.regex(type_name)
        if mod == "+":
            item = rf"{one}(?:\s*\([^)]*\))?"
            joiner = self._joiner()
            return rf"(?:{item}(?:{joiner}{item})*)"
        if mod == "*":
            return r".+?"
        return one

    def _joiner(self) -> str:
        words = "|".join(re.escape(w) for w in self.language.list_words)
        word = rf"(?<!{WORD})(?:{words})(?!{WORD})" if words else "(?!x)x"
        return rf"(?:\s*,\s*(?:{word}\s+)?|\s+{word}\s+)"

    # -- values --------------------------------------------------------------------------

    def value(self, slot: Slot, text: str, context):
        """The value of a slot's matched text (None when it cannot be understood)."""
        kind = slot.type
        if kind == "Date":
            return self.date(text, context)
        if kind == "Year":
            return PartialDate(int(text))
        if kind == "Anniversary":
            return context.anniversary(int(text))
        if kind == "Amount":
            return self.amount(text)
        if kind == "Person":
            return self.person(text, context)
        if kind in ("Name", "Phrase"):
            return text.strip(" ,")
        if kind == "BothStates":
            return context.both_states()
        if kind == "BothLeaders":
            return context.both_leaders(self.language.leader_offices)
        if slot.mod == "+":
            return list(dict.fromkeys(iri for _, _, iri in self.lexicon.find_all(kind, text)))
        if slot.mod == "*":
            return [self.lexicon.lookup(kind, item) or self._named_within(kind, item) or item
                    for item in self.items(text) if not (kind == "Organization" and self._bilateral(item))]
        return self.lexicon.lookup(kind, text)

    def _named_within(self, kind: str, item: str) -> str | None:
        """The one entity an item names in several ways ("ইসলামী সমবায় সংস্থা ওআইসি": name and
        acronym), when its names cover most of the item; else None (a new entity)."""
        found = self.lexicon.find_all(kind, item)
        if len({iri for _, _, iri in found}) != 1:
            return None
        covered = sum(end - start for start, end, _ in found)
        return found[0][2] if covered * 2 > len(item.replace(" ", "")) else None

    def _bilateral(self, item: str) -> bool:
        """A name of two states ("the Indonesia–Australia Comprehensive Economic Partnership
        Agreement"): something of a pair, no organization states are members of."""
        return len({iri for _, _, iri in self.lexicon.find_all("State", item)}) >= 2

    def items(self, text: str) -> list[str]:
        """The items of a free list: ``"a, b and c"`` gives ``["a", "b", "c"]``, without the
        language's ``articles`` before an item ("la ASALE, la CEI" gives "ASALE", "CEI")."""
        parts = re.split(self._joiner(), text.strip(" ,.।"))
        articles = "|".join(re.escape(w) for w in self.language.articles)
        leading = re.compile(rf"^(?:(?:{articles})\s+)+", re.IGNORECASE) if articles else None
        items = [p.strip(" ,.।") for p in parts if p and p.strip(" ,.।")]
        return [leading.sub("", item) if leading else item for item in items]

    def _parts(self, templates: list[str], text: str, key: str) -> dict[str, str] | None:
        """The slot texts, by slot ``key`` ("type" or "name"), of the first template that
        matches all of ``text``; None when none does."""
        for template in templates:
            # a leading look-behind ("(?<=tahun ){year}") is context for finding, not part of the text
            regex, slots = self.compile(LEADING_LOOKBEHIND.sub("", template))
            match = regex.fullmatch(text.strip())
            if match:
                return {getattr(slots[g], key): v for g, v in match.groupdict().items() if v is not None}
        return None

    def date(self, text: str, context) -> PartialDate | None:
        """Parse a date with the language's templates; a missing year comes from context."""
        parts = self._parts(self.language.dates, text, "type")
        if parts is None:
            return None
        if "relative" in parts:
            return context.relative(parts["relative"], self.language.relative_dates[parts["relative"].casefold()])
        if set(parts) == {"weekday"}:
            return context.last_weekday(parts["weekday"], self.language.weekdays[parts["weekday"].casefold()])
        month = self.language.months.get(parts["month"].casefold()) if "month" in parts else (
            int(parts["monthnum"]) if "monthnum" in parts else None)
        day = int(parts["day"]) if "day" in parts else None
        if "year" in parts:
            return make_date(int(parts["year"]), month, day)
        weekday = self.language.weekdays.get(parts["weekday"].casefold()) if "weekday" in parts else None
        return context.date_without_year(day, month, weekday)

    def amount(self, text: str) -> Amount | None:
        """``1.5 million US dollars`` as ``Amount(Decimal('1500000'), 'USD')``."""
        lang = self.language
        number = re.search(PRIMITIVES["Number"], text)
        folded = normal(re.sub(r"\([^)]*\)", " ", text))
        currency = next((code for word, code in sorted(lang.currencies.items(), key=lambda i: -len(i[0]))
                         if normal(word) in folded), None)
        scale = next((factor for word, factor in sorted(lang.scales.items(), key=lambda i: -len(i[0]))
                      if re.search(rf"(?<![^\W\d_]){re.escape(normal(word))}", folded)), 1)
        value = parse_number(number.group(), lang.decimal_mark) if number else None
        if value is None or currency is None:
            return None
        return Amount((value * scale).normalize(), currency)

    def person(self, text: str, context) -> Person | None:
        """A person mention: office, state, accreditation and name, as the template says."""
        parts = self._parts(self.language.person, text, "name")
        if parts is None:
            return None
        lookup = self.lexicon.lookup
        person = Person(
            name=re.sub(r"(?<=\w\w)\.$", "", parts.get("name", "").strip(" ,")),
            office=lookup("Office", parts["office"]) if "office" in parts else None,
            state=lookup("State", parts["state"]) if "state" in parts else None,
            accredited_to=lookup("State", parts["to"]) if "to" in parts else None,
        )
        return context.known_person(person)


def _alternation(names, suffixes=(), then=rf"(?!{WORD})") -> str:
    forms = sorted((re.escape(n) for n in names), key=len, reverse=True)
    suffix = "(?:" + "|".join(map(re.escape, suffixes)) + ")?" if suffixes else ""
    return rf"(?<!{WORD})(?i:{'|'.join(forms) or '(?!x)x'}){suffix}{then}"


def _compile(patterns: Patterns, template: str, named: bool):
    cache = patterns._compiled
    if (template, named) in cache:
        return cache[(template, named)]
    slots: dict[str, Slot] = {}
    pieces, last = [], 0
    for index, match in enumerate(PLACEHOLDER.finditer(template)):
        type_name, mod, slot_name = match.groups()
        pieces.append(template[last:match.start()])
        body = patterns.regex(type_name, mod)
        if named:
            group = f"g{index}"
            slots[group] = Slot(slot_name or type_name, type_name, mod)
            pieces.append(f"(?P<{group}>{body})")
        else:
            pieces.append(f"(?:{body})")
        last = match.end()
    pieces.append(template[last:])
    try:
        regex = re.compile("".join(pieces))
    except re.error as exc:
        raise RuleError(f"{patterns.language.source}: pattern {template!r} is not a valid regex: {exc}") from None
    cache[(template, named)] = (regex, slots)
    return regex, slots
