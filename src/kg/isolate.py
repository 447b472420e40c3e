"""Isolating what violates the shapes: a fact of a document that does not conform is dropped
from that document's graph (with its evidence and the facts that point to it), and the rest of
the document and every other document still build.

A violation line is ``"<part>: <focus>: <path>: <message>"`` (:func:`kg.buildcheck.validate_parts`);
a violation of a document's fact names what is dropped, and why:
``"001_x: dropped kgr:trade/id-pe-2011: kg:value: A trade statistic needs …"``.

>>> from rdflib import Graph, Literal, URIRef
>>> from kg.rdfterms import KG, KGR
>>> g = Graph()
>>> fact, ev = KGR["trade/id-pe-2011"], KGR["evidence/d-0-9-r"]
>>> g.add((fact, KG.evidence, ev)); g.add((ev, KG.rule, Literal("r")))  # doctest: +ELLIPSIS
<Graph ...>
<Graph ...>
>>> [str(node).rsplit("/", 1)[1] for node in drop(g, fact)], len(g)
(['id-pe-2011'], 0)
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from .namespaces import PREFIXES
from .rdfterms import KG, OA, document_graph

#: Rounds of dropping and validating again before a document that still does not conform fails.
ROUNDS = 3


@dataclass
class Isolated:
    """What isolation did: facts dropped (one line each), documents that failed as a whole,
    and the violations no document's fact explains (the ontology's, the reference data's …)."""

    dropped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)


def split(line: str) -> tuple[str, str, str, str]:
    """``(part, focus IRI, path, message)`` of a violation line; the focus expanded from its
    compact form (``kgr:relation/id-pe``, ``<https://…>``, ``_:b0``)."""
    part, focus, path, message = line.split(": ", 3)
    if focus.startswith("<") and focus.endswith(">"):
        focus = focus[1:-1]
    elif ":" in focus and not focus.startswith("_:"):
        prefix, rest = focus.split(":", 1)
        focus = str(PREFIXES.get(prefix, prefix + ":")) + rest
    return part, focus, path, message


def isolate(dataset: Dataset, violations: list[str], documents: set[str], revalidate, reinfer) -> Isolated:
    """Drop from each of ``documents`` (ids of extracted documents) the facts its violations are
    about, then ``reinfer()`` and ``revalidate(ids)`` (violation lines of those documents' graphs
    and the inferences) until they conform; a document still failing after :data:`ROUNDS` rounds
    fails whole (its graph is emptied). Violations of other parts are returned as they are."""
    outcome = Isolated()
    for _ in range(ROUNDS):
        by_document: dict[str, list] = {}
        for line in violations:
            part, focus, path, message = split(line)
            if part in documents and part not in outcome.failed:
                by_document.setdefault(part, []).append((focus, path, message))
            elif line not in outcome.violations:
                outcome.violations.append(line)
        if not by_document:
            return outcome
        for document, found in by_document.items():
            graph = dataset.graph(document_graph(document))
            for focus, path, message in found:
                node = URIRef(focus)
                if not focus.startswith(("http://", "https://")) or (node, RDF.type, KG.SourceDocument) in graph:
                    outcome.failed[document] = f"{_compact(focus)} does not conform: {path}: {message}"
                    dataset.remove_graph(graph)
                    break
                for dropped in drop(graph, node):
                    why = (f"{path}: {message}" if dropped == node
                           else f"it needs {_compact(focus)}, dropped ({path}: {message})")
                    outcome.dropped.append(f"{document}: dropped {_compact(dropped)}: {why}")
        reinfer()
        violations = revalidate([d for d in by_document if d not in outcome.failed])
    for line in violations:
        part = split(line)[0]
        if part in documents:
            outcome.failed.setdefault(part, f"does not conform after dropping facts: {line}")
            dataset.remove_graph(dataset.graph(document_graph(part)))
        elif line not in outcome.violations:
            outcome.violations.append(line)
    return outcome


def drop(graph: Graph, node: URIRef) -> list[URIRef]:
    """Remove ``node`` from ``graph``: its triples, its evidence nodes no other fact cites, and
    every fact of the graph that points to it (dropped in turn). Returns the facts dropped (none
    when ``node`` states nothing in ``graph``)."""
    dropped, pending = [], [node]
    while pending:
        current = pending.pop()
        if current in dropped or (current, None, None) not in graph:     # gone already
            continue
        dropped.append(current)
        evidence = list(graph.objects(current, KG.evidence))
        graph.remove((current, None, None))
        for item in evidence:
            if next(graph.subjects(KG.evidence, item), None) is None:
                _remove_evidence(graph, item)
        for subject, predicate in list(graph.subject_predicates(current)):
            if (subject, KG.evidence, None) in graph:     # a fact that needs the dropped one
                pending.append(subject)
            else:
                graph.remove((subject, predicate, current))
    return [d for d in dropped if isinstance(d, URIRef)]


def _remove_evidence(graph: Graph, evidence) -> None:
    for target in list(graph.objects(evidence, OA.hasTarget)):
        for selector in list(graph.objects(target, OA.hasSelector)):
            graph.remove((selector, None, None))
        graph.remove((target, None, None))
    graph.remove((evidence, None, None))


def _compact(iri) -> str:
    from .validate import compact

    return compact(str(iri))
