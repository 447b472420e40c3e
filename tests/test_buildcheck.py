"""kg build validates document by document (kg.buildcheck): a document whose catalog entry
violates the shapes is named with the shape's message and not built, and the others are; a
catalog may give a document no title."""
from __future__ import annotations

import pyoxigraph as ox

from kg import paths
from kg.rdfterms import document_graph


def _untitled(document_id):
    """A catalog change: ``document_id`` gets no title."""
    def change(rows):
        assert document_id in [row["id"] for row in rows]
        for row in rows:
            if row["id"] == document_id:
                row["title"] = ""
    return change


def test_a_document_the_catalog_gives_no_title_builds(tmp_path, sources_with_catalog):
    from kg.cli import main

    sources, _ = sources_with_catalog(_untitled("001_ccdb75380c6088a3"))
    assert main(["build", "--no-reason", "--sources", str(sources), "--store", str(tmp_path / "store")]) == 0


def test_a_document_whose_catalog_entry_violates_is_not_built_and_the_others_are(tmp_path, capsys, monkeypatch):
    from rdflib import Literal
    from rdflib.namespace import DCTERMS

    from kg.cli import main
    from kg.sources import Document

    triples = Document.triples

    def two_identifiers(document):
        yield from triples(document)
        if document.id == "001_ccdb75380c6088a3":
            yield document.iri, DCTERMS.identifier, Literal("another")

    monkeypatch.setattr(Document, "triples", two_identifiers)
    store = tmp_path / "store"
    assert main(["build", "--no-reason", "--workers", "1", "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert ("kg: error: 001_ccdb75380c6088a3: not built: kgr:document/001-ccdb75380c6088a3 does not conform: "
            "dcterms:identifier: A source document needs exactly one identifier") in err
    assert "000_1a2cc20a6141a03d" not in err and "002_f78fa1138a3ddd3c" not in err
    graphs = {g.value for g in ox.Store.read_only(str(store)).named_graphs()}
    assert str(document_graph("000_1a2cc20a6141a03d")) in graphs and str(document_graph("002_f78fa1138a3ddd3c")) in graphs
    assert str(document_graph("001_ccdb75380c6088a3")) not in graphs


def test_a_kept_document_is_checked_again_where_a_changed_one_touched_its_nodes():
    from rdflib import Dataset, Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from kg.buildcheck import validate_parts
    from kg.rdfterms import OA, document_graph
    import pyoxigraph as ox

    dataset = Dataset()
    target, doc = URIRef("https://example.org/target"), URIRef("https://example.org/doc")
    kept = dataset.graph(document_graph("kept"))
    kept.add((target, RDF.type, OA.SpecificResource))
    kept.add((target, OA.hasSource, doc))             # doc must be a kg:SourceDocument
    changed = dataset.graph(document_graph("changed"))
    changed.add((doc, RDFS.label, Literal("no longer typed a kg:SourceDocument")))
    parts = {"changed": document_graph("changed")}
    messages = validate_parts(dataset, parts, kept={"kept": document_graph("kept")},
                              touched={ox.NamedNode(str(doc))})
    assert any(m.startswith("kept: <https://example.org/target>: oa:hasSource: An evidence target "
                            "needs exactly one source document") for m in messages), messages
    assert not any("hasSource" in m for m in validate_parts(dataset, parts, kept={"kept": document_graph("kept")},
                                                            touched=set()))
