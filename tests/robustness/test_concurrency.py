"""Readers during builds: every read sees the old store or the new one, never an error.

Reader processes open the store again and again (as ``kg query`` does, and one runs
``kg query`` itself) while this process replaces the store ten times, alternating two
contents of different sizes.
"""
from __future__ import annotations

import subprocess
import sys
import time

import pyoxigraph as ox

from .conftest import KG, content, leftovers

E = "https://w3id.org/bilateral-relations/id/"
READER = """
import sys, time
from kg.store import open_store
stop = time.monotonic() + float(sys.argv[2])
while time.monotonic() < stop:
    try:
        with open_store(sys.argv[1]) as store:
            print(sum(1 for _ in store.quads()), flush=True)
    except Exception as error:
        print("ERROR", type(error).__name__, error, flush=True)
"""
QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _quads(count: int, tag: str):
    p = ox.NamedNode("http://example.org/p")
    return [ox.Quad(ox.NamedNode(f"{E}{tag}-{i}"), p, ox.Literal(tag), ox.NamedNode(E + "graph/doc/x"))
            for i in range(count)]


def test_readers_during_builds_see_old_or_new(tmp_path):
    from kg.store import build_store

    store = tmp_path / "store"
    build_store(store, _quads(300, "a"))
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(store), "8"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    queries = []
    try:
        time.sleep(1)
        for n in range(10):
            build_store(store, _quads(300, "a") if n % 2 else _quads(500, "b"))
            queries.append(subprocess.Popen([*KG, "query", "-e", QUERY, "--format", "csv", "--store", str(store)],
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
            time.sleep(0.2)
    finally:
        outputs = [reader.communicate(timeout=60) for reader in readers]
        answers = [query.communicate(timeout=60) + (query.returncode,) for query in queries]
    reads = [line for out, err in outputs for line in out.splitlines()]
    assert all(not err for _, err in outputs), outputs
    assert [line for line in reads if line not in ("300", "500")] == []
    assert len(reads) > 20 and {"300", "500"} <= set(reads)
    for out, err, code in answers:
        assert code == 0 and out.split() in (["n", "300"], ["n", "500"]), (out, err)
    content(store)                        # the next command cleans what readers held
    assert leftovers(store) == []
