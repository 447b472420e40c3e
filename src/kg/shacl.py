"""pySHACL, set up once per process: the shapes harvested once and the ontology mixed in once,
and only the focus nodes asked for evaluated.

:func:`kg.validate.validate_delta` validates a small data graph (a batch and its context)
and keeps the results about the batch's nodes; pySHACL would evaluate every node the
context types as well (the cities and states a fact points to), re-read the shapes and clone
the ontology into the data at each call. A :class:`Checker` does the same validation, with
the same shapes, options and verdicts, without that repeated work:

* the shapes graph is harvested into pySHACL's shapes once, and each shape's targets are
  cut to the focus nodes of the call (IRIs, blank nodes and literals alike, which pySHACL's
  own ``focus_nodes`` option cannot: it keeps IRIs only);
* the ontology's axioms are copied into a base graph once (what pySHACL's ``ont_graph``
  does at every call), and each call's data graph starts as a copy of it.

pySHACL's ``Validator``, ``ShapesGraph`` and ``Shape.focus_nodes`` are used as pySHACL
0.40 defines them (pyproject.toml pins that series).

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> shapes = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
...   [] a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:minCount 1 ] .''',
...   format="turtle")
>>> data = Graph()
>>> for node in ("urn:a", "urn:b"):
...     _ = data.add((URIRef(node), RDF.type, URIRef("urn:C")))
>>> checker = Checker(shapes, Graph())
>>> conforms, report = checker.validate(data, {URIRef("urn:a")})
>>> conforms, len(list(report.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
(False, 1)
>>> checker.validate(data, set())[0]
True
"""
from __future__ import annotations

import functools
import threading

_call = threading.local()       # the focus nodes of the call running in this thread


class Checker:
    """The shapes (an rdflib Graph) and the ontology (an rdflib Graph), ready to validate
    any number of data graphs."""

    def __init__(self, shapes, ontology):
        import rdflib
        from pyshacl.rdfutil.inoculate import inoculate
        from pyshacl.shapes_graph import ShapesGraph

        self.shapes = ShapesGraph(shapes)
        for shape in self.shapes.shapes:
            shape.__class__ = _focused_shape()
        self.base = inoculate(rdflib.Graph(), ontology)

    def validate(self, data, focus=None):
        """``(conforms, report graph)`` of ``data`` (an rdflib Graph, left as it is), the
        ontology mixed in; only the nodes in ``focus`` are evaluated (all of them if None)."""
        import rdflib
        from pyshacl import Validator
        from pyshacl.graph_abstraction import DataGraph

        graph = rdflib.Graph()
        for triple in self.base:
            graph.add(triple)
        for triple in data:
            graph.add(triple)
        validator = Validator(DataGraph.from_rdflib(graph), shacl_graph=self.shapes.graph,
                              options={"inference": "none", "allow_warnings": False, "inplace": True})
        validator.shacl_graph = self.shapes
        _call.focus = focus
        try:
            conforms, report, _ = validator.run()
        finally:
            _call.focus = None
        return bool(conforms), report


@functools.cache
def _focused_shape():
    """pySHACL's ``Shape`` whose targets are cut to the call's focus nodes (no new slots, so
    that a harvested shape can take this class)."""
    from pyshacl.shape import Shape

    class FocusedShape(Shape):
        __slots__ = ()

        def focus_nodes(self, data_graph, debug=False):
            found = super().focus_nodes(data_graph, debug=debug)
            focus = getattr(_call, "focus", None)
            return found if focus is None else {node for node in found if node in focus}

    return FocusedShape
