"""The guard covers every node a batch touches: each shape's fixtures are validated with
their focus nodes as IRIs and again as blank nodes, as `kg validate` validates a batch.

The fixtures are tests/fixtures/shapes/<Shape>/{conforming,violating}.ttl, read together
with tests/fixtures/shapes/base.ttl (see tests/test_shapes.py).
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import validate
from kg.cli import main

SHAPES = Path(__file__).parent.parent / "fixtures" / "shapes"
CASES = sorted(p.name for p in SHAPES.iterdir() if p.is_dir())


def as_blank_nodes(fixture: Path, target: Path) -> set[str]:
    """Write ``fixture`` with the nodes it describes (its IRI subjects not described by
    base.ttl) as blank nodes; returns the IRIs replaced."""
    base = {q.subject for q in ox.parse(path=str(SHAPES / "base.ttl"), format=ox.RdfFormat.TURTLE)}
    quads = list(ox.parse(path=str(fixture), format=ox.RdfFormat.TURTLE))
    blank = {q.subject: ox.BlankNode() for q in quads
             if isinstance(q.subject, ox.NamedNode) and q.subject not in base}
    target.write_bytes(ox.serialize(
        [ox.Triple(blank.get(q.subject, q.subject), q.predicate, blank.get(q.object, q.object))
         for q in quads], format=ox.RdfFormat.N_TRIPLES))
    return {n.value for n in blank}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("form", ["iri", "blank"])
def test_each_shape_with_its_focus_as_iri_and_as_blank_node(case, form, tmp_path):
    for name, conforms in (("conforming.ttl", True), ("violating.ttl", False)):
        fixture, replaced = SHAPES / case / name, set()
        if form == "blank":
            replaced = as_blank_nodes(fixture, tmp_path / f"{name}.nt")
            assert replaced, f"{fixture} describes no node of its own"
            fixture = tmp_path / f"{name}.nt"
        report = validate.validate([SHAPES / "base.ttl", fixture], None)
        assert report.conforms is conforms, (name, [(v.focus, v.message) for v in report.violations])
        if not conforms:  # the same messages as with IRIs, none about a node now blank
            as_iris = validate.validate([SHAPES / "base.ttl", SHAPES / case / name], None)
            assert {v.message for v in report.violations} == {v.message for v in as_iris.violations}
            assert not {v.focus for v in report.violations} & replaced


def test_blank_node_next_to_a_conforming_iri_is_refused(tmp_path, digest):
    """The issue's case: a blank-node agreement without kg:party beside a good IRI subject."""
    from kg.store import OxigraphStore

    store = tmp_path / "store"
    with OxigraphStore(store, read_only=False, create=True) as db:
        db.add(ox.parse(path=str(SHAPES / "base.ttl"), format=ox.RdfFormat.TURTLE),
               graph=ox.NamedNode("https://w3id.org/bilateral-relations/id/graph/reference"))
    bad = tmp_path / "bad.ttl"
    good = (SHAPES / "AgreementShape" / "conforming.ttl").read_text()
    bad.write_text(good + """
[] a kg:MemorandumOfUnderstanding ;
    kg:date "1934-05-06"^^xsd:date ;
    rdfs:label "memorandum without parties"@en ;
    prov:wasDerivedFrom ex:doc1 ;
    kg:evidence ex:ev1 .
""")
    before = digest(store)
    assert main(["add", str(bad), "--store", str(store)]) == 1
    assert digest(store) == before
