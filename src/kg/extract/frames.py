"""Frames: per fact kind, trigger words and the roles typed mentions fill (data/frames/).

A frame fires on a trigger (a word, stemmed, or a mention of a type such as ``Office``)
in a clause; each role takes the first mention its cues find, among the mentions of its
types, in the trigger's scope (from the previous trigger to the next one). The cues are:

``trigger``             the mention that is the trigger (an ``Office`` named)
``before`` / ``after``  mentions before / after the trigger (the nearest first)
``after_whole``         as ``after``, not a name that goes on in capitals ("ASEAN" of "ASEAN Free Trade Area")
``adjacent``            the mention just before the trigger ("Peruvian embassy", "Peru's embassy")
``next``                the mention just after it ("Kedutaan Besar Peru", "President Joko Widodo"); ``{next: [Demonym]}``
                        only one of these types ("el presidente peruano")
``{marked: [in, di]}``  a mention right after one of these words ("in Lima")
``{after_word: [of]}``  the mention right after the trigger and one of these words ("President of Peru")
``{after_name: [of]}``  the mention right after the name that follows the trigger and a word ("King Felipe II of Spain")
``{name_before: [was]}`` a person's name just before one of these words and the trigger ("X was Ambassador")
``{name_after: [হিসেবে]}`` a person's name right after the trigger and one of these words ("রাষ্ট্রদূত হিসেবে X-কে")
``{pronoun: {words: [he], verbs: [was]}}`` a pronoun and a verb before the trigger ("He was President"): the last person named
``{apposed: [the, '']}`` a name of two words or more, a comma, these words and the trigger ("Joko Widodo, the President of")
``{joined: [and]}``     the state of the holder named just before, joined by these words ("President X and Trade Minister Y")
``{shared: [and]}``     of two titles joined by these words before one name, the name after the second (for the
                        first) or the state before the first (for the second): "Deputy PM and Foreign Minister X"
``{possessive: [its]}`` the state named before in the clause, when one of these words stands just before the trigger
``{visiting: {words: [visit], to: [to]}}`` the state of the pair the holder named after the trigger does not visit
``{delegation: [delegation]}`` the state of a delegation named before in the clause ("Delegasi Indonesia … yaitu X")
``{accredited: [to, in]}`` the state of the pair an envoy is not accredited to ("the Ambassador to Peru, X")
``{invited: {words: [at the invitation of], to: [to, in]}}`` the state of the place visited at the invitation
                        of the holder ("arrived in Malaysia at the invitation of Prime Minister X")
``{state_of: city}``    the state of the city (or company) that fills the role ``city``
``{city_of: [in]}``     the state of a city right after one of these words ("opened a plant in Surabaya")
``{capital: [in the capital]}``  the capital of the ``host`` role's state, where the trigger's scope says one of these
                        words and names no city ("the embassy of Ethiopia in the national capital": New Delhi)
``subject``             the nearest mention before the trigger and the ones listed with it ("Chile, Peru and Mexico are")
``{subject_after: 40}`` the first mention within 40 characters after the trigger and those listed with it
                        ("As members of the OECD, Chile and Mexico urged Brazil")
``listed``              the ``subject`` when it lists two mentions or more ("Chile and Peru are both members")
``{suffix: [তে, য়]}``   a mention written with one of these endings (Bengali cases: -তে "in", -র "of")
``{followed_by: [থেকে]}`` a mention right before one of these words (postpositions: "ভারত থেকে", from India)
``{before_not: [তে]}``  as ``before``, without the mentions written with one of these endings (not "ভারতে", in India)
``{other: exporter}``   the state of the document's pair that does not fill the role ``exporter``
``{other: exporter}``   the state of the document's pair that does not fill (or is not set as) the role ``exporter``
``{rest_of_pair: host}`` the one state of the document's pair that none of the role ``host``'s values is, where one
                        of them is a third state ("abrió sus embajadas en Senegal y Etiopía" in a document on
                        Colombia and Ethiopia: Colombia's)
``{unlike: host}``      as ``before``, without the state that fills the role ``host``
``{earlier: host}``     as ``unlike``, over the whole clause before the trigger ("A has an embassy in X and consulates in Y")
``{marked_list: [in]}`` the first mention ``marked`` finds and those listed with it ("consulates in Sydney, Melbourne and Perth")
``{by_role: product}``  the mention right before or after the first one filling ``product`` ("Kenyan tea")
``one_of_pair``         the document's pair, when the clause names no state or one of the pair only
``of_pair``             the document's pair, when the scope names no other state (else none); without a pair, those named
``both``                the document's pair, when the clause says "both countries"
``pair``                the document's pair
``nearest``             the nearest mention in the clause
``after_alone``         as ``after``, not a name a capitalized word follows ("Santiago Peña"), nor a city-state
``nearest_alone``       as ``nearest``, the same
``{near: amount}``      the mention nearest the one filling the role ``amount`` (none of its type between first,
                        one after a ``since`` word last: "20% less than in 2022")
``dated``               a date for an event: the nearest in the trigger's scope, else one before it, never
                        one after a ``since`` word ("since 1980" dates something else)
``dates``               as ``dated``, and the dates listed after it ("on November 2008 and in June 2012")
``stated``              the document's date (the engine's; marked inferred): "X has opened an embassy"
``{list_after: 60}``    the list ("A, B and C") that starts within 60 characters after the trigger
``{list_before: 1}``    the list that ends at most 1 word before the trigger ("trade and investment cooperation"),
                        or the name holding the trigger and the list after it ("technical cooperation")
``{anniversary: {since: [established], reach: 20}}`` the date relations began, from an anniversary: a date
                        after a ``since`` word, else the year of writing the clause gives less the years
``{paren_year: 80}``    a year in parentheses within 80 characters after the trigger ("un tratado de extradición (1997)")
``{title_year: [de, of]}`` a year right after the trigger (or its title) and one of these words ("la Alianza Estratégica de 2003")

Format and examples: data/frames/README.md.

>>> from kg.build import load_extraction_data
>>> from kg.extract.engine import extract
>>> languages = load_extraction_data()
>>> facts = extract("Indonesia memiliki kedutaan di Bogota sementara Kolombia memiliki kedutaan di Jakarta.",
...                 languages["id"], "doc").facts
>>> sorted(f.fields["sending"].rsplit("/", 1)[1] + ">" + f.fields["city"].rsplit("/", 1)[1]
...        for f in facts if f.kind == "Mission")
['co>jakarta', 'id>bogota']
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import paths  # noqa: F401  (used by the doctest)
from ..errors import RuleError
from ..factkinds import KINDS, accepts
from ..facts import FRAME_FIELDS, PartialDate
from .gazetteer import Mention, fold
from .lexicon import WORD
from .yamlfile import read_yaml

ROLE_TYPES = {"State", "Demonym", "City", "Organization", "Office", "Date", "Name", "Amount", "Product", "Agency", "Area",
              "Company", "Award"}
ROLE_KEYS = {"types", "cues", "many", "optional", "exactly", "when"}
FRAME_KEYS = {"id", "fact", "triggers", "trigger_mention", "requires", "excludes", "unless", "scope", "needs",
              "not_with", "set", "roles", "examples", "note", "areas", "when_planned", "not_after", "excludes_until",
              "named", "unless_undone", "pair_only", "object"}
TOKEN = re.compile(rf"{WORD}+")
ADJACENT_GAP = re.compile(r"(?:['’]s?)?\s*(?:(?:the|el|la|los|las|new|nueva|nuevo|নতুন|নবনিযুক্ত|নবনির্বাচিত)\s+)?",
                          re.IGNORECASE)


@dataclass
class Role:
    name: str
    types: list[str]
    cues: list
    many: bool = False
    optional: bool = False
    exactly: int | None = None
    when: object = None               # a regex: a mention fills the role only near these words


@dataclass
class Frame:
    """One frame: a fact kind, what triggers it, the roles it fills and constant fields."""

    id: str
    fact: str
    triggers: list[list[str]]         # each trigger: a sequence of stems
    roles: list[Role]
    requires: list[list[str]] = field(default_factory=list)
    trigger_mention: str | None = None
    excludes: list[list[str]] = field(default_factory=list)   # the clause must have none of these
    excludes_until: str | None = None   # a role: ``excludes`` count only up to it and the trigger ("… $2bn, with a surplus")
    needs: list[str] = field(default_factory=list)    # mention types the clause must have (an Office)
    not_with: list[str] = field(default_factory=list)  # mention types that must not touch the trigger ("APEC summit")
    constants: dict = field(default_factory=dict)
    examples: list[dict] = field(default_factory=list)
    line: int = 0
    oblique: list[str] = field(default_factory=list)   # the file's prepositions: no subject follows them
    joiners: list[str] = field(default_factory=list)   # words joining a list ("and", "dan"): the ``subject`` cue
    unless: object = None             # a regex: no fact from a trigger whose scope has it ("observer")
    unless_undone: object = None      # a regex: ``unless`` does not hold where its scope has it too ("reopened")
    clause_scope: bool = False        # ``scope: clause``: roles are filled in the whole clause, not between triggers
    areas: list = field(default_factory=list)   # cues of the areas that become Cooperation facts of it
    when_planned: dict = field(default_factory=dict)   # in a planned clause: these fields, not no fact
    not_after: frozenset = frozenset()   # no fact from a trigger one of these words comes just before ("former")
    named: bool = False               # the trigger must be a word of a name that names a state (named_span)
    pair_only: bool = False           # the fact's states must be of the document's pair (no third state's figure)
    object: dict = field(default_factory=dict)   # {types: [...], past: [...]}: what must follow the trigger (``has_object``)


@dataclass
class Frames:
    """A language's frames, with the stemmer and the clause breaks they use."""

    source: Path
    clause_breaks: list[str]
    frames: list[Frame]
    stem: object                     # str -> str
    both: list[str] = field(default_factory=list)   # more words for "both" ("keduanya", "ambos")
    prefix: bool = False             # a trigger word also matches the words it begins (case endings)
    planned: list[str] = field(default_factory=list)  # more cues of a plan, for the frames ("will", "akan")
    since: list[str] = field(default_factory=list)    # words before a date that is not the event's ("since")
    refers_back: dict = field(default_factory=dict)   # {before: [...], after: [...]}: "this visit", "kunjungan itu"
    plan_after: bool = False         # a plan cue after the trigger plans it too (the verb ends the clause: "সফর করবেন")
    sidelines: list[str] = field(default_factory=list)   # "on the sidelines of": the meeting after it is a forum's
    leaders: list[str] = field(default_factory=list)     # "leader", "pemimpin": next to a state, an envoy's title
    officials: list[str] = field(default_factory=list)   # "both ministers", "ambos cancilleres": holders of offices
    pronouns: list[str] = field(default_factory=list)    # "he", "beliau", "তিনি": an official named before (kg.extract.scene)
    portfolio: object = None          # kg.extract.titles.Portfolio: the words of an office's portfolio
    honorifics: list[str] = field(default_factory=list)   # words before a name, not of it ("Dr.", "H.E.")
    name: str | None = None           # a person's name, as a regex (else the rules' ``name``)
    state_words: list[str] = field(default_factory=list)   # words of official names before a state's ("Republik")
    home: str | None = None           # the state whose officials the press names without it (kg.extract.people)
    companies: object = None          # kg.extract.companies.Companies: the words company names are found by
    undated_events: bool = False     # an undated text's event that nothing dates is kept, undated (kg.extract.reader)

    @functools.cached_property
    def openers(self) -> dict[str, list[Frame]]:
        """Each trigger phrase's first stem, to the frames whose triggers it opens (read once).

        >>> f = Frame.__new__(Frame); f.triggers = [["visit"], ["state", "visit"]]
        >>> Frames(Path("."), [], [f], str).openers == {"visit": [f], "state": [f]}
        True
        """
        found: dict[str, list[Frame]] = {}
        for frame in self.frames:
            for first in dict.fromkeys(phrase[0] for phrase in frame.triggers if phrase):
                found.setdefault(first, []).append(frame)
        return found

    def name_regex(self, default: str):
        r"""The regex of a person's name for the ``Name`` role: the language's ``name`` (or
        ``default``) after any ``honorifics``, the name itself as the group ``name``.

        >>> import re
        >>> Frames(Path("."), [], [], str, honorifics=["Dr."]).name_regex(r"[A-Z]\w+").match("Dr. Otto").group("name")
        'Otto'
        """
        titles = "|".join(re.escape(h) for h in sorted(self.honorifics, key=len, reverse=True))
        lead = rf"(?:(?:{titles})(?!\w)\s*)*" if titles else ""
        return re.compile(rf"{lead}(?P<name>{self.name or default})")

    def phrase(self, words: str) -> list[str]:
        return [self.stem(t) for t in TOKEN.findall(fold(words))]


def _stemmer(name: str | None):
    if not name:
        return lambda word: word
    import snowballstemmer

    import functools

    stemmer = snowballstemmer.stemmer(name)
    return functools.lru_cache(maxsize=65536)(stemmer.stemWord)


SETTINGS = "language.yaml"
SETTING_KEYS = {"language", "stemmer", "match", "clause_breaks", "both", "oblique", "planned", "since", "refers_back",
                "joiners", "plan_after", "sidelines", "portfolio", "honorifics", "name", "state_words", "leaders",
                "home", "companies", "officials", "undated_events", "pronouns"}


def load_frames(folder: Path) -> Frames | None:
    """Read and check ``data/frames/<language>/``: ``language.yaml`` (what the language's
    frames share) and one file of frames per fact kind (None when the language has none).

    An unknown key, fact, field, role type or cue is an error naming the file and line.
    """
    settings_path = folder / SETTINGS
    if not settings_path.is_file():
        return None
    _, settings = read_yaml(settings_path)
    if not isinstance(settings, dict):
        raise RuleError(f"{settings_path}: a language file is a mapping of settings")
    unknown = set(settings) - SETTING_KEYS
    if unknown:
        raise RuleError(f"{settings_path}: unknown key(s) {', '.join(sorted(unknown))} "
                        f"(keys: {', '.join(sorted(SETTING_KEYS))}; frames go in the folder's other files)")
    if settings.get("match", "word") not in ("word", "prefix"):
        raise RuleError(f"{settings_path}: 'match' is 'word' or 'prefix'")
    result = Frames(folder, settings.get("clause_breaks") or [], [], _stemmer(settings.get("stemmer")),
                    settings.get("both") or [], settings.get("match") == "prefix", settings.get("planned") or [],
                    settings.get("since") or [], settings.get("refers_back") or {}, bool(settings.get("plan_after")),
                    settings.get("sidelines") or [])
    if settings.get("portfolio") is not None:
        from .titles import Portfolio

        result.portfolio = Portfolio.read(settings["portfolio"], str(settings_path))
    if settings.get("companies") is not None:
        from .companies import Companies

        result.companies = Companies.read(settings["companies"], str(settings_path))
    result.honorifics = settings.get("honorifics") or []
    result.state_words = settings.get("state_words") or []
    result.leaders = settings.get("leaders") or []
    result.officials = settings.get("officials") or []
    result.undated_events = bool(settings.get("undated_events"))
    result.pronouns = settings.get("pronouns") or []
    if settings.get("home") is not None:
        if not re.fullmatch(r"[A-Z]{2}", str(settings["home"])):
            raise RuleError(f"{settings_path}: 'home' is a state's ISO 3166 code (ID), not {settings['home']!r}")
        from ..rdfterms import mint

        result.home = str(mint("state", str(settings["home"]).lower()))
    result.name = settings.get("name")
    if isinstance(result.name, dict):      # a script without capitals: the name's words (kg.extract.names)
        from .names import pattern

        result.name = pattern(result.name, str(settings_path))
    if set(result.refers_back) - {"before", "after"}:
        raise RuleError(f"{settings_path}: 'refers_back' takes 'before' and 'after' (lists of words)")
    for path in sorted(folder.glob("*.yaml")):
        if path.name != SETTINGS:
            result.frames += _frame_file(path, result, settings.get("oblique") or [], settings.get("joiners") or [])
    return result


def _frame_file(path: Path, frames: Frames, oblique: list[str], joiners: list[str]) -> list[Frame]:
    """The frames of one file of a language's folder (``frames:``, a list)."""
    nodes, data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("frames"), list) or set(data) != {"frames"}:
        raise RuleError(f"{path}: a frame file is a mapping with one key, 'frames', a list")
    lines = _item_lines(nodes, "frames")
    found = []
    for index, item in enumerate(data["frames"]):
        line = lines[index] if index < len(lines) else 0
        found.append(_frame(item, f"{path}:{line}", frames, line))
        found[-1].oblique = oblique
        found[-1].joiners = joiners
    return found


def _item_lines(nodes, key: str) -> list[int]:
    for name, value in getattr(nodes, "value", []):
        if name.value == key and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _frame(item, where: str, frames: Frames, line: int) -> Frame:
    if not isinstance(item, dict) or "id" not in item or "fact" not in item:
        raise RuleError(f"{where}: a frame is a mapping with 'id', 'fact' and 'roles'")
    name = item["id"]
    unknown = set(item) - FRAME_KEYS
    if unknown:
        raise RuleError(f"{where}: frame {name}: unknown key(s) {', '.join(sorted(unknown))}")
    fields = FRAME_FIELDS.get(item["fact"])
    if fields is None:
        raise RuleError(f"{where}: frame {name}: unknown fact '{item['fact']}' "
                        f"(frames build: {', '.join(sorted(FRAME_FIELDS))})")
    if not item.get("triggers") and not item.get("trigger_mention"):
        raise RuleError(f"{where}: frame {name}: needs 'triggers' or 'trigger_mention'")
    roles = []
    for role_name, spec in (item.get("roles") or {}).items():
        if role_name not in fields:
            raise RuleError(f"{where}: frame {name}: unknown field '{role_name}' of {item['fact']} "
                            f"(fields: {', '.join(sorted(fields))})")
        if not isinstance(spec, dict) or set(spec) - ROLE_KEYS:
            raise RuleError(f"{where}: frame {name}: role {role_name} takes {', '.join(sorted(ROLE_KEYS))}")
        bad_types = set(spec.get("types") or []) - ROLE_TYPES
        if bad_types or not spec.get("types"):
            raise RuleError(f"{where}: frame {name}: role {role_name}: unknown or missing type(s) "
                            f"{', '.join(sorted(bad_types))} (types: {', '.join(sorted(ROLE_TYPES))})")
        field = KINDS[item["fact"]].fields[role_name]
        unfit = [t for t in spec["types"] if not accepts(field, t)]
        if unfit:
            raise RuleError(f"{where}: frame {name}: role {role_name}: a {', '.join(unfit)} cannot fill the field "
                            f"{role_name} of {item['fact']} (it takes {' or '.join(field.types) or 'a constant'})")
        for cue in spec.get("cues") or []:
            cue_name = next(iter(cue)) if isinstance(cue, dict) else cue
            if cue_name not in CUES:
                raise RuleError(f"{where}: frame {name}: role {role_name}: unknown cue '{cue_name}' "
                                f"(cues: {', '.join(sorted(CUES))})")
        roles.append(Role(role_name, spec["types"], spec.get("cues") or ["nearest"], bool(spec.get("many")),
                          bool(spec.get("optional")), spec.get("exactly"), words_regex(spec.get("when"))))
    for constant, given in [*(item.get("set") or {}).items(), *(item.get("when_planned") or {}).items()]:
        if constant not in fields:
            raise RuleError(f"{where}: frame {name}: unknown field '{constant}' of {item['fact']}")
        allowed = KINDS[item["fact"]].fields[constant].values
        if accepts(KINDS[item["fact"]].fields[constant], "State") and re.fullmatch(r"[A-Z]{2}", str(given)):
            continue      # a state by its ISO code ("KBRI" is the embassy of ID)
        if str(given) not in allowed:
            raise RuleError(f"{where}: frame {name}: set: {constant} takes one of "
                            f"{', '.join(sorted(allowed)) or 'no constant'}, not {given!r}")
    by_engine = {field_name for field_name, spec in KINDS[item["fact"]].fields.items() if spec.types == ("Fact",)}
    missing = KINDS[item["fact"]].missing(set(item.get("roles") or {}) | set(item.get("set") or {}) | by_engine)
    if missing:
        raise RuleError(f"{where}: frame {name}: a {item['fact']} needs the field(s) {', '.join(missing)} "
                        f"(a role or a 'set' constant each)")
    areas = item.get("areas") or []
    if not isinstance(areas, list):
        raise RuleError(f"{where}: frame {name}: 'areas' is a list of cues")
    for cue in areas:
        if (next(iter(cue)) if isinstance(cue, dict) else cue) not in CUES:
            raise RuleError(f"{where}: frame {name}: areas: unknown cue '{cue}' (cues: {', '.join(sorted(CUES))})")
    if item.get("excludes_until") and item["excludes_until"] not in (item.get("roles") or {}):
        raise RuleError(f"{where}: frame {name}: excludes_until names a role of the frame, not "
                        f"{item['excludes_until']!r}")
    if item.get("scope", "trigger") not in ("trigger", "clause"):
        raise RuleError(f"{where}: frame {name}: 'scope' is 'trigger' or 'clause'")
    bad_needs = set(item.get("needs") or []) - ROLE_TYPES | set(item.get("not_with") or []) - ROLE_TYPES
    if bad_needs:
        raise RuleError(f"{where}: frame {name}: needs: unknown type(s) {', '.join(sorted(bad_needs))}")
    return Frame(name, item["fact"], [frames.phrase(t) for t in item.get("triggers") or []], roles,
                 [frames.phrase(t) for t in item.get("requires") or []], item.get("trigger_mention"),
                 excludes=[frames.phrase(t) for t in item.get("excludes") or []], excludes_until=item.get("excludes_until"),
                 needs=item.get("needs") or [], not_with=item.get("not_with") or [], constants=_constants(item),
                 examples=item.get("examples") or [], line=line, unless=words_regex(item.get("unless")),
                 unless_undone=words_regex(item.get("unless_undone")),
                 clause_scope=item.get("scope") == "clause", areas=areas,
                 when_planned=dict(item.get("when_planned") or {}),
                 not_after=frozenset(fold(w) for w in item.get("not_after") or []), named=bool(item.get("named")),
                 pair_only=bool(item.get("pair_only")), object=_object(item.get("object"), where, name))


def _object(spec, where: str, name: str) -> dict:
    """A frame's ``object``: ``{types: [Office, Demonym, Name], past: [the, his]}`` (checked at load)."""
    if not spec:
        return {}
    if not isinstance(spec, dict) or set(spec) - {"types", "past"} or not spec.get("types"):
        raise RuleError(f"{where}: frame {name}: 'object' is {{types: [...], past: [...]}}")
    bad = set(spec["types"]) - ROLE_TYPES
    if bad:
        raise RuleError(f"{where}: frame {name}: object: unknown type(s) {', '.join(sorted(bad))}")
    return {"types": list(spec["types"]), "past": [fold(w) for w in spec.get("past") or []]}


def has_object(spec: dict, text: str, end: int, mentions: list[Mention], name_regex) -> bool:
    """Whether a mention of one of ``spec``'s types (or, with ``Name``, a person's name that is no
    other mention) starts right after ``end``, past the words ``past`` ("received the visiting
    Prime Minister", "hosted President X", "called on Foreign Minister Y"; not "received a
    letter", "received Kenya's support").

    >>> from kg.extract.gazetteer import Mention
    >>> office = Mention(13, 21, "Minister", "Office", "office/minister", {"Office": "office/minister"})
    >>> has_object({"types": ["Office"], "past": ["the"]}, "received the Minister", 8, [office], None)
    True
    >>> has_object({"types": ["Office"], "past": ["the"]}, "received a letter", 8, [], None)
    False
    """
    past = "|".join(re.escape(w) for w in spec["past"])
    gap = re.match(rf"\s+(?:(?:{past})\s+)*" if past else r"\s+", fold(text[end:end + 200]))
    start = end + (gap.end() if gap else 0)
    at = [m for m in mentions if m.start == start]
    if at:
        return any(set(spec["types"]) & set(m.entities) for m in at)
    return "Name" in spec["types"] and name_regex is not None and bool(name_regex.match(text, start))


#: Words a name goes on through ("Treaty of Amity", "Agreement Between the Republic of …",
#: "Tratado de Libre Comercio", "Perjanjian tentang …"), besides capitalized words.
NAME_JOINERS = {"of", "on", "between", "and", "the", "for", "concerning", "de", "del", "la", "el", "los", "las",
                "entre", "sobre", "y", "e", "en", "para", "antara", "tentang", "dan", "mengenai", "untuk"}
NAME_WORD = re.compile(rf"{WORD}+|[-–—‐]")


def named_span(start: int, end: int, text: str, mentions: list[Mention], states: bool = True) -> tuple[int, int] | None:
    """The name a trigger (``start``..``end``, capitalized) is a word of, when that name names a
    state: "the Indonesia–Australia Comprehensive Economic Partnership Agreement", "Agreement
    Between the Republic of Indonesia and Australia on the Framework …", "Tratado de Libre
    Comercio Chile-Corea"; else None ("the agreement", "the Paris Agreement"). With ``states``
    False, the name when it names none.

    >>> from kg.extract.gazetteer import Gazetteer
    >>> text = "They ratified the Chile–Korea Free Trade Agreement in 2004."
    >>> named_span(text.index("Agreement"), text.index(" in"), text, Gazetteer([("Chile", "State", "cl")]).find(text))
    (18, 50)
    """
    if not text[start:start + 1].isupper():
        return None
    words = [(m.start(), m.end(), m.group()) for m in NAME_WORD.finditer(text)]
    def capital(word: str) -> bool:
        return word[:1].isupper() or word in "-–—‐"
    def joined(a_end: int, b_start: int) -> bool:      # words of one name: a space or a dash between
        return re.fullmatch(r"[  ]?|\s*[-–—‐/]\s*|[’']s?\s", text[a_end:b_start]) is not None
    index = next(i for i, w in enumerate(words) if w[0] >= start)
    low = index
    while low > 0 and capital(words[low - 1][2]) and joined(words[low - 1][1], words[low][0]):
        low -= 1
    last = next(i for i, w in enumerate(words) if w[1] >= end)
    high = last
    while high + 1 < len(words) and joined(words[high][1], words[high + 1][0]):
        step = high + 1      # past joiners ("on the"), to a capitalized word
        while step + 1 < len(words) and words[step][2].casefold() in NAME_JOINERS \
                and joined(words[step][1], words[step + 1][0]):
            step += 1
        if not capital(words[step][2]):
            break
        high = step
    while high > last and (words[high][2].casefold() in NAME_JOINERS or words[high][2] in "-–—‐"):
        high -= 1
    span = (words[low][0], words[high][1])
    if (low, high) == (index, last):
        return None     # the trigger alone: a capital at a sentence's start, not a name
    named = any("State" in m.entities and span[0] <= m.start and m.end <= span[1] for m in mentions)
    return span if named == states else None


def multilateral(start: int, end: int, text: str, mentions: list[Mention]) -> bool:
    """Whether an agreement's trigger is a word of a name after a city that names no state:
    "the Paris Agreement", "el Protocolo de Kioto", "Perjanjian Paris" (signed by many)."""
    span = named_span(start, end, text, mentions, states=False)
    return bool(span) and any("City" in m.entities and span[0] <= m.start and m.end <= span[1] for m in mentions)


def _constants(item) -> dict:
    """A frame's ``set`` fields, a state given by its ISO code as the state's IRI."""
    from ..rdfterms import mint

    return {name: str(mint("state", given.lower())) if re.fullmatch(r"[A-Z]{2}", str(given)) else given
            for name, given in (item.get("set") or {}).items()}


def words_regex(words):
    """One regex finding any of ``words`` at the start of a word of folded text (so "observer"
    finds "observers"), or None for no words.

    >>> words_regex(["observer", "applied to join"]).search(fold("Peru has applied to join the OECD")).group()
    'applied to join'
    """
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in fold(w).split())
                            for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!{WORD})(?:{alternatives})")


# -- reading a clause ------------------------------------------------------------------------


@dataclass
class Token:
    start: int
    end: int
    stem: str


@dataclass
class Trigger:
    frame: Frame
    start: int
    end: int
    mention: Mention | None = None


def tokens(text: str, frames: Frames) -> list[Token]:
    """The words of ``text`` with their stems (offsets into ``text``)."""
    return [Token(m.start(), m.end(), frames.stem(m.group())) for m in TOKEN.finditer(fold(text))]


def _phrase_at(words: list[Token], index: int, phrase: list[str], prefix: bool) -> int | None:
    """The index after ``phrase`` when it starts at ``words[index]``, else None."""
    if index + len(phrase) > len(words):
        return None
    for offset, stem in enumerate(phrase):
        word = words[index + offset].stem
        if not (word == stem or (prefix and word.startswith(stem))):
            return None
    return index + len(phrase)


def _has_phrase(words: list[Token], phrases: list[list[str]], prefix: bool) -> bool:
    """Whether one of ``phrases`` (stemmed) is in ``words``."""
    firsts = tuple(phrase[0] for phrase in phrases if phrase)
    return any(_phrase_at(words, i, p, prefix) is not None for i in range(len(words))
               if (words[i].stem.startswith(firsts) if prefix else words[i].stem in firsts) for p in phrases)


def _trigger_starts(words: list[Token], openers: dict[str, list[Frame]], prefix: bool) -> dict[int, list[int]]:
    """Per frame (by ``id``), the indices of the words a trigger of it may begin at: the word's
    stem is a trigger's first stem or, with ``prefix``, begins with one."""
    starts: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        heads = [word.stem[:length] for length in range(len(word.stem) + 1)] if prefix else [word.stem]
        for key in {id(frame) for head in heads for frame in openers.get(head, ())}:
            starts.setdefault(key, []).append(index)
    return starts


def triggers(clause_words: list[Token], mentions: list[Mention], frames: Frames, prefix: bool) -> list[Trigger]:
    """Every frame's triggers in a clause, in text order."""
    found = []
    starts = _trigger_starts(clause_words, frames.openers, prefix)
    for frame in frames.frames:
        if frame.requires and not _has_phrase(clause_words, frame.requires, prefix):
            continue
        if frame.excludes and not frame.excludes_until and _has_phrase(clause_words, frame.excludes, prefix):
            continue
        if frame.trigger_mention:
            found += [Trigger(frame, m.start, m.end, m) for m in mentions if frame.trigger_mention in m.entities]
        for index in starts.get(id(frame), ()):
            for phrase in frame.triggers:
                stop = _phrase_at(clause_words, index, phrase, prefix)
                if stop is not None and not any(t.frame is frame and t.end > clause_words[index].start
                                                for t in found):
                    found.append(Trigger(frame, clause_words[index].start, clause_words[stop - 1].end))
    # "state visit" is one trigger, not a state visit and a visit: a trigger inside a longer
    # one of the same fact kind gives way
    kept = [t for t in found if not any(o is not t and o.frame.fact == t.frame.fact and o.start <= t.start
                                        and t.end <= o.end and (o.end - o.start) > (t.end - t.start) for o in found)]
    return sorted(kept, key=lambda t: t.start)


def fill(trigger: Trigger, scope: tuple[int, int], whole: tuple[int, int], clause: str, mentions: list[Mention],
         pair, both: bool, name_regex, since: str | None = None, opening: int | None = None) -> tuple[dict, list[str]]:
    """The roles of one trigger: ``({role: [Mention or value]}, [missing roles])``. Roles are
    filled within ``scope``; a date or an office anywhere in the clause (``whole``: "President X
    met his counterpart Y" gives Y the office named before). ``since`` is a regex of the words
    before a date that dates something else ("since"), ``opening`` where the clause's first
    trigger of the fact's kind starts."""
    filled: dict[str, list] = {}
    missing = []
    roles = trigger.frame.roles
    # a role left empty whose cues read another role ("{other: sending}") is tried again once
    # the roles after it are filled: "X opened its embassy" takes its host from the sending state;
    # a city named as "the capital" is read last, from the host
    for role in roles + [r for r in roles if not r.optional and any(
            isinstance(cue, dict) and next(iter(cue)) in ROLE_CUES for cue in r.cues)] + [
            r for r in roles if any(isinstance(cue, dict) and next(iter(cue)) == "capital" for cue in r.cues)]:
        if role.name in filled:
            continue
        items = _role(role, trigger, whole if role.types in (["Date"], ["Office"]) else scope, clause, mentions,
                      filled, pair, both, name_regex, scope, since, opening)
        if items:
            filled[role.name] = items
            if role.name in missing:
                missing.remove(role.name)
        elif not role.optional and role.name not in missing:
            missing.append(role.name)
    return filled, missing


def areas(trigger: Trigger, scope: tuple[int, int], clause: str, mentions: list[Mention], pair) -> list[str]:
    """The areas of cooperation the frame's ``areas`` cues find for a trigger ("an MoU on A and B")."""
    role = Role("areas", ["Area"], trigger.frame.areas, many=True)
    return list(dict.fromkeys(value(m) for m in _role(role, trigger, scope, clause, mentions, {}, pair, False, None)))


def value(item):
    """The field value of a role's item: a mention's entity (or date), else the item."""
    return item.iri if isinstance(item, Mention) else item


@dataclass
class Reading:
    """What a cue sees: the role, its trigger, the clause and the mentions of the role's types in scope."""

    role: Role
    trigger: Trigger
    scope: tuple[int, int]
    clause: str
    mentions: list[Mention]          # every mention of the clause
    typed: list[Mention]             # those of the role's types in scope, in text order
    filled: dict
    pair: tuple | None
    both: bool
    name_regex: object
    own: tuple[int, int] | None = None   # the trigger's scope (``scope`` is the whole clause for dates)
    opening: int | None = None           # where the clause's first trigger of the fact's kind starts
    since: str | None = None             # the language's ``since`` words, as one regex


def _role(role, trigger, scope, clause, mentions, filled, pair, both, name_regex, own=None, since=None,
          opening=None) -> list:
    typed = [_as_role(m, role.types) for m in mentions if set(role.types) & set(m.entities)
             and m is not trigger.mention and scope[0] <= m.start and m.end <= scope[1]]
    reading = Reading(role, trigger, scope, clause, mentions, typed, filled, pair, both, name_regex, own or scope,
                      opening, since)
    for cue in role.cues:
        cue_name, argument = (next(iter(cue.items())) if isinstance(cue, dict) else (cue, None))
        unique, seen = [], set()
        for item in CUES[cue_name](reading, argument):
            if role.when and not _said_near(role.when, clause, trigger, item):
                continue
            if str(value(item)) not in seen:
                seen.add(str(value(item)))
                unique.append(item)
        if role.exactly and len(unique) != role.exactly:
            continue
        if unique:
            return unique if role.many or role.exactly else unique[:1]
    return []


def _as_role(mention: Mention, types: list[str]) -> Mention:
    """The mention as the entity of the role's type it names, where the same words name
    another entity first: "বিদ্যুৎ" (electricity) is an area of cooperation and, for a product
    role, the product."""
    if mention.type in types:
        return mention
    wanted = next((t for t in types if isinstance(mention.entities.get(t), str)), None)
    if wanted is None or mention.entities[wanted] == mention.iri or not mention.entities[wanted].startswith("http"):
        return mention
    return dataclasses.replace(mention, iri=mention.entities[wanted])


NEAR_WORDS = re.compile(rf"(?:{WORD}+\W+){{0,3}}$")


def _said_near(words, clause: str, trigger: Trigger, item) -> bool:
    """Whether one of a role's ``when`` words stands between the trigger and the mention, or
    within three words of the trigger, or of a mention at most three words before it with no
    comma between: "opened its embassy … in 2002", "the embassy … was opened on …", "inauguró
    este viernes la embajada", not "relations were established in 1953, and X has an embassy"."""
    if not isinstance(item, Mention) and item != STATED:
        return True
    low, high = (trigger.start, trigger.end) if item == STATED else (min(trigger.start, item.start),
                                                                    max(trigger.end, item.end))
    gap = clause[item.end:trigger.start] if item != STATED and item.end <= trigger.start else None
    before = NEAR_WORDS.search(clause[:item.start if gap is not None and "," not in gap and len(gap.split()) <= 3
                                      else trigger.start])
    after = re.match(rf"(?:\W+{WORD}+){{0,3}}", clause[trigger.end:])
    return any(words.search(fold(part)) for part in (clause[low:high], before.group() if before else "",
                                                    after.group() if after else ""))


def _trigger(r: Reading, _) -> list:
    return [r.trigger.mention] if r.trigger.mention else []


def _both(r: Reading, _) -> list:
    return list(r.pair) if r.both and r.pair else []


def _pair(r: Reading, _) -> list:
    return list(r.pair) if r.pair else []


def _before(r: Reading, _) -> list:
    """Mentions before the trigger, nearest first; not one after a preposition ("with Peru"): a subject."""
    oblique = "|".join(re.escape(fold(w)) for w in r.trigger.frame.oblique)
    return [m for m in reversed(r.typed) if m.end <= r.trigger.start and not (oblique and re.search(
        rf"(?<!{WORD})(?:{oblique})\s+$", fold(r.clause[max(r.scope[0], m.start - 20):m.start])))]


def _subject(r: Reading, _) -> list:
    """The nearest mention before the trigger (as ``before``) and those listed with it, joined by
    commas or the language's ``joiners``: "Chile, Peru and Mexico are members"."""
    before = _before(r, None)
    if not before:
        return []
    words = "|".join(re.escape(fold(w)) for w in r.trigger.frame.joiners)
    joiner = re.compile(rf"\s*(?:,|&|/)?\s*(?:(?:{words})\s+)?" if words else r"\s*(?:,|&|/)?\s*")
    found = before[:1]
    for mention in reversed([m for m in r.typed if m.end <= found[0].start]):
        if mention not in before or not joiner.fullmatch(fold(r.clause[mention.end:found[-1].start])):
            break      # not listed with the subject, or after a preposition ("con Brasil, Chile y México")
        found.append(mention)
    return found


def _subject_after(r: Reading, reach) -> list:
    """The first mention within ``reach`` characters after the trigger (past a role filled right
    after it) and those joined to it as the ``subject``'s are: "As members of the OECD, Chile
    and Mexico urged Brazil" names Chile and Mexico."""
    start = _after_filled(r.trigger, r.filled, r.clause)
    after = [m for m in r.typed if m.start >= start]
    if not after or after[0].start - start > int(reach or 40) or re.search(r"[.:;]", r.clause[start:after[0].start]):
        return []
    words = "|".join(re.escape(fold(w)) for w in r.trigger.frame.joiners)
    joiner = re.compile(rf"\s*(?:,|&|/)?\s*(?:(?:{words})\s+)?" if words else r"\s*(?:,|&|/)?\s*")
    found = after[:1]
    for mention in after[1:]:
        if not joiner.fullmatch(fold(r.clause[found[-1].end:mention.start])):
            break
        found.append(mention)
    return found


def _listed_subject(r: Reading, _) -> list:
    """The ``subject`` when it lists two states or more: "Chile and Peru are both members" names
    its states, which "both" does not replace by the document's pair."""
    found = _subject(r, None)
    return found if len(found) >= 2 else []


def _after_word(r: Reading, words) -> list:
    return [m for m in r.typed if m.start >= r.trigger.end and " ".join(fold(
        r.clause[r.trigger.end:m.start]).split()) in {fold(w) for w in words}][:1]


def _after(r: Reading, _) -> list:
    return [m for m in r.typed if r.trigger.end <= m.start]


NAME_GOES_ON = re.compile(r"[^\S\n]+(?:[A-Z]|(?:of|for|de|del|on)\s+[A-Z])")


def _after_whole(r: Reading, _) -> list:
    """As ``after``, without a name that goes on in capitals: "ASEAN" of "ASEAN Free Trade Area"
    (a longer name the gazetteer does not know) is no mention of ASEAN."""
    return [m for m in _after(r, None) if not NAME_GOES_ON.match(r.clause, m.end)]


#: A capitalized word right after a mention: the mention is the start of a person's name ("Santiago Peña").
NAME_FOLLOWS = re.compile(r"[^\S\n]+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")


def _alone(r: Reading, mention) -> bool:
    """A city named as a city: not the first word of a person's name (a capitalized word follows:
    "el presidente paraguayo, Santiago Peña"), nor a city-state named as a state ("the Foreign
    Minister of Singapore"; "in Singapore" is a place, which ``marked`` finds)."""
    return not NAME_FOLLOWS.match(r.clause, mention.end) and "State" not in mention.entities


def _after_alone(r: Reading, _) -> list:
    """As ``after``, only cities named as cities (``_alone``)."""
    return [m for m in _after(r, None) if _alone(r, m)]


def _nearest_alone(r: Reading, _) -> list:
    """As ``nearest``, only cities named as cities (``_alone``)."""
    return [m for m in _nearest(r, None) if _alone(r, m)]


def _adjacent(r: Reading, _) -> list:
    return [m for m in r.typed if m.end <= r.trigger.start
            and ADJACENT_GAP.fullmatch(r.clause[m.end:r.trigger.start])][-1:]


def _next(r: Reading, types) -> list:
    """The mention (or name) just after the trigger; ``{next: [Demonym]}``: only one of these types
    ("el presidente peruano X", not "el presidente Mauricio Macri", where Mauricio is a state's name)."""
    start = _after_filled(r.trigger, r.filled, r.clause)
    if "Name" in r.role.types:      # a title with a case ending is no name's lead: "প্রধানমন্ত্রীকে অভ্যর্থনা জানান"
        return [] if r.trigger.mention and r.trigger.mention.ending else _name_at(r.clause, start, r.mentions, r.name_regex)
    return [m for m in r.typed if m.start >= start and not r.clause[start:m.start].strip(" ,\n")
            and (not types or set(types) & set(m.entities))][:1]


#: Articles between a preposition and the state it marks ("to the United Kingdom", "en el Perú").
MARK_ARTICLES = "(?:the|el|la|los|las)"


def _marked(r: Reading, words) -> list:
    """The mentions right after one of ``words``, perhaps past an article ("to the United
    Kingdom", "en el Perú"): those after the trigger first ("A has an embassy in X and B has an
    embassy in Y": B's is the one in Y), then those before it."""
    words = [fold(w) for w in words]
    found = [m for m in r.typed if any(
        re.search(rf"(?<!{WORD}){re.escape(w)}\s+(?:{MARK_ARTICLES}\s+)?$",
                  fold(r.clause[max(r.scope[0], m.start - 30):m.start]))
        for w in words)]
    return [m for m in found if m.start >= r.trigger.end] + [m for m in found if m.start < r.trigger.end]


def _name_before(r: Reading, words) -> list:
    low = r.scope[0]
    words = "|".join(re.escape(w) for w in words)
    gap = re.search(rf"\s+(?:{words})\s+(?:the\s+|an?\s+|el\s+|la\s+)?$", r.clause[low:r.trigger.start])
    found = next((m for m in r.name_regex.finditer(r.clause[low:low + gap.start()] + "\n")
                  if m.end() == gap.start()), None) if gap else None     # the name that ends there ("En 2021 María …")
    begin = found.start("name") if found and "name" in found.re.groupindex else found.start() if found else 0
    return [r.clause[low + begin:low + found.end()].strip()] if found else []


def _name_after(r: Reading, words) -> list:
    """A person's name right after the trigger and one of the words: "সৌদি রাষ্ট্রদূত হিসেবে ফয়সাল
    আল-মুজফেলকে নিয়োগ" (appointed X as the Saudi ambassador)."""
    words = "|".join(re.escape(fold(w)) for w in words)
    gap = re.match(rf"\s*(?:{words})(?!{WORD})", fold(r.clause[r.trigger.end:r.scope[1]]))
    return _name_at(r.clause, r.trigger.end + gap.end(), r.mentions, r.name_regex) if words and gap else []


def _name_ending(clause: str, low: int, high: int, mentions, name_regex) -> str | None:
    """The person's name of two words or more that ends at ``high`` (no mention inside it)."""
    for found in name_regex.finditer(clause[low:high]):
        begin = low + (found.start("name") if "name" in name_regex.groupindex else found.start())
        if low + found.end() == high:
            name = clause[begin:high].strip()
            if len(name.split()) >= 2 and not any(begin < m.end and m.start < high for m in mentions):
                return name
    return None


def _apposed(r: Reading, words) -> list:
    """A name of two words or more before a comma, the words given (articles: ``[the, '']``,
    ``''`` for none) and the trigger, perhaps after its state: "Joko Widodo, the President of
    Indonesia", "Juan Alvarez Vita, Peru's Ambassador", "Budi Santoso, ministro de Comercio"."""
    cut = r.trigger.start
    state = next((m for m in r.mentions if "State" in m.entities and m.end <= cut
                  and ADJACENT_GAP.fullmatch(r.clause[m.end:cut])), None)
    if state is not None:
        cut = state.start
    articles = "|".join(rf"{re.escape(w)}\s+" for w in words if w)
    optional = "?" if "" in words or not words else ""
    gap = re.search(rf"\s*,\s+(?:{articles}){optional}$" if articles else r"\s*,\s+$", r.clause[r.scope[0]:cut])
    if not gap:
        return []
    name = _name_ending(r.clause, r.scope[0], r.scope[0] + gap.start(), r.mentions, r.name_regex)
    if name and any(m.type == "Office" and ADJACENT_GAP.fullmatch(r.clause[m.end:r.scope[0] + gap.start() - len(name)])
                    for m in r.mentions if m.end <= r.scope[0] + gap.start() - len(name)):
        return []      # the holder of the title before, in a list: "Menteri Luar Negeri X, Menteri Keuangan Y"
    return [name] if name else []


def _possessive(r: Reading, words) -> list:
    """The state named before in the clause, when one of the words (a possessive) stands just
    before the trigger: "Norway … and its Ambassador to Bogota, Ana Berg" (Norway's)."""
    if not re.search(rf"(?<!{WORD})(?:{'|'.join(re.escape(fold(w)) for w in words)})\s+$",
                     fold(r.clause[max(0, r.trigger.start - 12):r.trigger.start])):
        return []
    return [m for m in r.mentions if "State" in m.entities and m.type == "State" and m.end <= r.trigger.start][-1:]


def _visiting(r: Reading, spec) -> list:
    """The state of the document's pair that the holder named after the trigger does not go
    to: "President X's visit to Ghana", "Minister Y visited Turkey", "las visitas del
    Presidente X a Luanda" (a visitor serves the other state). ``spec``: ``{words: [visit],
    to: [to]}``, the words of a visit and the prepositions of its place."""
    if not r.pair:
        return []
    start = _after_filled(r.trigger, r.filled, r.clause)
    names = _name_at(r.clause, start, r.mentions, r.name_regex)
    if not names:
        return []
    end = r.clause.index(names[0], start) + len(names[0])
    words = "|".join(re.escape(fold(w)) for w in sorted(spec.get("words") or [], key=len, reverse=True))
    to = "|".join(re.escape(fold(w)) for w in spec.get("to") or [])
    if not words or not to:
        return []
    told = re.search(rf"(?<!{WORD})(?:{words})", fold(r.clause[r.scope[0]:r.trigger.start]))
    place = next((m for m in r.mentions if m.start >= end and m.type in ("State", "City")), None)
    if place is None or re.match(r"['’]s?(?!\w)", r.clause[place.end:place.end + 2]):
        return []         # none, or a part of it ("Ghana's northern region")
    gap = fold(_undated(r.clause, end, place.start, r.mentions))
    visit = rf"(?:['’]s?)?\s*,?\s*(?:{WORD}+\s+){{0,3}}?(?:{words})\s+(?:(?:{to})\s+)?(?:the\s+|la\s+|el\s+)?"
    going = rf"\s*,?\s*(?:{to})\s+(?:the\s+|la\s+|el\s+)?"
    if not (re.fullmatch(visit, gap) or told and re.fullmatch(going, gap)):
        return []
    state = place.entities.get("State") or place.entities.get("State_of")
    if _listed([m for m in r.mentions if m.type in ("State", "City")], place, r.clause)[1:]:
        return []         # a tour ("visit Tanzania and Ethiopia"): it visits both
    return [other for other in r.pair if other != state] if state in r.pair else []


def _delegation(r: Reading, words) -> list:
    """The state of a delegation named before the trigger in its clause, with no other state
    between: its members are listed after it ("Delegasi Indonesia yang hadir yaitu Menteri Luar
    Negeri X, Menteri Keuangan Y", "the Malaysian delegation included Foreign Minister X", "la
    delegación peruana, integrada por el canciller X"). ``words``: the words for a delegation."""
    words = "|".join(re.escape(fold(w)) for w in sorted(words or [], key=len, reverse=True))
    told = [found for found in re.finditer(rf"(?<!{WORD})(?:{words})", fold(r.clause[:r.trigger.start]))] if words else []
    if not told:
        return []
    last = told[-1]
    states = [m for m in r.mentions if "State" in m.entities and m.end <= r.trigger.start]
    own = [m for m in states if m.end <= last.start() and ADJACENT_GAP.fullmatch(r.clause[m.end:last.start()])
           or m.start >= last.end() and re.fullmatch(r"\s+(?:(?:of|de|del|dari)\s+(?:the\s+|la\s+|el\s+)?)?",
                                                      r.clause[last.end():m.start])]
    if len(own) != 1 or any(m is not own[0] and m.start > min(own[0].start, last.start()) for m in states):
        return []
    return own if set(r.role.types) & set(own[0].entities) else []


def _accredited(r: Reading, words) -> list:
    """The state of the document's pair that an envoy's title does not name as the place of
    the mission, right after the title and one of the ``words``: "the Ambassador to Peru, X"
    (in a text on Indonesia and Peru: Indonesia's), "la nueva embajadora de ese país en Panamá"
    (in a text on Panama and Turkey: Turkey's), "Konsul Jenderal di Sydney" (a city's state)."""
    from .people import ENVOYS

    if not r.pair or r.trigger.mention is None or str(r.trigger.mention.iri).rsplit("/", 1)[-1] not in ENVOYS:
        return []
    place = next((m for m in r.mentions if m.start >= r.trigger.end and m.type in ("State", "City")), None)
    words = "|".join(re.escape(fold(w)) for w in words)
    if place is None or not words or not re.fullmatch(
            rf"(?:\s+(?![A-Z])\w+){{0,3}}?\s+(?i:{words})\s+(?i:(?:the|el|la|republik)\s+)?",
            r.clause[r.trigger.end:place.start]):
        return []
    state = place.entities.get("State") or place.entities.get("State_of")
    return [other for other in r.pair if other != state] if state in r.pair else []


def _invited(r: Reading, spec) -> list:
    """The state of the place visited just before the words of an invitation that stand before
    the trigger: "X arrived in Malaysia at the invitation of Prime Minister Anwar Ibrahim",
    "tiba di Malaysia atas undangan Perdana Menteri …" (the host invites). ``spec``: ``{words:
    [at the invitation of], to: [to, in]}``, the invitation's words and the prepositions of a place."""
    words = "|".join(re.escape(fold(w)) for w in sorted(spec.get("words") or [], key=len, reverse=True))
    to = "|".join(re.escape(fold(w)) for w in spec.get("to") or [])
    if not words or not to:
        return []
    before = fold(r.clause[r.scope[0]:r.trigger.start])
    invitation = re.search(rf"(?<!{WORD})(?:{words})(?:\s*,?\s*{WORD}+){{0,3}}?\s*,?\s*$", before)
    if invitation is None:
        return []
    cut = r.scope[0] + invitation.start()
    places = [m for m in r.mentions if m.end <= cut and m.start >= r.scope[0] and m.type in ("State", "City")
              and re.search(rf"(?<!{WORD})(?:{to})\s+(?:the\s+)?$", fold(r.clause[max(0, m.start - 12):m.start]))
              and re.fullmatch(r"[^,;:.]*", r.clause[m.end:cut])]
    if not places:
        return []
    state = places[-1].entities.get("State") or places[-1].entities.get("State_of")
    return [state] if state and (not r.pair or state in r.pair) else []


def _undated(clause: str, start: int, end: int, mentions: list[Mention]) -> str:
    """The words from ``start`` to ``end`` without the dates among them and the preposition of each:
    " on 23-24 March 2011 to " is " to "."""
    words = clause[start:end]
    for mention in sorted((m for m in mentions if m.type == "Date" and start <= m.start and m.end <= end),
                          key=lambda m: -m.start):
        low, high = mention.start - start, mention.end - start
        lead = re.search(r"(?:\s(?:on|in|at|from|between|pada|tanggal|el|en|del|desde))?\s*$", words[:low])
        words = words[:lead.start()] + words[high:]
    return words


#: Heads of state and government: two of them joined by "and" lead two states, not one delegation.
LEADERS = {"president", "prime-minister", "king", "queen", "emperor", "sultan", "emir", "chancellor"}


def _joined(r: Reading, words) -> list:
    """The state of the office holder named just before, joined to this title by one of the
    words: "Indonesian President X and Trade Minister Y" (Y serves Indonesia too),
    "Menteri Luar Negeri Indonesia X dan Menteri Perdagangan Y"; not two holders of one office
    nor two leaders ("Perdana Menteri India X dan Presiden Y": two sides)."""
    before = [m for m in r.mentions if "Office" in m.entities and m.end <= r.trigger.start]
    if not before:
        return []
    previous = before[-1]
    offices = {str(m.iri).rsplit("/", 1)[-1] for m in (previous, r.trigger.mention) if m is not None}
    if len(offices) == 1 or offices <= LEADERS:
        return []         # two sides: "President X and President Y", "Prime Minister X dan Presiden Y"
    joiners = "|".join(re.escape(w) for w in words)
    link = re.search(rf"\s*,?\s+(?:{joiners})\s+(?:the\s+|el\s+|la\s+)?$", r.clause[previous.end:r.trigger.start])
    if not link:
        return []
    states = [m for m in r.mentions if set(r.role.types) & set(m.entities) and "State" in m.entities]
    own = [m for m in states if m.end <= previous.start and ADJACENT_GAP.fullmatch(r.clause[m.end:previous.start])]
    after = [m for m in states if previous.end <= m.start and re.fullmatch(
        r"\s+(?:(?:of|de|del)\s+(?:the\s+)?)?", r.clause[previous.end:m.start])]
    holder_from = after[0].end if after else previous.end
    name = r.name_regex.match(r.clause, holder_from + re.match(r"[\s,]*", r.clause[holder_from:]).end())
    if not (own or after) or not name or name.end() != previous.end + link.start():
        return []
    return (own or after)[:1]


def _shared(r: Reading, words) -> list:
    """Two titles joined by one of the words before one name are one person's: for the first
    title, the name after the second ("উপপ্রধানমন্ত্রী ও পররাষ্ট্রমন্ত্রী ইসহাক দার"); for the
    second, the state just before the first ("পাকিস্তানের উপপ্রধানমন্ত্রী ও পররাষ্ট্রমন্ত্রী"); not two
    leaders ("রাষ্ট্রপতি ও প্রধানমন্ত্রী": two people) nor two holders of one office."""
    joiners = "|".join(re.escape(w) for w in words)
    offices = [m for m in r.mentions if "Office" in m.entities]
    link = rf"\s*,?\s+(?:{joiners})\s+"
    def one_person(first, second) -> bool:
        titles = {str(m.iri).rsplit("/", 1)[-1] for m in (first, second)}
        return (not first.ending and len(titles) == 2 and not titles <= LEADERS
                and re.fullmatch(link, r.clause[first.end:second.start]) is not None)
    if "Name" in r.role.types:
        second = next((m for m in offices if m.start >= r.trigger.end), None)
        if r.trigger.mention is None or second is None or not one_person(r.trigger.mention, second):
            return []
        return [] if second.ending else _name_at(r.clause, second.end, r.mentions, r.name_regex)
    first = next((m for m in reversed(offices) if m.end <= r.trigger.start), None)
    if first is None or r.trigger.mention is None or not one_person(first, r.trigger.mention):
        return []
    return [m for m in r.mentions if set(r.role.types) & set(m.entities) and m.end <= first.start
            and ADJACENT_GAP.fullmatch(r.clause[m.end:first.start])][-1:]


def _after_name(r: Reading, words) -> list:
    """The mention right after the person's name that follows the trigger and one of the
    words: "King Felipe II of Spain", "el rey Felipe II de España"."""
    start = _after_filled(r.trigger, r.filled, r.clause)
    names = _name_at(r.clause, start, r.mentions, r.name_regex)
    if not names:
        return []
    end = r.clause.index(names[0], start) + len(names[0])
    return [m for m in r.typed if m.start >= end and " ".join(fold(r.clause[end:m.start]).split())
            in {fold(w) for w in words}][:1]


def _pronoun(r: Reading, spec) -> list:
    """A pronoun (or "and"), perhaps an adverb, and a verb just before the trigger, as the
    holder: "He was President", "and simultaneously was Vice President" (resolved by
    kg.extract.people to the last person named). ``spec``: ``{words: [he, she], verbs: [was]}``."""
    from .people import PRONOUN

    words = "|".join(re.escape(fold(w)) for w in spec.get("words") or [])
    verbs = "|".join(re.escape(fold(v)) for v in sorted(spec.get("verbs") or [], key=len, reverse=True))
    before = fold(r.clause[r.scope[0]:r.trigger.start])
    return [PRONOUN] if words and verbs and re.search(
        rf"(?<!{WORD})(?:{words})\s+(?:{WORD}+\s+)?(?:{verbs})\s+$", before) else []


def _one_of_pair(r: Reading, _) -> list:
    named = {m.entities["State"] for m in r.typed if "State" in m.entities}
    return list(r.pair) if r.pair and len(named) <= 1 and named <= set(r.pair) else []


# the text before a state that names it as the country of a city where something happened
VENUE = re.compile(r"(?<![\w])(?:in|at|en|di)\s+(?:[A-ZÀ-Ý][\w'.-]*\s+){0,2}[A-ZÀ-Ý][\w'.-]*,\s*$")


def _of_pair(r: Reading, _) -> list:
    """The document's pair, when the trigger's scope names no state but those of the pair (an
    agreement of the pair: "Peru signed an agreement with Chile" in a document on Indonesia and
    Peru is a third state's, "with the European Union" an organization's, none); in a document
    without a pair, the states the scope names. A state named after a city where it happened
    ("signed in Gurgaon, India", "en Lima, Perú") is the venue, no party."""
    named = list(dict.fromkeys(value(m) for m in r.typed if not VENUE.search(r.clause[max(0, m.start - 60):m.start])))
    oblique = "|".join(re.escape(fold(w)) for w in r.trigger.frame.oblique)
    if oblique and any("Organization" in m.entities and r.trigger.end <= m.start <= r.trigger.end + 40
                       and m.end <= r.scope[1] and re.search(rf"(?<!{WORD})(?:{oblique})\s+(?:the\s+|la\s+|el\s+)?$",
                                                             fold(r.clause[r.trigger.end:m.start]))
                       for m in r.mentions):
        return []       # an organization's ("a trade agreement with the European Union")
    if r.pair:
        return list(r.pair) if set(named) <= set(r.pair) else []
    return named


def _state_of(r: Reading, role_name) -> list:
    return [m.entities["State_of"] for m in r.filled.get(role_name, [])
            if isinstance(m, Mention) and "State_of" in m.entities]


def _suffix(r: Reading, endings) -> list:
    """Mentions written with one of ``endings`` ("পেরুতে": in Peru), nearest the trigger first."""
    return sorted((m for m in r.typed if m.text.endswith(tuple(endings))), key=lambda m: abs(m.start - r.trigger.start))


def _followed_by(r: Reading, words) -> list:
    """Mentions right before one of ``words`` ("ভারত থেকে": from India), nearest the trigger first."""
    words = [fold(w) for w in words]
    return sorted((m for m in r.typed if any(re.match(rf"\s+{re.escape(w)}(?!{WORD})", fold(r.clause[m.end:m.end + 40]))
                                             for w in words)), key=lambda m: abs(m.start - r.trigger.start))


def _before_not(r: Reading, endings) -> list:
    """As ``before``, without the mentions written with one of ``endings`` (a case that is no subject)."""
    return [m for m in _before(r, None) if not m.text.endswith(tuple(endings))]


def _city_of(r: Reading, words) -> list:
    """The state of a city named right after one of ``words`` in the trigger's scope, nearest the
    trigger first: the market of "opened a plant in Surabaya" is Indonesia."""
    words = [fold(w) for w in words]
    def marked(m) -> bool:
        return any(re.search(rf"(?<!{WORD}){re.escape(w)}\s+$", fold(r.clause[max(r.scope[0], m.start - 30):m.start]))
                   for w in words)
    cities = [m for m in r.mentions if "City" in m.entities and "State_of" in m.entities
              and r.scope[0] <= m.start and m.end <= r.scope[1] and marked(m)]
    return [m.entities["State_of"] for m in sorted(cities, key=lambda m: abs(m.start - r.trigger.start))]


#: Every state's capital (state IRI -> city IRI), set by kg.extract.language from data/reference.
CAPITALS: dict[str, str] = {}


def _capital(r: Reading, words) -> list:
    """The capital of the state filling the ``host`` role, where the trigger's scope says one of
    ``words`` and names no city: "the embassy of Ethiopia in the national capital" in a document
    on India and Ethiopia is the one in New Delhi."""
    low, high = r.own or r.scope
    text = fold(r.clause[low:high])
    if any("City" in m.entities and low <= m.start and m.end <= high for m in r.mentions) or not any(
            re.search(rf"(?<!{WORD}){re.escape(fold(w))}(?!{WORD})", text) for w in words):
        return []
    hosts = [str(value(m)) for m in r.filled.get("host", [])]
    return [CAPITALS[h] for h in hosts if h in CAPITALS]


def _other(r: Reading, role_name) -> list:
    """The state of the pair that is not the one filling ``role_name`` (the exporter's partner),
    or set as it by the frame ("KBRI": the embassy of Indonesia)."""
    taken = {value(m) for m in r.filled.get(role_name, [])} or (
        {r.trigger.frame.constants[role_name]} if role_name in r.trigger.frame.constants else set())
    return [state for state in r.pair or () if taken and taken <= set(r.pair) and state not in taken]


def _rest_of_pair(r: Reading, role_name) -> list:
    """The one state of the pair no value of ``role_name`` is, where a value is a third state: a
    subject the clause leaves out ("abrió sus embajadas en Senegal y Etiopía", of Colombia in a
    document on Colombia and Ethiopia); none where the values are all of the pair."""
    taken = {str(value(m)) for m in r.filled.get(role_name, [])}
    rest = [state for state in r.pair or () if state not in taken]
    return rest if taken - set(r.pair or ()) and len(rest) == 1 else []


def _by_role(r: Reading, role_name) -> list:
    """The mention right before or right after the first one that fills ``role_name``, with
    nothing but a space (or "'s") between: the exporter of "Sweden imported Kenyan tea",
    "Tailandia importa cobre chileno", "Indonesia mengimpor kopi Kenya"."""
    first = next((m for m in r.filled.get(role_name, []) if isinstance(m, Mention)), None)
    if first is None:
        return []
    return [m for m in r.typed if m.end <= first.start and ADJACENT_GAP.fullmatch(r.clause[m.end:first.start])
            or m.start >= first.end and re.fullmatch(r"[^\S\n]+", r.clause[first.end:m.start])][:1]


def _marked_list(r: Reading, words) -> list:
    """The first mention after the trigger ``marked`` finds and those listed with it: "consulates in
    Sydney, Melbourne and Perth", "embajadas en Sudáfrica, India y Egipto" (with ``many: true``, one
    fact each)."""
    found = [m for m in _marked(r, words) if m.start >= r.trigger.end]
    return _listed(r.typed, found[0], r.clause) if found else []


def _earlier(r: Reading, role_name) -> list:
    """The mentions before the trigger in the whole clause, past the scope of a trigger of the
    fact's kind before it, nearest first, without the one that fills ``role_name``: the sending
    state of "Australia has an embassy in Jakarta and consulates in Bali" for "consulates"."""
    taken = {str(value(m)) for m in r.filled.get(role_name, [])}
    return [m for m in reversed(r.mentions) if set(r.role.types) & set(m.entities) and m.end <= r.trigger.start
            and str(value(_as_role(m, r.role.types))) not in taken and str(m.entities.get("State")) not in taken]


def _unlike(r: Reading, role_name) -> list:
    """As ``before``, without the mention that fills ``role_name``: the sending state of "বাংলাদেশ
    আলজেরিয়ার রাজধানী আলজিয়ার্সে নিজেদের দূতাবাস" (Bangladesh … its embassy in Algeria's capital)."""
    taken = {str(value(m)) for m in r.filled.get(role_name, [])}
    return [m for m in _before(r, None) if str(value(m)) not in taken and str(m.entities.get("State")) not in taken]


LIST_GAP = re.compile(r"[\s,;/]*(?:\S+[\s,]+){0,2}?", re.UNICODE)   # "A, B and C", "A dan juga B", "A ও B"


def _listed(typed: list, first, clause: str) -> list:
    """``first`` and the mentions that follow it as one list ("trade, energy and education")."""
    found = [first]
    for mention in typed:
        gap = clause[found[-1].end:mention.start]
        if mention.start >= found[-1].end and len(gap) <= 20 and not re.search(r"[.:()]", gap) \
                and LIST_GAP.fullmatch(gap):
            found.append(mention)
    return found


def _list_after(r: Reading, reach) -> list:
    """The list of mentions that starts within ``reach`` characters after the trigger
    ("cooperation in such fields as A, B and C")."""
    start = _after_filled(r.trigger, r.filled, r.clause)
    first = next((m for m in r.typed if m.start >= start and m.start - start <= int(reach or 60)
                  and not re.search(r"[.:;]", r.clause[start:m.start])), None)
    return _listed(r.typed, first, r.clause) if first else []


def _list_before(r: Reading, words) -> list:
    """The list of mentions that ends at most ``words`` words before the trigger ("trade and
    investment cooperation", "কৃষি ও শিক্ষা খাতে সহযোগিতা"), or the name that holds the trigger
    ("technical cooperation", "kerja sama teknik": an area's name with the trigger's word in it)."""
    before = [m for m in r.typed if m.end <= r.trigger.start or m.start <= r.trigger.start and r.trigger.end <= m.end]
    joiners = {fold(j) for j in r.trigger.frame.joiners}
    last = next((m for m in reversed(before)
                 if len(r.clause[m.end:r.trigger.start].split()) <= int(words or 0)
                 and not re.search(r"[.,:;]", r.clause[m.end:r.trigger.start])
                 and fold(r.clause[m.end:r.trigger.start]).strip() not in joiners), None)   # not "A and cooperation"
    if last is None:
        return []
    if last.end > r.trigger.start:      # the name holds the trigger: the list goes on after it
        return _listed(r.typed, last, r.clause)
    found = [last]
    for mention in reversed(before[:before.index(last)]):
        gap = r.clause[mention.end:found[-1].start]
        if len(gap) <= 20 and not re.search(r"[.:()]", gap) and LIST_GAP.fullmatch(gap):
            found.append(mention)
    return found[::-1]


#: The value of the ``stated`` cue: the engine puts the document's date in its place.
STATED = "@date"


def _stated(r: Reading, _) -> list:
    """The document's own date (its catalog date), for a fact whose sentence gives none:
    "Morocco has opened an embassy in Rwanda" in a report of 20 October 2016. With ``when``,
    only where one of its words stands within three words of the trigger."""
    return [STATED]
def _paren_year(r: Reading, reach) -> list:
    """A year in parentheses that follows the trigger's words within ``reach`` characters, with
    no comma, semicolon or other parenthesis between: "un tratado de extradición (1997)",
    "Traktat Lombok (2006)"."""
    name = named_span(r.trigger.start, r.trigger.end, r.clause, r.mentions) if r.trigger.frame.named else None
    start = name[1] if name else r.trigger.end     # past a title: "Agreement Between … Cooperation (2006)"
    found = re.match(rf"[^(),;.]{{0,{int(reach or 80)}}}?\(\s*((?:1[6-9]|20)\d\d)\s*\)", r.clause[start:r.scope[1]])
    return [PartialDate(int(found.group(1)))] if found else []


ANNIVERSARY_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3})(?![\d.,]\d)")


def _anniversary(r: Reading, spec) -> list:
    """The date relations began, from an anniversary: a date right after one of the ``since``
    words is that date itself ("48 años de relaciones, establecidas el 15 de noviembre de
    1975"); else the number of years nearest the trigger (within ``reach`` characters:
    "the 60th anniversary", "60 tahun hubungan", "aniversario número 75") counted back from the
    date of writing the clause gives, its day and month kept when that date follows ("In 2023 the
    two celebrate the 70th anniversary": 1953; "40 tahun … pada 15 September 2020": 15 September
    1980; "Jakarta, 11 Agustus 2025 — … 50 tahun hubungan": 1975),
    else from the document's date (:class:`YearsBefore`; none in a document without one)."""
    spec = spec or {}
    since = [fold(w) for w in spec.get("since") or []]
    dates = [m for m in r.typed if isinstance(m.iri, PartialDate)]
    for mention in dates:
        before = " ".join(fold(r.clause[max(0, mention.start - 40):mention.start]).split()[-3:])
        if any(re.search(rf"(?<!{WORD}){re.escape(w)}", before) for w in since):
            return [mention]
    reach = int(spec.get("reach") or 20)
    low, high = max(0, r.trigger.start - reach), min(len(r.clause), r.trigger.end + reach)
    numbers = sorted((abs(m.start() - r.trigger.start), int(m.group(1)))
                     for m in ANNIVERSARY_NUMBER.finditer(r.clause, low, high)
                     if not any(d.start <= m.start() < d.end for d in dates))
    if not numbers or not 0 < numbers[0][1] < 400:
        return []
    if not dates:      # counted back from the document's date (kg.extract.engine), where it has one
        return [YearsBefore(numbers[0][1])]
    # the celebration's date after the number keeps its day and month ("40 tahun … pada 15
    # September 2020": 15 September 1980); a date before it (a dateline) gives the year only
    after = [m for m in dates if m.start > r.trigger.start]
    base = max(after or dates, key=lambda m: m.iri.year).iri
    month, day = (base.month, base.day) if after else (None, None)
    return [PartialDate(base.year - numbers[0][1], month, day,
                        f"{numbers[0][1]} years before {base.lexical}, the date of writing the text gives")]


@dataclass(frozen=True)
class YearsBefore:
    """A date ``years`` before the document's date, which the engine puts in (the ``anniversary`` cue)."""

    years: int


def _title_year(r: Reading, words) -> list:
    """A year right after the trigger (or its title, for a ``named`` frame) and one of the words:
    "la Alianza Estratégica de 2003", "the Treaty of 1997", "Perjanjian Lombok tahun 2006"."""
    name = named_span(r.trigger.start, r.trigger.end, r.clause, r.mentions) if r.trigger.frame.named else None
    start = name[1] if name else r.trigger.end
    marks = "|".join(re.escape(fold(w)) for w in words or [])
    found = marks and re.match(rf"\s+(?:{marks})\s+((?:1[6-9]|20)\d\d)(?!\d)", fold(r.clause[start:r.scope[1]]))
    return [PartialDate(int(found.group(1)))] if found else []


def _nearest(r: Reading, _) -> list:
    return sorted(r.typed, key=lambda m: abs(m.start - r.trigger.start))


def _near(r: Reading, role_name) -> list:
    """Mentions nearest the one that fills ``role_name`` (else the trigger): first one stated
    right after it, then those not stated right by another mention of its type, then those with
    none of them between; last one after a ``since`` word. A trade figure's year is the one
    stated with its amount ("rose from $1.07 billion in 2022 to $1.2 billion in 2023": 2023;
    "In 2023, trade grew to $1.2 billion from $1.07 billion in 2022": 2023 too; "rose 20% to
    $1.2 billion, more than in 2022")."""
    anchor = next((m for m in r.filled.get(role_name, []) if isinstance(m, Mention)), None)
    if anchor is None:
        return _nearest(r, None)
    between = [m for m in r.mentions if m.type == anchor.type and m is not anchor]
    def other_time(m) -> bool:      # "20% less than in 2022", "naik dibanding 2022": a date compared with
        words = " ".join(r.clause[:m.start].split()[-3:] + m.text.split()[:1])    # "que" + "en 2022"
        return bool(r.since and re.search(rf"(?<!{WORD})(?:{r.since})(?!{WORD})", fold(words)))
    def close(a: int, b: int) -> bool:      # at most two words between
        return a <= b and re.fullmatch(r"[\s,]*(?:\S+\s+){0,2}", r.clause[a:b]) is not None
    def attached(m) -> bool:        # "… from $1.07 billion in 2022", "in 2024 it was $400 million": the other's
        return any(close(o.end, m.start) or close(m.end, o.start) for o in between)
    def apart(m) -> tuple:
        low, high = (m.end, anchor.start) if m.end <= anchor.start else (anchor.end, m.start)
        return (other_time(m), not close(anchor.end, m.start), attached(m),
                any(low <= o.start and o.end <= high for o in between), abs(high - low))
    return sorted(r.typed, key=apart)


def _dated(r: Reading, _) -> list:
    """An event's date: the nearest in the trigger's own scope, else the nearest before the
    clause's first event (a date that opens the clause dates all its events); never one past a
    ``since`` word ("the first visit since relations began in 1980": 1980 dates something else),
    nor one past the next event's trigger."""
    low, high = r.own
    opening = low if r.opening is None else min(low, r.opening)
    def other_time(m) -> bool:      # "since" between the trigger and the date, or in the words before the date
        words = (r.clause[r.trigger.end:m.start] if m.start >= r.trigger.end
                 else " ".join(r.clause[:m.start].split()[-8:]))
        return bool(r.since and re.search(rf"(?<!{WORD})(?:{r.since})(?!{WORD})", fold(words)))
    dates = [m for m in r.typed if not other_time(m)]
    own = [m for m in dates if low <= m.start and m.end <= high]
    before = [m for m in dates if m.end <= opening]
    return sorted(own, key=lambda m: abs(m.start - r.trigger.start)) + before[::-1]


def _dates(r: Reading, _) -> list:
    """As ``dated``, the best date, and the dates listed after it in the trigger's own scope,
    joined by a comma or the language's ``joiners`` and perhaps a preposition: "visited Mexico
    twice, on November 2008 and in June 2012", "signed trade agreements in 1933, 1955, and
    1959" (with ``many: true``, one fact each), not "from 5 to 7 May"."""
    best = _dated(r, None)[:1]
    if not best:
        return []
    joiners = "|".join(re.escape(fold(w)) for w in r.trigger.frame.joiners)
    if not joiners:
        return best
    then = "|".join(re.escape(fold(w)) for w in [*r.trigger.frame.oblique, "again", "also", "later"])
    gap = re.compile(rf"(?:\[\d+\])?(?:\s*,\s+|[\s,]*(?:{joiners})\s+)(?:(?:{then})\s+){{0,2}}")   # "1933, 1955, and 1959"
    found, end = best[:], best[0].end
    while True:      # the next date of the list: a date mention, else a bare year ("1955" of "in 1933, 1955")
        mention = next((m for m in r.typed if r.own[0] <= m.start and m.end <= r.own[1] and m.start >= end
                        and gap.fullmatch(fold(r.clause[end:m.start]))), None)
        year = None if mention else re.match(rf"({gap.pattern})((?:1[6-9]|20)\d\d)(?!\d|[/-]\d)",
                                              fold(r.clause[end:r.own[1]]))
        if mention:
            found.append(mention)
            end = mention.end
        elif year:
            found.append(PartialDate(int(year.group(2))))
            end += year.end()
        else:
            return found


#: Each cue: a function of what it sees and its argument, giving candidates best first.
CUES = {"trigger": _trigger, "both": _both, "pair": _pair, "before": _before, "after_word": _after_word,
        "after": _after, "after_name": _after_name, "adjacent": _adjacent, "next": _next, "marked": _marked,
        "name_before": _name_before, "name_after": _name_after, "one_of_pair": _one_of_pair, "pronoun": _pronoun,
        "state_of": _state_of, "nearest": _nearest, "after_alone": _after_alone, "nearest_alone": _nearest_alone,
        "dated": _dated, "subject": _subject, "after_whole": _after_whole, "suffix": _suffix,
        "other": _other, "list_after": _list_after, "list_before": _list_before, "apposed": _apposed,
        "joined": _joined, "possessive": _possessive, "shared": _shared,
        "visiting": _visiting, "accredited": _accredited, "delegation": _delegation, "invited": _invited, "dates": _dates, "followed_by": _followed_by, "before_not": _before_not,
        "unlike": _unlike, "listed": _listed_subject, "stated": _stated, "paren_year": _paren_year,
        "subject_after": _subject_after, "anniversary": _anniversary,
        "of_pair": _of_pair, "title_year": _title_year, "near": _near, "by_role": _by_role,
        "city_of": _city_of, "marked_list": _marked_list, "earlier": _earlier, "capital": _capital,
        "rest_of_pair": _rest_of_pair}

#: The cues that read another role's value: a role with one is tried again after the others (``fill``).
ROLE_CUES = {"other", "unlike", "state_of", "by_role", "earlier", "rest_of_pair"}


def _after_filled(trigger: Trigger, filled: dict, clause: str) -> int:
    """Where the words after a trigger start, past a role filled right after it ("President of
    Peru", "Minister for Foreign Affairs of the Republic of Indonesia"; not past a short name:
    "President Ruto of Kenya")."""
    end = trigger.end
    for mentions in filled.values():
        for mention in mentions:
            if isinstance(mention, Mention) and mention.start >= trigger.end and (
                    mention.start - end < 6 or re.fullmatch(r"\s+(?:(?![A-ZÀ-ÖØ-Þ])\w{1,4}\s+){1,2}", clause[end:mention.start])):
                end = max(end, mention.end)
    return end


def _name_at(clause: str, start: int, mentions: list[Mention], name_regex) -> list[str]:
    """A person's name starting at ``start`` (past spaces, a comma, honorifics and the states
    or city of an accreditation, "untuk Republik Indonesia,", "to Lima,"), cut before any
    other mention and any particle left at its end ("Felipe II de España": "Felipe II")."""
    moved = True
    while moved:
        moved = False
        for mention in mentions:
            gap = clause[start:mention.start]
            if mention.start >= start and ("Address" in mention.entities and not gap.strip(" ,\n") or (
                    "State" in mention.entities or "City" in mention.entities)
                    and ACCREDITATION_GAP.fullmatch(gap)):
                start, moved = mention.end, True     # not a first name right after the title ("presidente Mauricio Macri")
    lead = re.match(r"[\s,]*", clause[start:]).end()
    found = name_regex.match(clause, start + lead)
    if not found:
        return []
    begin = found.start("name") if "name" in name_regex.groupindex else found.start()
    end = found.end()
    for mention in mentions:      # an office's capitalized word in a name is the name's ("Eduardo Enrique Reina"; a
        # script without capitals has no such names: "আচিম ট্রস্টার পররাষ্ট্রমন্ত্রী" is a name and the next title), and so is
        # a state's name that opens it and goes on ("Mauricio Macri": Mauricio is Mauritius in Spanish)
        if begin <= mention.start < end and not (mention.type == "Office" and mention.start > begin
                                                  and mention.text[:1].isupper()) and not (
                mention.start == begin and mention.type in ("State", "City")):
            end = mention.start
    if any(m.start == begin and m.type in ("State", "City") and not re.search(r"\s\S", clause[m.end:end])
           for m in mentions):
        return []      # a state's name alone ("বাংলাদেশের প্রধানমন্ত্রীকে"), no person
    end = begin + len(PARTICLE_END.sub("", clause[begin:end]))
    if re.match(r"\s*/", clause[end:]) or any(m.start - end in (0, 1) and "State" in m.entities and not any(
            "Office" in o.entities and re.fullmatch(r"\s*", clause[m.end:o.start]) for o in mentions) for m in mentions):
        return []      # words of an office's title ("Menteri Perencanaan … Timor Leste, Gastao …"), not a name
                       # before the next title's state ("ড. এ কে আব্দুল মোমেন জার্মানির পররাষ্ট্রমন্ত্রী")
    acronym = re.match(r"\s*\(([A-Z]{2,8})\)", clause[end:])
    if acronym and acronym.group(1) != "".join(w[0] for w in re.split(r"[\s\-]+", clause[begin:end]) if w) or any(
            "Organization" in m.entities and re.fullmatch(r"\s*\(\s*", clause[end:m.start]) for m in mentions):
        return []      # a forum's name and its acronym ("Asia-Europe Meeting (ASEM)"), not a person ("… Yudhoyono (SBY)")
    name = re.sub(r"(?:['’]s|(?<=\w\w)\.)$", "", clause[begin:end].strip(" ,"))
    return [name] if len(name.split()) >= 1 and len(name) > 2 else []


#: The words between a title and the state or city of its accreditation, which a name after them
#: skips: "Ambassador to Lima, X", "la nueva embajadora de ese país en Panamá, Inci Ersoy".
ACCREDITATION_GAP = re.compile(r"[\s,]*(?:(?:(?![A-Z])\w{1,10}\s+){1,2}|(?:(?![A-Z])\w{1,10}\s+){1,3}"
                               r"(?:to|in|at|en|ante|untuk|di)\s+)")

#: Particles of names ("de", "van", "bin") left at a name's end when a mention cuts it.
PARTICLE_END = re.compile(r"(?:\s+(?:de|da|do|dos|das|del|la|van|von|der|bin|binti|al))+\s*$|\s+$")
