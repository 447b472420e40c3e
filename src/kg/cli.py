"""The ``kg`` command: argument wiring, printing and exit codes only.

Every command is a thin client of a library module (:mod:`kg.build`, :mod:`kg.queries`,
:mod:`kg.export`, :mod:`kg.validate`). Heavy libraries (rdflib, pyshacl, owlready2) are
imported inside the commands that need them, so ``kg query`` starts with pyoxigraph only.

Exit codes (:mod:`kg.errors`): 0 success / conforms, 1 violations, 2 error, 130 interrupted.
An error is one line on standard error, ``kg: error: <file>:<line>:<col>: <message>``,
never a traceback (set ``KG_DEBUG=1`` to see one).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg import __version__
from kg.errors import (EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_VIOLATIONS, KgError,
                       NotAvailable, ParseError, QueryError)
from kg.languages import LANGUAGES as LANGS

EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")
RESULT_FORMATS = ("table", "csv", "tsv", "json")
RDF_INPUT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")


def _err(message: str) -> None:
    print(f"kg: error: {' '.join(str(message).split())}", file=sys.stderr)


def _note(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


def _store_location(args):
    """The directory or endpoint: --endpoint, $KG_ENDPOINT, --store, $KG_STORE, build/store."""
    from kg.store import locate

    return locate(getattr(args, "store", None), getattr(args, "endpoint", None),
                  getattr(args, "update_endpoint", None), getattr(args, "gsp_endpoint", None))


def _progress():
    """A callable that notes progress on a terminal, or None in a pipe (long work stays quiet)."""
    from kg.terminal import interactive

    return _note if interactive() else None


def _out(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


# --- commands ------------------------------------------------------------------------------

def cmd_build(args) -> int:
    """Build the graph from the source documents into the store.

    A document that cannot be extracted is reported by name and the others are built (exit 1);
    so is a fact that violates the shapes, dropped from its document (exit 1).

    Example: kg build --sources data/sources --store build/store
    """
    from kg import paths

    try:
        from kg.build import build
    except ImportError as error:
        raise NotAvailable(f"the build pipeline is not available ({error})") from None
    sources = Path(args.sources or paths.SOURCES_DIR)
    if not sources.is_dir():
        raise KgError("no such directory", file=sources)
    report = build(sources=sources, store=_store_location(args), reason=not args.no_reason,
                   progress=_progress(), workers=args.workers, force=args.force,
                   everything=args.all)
    print(report)
    for line in report.dropped:
        _err(line)
    for document, reason in report.failures.items():
        _err(f"{document}: not built: {reason}")
    return EXIT_VIOLATIONS if report.failures or report.dropped else EXIT_OK


def cmd_load(args) -> int:
    """Load RDF dumps (N-Quads, TriG, …) into the store as a build writes it: everything but the
    curated graphs is replaced, and the derived graph is computed anew.

    Example: kg load build/kg.nq --store build/store
    """
    from kg.store import is_url, load_store
    from kg.validate import rdf_format

    location = _store_location(args)
    if not isinstance(location, str) or is_url(location):
        raise KgError("kg load writes an embedded store; load a server with its own loader "
                      "or the Graph Store Protocol")
    files = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise KgError("no such file", file=path)
        files.append((path, rdf_format(path, args.format)))
    load_store(location, files, progress=_progress())
    _note(f"loaded {len(files)} file(s) into {location}")
    return EXIT_OK


def cmd_extract(args) -> int:
    """Extract the facts of one document and print them, or with --explain what each sentence gave.

    Example: kg extract data/sources/001_ccdb75380c6088a3.txt --lang id --date 2025-08-11 --explain
    """
    from kg.sources import Document

    try:
        from kg.build import Extractor
    except ImportError as error:
        raise NotAvailable(f"extraction is not available ({error})") from None
    path = Path(args.file)
    if args.file == "-":  # standard input: kept in a temporary file, as a document is a file
        import tempfile

        text = sys.stdin.buffer.read()
        spool = tempfile.NamedTemporaryFile(prefix="kg-stdin-", suffix=".txt")
        spool.write(text)
        spool.flush()
        path = Path(spool.name)
    elif not path.is_file():
        raise KgError("no such file", file=path)
    document = Document(id="stdin" if args.file == "-" else path.stem, path=path, language=args.lang,
                        date=_date_option(args.date), title="", publisher="", url="", license="")
    if args.lang is None:
        import dataclasses

        from kg.langdetect import detect

        name = "standard input" if args.file == "-" else path
        document = dataclasses.replace(document, language=detect(document.text(), source=name))
        _note(f"{name}: language {document.language} (told from the text; --lang sets it)")
    extractor = Extractor()
    extraction = extractor.extraction(document)
    if args.explain:
        _out(explain(extraction).encode())
        return EXIT_OK
    graph = extractor.graph(document, extraction)
    if args.format == "turtle":
        _out(graph.serialize(format="turtle").encode())
    else:
        from kg.export import jsonl

        _out(jsonl(graph).encode())
    return EXIT_OK


def explain(extraction) -> str:
    """Per sentence: its offset, its start, the rules that fired or why none did, and per
    clause the mentions, the frames' triggers and the roles filled or missing."""
    lines = []
    for item in extraction.explanations:
        text = " ".join(item.text.split())
        lines.append(f"[{item.start}] {text[:70]}{'…' if len(text) > 70 else ''}")
        lines += [f"    fired: {rule}" for rule in item.fired]
        lines += [f"    not understood: {problem}" for problem in item.problems]
        lines += [f"    frames: {note}" for note in item.clauses]
    facts = len(extraction.facts)
    fired = sum(1 for item in extraction.explanations if item.fired)
    lines.append(f"{facts} facts from {fired} of {len(extraction.explanations)} sentences")
    return "\n".join(lines) + "\n"


def _date_option(text):
    if text is None:
        return None
    from kg.facts import PartialDate

    parts = text.split("-")
    try:
        date = PartialDate(*map(int, parts))
        if len(parts) > 3 or (date.day and not date.as_date()):
            raise ValueError
    except (TypeError, ValueError):
        raise KgError(f"--date: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return date


def cmd_eval(args) -> int:
    """Measure extraction against the facts readers wrote down (precision and recall per type).

    Without ``--set``, one column per set (seed, dev, test); with it, that set's full table.

    Example: kg eval tests/cases --set dev --details
    """
    import json

    from kg import evaluate
    from kg.build import Extractor

    if args.write_baseline and args.set != "test":
        raise KgError("--write-baseline records the test figures: use it with --set test")
    cases = [c for c in evaluate.load_cases(Path(args.cases)) if args.set in (None, "all", c.set)]
    if not cases:
        raise KgError(f"no cases in set {args.set!r}", file=args.cases)
    results = evaluate.evaluate(cases, Extractor())
    for result in results:
        if result.error:
            _err(f"{result.case.id}: extraction failed: {result.error}")
    if args.set is None:
        sets = [name for name in evaluate.SETS if any(c.set == name for c in cases)]
        by_set = {name: evaluate.totals([r for r in results if r.case.set == name]) for name in sets}
        documents = {name: sum(c.set == name for c in cases) for name in sets}
        if args.format == "json":
            _out((json.dumps({name: {"documents": documents[name],
                                     "scores": {k: s.as_dict() for k, s in by_set[name].items()}}
                              for name in sets}, indent=2) + "\n").encode())
        else:
            print(evaluate.side_by_side(by_set, documents))
        return EXIT_OK
    scores = evaluate.totals(results)
    if args.write_baseline:
        target = Path(args.cases) / "baseline.json"
        target.write_text(json.dumps(evaluate.baseline(scores, len(cases)), indent=2) + "\n", encoding="utf-8")
        _note(f"wrote {target}")
    if args.format == "json":
        _out((json.dumps({"set": args.set, "cases": [c.id for c in cases],
                          "scores": {k: s.as_dict() for k, s in scores.items()}}, indent=2) + "\n").encode())
        return EXIT_OK
    if args.details:
        for result in results:
            for label, facts in (("missed", result.missed), ("spurious", result.spurious)):
                for fact in facts:
                    print(f"{result.case.id}: {label}: {fact}")
    print(evaluate.table(scores, len(cases)))
    return EXIT_OK


def cmd_query(args) -> int:
    """Run a stored query (by name or .rq file) or an ad-hoc one (-e) and print the results.

    Example: kg query relations --param a=kgr:state/id --param b=kgr:state/pe --lang id
    """
    from kg import queries
    from kg.deadline import within
    from kg.outbound import check_services
    from kg.store import open_store
    from kg.terminal import columns

    if bool(args.name) == bool(args.expression):
        raise KgError("give a stored query name (see `kg queries`) or -e 'SPARQL', not both")
    values = queries.parse_assignments(args.param)
    if args.expression:
        query = queries.adhoc(args.expression)
    else:
        query = queries.find(args.name, args.queries_dir)
    queries.check_readable(query.text, query.path or query.name)
    check_services(query.text, args.allow_service)
    bindings_check = queries.bind(query, values, args.lang)  # fail before opening the store
    del bindings_check
    queries.paged(query.text, args.limit, args.offset)  # fail before opening the store

    def answer(store) -> bytes:
        result = queries.run(store, query, values, args.lang, limit=args.limit, offset=args.offset,
                             iris=args.iris, allowed_services=args.allow_service)
        try:
            return queries.render(result, args.format, query.prefixes, columns())
        except (RuntimeError, OSError) as error:  # raised while the engine reads the answer
            raise QueryError(f"the query failed while it ran: {' '.join(str(error).split())[:200]}") from None

    with open_store(_store_location(args), read_only=True) as store:
        data = within(args.timeout, answer, store)
    _out(data)
    return EXIT_OK


def cmd_queries(args) -> int:
    """List the stored queries with their summaries and parameters ([optional]).

    Example: kg queries
    """
    from kg import paths, queries

    directory = Path(args.queries_dir or paths.QUERIES_DIR)
    found = queries.discover(directory)
    if not found:
        _note(f"no stored queries in {directory}")
        return EXIT_OK
    width = max(len(name) for name in found)
    _out("".join(f"{name:<{width}}  {query.summary}\n{'':<{width}}  {queries.describe_params(query)}\n"
                 for name, query in found.items()).encode())
    return EXIT_OK


def cmd_export(args) -> int:
    """Export the whole graph (datasets keep one named graph per document).

    Example: kg export --format trig -o build/kg.trig
    """
    from kg import export
    from kg.store import open_store

    with open_store(_store_location(args), read_only=True) as store:
        export.export_to(store, args.format, Path(args.output) if args.output else None)
    return EXIT_OK


def _print_violations(report) -> None:
    from kg.validate import compact

    lines = []
    for v in report.violations:
        where = f"{v.file}: " if v.file else ""
        severity = "" if v.severity == "Violation" else f"[{v.severity}] "
        lines.append(f"{where}{compact(v.focus)} {compact(v.path)}: {severity}{v.message}\n")
    _out("".join(lines).encode())


def _write_report(report, path) -> None:
    if path:
        from kg.export import write_atomic

        write_atomic(Path(path), report.turtle())


def cmd_validate(args) -> int:
    """Validate RDF files against the shapes and the ontology, in the context of the store.

    Example: kg validate batch.ttl --report report.ttl
    """
    from kg import validate

    report = validate.validate(args.files, _store_location(args), shapes=args.shapes,
                               ontology=args.ontology, fmt=args.format)
    _write_report(report, args.report)
    if report.conforms:
        _note(f"conforms: {report.triples} triples, {len(report.focus_nodes)} focus nodes")
        return EXIT_OK
    _print_violations(report)
    _note(f"{len(report.violations)} violation(s)")
    return EXIT_VIOLATIONS


def cmd_add(args) -> int:
    """Validate RDF files and, if they conform, add them to the store in one transaction.

    Example: kg add batch.ttl --graph kgr:graph/curated/news-2025-01
    """
    from kg import validate

    graph = None
    if args.graph:
        from kg.queries import parse_iri
        from kg.store import curated_prefix

        graph = parse_iri(args.graph, field_name="--graph").value
        if not graph.startswith(curated_prefix()):
            _note(f"warning: {graph} is not a curated graph; `kg build` will replace it")
    result = validate.add(args.files, _store_location(args), graph=graph, shapes=args.shapes,
                          ontology=args.ontology, fmt=args.format, progress=_progress())
    _write_report(result.report, args.report)
    if not result.report.conforms:
        _print_violations(result.report)
        _note(f"{len(result.report.violations)} violation(s); nothing was added")
        return EXIT_VIOLATIONS
    _note(f"added {result.added} triples to <{result.graph}>")
    return EXIT_OK


def cmd_timeline(args) -> int:
    """Draw the timeline of two states (events, missions, agreements) as SVG.

    Example: kg timeline ID PE -o build/id-pe.svg
    """
    from kg.web import timeline

    drawing = timeline.pair(_store_location(args), args.a, args.b, args.lang or "en")
    if args.output in (None, "-"):
        _out(drawing.encode())
    else:
        from kg.export import write_atomic

        write_atomic(Path(args.output), drawing.encode())
    return EXIT_OK


def cmd_serve(args) -> int:
    """Serve the store read-only over the SPARQL 1.1 Protocol (the Oxigraph server) until Ctrl-C.

    Example: kg serve --store build/store --bind 127.0.0.1:7878
    """
    from kg import serve
    from kg.store import store_location

    location = store_location(getattr(args, "store", None))

    def ready(url: str) -> None:
        _out(f"{url}\n".encode())
        _note(f"serving {location} read-only; Ctrl-C stops")

    return serve.serve(location, args.bind, on_ready=ready, timeout=args.timeout,
                       allowed_services=args.allow_service)


# --- the parser ----------------------------------------------------------------------------

def _count(text: str) -> int:
    """A whole number ≥ 0 (``--limit``, ``--offset``)."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0, got {text!r}")
    return int(text)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2) like every other error."""

    def error(self, message):
        raise KgError(f"{message} (see `{self.prog} --help`)")


class _Unused:
    """Stands for the parser of a command this run does not name (see :func:`parser`)."""

    def add_argument(self, *args, **kwargs):
        return None


def _command(subparsers, name, function, parents, help_text, only=None):
    if only not in (None, name):
        return _Unused()
    doc = function.__doc__.strip().splitlines()
    example = next((line.strip() for line in doc if line.strip().startswith("Example:")), "")
    parser = subparsers.add_parser(name, help=help_text, description=doc[0], epilog=example,
                                   parents=parents,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(func=function)
    return parser


def _endpoint_options(parser) -> None:
    """--endpoint and the URLs it implies, for every command that reads or writes the store."""
    parser.add_argument("--endpoint", metavar="URL", default=argparse.SUPPRESS,
                        help="work against this SPARQL 1.1 query URL instead of the store "
                             "(default $KG_ENDPOINT; it wins over --store)")
    parser.add_argument("--update-endpoint", metavar="URL", default=argparse.SUPPRESS,
                        help="its SPARQL Update URL (default $KG_UPDATE_ENDPOINT; for …/query, "
                             "…/update; otherwise the query URL)")
    parser.add_argument("--gsp-endpoint", metavar="URL", default=argparse.SUPPRESS,
                        help="its Graph Store Protocol URL (default $KG_GSP_ENDPOINT; for …/query, "
                             "…/store; otherwise the query URL)")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def _bounds_options(parser, timeout: float) -> None:
    """--timeout and --allow-service, for the commands that run queries (query, serve)."""
    parser.add_argument("--timeout", type=_seconds, default=timeout, metavar="SECONDS",
                        help=f"stop a query that runs longer (default {timeout:g})")
    parser.add_argument("--allow-service", action="append", default=[], metavar="HOST",
                        help="let SERVICE clauses reach this host (repeatable; by default a "
                             "query that names SERVICE is refused)")


COMMANDS = ("build", "load", "extract", "eval", "query", "queries", "serve", "timeline", "export",
            "validate", "add")


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """``kg``'s argument parser; with ``only`` (a command), that command's alone, which is
    all a run of it needs (building all eleven is most of a short command's own time)."""
    store_option = _Parser(add_help=False)
    store_option.add_argument("--store", metavar="DIR|URL", default=argparse.SUPPRESS,
                              help="the store: a directory or a SPARQL endpoint URL "
                                   "(default $KG_STORE or build/store)")
    main = _Parser(
        prog="kg", description="A knowledge graph of bilateral diplomatic relations.",
        epilog="Exit codes: 0 success/conforms, 1 violations, 2 error, 130 interrupted.\n"
               "Example: kg query relations --lang id",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--version", action="version", version=f"kg {__version__}")
    main.add_argument("--store", metavar="DIR|URL", default=None,
                      help="the store: a directory or a SPARQL endpoint URL "
                           "(default $KG_STORE or build/store)")
    sub = main.add_subparsers(dest="command", metavar="COMMAND")
    endpoint_option = _Parser(add_help=False)
    _endpoint_options(endpoint_option)
    parents = [store_option, endpoint_option]

    p = _command(sub, "build", cmd_build, parents, "build the graph from the sources into the store",
                 only=only)
    p.add_argument("--sources", metavar="DIR", help="source documents (default data/sources)")
    p.add_argument("--no-reason", action="store_true", help="skip the OWL reasoner")
    p.add_argument("--workers", type=int, metavar="N", help="extraction processes (default: one per core)")
    p.add_argument("--force", action="store_true",
                   help="replace the store even if the build drops more triples than it adds")
    p.add_argument("--all", action="store_true",
                   help="extract every document again, not only those whose inputs changed")

    p = _command(sub, "load", cmd_load, [store_option], "load RDF dumps into the store as a build", only=only)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=RDF_INPUT_FORMATS,
                   help="input format (default: from each file's extension)")

    p = _command(sub, "extract", cmd_extract, [], "extract the facts of one document", only=only)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lang", choices=LANGS,
                   help="the document's language (default: told from the text, kg.langdetect)")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the document's publication date, for dates it gives without a year")
    p.add_argument("--format", default="turtle", choices=("turtle", "jsonl"))
    p.add_argument("--explain", action="store_true",
                   help="show per sentence which rule fired or why none did, and per clause the "
                        "mentions, triggers and roles the frames found, instead of the facts")

    p = _command(sub, "eval", cmd_eval, [], "measure extraction against hand-read cases",
                 only=only)
    p.add_argument("cases", nargs="?", default="tests/cases", metavar="DIR",
                   help="folder of cases (default tests/cases)")
    p.add_argument("--set", choices=("seed", "dev", "test", "all"),
                   help="one set's full table (default: every set side by side)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--details", action="store_true",
                   help="also list each missed and spurious fact (with --set; on test, to audit the gold only)")
    p.add_argument("--write-baseline", action="store_true",
                   help="with --set test: record the figures in DIR/baseline.json (the no-regression floor)")

    p = _command(sub, "query", cmd_query, parents, "run a stored or ad-hoc SPARQL query", only=only)
    p.add_argument("name", nargs="?", metavar="NAME|FILE.rq", help="stored query (see `kg queries`)")
    p.add_argument("-e", "--expression", metavar="SPARQL", help="run this read-only query instead")
    p.add_argument("--param", "-p", action="append", metavar="NAME=VALUE", default=[],
                   help="bind parameter ?_NAME (IRIs as kgr:… or <https://…>)")
    p.add_argument("--lang", choices=LANGS, default=None, help="language of labels (?_lang; default en)")
    p.add_argument("--format", "-f", choices=RESULT_FORMATS, default="table")
    p.add_argument("--limit", type=_count, metavar="N", help="at most N rows")
    p.add_argument("--offset", type=_count, metavar="N", help="skip the first N rows (with --limit: pages)")
    p.add_argument("--iris", action="store_true",
                   help="also give each named entity's IRI (a column COL_iri after the others)")
    p.add_argument("--queries-dir", metavar="DIR", help="where stored queries are (default queries/)")
    _bounds_options(p, timeout=60)

    p = _command(sub, "queries", cmd_queries, [], "list the stored queries", only=only)
    p.add_argument("--queries-dir", metavar="DIR", help="where stored queries are (default queries/)")

    p = _command(sub, "serve", cmd_serve, [store_option],
                 "serve the store read-only over the SPARQL 1.1 Protocol", only=only)
    p.add_argument("--bind", metavar="HOST:PORT", default="127.0.0.1:7878",
                   help="where to listen (default 127.0.0.1:7878)")
    _bounds_options(p, timeout=30)

    p = _command(sub, "timeline", cmd_timeline, parents, "draw the timeline of two states (SVG)", only=only)
    p.add_argument("a", metavar="A", help="a state: its ISO code (ID) or IRI (kgr:state/id)")
    p.add_argument("b", metavar="B", help="the other state")
    p.add_argument("--lang", choices=LANGS, default=None, help="language of labels (default en)")
    p.add_argument("-o", "--output", metavar="FILE.svg", help="write here (atomically) instead of stdout")

    p = _command(sub, "export", cmd_export, parents, "export the graph", only=only)
    p.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="turtle")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")

    for name, function, help_text in (
            ("validate", cmd_validate, "validate RDF files against the shapes, in the store's context"),
            ("add", cmd_add, "validate RDF files and add them to the store if they conform")):
        p = _command(sub, name, function, parents, help_text, only=only)
        p.add_argument("files", nargs="+", metavar="FILE")
        p.add_argument("--report", metavar="FILE", help="write the SHACL report here (Turtle)")
        p.add_argument("--format", choices=RDF_INPUT_FORMATS,
                       help="input format (default: from the file extension)")
        p.add_argument("--shapes", metavar="FILE", help="SHACL shapes (default ontology/shapes.ttl)")
        p.add_argument("--ontology", metavar="FILE", help="ontology (default ontology/kg.ttl)")
        if name == "add":
            p.add_argument("--graph", metavar="IRI",
                           help="target graph (default kgr:graph/curated; only graphs under "
                                "kgr:graph/curated survive `kg build`)")
    return main


def named_command(argv) -> str | None:
    """The command ``argv`` names before any other option than ``--store``, or None.

    >>> named_command(["--store", "S", "query", "relations"]), named_command(["--help"])
    ('query', None)
    """
    words = iter(argv)
    for word in words:
        if word == "--store":
            next(words, None)
        elif not word.startswith("--store="):
            return word if word in COMMANDS else None
    return None


def main(argv=None) -> int:
    """Run ``kg`` with ``argv``; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        try:
            args = parser(named_command(argv)).parse_args(argv)
        except SystemExit as exit_:  # argparse: --help, --version
            return EXIT_OK if exit_.code in (0, None) else EXIT_ERROR
        if not getattr(args, "func", None):
            parser().print_help(sys.stderr)
            return EXIT_ERROR
        return args.func(args)
    except KgError as error:
        _err(error)
        return error.exit_code
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        _err("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except UnicodeDecodeError as error:
        _err(f"not UTF-8 text at byte {error.start}")
        return EXIT_ERROR
    except SyntaxError as error:
        _err(ParseError(error.msg or str(error), file=error.filename, line=error.lineno,
                        column=error.offset))
        return EXIT_ERROR
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _err(f"{where}{error.strerror or error}")
        return EXIT_ERROR
    except Exception as error:  # a bug: still one line, unless debugging
        if os.environ.get("KG_DEBUG"):
            raise
        _err(f"internal error: {type(error).__name__}: {error} (KG_DEBUG=1 shows the traceback)")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
