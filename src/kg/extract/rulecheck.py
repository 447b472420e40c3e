"""Checking a rule against the registry of fact kinds (:mod:`kg.factkinds`) when its file loads.

An unknown fact, field, slot type, slot, constant or ``@`` reference, a slot of a type the
field does not take, a list into a one-value field without ``each``, or a pattern that is not
a regex is a :class:`~kg.errors.RuleError` naming the file and the line of the mistake, so
that no document meets it later.

>>> import yaml
>>> text = "rules:\\n  - id: r\\n    fact: Membership\\n    patterns: ['{State:a} joined']\\n    fields: {member: b}\\n"
>>> node = yaml.compose(text).value[0][1].value[0]
>>> try:
...     check_rule(yaml.safe_load(text)["rules"][0], node, "xx.yaml")
... except Exception as error:
...     print(error)
xx.yaml:5: rule r: field 'member' names the slot 'b', which no pattern has (slots: a)
"""
from __future__ import annotations

import re

import yaml

from ..errors import RuleError
from ..factkinds import KINDS, Field, accepts
from .lexicon import TYPES
from .patterns import PLACEHOLDER, PRIMITIVES

#: The slot types :class:`kg.extract.patterns.Patterns` knows (the lexicon's, the primitives,
#: and those of date and person templates).
SLOT_TYPES = (set(TYPES.values()) | set(PRIMITIVES)
              | {"month", "weekday", "relative", "Date", "Person", "Name", "Amount", "BothStates", "BothLeaders"})
#: What each ``@`` reference gives: a value type, or ``Fact`` (with the kinds named after ``:``).
REFERENCES = {"@date": "Date", "@both_states": "State", "@other": "State", "@holder": "Person",
              "@last": "Fact", "@all": "Fact"}


def check_rule(item: dict, node, path) -> None:
    """Raise a RuleError (file and line) for the first thing in ``item`` the registry does not allow;
    ``node`` is the rule's YAML mapping node."""
    name = item["id"]

    def fail(message: str, *keys) -> None:
        raise RuleError(f"{path}:{_line(node, *keys)}: rule {name}: {message}")

    kind = KINDS.get(item["fact"])
    if kind is None:
        fail(f"unknown fact '{item['fact']}' (kinds: {', '.join(sorted(KINDS))})", "fact")
    slots: dict[str, tuple[str, str]] = {}      # name -> (type, modifier)
    patterns = item["patterns"] if isinstance(item["patterns"], list) else [item["patterns"]]
    for template in patterns:
        if not isinstance(template, str):
            fail("a pattern is a string", "patterns")
        for found in PLACEHOLDER.finditer(template):
            type_name, mod, slot = found.groups()
            if type_name not in SLOT_TYPES:
                fail(f"unknown slot type '{type_name}' in {found.group()} "
                     f"(types: {', '.join(sorted(t for t in SLOT_TYPES if t[0].isupper()))})", "patterns")
            slots.setdefault(slot or type_name, (type_name, mod))
        try:
            re.compile(PLACEHOLDER.sub("(?:x)", template))
        except re.error as error:
            fail(f"pattern {template!r} is not a valid regex: {error}", "patterns")
    fields = item.get("fields") or {}
    if not isinstance(fields, dict):
        fail("'fields' is a mapping of field to slot, list, '=constant' or '@reference'", "fields")
    each = item.get("each") or []
    for field_name in each:
        if field_name not in fields:
            fail(f"'each' names '{field_name}', which is not one of its fields", "each")
    for field_name, spec in fields.items():
        if field_name not in kind.fields:
            fail(f"unknown field '{field_name}' of {kind.name} (fields: {', '.join(sorted(kind.fields))})",
                 "fields", field_name)
        field = kind.fields[field_name]
        values = spec if isinstance(spec, list) else [spec]
        listed = isinstance(spec, list) and len(spec) > 1
        for value in values:
            problem, many = _value_problem(field, str(value), slots)
            if problem:
                fail(f"field '{field_name}' {problem}", "fields", field_name)
            listed = listed or many
        if listed and not field.many and field_name not in each:
            fail(f"field '{field_name}' holds one value but is given a list; name it in 'each' "
                 f"to make one fact per item", "fields", field_name)
    attach = item.get("attach")
    if attach is not None and attach not in KINDS:
        fail(f"'attach' names an unknown fact '{attach}' (kinds: {', '.join(sorted(KINDS))})", "attach")
    given = set(fields)
    if kind.name == "OfficeHolding" and "holder" in given:
        given |= {"office", "state"}        # a person named with an office and state holds it (kg.extract.engine)
    missing = kind.missing(given)
    if attach is None and missing:
        fail(f"a {kind.name} needs the field(s) {', '.join(missing)} (or 'attach' to add to an earlier one)",
             "fields" if fields else "fact")


def _value_problem(field: Field, value: str, slots: dict) -> tuple[str | None, bool]:
    """Why ``value`` cannot fill ``field`` (None when it can), and whether it gives a list."""
    if value.startswith("="):
        if value[1:] not in field.values:
            allowed = ", ".join(sorted(field.values)) or "none"
            return f"takes no constant '{value[1:]}' (allowed: {allowed})", False
        return None, False
    if value.startswith("@"):
        head, _, rest = value.partition(":")
        given = REFERENCES.get(head)
        if given is None:
            return f"has an unknown reference '{value}' (references: {', '.join(sorted(REFERENCES))})", False
        if head in ("@other", "@holder"):
            missing = [s for s in rest.split(":") if s not in slots]
            if not rest or missing:
                return f"reference '{value}' names no slot of the patterns ({', '.join(missing) or 'none given'})", False
        if given == "Fact":
            kinds = rest.split("|") if rest else []
            unknown = [k for k in kinds if k not in KINDS]
            if not kinds or unknown:
                return f"reference '{value}' names an unknown fact ({', '.join(unknown) or 'none given'})", False
            if "Fact" not in field.types or set(kinds) - set(field.facts):
                return f"cannot take '{value}' (it takes {_types(field)})", False
            return None, head == "@all"
        if given not in field.types:
            return f"cannot take '{value}', a {given} (it takes {_types(field)})", False
        return None, head == "@both_states"
    if value not in slots:
        return (f"names the slot '{value}', which no pattern has "
                f"(slots: {', '.join(sorted(slots)) or 'none'})"), False
    type_name, mod = slots[value]
    if not accepts(field, type_name):
        return f"cannot take the slot '{value}', a {type_name} (it takes {_types(field)})", False
    return None, bool(mod) or type_name in ("BothStates", "BothLeaders")


def _types(field: Field) -> str:
    if field.values:
        return "'=" + "', '=".join(sorted(field.values)) + "'"
    return " or ".join(field.types) + (" (a list)" if field.many else "")


def _line(node, *keys) -> int:
    """The line of the deepest of ``keys`` found under the mapping ``node`` (1-based)."""
    line = node.start_mark.line + 1
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in node.value if k.value == key), None)
        if match is None:
            break
        line, node = match[0].start_mark.line + 1, match[1]
    return line


def check_templates(path, nodes, data: dict) -> None:
    """The ``dates`` and ``person`` templates of a language file use known slot types only."""
    for key in ("dates", "person"):
        for template in data.get(key) or []:
            for found in PLACEHOLDER.finditer(str(template)):
                if found.group(1) not in SLOT_TYPES:
                    raise RuleError(f"{path}:{_line(nodes, key)}: {key}: unknown slot type "
                                    f"'{found.group(1)}' in {found.group()}")


def check_lexicon(rules, lexicon, path) -> None:
    """Every lexicon type a rule's slots use has names in the language (else no pattern could match)."""
    lexicon_types = set(TYPES.values())
    for rule in rules:
        for template in rule.patterns:
            for found in PLACEHOLDER.finditer(template):
                if found.group(1) in lexicon_types and found.group(1) not in lexicon.names:
                    raise RuleError(f"{path}:{rule.line}: rule {rule.id}: no {found.group(1)} has a name in "
                                    f"this language (data/reference/), so {found.group()} matches nothing")
