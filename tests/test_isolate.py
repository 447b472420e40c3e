"""A fact that violates the shapes is dropped from its document (kg.isolate): kg build names
document, fact and shape, exits 1, and the rest of that document and every other document
still build; a catalog's free-text licence is kept as a literal."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import PROV

import kg.build
from kg import paths
from kg.cli import main
from kg.isolate import drop, split
from kg.rdfterms import KG, KGR, OA, ORG, document_graph, mint

BROKEN = "002_f78fa1138a3ddd3c"
BAD = KGR["membership/id-nowhere"]          # a membership without an organization
NEEDS_BAD = KGR["cooperation/x-y"]          # a cooperation whose context is that membership


def _with_a_bad_fact(original):
    def graph(self, document, extraction=None):
        g = original(self, document, extraction)
        if document.id == BROKEN:
            evidence = next(g.objects(None, KG.evidence))
            for node, cls in ((BAD, KG.Membership), (NEEDS_BAD, KG.Cooperation)):
                g.add((node, RDF.type, cls))
                g.add((node, RDFS.label, Literal("made up", lang="en")))
                g.add((node, PROV.wasDerivedFrom, document.iri))
                g.add((node, KG.evidence, evidence))
            g.add((BAD, ORG.member, mint("state", "id")))
            g.add((NEEDS_BAD, KG.context, BAD))
        return g
    return graph


def _quads(store, graph) -> list:
    opened = ox.Store.read_only(str(store))
    return list(opened.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))


def test_a_violating_fact_is_dropped_and_the_rest_builds(tmp_path, capsys, monkeypatch):
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    assert main(["build", "--no-reason", "--workers", "1", "--store", str(clean)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(kg.build.Extractor, "graph", _with_a_bad_fact(kg.build.Extractor.graph))
    assert main(["build", "--no-reason", "--workers", "1", "--store", str(broken)]) == 1
    out, err = capsys.readouterr()
    assert "2 facts dropped (they violate the shapes), 0 documents not built" in out
    assert (f"kg: error: {BROKEN}: dropped kgr:membership/id-nowhere: org:organization: "
            "A membership needs exactly one organization") in err
    assert f"kg: error: {BROKEN}: dropped kgr:cooperation/x-y: " in err
    assert len(err.strip().splitlines()) == 2 and "Traceback" not in err
    # the rest of that document, and every other document, is as a clean build has it
    for document in ("000_1a2cc20a6141a03d", "001_ccdb75380c6088a3", BROKEN):
        graph = document_graph(document)
        assert sorted(map(str, _quads(broken, graph))) == sorted(map(str, _quads(clean, graph))), document


def test_a_document_with_dropped_facts_is_extracted_again_next_time(tmp_path, capsys, monkeypatch):
    store = tmp_path / "store"
    monkeypatch.setattr(kg.build.Extractor, "graph", _with_a_bad_fact(kg.build.Extractor.graph))
    assert main(["build", "--no-reason", "--workers", "1", "--store", str(store)]) == 1
    assert main(["build", "--no-reason", "--workers", "1", "--store", str(store)]) == 1
    out, err = capsys.readouterr()
    assert "1 documents extracted, 2 kept" in out and f"{BROKEN}: dropped kgr:membership/id-nowhere" in err


def test_dropping_a_fact_takes_its_evidence_and_the_facts_that_need_it():
    g = Graph()
    shared, own = KGR["evidence/d-0-9-r"], KGR["evidence/d-10-19-r"]
    target, quote = KGR["target/d-10-19-r"], KGR["quote/d-10-19-r"]
    keep = KGR["membership/id-apec"]
    g.add((BAD, KG.evidence, shared))
    g.add((BAD, KG.evidence, own))
    g.add((own, KG.rule, Literal("r")))
    g.add((own, OA.hasTarget, target))
    g.add((target, OA.hasSelector, quote))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((keep, KG.evidence, shared))
    g.add((NEEDS_BAD, KG.context, BAD))
    g.add((NEEDS_BAD, KG.evidence, shared))
    g.add((KGR["person/x"], KG.mentions, BAD))       # not a fact: only its link goes
    assert set(drop(g, BAD)) == {BAD, NEEDS_BAD}
    assert set(g) == {(keep, KG.evidence, shared)}


def test_a_violation_line_gives_its_parts():
    assert split("d1: kgr:relation/id-pe: kg:state: A bilateral relation needs two states.") == (
        "d1", KGR + "relation/id-pe", "kg:state", "A bilateral relation needs two states.")
    assert split("d1: <https://example.org/x>: -: m: with a colon")[1:] == ("https://example.org/x", "-", "m: with a colon")


def test_a_free_text_licence_is_kept_as_a_literal(tmp_path, sources_with_catalog):
    sources, rows = sources_with_catalog(lambda rows: rows[0].update(license="All rights reserved, used with permission"))
    store = tmp_path / "store"
    assert main(["build", "--no-reason", "--sources", str(sources), "--store", str(store)]) == 0
    licences = [q.object for q in _quads(store, document_graph(rows[0]["id"]))
                if q.predicate.value == "http://purl.org/dc/terms/license"]
    assert licences == [ox.Literal("All rights reserved, used with permission")]
