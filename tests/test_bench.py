"""bench/: the synthetic graph at a tiny scale conforms to the shapes, has the size asked
for, gives every stored query rows, and takes a kg add batch; the bench modules' examples."""
from __future__ import annotations

import doctest
import json
import io
import sys

import pyoxigraph as ox
import pytest

from kg import paths, queries
from kg.build import load_ontology
from kg.namespaces import DERIVED_GRAPH
from kg.store import load_store, open_store
from kg.validate import add, shacl

if str(paths.HOME) not in sys.path:   # bench/ is beside src/, not installed
    sys.path.insert(0, str(paths.HOME))

from bench import generate, measure, run, variants, workers  # noqa: E402

SCALE = 16000         # the reference data alone (states, GeoNames cities, their names) holds about 10,700


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """The N-Quads file of a generated graph of about SCALE quads, and its plan."""
    path = tmp_path_factory.mktemp("bench") / "graph.nq"
    with open(path, "w", encoding="utf-8") as stream:
        plan = generate.generate(stream, SCALE)
    return path, plan


@pytest.fixture(scope="module")
def store(graph, tmp_path_factory):
    location = tmp_path_factory.mktemp("bench-store") / "store"
    load_store(location, graph[0])
    return location


def test_rdflib_answers_the_text_kg_runs_with_the_same_rows(graph, store, capsys):
    """The rdflib column of make bench: the text kg's engine runs (optional parameters left
    out), over the dump and the store's derived graph, gives each query kg's number of rows."""
    import argparse

    workers.rdflib_queries(argparse.Namespace(data=graph[0], store=store, limit=60, runs=1, budget=1))
    found = {line["query"]: line["rows"] for line in map(json.loads, capsys.readouterr().out.splitlines()[1:])}
    with open_store(store) as opened:
        assert found == {name: len(list(queries.run(opened, q))) for name, q in queries.discover().items()}


def test_size_is_within_ten_percent_and_no_quad_is_written_twice(graph):
    path, plan = graph
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(set(quads)) == plan.quads
    assert abs(plan.quads - SCALE) <= SCALE // 10
    assert plan.states >= 2 and plan.pairs == plan.states * (plan.states - 1) // 2


def test_conforms_to_the_shapes(graph):
    conforms, report = shacl(workers.union_graph(graph[0]), load_ontology())
    assert conforms, report.serialize(format="turtle")[:2000]


@pytest.mark.parametrize("name", sorted(queries.discover()))
def test_every_stored_query_returns_rows(store, name):
    with open_store(store) as opened:
        assert list(queries.run(opened, queries.find(name)))


def test_the_same_seed_gives_the_same_bytes():
    first, second = io.StringIO(), io.StringIO()
    generate.generate(first, SCALE, seed=7)
    generate.generate(second, SCALE, seed=7)
    assert first.getvalue() == second.getvalue()


def test_a_batch_is_new_and_kg_add_takes_it(graph, store, tmp_path):
    path = tmp_path / "batch.nt"
    with open(path, "w", encoding="utf-8") as stream:
        count = generate.batch(stream, states=graph[1].states)
    def stated(opened):  # the derived graph grows too, with the batch's names and evidence
        return [q for q in opened.quads() if q.graph_name.value != DERIVED_GRAPH]

    with open_store(store) as opened:
        before = len(stated(opened))
    result = add([path], store)
    assert result.report.conforms, [v.message for v in result.report.violations]
    assert result.added == count
    with open_store(store) as opened:
        assert len(stated(opened)) == before + count


def test_a_scale_too_small_is_a_one_line_error(tmp_path, capsys):
    assert generate.main(["--triples", "100", "--out", str(tmp_path / "x.nq")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("python -m bench.generate: error: --triples 100 is too small") and error.count("\n") == 1


@pytest.mark.parametrize("module", [generate, measure, run, workers, variants], ids=lambda m: m.__name__)
def test_examples(module):
    assert doctest.testmod(module).failed == 0


def test_variants_says_which_texts_give_the_same_rows(tmp_path, capsys):
    store = ox.Store(str(tmp_path / "store"))
    store.load('<http://x.org/a> <http://x.org/p> "1", "2" .', format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("http://x.org/g"))
    store.flush()
    del store
    texts = {"all": "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", "same": "SELECT ?o { ?s <http://x.org/p> ?o } ORDER BY ?o",
             "one": 'SELECT ?o WHERE { ?s ?p ?o FILTER(?o = "1") }'}
    for name, text in texts.items():
        (tmp_path / f"{name}.rq").write_text(text, encoding="utf-8")
    variants.main([f"{tmp_path / 'store'}:{tmp_path / name}.rq" for name in texts] + ["--runs", "2"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[1].split(",")[0] for line in lines] == ["2 rows", "2 rows", "1 rows"]
    assert lines[1].endswith("same rows as above") and lines[2].endswith("other rows")


def test_the_build_corpus_copies_seed_and_dev_documents_with_other_states(tmp_path):
    from bench import corpus
    from kg.evaluate import load_cases
    from kg.sources import read_catalog

    documents = corpus.originals()
    tested = {c.document.path for c in load_cases(corpus.CASES_DIR) if c.set == "test"}
    assert documents and not tested & {d.path for d in documents}
    seeds = read_catalog(paths.SOURCES_DIR)
    written, left_out = corpus.write(tmp_path / "corpus", 6, sources=seeds)
    assert left_out == [] and [d.id for d in read_catalog(tmp_path / "corpus")] == [d.id for d in written]
    from babel import Locale

    for original, copy in zip(seeds, written[3:]):
        text, peru = copy.path.read_text(encoding="utf-8"), Locale.parse(original.language).territories["PE"]
        assert original.text() == written[seeds.index(original)].path.read_text(encoding="utf-8")
        assert peru in original.text() and peru not in text
    corpus.revise(tmp_path / "corpus", written[1].id)
    assert read_catalog(tmp_path / "corpus")[1].title == written[1].title + " (revised)"


def test_a_document_whose_copies_would_give_a_company_two_nationalities_is_left_out(tmp_path):
    from bench import corpus
    from kg.sources import read_catalog

    seeds = [d for d in read_catalog(paths.SOURCES_DIR) if d.id in ("000_1a2cc20a6141a03d", "001_ccdb75380c6088a3")]
    kept, left_out = corpus.conforming(seeds, tmp_path / "work")
    assert left_out == ["000_1a2cc20a6141a03d"] and [d.id for d in kept] == ["001_ccdb75380c6088a3"]
