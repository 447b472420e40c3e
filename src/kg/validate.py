"""Validate a batch of new triples against the shapes and the ontology, in the store's context.

Only what the batch touches is validated:

* focus nodes: the subjects of the batch and the IRIs and blank nodes it points to (not the
  classes it types with), blank nodes included; each file's blank nodes are renamed apart;
* data graph: the batch and the store's triples about those nodes (their outgoing triples,
  and the types of the nodes they point to: one hop);
* pyshacl runs over that data graph with the ontology as ``ont_graph`` (so ``sh:targetClass``
  and ``sh:class`` see subclasses and the ontology's individuals) and ``inference="none"``;
  only the results whose focus node is one of the batch's are kept. (pyshacl's own
  ``focus_nodes`` option drops blank nodes, which would let a blank-node subject in unchecked.)

Two checks SHACL shapes cannot make on their own are added as violations in the same report:
a ``kg:`` class or property the ontology does not declare, and a literal whose lexical form
is not valid for its XSD datatype (``"abc"^^xsd:date``).

Nothing here prints; :func:`validate` returns a :class:`ValidationReport`. :func:`add`
validates a batch and, if it conforms, inserts it into one graph (``kgr:graph/curated`` by
default) in one transaction; a rejected batch opens the store read-only only, so its
directory stays byte-identical.

>>> fmt = rdf_format(Path("batch.ttl"))
>>> fmt.name
'Turtle'
"""
from __future__ import annotations

import contextlib
import functools
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import paths
from kg.errors import EmptyInput, EncodingError, FormatError, InputError, ParseError, UnknownPrefix
from kg.queries import XSD, lexical_ok
from kg.store import Store, change_store, open_store
from kg.terms import RDF_TYPE

OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
CLASS_TYPES = {OWL + "Class", RDFS + "Class", RDFS + "Datatype"}
PROPERTY_TYPES = {RDF + "Property", OWL + "ObjectProperty", OWL + "DatatypeProperty",
                  OWL + "AnnotationProperty", OWL + "FunctionalProperty",
                  OWL + "InverseFunctionalProperty", OWL + "TransitiveProperty",
                  OWL + "SymmetricProperty", OWL + "AsymmetricProperty",
                  OWL + "ReflexiveProperty", OWL + "IrreflexiveProperty"}

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML, "n3": ox.RdfFormat.N3,
}
EXTENSIONS = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "ntriples", ".nq": "nquads",
    ".trig": "trig", ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "xml", ".xml": "xml",
    ".owl": "xml", ".n3": "n3",
}


# --- reading -------------------------------------------------------------------------------

def rdf_format(path: Path, name: str | None = None) -> ox.RdfFormat:
    """The format named ``name``, or the one ``path``'s extension implies."""
    key = name or EXTENSIONS.get(path.suffix.lower())
    if key not in FORMATS:
        if name:
            raise FormatError(f"unknown format '{name}' (choose from {', '.join(FORMATS)})")
        raise FormatError(f"cannot tell the RDF format from the extension '{path.suffix}'; "
                          f"use --format", file=path)
    return FORMATS[key]


def read_file(path, fmt: str | None = None) -> list[ox.Quad]:
    """The quads in one RDF file (``-``: standard input, Turtle unless ``fmt`` says otherwise);
    every failure is a :class:`~kg.errors.KgError` with a place."""
    from kg.inputs import LIMITS, check_rdf_xml, read_bytes

    path = Path(path)
    stdin = str(path) == "-"
    rdf = rdf_format(path, fmt or ("turtle" if stdin else None))
    data = sys.stdin.buffer.read(LIMITS["batch"] + 1) if stdin else read_bytes(path, "batch")
    if len(data) > LIMITS["batch"]:
        raise InputError(f"over the limit for a batch ({LIMITS['batch'] // (1 << 20)} MiB)", file=path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise EncodingError("not UTF-8 text", file=path, line=line, column=column) from None
    if rdf == ox.RdfFormat.RDF_XML:
        check_rdf_xml(data, path)
    try:
        quads = list(ox.parse(data, format=rdf))
    except SyntaxError as error:
        message = str(error.msg or error)
        if ": " in message and message.startswith("Parser error"):
            message = message.split(": ", 1)[1]
        if "LoadDocumentCallback" in message:
            message = "kg never fetches a remote JSON-LD @context; put the context in the file"
        kind = UnknownPrefix if "prefix" in message.lower() and "declared" in message else ParseError
        raise kind(message, file=path, line=error.lineno, column=error.offset) from None
    except (ValueError, OSError) as error:
        raise ParseError(str(error), file=path) from None
    if not quads:
        raise EmptyInput("no triples in this file", file=path)
    return _fresh_blank_nodes(quads, path)


def _fresh_blank_nodes(quads: list[ox.Quad], path: Path) -> list[ox.Quad]:
    """The file's blank nodes renamed to new ones, so that ``_:b1`` of one file is not
    ``_:b1`` of another file or of the store; RDF-star quoted triples are refused."""
    renamed: dict = {}

    def fresh(term):
        if isinstance(term, ox.BlankNode):
            return renamed.setdefault(term, ox.BlankNode())
        if isinstance(term, ox.Triple):
            raise ParseError("RDF-star quoted triples are not supported", file=path)
        return term

    return [ox.Quad(fresh(q.subject), q.predicate, fresh(q.object), q.graph_name) for q in quads]


@dataclass
class Delta:
    """A batch of new triples, and which file each subject came from."""

    quads: list[ox.Quad]
    origin: dict = field(default_factory=dict)  # subject -> file

    @property
    def triples(self) -> list[ox.Triple]:
        return sorted({q.triple for q in self.quads}, key=str)


def read_delta(files, fmt: str | None = None) -> Delta:
    """The batch in ``files``: at most :data:`kg.inputs.MAX_BATCH_TRIPLES` triples."""
    from kg.errors import InputError
    from kg.inputs import MAX_BATCH_TRIPLES

    delta = Delta([])
    for path in files:
        for quad in read_file(path, fmt):
            delta.quads.append(quad)
            delta.origin.setdefault(quad.subject, str(path))
        if len(delta.quads) > MAX_BATCH_TRIPLES:
            raise InputError(f"the batch holds over {MAX_BATCH_TRIPLES} triples, the limit for one "
                             f"kg validate or kg add; split it", file=path)
    return delta


# --- the report ----------------------------------------------------------------------------

@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None
    source: str = "shacl"          # shacl | ontology | datatype
    file: str | None = None


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    graph: object                   # rdflib.Graph: the SHACL validation report
    focus_nodes: list[str] = field(default_factory=list)
    triples: int = 0

    def turtle(self) -> bytes:
        return self.graph.serialize(format="turtle").encode()


def compact(iri: str | None) -> str:
    """``kgr:state/id`` for a project IRI, ``<iri>`` otherwise."""
    if iri is None:
        return "-"
    from kg.namespaces import PREFIXES

    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri if iri.startswith("_:") else f"<{iri}>"


# --- the checks ----------------------------------------------------------------------------

def _ontology(path) -> list[ox.Triple]:
    return _parsed(path)[0]


def _parsed(path):
    """``(triples, rdflib Graph)`` of an RDF file, parsed once per version of the file."""
    path = Path(path)
    try:
        version = path.stat().st_mtime_ns
    except OSError:
        version = None                     # read_file says what is wrong
    return _parse_once(str(path), version)


@functools.lru_cache(maxsize=8)
def _parse_once(path: str, version):
    triples = [q.triple for q in read_file(Path(path))]
    return triples, _to_rdflib(triples)


def _checker(shapes, ontology):
    """A :class:`kg.shacl.Checker` for the two files, made once per version of each (the
    graphs :func:`_parsed` returns stay the same objects while their files do)."""
    return _checker_once(_parsed(shapes)[1], _parsed(ontology)[1])


@functools.lru_cache(maxsize=4)
def _checker_once(shapes, ontology):
    from kg.shacl import Checker

    return Checker(shapes, ontology)


def declared_terms(ontology: list[ox.Triple]) -> tuple[set[str], set[str]]:
    """(classes, properties) the ontology declares."""
    classes, properties = set(), set()
    for t in ontology:
        if t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            if t.object.value in CLASS_TYPES:
                classes.add(t.subject.value if isinstance(t.subject, ox.NamedNode) else "")
            elif t.object.value in PROPERTY_TYPES:
                properties.add(t.subject.value if isinstance(t.subject, ox.NamedNode) else "")
    return classes, properties


def term_checks(delta: Delta, ontology: list[ox.Triple]) -> list[Violation]:
    """Undeclared ``kg:`` classes and properties; ill-typed literals."""
    from kg.namespaces import KG

    kg = str(KG)
    classes, properties = declared_terms(ontology)
    found = []
    for t in delta.triples:
        focus, where = str(t.subject.value), delta.origin.get(t.subject)
        if t.predicate.value.startswith(kg) and t.predicate.value not in properties:
            kind = "a class, not a property" if t.predicate.value in classes else "not declared"
            found.append(Violation(focus, t.predicate.value,
                                   f"property {compact(t.predicate.value)} is {kind} in the ontology",
                                   source="ontology", file=where))
        if (t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode)
                and t.object.value.startswith(kg) and t.object.value not in classes):
            found.append(Violation(focus, t.predicate.value,
                                   f"class {compact(t.object.value)} is not declared in the ontology",
                                   value=t.object.value, source="ontology", file=where))
        if isinstance(t.object, ox.Literal) and t.object.datatype.value.startswith(XSD):
            if not lexical_ok(t.object.value, t.object.datatype.value):
                found.append(Violation(
                    focus, t.predicate.value,
                    f'"{t.object.value}" is not a valid {compact(t.object.datatype.value)}',
                    value=str(t.object), source="datatype", file=where))
    return found


def focus_nodes(delta: Delta) -> list:
    """Every node the batch touches: its subjects and the values it gives them, IRIs, blank
    nodes and literals (not the classes it types with)."""
    nodes = set()
    for t in delta.triples:
        nodes.add(t.subject)
        if t.predicate != RDF_TYPE:
            nodes.add(t.object)
    return sorted(nodes, key=str)


@contextlib.contextmanager
def _quiet_rdflib():
    """rdflib logs a traceback for each ill-typed literal; those are reported as violations."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _node_text(node) -> str:
    """An IRI's text, ``_:label`` for a blank node, a literal's N-Triples form (as violations
    name their focus)."""
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    return str(node) if isinstance(node, ox.Literal) else node.value


def _rdflib_term(term):
    """A pyoxigraph term as rdflib's; a blank node keeps its label."""
    from rdflib import BNode

    from kg.terms import from_ox_term

    return BNode(term.value) if isinstance(term, ox.BlankNode) else from_ox_term(term)


def _to_rdflib(triples):
    import rdflib

    graph = rdflib.Graph()
    with _quiet_rdflib():
        for t in triples:
            graph.add((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object)))
    return graph


def _restrict_report(report_graph, focus: set) -> None:
    """Keep only the results about ``focus`` nodes (with what hangs off them); set sh:conforms."""
    from rdflib import BNode, Literal
    from rdflib.namespace import RDF as R, SH

    def closure(node, seen):
        for _, _, value in report_graph.triples((node, None, None)):
            if isinstance(value, BNode) and value not in seen:
                seen.add(value)
                closure(value, seen)
        return seen

    kept = [r for r in report_graph.subjects(R.type, SH.ValidationResult)
            if report_graph.value(r, SH.focusNode) in focus]
    dropped = [r for r in report_graph.subjects(R.type, SH.ValidationResult) if r not in kept]
    keep = set().union(*(closure(r, {r}) for r in kept)) if kept else set()
    for result in dropped:
        for node in closure(result, {result}) - keep:
            report_graph.remove((node, None, None))
        report_graph.remove((None, SH.result, result))
    for report in report_graph.subjects(R.type, SH.ValidationReport):
        report_graph.set((report, SH.conforms, Literal(not kept)))


def _add_results(report_graph, violations: list[Violation]) -> None:
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF as R, SH

    reports = list(report_graph.subjects(R.type, SH.ValidationReport))
    for v in violations:
        node = BNode()
        for report in reports:
            report_graph.add((report, SH.result, node))
        report_graph.add((node, R.type, SH.ValidationResult))
        report_graph.add((node, SH.focusNode, BNode(v.focus[2:]) if v.focus.startswith("_:")
                          else URIRef(v.focus)))
        if v.path:
            report_graph.add((node, SH.resultPath, URIRef(v.path)))
        report_graph.add((node, SH.resultMessage, Literal(v.message)))
        report_graph.add((node, SH.resultSeverity, SH.Violation))
        report_graph.add((node, SH.sourceConstraintComponent,
                          URIRef("https://w3id.org/bilateral-relations/ontology#" +
                                 ("UndeclaredTermComponent" if v.source == "ontology"
                                  else "LexicalFormComponent"))))
    if violations:
        for report in reports:
            report_graph.set((report, SH.conforms, Literal(False)))


def _shacl_violations(report_graph, origin: dict) -> list[Violation]:
    from rdflib import URIRef
    from rdflib.namespace import RDF as R, SH

    from kg.terms import to_ox_term

    found = []
    for result in report_graph.subjects(R.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        path = report_graph.value(result, SH.resultPath)
        message = report_graph.value(result, SH.resultMessage)
        severity = report_graph.value(result, SH.resultSeverity)
        value = report_graph.value(result, SH.value)
        node = to_ox_term(focus)
        found.append(Violation(
            _node_text(node), str(path) if isinstance(path, URIRef) else None,
            " ".join(str(message or "constraint not met").split()),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            value=None if value is None else str(value),
            file=origin.get(node)))
    return found


def shacl(data, ontology, shapes=None):
    """``(conforms, report graph)``: the one pyshacl call the shapes are written for.

    ``data`` is one rdflib Graph (the union of the named graphs it needs); ``ontology`` an
    rdflib Graph mixed in by pyshacl (``ont_graph``) so that subclasses and the offices and
    mission kinds it defines are seen; no RDFS/OWL inference runs (ontology/shapes.ttl).
    """
    import pyshacl

    shapes_graph = _parsed(shapes or paths.SHAPES_FILE)[1]
    with _quiet_rdflib():
        conforms, report_graph, _ = pyshacl.validate(
            data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none",
            allow_warnings=False)
    return bool(conforms), report_graph


def validate_graph(graph, ontology, shapes=None) -> ValidationReport:
    """Validate a whole graph (an rdflib Graph) against the shapes, e.g. a fresh build."""
    conforms, report_graph = shacl(graph, ontology, shapes)
    violations = sorted(_shacl_violations(report_graph, {}), key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(conforms=conforms, violations=violations, graph=report_graph, triples=len(graph))


def validate_delta(delta: Delta, store: Store | None, shapes=None, ontology=None) -> ValidationReport:
    """Validate an already-read batch against ``shapes`` and ``ontology`` (file paths)."""
    from kg.rdfterms import bind_prefixes

    ontology_triples = _ontology(ontology or paths.ONTOLOGY_FILE)
    nodes = focus_nodes(delta)
    context = store.describe(n for n in nodes if isinstance(n, ox.NamedNode)) if store else []
    data = _to_rdflib(sorted(set(delta.triples) | set(context), key=str))
    # only the batch's nodes are evaluated (kg.shacl: pySHACL's own focus_nodes option
    # skips blank nodes and literals), and only the results about them are kept
    focus = {_rdflib_term(n) for n in nodes}
    _, report_graph = _checker(shapes or paths.SHAPES_FILE, ontology or paths.ONTOLOGY_FILE).validate(data, focus)
    _restrict_report(report_graph, focus)
    violations = _shacl_violations(report_graph, delta.origin)
    conforms = not violations
    extra = term_checks(delta, ontology_triples)
    _add_results(report_graph, extra)
    bind_prefixes(report_graph)
    unique = {(v.focus, v.path, v.message, v.severity): v for v in violations + extra}
    violations = sorted(unique.values(), key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(conforms=conforms and not extra, violations=violations,
                            graph=report_graph, focus_nodes=[_node_text(n) for n in nodes],
                            triples=len(delta.triples))


def validate(files, store=None, *, shapes=None, ontology=None, fmt: str | None = None) -> ValidationReport:
    """Validate the RDF ``files`` in the context of ``store`` (a Store, a location, or None)."""
    delta = read_delta(files, fmt)
    if store is None or isinstance(store, Store):
        return validate_delta(delta, store, shapes, ontology)
    with open_store(store, read_only=True) as opened:
        return validate_delta(delta, opened, shapes, ontology)


@dataclass
class AddResult:
    report: ValidationReport
    added: int
    graph: str


def default_graph() -> str:
    from kg.namespaces import CURATED_GRAPH

    return CURATED_GRAPH


def add(files, store=None, *, graph: str | None = None, shapes=None, ontology=None,
        fmt: str | None = None, progress=None) -> AddResult:
    """Validate ``files``; if they conform, insert them into ``graph`` in one transaction.

    ``progress``, if given, is called with a line per step (reading, validating, adding).
    """
    say = progress or (lambda _: None)
    target = graph or default_graph()
    say(f"reading {len(files)} file(s)")
    delta = read_delta(files, fmt)
    from kg.derived import refresh, relabelled

    say(f"validating {len(delta.quads)} triples")
    with open_store(store, read_only=True) as opened:
        report = validate_delta(delta, opened, shapes, ontology)
        renamed = relabelled(opened.query, delta.triples) if report.conforms else []
    if not report.conforms:
        return AddResult(report, 0, target)
    say(f"adding them to <{target}> and deriving their labels and evidence")
    added = []

    def write(opened):
        added.append(opened.add(delta.triples, graph=ox.NamedNode(target)))
        refresh(opened, delta.triples, renamed)  # the names, lists and evidence the batch changes

    change_store(store, write)      # both, or neither: a copy switched in whole
    return AddResult(report, added[0], target)
