"""Bad input for every command: the exit code, one line with its location, no traceback,
and a store that stays byte-identical.

Each case is ``(command line, exit code, what the line must hold)``; ``{d}`` in an argument
is the folder of made-up inputs (:func:`inputs`), ``{s}`` the store.
"""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import EXIT_ERROR, EXIT_VIOLATIONS

from .conftest import FIXTURES, assert_one_line_error

CLI = FIXTURES / "cli"
SHAPES = ["--shapes", str(CLI / "shapes.ttl"), "--ontology", str(CLI / "ontology.ttl")]
PREFIXES = ("@prefix kg: <https://w3id.org/bilateral-relations/ontology#> .\n"
            "@prefix kgr: <https://w3id.org/bilateral-relations/id/> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY a "lol">\n'
          + "".join(f' <!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">\n' for i in range(9))
          + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
            '<ex:p>&j;</ex:p></rdf:Description></rdf:RDF>\n')
EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY f SYSTEM "file:///etc/passwd"> ]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
            '<ex:p>&f;</ex:p></rdf:Description></rdf:RDF>\n')


@pytest.fixture
def inputs(tmp_path) -> Path:
    """A folder of hostile and careless inputs."""
    d = tmp_path / "in"
    d.mkdir()
    os.mkfifo(d / "fifo.ttl")
    os.mkfifo(d / "fifo.rq")
    (d / "folder.ttl").mkdir()
    (d / "laughs.rdf").write_text(LAUGHS)
    (d / "external.rdf").write_text(EXTERNAL)
    (d / "remote.jsonld").write_text('{"@context": "http://127.0.0.1:9/context.jsonld", '
                                     '"@id": "http://example.org/a", "name": "x"}')
    (d / "star.ttl").write_text(PREFIXES + "<< kgr:a kgr:b kgr:c >> rdfs:label \"x\" .\n")
    (d / "blank.ttl").write_text(PREFIXES + "[] a kg:MemorandumOfUnderstanding ; "  # no kg:party
                                 'rdfs:label "An MoU without parties"@en .\n')
    (d / "bad.rq").write_text("SELECT *\nWHERE { ?s ?p }")
    (d / "batch.unknown").write_text("x")
    sources = d / "sources"
    shutil.copytree(Path(__file__).parents[2] / "data" / "sources", sources)
    rows = list(csv.DictReader((sources / "catalog.csv").open(encoding="utf-8")))
    fields = list(rows[0])

    def catalog(name, rows, header=fields):
        folder = d / name
        shutil.copytree(sources, folder)
        with (folder / "catalog.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, header, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)

    catalog("empty", [])
    catalog("url", [{**rows[0], "url": "https://example.org/a page"}])
    catalog("language", [{**rows[0], "language": "xx"}])
    catalog("date", [{**rows[0], "date": "1 July 1975"}])
    catalog("columns", rows, header=[f for f in fields if f != "license"])
    catalog("one", rows[:1])
    catalog("folder", [{**rows[0], "file": ""}])
    return d


CASES = [
    # kg validate / kg add: the batch file
    (["validate", "{d}/fifo.ttl"], EXIT_ERROR, ["fifo.ttl: ", "not a regular file"]),
    (["add", "{d}/fifo.ttl"], EXIT_ERROR, ["fifo.ttl: ", "not a regular file"]),
    (["validate", "/dev/zero", "--format", "turtle"], EXIT_ERROR, ["/dev/zero: ", "not a regular file"]),
    (["add", "{d}/folder.ttl"], EXIT_ERROR, ["folder.ttl: ", "is a directory"]),
    (["add", "{d}/missing.ttl"], EXIT_ERROR, ["missing.ttl: ", "no such file"]),
    (["add", "{d}/batch.unknown"], EXIT_ERROR, ["batch.unknown: ", "--format"]),
    (["add", str(CLI / "syntax_error.ttl")], EXIT_ERROR, ["syntax_error.ttl:4:1: "]),
    (["add", str(CLI / "latin1.ttl")], EXIT_ERROR, ["latin1.ttl:2:18: ", "not UTF-8"]),
    (["add", str(CLI / "empty.ttl")], EXIT_ERROR, ["empty.ttl: ", "no triples"]),
    (["add", "{d}/laughs.rdf"], EXIT_ERROR, ["laughs.rdf:4:2: ", "nested entities"]),
    (["validate", "{d}/laughs.rdf"], EXIT_ERROR, ["laughs.rdf:4:2: ", "nested entities"]),
    (["add", "{d}/external.rdf"], EXIT_ERROR, ["external.rdf:2:21: ", "external"]),
    (["add", "{d}/remote.jsonld"], EXIT_ERROR, ["remote.jsonld: ", "remote JSON-LD @context"]),
    (["add", "{d}/star.ttl"], EXIT_ERROR, ["star.ttl: ", "RDF-star"]),
    # kg query
    (["query", "-e", "SELECT *\nWHERE { ?s ?p }"], EXIT_ERROR, ["-e:2:16: ", "syntax error at line 2 column 16"]),
    (["query", "{d}/bad.rq"], EXIT_ERROR, ["bad.rq:2:16: ", "syntax error at line 2 column 16"]),
    (["query", "-e", "SELEC * { ?s ?p ?o }"], EXIT_ERROR, ["-e:1:1: ", "syntax error", "'SELEC'"]),
    (["query", "-e", "missing.rq"], EXIT_ERROR, ["-e:1:1: ", "syntax error", "without -e"]),
    (["query", "-e", "DROP ALL"], EXIT_ERROR, ["DROP is an update"]),
    (["query", "{d}/fifo.rq"], EXIT_ERROR, ["fifo.rq: ", "not a regular file"]),
    (["query", "{d}/missing.rq"], EXIT_ERROR, ["missing.rq: ", "no such file"]),
    (["query", "relatoins"], EXIT_ERROR, ["did you mean 'relations'"]),
    (["query", "relations", "--timeout", "0"], EXIT_ERROR, ["--timeout", "above 0"]),
    (["query", "relations", "--timeout", "nan"], EXIT_ERROR, ["--timeout"]),
    (["query", "-e", "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"], EXIT_ERROR,
     ["SERVICE <http://example.org/sparql>", "--allow-service example.org"]),
    (["query", "-e", "SELECT * { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }"], EXIT_ERROR,
     ["SERVICE <http://example.org/sparql>"]),
    (["query", "-e", "SELECT * { SERVICE ?where { ?s ?p ?o } }"], EXIT_ERROR, ["SERVICE ?where is refused"]),
    (["query", "-e", "PREFIX x: <http://example.org/> SELECT * { service x:s { ?s ?p ?o } }"], EXIT_ERROR,
     ["SERVICE x:s is refused"]),
    (["query", "-e", "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
      "--allow-service", "example.net"], EXIT_ERROR, ["--allow-service example.org"]),
    # kg build: the catalog and what the build would destroy
    (["build", "--no-reason", "--sources", "{d}/empty"], EXIT_ERROR, ["empty/catalog.csv: ", "lists no document"]),
    (["build", "--no-reason", "--sources", "{d}/one"], EXIT_ERROR, ["would drop", "--force"]),
    (["build", "--no-reason", "--sources", "{d}/url"], EXIT_ERROR,
     ["url/catalog.csv:2:7: ", "url: 'https://example.org/a page' is not an absolute IRI"]),
    (["build", "--no-reason", "--sources", "{d}/language"], EXIT_ERROR, ["language/catalog.csv:2: ", "language"]),
    (["build", "--no-reason", "--sources", "{d}/date"], EXIT_ERROR, ["date/catalog.csv:2: ", "date"]),
    (["build", "--no-reason", "--sources", "{d}/columns"], EXIT_ERROR, ["columns/catalog.csv:1: ", "license"]),
    (["build", "--no-reason", "--sources", "{d}/missing"], EXIT_ERROR, ["missing: ", "no such directory"]),
]


def _argv(argv, inputs, store):
    return [a.replace("{d}", str(inputs)).replace("{s}", str(store)) for a in argv]


@pytest.mark.parametrize("argv,code,needles", CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_bad_input_is_one_line_and_leaves_the_store(argv, code, needles, inputs, seed_copy, digest, capsys):
    before = digest(seed_copy)
    argv = _argv(argv, inputs, seed_copy)
    assert main([argv[0], "--store", str(seed_copy), *argv[1:]]) == code
    assert_one_line_error(capsys.readouterr().err, *needles, notes=argv[0] == "build")
    assert digest(seed_copy) == before


def test_a_listed_file_that_is_a_folder_is_named(inputs, seed_copy, digest, capsys):
    before = digest(seed_copy)
    assert main(["build", "--no-reason", "--force", "--sources", str(inputs / "folder"),
                 "--store", str(seed_copy)]) == EXIT_VIOLATIONS
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("kg: error:")] == [
        f"kg: error: 000_1a2cc20a6141a03d: not built: {inputs / 'folder'}: is a directory, not a file"]
    assert digest(seed_copy) != before  # the build went on without it (--force): exit 1, as documented


def test_a_blank_node_that_violates_is_refused(inputs, small_store, digest, capsys):
    before = digest(small_store)
    assert main(["add", str(inputs / "blank.ttl"), "--store", str(small_store), *SHAPES]) == EXIT_VIOLATIONS
    out = capsys.readouterr().out
    assert out.startswith(f"{inputs / 'blank.ttl'}: _:") and "kg:party" in out
    assert digest(small_store) == before


def test_size_limits(inputs, small_store, digest, capsys, monkeypatch):
    from kg import inputs as limits

    before = digest(small_store)
    monkeypatch.setitem(limits.LIMITS, "batch", 100)
    assert main(["add", str(CLI / "good.ttl"), "--store", str(small_store), *SHAPES]) == EXIT_ERROR
    assert_one_line_error(capsys.readouterr().err, "good.ttl: ", "over the limit for a batch")
    monkeypatch.setitem(limits.LIMITS, "batch", 1 << 20)
    monkeypatch.setattr(limits, "MAX_BATCH_TRIPLES", 2)
    assert main(["add", str(CLI / "good.ttl"), "--store", str(small_store), *SHAPES]) == EXIT_ERROR
    assert_one_line_error(capsys.readouterr().err, "good.ttl: ", "over 2 triples")
    assert digest(small_store) == before


# --- a damaged store ---------------------------------------------------------------------------

def _truncate_tables(d: Path):
    for f in d.glob("*.sst"):
        os.truncate(f, f.stat().st_size // 2)


def _scribble_current(d: Path):
    (d / "CURRENT").write_text("garbage\n")


def _truncate_manifest(d: Path):
    for f in d.glob("MANIFEST-*"):
        os.truncate(f, 10)


DAMAGE = {
    "CURRENT deleted": lambda d: (d / "CURRENT").unlink(),
    "CURRENT scribbled": _scribble_current,
    "MANIFEST truncated": _truncate_manifest,
    "MANIFEST deleted": lambda d: [f.unlink() for f in d.glob("MANIFEST-*")],
    "tables truncated": _truncate_tables,
    "tables deleted": lambda d: [f.unlink() for f in d.glob("*.sst")],
    "version deleted": lambda d: shutil.rmtree(d),
}


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("command", [["query", "relations"], ["export", "-f", "nquads"],
                                     ["add", str(CLI / "good.ttl"), *SHAPES], ["build", "--no-reason"]])
def test_a_damaged_store_says_so(damage, command, seed_copy, capsys):
    DAMAGE[damage](seed_copy.resolve())
    assert main([command[0], "--store", str(seed_copy), *command[1:]]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert_one_line_error(err, f"the store at {seed_copy} is damaged", "rebuild it with `kg build --force`")


def test_kg_build_force_replaces_a_damaged_store(seed_copy, capsys):
    from .conftest import content

    _truncate_tables(seed_copy.resolve())
    assert main(["build", "--no-reason", "--force", "--store", str(seed_copy)]) == 0
    assert len(content(seed_copy)) > 4000
    assert [p.name.split("-")[0] for p in seed_copy.parent.iterdir() if ".damaged-" in p.name] == [".store.damaged"]
