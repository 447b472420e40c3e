"""Reference data: every entity has a source, names in four languages, verified Wikidata links only."""
from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg import paths
from kg.rdfterms import KG, WD, mint
from kg.reference import reference_graph

# The only Wikidata items checked by hand (design.md); a new one needs checking first.
VERIFIED = {WD.Q252: "id", WD.Q419: "pe", WD.Q3630: "jakarta", WD.Q2868: "lima"}


@pytest.fixture(scope="module")
def reference():
    return reference_graph(paths.REFERENCE_DIR)


def test_every_typed_reference_entity_names_its_source(reference):
    typed = {s for s in reference.subjects(RDF.type, None) if isinstance(s, URIRef)}
    unsourced = [s for s in typed if (s, DCTERMS.source, None) not in reference
                 and (s, RDFS.isDefinedBy, None) not in reference]
    assert unsourced == []


def test_wikidata_links_are_the_verified_ones_and_those_a_recorded_source_gives(reference):
    linked = {(str(s).rsplit("/", 1)[1], o) for s, o in reference.subject_objects(SKOS.exactMatch)
              if str(o).startswith(str(WD))}
    assert {(key, qid) for qid, key in VERIFIED.items()} <= linked    # the source agrees with the checked ones
    lines = (paths.REFERENCE_DIR / "wikidata-states.csv").read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines if line and not line.startswith("#")][1:]
    table = {(code.lower(), WD[qid]) for code, qid in rows}
    assert linked - {(key, qid) for qid, key in VERIFIED.items()} == table - {(k, q) for q, k in VERIFIED.items()}
    states = [key for key, _ in linked if (mint("state", key), RDF.type, KG.State) in reference]
    assert len(states) == len(set(states)) >= 240     # one item per state


@pytest.mark.parametrize("code, names", [
    ("pe", {"en": "Peru", "id": "Peru", "bn": "পেরু", "es": "Perú"}),
    ("br", {"en": "Brazil", "id": "Brasil", "bn": "ব্রাজিল", "es": "Brasil"}),
])
def test_states_are_named_in_four_languages_from_cldr(reference, code, names):
    labels = {label.language: str(label) for label in reference.objects(mint("state", code), RDFS.label)}
    assert labels == names


def test_every_iso_state_is_there(reference):
    assert len(set(reference.subjects(RDF.type, KG.State))) == 249


@pytest.mark.parametrize("text, problem", [
    ("iso,wikidata\nPE,Q419\n", "names no source"),
    ("# https://example.org/source\niso,wikidata\nPE,419\n", "row 2"),
])
def test_a_bad_wikidata_table_is_reported_with_its_file(tmp_path, text, problem):
    from kg.errors import ParseError
    from kg.reference import wikidata_links

    table = tmp_path / "wikidata-states.csv"
    table.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError, match=problem):
        list(wikidata_links(table))
