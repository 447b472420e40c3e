"""A rebuild that touches only what changed, in the store itself.

When the store's build was made with the same rules, frames, reference data and ontology
(:mod:`kg.incremental`) and reasoned the same way, ``kg build`` extracts the documents
:func:`kg.incremental.to_extract` names and writes, into a copy of the store switched in
whole (:meth:`kg.store.OxigraphStore.change`: a rebuild killed midway leaves the old store),
only what changes: those documents' graphs, the inferred graph's changed triples, the derived
values of the nodes the change affects and the documents' input hashes. The kept documents'
graphs stay in the store as they are, never read whole.

Each step gives what the whole path (:func:`kg.build.assemble`, :func:`kg.build.build`) gives:

* dates: for each node and date property an extracted graph states, the most precise date
  wins across the document graphs (a kept graph may lose its coarse date);
* the inference rules run over the document, reference and ontology graphs, before and after;
* SHACL: the extracted graphs and the rules' conclusions that are new or name a node whose
  triples changed, and the kept graphs' triples from or to such a node, each with its focus
  nodes in the same context the whole path has (the document, reference and ontology graphs
  and the rules' conclusions: not HermiT's, nor the derived, inputs or curated graphs);
* reasoning: HermiT around the nodes whose triples changed (:mod:`kg.deltareason`); it is not
  run when nothing changed or when every changed triple is an annotation (its predicate an
  ``owl:AnnotationProperty``: in OWL 2 an annotation entails nothing and contradicts nothing);
* the derived graph (:mod:`kg.derived`): the nodes :func:`kg.derived.affected` names for the
  triples that left (asked before the change) and those that came (asked after).

Where it cannot promise that, :func:`rebuild` returns None and the build takes the whole
path: a store that is an endpoint, missing, or built with other inputs or reasoning; an
extracted document that fails or violates the shapes (the whole path isolates it and says so).

>>> is_annotation(ox.Triple(ox.NamedNode("urn:d"), ox.NamedNode(RDFS + "label"), ox.Literal("x")), set())
True
"""
from __future__ import annotations

import functools
import time
from pathlib import Path

import pyoxigraph as ox

from kg import paths
from kg.namespaces import (DERIVED_GRAPH, FAMILIES, INFERRED_GRAPH, INPUTS_GRAPH, KG, KGR, ONTOLOGY_GRAPH, OWL, RDF,
                           RDFS, REFERENCE_GRAPH, document_graph)

DOCUMENTS = KGR + FAMILIES["doc"]
ANNOTATION = ox.NamedNode(OWL + "AnnotationProperty")
RDF_TYPE = ox.NamedNode(RDF + "type")
BUILT_IN_ANNOTATIONS = {RDFS + n for n in ("label", "comment", "seeAlso", "isDefinedBy")} | {
    OWL + n for n in ("versionInfo", "deprecated", "priorVersion", "backwardCompatibleWith",
                      "incompatibleWith")}
DATE_PROPERTIES = {KG + n for n in ("date", "established", "opened", "closed")}
DATE_NOTES = (ox.NamedNode(KG + "dateInferred"), ox.NamedNode(KG + "dateNote"))


class _Whole(Exception):
    """The whole path is needed (the change is written nowhere)."""


def is_annotation(triple: ox.Triple, declared: set) -> bool:
    """Whether ``triple``'s predicate is an annotation property (built in, or one of ``declared``)."""
    return triple.predicate.value in BUILT_IN_ANNOTATIONS or triple.predicate in declared


def _graph(db: ox.Store, iri: str) -> set[ox.Triple]:
    return {q.triple for q in db.quads_for_pattern(None, None, None, ox.NamedNode(iri))}


def _built_from(quad: ox.Quad) -> bool:
    """Whether ``quad`` is in a graph the whole path assembles before reasoning."""
    g = quad.graph_name
    return isinstance(g, ox.NamedNode) and (g.value.startswith(DOCUMENTS) or g.value in (ONTOLOGY_GRAPH, REFERENCE_GRAPH))


class _View:
    """The store's quads the whole path's checks see: the document, reference and ontology
    graphs, and in the inferred graph the ``rules``' conclusions only. It answers what
    :func:`kg.buildcheck.check_parts` and :func:`kg.deltareason.neighbourhood` ask."""

    def __init__(self, db: ox.Store, rules: set[ox.Triple], inferences: list[ox.Triple]):
        self.db, self.rules, self.inferences = db, rules, inferences

    def _seen(self, quad: ox.Quad) -> bool:
        return _built_from(quad) or (quad.graph_name.value == INFERRED_GRAPH and quad.triple in self.rules)

    def quads_for_pattern(self, s, p, o, g=None):
        return (q for q in self.db.quads_for_pattern(s, p, o, None) if self._seen(q))

    def graph(self, iri) -> list[ox.Quad]:
        if str(iri) == INFERRED_GRAPH:
            return [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(INFERRED_GRAPH)) for t in self.inferences]
        return list(self.db.quads_for_pattern(None, None, None, ox.NamedNode(str(iri))))

    def describe(self, nodes) -> list[ox.Triple]:
        found, objects = set(), set()
        for node in set(nodes):
            for quad in self.quads_for_pattern(node, None, None):
                found.add(quad.triple)
                if isinstance(quad.object, (ox.NamedNode, ox.BlankNode)):
                    objects.add(quad.object)
        for node in objects:
            found.update(q.triple for q in self.quads_for_pattern(node, RDF_TYPE, None))
        return sorted(found, key=str)

    def touching(self, kept: dict, touched: set) -> list[tuple[ox.Quad, str]]:
        names = {str(graph): name for name, graph in kept.items()}
        found = {}
        for node in touched:
            for quad in [*self.db.quads_for_pattern(node, None, None, None),
                         *self.db.quads_for_pattern(None, None, node, None)]:
                if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value in names:
                    found[quad] = names[quad.graph_name.value]
        return sorted(found.items(), key=lambda item: str(item[0]))


def rule_conclusions(db: ox.Store) -> set[ox.Triple]:
    """What the inference rules (``data/rules/inference/*.rq``) conclude over the document,
    reference and ontology graphs of ``db``: each over the triples of those graphs with a
    predicate its patterns name (:func:`matched_predicates`), copied apart, or where it cannot
    say, over those graphs all (far slower)."""
    found = set()
    for text, predicates in _rules():
        if predicates is None:
            graphs = [g for g in db.named_graphs() if _built_from(ox.Quad(g, g, g, g))]
            found.update(db.query(text, default_graph=graphs))
            continue
        matched = ox.Store()
        matched.extend(q for p in predicates for q in db.quads_for_pattern(None, p, None, None) if _built_from(q))
        found.update(matched.query(text, use_default_graph_as_union=True))
    return found


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, frozenset | None], ...]:
    texts = [rule.read_text(encoding="utf-8") for rule in sorted((paths.RULES_DIR / "inference").glob("*.rq"))]
    return tuple((text, matched_predicates(text)) for text in texts)


def matched_predicates(text: str) -> frozenset | None:
    """The predicates the patterns of the SPARQL query ``text`` match (its CONSTRUCT template
    aside), or None if a pattern matches more (a variable or negated predicate, a GRAPH, a
    SERVICE, a FROM): only triples with these predicates can change its solutions.

    >>> sorted(p.value for p in matched_predicates(
    ...     "CONSTRUCT { ?x <urn:q> 1 } WHERE { ?x <urn:p>/^<urn:r> ?y FILTER NOT EXISTS { ?x <urn:s> ?z } }"))
    ['urn:p', 'urn:r', 'urn:s']
    >>> matched_predicates("CONSTRUCT { ?x <urn:q> 1 } WHERE { ?x ?p ?y }") is None
    True
    """
    from rdflib import URIRef
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    found = set()

    def path(p) -> bool:
        if isinstance(p, URIRef):
            found.add(ox.NamedNode(str(p)))
            return True
        if isinstance(p, (SequencePath, AlternativePath)):
            return all(path(a) for a in p.args)
        if isinstance(p, InvPath):
            return path(p.arg)
        if isinstance(p, MulPath):
            return path(p.path)
        return False                        # a variable, a negated set (NegatedPath), …

    def walk(node) -> bool:
        if isinstance(node, CompValue):
            if node.name in ("Graph", "ServiceGraphPattern") or ("datasetClause" in node and node["datasetClause"]):
                return False
            return all(all(path(t[1]) for t in v) if k == "triples" else walk(v)
                       for k, v in node.items() if k not in ("template", "PV", "_vars"))
        if isinstance(node, (list, tuple)):
            return all(walk(v) for v in node)
        return True

    return frozenset(found) if walk(prepareQuery(text).algebra) else None


def _to_extract(db: ox.Store, documents, shared: str, hashes: dict, previous_hashes: dict) -> set[str]:
    """:func:`kg.incremental.to_extract`, reading only the graphs it needs: those that
    changed or left, and the kept graphs naming a node they dated."""
    from kg.incremental import Previous, to_extract

    graph_of = {d.id: document_graph(d.id) for d in documents}
    named = {g.value for g in db.named_graphs() if g.value.startswith(DOCUMENTS)}
    changed = {d for d, g in graph_of.items() if hashes.get(d) is None or previous_hashes.get(g) != hashes[d]}
    needed = named - {graph_of[d] for d in graph_of if d not in changed}
    dated = {t.subject for g in needed for t in _graph(db, g) if t.predicate.value in DATE_PROPERTIES}
    kept_graphs = set(graph_of.values()) & named
    for node in dated:
        needed |= {q.graph_name.value for q in db.quads_for_pattern(node, None, None, None)
                   if q.graph_name.value in kept_graphs}
    graphs = {g: list(_graph(db, g)) for g in needed}
    graphs.update((g, []) for g in kept_graphs - needed)   # nodes they do not date: nothing to lose
    return to_extract(documents, shared, hashes, Previous(shared, previous_hashes, graphs), DATE_PROPERTIES)


def rebuild(sources: Path, location, reason: bool, progress=None, workers: int | None = None):
    """Rebuild the store at ``location`` from ``sources`` by writing only what changed (see the
    module's docstring); the :class:`kg.build.Assembled` report, or None where the build must
    take the whole path. Raises :class:`~kg.errors.BuildInvalid` (store unchanged) when the change
    makes the graph inconsistent, :class:`~kg.guard.DestructiveBuild` when it drops more than it adds."""
    from kg.build import Assembled, Extractor, extract_all, load_entities
    from kg.errors import StoreMissing
    from kg.incremental import input_hashes, read_hashes
    from kg.sources import read_catalog
    from kg.store import Endpoint, OxigraphStore, is_url

    started = time.perf_counter()
    say = progress or (lambda *_: None)
    if isinstance(location, Endpoint) or is_url(location):
        return None
    documents = read_catalog(sources)
    if not documents:
        return None
    shared, hashes = input_hashes(documents)
    try:
        opened = OxigraphStore(location, read_only=True)
    except StoreMissing:
        return None
    with opened:
        db = opened.engine()
        previous_shared, reasoned, previous_hashes = read_hashes(
            db.quads_for_pattern(None, None, None, ox.NamedNode(INPUTS_GRAPH)))
        if previous_shared != shared or (reasoned == shared) != reason or (not reason and reasoned is not None):
            return None
        if reason:
            from kg.deltareason import is_local

            if not is_local([*_graph(db, ONTOLOGY_GRAPH), *_graph(db, REFERENCE_GRAPH)]):
                return None
        fresh = _to_extract(db, documents, shared, hashes, previous_hashes)
        result = Assembled(None, shared=shared)
        result.kept = [d.id for d in documents if d.id not in fresh]
        extracted = {}
        if fresh:
            say(f"extracting {len(fresh)} documents ({len(result.kept)} kept)")
            chosen = [d for d in documents if d.id in fresh]
            for outcome in extract_all(chosen, Extractor(load_entities()), workers):
                if outcome.error:
                    return None
                extracted[outcome.document.id] = outcome
                result.facts[outcome.document.id] = outcome.facts
        named = {g.value for g in db.named_graphs() if g.value.startswith(DOCUMENTS)}
        if not fresh and named == {document_graph(d) for d in result.kept}:
            say("nothing changed")              # the store stays as it is
            result.reasoning = _unchanged_reasoning(db, reason)
            result.totals = (len(db), sum(1 for _ in db.named_graphs()))
            return _done(result, started)
        try:
            opened.change(lambda copy: _write(copy.engine(), result, extracted, hashes, reason, say))
        except _Whole:
            return None
    return _done(result, started)


def _done(result, started: float):
    result.seconds = time.perf_counter() - started
    return result


def _unchanged_reasoning(db: ox.Store, reason: bool) -> str:
    """The reasoning message of a rebuild that changed nothing (as the whole path words it)."""
    if not reason:
        return "skipped (--no-reason)"
    hermit = _graph(db, INFERRED_GRAPH) - rule_conclusions(db)
    return f"OWL reasoning: consistent (HermiT, {len(hermit)} inferred triples)"


def _write(db: ox.Store, result, extracted: dict, hashes: dict, reason: bool, say) -> None:
    """Change ``db`` (a copy of the store) to the rebuild's outcome; raises :class:`_Whole`
    (or a build error) to leave the store as it was."""
    from kg.buildcheck import check_parts
    from kg.derived import LABEL_PROPERTIES, affected, derive
    from kg.incremental import CONTENT_HASH, reasoned as reasoned_mark
    from kg.terms import to_ox_quad

    query = lambda text: db.query(text, use_default_graph_as_union=True)   # noqa: E731
    kept_graphs = {document_graph(d) for d in result.kept}
    leaving = {g.value for g in db.named_graphs() if g.value.startswith(DOCUMENTS)} - kept_graphs
    before = {g: _graph(db, g) for g in leaving}
    rules_before = rule_conclusions(db)
    inferred_before = _graph(db, INFERRED_GRAPH)
    gone = {t for triples in before.values() for t in triples}
    labelled = {t.subject for t in gone if t.predicate.value in LABEL_PROPERTIES}
    nodes = set(affected(query, gone, labelled))

    for graph in leaving:
        db.remove_graph(ox.NamedNode(graph))
    for doc, outcome in extracted.items():
        db.extend(to_ox_quad(triple, ox.NamedNode(document_graph(doc))) for triple in outcome.triples)
    changed_graphs = set(leaving) | {document_graph(d) for d in extracted}
    for graph, removed in _keep_most_precise_dates(db, {document_graph(d) for d in extracted}).items():
        before.setdefault(graph, _graph(db, graph) | removed)
        changed_graphs.add(graph)
    after = {g: _graph(db, g) for g in changed_graphs}
    before_triples = {t for g in changed_graphs for t in before.get(g, ())}
    after_triples = {t for g in changed_graphs for t in after[g]}

    rules_now = rule_conclusions(db)
    touched = {t.subject for t in before_triples | after_triples | (rules_before ^ rules_now)
               if isinstance(t.subject, ox.NamedNode)}
    inferences = sorted((t for t in rules_now if t not in rules_before or t.subject in touched
                         or t.object in touched), key=str)
    view = _View(db, rules_now, inferences)
    parts = {doc: document_graph(doc) for doc in extracted}
    parts["inferences"] = INFERRED_GRAPH
    kept = {doc: document_graph(doc) for doc in result.kept if document_graph(doc) not in changed_graphs}
    say("validating with SHACL what changed")
    if check_parts(view, parts, say, kept, touched):
        raise _Whole()

    hermit = inferred_before - rules_before
    if reason:
        hermit, status = _reason(view, db, hermit, before_triples | rules_before, after_triples | rules_now, result, say)
    else:
        status = "skipped"
        result.reasoning = "skipped (--no-reason)"
    inferred = rules_now | hermit
    graph = ox.NamedNode(INFERRED_GRAPH)
    for t in inferred_before - inferred:
        db.remove(ox.Quad(t.subject, t.predicate, t.object, graph))
    db.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in inferred - inferred_before)

    inputs = ox.NamedNode(INPUTS_GRAPH)
    for g in changed_graphs:
        for quad in list(db.quads_for_pattern(ox.NamedNode(g), CONTENT_HASH, None, inputs)):
            db.remove(quad)
    db.extend(ox.Quad(ox.NamedNode(document_graph(d)), CONTENT_HASH, ox.Literal(hashes[d]), inputs)
              for d in extracted if d in hashes)
    mark = reasoned_mark(result.shared)
    if status != "consistent" and mark in db:
        db.remove(mark)

    came = after_triples | (inferred ^ inferred_before)
    labelled = {t.subject for t in (before_triples ^ after_triples) if t.predicate.value in LABEL_PROPERTIES}
    nodes |= set(affected(query, came | (before_triples - after_triples), labelled))
    say(f"deriving display labels and evidence of {len(nodes)} nodes")
    derived = ox.NamedNode(DERIVED_GRAPH)
    old = {q for n in nodes for q in db.quads_for_pattern(n, None, None, derived)}
    new = set(derive(query, nodes)) if nodes else set()
    for quad in old - new:
        db.remove(quad)
    db.extend(new - old)

    dropped = len(before_triples - after_triples) + len(inferred_before - inferred) + len(old - new)
    added = len(after_triples - before_triples) + len(inferred - inferred_before) + len(new - old)
    if dropped > added:
        from kg.guard import DestructiveBuild

        raise DestructiveBuild(f"this build would drop {dropped} triples of the store and add {added}; "
                               f"the store is unchanged (check the catalog, or use --force to build anyway)")
    result.totals = (len(db), sum(1 for _ in db.named_graphs()))
    say("writing the changed graphs")


def _reason(view: _View, db: ox.Store, hermit_before: set, before: set, after: set, result, say):
    """``(HermiT's inferences now, status)``: :mod:`kg.deltareason` around the nodes whose
    triples (``before`` -> ``after``, the documents' and the rules') changed; HermiT is not run
    when none did, or when each changed triple is an annotation."""
    from rdflib import Graph

    from kg.deltareason import FUNCTIONAL, changed_nodes, neighbourhood, to_rdflib
    from kg.errors import BuildInvalid
    from kg.reason import reason as run_reasoner
    from kg.terms import from_ox_term, to_ox_term

    ontology, reference = _graph(db, ONTOLOGY_GRAPH), _graph(db, REFERENCE_GRAPH)
    declared = {t.subject for t in ontology if t.predicate == RDF_TYPE and t.object == ANNOTATION}
    changed = changed_nodes(before, after)
    if all(is_annotation(t, declared) for t in before ^ after):
        say("reasoning: no triple HermiT concludes from changed")
        result.reasoning = f"OWL reasoning: consistent (HermiT, {len(hermit_before)} inferred triples)"
        return hermit_before, "consistent"
    say("reasoning with HermiT over what changed")
    functional = {t.subject for t in ontology | reference if t.predicate == RDF_TYPE and t.object == FUNCTIONAL}
    local = Graph()
    for t in {*neighbourhood(view, changed, functional), *reference}:
        local.add((to_rdflib(t.subject), from_ox_term(t.predicate), to_rdflib(t.object)))
    outcome = run_reasoner(local)
    kept = {t for t in hermit_before if t.subject not in changed}
    if outcome.status == "inconsistent":
        raise BuildInvalid(f"the built graph is inconsistent; the store is unchanged: {outcome.message}")
    if outcome.status != "consistent":
        result.reasoning = outcome.message
        return kept, outcome.status
    new = {ox.Triple(*(to_ox_term(term) for term in triple)) for triple in outcome.inferred}
    hermit = kept | {t for t in new if t.subject in changed}
    result.reasoning = f"OWL reasoning: consistent (HermiT, {len(hermit)} inferred triples)"
    return hermit, "consistent"


def _keep_most_precise_dates(db: ox.Store, graphs: set[str]) -> dict[str, set]:
    """:func:`kg.build._keep_most_precise_dates` for the nodes and date properties the
    ``graphs`` state; the other graphs it changed, each with the triples it removed there."""
    pairs = {(t.subject, t.predicate) for g in graphs for t in _graph(db, g) if t.predicate.value in DATE_PROPERTIES}
    changed: dict[str, set] = {}
    for subject, prop in pairs:
        values = [(q.object, q.graph_name) for q in db.quads_for_pattern(subject, prop, None, None) if _built_from(q)]
        for value, graph in values:
            if any(other != value and other.value.startswith(value.value) for other, _ in values):
                removed = [ox.Quad(subject, prop, value, graph)]
                for note in DATE_NOTES:
                    removed += db.quads_for_pattern(subject, note, None, graph)
                for quad in removed:
                    db.remove(quad)
                if graph.value not in graphs:
                    changed.setdefault(graph.value, set()).update(q.triple for q in removed)
    return changed
