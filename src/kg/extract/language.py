"""A language's extraction data: one YAML file per language in ``data/rules/``.

The file holds how sentences end, the inflection suffixes, the words that join lists,
date and person templates, scale words and currencies, the phrases that mean "both
countries" or "both leaders", and the rules (see ``data/rules/README.md``).

>>> lang = load_language(paths.RULES_DIR / "id.yaml", lexicon_graph=None)
>>> lang.code
'id'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.core import UnknownLocaleError

from .. import paths  # noqa: F401  (used by the doctest)
from ..errors import RuleError
from .currencies import cldr_currencies
from .lexicon import Lexicon
from .rulecheck import check_lexicon, check_rule, check_templates
from .yamlfile import read_yaml

REQUIRED = ("language", "sentence_boundary", "rules")


@dataclass
class Rule:
    """One extraction rule: patterns to match in a sentence and the fact they state."""

    id: str
    fact: str
    patterns: list[str]
    fields: dict[str, object]
    each: list[str] = field(default_factory=list)
    attach: str | None = None
    areas: bool = False
    line: int = 0


@dataclass
class Language:
    """Everything extraction knows about one language."""

    code: str
    source: Path
    sentence_boundary: str
    abbreviations: list[str]
    suffixes: list[str]
    list_words: list[str]
    decimal_mark: str
    months: dict[str, int]
    weekdays: dict[str, int]
    dates: list[str]
    scales: dict[str, int]
    currencies: dict[str, str]
    both_states: list[str]
    both_leaders: list[str]
    leader_offices: list[str]
    kind_words: dict[str, list[str]]
    person: list[str]
    name: str
    rules: list[Rule]
    negation: list[str] = field(default_factory=list)
    commentary: list[str] = field(default_factory=list)
    hypothetical: list[str] = field(default_factory=list)   # "If X opens an embassy, …": no fact but titles
    planned: list[str] = field(default_factory=list)
    relative_dates: dict[str, dict[str, int]] = field(default_factory=dict)
    common_words: list[str] = field(default_factory=list)
    lexicon: Lexicon | None = None
    frames: object = None                 # kg.extract.frames.Frames, from data/frames/<code>/
    gazetteer: object = None              # kg.extract.gazetteer.Gazetteer over the lexicon's names
    city_states: dict[str, str] = field(default_factory=dict)
    frame_both: list[str] = field(default_factory=list)
    name_regex: object = None
    articles: list[str] = field(default_factory=list)   # "la", "the": not part of a free list's item


def load_language(path: Path, lexicon_graph) -> Language:
    """Read and check a language file; ``lexicon_graph`` supplies the entity names."""
    nodes, data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file is a mapping with the keys {', '.join(REQUIRED)}")
    for key in REQUIRED:
        if key not in data:
            raise RuleError(f"{path}: missing key '{key}'")
    from .dates import month_names, weekday_names

    check_templates(path, nodes, data)
    code = data["language"]
    try:
        months, weekdays = month_names(code, data.get("months")), weekday_names(code, data.get("weekdays"))
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise RuleError(f"{path}:{_key_line(nodes, 'language')}: language {code!r} is not a language "
                        f"CLDR knows ({error})") from None
    language = Language(
        code=code,
        source=path,
        sentence_boundary=data["sentence_boundary"],
        abbreviations=data.get("abbreviations", []),
        suffixes=data.get("suffixes", []),
        list_words=data.get("list_words", []),
        articles=data.get("articles", []),
        decimal_mark=data.get("decimal_mark", "."),
        months=months,
        weekdays=weekdays,
        dates=data.get("dates", []),
        scales={k.casefold(): int(v) for k, v in (data.get("scales") or {}).items()},
        currencies={**cldr_currencies(code),      # CLDR's names, symbols and codes ("Ghanaian cedis", "KES")
                    **{k.casefold(): v for k, v in (data.get("currencies") or {}).items()}},
        both_states=data.get("both_states", []),
        both_leaders=data.get("both_leaders", []),
        leader_offices=data.get("leader_offices", []),
        kind_words=data.get("kind_words") or {},
        person=data.get("person", []),
        name=data.get("name", r"[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*)*"),
        rules=_rules(path, data["rules"], _rule_nodes(nodes)),
        negation=data.get("negation", []),
        commentary=data.get("commentary", []),
        hypothetical=data.get("hypothetical", []),
        planned=data.get("planned", []),
        relative_dates={k.casefold(): v for k, v in (data.get("relative_dates") or {}).items()},
        common_words=data.get("common_words", []),
    )
    if lexicon_graph is not None:
        from ..reference import BULK_SOURCES

        language.lexicon = Lexicon.from_graph(lexicon_graph, code, language.suffixes, BULK_SOURCES)
        check_lexicon(language.rules, language.lexicon, path)
        _general_layer(language, lexicon_graph)
    return language


def _general_layer(language: Language, graph) -> None:
    """The frames, the gazetteer and the cities' states, for kg.extract.reader."""
    from rdflib import RDF
    from rdflib.namespace import SKOS

    from ..rdfterms import KG, mint
    from ..reference import writes_latin
    from .demonyms import cldr_demonyms
    from . import frames
    from .frames import load_frames
    from .gazetteer import ACRONYM, Gazetteer, read_demonyms, read_regions
    from .statenames import other_state_names
    from .inflect import area_forms, number_forms
    from .variants import spelling_variants

    language.frames = load_frames(paths.FRAMES_DIR / language.code)
    if language.frames is None:
        return
    names = list(language.lexicon.labels)
    names += [(str(acronym), "Organization", str(organization))      # acronyms match only as written
              for organization in graph.subjects(RDF.type, KG.InternationalOrganization)
              for acronym in graph.objects(organization, SKOS.notation)]
    if not writes_latin(language.code):        # a Bengali text writes "ASEAN", "WTO" as they are
        names += [(str(label), "Organization", str(organization))
                  for organization in graph.subjects(RDF.type, KG.InternationalOrganization)
                  for label in graph.objects(organization, SKOS.altLabel) if ACRONYM.fullmatch(str(label))]
    names += [(form, type_name, str(mint("state", iso)))
              for table in ("demonyms.tsv", "demonyms-press.tsv")
              for form, type_name, iso in read_demonyms(paths.REFERENCE_DIR / table, language.code)]
    names += [(form, "Demonym", str(mint("state", iso))) for form, iso in cldr_demonyms(language.code)]
    names += [(name, "State", str(mint("state", iso))) for name, iso in other_state_names(language.code)]
    names += read_regions(paths.REFERENCE_DIR / "regions.tsv", language.code)
    names += [(form, type_name, iri) for name, type_name, iri in list(names) if type_name == "Product"
              for form in number_forms(name, language.code)]      # "grape" is the product "grapes"
    names += [(form, type_name, iri) for name, type_name, iri in list(names) if type_name == "Area"
              for form in area_forms(name, language.code)]        # "técnico" is also "técnicas"
    common = {word.casefold() for word in language.common_words}
    names = [(form, type_name, iri) for name, type_name, iri in names
             for form in spelling_variants(name, language.code) if form.casefold() not in common]
    language.gazetteer = Gazetteer(names, language.suffixes)
    language.city_states = {str(city): str(state) for city in graph.subjects(RDF.type, KG.City)
                            for state in graph.objects(city, KG.inState)}
    frames.CAPITALS.update({str(state): str(city) for city, state in graph.subject_objects(KG.isCapitalOf)})
    language.frame_both = language.frames.both
    language.name_regex = language.frames.name_regex(language.name)


def _key_line(nodes, name: str) -> int:
    return next((key.start_mark.line + 1 for key, _ in getattr(nodes, "value", []) if key.value == name), 1)


def _rule_nodes(nodes) -> list:
    for key, value in getattr(nodes, "value", []):
        if key.value == "rules" and isinstance(value, yaml.SequenceNode):
            return value.value
    return []


def _rules(path: Path, items, nodes: list) -> list[Rule]:
    """The rules of a file, each checked against the registry of fact kinds (kg.extract.rulecheck)."""
    if not isinstance(items, list):
        raise RuleError(f"{path}: 'rules' must be a list")
    rules, seen = [], {}
    for index, item in enumerate(items):
        line = nodes[index].start_mark.line + 1 if index < len(nodes) else 0
        where = f"{path}:{line}"
        if not isinstance(item, dict):
            raise RuleError(f"{where}: a rule is a mapping")
        for key in ("id", "fact", "patterns"):
            if key not in item:
                raise RuleError(f"{where}: rule is missing '{key}'")
        unknown = set(item) - {"id", "fact", "patterns", "fields", "each", "attach", "areas", "note"}
        if unknown:
            raise RuleError(f"{where}: rule {item['id']}: unknown key(s) {', '.join(sorted(unknown))}")
        if item["id"] in seen:
            raise RuleError(f"{where}: rule {item['id']}: the id is also the rule's at line {seen[item['id']]}")
        seen[item["id"]] = line
        check_rule(item, nodes[index], path)
        patterns = item["patterns"] if isinstance(item["patterns"], list) else [item["patterns"]]
        rules.append(Rule(id=item["id"], fact=item["fact"], patterns=patterns,
                          fields=item.get("fields") or {}, each=item.get("each") or [],
                          attach=item.get("attach"), areas=bool(item.get("areas")), line=line))
    return rules


def load_languages(rules_dir: Path, lexicon_graph) -> dict[str, Language]:
    """Every ``<language>.yaml`` in ``rules_dir``, by language code."""
    languages = {}
    for path in sorted(rules_dir.glob("*.yaml")):
        language = load_language(path, lexicon_graph)
        languages[language.code] = language
    return languages
