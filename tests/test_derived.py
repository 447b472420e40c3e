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
from kg.namespaces import DERIVED_GRAPH, KG, KGR
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
    batch.write_text('<https://w3id.org/bilateral-relations/id/state/pe> <http://www.w3.org/2004/02/skos/core#prefLabel> '
                     '"A Peru"@en .\n', encoding="utf-8")
    result = add([batch], str(path))
    assert result.report.conforms, [v.message for v in result.report.violations]
    with open_store(path) as opened:
        assert rows(opened, "relations")[0]["state_b"] == "A Peru"
        assert "A Peru" in rows(opened, "agreements", state=PE)[0]["parties"]


def test_pages_put_together_are_the_whole_listing(store):
    whole = [[t.value for t in s] for s in kq.run(store, kq.find("exports"), {})]
    pages = []
    for offset in range(0, len(whole) + 5, 5):
        pages += [[t.value for t in s] for s in kq.run(store, kq.find("exports"), {}, limit=5, offset=offset)]
    assert len(whole) > 5 and pages == whole


def test_a_query_with_its_own_limit_takes_no_limit(store):
    from kg.errors import ParameterError

    with pytest.raises(ParameterError, match="its own LIMIT"):
        kq.run(store, kq.adhoc("SELECT * WHERE { ?s ?p ?o } LIMIT 3"), {}, limit=2)
    assert len(list(kq.run(store, kq.adhoc("SELECT * WHERE { { SELECT * { ?s ?p ?o } LIMIT 3 } }"), {},
                           limit=2))) == 2


OPTIONAL_PAIR = [name for name, q in sorted(kq.discover().items())
                 if {"a", "b"} <= {n for n, p in q.params.items() if p.optional}]


@pytest.mark.parametrize("name", OPTIONAL_PAIR)
def test_a_pair_filter_keeps_a_subset_and_an_unknown_state_nothing(store, name):
    every = rows(store, name)
    pair = rows(store, name, a=ID, b=PE)
    assert pair and all(row in every for row in pair)
    assert rows(store, name, state=KGR + "state/zz") == []


def test_kg_queries_shows_the_parameters(capsys):
    from kg.cli import main

    assert main(["queries"]) == 0
    out = capsys.readouterr().out.splitlines()
    line = out[out.index(next(l for l in out if l.startswith("relations "))) + 1]
    assert line.split() == ["[a=iri]", "[b=iri]", "lang=en", "[since=literal]", "[state=iri]", "[until=literal]"]


@pytest.mark.parametrize("argv,message", [(["--limit", "-1"], "whole number"), (["--offset", "x"], "whole number")])
def test_a_bad_page_is_a_one_line_error(capsys, argv, message):
    from kg.cli import main

    assert main(["query", "relations", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_iris_come_beside_the_names_when_asked_for(store):
    plain = kq.run(store, kq.find("missions"), {})
    assert [v.value for v in plain.variables][-1] == "fact"
    result = kq.run(store, kq.find("missions"), {}, iris=True)
    columns = [v.value for v in result.variables]
    assert columns == [v.value for v in plain.variables] + ["kind_iri", "sending_state_iri",
                                                             "receiving_state_iri", "city_iri"]
    by_name = [dict(zip(columns, (None if t is None else t.value for t in s))) for s in result]
    lima = next(r for r in by_name if r["city"] == "Lima")
    assert (lima["sending_state_iri"], lima["receiving_state_iri"], lima["city_iri"]) == \
        (ID, PE, KGR + "city/lima")
    assert "mission_iri" not in columns  # the mission is the fact column


@pytest.mark.parametrize("pair", [(ID, PE), (PE, ID)])
def test_cooperation_of_a_pair_is_the_cooperation_whose_contexts_name_both(store, pair):
    def names(fact, state):
        return bool(store.query(f"ASK {{ <{fact}> <{KG}context> ?c . ?c <{KG}party>|<{KG}participant> <{state}> }}"))

    every = rows(store, "cooperation")
    expected = [r for r in every if names(r["fact"], ID) and names(r["fact"], PE)]
    assert expected and rows(store, "cooperation", a=pair[0], b=pair[1]) == expected


def test_a_fact_concerns_the_states_of_its_context_or_company():
    """kg:concerns (what a pair filter reads): a market entry's market and its company's
    nationalities; a nationality added later names the entry among the nodes to derive again."""
    from kg.derived import CONCERNS_PROPERTY, affected, derive

    engine = ox.Store()
    entry, company = ox.NamedNode(KGR + "market-entry/x-id"), ox.NamedNode(KGR + "company/x")
    engine.load(f"""{entry} a <{KG}MarketEntry> ; <{KG}company> {company} ; <{KG}market> <{ID}> .
                    {company} <{KG}nationality> <{PE}> .""", format=ox.RdfFormat.TURTLE,
                to_graph=ox.NamedNode(KGR + "graph/doc/x"))
    query = lambda text: engine.query(text, use_default_graph_as_union=True)  # noqa: E731
    concerned = sorted(q.object.value for q in derive(query) if q.predicate == CONCERNS_PROPERTY)
    assert concerned == [ID, PE]
    added = ox.Triple(company, ox.NamedNode(KG + "nationality"), ox.NamedNode(BR))
    assert entry in affected(query, [added])
    engine.add(ox.Quad(*added, ox.NamedNode(KGR + "graph/curated")))
    assert sorted(q.object.value for q in derive(query, [entry]) if q.predicate == CONCERNS_PROPERTY) == [BR, ID, PE]


def test_kg_add_of_a_party_to_a_context_brings_its_cooperation_to_that_state(built_store_path, tmp_path):
    from kg.validate import add

    with open_store(built_store_path) as opened:
        fact, context = next((s["fact"].value, s["c"].value) for s in
                             opened.query(f"SELECT ?fact ?c WHERE {{ ?fact a <{KG}Cooperation> ; <{KG}context> ?c . "
                                          f"?c a <{KG}Agreement> }} ORDER BY ?fact LIMIT 1"))
        assert fact not in [r["fact"] for r in rows(opened, "cooperation", state=BR)]
    path = tmp_path / "store"
    shutil.copytree(built_store_path, path)
    batch = tmp_path / "batch.ttl"
    batch.write_text(f"<{context}> <{KG}party> <{BR}> .\n", encoding="utf-8")
    result = add([batch], str(path))
    assert result.report.conforms, [v.message for v in result.report.violations]
    with open_store(path) as opened:
        assert fact in [r["fact"] for r in rows(opened, "cooperation", state=BR)]
        assert fact in [r["fact"] for r in rows(opened, "cooperation", a=BR, b=ID)]


def test_a_fact_s_kind_is_its_most_specific_class_under_event_or_agreement():
    """kg:kind (what the kind column of events and agreements shows): a state visit typed as a
    visit and an event too is of kind state visit only; a narrower class added later makes the
    fact one to derive again, of the narrower kind."""
    from kg.derived import KIND_PROPERTY, affected, derive

    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    engine = ox.Store()
    visit, mou = ox.NamedNode(KGR + "event/v"), ox.NamedNode(KGR + "agreement/m")
    engine.load(f"""<{KG}StateVisit> <{rdfs}subClassOf> <{KG}Visit> . <{KG}Visit> <{rdfs}subClassOf> <{KG}Event> .
                    <{KG}MemorandumOfUnderstanding> <{rdfs}subClassOf> <{KG}Agreement> .
                    {visit} a <{KG}StateVisit>, <{KG}Visit>, <{KG}Event> .
                    {mou} a <{KG}Agreement> . <{KGR}person/p> a <{KG}Person> .""",
                format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(KGR + "graph/doc/x"))
    query = lambda text: engine.query(text, use_default_graph_as_union=True)  # noqa: E731
    kinds = sorted((q.subject.value, q.object.value) for q in derive(query) if q.predicate == KIND_PROPERTY)
    assert kinds == [(mou.value, KG + "Agreement"), (visit.value, KG + "StateVisit")]
    narrower = ox.Triple(mou, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         ox.NamedNode(KG + "MemorandumOfUnderstanding"))
    assert mou in affected(query, [narrower])
    engine.add(ox.Quad(*narrower, ox.NamedNode(KGR + "graph/curated")))
    assert [q.object.value for q in derive(query, [mou]) if q.predicate == KIND_PROPERTY] == [
        KG + "MemorandumOfUnderstanding"]
