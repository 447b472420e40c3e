"""kg build re-extracts only the documents whose inputs changed (kg.incremental), and the
store it writes is the one a build from scratch writes."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg import paths
from kg.build import build
from kg.cli import main
from kg.namespaces import INPUTS_GRAPH
from kg.sources import read_catalog

CHANGED = "002_f78fa1138a3ddd3c"


def _nquads(store) -> list[str]:
    opened = ox.Store.read_only(str(store))
    try:
        return sorted(str(q) for q in opened)
    finally:
        del opened


def _same(a, b) -> bool:
    """The stores hold the same graphs, each isomorphic (the ontology has blank nodes)."""
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    first, second = (Dataset().parse(data="\n".join(f"{q} ." for q in _nquads(s)), format="nquads")
                     for s in (a, b))
    names = {g.identifier for g in first.graphs() if len(g)}
    return (names == {g.identifier for g in second.graphs() if len(g)}
            and all(isomorphic(first.graph(n), second.graph(n)) for n in names))


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    copy = tmp_path_factory.mktemp("incremental") / "sources"
    shutil.copytree(paths.SOURCES_DIR, copy)
    return copy


def test_only_the_changed_document_is_extracted_again(sources, tmp_path):
    store = tmp_path / "store"
    first = build(sources, store, reason=False)
    assert (sorted(first.facts), first.kept) == (sorted(d.id for d in read_catalog(sources)), [])

    unchanged = build(sources, store, reason=False)
    assert unchanged.facts == {} and sorted(unchanged.kept) == sorted(first.facts)

    catalog = sources / "catalog.csv"
    document = next(d for d in read_catalog(sources) if d.id == CHANGED)
    assert catalog.read_text(encoding="utf-8").count(document.title) == 1
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(document.title, document.title + " (revised)"),
                       encoding="utf-8")              # its graph's dcterms:title changes
    again = build(sources, store, reason=False)
    assert list(again.facts) == [CHANGED]
    assert sorted(again.kept) == sorted(set(first.facts) - {CHANGED})

    scratch = tmp_path / "scratch"
    whole = build(sources, scratch, reason=False, everything=True)
    assert whole.kept == [] and sorted(whole.facts) == sorted(first.facts)
    assert _same(store, scratch)
    assert any(INPUTS_GRAPH in line for line in _nquads(store))


def test_changed_rules_or_reference_data_extract_everything(sources, tmp_path, monkeypatch):
    store = tmp_path / "store"
    build(sources, store, reason=False)
    reference = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE_DIR, reference)
    with (reference / "zz-extra.ttl").open("w", encoding="utf-8") as f:
        f.write("# an extra file changes the reference data's hash\n")
    monkeypatch.setattr(paths, "REFERENCE_DIR", reference)
    again = build(sources, store, reason=False)
    assert again.kept == [] and len(again.facts) == len(read_catalog(sources))


def test_kg_build_all_says_how_many_were_extracted_and_kept(sources, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", "--no-reason", "--sources", str(sources), "--store", str(store)]) == 0
    assert main(["build", "--no-reason", "--sources", str(sources), "--store", str(store)]) == 0
    assert "0 documents extracted, 3 kept" in capsys.readouterr().out
    assert main(["build", "--no-reason", "--all", "--sources", str(sources), "--store", str(store)]) == 0
    assert "3 documents extracted, 0 kept" in capsys.readouterr().out


def test_a_graph_that_may_have_lost_a_date_to_a_changed_one_is_extracted_again(tmp_path):
    from kg.incremental import Previous, to_extract
    from kg.namespaces import KG, document_graph
    from kg.sources import Document

    date, kind = ox.NamedNode(KG + "date"), ox.NamedNode(KG + "Visit")
    event = ox.NamedNode("https://example.org/event")
    typed = ox.Triple(event, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), kind)
    precise = ox.Triple(event, date, ox.Literal("2001-05-17"))
    graphs = {"changed": [typed, precise], "lost": [typed], "own": [typed, precise],
              "apart": [ox.Triple(ox.NamedNode("https://example.org/other"), date, ox.Literal("2001"))]}
    documents = [Document(d, tmp_path / d, "en", None, d, "", "", "") for d in graphs]
    hashes = {d: "h-" + d for d in graphs}
    previous = Previous("shared", {document_graph(d): h for d, h in hashes.items()},
                        {document_graph(d): t for d, t in graphs.items()})
    assert to_extract(documents, "shared", hashes, previous, {KG + "date"}) == set()
    hashes["changed"] = "new"
    assert to_extract(documents, "shared", hashes, previous, {KG + "date"}) == {"changed", "lost"}
    assert to_extract(documents, "other", hashes, previous, {KG + "date"}) == set(graphs)



def test_a_rebuild_reasons_over_what_changed_and_gives_what_reasoning_from_scratch_gives(sources, tmp_path):
    store, scratch = tmp_path / "store", tmp_path / "scratch"
    said = []
    first = build(sources, store)
    if "Java not found" in first.reasoning:
        pytest.skip("no Java: HermiT cannot run")
    assert "reasoning with HermiT over what changed" not in said
    catalog = sources / "catalog.csv"
    document = next(d for d in read_catalog(sources) if d.id == CHANGED)
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(document.title, document.title + " (again)"),
                       encoding="utf-8")
    again = build(sources, store, progress=said.append)
    # a title is an annotation: HermiT concludes nothing from it, so it is not run
    assert "reasoning: no triple HermiT concludes from changed" in said and list(again.facts) == [CHANGED]
    assert "writing the changed graphs" in said and again.dataset is None     # written in place
    whole = build(sources, scratch, everything=True)
    assert again.reasoning == whole.reasoning and again.reasoning.startswith("OWL reasoning: consistent")
    assert _same(store, scratch)

    other = next(d for d in read_catalog(sources) if d.id != CHANGED and d.language == document.language)
    with document.path.open("a", encoding="utf-8") as text:     # facts the other document states too
        text.write("\n\n" + other.path.read_text(encoding="utf-8"))
    said.clear()
    again = build(sources, store, progress=said.append)
    assert "reasoning with HermiT over what changed" in said and list(again.facts) == [CHANGED]
    assert any(line.startswith("validating") and "kept documents where they changed" in line for line in said)
    whole = build(sources, scratch, everything=True)
    assert again.reasoning == whole.reasoning and again.reasoning.startswith("OWL reasoning: consistent")
    assert _same(store, scratch)


def _rdf(*names):
    from kg.namespaces import KG

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    return rdf_type, *(ox.NamedNode(KG + n) for n in names)


def test_reasoning_over_what_changed_keeps_the_unchanged_nodes_inferences_and_redoes_the_others():
    from kg.deltareason import Delta, reason_delta
    from kg.reason import reason

    rdf_type, participant, visit, event = _rdf("participant", "Visit", "Event")
    e, s, y = (ox.NamedNode(f"https://example.org/{n}") for n in "esy")
    before = Delta({ox.Triple(e, rdf_type, event), ox.Triple(y, rdf_type, event)},   # as HermiT gave them
                   {ox.Triple(e, participant, s), ox.Triple(y, rdf_type, visit)})
    outcome, inferred = reason_delta(before, [], [], before.documents, set(), reason)
    assert outcome is None and inferred == before.inferred           # nothing changed: HermiT not run
    outcome, inferred = reason_delta(before, [], [], {ox.Triple(y, rdf_type, visit)}, set(), reason)
    if outcome.status == "skipped":
        pytest.skip("no Java: HermiT cannot run")
    assert outcome.status == "consistent"
    assert ox.Triple(y, rdf_type, event) in inferred                 # y's triples did not change
    assert not any(t.subject in (e, s) for t in inferred)            # e's fact left: so did its types


def test_reasoning_over_what_changed_finds_a_contradiction_the_change_brings():
    from kg.deltareason import Delta, reason_delta
    from kg.reason import reason

    rdf_type, state, city = _rdf("State", "City")
    x = ox.NamedNode("https://example.org/x")
    before = Delta(set(), {ox.Triple(x, rdf_type, state)})
    outcome, _ = reason_delta(before, [], [], before.documents | {ox.Triple(x, rdf_type, city)}, set(), reason)
    if outcome.status == "skipped":
        pytest.skip("no Java: HermiT cannot run")
    assert outcome.status == "inconsistent"                          # City and State are disjoint
