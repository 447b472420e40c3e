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


def test_wikidata_links_are_only_the_verified_ones(reference):
    linked = {(str(s).rsplit("/", 1)[1], o) for s, o in reference.subject_objects(SKOS.exactMatch)
              if str(o).startswith(str(WD))}
    assert linked == {(key, qid) for qid, key in VERIFIED.items()}


@pytest.mark.parametrize("code, names", [
    ("pe", {"en": "Peru", "id": "Peru", "bn": "পেরু", "es": "Perú"}),
    ("br", {"en": "Brazil", "id": "Brasil", "bn": "ব্রাজিল", "es": "Brasil"}),
])
def test_states_are_named_in_four_languages_from_cldr(reference, code, names):
    labels = {label.language: str(label) for label in reference.objects(mint("state", code), RDFS.label)}
    assert labels == names


def test_every_iso_state_is_there(reference):
    assert len(set(reference.subjects(RDF.type, KG.State))) == 249
