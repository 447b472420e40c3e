"""kg.store: the embedded Oxigraph store (the endpoint store is not exercised here)."""
from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError, StoreLocked, StoreMissing
from kg.sparql import place_bindings, query_form
from kg.store import OxigraphStore, build_store, load_store, open_store
from kg.terms import to_ox_quad

E = "https://w3id.org/bilateral-relations/id/"
CURATED = ox.NamedNode(E + "graph/curated")
DOC = ox.NamedNode(E + "graph/doc/test-1")
P = ox.NamedNode("http://example.org/p")


def q(s, o, g=DOC):
    return ox.Quad(ox.NamedNode(E + s), P, ox.Literal(o) if isinstance(o, str) else o, g)



def beside(path) -> list[str]:
    """What lies beside the store ``path`` besides it and the version it links to."""
    return sorted(p.name for p in path.parent.iterdir() if p not in (path, path.resolve()))


@pytest.fixture
def path(tmp_path):
    location = tmp_path / "store"
    with OxigraphStore(location, read_only=False, create=True) as store:
        store.add([q("a", "1"), q("b", "2"), q("c", "3", CURATED)])
    return location


def test_roundtrip_union_of_graphs(path):
    with open_store(path) as store:
        rows = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
        assert [r["o"].value for r in rows] == ["1", "2", "3"]
        assert len(list(store.quads(CURATED))) == 1
        assert set(store.named_graphs()) == {DOC, CURATED}


def test_read_only_open_leaves_directory_byte_identical(path, digest):
    before = digest(path)
    with open_store(path) as store:
        list(store.quads())
    assert digest(path) == before


def test_read_only_store_refuses_writes(path):
    with open_store(path) as store, pytest.raises(StoreError):
        store.add([q("d", "4")])


def test_missing_and_foreign_directories(tmp_path):
    with pytest.raises(StoreMissing, match="run `kg build` first"):
        open_store(tmp_path / "none")
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "file.txt").write_text("x")
    with pytest.raises(StoreMissing, match="not an Oxigraph store"):
        open_store(tmp_path / "junk")
    with pytest.raises(StoreMissing):
        open_store(tmp_path / "none", read_only=False)
    assert not (tmp_path / "none").exists()


def test_bindings_projected_and_not_projected(path):
    with open_store(path) as store:
        # projected: Oxigraph's substitutions
        rows = list(store.query("SELECT ?_s ?o WHERE { ?_s ?p ?o }", {"_s": ox.NamedNode(E + "a")}))
        assert [r["o"].value for r in rows] == ["1"]
        # not projected, with aggregation: written in place
        rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?_o } GROUP BY ?s",
                                {"_o": ox.Literal("2")}))
        assert [r["n"].value for r in rows] == ["1"]
        # not projected, inside a sub-select: written there too
        rows = list(store.query("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?_o } } }",
                                {"_o": ox.Literal("2")}))
        assert [r["s"].value for r in rows] == [E + "b"]
        assert bool(store.query("ASK { ?_s ?p ?o }", {"_s": ox.NamedNode(E + "c")}))


def test_place_bindings_writes_terms_not_text():
    evil = ox.Literal('x" } ; DROP ALL ; #')
    text, subst = place_bindings('SELECT ?s WHERE { ?s ?p ?_v FILTER(?s != "?_v") } # ?_v',
                                 {"_v": evil})
    assert subst == {}
    assert text == 'SELECT ?s WHERE { ?s ?p "x\\" } ; DROP ALL ; #" FILTER(?s != "?_v") } # ?_v'
    # a projected variable goes to the engine, or to a VALUES row after the query
    assert place_bindings("SELECT ?_v { ?s ?p ?_v }", {"_v": evil})[1] == {"_v": evil}
    text, subst = place_bindings("SELECT ?_v { ?s ?p ?_v }", {"_v": evil}, substitutions=False)
    assert subst == {} and text.endswith('VALUES (?_v) { ("x\\" } ; DROP ALL ; #") }\n')
    # a binding for a variable the query does not use is ignored
    assert place_bindings("SELECT ?s WHERE { ?s ?p ?o }", {"_x": evil}) == (
        "SELECT ?s WHERE { ?s ?p ?o }", {})


def test_query_form():
    assert query_form("PREFIX select: <http://x/> # SELECT\nASK {}") == "ASK"
    assert query_form("BASE <http://x/> DELETE WHERE { ?s ?p ?o }") == "DELETE"
    assert query_form("# only a comment") is None


def test_syntax_error_has_line_and_column(path):
    with open_store(path) as store, pytest.raises(QueryError) as error:
        store.query("SELECT *\nWHERE { ?s ?p }")
    assert error.value.line == 2 and error.value.column in (15, 16)


def test_replace_build_keeps_curated_graphs(path):
    build_store(path, [q("x", "9"), q("y", "8", ox.NamedNode(E + "graph/reference"))])
    with open_store(path) as store:
        values = sorted(quad.object.value for quad in store.quads())
    assert values == ["3", "8", "9"]
    assert beside(path) == []   # no temporary leftovers, no former version


def test_replace_build_failure_leaves_old_store(path):
    before = {(x.subject, x.object, x.graph_name) for x in ox.Store.read_only(str(path))}

    def broken():
        yield q("x", "9")
        raise RuntimeError("extraction failed")

    with pytest.raises(RuntimeError):
        build_store(path, broken())
    with open_store(path) as store:
        assert {(x.subject, x.object, x.graph_name) for x in store.quads()} == before
    assert beside(path) == []


def test_load_store_from_a_dump_keeps_curated_graphs(path, tmp_path):
    dump = tmp_path / "dump.nq"
    dump.write_bytes(ox.serialize([q("x", "9"), q("y", "7", ox.NamedNode(E + "graph/curated/old"))],
                                  format=ox.RdfFormat.N_QUADS))
    load_store(path, dump)
    with open_store(path) as store:
        values = sorted(quad.object.value for quad in store.quads())
    assert values == ["3", "9"]           # the store's curated "3" kept, the dump's curated "7" dropped
    assert beside(path) == ["dump.nq"]


def test_build_store_creates_a_new_store(tmp_path):
    build_store(tmp_path / "new" / "store", [q("x", "9")])
    with open_store(tmp_path / "new" / "store") as store:
        assert len(list(store.quads())) == 1


def test_rdflib_quads_are_accepted(tmp_path):
    from rdflib import Dataset, Literal, URIRef

    dataset = Dataset()
    graph = dataset.graph(URIRef(E + "graph/doc/x"))
    graph.add((URIRef(E + "s"), URIRef(str(P.value)), Literal("2020", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#gYear"))))
    graph.add((URIRef(E + "s"), URIRef(str(P.value)), Literal("Lima", lang="es")))
    build_store(tmp_path / "store", dataset.quads())
    with open_store(tmp_path / "store") as store:
        objects = sorted(str(x.object) for x in store.quads())
    assert objects == ['"2020"^^<http://www.w3.org/2001/XMLSchema#gYear>', '"Lima"@es']
    assert to_ox_quad((URIRef(E + "s"), URIRef(E + "p"), Literal("x"), None)).graph_name == ox.DefaultGraph()


def test_describe_one_hop(path):
    with OxigraphStore(path, read_only=False) as store:
        store.add([ox.Quad(ox.NamedNode(E + "a"), P, ox.NamedNode(E + "b"), DOC),
                   ox.Quad(ox.NamedNode(E + "b"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                           ox.NamedNode(E + "T"), DOC)])
        found = store.describe([ox.NamedNode(E + "a")])
    assert {str(t.object) for t in found} == {'"1"', f"<{E}b>", f"<{E}T>"}


def test_locked_by_another_process(path, digest):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = digest(path)
        with pytest.raises(StoreLocked, match="is in use by another process"):
            OxigraphStore(path, read_only=False)
        with pytest.raises(StoreLocked):
            build_store(path, [q("x", "9")])
        assert digest(path) == before
        with open_store(path) as store:           # reading still works
            assert len(list(store.quads())) == 3
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
