"""OWL reasoning (kg.reason): HermiT finds the ontology and good data consistent, finds
contradictions, keeps xsd:date-like literals, and degrades to "skipped" without Java.

    pytest tests/test_reason.py
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace

from kg.rdfterms import KG, ORG, SCHEMA
from kg.reason import reason

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
EX = Namespace("https://example.org/test/")
PREFIXES = """
@prefix ex: <https://example.org/test/> .
@prefix kg: <https://w3id.org/bilateral-relations/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="no Java on PATH")


def turtle(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


@needs_java
def test_ontology_alone_is_consistent():
    result = reason(Graph())
    assert result.status == "consistent", result.message
    assert result.seconds > 0


@needs_java
def test_conforming_fixtures_are_consistent_and_their_types_are_inferred():
    data = Graph().parse(FIXTURES / "base.ttl")
    for case in sorted(FIXTURES.glob("*/conforming.ttl")):
        data.parse(case)
    result = reason(data)
    assert result.status == "consistent", result.message
    assert (EX.embassy, RDF.type, KG.DiplomaticMission) in result.inferred
    assert (EX.embassy, RDF.type, ORG.FormalOrganization) in result.inferred
    assert (EX.freedonia, RDF.type, SCHEMA.Country) in result.inferred
    assert (EX.freedonia, RDF.type, KG.State) not in result.inferred  # asserted, not inferred


@needs_java
def test_dates_reach_the_reasoner():
    """An xsd:gYear (outside the OWL 2 datatype map) is kept: its property's domain applies."""
    result = reason(turtle('ex:t kg:year "2023"^^xsd:gYear ; kg:date "2023-05-06"^^xsd:date .'))
    assert result.status == "consistent", result.message
    assert (EX.t, RDF.type, KG.TradeStatistic) in result.inferred


@needs_java
@pytest.mark.parametrize("data", [
    "ex:x a kg:State , kg:Person .",                        # two disjoint classes
    "ex:x a kg:State . ex:holding kg:holder ex:x .",        # a holder must be a kg:Person
    'ex:x a kg:Event ; kg:value "12"^^xsd:gYear .',          # kg:value is an xsd:decimal
])
def test_contradictions_are_found(data):
    result = reason(turtle(data))
    assert result.status == "inconsistent"
    assert "OwlReadyInconsistentOntologyError" in result.message
    assert "\n" not in result.message


def test_without_java_reasoning_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = reason(Graph())
    assert result.status == "skipped"
    assert result.message.startswith("OWL reasoning skipped: Java not found")
    assert len(result.inferred) == 0


def test_a_java_that_fails_to_start_is_skipped(tmp_path, monkeypatch):
    java = tmp_path / "java"
    java.write_text("#!/bin/sh\necho 'Error: Could not create the Java Virtual Machine.' >&2\nexit 1\n")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + "/bin:/usr/bin")
    result = reason(Graph())
    assert result.status == "skipped"
    assert result.message == ("OWL reasoning skipped: HermiT failed: "
                              "Error: Could not create the Java Virtual Machine.")


@needs_java
def test_built_graph_is_consistent(request):
    pytest.importorskip("kg.build", reason="kg.build is not written yet")
    result = reason(request.getfixturevalue("built_dataset"))
    assert result.status == "consistent", result.message


@needs_java
def test_annotations_change_nothing_hermit_concludes(request):
    """A build gives HermiT its union without annotation assertions (kg.build._union): on the
    seed graph the verdict and every inferred triple are those of the whole union, and an
    annotation kept off a contradiction does not hide it."""
    from kg.build import _union

    dataset = request.getfixturevalue("built_dataset")
    whole, cut = reason(dataset), reason(_union(dataset))
    assert len(cut.inferred) > 0 and whole.status == cut.status == "consistent"
    assert set(cut.inferred) == set(whole.inferred)
    assert len(_union(dataset)) < len({quad[:3] for quad in dataset.quads((None, None, None, None))})
    contradiction = turtle('ex:x a kg:State , kg:Person ; <http://www.w3.org/2000/01/rdf-schema#label> "x" .')
    from rdflib import Dataset

    both = Dataset()
    for triple in contradiction:
        both.graph(EX.graph).add(triple)
    assert reason(_union(both)).status == "inconsistent"
