"""The measurements, one per subprocess; each prints its figures as JSON lines on stdout.

``bench/run.py`` starts them (it reads the wall clock and peak memory from outside and
kills a worker at its time limit); a worker that runs rdflib or pySHACL also stops them
itself after ``--limit`` seconds (SIGALRM), so the figures it printed before are kept.

    python -m bench.workers kg-query --store build/bench/store --query relations
    python -m bench.workers rdflib-queries --data build/bench/100000.nq --limit 10
    python -m bench.workers shacl --data build/bench/100000.nq --limit 60
    python -m bench.workers load --how kg-file --data build/bench/100000.nq --store /tmp/s
    python -m bench.workers extract --documents 300 --jobs 2

>>> len(repeat(lambda: None, runs=3, budget=10.0))
3
"""
from __future__ import annotations

import contextlib
import json
import signal
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from bench.generate import Parser


def emit(**fields) -> None:
    """One JSON line on stdout, flushed (the parent reads what was printed before a kill)."""
    print(json.dumps(fields), flush=True)


class Over(BaseException):
    """The time limit passed (a BaseException: rdflib and pySHACL catch Exception)."""


@contextlib.contextmanager
def limit(seconds: float):
    """Raise :class:`Over` in the block after ``seconds`` of wall time."""
    def ring(*_):
        raise Over()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def repeat(run, runs: int, budget: float) -> list[float]:
    """Seconds of each call of ``run``: ``runs`` calls, fewer once they took ``budget`` seconds
    (at least one)."""
    times: list[float] = []
    while len(times) < runs and sum(times) < budget:
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def kg_query(args) -> None:
    """A stored query through the project's engine (kg.queries.run on an open store), every
    row fetched; the store stays open across runs, as in a server."""
    from kg import queries
    from kg.store import open_store
    from kg.terms import from_ox_term

    query, fetched = queries.find(args.query), {}
    values = queries.parse_assignments(args.param)
    with open_store(args.store) as store:
        def run():
            fetched["rows"] = [tuple(solution) for solution in queries.run(store, query, values)]
        times = repeat(run, args.runs, args.budget)
    emit(query=args.query, times=times, rows=len(fetched["rows"]))


def http_queries(args) -> None:
    """Each query file POSTed to a SPARQL endpoint (``kg serve``), every row read, one
    connection per request as a plain client makes it; one line per file."""
    import urllib.parse
    import urllib.request

    for path in args.files:
        body = urllib.parse.urlencode({"query": path.read_text(encoding="utf-8")}).encode()

        def run():
            request = urllib.request.Request(args.url, data=body, headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request, timeout=60) as response:
                fetched["rows"] = len(json.loads(response.read())["results"]["bindings"])
        fetched: dict = {}
        times = repeat(run, args.runs, budget=10)
        emit(file=str(path), times=times, rows=fetched["rows"])


def rdflib_queries(args) -> None:
    """Every stored query in rdflib's own engine over the same data (a Dataset whose default
    graph is the union; with ``--store``, the derived graph of that kg store added, which the
    queries read and the generator's dump does not hold), parameters written into the text as
    kg writes them."""
    import rdflib

    from kg import queries
    from kg.namespaces import DERIVED_GRAPH
    from kg.store import open_store
    from kg.terms import from_ox_term

    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(args.data, format="nquads")
    if args.store:
        graph = dataset.graph(rdflib.URIRef(DERIVED_GRAPH))
        with open_store(args.store) as store:
            for quad in store.quads(graph=ox.NamedNode(DERIVED_GRAPH)):
                graph.add(tuple(from_ox_term(t) for t in (quad.subject, quad.predicate, quad.object)))
    emit(load_seconds=time.perf_counter() - started, triples=len(dataset))
    for name, query in queries.discover().items():
        text = queries.sparql_text(query)   # what kg's engine runs: the omitted optional lines left out
        times, rows = [], []
        while len(times) < args.runs and sum(times) < args.budget:
            try:
                with limit(args.limit):
                    started = time.perf_counter()
                    rows = list(dataset.query(text))
                    times.append(time.perf_counter() - started)
            except Over:
                break
        emit(query=name, times=times, rows=len(rows), over=None if times else args.limit)


def union_graph(data: Path):
    """The union of the named graphs of an N-Quads file, as one rdflib Graph."""
    import rdflib

    with tempfile.NamedTemporaryFile(suffix=".nt") as triples:
        ox.serialize((quad.triple for quad in ox.parse(path=str(data), format=ox.RdfFormat.N_QUADS)),
                     output=triples.name, format=ox.RdfFormat.N_TRIPLES)
        return rdflib.Graph().parse(triples.name, format="nt")


def shacl(args) -> None:
    """The whole graph through pySHACL in one call (kg.validate.shacl, the ontology mixed in),
    as ``kg build`` validated before it went document by document (kg.buildcheck); loading
    the graph is timed apart."""
    from kg.build import load_ontology
    from kg.validate import shacl as validate

    started = time.perf_counter()
    graph, ontology = union_graph(args.data), load_ontology()
    emit(load_seconds=time.perf_counter() - started, triples=len(graph))
    try:
        with limit(args.limit):
            started = time.perf_counter()
            conforms, _ = validate(graph, ontology)
            emit(seconds=time.perf_counter() - started, conforms=conforms)
    except Over:
        emit(over=args.limit)


def load(args) -> None:
    """Load the N-Quads file into a new store: ``kg-file`` (kg.store.load_store), ``kg-quads``
    (kg.store.build_store from parsed quads, what ``kg build`` uses), ``bulk`` (pyoxigraph's
    bulk loader alone, the floor) or ``flat`` (every triple in the default graph, once: the
    union of the named graphs as a set, which Oxigraph 0.5's union default graph is not)."""
    from kg.store import build_store, load_store

    started = time.perf_counter()
    if args.how == "kg-file":
        load_store(args.store, args.data)
    elif args.how == "kg-quads":
        build_store(args.store, ox.parse(path=str(args.data), format=ox.RdfFormat.N_QUADS))
    else:
        store = ox.Store(str(args.store))
        if args.how == "bulk":
            store.bulk_load(path=str(args.data), format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                              for q in ox.parse(path=str(args.data), format=ox.RdfFormat.N_QUADS))
        store.flush()
        del store
    seconds = time.perf_counter() - started
    emit(seconds=seconds, quads=len(ox.Store.read_only(str(args.store))))


def extract(args) -> None:
    """Documents per second as ``kg build`` extracts them: kg.build.extract_all, with one
    Extractor (rules and entities loaded once) shared by ``--jobs`` forked processes, over
    the seed documents repeated to ``--documents``."""
    from kg import paths
    from kg.build import Extractor, extract_all
    from kg.sources import read_catalog

    seeds = read_catalog(paths.SOURCES_DIR)
    corpus = [seeds[i % len(seeds)] for i in range(args.documents)]
    started = time.perf_counter()
    extractor = Extractor()
    loaded = time.perf_counter() - started
    outcomes = list(extract_all(corpus, extractor, workers=args.jobs))
    seconds = time.perf_counter() - started - loaded
    failed = [o.error for o in outcomes if o.error]
    if failed:
        raise SystemExit(f"extraction failed: {failed[0]}")
    emit(documents=len(corpus), jobs=args.jobs, seconds=seconds, load_seconds=loaded,
         triples=sum(len(o.triples) for o in outcomes))


def main(argv=None) -> int:
    parser = Parser(prog="python -m bench.workers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="worker", required=True)
    p = sub.add_parser("kg-query")
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--query", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--budget", type=float, default=10, help="stop repeating after this many seconds")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.set_defaults(run=kg_query)
    p = sub.add_parser("http-queries")
    p.add_argument("--url", required=True)
    p.add_argument("--files", type=Path, nargs="+", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.set_defaults(run=http_queries)
    p = sub.add_parser("rdflib-queries")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--limit", type=float, default=10, help="seconds one run may take")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--budget", type=float, default=10)
    p.add_argument("--store", type=Path, help="a kg store whose derived graph is added to the data")
    p.set_defaults(run=rdflib_queries)
    p = sub.add_parser("shacl")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--limit", type=float, default=60)
    p.set_defaults(run=shacl)
    p = sub.add_parser("load")
    p.add_argument("--how", choices=("kg-file", "kg-quads", "bulk", "flat"), required=True)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--store", type=Path, required=True)
    p.set_defaults(run=load)
    p = sub.add_parser("extract")
    p.add_argument("--documents", type=int, default=300)
    p.add_argument("--jobs", type=int, default=2)
    p.set_defaults(run=extract)
    args = parser.parse_args(argv)
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
