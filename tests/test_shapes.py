"""SHACL shapes: one folder of fixtures per shape, validated the way ontology/shapes.ttl says.

tests/fixtures/shapes/<ShapeName>/conforming.ttl must conform and violating.ttl must
fail on that shape alone; both are read together with tests/fixtures/shapes/base.ttl
(synthetic states, people and a source document), e.g.::

    pytest tests/test_shapes.py -k MembershipShape
"""
from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, SH, Graph, Namespace

from kg import paths

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
KGSH = Namespace("https://w3id.org/bilateral-relations/shapes#")
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def check(data: Graph, shapes: Graph, ontology: Graph):
    """The invocation stated at the top of shapes.ttl: (conforms, report graph, text)."""
    return validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")


def fixture(case: str, name: str) -> Graph:
    return Graph().parse(FIXTURES / "base.ttl").parse(FIXTURES / case / name)


def node_shapes(shapes: Graph) -> set:
    return set(shapes.subjects(RDF.type, SH.NodeShape))


def owner_by_message(shapes: Graph) -> dict:
    """Each sh:message → the node shape it belongs to (its own or one of its properties')."""
    owners = {}
    for shape in node_shapes(shapes):
        for part in [shape, *shapes.objects(shape, SH.property)]:
            owners[str(shapes.value(part, SH.message))] = shape
    return owners


def test_every_shape_has_a_fixture_folder(shapes):
    named = {str(s).removeprefix(str(KGSH)) for s in node_shapes(shapes)}
    assert named - set(CASES) == set(), "shapes without tests/fixtures/shapes/<Shape>/"
    assert set(CASES) - named == set(), "fixture folders for shapes that do not exist"


def test_every_shape_and_property_shape_has_a_message_of_its_own(shapes):
    parts = [p for s in node_shapes(shapes) for p in [s, *shapes.objects(s, SH.property)]]
    messages = [shapes.value(p, SH.message) for p in parts]
    assert None not in messages
    assert len(set(messages)) == len(messages), "two shapes share a message"


def test_base_fixture_conforms(shapes, ontology):
    conforms, _, text = check(Graph().parse(FIXTURES / "base.ttl"), shapes, ontology)
    assert conforms, text


@pytest.mark.parametrize("case", CASES)
def test_conforming_fixture_conforms(case, shapes, ontology):
    conforms, _, text = check(fixture(case, "conforming.ttl"), shapes, ontology)
    assert conforms, text


@pytest.mark.parametrize("case", CASES)
def test_violating_fixture_fails_on_its_shape_only(case, shapes, ontology):
    conforms, report, text = check(fixture(case, "violating.ttl"), shapes, ontology)
    assert not conforms
    owners = owner_by_message(shapes)
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    assert results
    for result in results:
        message = str(report.value(result, SH.resultMessage))
        assert owners.get(message) == KGSH[case], text


def test_shapes_need_the_ontology_mixed_in(shapes):
    """Without ont_graph, office:president (defined in the ontology) is not a kg:Office."""
    data = fixture("OfficeHoldingShape", "conforming.ttl")
    conforms, _, _ = validate(data, shacl_graph=shapes, inference="none")
    assert not conforms
