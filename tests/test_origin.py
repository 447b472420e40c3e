"""Where a document comes from gives the state of the officials it names bare
(kg.extract.origin): the outlet, the URL's country-code domain, the language's home.

The sentences are made up for these tests, of the kind the press writes.
"""
from __future__ import annotations

import csv

import pytest

from kg import paths
from kg.build import load_extraction_data
from kg.extract.engine import extract
from kg.facts import PartialDate


@pytest.fixture(scope="module")
def languages():
    return load_extraction_data()


def holdings(languages, language, text, title, url):
    found = extract(text, languages[language], "doc", PartialDate(2025, 3, 4), title, "", url).facts
    return {(f.fields["holder"].name, f.fields["state"].rsplit("/", 1)[-1]) for f in found if f.kind == "OfficeHolding"}


PERU = ("El canciller Elmer Schialer recibió este martes al embajador de Brasil en Lima, Clemente Baena Soares. "
        "Ambos conversaron sobre la agenda bilateral entre el Perú y Brasil.")


@pytest.mark.parametrize("url, state", [
    ("https://gestion.pe/economia/x", "pe"),              # the country-code domain
    ("https://www.infobae.com/america/x", None),          # an Argentine outlet: a third state's
    ("https://www.prensa-latina.cu/2025/03/04/x", None),  # a Cuban agency: a third state's
    ("https://es.wikipedia.org/wiki/x", None),            # nothing told, and Spanish has no home
])
def test_a_bare_official_serves_the_state_the_document_comes_from(languages, url, state):
    found = holdings(languages, "es", PERU, "Perú y Brasil", url)
    assert ("Clemente Baena Soares", "br") in found
    assert {s for name, s in found if name == "Elmer Schialer"} == ({state} if state else set())


def test_an_outlet_under_a_generic_domain_is_known_by_its_host(languages):
    text = "Foreign Minister Sugiono received the Ambassador of Peru, Luis Tsuboyama, in Jakarta on Monday."
    assert holdings(languages, "en", text, "Indonesia and Peru", "https://www.thejakartapost.com/x") == {
        ("Sugiono", "id"), ("Luis Tsuboyama", "pe")}
    assert holdings(languages, "en", text, "Indonesia and Peru", "https://www.reuters.com/x") == {
        ("Luis Tsuboyama", "pe")}


def test_bengali_press_is_bangladeshi_unless_its_outlet_is_indian(languages):
    dhaka = "পররাষ্ট্রমন্ত্রী হাছান মাহমুদ ঢাকায় ভারতের হাইকমিশনার প্রণয় ভার্মার সঙ্গে বৈঠক করেন।"
    assert ("হাছান মাহমুদ", "bd") in holdings(languages, "bn", dhaka, "বাংলাদেশ-ভারত বৈঠক", "https://example.com/x")
    delhi = "পররাষ্ট্রমন্ত্রী এস জয়শঙ্কর দিল্লিতে বাংলাদেশের হাইকমিশনার মোস্তাফিজুর রহমানের সঙ্গে বৈঠক করেন।"
    found = holdings(languages, "bn", delhi, "ভারত-বাংলাদেশ বৈঠক", "https://www.anandabazar.com/x")
    assert ("এস জয়শঙ্কর", "in") in found


def test_two_bare_holders_of_one_office_serve_no_state(languages):
    text = "The host conveyed the regards of President Lenin Moreno to President Tran Dai Quang."
    assert holdings(languages, "en", text, "Vietnam and Ecuador", "https://english.vov.vn/x") == set()


def test_every_outlet_is_listed_once_with_a_known_state():
    import pycountry

    states = {country.alpha_2 for country in pycountry.countries}
    with open(paths.REFERENCE_DIR / "outlets.tsv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader((line for line in stream if not line.startswith("#")), delimiter="\t"))
    hosts = [row["host"] for row in rows]
    assert len(hosts) == len(set(hosts)) > 100
    for row in rows:
        assert row["host"] == row["host"].lower() and "/" not in row["host"], row
        assert row["state"] in states, row
