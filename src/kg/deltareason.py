"""Reasoning over what a rebuild changed: HermiT runs on the triples that name a node whose
triples changed since the previous build, and the previous build's inferences about every
other node are kept.

Why that gives what HermiT over the whole union gives: each axiom of the ontology concludes
about a node from the triples that name it (a domain, range, sub-property or inverse from one
triple; a subclass, a disjointness or a union from the node's own types; the functional
property from one subject's values, which are its neighbours). So a node none of whose
triples changed keeps its inferences, and a contradiction the change brings lies at a node
whose triples changed. That holds only while the ontology and the reference data use no
other kind of axiom (:data:`NOT_LOCAL`: restrictions, chains, transitive or
inverse-functional properties, keys, equalities); :func:`is_local` checks it, and where it
fails the build reasons over the whole union as before. The ontology and the reference data
are always given to HermiT whole.

>>> a, b = ox.NamedNode("urn:a"), ox.NamedNode("urn:b")
>>> p = ox.NamedNode("urn:p")
>>> sorted(n.value for n in changed_nodes({ox.Triple(a, p, b)}, {ox.Triple(a, p, ox.Literal("x"))}))
['urn:a', 'urn:b']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pyoxigraph as ox

from kg import paths
from kg.namespaces import OWL, RDF

RDF_TYPE = ox.NamedNode(RDF + "type")
FUNCTIONAL = ox.NamedNode(OWL + "FunctionalProperty")
NOT_LOCAL = {ox.NamedNode(OWL + name) for name in (
    "Restriction", "TransitiveProperty", "InverseFunctionalProperty", "ReflexiveProperty",
    "IrreflexiveProperty", "AsymmetricProperty", "propertyChainAxiom", "hasKey", "oneOf",
    "sameAs", "differentFrom", "AllDifferent", "hasSelf", "complementOf", "intersectionOf",
    "equivalentClass", "equivalentProperty", "disjointWith", "propertyDisjointWith",
    "NegativePropertyAssertion", "SymmetricProperty")}


def is_local(graph: Iterable[ox.Triple]) -> bool:
    """Whether ``graph`` (the ontology and the reference data) uses only axioms that conclude
    about a node from the triples naming it (none of :data:`NOT_LOCAL`, as predicate or type)."""
    return not any(t.predicate in NOT_LOCAL or (t.predicate == RDF_TYPE and t.object in NOT_LOCAL)
                   for t in graph)


def rule_inferences(engine: ox.Store) -> set[ox.Triple]:
    """What the inference rules (``data/rules/inference/*.rq`` CONSTRUCTs) conclude over the
    union of ``engine``'s graphs."""
    found = set()
    for rule in sorted((paths.RULES_DIR / "inference").glob("*.rq")):
        found.update(engine.query(rule.read_text(encoding="utf-8"), use_default_graph_as_union=True))
    return found


def changed_nodes(before: set[ox.Triple], after: set[ox.Triple]) -> set:
    """The subjects and objects (classes and literals aside) of the triples in one set only."""
    nodes = set()
    for t in before ^ after:
        nodes.add(t.subject)
        if t.predicate != RDF_TYPE and not isinstance(t.object, ox.Literal):
            nodes.add(t.object)
    return nodes


def neighbourhood(union: ox.Store, nodes: set, functional: set) -> list[ox.Triple]:
    """The triples of ``union`` that name one of ``nodes``, or a value of one of their
    ``functional`` properties (two values of one are one individual to the reasoner)."""
    values = {t.object for n in nodes for p in functional
              for t in union.quads_for_pattern(n, p, None)}
    found = set()
    for node in nodes | values:
        found.update(q.triple for q in union.quads_for_pattern(node, None, None))
        found.update(q.triple for q in union.quads_for_pattern(None, None, node))
    return list(found)


@dataclass
class Delta:
    """The previous build's reasoning, and the triples it was over."""

    inferred: set[ox.Triple]         # its inferred graph: the rules' and HermiT's conclusions
    documents: set[ox.Triple]        # its document graphs' triples


def reason_delta(previous: Delta, ontology: list[ox.Triple], reference: list[ox.Triple],
                 documents: set[ox.Triple], rules_now: set[ox.Triple], reason):
    """``(outcome, inferences)``: HermiT's verdict (``reason(triples)``, a
    :class:`kg.reason.ReasoningResult`) on the triples that name a node whose triples changed,
    and HermiT's inferences over the whole union (the previous ones about unchanged nodes, the
    new ones about changed nodes), as pyoxigraph triples; HermiT is not run when nothing changed.

    ``ontology`` and ``reference`` are the same as the previous build's; ``documents`` are the
    document graphs' triples now, ``rules_now`` the rules' conclusions now. HermiT is given the
    reference data whole and the ontology (``reason`` adds it)."""
    from kg.terms import from_ox_term, to_ox_term

    shared = [*ontology, *reference]
    old = ox.Store()
    old.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode("urn:kg:old"))
               for t in [*shared, *previous.documents])
    rules_before = rule_inferences(old)
    hermit_before = previous.inferred - rules_before
    changed = changed_nodes(previous.documents | rules_before, documents | rules_now)
    kept = {t for t in hermit_before if t.subject not in changed}
    if not changed:
        return None, kept
    union = ox.Store()
    union.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode("urn:kg:now"))
                 for t in [*shared, *documents, *rules_now])
    functional = {t.subject for t in shared if t.predicate == RDF_TYPE and t.object == FUNCTIONAL}
    from rdflib import Graph

    local = Graph()
    for t in {*neighbourhood(union, changed, functional), *reference}:
        local.add((to_rdflib(t.subject), from_ox_term(t.predicate), to_rdflib(t.object)))
    outcome = reason(local)
    if outcome.status != "consistent":
        return outcome, kept
    new = {ox.Triple(*(to_ox_term(term) for term in triple)) for triple in outcome.inferred}
    return outcome, kept | {t for t in new if t.subject in changed}


def to_rdflib(term):
    """A pyoxigraph term (a blank node too) as an rdflib term."""
    from rdflib import BNode

    from kg.terms import from_ox_term

    return BNode(term.value) if isinstance(term, ox.BlankNode) else from_ox_term(term)
