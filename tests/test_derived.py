"""The derived graph (kg.derived) and what the stored queries gain from it: the fact column,
optional filters, and display values that `kg add` keeps up to date.

Expected values are the seed documents' (see test_answers): one bilateral relation,
Indonesia–Peru (kgr:relation/id-pe), established 1975-08-12; an MoU of 2013-10.
"""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg import queries as kq
from kg.derived import DISPLAY_LABEL, display_name
from kg.namespaces import DERIVED_GRAPH, KGR
from kg.store import open_store

ID, PE, BR = KGR + "state/id", KGR + "state/pe", KGR + "state/br"


@pytest.fixture(scope="module")
def store(built_store_path):
    with open_store(built_store_path) as opened:
        yield opened


def rows(store, name, lang="en", **values):
    result = kq.run(store, kq.find(name), values, lang)
    columns = [v.value for v in result.variables]
    return [dict(zip(columns, (None if t is None else t.value for t in s))) for s in result]


def test_display_name_falls_back_to_english_then_any_label():
    assert display_name([("Peru", "en"), ("Perú", "es")], "es") == "Perú"
    assert display_name([("Peru", "en"), ("Perú", "es")], "bn") == "Peru"
    assert display_name([("Pérou", "fr"), ("Perú", "es")], "bn") == "Perú"  # the least: "e" < "é"
    assert display_name([], "en") is None


def test_the_built_store_holds_the_derived_graph(store):
    found = {q.object for q in store.quads(ox.NamedNode(DERIVED_GRAPH))
             if q.subject == ox.NamedNode(PE) and q.predicate == DISPLAY_LABEL}
    assert ox.Literal("Peru", language="en") in found
    assert ox.Literal("পেরু", language="bn") in found


def test_rows_link_back_to_their_fact(store):
    (relation,) = rows(store, "relations")
    assert relation["fact"] == KGR + "relation/id-pe"
    quotes = rows(store, "evidence", fact=relation["fact"])
    assert quotes and all(q["quote"] in relation["evidence"] for q in quotes)


@pytest.mark.parametrize("values", [{"state": PE}, {"a": ID, "b": PE}, {"a": PE, "b": ID},
                                    {"since": "1975"}, {"until": "1975-08"}])
def test_an_optional_filter_keeps_the_matching_rows(store, values):
    assert [r["fact"] for r in rows(store, "relations", **values)] == [KGR + "relation/id-pe"]


@pytest.mark.parametrize("values", [{"state": BR}, {"a": ID, "b": BR}, {"since": "1975-08-13"},
                                    {"until": "1975-07"}])
def test_an_optional_filter_drops_the_others(store, values):
    assert rows(store, "relations", **values) == []


def test_events_filtered_by_date_are_a_slice_of_all_events(store):
    every = rows(store, "events")
    recent = rows(store, "events", since="2024")
    assert recent == [r for r in every if (r["date"] or "") >= "2024"]
    assert 0 < len(recent) < len(every)


def test_an_unknown_language_is_shown_as_english(store):
    result = kq.run(store, kq.find("relations"), {"lang": "fr"})
    assert [[t.value for t in s][:2] for s in result] == [["Indonesia", "Peru"]]


def test_kg_add_updates_the_names_the_batch_changes(built_store_path, tmp_path):
    from kg.validate import add

    path = tmp_path / "store"
    shutil.copytree(built_store_path, path)
    batch = tmp_path / "batch.ttl"
    batch.write_text('<https://kg.example.org/id/state/pe> <http://www.w3.org/2004/02/skos/core#prefLabel> '
                     '"A Peru"@en .\n', encoding="utf-8")
    result = add([batch], str(path))
    assert result.report.conforms, [v.message for v in result.report.violations]
    with open_store(path) as opened:
        assert rows(opened, "relations")[0]["state_b"] == "A Peru"
        assert "A Peru" in rows(opened, "agreements", state=PE)[0]["parties"]
