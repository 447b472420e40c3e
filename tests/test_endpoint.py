"""kg against a SPARQL 1.1 server instead of the embedded store, on two servers.

Two real servers run on 127.0.0.1 on free ports: Oxigraph (``oxigraph serve``, from the PyPI
package ``oxigraph``) and Virtuoso 7 (Debian's ``virtuoso-opensource``, installed by
scripts/ensure-rdf-tools.sh, on a temporary database). ``kg build --endpoint`` writes the
graph into each; every stored query, the export, validate and add give there what they give
on the embedded store built from the same data; a build leaves another dataset's graph
alone; failures are one line and exit 2; ``kg serve`` refuses updates. Every server is
stopped at the end, also when a test fails.
"""
from __future__ import annotations

import contextlib
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg import paths, queries
from kg.cli import main
from kg.errors import (EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_VIOLATIONS, EndpointError,
                       StoreError)
from kg.serve import oxigraph_executable, stop
from kg.store import Endpoint, SparqlEndpointStore, build_store, locate, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
SHAPES = ["--shapes", str(FIXTURES / "shapes.ttl"), "--ontology", str(FIXTURES / "ontology.ttl")]
VIOLATING = ["wrong_datatype.ttl", "undeclared.ttl", "violates.ttl"]
E = "https://w3id.org/bilateral-relations/id/"
KG = "https://w3id.org/bilateral-relations/ontology#"
P = ox.NamedNode("http://example.org/p")
FOREIGN = "http://example.org/another-dataset/"


# --- servers ------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process, timeout: float = 20) -> None:
    """Ask ``ASK {}`` until the server answers; fail if it exits first."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def oxigraph(directory: Path, *options: str):
    """``oxigraph serve`` on a store in ``directory``: yields its query URL, stops it at the end."""
    port = free_port()
    with open(directory / "server.log", "w") as log:
        process = subprocess.Popen(
            [oxigraph_executable(), "serve", "--location", str(directory / "db"),
             "--bind", f"127.0.0.1:{port}", *options],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}/query"
        wait_until_up(url, process)
        yield url
    finally:
        stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 4
[SPARQL]
MaxQueryExecutionTime = 60
"""
# Anonymous SPARQL (the "nobody" user) may update, as kg sends no credentials.
VIRTUOSO_GRANTS = 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'


@contextlib.contextmanager
def virtuoso(directory: Path):
    """Virtuoso 7 on a new database in ``directory``: yields its ``/sparql`` URL (kg derives
    the GSP URL, ``/sparql-graph-crud``), stops it at the end. Its ResultSetMaxRows is left
    at the default (10,000 rows an answer), which kg's paged reads must cope with."""
    executable, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if executable is None or isql is None:
        pytest.fail("Virtuoso is not installed (Debian virtuoso-opensource: `make install` runs "
                    "scripts/ensure-rdf-tools.sh)")
    sql, http = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql=sql, http=http))
    with open(directory / "server.log", "w") as log:
        process = subprocess.Popen([executable, "+foreground", "+configfile", str(ini)],
                                   cwd=directory, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{http}/sparql"
        wait_until_up(url, process, timeout=60)
        granted = subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={VIRTUOSO_GRANTS}"],
                                 capture_output=True, text=True, timeout=60)
        assert granted.returncode == 0 and "Error" not in granted.stdout, granted.stdout + granted.stderr
        yield url
    finally:
        stop(process)


SERVERS = {"oxigraph": lambda directory: oxigraph(directory, "--union-default-graph"),
           "virtuoso": virtuoso}


@pytest.fixture(scope="module", params=list(SERVERS))
def endpoint(request, tmp_path_factory):
    """A server holding the graph that ``kg build --endpoint URL --no-reason`` wrote."""
    with SERVERS[request.param](tmp_path_factory.mktemp(request.param)) as url:
        assert main(["build", "--endpoint", url, "--no-reason"]) == EXIT_OK
        yield url


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, built_dataset) -> Path:
    """The embedded store holding the same build (``kg build --no-reason`` writes ``assemble``'s)."""
    path = tmp_path_factory.mktemp("embedded") / "store"
    build_store(path, built_dataset.quads((None, None, None, None)))
    return path


@pytest.fixture(scope="module")
def virtuoso_for_writes(tmp_path_factory):
    with virtuoso(tmp_path_factory.mktemp("virtuoso-writes")) as url:
        yield url


@pytest.fixture(params=list(SERVERS))
def fresh(request, tmp_path):
    """An empty server (union default graph) for the tests that write: a new Oxigraph, or
    the module's Virtuoso with every graph the tests write dropped."""
    if request.param == "oxigraph":
        with oxigraph(tmp_path, "--union-default-graph") as url:
            yield url
        return
    url = request.getfixturevalue("virtuoso_for_writes")
    graphs = [row["g"] for row in sparql(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
              if row["g"].value.startswith((E, FOREIGN))]
    if graphs:
        update(url, " ; ".join(f"DROP SILENT GRAPH {g}" for g in graphs))
    yield url


def sparql(url: str, query: str):
    """A query sent as it is (no union check, no paging): what any client would see."""
    with open_store(url) as store:
        return list(store._query(query))


def update(url: str, text: str) -> None:
    with open_store(url, read_only=False) as store:
        store._update(text)


def load(url: str, quads) -> None:
    with open_store(url, read_only=False) as store:
        store.add(quads)


def snapshot(url: str) -> list[str]:
    """Every quad of the server's named graphs, as text (the server keeps blank node ids)."""
    with open_store(url) as store:
        return sorted(str(q) for q in store.quads())


def kg(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *needles: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), err
    for needle in needles:
        assert needle in lines[0], lines[0]


def rows(result) -> tuple[list[str], Counter]:
    """The columns and the multiset of rows (blank nodes are all alike)."""
    names = [v.value for v in result.variables]
    return names, Counter(tuple(None if isinstance(s[n], ox.BlankNode) else s[n] for n in names)
                          for s in result)


# --- build and query ------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(paths.QUERIES_DIR.glob("*.rq")), ids=lambda p: p.stem)
def test_every_stored_query_gives_the_same_rows(endpoint, embedded, path):
    query = queries.find(str(path))
    with open_store(embedded) as local, open_store(endpoint) as remote:
        names, expected = rows(queries.run(local, query))
        assert rows(queries.run(remote, query)) == (names, expected)
    assert expected        # every stored query has answers in the seed build


@pytest.mark.parametrize("argv", [
    ["relations", "--lang", "id"],
    ["shared-memberships", "--param", "a=kgr:state/id", "--param", "b=kgr:state/pe"],
    ["-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Embassy }"],
])
def test_kg_query_prints_the_same_json(capsys, endpoint, embedded, argv):
    code, out, err = kg(capsys, "query", *argv, "-f", "json", "--endpoint", endpoint)
    assert code == EXIT_OK, err
    _, local, _ = kg(capsys, "query", *argv, "-f", "json", "--store", embedded)
    remote, local = json.loads(out), json.loads(local)
    assert remote["head"] == local["head"]
    key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
    assert sorted(map(key, remote["results"]["bindings"])) == sorted(map(key, local["results"]["bindings"]))
    assert remote["results"]["bindings"]


BY_VALUE = {str(rdflib.XSD.boolean), str(rdflib.XSD.nonNegativeInteger)}


def by_value(graph) -> rdflib.Graph:
    """``graph`` with booleans and non-negative integers in one form each: Virtuoso writes
    ``"1"^^xsd:boolean`` for ``true`` and keeps ``xsd:nonNegativeInteger``, which Oxigraph
    stores as ``xsd:integer``; the values are the same."""
    same = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and str(o.datatype) in BY_VALUE:
            o = rdflib.Literal(o.toPython())
        same.add((s, p, o))
    return same


def test_a_long_query_goes_by_post(capsys, endpoint):
    """Over 8 KB of query text (more than servers take in a GET's headers)."""
    values = " ".join(f"<{E}state/x{i:04d}>" for i in range(400)) + f" <{E}state/pe>"
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?s {{ {values} }} ?s a kg:State }}"
    assert len(query.encode()) > 16_000
    code, out, err = kg(capsys, "query", "-e", query, "-f", "csv", "--endpoint", endpoint)
    assert (code, out.split()) == (EXIT_OK, ["n", "1"]), err


def test_export_is_isomorphic(capsys, endpoint, embedded, tmp_path):
    for fmt, kind in (("nquads", rdflib.Dataset), ("turtle", rdflib.Graph)):
        remote, local = tmp_path / f"remote.{fmt}", tmp_path / f"local.{fmt}"
        assert kg(capsys, "export", "--format", fmt, "-o", remote, "--endpoint", endpoint)[0] == EXIT_OK
        assert kg(capsys, "export", "--format", fmt, "-o", local, "--store", embedded)[0] == EXIT_OK
        a, b = kind().parse(remote, format=fmt), kind().parse(local, format=fmt)
        if kind is rdflib.Graph:
            assert len(a) == len(b) and isomorphic(by_value(a), by_value(b))
            continue
        names = {g.identifier for g in a.graphs() if len(g)}
        assert names == {g.identifier for g in b.graphs() if len(g)} and len(names) == 9  # 3 documents, ontology, reference, inferred, derived, inputs, VoID
        for name in names:
            assert len(a.graph(name)) == len(b.graph(name)), name
            assert isomorphic(by_value(a.graph(name)), by_value(b.graph(name))), name


# --- writing: build, validate, add ------------------------------------------------------------

def test_build_replaces_the_build_and_keeps_curated_graphs(fresh):
    curated = ox.Quad(ox.NamedNode(E + "c"), P, ox.Literal("kept"), ox.NamedNode(E + "graph/curated"))
    old = ox.Quad(ox.NamedNode(E + "a"), P, ox.Literal("old"), ox.NamedNode(E + "graph/doc/old"))
    load(fresh, [curated])
    build_store(fresh, [old])
    assert snapshot(fresh) == sorted(map(str, [curated, old]))
    new = ox.Quad(ox.NamedNode(E + "a"), P, ox.Literal("new"), ox.NamedNode(E + "graph/doc/new"))
    ignored = ox.Quad(ox.NamedNode(E + "x"), P, ox.Literal("x"), ox.NamedNode(E + "graph/curated"))
    build_store(fresh, [new, ignored])
    assert snapshot(fresh) == sorted(map(str, [curated, new]))   # no staging graph left
    recorded = sparql(fresh, f"SELECT ?g WHERE {{ GRAPH <{E}graph/build> {{ ?b ?p ?g }} }}")
    assert [row["g"].value for row in recorded] == [E + "graph/doc/new"]


def test_build_leaves_another_datasets_graphs(fresh, tmp_path):
    """A graph kg did not write survives every build; the export reads kg's graphs only."""
    foreign = ox.Quad(ox.NamedNode(FOREIGN + "s"), P, ox.Literal("theirs"), ox.NamedNode(FOREIGN + "graph"))
    load(fresh, [foreign])
    first = ox.Quad(ox.NamedNode(E + "a"), P, ox.Literal("ours"), ox.NamedNode(E + "graph/doc/a"))
    second = ox.Quad(first.subject, P, first.object, ox.NamedNode(E + "graph/doc/b"))
    for build in (first, second):
        build_store(fresh, [build])
        kept = sparql(fresh, f"SELECT ?o WHERE {{ GRAPH <{FOREIGN}graph> {{ ?s ?p ?o }} }}")
        assert [row["o"].value for row in kept] == ["theirs"]
        assert snapshot(fresh) == [str(build)]
    assert main(["export", "--format", "nquads", "--endpoint", fresh, "-o", str(tmp_path / "kg.nq")]) == EXIT_OK
    exported = (tmp_path / "kg.nq").read_text().splitlines()
    assert [line for line in exported if not line.endswith(f"<{E}graph/void> .")] == [str(second) + " ."]


def test_a_failed_upload_leaves_the_old_build(fresh, monkeypatch):
    before = [ox.Quad(ox.NamedNode(E + "a"), P, ox.Literal("old"), ox.NamedNode(E + "graph/doc/old"))]
    load(fresh, before)
    put = SparqlEndpointStore._put
    calls = []

    def second_put_fails(self, graph, triples):
        calls.append(graph)
        if len(calls) == 2:
            raise EndpointError(f"{self.endpoint.graph_store}: HTTP 503 Service Unavailable")
        put(self, graph, triples)

    monkeypatch.setattr(SparqlEndpointStore, "_put", second_put_fails)
    quads = [ox.Quad(ox.NamedNode(E + "b"), P, ox.Literal(str(i)), ox.NamedNode(E + f"graph/doc/{i}"))
             for i in range(3)]
    with pytest.raises(EndpointError, match="HTTP 503"):
        build_store(fresh, quads)
    assert len(calls) == 2
    assert snapshot(fresh) == sorted(map(str, before))


def test_a_server_without_a_graph_store_is_read_a_query_page_at_a_time(fresh, monkeypatch):
    quads = [ox.Quad(ox.NamedNode(E + f"s{i}"), P, ox.Literal(str(i)), ox.NamedNode(E + "graph/doc/d"))
             for i in range(5)]
    load(fresh, quads)
    request = SparqlEndpointStore._request
    reads = []

    def no_graph_store(self, method, url, *args, **kwargs):
        if method == "GET" and url == self.endpoint.graph_store:
            reads.append(url)
            raise EndpointError(f"{url}: HTTP 405 Method Not Allowed")
        return request(self, method, url, *args, **kwargs)

    monkeypatch.setattr(SparqlEndpointStore, "_request", no_graph_store)
    assert snapshot(fresh) == sorted(map(str, quads))
    assert reads


def seed() -> list[ox.Quad]:
    """The made-up facts test_cli seeds its stores with."""
    return list(ox.parse(path=str(FIXTURES / "base.trig"), format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="module", params=list(SERVERS))
def seeded(request, tmp_path_factory):
    """The seed on a server and in an embedded store, for tests that must change neither."""
    directory = tmp_path_factory.mktemp("seeded")
    build_store(directory / "store", seed())
    with SERVERS[request.param](directory) as url:
        load(url, seed())
        yield url, directory / "store"


@pytest.mark.parametrize("name", VIOLATING + ["good.ttl"])
def test_validate_reports_what_the_embedded_store_reports(capsys, seeded, name):
    url, local = seeded
    before = snapshot(url)
    remote = kg(capsys, "validate", FIXTURES / name, *SHAPES, "--endpoint", url)
    assert remote == kg(capsys, "validate", FIXTURES / name, *SHAPES, "--store", local)
    assert remote[0] == (EXIT_OK if name == "good.ttl" else EXIT_VIOLATIONS)
    assert snapshot(url) == before


def test_add_an_accepted_batch_appears(capsys, fresh):
    url = fresh
    load(url, seed())
    code, out, err = kg(capsys, "add", FIXTURES / "good.ttl", *SHAPES, "--endpoint", url)
    assert code == EXIT_OK, err
    assert "added 5 triples to <https://w3id.org/bilateral-relations/id/graph/curated>" in err
    code, out, err = kg(capsys, "query", "--queries-dir", FIXTURES / "queries", "agreements",
                        "-f", "csv", "--endpoint", url)
    assert [line.split(",")[1] for line in out.splitlines()[1:]] == ["2001-01-02", "2010-05-06"]
    with open_store(url) as store:
        graphs = {q.graph_name.value for q in store.quads() if "2010-05-06" in str(q.subject)}
    assert graphs == {E + "graph/curated", E + "graph/derived"}  # its names and evidence derived


@pytest.mark.parametrize("name,code", [(name, EXIT_VIOLATIONS) for name in VIOLATING]
                         + [("syntax_error.ttl", EXIT_ERROR), ("missing.ttl", EXIT_ERROR)])
def test_add_a_rejected_batch_changes_nothing(capsys, seeded, name, code):
    url, _ = seeded
    before = snapshot(url)
    result, out, err = kg(capsys, "add", FIXTURES / name, *SHAPES, "--endpoint", url)
    assert result == code and "Traceback" not in err
    assert snapshot(url) == before


def test_a_read_only_endpoint_store_refuses_writes():
    quad = ox.Quad(ox.NamedNode(E + "a"), P, ox.Literal("1"), ox.NamedNode(E + "graph/curated"))
    with open_store("http://127.0.0.1:9/query") as store:        # nothing is sent
        with pytest.raises(StoreError, match="read-only"):
            store.add([quad])
        with pytest.raises(StoreError, match="read-only"):
            store.replace_build([quad])


# --- errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["query", "relations"], ["export", "--format", "nquads"],
    ["validate", FIXTURES / "good.ttl", *SHAPES], ["add", FIXTURES / "good.ttl", *SHAPES]],
    ids=lambda argv: argv[0])
def test_an_unreachable_endpoint_is_one_line(capsys, argv):
    url = f"http://127.0.0.1:{free_port()}/query"
    code, out, err = kg(capsys, *argv, "--endpoint", url)
    assert code == EXIT_ERROR
    assert_one_line_error(err, url, "cannot connect", "refused")


def test_http_errors_are_one_line(capsys, endpoint):
    base = endpoint.rsplit("/", 1)[0]
    code, _, err = kg(capsys, "query", "relations", "--endpoint", base + "/nowhere")
    assert code == EXIT_ERROR
    assert_one_line_error(err, base + "/nowhere", "HTTP 404")
    code, _, err = kg(capsys, "query", "-e", "SELECT * WHERE { ?s ?p }", "--endpoint", endpoint)
    assert code == EXIT_ERROR
    assert_one_line_error(err, endpoint, "HTTP 400")


def test_the_default_graph_must_be_the_union(capsys, tmp_path):
    with oxigraph(tmp_path) as url:          # no --union-default-graph
        load(url, [ox.Quad(ox.NamedNode(E + "a"), P, ox.Literal("1"), ox.NamedNode(E + "graph/doc/x"))])
        code, _, err = kg(capsys, "query", "-e", "ASK { ?s ?p ?o }", "--endpoint", url)
    assert code == EXIT_ERROR
    assert_one_line_error(err, url, "not the union", "--union-default-graph")


# --- where: flag > environment > --store --------------------------------------------------------

def test_endpoint_flag_then_environment_then_store(monkeypatch, tmp_path):
    for name in ("KG_ENDPOINT", "KG_UPDATE_ENDPOINT", "KG_GSP_ENDPOINT", "KG_STORE"):
        monkeypatch.delenv(name, raising=False)
    assert locate(str(tmp_path)) == str(tmp_path)
    monkeypatch.setenv("KG_STORE", "elsewhere")
    assert locate() == "elsewhere" and locate(str(tmp_path)) == str(tmp_path)
    monkeypatch.setenv("KG_ENDPOINT", "http://env:7878/query")
    assert locate(str(tmp_path)) == Endpoint("http://env:7878/query", "http://env:7878/update",
                                             "http://env:7878/store")
    assert locate(str(tmp_path), "http://flag/ds").update == "http://flag/ds"
    monkeypatch.setenv("KG_GSP_ENDPOINT", "http://env/data")
    found = locate(None, "http://flag/ds/sparql", update="http://flag/ds/update")
    assert (found.query, found.update, found.graph_store) == (
        "http://flag/ds/sparql", "http://flag/ds/update", "http://env/data")
    monkeypatch.delenv("KG_ENDPOINT")
    assert locate("http://store-flag/query").graph_store == "http://env/data"


def test_kg_endpoint_wins_over_store(capsys, endpoint, monkeypatch, tmp_path):
    monkeypatch.setenv("KG_ENDPOINT", endpoint)
    code, out, err = kg(capsys, "query", "-e", "ASK { ?s a kg:Embassy }", "--store", tmp_path / "none")
    assert (code, out) == (EXIT_OK, "true\n"), err


# --- kg serve ----------------------------------------------------------------------------------

def test_serve_answers_queries_and_refuses_updates(capsys, embedded, digest, tmp_path):
    before = digest(embedded)
    batch = tmp_path / "batch.ttl"                 # conforms to the project's shapes
    batch.write_text('<https://w3id.org/bilateral-relations/id/state/id> '
                     '<http://www.w3.org/2000/01/rdf-schema#label> "Indonesia"@nl .\n')
    bind = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(embedded),
                               "--bind", bind], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        assert url == f"http://{bind}/query"
        code, out, err = kg(capsys, "query", "relations", "-f", "csv", "--endpoint", url)
        assert code == EXIT_OK and "1975-08-12" in out, err
        for request in (
                urllib.request.Request(url.replace("/query", "/update"), method="POST",
                                       data=b"update=" + urllib.parse.quote(
                                           "DROP ALL ; INSERT DATA { <http://a> <http://b> <http://c> }").encode(),
                                       headers={"Content-Type": "application/x-www-form-urlencoded"}),
                urllib.request.Request(url.replace("/query", "/store") + "?default", method="PUT",
                                       data=b"<http://a> <http://b> <http://c> .",
                                       headers={"Content-Type": "application/n-triples"})):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == 403
        code, out, err = kg(capsys, "add", batch, "--endpoint", url)
        assert code == EXIT_ERROR
        assert_one_line_error(err, url.replace("/query", "/update"), "HTTP 403", "read-only")
        code, out, _ = kg(capsys, "query", "-e", "ASK { <http://a> ?p ?o }", "--endpoint", url)
        assert out == "false\n"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        finally:
            if server.poll() is None:
                stop(server)
    err = server.stderr.read()
    assert server.returncode == EXIT_INTERRUPTED and "Traceback" not in err, err
    with pytest.raises(OSError):                       # the Oxigraph server is gone too
        urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2)
    assert digest(embedded) == before


@contextlib.contextmanager
def kg_serve(store: Path):
    """``kg serve --store STORE`` on a free port: yields its query URL, stops it at the end."""
    bind = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store),
                               "--bind", bind], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield server.stdout.readline().strip()
    finally:
        stop(server)


def test_serve_default_graph_is_the_union_as_a_set(embedded):
    """A triple that several documents state is one triple there, for queries and the GSP."""
    with open_store(embedded) as store:
        union = {q.triple for q in store.quads()}
        quads = len(list(store.quads()))
        relations = {row["r"] for row in store.query("SELECT ?r WHERE { ?r a kg:BilateralRelation }",
                                                     prefixes={"kg": KG})}
    assert quads > len(union)        # the seed build states some triples in two graphs
    with kg_serve(embedded) as url:
        count = sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(count[0]["n"].value) == len(union)
        rows = sparql(url, f"SELECT ?r WHERE {{ ?r a <{KG}BilateralRelation> }}")
        assert sorted(str(row["r"]) for row in rows) == sorted(map(str, relations)) and len(rows) == 1
        request = urllib.request.Request(url.replace("/query", "/store") + "?default",
                                         headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=30) as response:
            default = set(ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES))
        assert {q.triple for q in default} == union
        named = sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert int(named[0]["n"].value) == quads  # the named graphs as they are


def test_serve_help_has_its_example(capsys):
    assert main(["serve", "--help"]) == EXIT_OK
    assert "Example: kg serve --store build/store --bind 127.0.0.1:7878" in capsys.readouterr().out


def test_serve_errors_are_one_line(capsys, endpoint, embedded, tmp_path, monkeypatch):
    code, _, err = kg(capsys, "serve", "--store", tmp_path / "none")
    assert code == EXIT_ERROR
    assert_one_line_error(err, "no store at")
    in_use = endpoint.split("//")[1].split("/")[0]
    code, _, err = kg(capsys, "serve", "--store", embedded, "--bind", in_use)
    assert code == EXIT_ERROR
    assert_one_line_error(err, f"cannot listen on {in_use}", "in use")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = kg(capsys, "serve", "--store", embedded)
    assert code == EXIT_ERROR
    assert_one_line_error(err, "not installed", "pip install oxigraph")
