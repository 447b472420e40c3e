"""Every export of the built graph, read back by three independent parsers, gives the very
same IRIs and statements: Oxigraph, rdflib, and Raptor's ``rapper`` (Debian raptor2-utils,
installed by scripts/ensure-rdf-tools.sh). Turtle and TriG write each minted IRI with its
family's prefix, so no local name has an escape (Virtuoso's loader keeps the backslash).
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest

from kg import export
from kg.namespaces import BASE, FAMILIES, KGR
from kg.store import OxigraphStore
from kg.terms import to_ox_quad

# kg's format name -> (rdflib's, rapper's; None where Raptor has no parser for it)
PARSERS = {"turtle": ("turtle", "turtle"), "trig": ("trig", "trig"),
           "ntriples": ("nt", "ntriples"), "nquads": ("nquads", "nquads"),
           "xml": ("xml", "rdfxml"), "jsonld": ("json-ld", None)}
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


@pytest.fixture(scope="module")
def exported(built_store_path, tmp_path_factory):
    """``fmt -> (file, the statements kg exported)``, from the built store."""
    directory = tmp_path_factory.mktemp("exports")
    with OxigraphStore(built_store_path) as store:
        files = {}
        for fmt, (rdf_format, dataset) in export.FORMATS.items():
            path = directory / f"kg.{rdf_format.file_extension}"
            path.write_bytes(export.export(store, fmt))
            files[fmt] = (path, set(export.statements(store, dataset)))
    return files


def iris(statements) -> set[str]:
    found = set()
    for statement in statements:
        for term in (statement.subject, statement.predicate, statement.object,
                     getattr(statement, "graph_name", None)):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
    return found


def canonical(quads) -> set[ox.Quad]:
    """The quads with their blank nodes relabelled canonically (the ontology's OWL lists)."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def by_oxigraph(path, fmt):
    return set(ox.parse(path=str(path), format=export.FORMATS[fmt][0]))


def by_rdflib(path, fmt):
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(str(path), format=PARSERS[fmt][0])
    return {to_ox_quad(quad) for quad in dataset.quads((None, None, None, None))}


def by_rapper(path, fmt):
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.fail("rapper is not installed (Debian raptor2-utils: `make install` runs "
                    "scripts/ensure-rdf-tools.sh)")
    done = subprocess.run([rapper, "--quiet", "-i", PARSERS[fmt][1], "-o", "nquads", str(path)],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    # Raptor writes N-Quads, which is line-based and unambiguous; Oxigraph only reads it back
    return set(ox.parse(done.stdout, format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("fmt", list(export.FORMATS))
@pytest.mark.parametrize("parser", [by_oxigraph, by_rdflib, by_rapper], ids=["oxigraph", "rdflib", "rapper"])
def test_every_parser_reads_the_same_iris_and_statements(exported, fmt, parser):
    if parser is by_rapper and PARSERS[fmt][1] is None:
        pytest.skip(f"Raptor has no {fmt} parser")
    path, statements = exported[fmt]
    dataset = export.FORMATS[fmt][1]
    read = parser(path, fmt)
    if not dataset:
        read = {ox.Quad(q.subject, q.predicate, q.object) for q in read}
    assert iris(read) == iris(statements)
    expected = {s if dataset else ox.Quad(s.subject, s.predicate, s.object) for s in statements}
    assert len(read) == len(expected)
    assert canonical(read) == canonical(expected)


def test_the_exports_hold_what_the_build_mints(exported):
    minted = {iri for iri in iris(exported["nquads"][1]) if iri.startswith(str(KGR))}
    assert {"state/id", "state/pe", "graph/reference"} <= {iri[len(str(KGR)):] for iri in minted}
    assert all(iri.startswith(BASE) for iri in iris(exported["nquads"][1])
               if "bilateral-relations" in iri)


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_no_local_name_needs_an_escape(exported, fmt):
    path, statements = exported[fmt]
    text = path.read_text(encoding="utf-8")
    declarations = "".join(line + "\n" for line in text.splitlines() if line.startswith("@prefix"))
    outside_strings = STRING.sub('""', text[len(declarations):])
    assert "\\" not in outside_strings
    assert f"<{KGR}" not in outside_strings  # every minted IRI is written with a prefix
    for prefix, path_ in FAMILIES.items():
        assert f"@prefix {prefix}: <{KGR}{path_}> ." in declarations


def test_the_base_is_persistent_and_the_old_one_is_gone():
    from pathlib import Path

    assert BASE.startswith("https://w3id.org/")
    root = Path(__file__).resolve().parents[1]
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True).stdout
    files = [root / name for name in tracked.decode().split("\0")
             if name and not name.startswith("tests/cases/")]  # the evaluation's documents are not ours to read
    assert len(files) > 100
    stale = [str(f) for f in files if f.is_file() and b"kg.example" + b".org" in f.read_bytes()]
    assert stale == []


def test_the_jsonld_export_is_compacted_with_the_published_context(exported):
    import json
    from pathlib import Path

    from kg.jsonld import context

    published = json.loads((Path(__file__).resolve().parents[1] / "docs" / "context.jsonld").read_text())
    assert published == {"@context": context()}
    document = json.loads(exported["jsonld"][0].read_text(encoding="utf-8"))
    assert document["@context"] == context()
    ids = {node["@id"] for graph in document["@graph"] for node in graph.get("@graph", [graph])}
    assert "state:pe" in ids and not any(i.startswith(str(KGR)) for i in ids)
