"""kg build validates document by document (kg.buildcheck): a document whose facts violate the
shapes is named with the shape's message, and the store is left as it was."""
from __future__ import annotations

import csv
import shutil

import pytest

from kg import paths
from kg.build import build
from kg.errors import BuildInvalid


def _sources_without_title(tmp_path, document_id):
    """A copy of data/sources whose catalog gives ``document_id`` no title."""
    sources = tmp_path / "sources"
    shutil.copytree(paths.SOURCES_DIR, sources)
    catalog = sources / "catalog.csv"
    with catalog.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    assert document_id in [row["id"] for row in rows]
    for row in rows:
        if row["id"] == document_id:
            row["title"] = ""
    with catalog.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerows(rows)
    return sources


def test_a_violating_document_is_named_and_the_store_is_unchanged(tmp_path, digest):
    store = tmp_path / "store"
    build(paths.SOURCES_DIR, store, reason=False)
    before = digest(store)
    sources = _sources_without_title(tmp_path, "001_ccdb75380c6088a3")
    with pytest.raises(BuildInvalid) as raised:
        build(sources, store, reason=False)
    message = str(raised.value)
    assert "001_ccdb75380c6088a3: kgr:document/001-ccdb75380c6088a3: dcterms:title: " \
           "A source document needs a title (dcterms:title)." in message
    assert "000_1a2cc20a6141a03d:" not in message and "002_f78fa1138a3ddd3c:" not in message
    assert digest(store) == before


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
