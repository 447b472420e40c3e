"""The registry of fact kinds (kg.factkinds) and the loaders that check rules and frames
against it: every kind of mistake in a rule or frame file fails at load with file and line."""
from pathlib import Path

import pytest

from kg.errors import RuleError
from kg.extract.language import load_language
from kg.factkinds import KINDS
from kg.facts import FRAME_FIELDS

HEAD = "language: id\nsentence_boundary: '\\s+'\nrules:\n  - id: r1\n"


@pytest.mark.parametrize("body, line, message", [
    ("    fact: Friendship\n    patterns: ['{State:a}']\n", 5, "unknown fact 'Friendship'"),
    ("    fact: Membership\n    patterns: ['{State:a} joined {Organization:o}']\n"
     "    fields:\n      member: a\n      organisation: o\n", 9, "unknown field 'organisation' of Membership"),
    ("    fact: Membership\n    patterns: ['{State:a} joined {Organization:o}']\n"
     "    fields:\n      member: b\n      organization: o\n", 8, "names the slot 'b', which no pattern has"),
    ("    fact: Membership\n    patterns:\n      - '{Planet:a} joined'\n", 6, "unknown slot type 'Planet'"),
    ("    fact: Mission\n    patterns: ['{State:a} opened']\n    fields: {sending: a, host: '@neighbour'}\n",
     7, "unknown reference '@neighbour'"),
    ("    fact: Mission\n    patterns: ['{State:a} opened']\n    fields: {sending: a, host: '@other:b'}\n",
     7, "reference '@other:b' names no slot"),
    ("    fact: Cooperation\n    patterns: ['{Area:a}']\n    fields: {area: a, context: '@last:Treaty'}\n",
     7, "'@last:Treaty' names an unknown fact"),
    ("    fact: Mission\n    patterns: ['{State:a} opened']\n    fields: {sending: a, kind: '=palace'}\n",
     7, "takes no constant 'palace' (allowed: consulate, embassy, non-resident)"),
    ("    fact: Mission\n    patterns: ['{State:a} opened {City:c}']\n    fields: {sending: c}\n",
     7, "cannot take the slot 'c', a City (it takes State)"),
    ("    fact: Membership\n    patterns: ['{State:a} and {State:b} joined {Organization:o}']\n"
     "    fields: {member: [a, b], organization: o}\n", 7, "holds one value but is given a list"),
    ("    fact: Membership\n    patterns: ['{State:a} (joined']\n", 6, "is not a valid regex"),
    ("    fact: Membership\n    patterns: ['{State:a}']\n    fields: {member: a}\n    each: [organization]\n",
     8, "'each' names 'organization'"),
    ("    fact: Event\n    patterns: ['{State:a}']\n    attach: Party\n", 7, "'attach' names an unknown fact"),
    ("    fact: Event\n    patterns: ['{State:a}']\n    fields: {kind: '=visit'}\n  - id: r1\n    fact: Event\n    patterns: [x]\n",
     8, "the id is also the rule's at line 4"),
    ("    fact: Mission\n    patterns: ['{State:a} opened']\n    fields: {sending: a}\n",
     7, "a Mission needs the field(s) kind, host|city"),
    ("    fact: Membership\n    patterns: ['{State:a} joined']\n", 5, "a Membership needs the field(s) member, organization"),
])
def test_a_bad_rule_names_file_and_line(tmp_path: Path, body, line, message):
    path = tmp_path / "xx.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(RuleError) as failure:
        load_language(path, lexicon_graph=None)
    assert f"{path}:{line}:" in str(failure.value)
    assert message in str(failure.value)


def test_an_unknown_language_code_is_a_rule_error(tmp_path: Path):
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\nsentence_boundary: '\\s+'\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"xx.yaml:1: language 'xx' is not a language CLDR knows"):
        load_language(path, lexicon_graph=None)


def test_a_date_template_with_an_unknown_slot_type_fails_at_load(tmp_path: Path):
    path = tmp_path / "xx.yaml"
    path.write_text("language: id\nsentence_boundary: '\\s+'\ndates: ['{day} {moon}']\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"xx.yaml:3: dates: unknown slot type 'moon'"):
        load_language(path, lexicon_graph=None)


def test_frame_fields_are_the_registrys():
    assert FRAME_FIELDS == {name: set(kind.fields) for name, kind in KINDS.items()}


def test_every_key_field_is_a_field_of_its_kind():
    for kind in KINDS.values():
        assert set(kind.key) <= set(kind.fields), kind.name
        assert set(kind.refined) <= set(kind.key), kind.name
        assert len({k.iri for k in KINDS.values()}) == len(KINDS)


def test_the_evaluator_compares_every_kind_the_registry_names():
    from kg.evaluate import KEY_QUERIES, WHERE_GIVEN

    assert {kind.case for kind in KINDS.values()} == set(KEY_QUERIES)
    assert WHERE_GIVEN["mission"] == {"city", "date", "status"}


def test_the_mapping_has_a_class_for_every_allowed_kind():
    from kg.mapping import AGREEMENT_CLASSES, AGREEMENT_NAMES, EVENT_CLASSES, EVENT_NAMES, MISSION_KINDS

    assert set(AGREEMENT_NAMES) == set(AGREEMENT_CLASSES) == set(KINDS["Agreement"].fields["kind"].values)
    assert set(EVENT_NAMES) == set(EVENT_CLASSES) == set(KINDS["Event"].fields["kind"].values)
    assert set(MISSION_KINDS) == set(KINDS["Mission"].fields["kind"].values)


def test_every_class_the_registry_gives_is_in_the_ontology():
    from rdflib import OWL, RDF, Graph

    from kg import paths
    from kg.rdfterms import KG

    ontology = Graph().parse(paths.ONTOLOGY_FILE)
    classes = {cls for kind in KINDS.values() for field in kind.fields.values() for cls in field.values.values() if cls}
    assert classes and all((KG[cls], RDF.type, OWL.Class) in ontology for cls in classes)
