"""Query texts run alternately on open Oxigraph stores, in one process: CPU medians side by
side, and whether each text's rows equal those of the one before it.

    python -m bench.variants build/bench/store-kg-file:old.rq build/bench/store-kg-file:new.rq --runs 7

Each argument is ``STORE:FILE`` (a store directory or its link, a file of SPARQL); the union of
the graphs is the default graph, as kg queries it. On a shared machine the CPU times of texts
that alternate are what can be compared, not the wall times.

>>> median([3.0, 1.0, 2.0])
2.0
"""
from __future__ import annotations

import argparse
import os
import time


def median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def main(argv=None) -> None:
    import pyoxigraph as ox

    parser = argparse.ArgumentParser(prog="python -m bench.variants", description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", metavar="STORE:FILE")
    parser.add_argument("--runs", type=int, default=5, help="runs of each text, alternating (default 5)")
    args = parser.parse_args(argv)
    stores, texts = {}, []
    for pair in args.pairs:
        location, _, file = pair.partition(":")
        if location not in stores:
            stores[location] = ox.Store.read_only(os.path.realpath(location))
        with open(file, encoding="utf-8") as stream:
            texts.append((pair, stores[location], stream.read()))
    cpu, wall, rows = {p: [] for p, _, _ in texts}, {p: [] for p, _, _ in texts}, {}
    for _ in range(args.runs):
        for pair, store, text in texts:
            started, clock = time.process_time(), time.perf_counter()
            rows[pair] = [tuple(None if t is None else str(t) for t in solution)
                          for solution in store.query(text, use_default_graph_as_union=True)]
            cpu[pair].append(time.process_time() - started)
            wall[pair].append(time.perf_counter() - clock)
    before = None
    for pair, _, _ in texts:
        same = "" if before is None else ("  same rows as above" if rows[pair] == rows[before] else "  other rows")
        print(f"{pair}: {len(rows[pair]):,} rows, CPU median {median(cpu[pair]) * 1000:.0f} ms "
              f"(best {min(cpu[pair]) * 1000:.0f} ms), wall median {median(wall[pair]) * 1000:.0f} ms{same}")
        before = pair


if __name__ == "__main__":
    main()
