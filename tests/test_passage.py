"""What a sentence takes from the passage before it (kg.extract.scene): the city of a trip
for the later days of it, and an official named before for a personal pronoun.

The sentences are made up for these tests, of the kind the press writes.
"""
from __future__ import annotations

import pytest

from kg.build import load_extraction_data
from kg.extract.engine import extract
from kg.facts import PartialDate


@pytest.fixture(scope="module")
def languages():
    return load_extraction_data()


def events(languages, language, text, title):
    found = extract(text, languages[language], "doc", PartialDate(2021, 3, 12), title).facts
    return sorted((f.fields["kind"], getattr(f.fields.get("date"), "lexical", None),
                   str(f.fields.get("place", "-")).rsplit("/", 1)[-1]) for f in found if f.kind == "Event")


def test_a_later_day_of_a_trip_is_in_its_city(languages):
    text = ("Chilean Foreign Minister Andrés Allamand arrived in Wellington on 8 March 2021 for an official visit.\n"
            "On 10 March, he held talks with Foreign Minister Nanaia Mahuta on trade.")
    assert events(languages, "en", text, "Chile and New Zealand") == [
        ("bilateral-meeting", "2021-03-10", "wellington"), ("visit", "2021-03-08", "wellington")]


def test_a_day_weeks_after_the_trip_is_not_in_its_city(languages):
    text = ("Chilean Foreign Minister Andrés Allamand arrived in Wellington on 8 March 2021 for an official visit.\n"
            "On 30 March, he held talks with Foreign Minister Nanaia Mahuta on trade.")
    assert ("bilateral-meeting", "2021-03-30", "-") in events(languages, "en", text, "Chile and New Zealand")


def test_a_pronoun_after_an_official_is_that_official(languages):
    named = ("Presiden Brasil Luiz Inácio Lula da Silva tiba di Buenos Aires.\n"
             "Dia akan mengadakan pertemuan dengan Alberto Fernández.")
    assert ("bilateral-meeting", None, "-") in events(languages, "id", named, "Brasil dan Argentina")
    nobody = "Turis Brasil tiba di Buenos Aires.\nDia akan mengadakan pertemuan dengan kawan-kawan."
    assert events(languages, "id", nobody, "Brasil dan Argentina") == []
