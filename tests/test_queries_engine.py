"""kg.queries: headers, parameter convention, binding, running and result formats."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import queries
from kg.errors import EncodingError, InputError, ParameterError, UnknownQuery, UpdateRefused
from kg.store import OxigraphStore

QUERIES = Path(__file__).parent / "fixtures" / "cli" / "queries"
BASE = Path(__file__).parent / "fixtures" / "cli" / "base.trig"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture
def store(tmp_path):
    with OxigraphStore(tmp_path / "store", read_only=False, create=True) as db:
        db.add(ox.parse(path=str(BASE), format=ox.RdfFormat.TRIG))
    with OxigraphStore(tmp_path / "store") as db:
        yield db


def test_header_and_declared_params():
    q = queries.parse("x", "#+ summary: Sum\n#+ description: one\n#+ description: two\n"
                           "#+ tags: a, b\n#+ param: a: iri = kgr:state/id\n#+ param: y: xsd:gYear\n"
                           "SELECT * WHERE { ?_a ?p ?_y }")
    assert (q.summary, q.description, q.tags) == ("Sum", "one two", ["a", "b"])
    assert (q.params["a"].type, q.params["a"].default, q.params["a"].required) == ("iri", "kgr:state/id", False)
    assert (q.params["y"].type, q.params["y"].required) == ("xsd:gYear", True)


def test_undeclared_params_get_conventional_types():
    q = queries.parse("x", "SELECT * WHERE { ?_state_iri ?p ?_name . ?x ?q ?__opt "
                           "FILTER(lang(?name) = ?_lang) } # ?_comment is not a parameter")
    assert {n: (p.type, p.default, p.required) for n, p in q.params.items()} == {
        "state_iri": ("iri", None, True), "name": ("literal", None, True),
        "opt": ("literal", None, False), "lang": ("lang", "en", False)}
    assert "_opt" not in queries.bind(q, {"state_iri": "kgr:state/id", "name": "x"})


def test_bad_param_line_names_its_line():
    with pytest.raises(InputError) as error:
        queries.parse("x", "#+ summary: s\n#+ param: what\nSELECT * {}")
    assert error.value.line == 2
    with pytest.raises(InputError, match="unknown parameter type"):
        queries.parse("x", "#+ param: a: colour\nSELECT * {}")


def test_discover_and_find():
    found = queries.discover(QUERIES)
    assert {"agreements", "labels", "states", "by_code"} <= set(found)
    assert queries.find("labels", QUERIES).summary.startswith("The labels")
    assert queries.find(str(QUERIES / "states.rq")).name == "states"
    with pytest.raises(UnknownQuery) as error:
        queries.find("lables", QUERIES)
    assert error.value.suggestion == "labels"
    with pytest.raises(UnknownQuery, match="kg queries"):
        queries.find("zzzzzz", QUERIES)


def test_non_utf8_query_file(tmp_path):
    (tmp_path / "bad.rq").write_bytes(b"#+ summary: caf\xe9\nSELECT * {}")
    with pytest.raises(EncodingError) as error:
        queries.find(str(tmp_path / "bad.rq"))
    assert (error.value.line, error.value.column) == (1, 16)


@pytest.mark.parametrize("value,expected", [
    ("https://w3id.org/bilateral-relations/id/state/id", "https://w3id.org/bilateral-relations/id/state/id"),
    ("<https://w3id.org/bilateral-relations/id/state/id>", "https://w3id.org/bilateral-relations/id/state/id"),
    ("kgr:membership/id-apec", "https://w3id.org/bilateral-relations/id/membership/id-apec"),
    ("kg:State", "https://w3id.org/bilateral-relations/ontology#State"),
    ("ex:thing", "http://example.org/thing"),
    ("urn:isbn:123", "urn:isbn:123"),
])
def test_parse_iri(value, expected):
    assert queries.parse_iri(value, {"ex": "http://example.org/"}).value == expected


@pytest.mark.parametrize("value", [
    "state/id", "nope:x", "x> } ; DROP ALL ; #", "kgr:a b", "kgr:a>b", "https://a b/",
    "<https://a.example/x> } ; DROP ALL ; #>", "", "kgr:x\n} DROP ALL",
])
def test_parse_iri_rejects(value):
    with pytest.raises(ParameterError):
        queries.parse_iri(value)


def test_typed_and_lang_params():
    q = queries.parse("x", "#+ param: y: xsd:gYear\n#+ param: d: xsd:date\nSELECT * { ?s ?_y ?_d FILTER(?_lang) }")
    bound = queries.bind(q, {"y": "2001", "d": "2001-02-28"}, lang="bn")
    assert bound["_y"] == ox.Literal("2001", datatype=ox.NamedNode(XSD + "gYear"))
    assert bound["_lang"] == ox.Literal("bn")
    for bad in ({"y": "20x1", "d": "2001-02-28"}, {"y": "2001", "d": "2001-02-30"},
                {"y": "2001", "d": "2001-02-28", "lang": "not a tag"}):
        with pytest.raises(ParameterError):
            queries.bind(q, bad)


def test_parse_assignments():
    assert queries.parse_assignments(["a=kgr:x", "?_b=c=d"]) == {"a": "kgr:x", "b": "c=d"}
    with pytest.raises(ParameterError):
        queries.parse_assignments(["novalue"])


def test_lexical_forms():
    ok = [("2024-02-29", "date"), ("1975", "gYear"), ("1975-07", "gYearMonth"), ("12", "integer"),
          ("1.5", "decimal"), ("true", "boolean"), ("0", "nonNegativeInteger"), ("x", "string"),
          ("2020-01-01T10:00:00Z", "dateTime")]
    bad = [("abc", "date"), ("2023-02-29", "date"), ("75", "gYear"), ("1975-13", "gYearMonth"),
           ("1.5", "integer"), ("1,5", "decimal"), ("yes", "boolean"), ("-1", "nonNegativeInteger")]
    assert all(queries.lexical_ok(v, XSD + t) for v, t in ok)
    assert not any(queries.lexical_ok(v, XSD + t) for v, t in bad)


def test_run_and_render(store):
    q = queries.find("labels", QUERIES)
    result = queries.run(store, q, {"thing": "kgr:state/bb"}, lang="es")
    assert queries.render(result, "table", q.prefixes).decode().splitlines()[2] == "Betalandia"
    data = json.loads(queries.render(queries.run(store, q, {"thing": "kgr:state/bb"}), "json"))
    assert data == {"head": {"vars": ["label"]}, "results": {"bindings": [
        {"label": {"type": "literal", "value": "Betaland", "xml:lang": "en"}}]}}
    rows = list(csv.reader(io.StringIO(queries.render(
        queries.run(store, queries.find("states", QUERIES)), "csv").decode())))
    assert rows == [["state", "code"], ["https://w3id.org/bilateral-relations/id/state/aa", "AA"],
                    ["https://w3id.org/bilateral-relations/id/state/bb", "BB"]]


def test_aggregate_query_with_unprojected_parameter(store):
    q = queries.find("agreements", QUERIES)
    rows = list(queries.run(store, q, {"year": "2001"}))
    assert [r["parties"].value for r in rows] == ["2"]
    assert list(queries.run(store, q, {"year": "2002"})) == []


def test_injection_values_are_terms(store):
    q = queries.find("by_code", QUERIES)
    for value in ['AA" } ; DROP ALL ; #', "AA' } ; DROP ALL ; #", "AA\"\"\" ) } #"]:
        assert list(queries.run(store, q, {"code": value})) == []
    assert len(list(store.quads())) == 13


def test_updates_are_refused(store):
    for text in ["DROP ALL", "INSERT DATA { <http://a> <http://b> <http://c> }",
                 "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }", "LOAD <http://x>", "CLEAR DEFAULT"]:
        with pytest.raises(UpdateRefused):
            queries.run(store, queries.adhoc(text))
    assert len(list(store.quads())) == 13


def test_adhoc_has_project_prefixes_and_graph_results(store):
    q = queries.adhoc("CONSTRUCT { ?s a kg:State } WHERE { ?s a kg:State }")
    turtle = queries.render(queries.run(store, q), "table", q.prefixes).decode()
    assert "kgr:state\\/aa a kg:State ." in turtle
    ask = queries.adhoc("ASK { kgr:state\\/aa a kg:State }")
    assert queries.render(queries.run(store, ask), "json") == b'{"head":{},"boolean":true}\n'
    assert queries.render(queries.run(store, ask), "table") == b"true\n"


def test_table_aligns_wide_and_combining_characters():
    text = queries.table(["a", "b"], [[ox.Literal("ইন্দোনেশিয়া"), ox.Literal("x")],
                                      [ox.Literal("日本"), None]], {})
    lines = text.splitlines()
    assert lines[-1] == "(2 rows)"
    assert lines[3] == "日本"
