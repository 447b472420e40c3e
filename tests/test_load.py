"""`kg load FILE…`: a dump loaded as a build writes it (curated graphs kept, derived graph
computed anew), and bad input as one line."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.namespaces import CURATED_GRAPH, DERIVED_GRAPH
from kg.store import open_store


def quads(path, *, derived: bool):
    """The store's quads in or out of the derived graph; blank nodes (relabelled by a load) as ``_``."""
    def named(term):
        return ox.BlankNode("_") if isinstance(term, ox.BlankNode) else term

    with open_store(path) as store:
        return {ox.Quad(named(q.subject), q.predicate, named(q.object), q.graph_name)
                for q in store.quads() if (q.graph_name.value == DERIVED_GRAPH) == derived}


def test_a_dump_without_its_derived_graph_loads_as_the_build(built_store_path, tmp_path, capsys):
    dump = tmp_path / "dump.nq"
    with open_store(built_store_path) as store:
        kept = [q for q in store.quads() if q.graph_name.value != DERIVED_GRAPH]
    ox.serialize(kept, output=str(dump), format=ox.RdfFormat.N_QUADS)
    target = tmp_path / "store"
    with open_store(target, read_only=False, create=True) as store:  # a curated graph survives
        store.add([ox.Quad(ox.NamedNode("https://w3id.org/bilateral-relations/id/x"), ox.NamedNode("http://example.org/p"),
                           ox.Literal("kept"), ox.NamedNode(CURATED_GRAPH + "/notes"))])
    assert main(["--store", str(target), "load", str(dump)]) == 0
    assert "loaded 1 file(s)" in capsys.readouterr().err
    loaded = quads(target, derived=False)
    curated = {q for q in loaded if q.graph_name.value.startswith(CURATED_GRAPH)}
    assert len(curated) == 1 and loaded - curated == quads(built_store_path, derived=False)
    assert quads(target, derived=True) == quads(built_store_path, derived=True)


@pytest.mark.parametrize("name,message", [("missing.nq", "no such file"), ("dump.csv", "cannot tell the RDF format")])
def test_a_bad_file_is_a_one_line_error(tmp_path, capsys, name, message):
    (tmp_path / "dump.csv").write_text("a,b\n", encoding="utf-8")
    assert main(["--store", str(tmp_path / "store"), "load", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "store").exists()


def test_a_file_that_does_not_parse_leaves_the_store_as_it_was(built_store_path, tmp_path, capsys):
    import shutil

    target = tmp_path / "store"
    shutil.copytree(built_store_path, target)
    before = quads(target, derived=False) | quads(target, derived=True)
    bad = tmp_path / "bad.nq"
    bad.write_text("<https://x.org/a> <https://x.org/b> .\n", encoding="utf-8")
    assert main(["--store", str(target), "load", str(bad)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert quads(target, derived=False) | quads(target, derived=True) == before
