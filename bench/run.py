"""The benchmark at one scale: every measurement side by side in one run, a table on stdout,
the figures in ``bench/results/<scale>.json``.

    make bench SCALE=1000000
    python -m bench.run --triples 100000 --rdflib-limit 10 --kg-limit 60 --shacl-limit 60

Each measurement runs in its own subprocess (bench/workers.py, or the ``kg`` and ``oxigraph``
commands) so that wall time from a cold start and peak memory are its own. Work files go
to ``build/bench/``. Slow measurements are cut at their limit and reported as "over".

>>> duration(0.0123), duration(2.5), duration(None, over=10)
('12 ms', '2.5 s', 'over 10 s')
"""
from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

from bench import corpus, generate, measure
from kg import paths, queries
from kg.terminal import interactive

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKER = [sys.executable, "-m", "bench.workers"]
RELATIONS = str(paths.QUERIES_DIR / "relations.rq")
FLOOR = str(ROOT / "bench" / "floor.rq")   # relations' rows without labels or evidence
COLD_RUNS, ADD_RUNS, PAIR_RUNS = 5, 5, 3
PAIR = {"a": "kgr:state/id", "b": "kgr:state/pe"}   # the generator's first two states


def duration(seconds: float | None, over: float | None = None) -> str:
    """``12 ms``, ``2.5 s``, ``over 10 s`` when it did not finish within ``over`` seconds, or
    ``not run``."""
    if seconds is None:
        return f"over {over:g} s" if over else "not run"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def took(figures: dict) -> str:
    """:func:`duration` of a measurement's ``median_seconds`` (or ``over``)."""
    return duration(figures.get("median_seconds"), figures.get("over"))


def memory(mb: float) -> str:
    return f"{mb:.0f} MB" if mb < 1024 else f"{mb / 1024:.1f} GB"


def worker(*arguments, limit=None) -> measure.Measurement:
    return measure.run(WORKER + [str(a) for a in arguments], limit=limit, cwd=ROOT)


def checked(m: measure.Measurement, what: str) -> measure.Measurement:
    """``m``, or exit with its last error line if the command failed (not if it was cut)."""
    if m.returncode != 0 and not m.killed:
        last = (m.stderr.strip().splitlines() or ["no output"])[-1]
        sys.exit(f"bench: error: {what} failed: {last}")
    return m


def machine() -> dict:
    packages = ("pyoxigraph", "oxigraph", "rdflib", "pyshacl", "owlready2")
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "packages": {p: importlib.metadata.version(p) for p in packages},
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


def make_graph(work: Path, triples: int, seed: int) -> tuple[Path, dict]:
    data = work / f"{triples}.nq"
    started = time.perf_counter()
    with open(data, "w", encoding="utf-8", newline="\n") as stream:
        plan = generate.generate(stream, triples, seed)
    return data, {"quads": plan.quads, "states": plan.states, "pairs": plan.pairs,
                  "documents": plan.documents, "generate_seconds": time.perf_counter() - started}


def remove_store(store: Path) -> None:
    """Delete the store at ``store``: the link, the versions beside it (kg.store.layout), or a
    plain directory."""
    for path in [store, *store.parent.glob(f".{store.name}.*")]:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)


def load(work: Path, data: Path, ways=("kg-file", "kg-quads", "bulk"), keep=("kg-file",)) -> dict:
    """Each way of loading (bench/workers.py ``load``) into a new store ``work/store-<way>``;
    the stores of ``keep`` stay."""
    found = {}
    for how in ways:
        store = work / f"store-{how}"
        remove_store(store)
        m = checked(worker("load", "--how", how, "--data", data, "--store", store), f"load ({how})")
        figures = m.lines[-1]
        found[how] = {"seconds": figures["seconds"], "quads": figures["quads"],
                      "triples_per_second": figures["quads"] / figures["seconds"], "peak_mb": m.peak_mb}
        if how not in keep:
            remove_store(store)
    return found


def kg_queries(store: Path, names: list[str], args, params: dict | None = None) -> dict:
    """Each stored query through kg's engine, in a worker of its own (cut at ``--kg-limit``)."""
    found = {}
    assignments = [a for name, value in (params or {}).items() for a in ("--param", f"{name}={value}")]
    for name in names:
        m = checked(worker("kg-query", "--store", store, "--query", name, "--runs", args.runs,
                           "--budget", args.budget, *assignments, limit=args.kg_limit), f"kg query {name}")
        if m.killed:
            found[name] = {"over": args.kg_limit, "peak_mb": m.peak_mb}
        else:
            figures = m.lines[-1]
            found[name] = {"median_seconds": measure.median(figures["times"]), "runs": len(figures["times"]),
                           "rows": figures["rows"], "peak_mb": m.peak_mb}
        say(f"  {name}: {took(found[name])}")
    return found


def pair_names() -> list[str]:
    """The stored queries that take the optional pair ``a``/``b``."""
    return [name for name, q in queries.discover().items()
            if {"a", "b"} <= {n for n, p in q.params.items() if p.optional}]


def served(store: Path, files: list[Path]) -> dict:
    """Each query file through ``kg serve`` over HTTP (a worker POSTs it), by file."""
    import socket
    import subprocess

    from kg.serve import stop

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BIN / "kg"), "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = server.stdout.readline().strip()
        if not url:
            sys.exit("bench: error: kg serve did not start")
        m = checked(worker("http-queries", "--url", url, "--runs", PAIR_RUNS + 2, "--files", *files), "http queries")
    finally:
        stop(server)
    return {Path(line["file"]).stem: {"median_seconds": measure.median(line["times"]), "rows": line["rows"]}
            for line in m.lines}


def pairs(work: Path, store: Path, args) -> dict:
    """Every query that takes a pair, filtered to :data:`PAIR`: in-process (the library, the
    store open), as a whole cold process (``kg query`` against ``oxigraph query`` on the same
    text) and through ``kg serve`` over HTTP."""
    names = pair_names()
    inside = kg_queries(store, names, args, PAIR)
    texts = work / "pair-queries"
    texts.mkdir(exist_ok=True)
    files = []
    for name in names:
        files.append(texts / f"{name}.rq")
        files[-1].write_text(queries.sparql_text(queries.find(name), PAIR), encoding="utf-8")
    http = served(store, files)
    found = {}
    for name, file in zip(names, files):
        params = [a for key, value in PAIR.items() for a in ("--param", f"{key}={value}")]
        found[name] = {
            "in_process": inside[name], "http": http[name],
            "kg_cold": cold([str(BIN / "kg"), "query", name, *params, "--store", str(store), "-f", "tsv"],
                            PAIR_RUNS),
            "oxigraph_cold": cold([str(BIN / "oxigraph"), "query", "--location", str(store), "--query-file",
                                   str(file), "--union-default-graph", "--results-format", "tsv"], PAIR_RUNS)}
        say(f"  pair {name}: {took(found[name]['in_process'])} in-process, {took(found[name]['http'])} over HTTP")
    return found


def rdflib_queries(data: Path, args, store: Path) -> tuple[dict, dict]:
    """rdflib's engine in one process (the data and ``store``'s derived graph loaded once);
    queries it never reached are reported as not run."""
    m = checked(worker("rdflib-queries", "--data", data, "--store", store, "--limit", args.rdflib_limit,
                       "--runs", args.runs, "--budget", args.budget, limit=args.rdflib_cap), "rdflib")
    loaded, found = m.lines[0] if m.lines else {}, {}
    for figures in m.lines[1:]:
        times = figures["times"]
        found[figures["query"]] = ({"median_seconds": measure.median(times), "runs": len(times),
                                    "rows": figures["rows"]} if times else {"over": figures["over"]})
    return found, {"load_seconds": loaded.get("load_seconds"), "peak_mb": m.peak_mb, "killed": m.killed}


def add(work: Path, store: Path, states: int) -> dict:
    """``kg add`` of new batches (about 100 triples each), one after the other."""
    runs, triples = [], []
    for number in range(ADD_RUNS):
        batch = work / f"batch-{number}.nt"
        with open(batch, "w", encoding="utf-8") as stream:
            triples.append(generate.batch(stream, states=states, number=number))
        m = measure.run([str(BIN / "kg"), "add", str(batch), "--store", str(store)])
        if m.returncode != 0:
            sys.exit(f"bench: error: kg add {batch} exited with {m.returncode}: {m.stderr.strip()}")
        runs.append(m)
    return {"triples": measure.median(triples), "median_seconds": measure.median(m.seconds for m in runs),
            "runs": [round(m.seconds, 3) for m in runs], "peak_mb": max(m.peak_mb for m in runs)}


def shacl(data: Path, args) -> dict:
    """Whole-graph pySHACL (the worker stops it at ``--shacl-limit``; loading is not counted)."""
    m = checked(worker("shacl", "--data", data, "--limit", args.shacl_limit,
                       limit=args.shacl_limit + 3600), "pyshacl")
    figures = {k: v for line in m.lines for k, v in line.items()}
    return {"load_seconds": figures.get("load_seconds"), "median_seconds": figures.get("seconds"),
            "over": figures.get("over"), "conforms": figures.get("conforms"), "peak_mb": m.peak_mb}


def builds(work: Path, args) -> dict:
    """``kg build`` (with SHACL and HermiT, as by default) of ``--build-documents`` documents
    (bench/corpus.py) into a new store, then again after one document's catalog title changed."""
    sources, store = work / "corpus", work / "corpus-store"
    written, left_out = corpus.write(sources, args.build_documents, args.seed)
    remove_store(store)
    command = [str(BIN / "kg"), "build", "--sources", str(sources), "--store", str(store)]
    found = {"documents": len(written), "left_out": left_out}
    for step in ("scratch", "one_changed"):
        if step == "one_changed":
            corpus.revise(sources, written[len(written) // 2].id)
        m = checked(measure.run(command, limit=args.build_limit, cwd=ROOT), f"kg build ({step})")
        found[step] = ({"over": args.build_limit} if m.killed else {"median_seconds": m.seconds})
        found[step]["peak_mb"] = m.peak_mb
        if m.killed:
            break
        say(f"  build, {step}: {took(found[step])}")
    remove_store(store)
    return found


def cold(command: list[str], runs: int) -> dict:
    """``command`` run ``runs`` times from a cold start (a new process each time)."""
    found = [measure.run(command) for _ in range(runs)]
    failed = [m for m in found if m.returncode != 0]
    if failed:
        sys.exit(f"bench: error: {' '.join(command)}: {failed[0].stderr.strip()}")
    return {"median_seconds": measure.median(m.seconds for m in found),
            "peak_mb": measure.median(m.peak_mb for m in found), "runs": len(found)}


def cold_starts(work: Path, store: Path) -> dict:
    """``kg query relations`` from a cold start against ``oxigraph query`` (the floor), on the
    seed graph (built here with ``kg build``) and on the benchmark's graph."""
    seed = work / "seed-store"
    build = measure.run([str(BIN / "kg"), "build", "--store", str(seed)], cwd=ROOT)
    if build.returncode != 0:
        sys.exit(f"bench: error: kg build: {build.stderr.strip().splitlines()[-1]}")
    found = {}
    for name, location, runs in (("seed", seed, COLD_RUNS), ("graph", store, 3)):
        found[name] = {
            "kg": cold([str(BIN / "kg"), "query", "relations", "--store", str(location)], runs),
            "oxigraph": cold([str(BIN / "oxigraph"), "query", "--location", str(location),
                              "--query-file", RELATIONS, "--union-default-graph",
                              "--results-format", "tsv"], runs)}
    return found


def extraction(args) -> dict:
    """Documents per second through ``kg.build.extract_all`` with ``--jobs`` processes."""
    m = checked(worker("extract", "--documents", args.documents, "--jobs", args.jobs), "extraction")
    figures = m.lines[-1]
    return {**figures, "documents_per_second": figures["documents"] / figures["seconds"],
            "peak_mb": m.peak_mb}


def ratio(slow: dict, fast: dict) -> tuple[float | None, bool]:
    """``slow ÷ fast`` and whether it is exact (False: a lower bound, ``slow`` was cut)."""
    if fast.get("median_seconds") is None:
        return None, False
    if slow.get("median_seconds") is None:
        return (slow["over"] / fast["median_seconds"] if slow.get("over") else None), False
    return slow["median_seconds"] / fast["median_seconds"], True


def times(value: float | None, exact: bool) -> str:
    """``35×``, ``> 12×`` for a lower bound, ``–`` when unknown (or a lower bound under 1)."""
    if value is None or (not exact and value < 1):
        return "–"
    return ("" if exact else "> ") + (f"{value:.0f}×" if value >= 10 else f"{value:.1f}×")


def rows_per_second(figures: dict) -> float | None:
    seconds = figures.get("median_seconds")
    return figures["rows"] / seconds if seconds and figures.get("rows") else None


def targets(results: dict) -> list[dict]:
    """Each target of issue 12 against what this run measured (they are set for 1M triples);
    ``met`` is None for a target this run did not measure."""
    found = []
    for name, p in results.get("pairs", {}).items():
        inside, http, kg, ox_ = p["in_process"], p["http"], p["kg_cold"], p["oxigraph_cold"]
        cold_ratio, _ = ratio(kg, ox_)
        found.append({"target": f"{name}, one pair: <= 20 ms in-process, <= 1.5x oxigraph query cold, "
                                f"<= 20 ms through kg serve",
                      "measured": f"{took(inside)}; {took(kg)} vs {took(ox_)} ({times(*ratio(kg, ox_))}); "
                                  f"{took(http)}",
                      "met": all(f.get("median_seconds") is not None for f in (inside, http))
                      and inside["median_seconds"] <= 0.02 and http["median_seconds"] <= 0.02
                      and (cold_ratio or 99) <= 1.5})
    for name, q in results.get("queries", {}).items():
        kg, rdflib = q["kg"], q["rdflib"]
        if name in ("evidence", "shared-memberships"):
            continue  # not listings: one fact's quotes, one pair's organizations
        rate, (speedup, exact) = rows_per_second(kg), ratio(rdflib, kg)
        found.append({"target": f"{name}, full listing: >= 20,000 rows/s and >= 30x rdflib",
                      "measured": f"{kg.get('rows', 0):,} rows in {took(kg)}: "
                                  f"{'–' if rate is None else f'{rate:,.0f}'} rows/s, {times(speedup, exact)} rdflib",
                      "met": (rate or 0) >= 20_000 and (speedup or 0) >= 30})
    if "add" in results:
        a = results["add"]
        found.append({"target": "kg add of ~100 triples: <= 1 s wall", "measured": took(a),
                      "met": a["median_seconds"] <= 1})
    if "build" in results:
        b = results["build"]
        scratch, changed = b["scratch"], b.get("one_changed", {})
        found.append({"target": "kg build of 1,000 documents from scratch <= 60 s; one changed document <= 5 s",
                      "measured": f"{b['documents']:,} documents: {took(scratch)} ({memory(scratch['peak_mb'])} peak); "
                                  f"one changed: {took(changed)}"
                                  + (f" ({memory(changed['peak_mb'])} peak)" if changed else ""),
                      "met": (scratch.get("median_seconds") or 99) <= 60 and (changed.get("median_seconds") or 99) <= 5
                      and b["documents"] >= 1000})
    return found


def pair_table(results: dict) -> list[str]:
    lines = [f"| stored query, a={PAIR['a']} b={PAIR['b']} | rows | in-process | `kg query`, cold "
             f"| `oxigraph query`, cold | kg ÷ oxigraph | through `kg serve` |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, p in results["pairs"].items():
        kg, ox_ = p["kg_cold"], p["oxigraph_cold"]
        lines.append(f"| {name} | {p['in_process'].get('rows', '')} | {took(p['in_process'])} | {took(kg)} "
                     f"| {took(ox_)} | {times(*ratio(kg, ox_))} | {took(p['http'])} |")
    return lines


def query_table(results: dict) -> list[str]:
    check = "union_check" in results
    lines = ["| stored query | rows | kg | rows/s | rdflib | rdflib ÷ kg | kg peak |" + (" kg, union as a set |" if check else ""),
             "|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if check else "")]
    for name, q in results["queries"].items():
        kg, rdflib = q["kg"], q["rdflib"]
        rows, rate = kg.get("rows", rdflib.get("rows")), rows_per_second(kg)
        lines.append(f"| {name} | {'' if rows is None else f'{rows:,}'} | {took(kg)} "
                     f"| {'' if rate is None else f'{rate:,.0f}'} | {took(rdflib)} "
                     f"| {times(*ratio(rdflib, kg))} | {memory(kg['peak_mb'])} |"
                     + (f" {took(q['kg_union_deduplicated'])} |" if check else ""))
    return lines


def measurement_table(results: dict) -> list[str]:
    lines = ["| measurement | kg | against | ratio |", "|---|---|---|---:|"]
    load = results["load"]
    kg_file, kg_quads, bulk = (load[k] for k in ("kg-file", "kg-quads", "bulk"))
    lines.append(f"| load {kg_file['quads']:,} quads (N-Quads file → new store) "
                 f"| `kg.store.load_store`: {kg_file['triples_per_second']:,.0f} triples/s "
                 f"({duration(kg_file['seconds'])}, {memory(kg_file['peak_mb'])}) "
                 f"| pyoxigraph `bulk_load`: {bulk['triples_per_second']:,.0f}/s; "
                 f"`kg.store.build_store` (parsed quads, as `kg build`): "
                 f"{kg_quads['triples_per_second']:,.0f}/s | |")
    if "add" in results:
        a, s = results["add"], results.get("shacl")
        against = (f"pySHACL, whole graph: {took(s)} (+ {duration(s['load_seconds'])} to load it), "
                   f"{memory(s['peak_mb'])}" if s else "pySHACL not run")
        lines.append(f"| validate and add {a['triples']:.0f} new triples | `kg add`: {took(a)} wall, "
                     f"{memory(a['peak_mb'])} | {against} | {times(*ratio(s, a)) if s else '–'} |")
    for name, label in (("seed", "the seed graph"), ("graph", "this graph")):
        if "cold_start" in results:
            k, o = results["cold_start"][name]["kg"], results["cold_start"][name]["oxigraph"]
            lines.append(f"| `kg query relations`, cold start, {label} | {took(k)}, {memory(k['peak_mb'])} "
                         f"| `oxigraph query`: {took(o)}, {memory(o['peak_mb'])} | {times(*ratio(k, o))} |")
    if "floor" in results and "median_seconds" in results["floor"]:
        f, r = results["floor"], results["queries"]["relations"]["kg"]
        lines.append(f"| `relations` ({took(r)}) without labels or evidence: its {f['rows']:,} rows "
                     f"alone (bench/floor.rq) | {took(f)}, {f['median_seconds'] / f['rows'] * 1e6:.0f} µs a row "
                     f"| | |")
    if "build" in results:
        b = results["build"]
        changed = b.get("one_changed")
        lines.append(f"| `kg build` of {b['documents']:,} documents (bench/corpus.py; left out: "
                     f"{', '.join(b['left_out']) or 'none'}), a new store | {took(b['scratch'])}, "
                     f"{memory(b['scratch']['peak_mb'])} | again after one document changed: "
                     + (f"{took(changed)}, {memory(changed['peak_mb'])}" if changed else "not run") + " | |")
    if "extraction" in results:
        e = results["extraction"]
        lines.append(f"| extraction, {e['documents']} documents (the seed ones repeated), {e['jobs']} "
                     f"processes | {e['documents_per_second']:.1f} documents/s ({duration(e['seconds'])}, "
                     f"{memory(e['peak_mb'])}) | rules and entities loaded once: "
                     f"{duration(e['load_seconds'])} | |")
    return lines


def table(results: dict) -> str:
    """The results as Markdown (what README.md shows)."""
    g, machine_, limits = results["graph"], results["machine"], results["limits"]
    lines = [f"{g['quads']:,} quads ({g['states']} states, {g['pairs']:,} pairs, {g['documents']:,} "
             f"documents), {machine_['cpus']} CPUs, {machine_['date'][:10]}; medians of up to "
             f"{limits['runs']} runs (fewer past {limits['budget']:g} s)", ""]
    if "queries" in results:
        lines += query_table(results)
        if "load_seconds" in results["rdflib"]:
            r = results["rdflib"]
            lines += ["", f"rdflib: one process, {duration(r['load_seconds'])} to load the graph, "
                          f"{memory(r['peak_mb'])} peak; each run cut at {limits['rdflib_limit']:g} s."]
        lines.append("")
    if "pairs" in results:
        lines += pair_table(results) + [""]
    lines += measurement_table(results) + [""]
    verdict = {True: "met", False: "MISSED", None: "not measured"}
    lines += [f"- {verdict[t['met']]}: {t['target']} — {t['measured']}" for t in results["targets"]]
    return "\n".join(lines) + "\n"


def parse_args(argv):
    parser = generate.Parser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="scale (default 1000000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--budget", type=float, default=3, help="stop repeating a query after this many seconds")
    parser.add_argument("--kg-limit", type=float, default=90, help="seconds a kg query worker may take")
    parser.add_argument("--rdflib-limit", type=float, default=5, help="seconds one rdflib query run may take")
    parser.add_argument("--rdflib-cap", type=float, default=3600, help="seconds the rdflib worker may take")
    parser.add_argument("--shacl-limit", type=float, default=20, help="seconds whole-graph pySHACL may take")
    parser.add_argument("--union-check", action="store_true",
                        help="also run kg's queries on the union of the graphs loaded as a set "
                             "(every triple once, in the default graph)")
    parser.add_argument("--skip", nargs="+", default=[], metavar="PART",
                        choices=("queries", "rdflib", "pairs", "cold", "add", "shacl", "extraction", "build"),
                        help="leave out parts: queries, rdflib, pairs, cold, add, shacl, extraction, build")
    parser.add_argument("--documents", type=int, default=300, help="documents in the extraction corpus")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    parser.add_argument("--build-documents", type=int, default=1000, help="documents in the kg build corpus")
    parser.add_argument("--build-limit", type=float, default=1800, help="seconds one kg build may take")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    if min(args.triples, args.runs, args.documents, args.jobs, args.build_documents) <= 0:
        parser.error("--triples, --runs, --documents, --jobs and --build-documents must be positive")
    return args


def say(text: str) -> None:
    """Progress on a terminal; nothing in a pipe or a log (the table and the JSON say it all)."""
    if interactive():
        print(f"bench: {text}", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {"command": " ".join(["python -m bench.run", *(argv if argv is not None else sys.argv[1:])]),
               "scale": args.triples, "seed": args.seed, "machine": machine(), "skipped": args.skip,
               "limits": {k: getattr(args, k) for k in ("runs", "budget", "kg_limit", "rdflib_limit",
                                                        "shacl_limit")}}
    say(f"generating about {args.triples:,} quads")
    try:
        data, results["graph"] = make_graph(args.work, args.triples, args.seed)
    except ValueError as error:
        sys.exit(f"bench: error: {error}")
    say("loading")
    results["load"], store = load(args.work, data), args.work / "store-kg-file"
    names = list(queries.discover())
    if "queries" not in args.skip:
        say("stored queries, kg")
        kg = kg_queries(store, names, args)
        rdflib, results["rdflib"] = {}, {}
        if "rdflib" not in args.skip:
            say("stored queries, rdflib")
            rdflib, results["rdflib"] = rdflib_queries(data, args, store)
        results["queries"] = {n: {"kg": kg[n], "rdflib": rdflib.get(n, {})} for n in names}
        results["floor"] = kg_queries(store, [FLOOR], args)[FLOOR]
        if args.union_check:
            say("stored queries, kg, on the union loaded as a set")
            results["union_check"] = load(args.work, data, ways=("flat",), keep=("flat",))["flat"]
            flat = kg_queries(args.work / "store-flat", names, args)
            remove_store(args.work / "store-flat")
            for name in names:
                results["queries"][name]["kg_union_deduplicated"] = flat[name]
    if "pairs" not in args.skip:
        say("stored queries filtered to one pair")
        results["pairs"] = pairs(args.work, store, args)
    if "cold" not in args.skip:
        say("cold starts")
        results["cold_start"] = cold_starts(args.work, store)
    if "add" not in args.skip:
        say("kg add")
        results["add"] = add(args.work, store, results["graph"]["states"])
    if "shacl" not in args.skip:
        say("whole-graph pySHACL")
        results["shacl"] = shacl(data, args)
    if "extraction" not in args.skip:
        say("extraction")
        results["extraction"] = extraction(args)
    if "build" not in args.skip:
        say(f"kg build of {args.build_documents:,} documents")
        results["build"] = builds(args.work, args)
    results["targets"] = targets(results)
    args.results.mkdir(parents=True, exist_ok=True)
    out = args.results / f"{args.triples}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    say(f"figures in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
