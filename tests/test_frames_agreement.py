"""Agreement and cooperation frames (data/frames/<lang>/agreement.yaml, cooperation.yaml): a
planned signing is a planned agreement, a signed one stays signed when a plan follows it, and
areas of cooperation hang on the agreement or event the document states."""
import pytest

from kg.build import load_extraction_data
from kg.extract.engine import extract

LANGUAGES = load_extraction_data()


def _agreements(text, code):
    return [f for f in extract(text, LANGUAGES[code], "d").facts if f.kind == "Agreement"]


@pytest.mark.parametrize("code, text, status", [
    ("en", "Kenya and Vietnam will sign a memorandum of understanding on fisheries.", "planned"),
    ("en", "The visa agreement signed by Peru and Japan in 2019 will boost tourism.", "signed"),
    ("id", "Indonesia dan Kenya akan menandatangani nota kesepahaman di bidang perikanan.", "planned"),
    ("id", "Persetujuan yang ditandatangani Indonesia dan Kenya diharapkan akan meningkatkan perdagangan.", "signed"),
])
def test_a_plan_before_the_signing_makes_a_planned_agreement(code, text, status):
    found = _agreements(text, code)
    assert found and {f.fields.get("status", "signed") for f in found} == {status}


def test_an_agreement_with_a_third_state_is_not_the_pair():
    # two states named, one of them outside the pair: the parties are the two named
    found = _agreements("Indonesia and Japan signed an agreement on energy in 2019.", "en")
    assert [sorted(p.rsplit("/", 1)[1] for p in f.fields["parties"]) for f in found] == [["id", "jp"]]


def _cooperations(text, code="en"):
    return [f for f in extract(text, LANGUAGES[code], "d").facts if f.kind == "Cooperation"]


def _area(fact):
    return fact.fields["area"].rsplit("/", 1)[1]


def test_cooperation_without_an_agreement_or_event_is_between_the_two_states():
    # the document states no agreement or event: the two states that cooperate
    held = _cooperations("Kenya and Vietnam cooperate in fisheries and tourism.")
    assert sorted(_area(f) for f in held) == ["fisheries", "tourism"]
    assert all("context" not in f.fields and sorted(s.rsplit("/", 1)[1] for s in f.fields["states"]) == ["ke", "vn"]
               for f in held)


def test_cooperation_is_held_by_the_agreement_or_event_the_document_states():
    held = _cooperations("Kenya and Vietnam signed an MoU in 2019. Cooperation in fisheries has grown since.")
    assert [_area(f) for f in held] == ["fisheries"]
    assert held[0].fields["context"].kind == "Agreement" and "states" not in held[0].fields


def test_cooperation_needs_a_context_or_two_states():
    assert not _cooperations("There is very good cooperation in fisheries.")
