"""Scope (kg.extract.reader, the scope lists of data/rules/<lang>.yaml and
data/frames/<lang>/language.yaml): a reported denial or a condition states no fact, a plan, a
hope or an intention states a planned one, in the clause of its cue only."""
import pytest

from kg.build import load_extraction_data
from kg.extract.engine import extract

LANGUAGES = load_extraction_data()

DENIED = [
    ("en", "The Foreign Ministry denied that Kenya had opened an embassy in Oslo."),
    ("en", "Officials denied reports that President Ruto visited Norway last week."),
    ("en", "Norway dismissed claims that it signed a trade agreement with Kenya."),
    ("en", "Norway rejected reports that Kenya and Norway had established diplomatic relations."),
    ("en", "Kenya has no intention of opening an embassy in Oslo."),
    ("en", "If Kenya opens an embassy in Oslo, trade will grow."),
    ("en", "Had the two countries signed the agreement, trade would have doubled."),
    ("id", "Kementerian Luar Negeri membantah bahwa Indonesia telah membuka kedutaan besar di Nairobi."),
    ("id", "Indonesia menepis kabar bahwa kedua negara telah menandatangani perjanjian perdagangan."),
    ("id", "Jika Indonesia membuka kedutaan di Nairobi, perdagangan akan meningkat."),
    ("es", "El Ministerio desmintió que Perú haya abierto una embajada en Nairobi."),
    ("es", "El gobierno negó que el presidente Gustavo Petro visitara Kenia."),
    ("es", "Perú rechazó los informes de que Perú y Kenia firmaron un acuerdo comercial."),
    ("es", "Si Perú abre una embajada en Nairobi, el comercio crecerá."),
    ("bn", "পররাষ্ট্র মন্ত্রণালয় অস্বীকার করেছে যে বাংলাদেশ নাইরোবিতে দূতাবাস খুলেছে।"),
    ("bn", "যদি বাংলাদেশ নাইরোবিতে দূতাবাস খোলে, তাহলে বাণিজ্য বাড়বে।"),
    ("en", "The state visit of President Ruto to Norway on 3 May 2024 was cancelled."),
    ("id", "Kunjungan kenegaraan Presiden Joko Widodo ke Kenya pada 3 Mei 2024 dibatalkan."),
    ("es", "Perú y Kenia cancelaron la reunión bilateral prevista en Lima el 3 de mayo de 2024."),
]

PLANNED = [
    ("en", "Kenya hopes to open an embassy in Oslo next year."),
    ("en", "Kenya is considering opening an embassy in Oslo."),
    ("id", "Indonesia berharap dapat membuka kedutaan besar di Nairobi."),
    ("id", "Indonesia bermaksud membuka konsulat di Mombasa."),
    ("id", "Indonesia hendak membuka kedutaan besar di Nairobi."),
    ("es", "Perú prevé abrir una embajada en Nairobi."),
    ("es", "Perú espera abrir una embajada en Nairobi el próximo año."),
    ("es", "Perú quiere abrir una embajada en Nairobi."),
    ("bn", "বাংলাদেশ নাইরোবিতে দূতাবাস খুলবে।"),
    ("bn", "বাংলাদেশ নাইরোবিতে দূতাবাস খুলতে চায়।"),
]


def _facts(code: str, text: str) -> list:
    return [f for f in extract(text, LANGUAGES[code], "d").facts if f.kind != "OfficeHolding"]


@pytest.mark.parametrize("code,text", DENIED)
def test_a_denial_or_a_condition_states_no_fact(code, text):
    assert _facts(code, text) == []


@pytest.mark.parametrize("code,text", PLANNED)
def test_a_plan_hope_or_intention_states_a_planned_mission(code, text):
    found = _facts(code, text)
    assert [(f.kind, f.fields.get("status")) for f in found] == [("Mission", "planned")]


@pytest.mark.parametrize("code,text", [
    ("en", "Kenya opened an embassy in Oslo in 2010, while Norway denied that it would open one in Nairobi."),
    ("es", "Perú abrió una embajada en Nairobi en 2010, mientras Kenia desmintió que abriría una en Lima."),
])
def test_a_denial_stays_in_its_clause(code, text):
    found = _facts(code, text)
    assert [(f.kind, f.fields.get("status")) for f in found] == [("Mission", None)]


@pytest.mark.parametrize("code,text,kind", [
    ("en", "Kenya, a member of the WTO since 1995, said it will host the meeting.", "Membership"),
    ("es", "Perú y Kenia establecieron relaciones diplomáticas en 1990, y el ministro dijo que el comercio crecerá.",
     "BilateralRelation"),
])
def test_a_plan_after_the_fact_leaves_it_standing(code, text, kind):
    assert kind in [f.kind for f in _facts(code, text)]


@pytest.mark.parametrize("code,text", [
    ("en", "Kenya will join the WTO."),
    ("en", "Diplomatic relations between Kenya and Norway will be established next year."),
    ("es", "Las relaciones diplomáticas entre Perú y Kenia se establecerán el próximo año."),
])
def test_a_plan_that_reaches_the_fact_states_none_of_its_kind(code, text):
    assert _facts(code, text) == []
