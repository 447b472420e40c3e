"""kg.export: every format parses back, datasets keep graphs, Turtle is byte-stable, -o is atomic."""
from __future__ import annotations

import concurrent.futures
import json
import os
import stat
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import export, void
from kg.errors import FileUnreadable, FormatError
from kg.store import OxigraphStore

BASE = Path(__file__).parent / "fixtures" / "cli" / "base.trig"


@pytest.fixture
def store(tmp_path):
    with OxigraphStore(tmp_path / "store", read_only=False, create=True) as db:
        db.add(ox.parse(path=str(BASE), format=ox.RdfFormat.TRIG))
        # the same triple in two graphs: once in the union, twice in the dataset
        db.add([ox.Quad(ox.NamedNode("https://w3id.org/bilateral-relations/id/state/aa"),
                        ox.NamedNode("https://w3id.org/bilateral-relations/ontology#isoCode"), ox.Literal("AA"),
                        ox.NamedNode("https://w3id.org/bilateral-relations/id/graph/curated"))])
    with OxigraphStore(tmp_path / "store") as db:
        yield db


@pytest.mark.parametrize("fmt,dataset,count", [
    ("turtle", False, 13), ("ntriples", False, 13), ("xml", False, 13),
    ("nquads", True, 14), ("trig", True, 14), ("jsonld", True, 14)])
def test_formats_parse_back(store, fmt, dataset, count):
    data = export.export(store, fmt)
    parsed = list(ox.parse(data, format=export.FORMATS[fmt][0]))
    described = void.description(store.quads())      # the dataset's description comes along
    assert len(parsed) == count + len(described if dataset else {q.triple for q in described})
    graphs = {str(q.graph_name) for q in parsed}
    if dataset:
        assert graphs == {"<https://w3id.org/bilateral-relations/id/graph/reference>",
                          "<https://w3id.org/bilateral-relations/id/graph/doc/test-1>",
                          "<https://w3id.org/bilateral-relations/id/graph/curated>", str(void.GRAPH)}
    else:
        assert graphs == {"DEFAULT"}


def test_turtle_is_byte_identical_and_uses_project_prefixes(store):
    first, second = export.export(store, "turtle"), export.export(store, "turtle")
    assert first == second
    text = first.decode()
    assert "@prefix state: <https://w3id.org/bilateral-relations/id/state/> ." in text
    assert "@prefix kgr:" not in text  # one prefix per family instead, so no escaped "/"
    assert "_:" not in text
    # rdf:type first for each subject
    assert "state:aa a kg:State ;" in text


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


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_a_new_file_respects_the_umask_and_an_old_one_keeps_its_mode(store, tmp_path, mask):
    previous = os.umask(mask)
    try:
        export.export_to(store, "turtle", tmp_path / "new.ttl")
        old = tmp_path / "old.ttl"
        old.write_bytes(b"")
        old.chmod(0o640)
        export.export_to(store, "turtle", old)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.ttl").stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE(old.stat().st_mode) == 0o640 and old.read_bytes()


def test_a_device_or_pipe_is_written_to_not_replaced(store, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        read = pool.submit(fifo.read_bytes)
        export.export_to(store, "ntriples", fifo)
        assert read.result(timeout=10) == export.export(store, "ntriples")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
