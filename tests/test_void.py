"""The dataset's VoID + DCAT description (kg.void), as ``kg export`` writes it: counts that
agree with the store, every source document with its licence, the dataset's licence."""
from __future__ import annotations

import csv
from collections import Counter

import pyoxigraph as ox
import pytest

from kg import export, paths, void
from kg.store import OxigraphStore

BASE = "https://w3id.org/bilateral-relations/"
ID = BASE + "id/"
V, DCT = "http://rdfs.org/ns/void#", "http://purl.org/dc/terms/"


@pytest.fixture(scope="module")
def exported(built_store_path):
    with OxigraphStore(built_store_path) as store:
        quads = list(store.quads())
        data = export.export(store, "nquads")
    return quads, list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def objects(quads, subject, predicate):
    return sorted(q.object.value for q in quads if q.graph_name == void.GRAPH
                  and q.subject.value == subject and q.predicate.value == predicate)


def test_the_counts_agree_with_the_store(exported):
    stored, written = exported
    dataset = BASE
    assert objects(written, dataset, V + "triples") == [str(len({q.triple for q in stored}))]
    per_graph = Counter(q.graph_name.value for q in stored)
    assert objects(written, dataset, V + "subset") == sorted(per_graph)
    for graph, count in per_graph.items():
        assert objects(written, graph, V + "triples") == [str(count)]
    states = {q.subject for q in stored if q.predicate.value.endswith("#type")
              and q.object.value.endswith("ontology#State")}
    assert objects(written, ID + "dataset/kg-State", V + "entities") == [str(len(states))]


def test_sources_and_licences(exported):
    stored, written = exported
    with open(paths.SOURCES_DIR / "catalog.csv", encoding="utf-8") as f:
        catalog = list(csv.DictReader(f))
    documents = sorted(ID + "document/" + row["id"].replace("_", "-") for row in catalog)
    assert objects(written, BASE, DCT + "source") == documents
    for row in catalog:
        document = ID + "document/" + row["id"].replace("_", "-")
        licences = [q.object.value for q in written if q.subject.value == document
                    and q.predicate.value == DCT + "license"]
        assert licences == ([row["license"]] if row["license"] else []), document
    assert objects(written, BASE, DCT + "license") == [void.LICENSE]
    examples = objects(written, BASE, V + "exampleResource")
    assert examples and all(any(q.subject.value == e for q in stored) for e in examples)


def test_a_description_in_the_store_is_replaced_not_doubled(exported):
    stored, _ = exported
    once = void.description(stored)
    assert void.description(stored + once) == once
