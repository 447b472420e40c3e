"""The frames (data/frames/): every example a frame carries is extracted as it says, and a
frame file with an unknown fact, field, role type or cue fails at load with file and line."""
from pathlib import Path

import pytest

from kg import paths
from kg.build import load_extraction_data
from kg.errors import RuleError
from kg.extract.engine import extract
from kg.extract.frames import load_frames
from kg.facts import Amount, PartialDate, Person
from kg.namespaces import mint

LANGUAGES = load_extraction_data()
EXAMPLES = [(code, frame.id, example) for code, language in sorted(LANGUAGES.items()) if language.frames
            for frame in language.frames.frames for example in frame.examples]


def _shown(value) -> object:
    if isinstance(value, Person):
        return value.name
    if isinstance(value, PartialDate):
        return value.lexical
    if isinstance(value, Amount):
        return f"{value.value:f} {value.currency}"
    if isinstance(value, list):
        return sorted(_shown(v) for v in value)
    return str(value).rsplit("/", 1)[-1]


def _wanted(value) -> object:
    if isinstance(value, list):
        return sorted(_wanted(v) for v in value)
    text = str(value)
    return text.lower() if len(text) == 2 and text.isupper() else text


def test_every_language_with_rules_has_frames_with_examples():
    assert {code for code, _, _ in EXAMPLES} == set(LANGUAGES)
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("code, frame, example", EXAMPLES, ids=[f"{f}-{i}" for i, (_, f, _) in enumerate(EXAMPLES)])
def test_frame_example(code, frame, example):
    language = LANGUAGES[code]
    pair = tuple(sorted(str(mint("state", c)) for c in example.get("pair") or [])) or None
    facts = _extract(example["text"], language, pair)
    if not example["facts"]:     # a sentence the frame must not read as a fact of its kind
        kind = next(f.fact for f in language.frames.frames if f.id == frame)
        assert not [f.fields for f in facts if f.kind == kind], f"{frame}: no {kind} expected"
    for wanted in example["facts"]:
        assert any(all(_shown(fact.fields.get(name)) == _wanted(value) for name, value in wanted.items())
                   for fact in facts), f"{frame}: {wanted} not among {[f.fields for f in facts]}"


def _extract(text, language, pair):
    """The facts of ``text``; an example's ``pair`` stands for the document's pair (its title)."""
    from kg.extract import engine

    if pair is None:
        return extract(text, language, "example").facts
    original = engine._pair
    engine._pair = lambda *_: pair
    try:
        return extract(text, language, "example").facts
    finally:
        engine._pair = original


@pytest.mark.parametrize("body, message", [
    ("frames:\n  - id: x\n    fact: Nonsense\n    triggers: [a]\n", "unknown fact 'Nonsense'"),
    ("frames:\n  - id: x\n    fact: Membership\n    triggers: [a]\n    roles:\n      place: {types: [City]}\n",
     "unknown field 'place'"),
    ("frames:\n  - id: x\n    fact: Membership\n    triggers: [a]\n    roles:\n      member: {types: [Planet]}\n",
     "unknown or missing type(s) Planet"),
    ("frames:\n  - id: x\n    fact: Membership\n    triggers: [a]\n    roles:\n"
     "      member: {types: [State], cues: [telepathy]}\n", "unknown cue 'telepathy'"),
    ("frames:\n  - id: x\n    fact: Mission\n    triggers: [a]\n    roles:\n      city: {types: [State]}\n",
     "a State cannot fill the field city of Mission"),
    ("frames:\n  - id: x\n    fact: Mission\n    triggers: [a]\n    set: {kind: palace}\n",
     "set: kind takes one of consulate, embassy, non-resident, not 'palace'"),
    ("frames:\n  - id: x\n    fact: Mission\n    triggers: [a]\n    set: {kind: embassy}\n    roles:\n"
     "      city: {types: [City]}\n", "a Mission needs the field(s) sending"),
])
def test_a_bad_frame_names_file_and_line(tmp_path: Path, body, message):
    (tmp_path / "language.yaml").write_text("language: xx\n", encoding="utf-8")
    path = tmp_path / "membership.yaml"
    path.write_text("# a comment\n\n" + body, encoding="utf-8")
    with pytest.raises(RuleError) as failure:
        load_frames(tmp_path)
    assert f"{path}:4:" in str(failure.value) and message in str(failure.value)


@pytest.mark.parametrize("name, body, message", [
    ("language.yaml", "language: xx\nframes: []\n", "unknown key(s) frames"),
    ("language.yaml", "language: xx\nmatch: fuzzy\n", "'match' is 'word' or 'prefix'"),
    ("event.yaml", "language: xx\nframes: []\n", "one key, 'frames'"),
])
def test_a_bad_language_or_frame_file_is_named(tmp_path: Path, name, body, message):
    (tmp_path / "language.yaml").write_text("language: xx\n", encoding="utf-8")
    (tmp_path / name).write_text(body, encoding="utf-8")
    with pytest.raises(RuleError) as failure:
        load_frames(tmp_path)
    assert str(tmp_path / name) in str(failure.value) and message in str(failure.value)


def test_the_shipped_frame_folders_load():
    folders = sorted(p for p in paths.FRAMES_DIR.iterdir() if p.is_dir())
    assert {p.name for p in folders} == set(LANGUAGES)
    for folder in folders:
        assert load_frames(folder).frames
