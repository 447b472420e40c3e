"""The ``kg`` command end to end on a small made-up store: exit codes, one-line errors,
and a store that stays byte-identical whenever a command must not change it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
QUERIES = FIXTURES / "queries"
SHAPES = ["--shapes", str(FIXTURES / "shapes.ttl"), "--ontology", str(FIXTURES / "ontology.ttl")]
PYTHON = sys.executable
KG = [PYTHON, "-m", "kg.cli"]



@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "store"
    db = ox.Store(str(path))
    db.bulk_load(path=str(FIXTURES / "base.trig"), format=ox.RdfFormat.TRIG)
    db.flush()
    del db
    import gc

    gc.collect()
    return path


def kg(capsys, store, *argv):
    code = main(["--store", str(store), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *needles: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kg: error: ")
    for needle in needles:
        assert needle in lines[0], lines[0]


# --- bad input: exit code, one line, store unchanged ------------------------------------------

BAD_FILES = [
    ("missing.ttl", EXIT_ERROR, ["missing.ttl", "no such file"]),
    ("empty.ttl", EXIT_ERROR, ["empty.ttl", "no triples"]),
    ("no_triples.ttl", EXIT_ERROR, ["no triples"]),
    ("latin1.ttl", EXIT_ERROR, ["latin1.ttl:2:18:", "not UTF-8"]),
    ("syntax_error.ttl", EXIT_ERROR, ["syntax_error.ttl:4:1:", "dot is expected"]),
    ("unknown_prefix.ttl", EXIT_ERROR, ["unknown_prefix.ttl:2:14:", "nope:"]),
    ("good.data", EXIT_ERROR, ["good.data", "--format"]),
]


@pytest.mark.parametrize("command", ["validate", "add"])
@pytest.mark.parametrize("name,code,needles", BAD_FILES)
def test_bad_input_files(capsys, store, command, name, code, needles, digest):
    before = digest(store)
    result, out, err = kg(capsys, store, command, FIXTURES / name, *SHAPES)
    assert result == code
    assert_one_line_error(err, *needles)
    assert out == ""
    assert digest(store) == before


VIOLATING = [
    ("wrong_datatype.ttl", ['"abc" is not a valid xsd:date', "kgr:agreement/bad-date kg:date"]),
    ("undeclared.ttl", ["class kg:Treaty is not declared", "property kg:signedOn is not declared"]),
    ("violates.ttl", ["kgr:agreement/orphan kg:party: an agreement needs at least one party"]),
]


@pytest.mark.parametrize("command", ["validate", "add"])
@pytest.mark.parametrize("name,needles", VIOLATING)
def test_violations_exit_1_and_change_nothing(capsys, store, tmp_path, command, name, needles, digest):
    before = digest(store)
    report = tmp_path / "report.ttl"
    result, out, err = kg(capsys, store, command, FIXTURES / name, *SHAPES, "--report", report)
    assert result == EXIT_VIOLATIONS
    assert "Traceback" not in err and "Traceback" not in out
    for needle in needles:
        assert needle in out
    for line in out.splitlines():       # one line per violation: file: focus path: message
        assert line.startswith(str(FIXTURES / name) + ": kgr:")
    graph = list(ox.parse(path=str(report), format=ox.RdfFormat.TURTLE))
    assert any(q.object.value == "false" for q in graph
               if q.predicate.value == "http://www.w3.org/ns/shacl#conforms")
    assert digest(store) == before


def test_add_conforming_batch_is_visible_to_a_query(capsys, store):
    code, out, err = kg(capsys, store, "query", "--queries-dir", QUERIES, "agreements", "-f", "json")
    assert len(json.loads(out)["results"]["bindings"]) == 1
    code, out, err = kg(capsys, store, "add", FIXTURES / "good.ttl", *SHAPES)
    assert code == EXIT_OK, err
    assert "added 5 triples" in err
    code, out, err = kg(capsys, store, "query", "--queries-dir", QUERIES, "agreements", "-f", "json")
    rows = json.loads(out)["results"]["bindings"]
    assert [r["date"]["value"] for r in rows] == ["2001-01-02", "2010-05-06"]
    code, out, _ = kg(capsys, store, "query", "-e",
                      "SELECT ?g WHERE { GRAPH ?g { kgr:agreement\\/mou-aa-bb-2010-05-06 ?p ?o } } LIMIT 1")
    assert "kgr:graph/curated" in out


def test_add_to_another_graph(capsys, store):
    code, out, err = kg(capsys, store, "add", FIXTURES / "good.nt", *SHAPES,
                        "--graph", "kgr:graph/curated/batch-1")
    assert code == EXIT_OK, err
    code, out, _ = kg(capsys, store, "query", "-f", "csv", "-e",
                      "SELECT ?g WHERE { GRAPH ?g { kgr:state\\/cc ?p ?o } } LIMIT 1")
    assert out.splitlines()[1] == "https://w3id.org/bilateral-relations/id/graph/curated/batch-1"


def test_add_bad_graph_iri(capsys, store, digest):
    before = digest(store)
    code, out, err = kg(capsys, store, "add", FIXTURES / "good.nt", *SHAPES, "--graph", "nope")
    assert code == EXIT_ERROR
    assert_one_line_error(err, "--graph", "not an IRI")
    assert digest(store) == before


def test_validate_conforming(capsys, store, digest):
    before = digest(store)
    code, out, err = kg(capsys, store, "validate", FIXTURES / "good.ttl", FIXTURES / "good.jsonld", *SHAPES)
    assert code == EXIT_OK, out + err
    assert "conforms" in err
    assert digest(store) == before


def test_format_override(capsys, store):
    code, out, err = kg(capsys, store, "validate", FIXTURES / "good.data", "--format", "ntriples", *SHAPES)
    assert code == EXIT_OK, err


QUERY_ERRORS = [
    (["agreemnts"], ["no stored query named 'agreemnts'", "did you mean 'agreements'"]),
    (["labels", "--param", "thing=state/aa"], ["thing:", "not an IRI"]),
    (["labels", "--param", "thing=nope:aa"], ["unknown prefix 'nope:'"]),
    (["labels", "--param", "thing=x> } ; DROP ALL ; #"], ["thing:", "not an IRI"]),
    (["labels", "--param", "thing=<https://a.example/x> } ; DROP ALL ; #>"], ["thing:"]),
    (["labels"], ["needs --param thing="]),
    (["labels", "--param", "thing=kgr:state/aa", "--param", "colour=red"], ["no parameter 'colour'"]),
    (["labels", "--param", "novalue"], ["expected --param NAME=VALUE"]),
    (["agreements", "--param", "year=abc"], ["year:", "not a valid xsd:gYear"]),
    (["-e", "DROP ALL"], ["read-only", "DROP"]),
    (["-e", "INSERT DATA { <http://a> <http://b> <http://c> }"], ["read-only"]),
    (["-e", "SELECT * WHERE { ?s ?p }"], ["-e:1:", "SPARQL syntax error"]),
    (["agreements", "-e", "ASK {}"], ["not both"]),
    ([], ["not both"]),
    (["labels", "--format", "yaml"], ["invalid choice"]),
]


@pytest.mark.parametrize("argv,needles", QUERY_ERRORS)
def test_query_errors(capsys, store, argv, needles, digest):
    before = digest(store)
    code, out, err = kg(capsys, store, "query", "--queries-dir", QUERIES, *argv)
    assert code == EXIT_ERROR
    assert_one_line_error(err, *needles)
    assert digest(store) == before


def test_injection_looking_literal_is_bound_as_a_term(capsys, store, digest):
    before = digest(store)
    for value in ['x" } ; DROP ALL ; #', "x' } ; DROP ALL ; #", 'a\\"b\nc']:
        code, out, err = kg(capsys, store, "query", "--queries-dir", QUERIES, "by_code",
                            "--param", f"code={value}", "-f", "json")
        assert code == EXIT_OK, err
        assert json.loads(out)["results"]["bindings"] == []
    code, out, err = kg(capsys, store, "query", "--queries-dir", QUERIES, "by_code", "--param", "code=AA")
    assert "kgr:state/aa" in out
    assert digest(store) == before


def test_query_table_and_lang(capsys, store):
    code, out, err = kg(capsys, store, "query", "--queries-dir", QUERIES, "labels",
                        "--param", "thing=kgr:state/aa", "--lang", "es")
    assert code == EXIT_OK, err
    assert out.splitlines() == ["label", "----------", "Alfalandia", "(1 row)"]


def test_query_formats(capsys, store):
    argv = ["query", "--queries-dir", QUERIES, "states"]
    _, out, _ = kg(capsys, store, *argv, "-f", "json")
    data = json.loads(out)
    assert data["head"]["vars"] == ["state", "code"]
    assert data["results"]["bindings"][0]["state"] == {"type": "uri", "value": "https://w3id.org/bilateral-relations/id/state/aa"}
    _, out, _ = kg(capsys, store, *argv, "-f", "csv")
    assert out.splitlines()[0] == "state,code"
    _, out, _ = kg(capsys, store, *argv, "-f", "tsv")
    assert out.splitlines()[0] == "?state\t?code"
    _, out, _ = kg(capsys, store, "query", "-e", "ASK { ?s a kg:State }")
    assert out == "true\n"


# What a query's process loads: the heavy libraries and the modules of other commands stay out
# (each costs milliseconds at every start of `kg query`).
NOT_FOR_A_QUERY = ["rdflib", "pyshacl", "owlready2", "dataclasses", "typing", "uuid", "json",
                   "kg.store.endpoint", "kg.build", "kg.validate", "kg.export"]


def test_a_query_imports_only_what_it_needs(store):
    script = ("import sys; from kg.cli import main; code = main(sys.argv[1:]); "
              f"print(code, sorted(set({NOT_FOR_A_QUERY!r}) & set(sys.modules)))")
    done = subprocess.run([PYTHON, "-c", script, "--store", str(store), "query", "--queries-dir",
                           str(QUERIES), "states", "-f", "tsv"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 []"
    assert done.stdout.splitlines()[0] == "?state\t?code"


@pytest.mark.parametrize("argv", [["query", "--limit", "x"], ["export", "--format", "nope"],
                                  ["add"], ["--store", "S", "query", "-f", "xml"]])
def test_one_command_parser_says_what_the_whole_one_says(capsys, argv):
    """A run builds the parser of the command it names alone; its errors and help are the same."""
    from kg.cli import named_command, parser

    messages = []
    for only in (None, named_command(argv)):
        with pytest.raises(Exception) as raised:
            parser(only).parse_args(argv)
        messages.append(str(raised.value))
    assert named_command(argv) == ("export" if argv[0] == "export" else "add" if argv == ["add"] else "query")
    assert messages[0] == messages[1]
    for only in (None, "query"):
        with pytest.raises(SystemExit):
            parser(only).parse_args(["query", "--help"])
        messages.append(capsys.readouterr().out)
    assert messages[-2] == messages[-1] and "Example: kg query" in messages[-1]


def test_query_file_path(capsys, store):
    code, out, err = kg(capsys, store, "query", QUERIES / "states.rq")
    assert code == EXIT_OK, err
    assert "(2 rows)" in out


def test_queries_lists_names_and_summaries(capsys, store):
    code, out, err = kg(capsys, store, "queries", "--queries-dir", QUERIES)
    assert code == EXIT_OK
    assert "labels      The labels of a resource in one language" in out.splitlines()


@pytest.mark.parametrize("argv", [
    ["query", "-e", "ASK {}"], ["export"], ["validate", str(FIXTURES / "good.ttl"), *SHAPES],
    ["add", str(FIXTURES / "good.ttl"), *SHAPES]])
def test_missing_store(capsys, tmp_path, argv):
    code, out, err = kg(capsys, tmp_path / "nowhere", *argv)
    assert code == EXIT_ERROR
    assert_one_line_error(err, "no store at", "run `kg build` first")
    assert not (tmp_path / "nowhere").exists()


def test_store_env_variable(capsys, store, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(store))
    assert main(["query", "-e", "ASK { ?s a kg:State }"]) == EXIT_OK
    assert capsys.readouterr().out == "true\n"


def test_locked_store(store, digest):
    """A store held open for writing by another process: add fails cleanly, nothing changes."""
    holder = subprocess.Popen(
        [PYTHON, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
                       "print('ready', flush=True); sys.stdin.read()", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = digest(store)
        done = subprocess.run([*KG, "--store", str(store), "add", str(FIXTURES / "good.ttl"), *SHAPES],
                              capture_output=True, text=True)
        assert done.returncode == EXIT_ERROR
        assert_one_line_error(done.stderr, f"store {store} is in use by another process")
        assert digest(store) == before
        # Reading works while the other process holds the store.
        done = subprocess.run([*KG, "--store", str(store), "query", "-e", "ASK { ?s a kg:State }"],
                              capture_output=True, text=True)
        assert (done.returncode, done.stdout) == (EXIT_OK, "true\n"), done.stderr
        assert digest(store) == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_console_script_errors_have_no_traceback(store):
    done = subprocess.run([*KG, "--store", str(store), "query", "--queries-dir", str(QUERIES), "nope"],
                          capture_output=True, text=True)
    assert done.returncode == EXIT_ERROR
    assert_one_line_error(done.stderr, "no stored query named 'nope'")


def test_usage_errors_are_one_line(capsys, store):
    code, out, err = kg(capsys, store, "frobnicate")
    assert code == EXIT_ERROR
    assert_one_line_error(err, "invalid choice")
    code, out, err = kg(capsys, store, "extract", "x.txt", "--lang", "fr")
    assert code == EXIT_ERROR
    assert_one_line_error(err, "--lang")


def test_every_command_has_an_example_in_its_help(capsys):
    commands = ["build", "extract", "query", "queries", "export", "validate", "add"]
    for command in commands:
        assert main([command, "--help"]) == EXIT_OK
        out = capsys.readouterr().out
        assert f"Example: kg {command}" in out, command
    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("kg ")


def test_export_twice_byte_identical(capsys, store, tmp_path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert kg(capsys, store, "export", "-o", first)[0] == EXIT_OK
    assert kg(capsys, store, "export", "--format", "turtle", "-o", second)[0] == EXIT_OK
    assert first.read_bytes() == second.read_bytes()
    code, out, _ = kg(capsys, store, "export", "--format", "nquads")
    described = [line for line in out.splitlines() if line.endswith("/id/graph/void> .")]
    assert described                                   # the dataset's VoID description comes along
    assert len(out.splitlines()) - len(described) == 13
