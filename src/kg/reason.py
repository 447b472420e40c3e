"""OWL reasoning with owlready2 and HermiT: is the graph consistent, and what follows from it.

>>> from rdflib import Graph
>>> result = reason(Graph())        # the ontology alone
>>> result.status in ("consistent", "skipped")
True

HermiT runs on Java; where Java is missing the result is ``"skipped"`` with a one-line
message, never a traceback.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef

from kg import paths

JAVA_MISSING = ("OWL reasoning skipped: Java not found "
                "(install a JRE, e.g. `apt-get install default-jre-headless`)")
_INFERENCES = "http://inferrences/"   # owlready2's ontology for what the reasoner adds
_INFERENCES_HEADER = URIRef(_INFERENCES.rstrip("/"))
_NOT_A_TYPE = {OWL.Thing, OWL.NamedIndividual}


@dataclass
class ReasoningResult:
    """What the reasoner found: ``status`` is "consistent", "inconsistent" or "skipped"."""

    status: str
    message: str
    inferred: Graph = field(default_factory=Graph)
    seconds: float = 0.0


def reason(graph: Graph, ontology: Graph | None = None) -> ReasoningResult:
    """Run HermiT over ``ontology`` (default ``ontology/kg.ttl``) plus ``graph``.

    ``graph`` may be a Graph, a Dataset (all its named graphs are used) or triples. ``inferred``
    holds the triples that follow and were not asserted: every named class each
    individual belongs to (the types HermiT infers and their superclasses) and the
    object property values HermiT infers.

    Dates: HermiT accepts only the OWL 2 datatype map, which lacks ``xsd:date``,
    ``xsd:gYearMonth`` and ``xsd:gYear``, and stops on the first such literal. The
    reasoner is therefore run with HermiT's ``--ignoreUnsupportedDatatypes``: those
    literals become opaque values, the assertions stay (so a date still entails the
    domain of its property), and nothing is concluded from their values.

    >>> from rdflib import Graph
    >>> data = Graph().parse(data="<urn:x> a <https://w3id.org/bilateral-relations/ontology#State> .")
    >>> reason(data).status in ("consistent", "skipped")
    True
    """
    started = time.perf_counter()
    merged = Graph()
    merged += ontology if ontology is not None else Graph().parse(paths.ONTOLOGY_FILE)
    quads = graph.quads((None, None, None, None)) if hasattr(graph, "quads") else graph
    for s, p, o, *_ in quads:
        merged.add((s, p, o))

    import owlready2  # slow to import: only when reasoning is asked for

    def result(status: str, message: str, inferred: Graph | None = None) -> ReasoningResult:
        return ReasoningResult(status, message, inferred if inferred is not None else Graph(),
                               round(time.perf_counter() - started, 3))

    if shutil.which(owlready2.JAVA_EXE) is None:
        return result("skipped", JAVA_MISSING)
    with tempfile.TemporaryDirectory(prefix="kg-reason-") as tmp:
        source = Path(tmp) / "input.nt"
        merged.serialize(source, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(source.as_uri()).load()
            owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0,
                                           ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError as error:
            return result("inconsistent",
                          f"OWL reasoning: the graph is inconsistent with the ontology "
                          f"(HermiT via owlready2 reported {type(error).__name__})")
        except owlready2.OwlReadyJavaError as error:
            return result("skipped", f"OWL reasoning skipped: HermiT failed: {_first_line(error)}")
        except OSError as error:
            return result("skipped", f"OWL reasoning skipped: Java failed to start: {error}")
        added = Path(tmp) / "inferred.nt"
        world.get_ontology(_INFERENCES).save(str(added), format="ntriples")
        new = Graph().parse(added, format="nt")
    inferred = _entailed_types(merged, new)
    inferred += (t for t in new if t not in merged and t[0] != _INFERENCES_HEADER)
    return result("consistent", f"OWL reasoning: consistent (HermiT, {len(inferred)} "
                                f"inferred triples)", inferred)


def _entailed_types(asserted: Graph, new: Graph) -> Graph:
    """``x rdf:type C`` for every named class C of every named individual x, not asserted."""
    both = asserted + new
    classes = set(both.subjects(RDF.type, OWL.Class))
    ancestors: dict = {}
    entailed = Graph()
    for individual, cls in both.subject_objects(RDF.type):
        if isinstance(individual, BNode) or cls not in classes or individual in classes:
            continue
        if cls not in ancestors:
            ancestors[cls] = set(both.transitive_objects(cls, RDFS.subClassOf))
        for ancestor in ancestors[cls]:
            triple = (individual, RDF.type, ancestor)
            if isinstance(ancestor, URIRef) and ancestor not in _NOT_A_TYPE \
                    and triple not in asserted:
                entailed.add(triple)
    return entailed


def _first_line(error: Exception) -> str:
    """The first informative line of an owlready2 Java error (its own header dropped)."""
    lines = [line.strip() for line in str(error).splitlines()]
    lines = [line for line in lines if line and not line.startswith("Java error message is")]
    return lines[0][:300] if lines else type(error).__name__
