"""kg.validate: focus-node SHACL on a delta in the store's context, term and literal checks, add."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import validate
from kg.errors import EmptyInput, FormatError, ParseError, UnknownPrefix
from kg.store import OxigraphStore, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
FILES = {"shapes": FIXTURES / "shapes.ttl", "ontology": FIXTURES / "ontology.ttl"}
KGR = "https://w3id.org/bilateral-relations/id/"



@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store"
    with OxigraphStore(path, read_only=False, create=True) as db:
        db.add(ox.parse(path=str(FIXTURES / "base.trig"), format=ox.RdfFormat.TRIG))
    return path


def write(tmp_path, text, name="batch.ttl"):
    path = tmp_path / name
    path.write_text("@prefix kg: <https://w3id.org/bilateral-relations/ontology#> .\n"
                    "@prefix kgr: <https://w3id.org/bilateral-relations/id/> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n" + text)
    return path


def test_conforms_only_in_the_store_context(store):
    report = validate.validate([FIXTURES / "good.ttl"], store, **FILES)
    assert report.conforms and report.violations == []
    assert [n for n in report.focus_nodes if n.startswith(KGR)] == [
        KGR + "agreement/mou-aa-bb-2010-05-06", KGR + "state/aa", KGR + "state/bb"]
    # without the store, the parties are not known to be states
    alone = validate.validate([FIXTURES / "good.ttl"], None, **FILES)
    assert not alone.conforms
    assert {v.path for v in alone.violations} == {"https://w3id.org/bilateral-relations/ontology#party"}


def test_subclass_targets_apply(store, tmp_path):
    batch = write(tmp_path, 'kgr:agreement\\/m a kg:MemorandumOfUnderstanding ; rdfs:label "M"@en .\n')
    report = validate.validate([batch], store, **FILES)
    assert not report.conforms
    assert [(v.focus, v.source) for v in report.violations] == [(KGR + "agreement/m", "shacl")]


def test_only_touched_nodes_are_validated(store, tmp_path):
    # the store holds a bad node; a batch that does not touch it still conforms
    with OxigraphStore(store, read_only=False) as db:
        db.add([ox.Quad(ox.NamedNode(KGR + "agreement/bad"),
                        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode("https://w3id.org/bilateral-relations/ontology#Agreement"),
                        ox.NamedNode(KGR + "graph/curated"))])
    batch = write(tmp_path, 'kgr:state\\/cc a kg:State ; kg:isoCode "CC" .\n')
    assert validate.validate([batch], store, **FILES).conforms
    touching = write(tmp_path, 'kgr:agreement\\/bad rdfs:comment "x" .\n', "touch.ttl")
    assert not validate.validate([touching], store, **FILES).conforms


def test_violation_fields_and_report_graph(store):
    report = validate.validate([FIXTURES / "violates.ttl"], store, **FILES)
    (violation,) = report.violations
    assert violation.focus == KGR + "agreement/orphan"
    assert violation.path == "https://w3id.org/bilateral-relations/ontology#party"
    assert violation.severity == "Violation"
    assert violation.file == str(FIXTURES / "violates.ttl")
    assert b"sh:conforms false" in report.turtle()


def test_wrong_datatype_and_undeclared_terms(store):
    report = validate.validate([FIXTURES / "wrong_datatype.ttl"], store, **FILES)
    # the lexical check, and the shape's sh:datatype (an ill-typed literal is not an xsd:date)
    assert sorted((v.source, v.path) for v in report.violations) == [
        ("datatype", "https://w3id.org/bilateral-relations/ontology#date"),
        ("shacl", "https://w3id.org/bilateral-relations/ontology#date")]
    assert '"abc" is not a valid xsd:date' in [v.message for v in report.violations]
    report = validate.validate([FIXTURES / "undeclared.ttl"], store, **FILES)
    assert sorted(v.message for v in report.violations) == [
        "class kg:Treaty is not declared in the ontology",
        "property kg:signedOn is not declared in the ontology"]
    assert report.turtle().count(b"sh:ValidationResult") == 2


def test_class_used_as_property(store, tmp_path):
    batch = write(tmp_path, 'kgr:state\\/aa kg:State "x" .\n')
    (violation,) = validate.validate([batch], store, **FILES).violations
    assert "a class, not a property" in violation.message


@pytest.mark.parametrize("name,error", [
    ("empty.ttl", EmptyInput), ("no_triples.ttl", EmptyInput),
    ("syntax_error.ttl", ParseError), ("unknown_prefix.ttl", UnknownPrefix),
    ("good.data", FormatError)])
def test_bad_files(store, name, error):
    with pytest.raises(error):
        validate.validate([FIXTURES / name], store, **FILES)


def test_other_input_formats(store):
    assert validate.validate([FIXTURES / "good.nt", FIXTURES / "good.jsonld"], store, **FILES).conforms
    assert validate.validate([FIXTURES / "good.data"], store, fmt="ntriples", **FILES).conforms


def test_add_conforming_batch(store):
    result = validate.add([FIXTURES / "good.ttl"], store, **FILES)
    assert (result.added, result.graph) == (5, KGR + "graph/curated")
    with open_store(store) as db:
        assert len(list(db.quads(ox.NamedNode(KGR + "graph/curated")))) == 5


def test_add_says_each_step_to_a_progress_callable(store):
    steps = []
    validate.add([FIXTURES / "good.ttl"], store, progress=steps.append, **FILES)
    assert [step.split()[0] for step in steps] == ["reading", "validating", "adding"]
    assert steps[1] == "validating 5 triples"


def test_rejected_batch_leaves_store_byte_identical(store, digest):
    before = digest(store)
    for name in ("violates.ttl", "wrong_datatype.ttl", "undeclared.ttl"):
        result = validate.add([FIXTURES / name], store, **FILES)
        assert result.added == 0 and not result.report.conforms
    assert digest(store) == before


def test_a_batch_is_all_or_nothing(store, digest):
    """One bad file in a batch rejects the whole batch."""
    before = digest(store)
    result = validate.add([FIXTURES / "good.ttl", FIXTURES / "violates.ttl"], store, **FILES)
    assert result.added == 0
    assert digest(store) == before
