"""Frames: per fact kind, trigger words and the roles typed mentions fill (data/frames/).

A frame fires on a trigger (a word, stemmed, or a mention of a type such as ``Office``)
in a clause; each role takes the first mention its cues find, among the mentions of its
types, in the trigger's scope (from the previous trigger to the next one). The cues are:

``trigger``             the mention that is the trigger (an ``Office`` named)
``before`` / ``after``  mentions before / after the trigger (the nearest first)
``adjacent``            the mention just before the trigger ("Peruvian embassy", "Peru's embassy")
``next``                the mention just after it ("Kedutaan Besar Peru", "President Joko Widodo")
``{marked: [in, di]}``  a mention right after one of these words ("in Lima")
``{after_word: [of]}``  the mention right after the trigger and one of these words ("President of Peru")
``{name_before: [was]}`` a person's name just before one of these words and the trigger ("X was Ambassador")
``{state_of: city}``    the state of the city that fills the role ``city``
``one_of_pair``         the document's pair, when the clause names no state or one of the pair only
``both``                the document's pair, when the clause says "both countries"
``pair``                the document's pair
``nearest``             the nearest mention in the clause
``{list_after: 60}``    the list ("A, B and C") that starts within 60 characters after the trigger
``{list_before: 1}``    the list that ends at most 1 word before the trigger ("trade and investment cooperation")

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

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import paths  # noqa: F401  (used by the doctest)
from ..errors import RuleError
from ..facts import FRAME_FIELDS
from .gazetteer import Mention, fold
from .lexicon import WORD
from .yamlfile import read_yaml

ROLE_TYPES = {"State", "Demonym", "City", "Organization", "Office", "Date", "Name", "Area"}
ROLE_KEYS = {"types", "cues", "many", "optional", "exactly"}
FRAME_KEYS = {"id", "fact", "triggers", "trigger_mention", "requires", "needs", "set", "roles", "examples", "note",
              "areas", "when_planned"}
TOKEN = re.compile(rf"{WORD}+")
ADJACENT_GAP = re.compile(r"(?:['’]s?)?\s*(?:(?:the|el|la|los|las|new|nueva|nuevo)\s+)?", re.IGNORECASE)


@dataclass
class Role:
    name: str
    types: list[str]
    cues: list
    many: bool = False
    optional: bool = False
    exactly: int | None = None


@dataclass
class Frame:
    """One frame: a fact kind, what triggers it, the roles it fills and constant fields."""

    id: str
    fact: str
    triggers: list[list[str]]         # each trigger: a sequence of stems
    roles: list[Role]
    requires: list[list[str]] = field(default_factory=list)
    trigger_mention: str | None = None
    needs: list[str] = field(default_factory=list)    # mention types the clause must have (an Office)
    constants: dict = field(default_factory=dict)
    examples: list[dict] = field(default_factory=list)
    line: int = 0
    oblique: list[str] = field(default_factory=list)   # the file's prepositions: no subject follows them
    areas: list = field(default_factory=list)   # cues of the areas that become Cooperation facts of it
    when_planned: dict = field(default_factory=dict)   # in a planned clause: these fields, not no fact


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
SETTING_KEYS = {"language", "stemmer", "match", "clause_breaks", "both", "oblique", "planned"}


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
                    settings.get("both") or [], settings.get("match") == "prefix", settings.get("planned") or [])
    for path in sorted(folder.glob("*.yaml")):
        if path.name != SETTINGS:
            result.frames += _frame_file(path, result, settings.get("oblique") or [])
    return result


def _frame_file(path: Path, frames: Frames, oblique: list[str]) -> list[Frame]:
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
        for cue in spec.get("cues") or []:
            cue_name = next(iter(cue)) if isinstance(cue, dict) else cue
            if cue_name not in CUES:
                raise RuleError(f"{where}: frame {name}: role {role_name}: unknown cue '{cue_name}' "
                                f"(cues: {', '.join(sorted(CUES))})")
        roles.append(Role(role_name, spec["types"], spec.get("cues") or ["nearest"], bool(spec.get("many")),
                          bool(spec.get("optional")), spec.get("exactly")))
    for constant in {**(item.get("set") or {}), **(item.get("when_planned") or {})}:
        if constant not in fields:
            raise RuleError(f"{where}: frame {name}: unknown field '{constant}' of {item['fact']}")
    areas = item.get("areas") or []
    if not isinstance(areas, list):
        raise RuleError(f"{where}: frame {name}: 'areas' is a list of cues")
    for cue in areas:
        if (next(iter(cue)) if isinstance(cue, dict) else cue) not in CUES:
            raise RuleError(f"{where}: frame {name}: areas: unknown cue '{cue}' (cues: {', '.join(sorted(CUES))})")
    bad_needs = set(item.get("needs") or []) - ROLE_TYPES
    if bad_needs:
        raise RuleError(f"{where}: frame {name}: needs: unknown type(s) {', '.join(sorted(bad_needs))}")
    return Frame(name, item["fact"], [frames.phrase(t) for t in item.get("triggers") or []], roles,
                 [frames.phrase(t) for t in item.get("requires") or []], item.get("trigger_mention"),
                 needs=item.get("needs") or [], constants=dict(item.get("set") or {}),
                 examples=item.get("examples") or [], line=line, areas=areas,
                 when_planned=dict(item.get("when_planned") or {}))


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


def triggers(clause_words: list[Token], mentions: list[Mention], frames: Frames, prefix: bool) -> list[Trigger]:
    """Every frame's triggers in a clause, in text order."""
    found = []
    for frame in frames.frames:
        required = tuple(phrase[0] for phrase in frame.requires if phrase)
        if frame.requires and not any(_phrase_at(clause_words, i, p, prefix) is not None
                                      for i in range(len(clause_words))
                                      if (clause_words[i].stem.startswith(required) if prefix
                                          else clause_words[i].stem in required)
                                      for p in frame.requires):
            continue
        if frame.trigger_mention:
            found += [Trigger(frame, m.start, m.end, m) for m in mentions if frame.trigger_mention in m.entities]
        firsts = tuple(phrase[0] for phrase in frame.triggers if phrase)
        for index in range(len(clause_words)):
            word = clause_words[index].stem
            if not (word.startswith(firsts) if prefix else word in firsts):
                continue
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
         pair, both: bool, name_regex) -> tuple[dict, list[str]]:
    """The roles of one trigger: ``({role: [Mention or value]}, [missing roles])``. Roles are
    filled within ``scope``; a date anywhere in the clause (``whole``)."""
    filled: dict[str, list] = {}
    missing = []
    for role in trigger.frame.roles:
        items = _role(role, trigger, whole if role.types == ["Date"] else scope, clause, mentions, filled, pair,
                      both, name_regex)
        if items:
            filled[role.name] = items
        elif not role.optional:
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


def _role(role, trigger, scope, clause, mentions, filled, pair, both, name_regex) -> list:
    typed = [m for m in mentions if set(role.types) & set(m.entities) and m is not trigger.mention
             and scope[0] <= m.start and m.end <= scope[1]]
    reading = Reading(role, trigger, scope, clause, mentions, typed, filled, pair, both, name_regex)
    for cue in role.cues:
        cue_name, argument = (next(iter(cue.items())) if isinstance(cue, dict) else (cue, None))
        unique, seen = [], set()
        for item in CUES[cue_name](reading, argument):
            if str(value(item)) not in seen:
                seen.add(str(value(item)))
                unique.append(item)
        if role.exactly and len(unique) != role.exactly:
            continue
        if unique:
            return unique if role.many or role.exactly else unique[:1]
    return []


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


def _after_word(r: Reading, words) -> list:
    return [m for m in r.typed if m.start >= r.trigger.end and " ".join(fold(
        r.clause[r.trigger.end:m.start]).split()) in {fold(w) for w in words}][:1]


def _after(r: Reading, _) -> list:
    return [m for m in r.typed if r.trigger.end <= m.start]


def _adjacent(r: Reading, _) -> list:
    return [m for m in r.typed if m.end <= r.trigger.start
            and ADJACENT_GAP.fullmatch(r.clause[m.end:r.trigger.start])][-1:]


def _next(r: Reading, _) -> list:
    start = _after_filled(r.trigger, r.filled)
    if "Name" in r.role.types:
        return _name_at(r.clause, start, r.mentions, r.name_regex)
    return [m for m in r.typed if m.start >= start and not r.clause[start:m.start].strip(" ,")][:1]


def _marked(r: Reading, words) -> list:
    words = [fold(w) for w in words]
    return [m for m in r.typed if any(
        re.search(rf"(?<!{WORD}){re.escape(w)}\s+$", fold(r.clause[max(r.scope[0], m.start - 30):m.start]))
        for w in words)]


def _name_before(r: Reading, words) -> list:
    low = r.scope[0]
    words = "|".join(re.escape(w) for w in words)
    gap = re.search(rf"\s+(?:{words})\s+(?:the\s+|an?\s+|el\s+|la\s+)?$", r.clause[low:r.trigger.start])
    found = r.name_regex.search(r.clause[low:low + gap.start()] + "\n") if gap else None
    return ([r.clause[low + found.start():low + found.end()].strip()] if found
            and low + found.end() == low + gap.start() else [])


def _one_of_pair(r: Reading, _) -> list:
    named = {m.entities["State"] for m in r.typed if "State" in m.entities}
    return list(r.pair) if r.pair and len(named) <= 1 and named <= set(r.pair) else []


def _state_of(r: Reading, role_name) -> list:
    return [m.entities["State_of"] for m in r.filled.get(role_name, [])
            if isinstance(m, Mention) and "State_of" in m.entities]


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
    start = _after_filled(r.trigger, r.filled)
    first = next((m for m in r.typed if m.start >= start and m.start - start <= int(reach or 60)
                  and not re.search(r"[.:;]", r.clause[start:m.start])), None)
    return _listed(r.typed, first, r.clause) if first else []


def _list_before(r: Reading, words) -> list:
    """The list of mentions that ends at most ``words`` words before the trigger ("trade and
    investment cooperation", "কৃষি ও শিক্ষা খাতে সহযোগিতা")."""
    before = [m for m in r.typed if m.end <= r.trigger.start]
    last = next((m for m in reversed(before)
                 if len(r.clause[m.end:r.trigger.start].split()) <= int(words or 0)
                 and not re.search(r"[.,:;]", r.clause[m.end:r.trigger.start])), None)
    if last is None:
        return []
    found = [last]
    for mention in reversed(before[:before.index(last)]):
        gap = r.clause[mention.end:found[-1].start]
        if len(gap) <= 20 and not re.search(r"[.:()]", gap) and LIST_GAP.fullmatch(gap):
            found.append(mention)
    return found[::-1]


def _nearest(r: Reading, _) -> list:
    return sorted(r.typed, key=lambda m: abs(m.start - r.trigger.start))


#: Each cue: a function of what it sees and its argument, giving candidates best first.
CUES = {"trigger": _trigger, "both": _both, "pair": _pair, "before": _before, "after_word": _after_word,
        "after": _after, "adjacent": _adjacent, "next": _next, "marked": _marked, "name_before": _name_before,
        "one_of_pair": _one_of_pair, "state_of": _state_of, "nearest": _nearest, "list_after": _list_after,
        "list_before": _list_before}


def _after_filled(trigger: Trigger, filled: dict) -> int:
    """Where the words after a trigger start, past a role filled right after it ("President of Peru")."""
    end = trigger.end
    for mentions in filled.values():
        for mention in mentions:
            if isinstance(mention, Mention) and mention.start >= trigger.end and mention.start - end < 6:
                end = max(end, mention.end)
    return end


def _name_at(clause: str, start: int, mentions: list[Mention], name_regex) -> list[str]:
    """A person's name starting at ``start`` (past spaces, a comma and the states of an
    accreditation, "untuk Republik Indonesia,"), cut before any other mention."""
    moved = True
    while moved:
        moved = False
        for mention in mentions:
            gap = clause[start:mention.start]
            if "State" in mention.entities and mention.start >= start and re.fullmatch(r"[\s,]*(?:\w{1,6}\s+)?", gap):
                start, moved = mention.end, True
    lead = re.match(r"[\s,]*", clause[start:]).end()
    found = name_regex.match(clause, start + lead)
    if not found:
        return []
    end = found.end()
    for mention in mentions:
        if found.start() <= mention.start < end:
            end = mention.start
    if re.match(r"\s*/", clause[end:]) or any(m.start - end in (0, 1) and "State" in m.entities for m in mentions):
        return []      # words of an office's title ("Menteri Perencanaan … Timor Leste, Gastao …")
    name = re.sub(r"(?:['’]s|(?<=\w\w)\.)$", "", clause[found.start():end].strip(" ,"))
    return [name] if len(name.split()) >= 1 and len(name) > 2 else []
