"""kg.export: every format parses back, datasets keep graphs, Turtle is byte-stable, -o is atomic."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import export
from kg.errors import FileUnreadable, FormatError
from kg.store import OxigraphStore

BASE = Path(__file__).parent / "fixtures" / "cli" / "base.trig"


@pytest.fixture
def store(tmp_path):
    with OxigraphStore(tmp_path / "store", read_only=False, create=True) as db:
        db.add(ox.parse(path=str(BASE), format=ox.RdfFormat.TRIG))
        # the same triple in two graphs: once in the union, twice in the dataset
        db.add([ox.Quad(ox.NamedNode("https://kg.example.org/id/state/aa"),
                        ox.NamedNode("https://kg.example.org/ontology#isoCode"), ox.Literal("AA"),
                        ox.NamedNode("https://kg.example.org/id/graph/curated"))])
    with OxigraphStore(tmp_path / "store") as db:
        yield db


@pytest.mark.parametrize("fmt,dataset,count", [
    ("turtle", False, 13), ("ntriples", False, 13), ("xml", False, 13),
    ("nquads", True, 14), ("trig", True, 14), ("jsonld", True, 14)])
def test_formats_parse_back(store, fmt, dataset, count):
    data = export.export(store, fmt)
    parsed = list(ox.parse(data, format=export.FORMATS[fmt][0]))
    assert len(parsed) == count
    graphs = {str(q.graph_name) for q in parsed}
    if dataset:
        assert graphs == {"<https://kg.example.org/id/graph/reference>",
                          "<https://kg.example.org/id/graph/doc/test-1>",
                          "<https://kg.example.org/id/graph/curated>"}
    else:
        assert graphs == {"DEFAULT"}


def test_turtle_is_byte_identical_and_uses_project_prefixes(store):
    first, second = export.export(store, "turtle"), export.export(store, "turtle")
    assert first == second
    text = first.decode()
    assert "@prefix kgr: <https://kg.example.org/id/> ." in text
    assert "_:" not in text
    # rdf:type first for each subject
    assert "kgr:state\\/aa a kg:State ;" in text


def test_jsonld_is_json(store):
    assert json.loads(export.export(store, "jsonld"))


def test_unknown_format(store):
    with pytest.raises(FormatError):
        export.export(store, "yaml")


def test_output_is_atomic(store, tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")
    export.export_to(store, "turtle", target)
    assert target.read_bytes() == export.export(store, "turtle")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".store.v-")) == [
        "out.ttl", "store"]


def test_output_to_missing_directory(store, tmp_path):
    with pytest.raises(FileUnreadable):
        export.export_to(store, "turtle", tmp_path / "no" / "out.ttl")


def test_export_of_the_built_store_conforms_to_the_shapes(built_store_path, ontology):
    """What a linked-data tool receives passes the project's own shapes (the store keeps
    offsets as xsd:integer, not as the xsd:nonNegativeInteger they were written with)."""
    import rdflib

    from kg.validate import validate_graph

    with OxigraphStore(built_store_path) as db:
        data = export.export(db, "turtle")
    graph = rdflib.Graph().parse(data=data, format="turtle")
    report = validate_graph(graph, ontology)
    assert report.conforms, [v.message for v in report.violations][:3]
