"""Every stored query (``queries/*.rq``) parses, documents itself, and runs on the built graph.

Checked for each file: a ``#+ summary:`` line; every ``?_param`` it uses is declared with
``#+ param:``, and ``lang`` is declared (every query takes ``?_lang``); rdflib and
pyoxigraph both parse it; on the store built from ``data/`` it returns the declared columns
in order; and rdflib's own engine returns the same rows as Oxigraph (the two engines are
benchmarked against each other).

Queries run through ``kg.queries`` when it exists (it binds parameters the way ``kg query``
does); otherwise pyoxigraph directly, with each parameter replaced by its term's own
N-Triples serialization (pyoxigraph's ``substitutions`` refuses a variable that is not in
the SELECT projection, and parameters never are).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
import pytest

from kg import paths

QUERY_FILES = sorted(paths.QUERIES_DIR.glob("*.rq"))

# The columns other tools read: fixed names, fixed order.
COLUMNS = {
    "relations": ["state_a", "state_b", "established", "evidence"],
    "missions": ["mission", "kind", "sending_state", "receiving_state", "city", "opened",
                 "closed", "evidence"],
    "memberships": ["state", "organization", "evidence"],
    "shared-memberships": ["organization"],
    "agreements": ["agreement", "kind", "parties", "signatories", "date", "topics", "evidence"],
    "events": ["date", "event", "kind", "participants", "place", "evidence"],
    "office-holders": ["person", "office", "state", "date", "evidence"],
    "trade": ["year", "state_a", "state_b", "value", "currency", "reported_by", "exporter", "importer", "evidence"],
    "trade-balance": ["year", "state_a", "state_b", "deficit_state", "evidence"],
    "exports": ["exporter", "importer", "product", "evidence"],
    "cooperation": ["area", "context", "date", "evidence"],
    "market-entries": ["company", "nationality", "market", "evidence"],
    "awards": ["award", "recipient", "awarded_by", "date", "evidence"],
    "evidence": ["document", "language", "quote"],
}
# Every list query ends with the IRI of the fact of each row.
for _name in set(COLUMNS) - {"evidence", "shared-memberships"}:
    COLUMNS[_name] = COLUMNS[_name] + ["fact"]
REQUIRED = ["relations", "missions", "memberships", "shared-memberships", "agreements", "events",
            "office-holders", "trade", "exports", "cooperation", "evidence"]

PARAM_LINE = re.compile(r"^#\+\s*param:\s*(\w+)\s*:\s*(iri|literal|lang)\s*(?:=\s*(\S.*?))?\s*$")


def header(text: str) -> dict:
    """``{"summary": str | None, "params": {name: (type, default)}}`` from the ``#+`` lines."""
    summary, params = None, {}
    for line in text.splitlines():
        if line.startswith("#+ summary:"):
            summary = line.split(":", 1)[1].strip()
        match = PARAM_LINE.match(line)
        if match:
            params[match[1]] = (match[2], match[3])
    return {"summary": summary, "params": params}


def body(text: str) -> str:
    """The query without comment lines and without string literals (where ?_x is no variable)."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', code)


def used_params(text: str) -> set[str]:
    return set(re.findall(r"[?$]_([A-Za-z0-9]\w*)", body(text)))


def term(kind: str, value: str):
    return ox.NamedNode(value.strip("<>")) if kind == "iri" else ox.Literal(value)


def substituted(text: str, values: dict[str, str]) -> str:
    """The query with its parameters replaced by their terms' N-Triples form, and without
    the lines that use an optional parameter (``?__name``) not given."""
    unset = {n for n in header(text)["params"] if n not in values}
    text = "\n".join("" if set(re.findall(r"[?$]__(\w+)", line)) & unset else line
                     for line in text.split("\n"))
    for name, (kind, default) in header(text)["params"].items():
        value = values.get(name, default)
        if value is not None:
            text = re.sub(r"[?$]_%s\b" % re.escape(name), lambda _m: str(term(kind, value)), text)
    return text


def run_direct(store: ox.Store, text: str, values: dict[str, str]):
    """Run with pyoxigraph alone, parameters written into the text."""
    return store.query(substituted(text, values), use_default_graph_as_union=True)


def cell(t):
    return None if t is None else t.value


@pytest.fixture(scope="module")
def run(built_store_path):
    """``run(name, lang="en", **params)`` → ``(columns, rows)``; cells are strings or None."""
    try:
        from kg import queries as kq
        from kg.store import open_store
    except ImportError:
        kq = None
    if kq is not None:
        store = open_store(built_store_path)

        def runner(name, lang="en", **values):
            result = kq.run(store, kq.find(name), values, lang)
            return [v.value for v in result.variables], [[cell(t) for t in s] for s in result]
        yield runner
        store.close()
    else:
        store = ox.Store.read_only(str(built_store_path))

        def runner(name, lang="en", **values):
            text = (paths.QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
            result = run_direct(store, text, {"lang": lang, **values})
            return [v.value for v in result.variables], [[cell(t) for t in s] for s in result]
        yield runner


def ids(files):
    return [f.stem for f in files]


def test_the_required_queries_exist():
    assert sorted(set(REQUIRED) - {f.stem for f in QUERY_FILES}) == []


@pytest.mark.parametrize("path", QUERY_FILES, ids=ids(QUERY_FILES))
def test_has_a_summary(path):
    assert header(path.read_text(encoding="utf-8"))["summary"], f"{path.name}: no '#+ summary:'"


@pytest.mark.parametrize("path", QUERY_FILES, ids=ids(QUERY_FILES))
def test_declares_every_parameter_it_uses(path):
    text = path.read_text(encoding="utf-8")
    declared = header(text)["params"]
    assert sorted(used_params(text) - set(declared)) == []
    assert declared.get("lang") == ("literal", "en"), "every query takes ?_lang (literal, default en)"


@pytest.mark.parametrize("path", QUERY_FILES, ids=ids(QUERY_FILES))
def test_kg_queries_reads_the_same_header(path):
    kq = pytest.importorskip("kg.queries")
    text = path.read_text(encoding="utf-8")
    parsed = kq.parse(path.stem, text, path)
    assert parsed.summary == header(text)["summary"]
    assert {n: p.default for n, p in parsed.params.items()} == \
        {n: d for n, (_, d) in header(text)["params"].items()}


@pytest.mark.parametrize("path", QUERY_FILES, ids=ids(QUERY_FILES))
def test_parses_in_rdflib(path):
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=ids(QUERY_FILES))
def test_parses_and_runs_in_oxigraph(path):
    list(run_direct(ox.Store(), path.read_text(encoding="utf-8"), {}))


@pytest.mark.parametrize("path", QUERY_FILES, ids=ids(QUERY_FILES))
def test_is_a_select_with_its_declared_columns(path):
    text = path.read_text(encoding="utf-8")
    assert path.stem in COLUMNS, f"{path.name}: add its columns to COLUMNS"
    result = run_direct(ox.Store(), text, {})
    assert [v.value for v in result.variables] == COLUMNS[path.stem]


@pytest.mark.parametrize("path", QUERY_FILES, ids=ids(QUERY_FILES))
@pytest.mark.parametrize("lang", ["en", "bn"])
def test_runs_on_the_built_store(run, path, lang):
    columns, rows = run(path.stem, lang)
    assert columns == COLUMNS[path.stem]
    if path.stem != "evidence":
        assert rows, f"{path.stem} returned no rows on the built graph"
    assert len(rows) == len({tuple(r) for r in rows}) or path.stem == "evidence", "duplicate rows"


def same_value(a, b):
    if a == b:
        return True
    try:
        return Decimal(a) == Decimal(b)   # 213370000 and 213370000.0 are one xsd:decimal
    except (InvalidOperation, TypeError):
        return False


@pytest.mark.parametrize("path", QUERY_FILES, ids=ids(QUERY_FILES))
def test_rdflib_and_oxigraph_agree(built_dataset, built_store_path, path):
    """rdflib (over the union of graphs) returns the same rows as Oxigraph for the same text."""
    import rdflib

    text = path.read_text(encoding="utf-8")
    store = ox.Store.read_only(str(built_store_path))
    result = run_direct(store, text, {"lang": "bn"})
    expected = [[cell(t) for t in s] for s in result]
    union = rdflib.Dataset(store=built_dataset.store, default_union=True)
    got = [[None if t is None else str(t) for t in row]
           for row in union.query(substituted(text, {"lang": "bn"}))]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert all(same_value(x, y) for x, y in zip(g, e)), (g, e)
