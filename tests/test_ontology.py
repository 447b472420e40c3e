"""Lint ontology/kg.ttl and ontology/shapes.ttl with SPARQL, as W3C ORG's file should have been.

``lint(graph)`` lists the problems of an ontology graph: undeclared, unlabelled or
uncommented ``kg:`` terms, properties declared twice over, and misspelt built-in terms
(``rdfs:subClasOf``), e.g.::

    >>> lint(Graph().parse(data="@prefix kg: <https://w3id.org/bilateral-relations/ontology#> . kg:a kg:b kg:c ."))
    ['undeclared: kg:a', 'undeclared: kg:b', 'undeclared: kg:c']
"""
from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SH, SKOS, Graph, URIRef, namespace

from kg import paths
from kg.rdfterms import KG, KGR, WD, bind_prefixes

BUILT_INS = [RDF, RDFS, OWL, SH, SKOS, namespace.XSD]  # closed: they list their terms
DECLARATIONS = "VALUES ?type { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }"
PREFIXES = {"kg": KG, "owl": OWL, "rdf": RDF, "rdfs": RDFS, "sh": SH}

UNDECLARED = f"""
SELECT DISTINCT ?term WHERE {{
    {{ ?term ?p ?o }} UNION {{ ?s ?term ?o }} UNION {{ ?s ?p ?term }}
    FILTER (isIRI(?term) && STRSTARTS(STR(?term), STR(kg:)))
    FILTER NOT EXISTS {{ ?term a ?type . {DECLARATIONS} }}
}}"""

UNDOCUMENTED = f"""
SELECT DISTINCT ?term ?missing WHERE {{
    ?term a ?type . {DECLARATIONS}
    FILTER STRSTARTS(STR(?term), STR(kg:))
    VALUES ?missing {{ rdfs:label rdfs:comment }}
    FILTER NOT EXISTS {{ ?term ?missing ?text FILTER langMatches(lang(?text), "en") }}
}}"""

DECLARED_TWICE = """
SELECT DISTINCT ?term WHERE {
    ?term a ?one , ?other .
    VALUES ?one { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty owl:Class }
    VALUES ?other { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty owl:Class }
    FILTER (?one != ?other)
}"""

ALL_IRIS = """
SELECT DISTINCT ?term WHERE {
    { ?term ?p ?o } UNION { ?s ?term ?o } UNION { ?s ?p ?term }
    FILTER isIRI(?term)
}"""

SHAPE_TERMS = """
SELECT DISTINCT ?term WHERE {
    ?shape ?uses ?term .
    VALUES ?uses { sh:path sh:class sh:targetClass sh:datatype sh:targetObjectsOf
                   sh:targetSubjectsOf sh:lessThan }
    FILTER isIRI(?term)
}"""


def short(graph: Graph, term: URIRef) -> str:
    return graph.namespace_manager.normalizeUri(term)


def misspelt(graph: Graph) -> list[str]:
    """IRIs in a built-in namespace (rdf:, rdfs:, owl:, sh:, skos:, xsd:) that it does not define."""
    bad = []
    for (term,) in graph.query(ALL_IRIS):
        for vocabulary in BUILT_INS:
            if str(term).startswith(str(vocabulary)) and term not in vocabulary:
                bad.append(f"not a term of its vocabulary: {short(graph, term)}")
    return sorted(bad)


def lint(graph: Graph) -> list[str]:
    """Every problem of the ontology ``graph``, one line each (empty: it is clean)."""
    bind_prefixes(graph)
    problems = [f"undeclared: {short(graph, t)}" for (t,) in graph.query(UNDECLARED, initNs=PREFIXES)]
    problems += [f"no {short(graph, m)} in English: {short(graph, t)}"
                 for t, m in graph.query(UNDOCUMENTED, initNs=PREFIXES)]
    problems += [f"declared as two kinds of term: {short(graph, t)}"
                 for (t,) in graph.query(DECLARED_TWICE, initNs=PREFIXES)]
    return sorted(problems) + misspelt(graph)


def declared(ontology: Graph) -> set:
    return {t for (t,) in ontology.query(f"SELECT ?t WHERE {{ ?t a ?type . {DECLARATIONS} }}",
                                         initNs=PREFIXES)}


def is_built_in(term: URIRef) -> bool:
    return any(str(term).startswith(str(ns)) for ns in (RDF, RDFS, OWL, namespace.XSD))


def test_ontology_is_clean(ontology):
    assert len(ontology) > 500
    assert lint(ontology) == []


def test_lint_catches_a_misspelling_an_undeclared_term_and_a_missing_comment():
    broken = Graph().parse(data="""
        @prefix kg: <https://w3id.org/bilateral-relations/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        kg:Embassy a owl:Class ; rdfs:subClasOf kg:Mission ;
            rdfs:label "embassy"@en ; rdfs:comment "An embassy."@en .
        kg:Mission a owl:Class ; rdfs:label "mission"@en .
        kg:x a owl:ObjectProperty , owl:DatatypeProperty ;
            rdfs:label "x"@en ; rdfs:comment "X."@en .
        kg:y kg:notDeclared kg:Mission .
    """, format="turtle")
    assert lint(broken) == [
        "declared as two kinds of term: kg:x",
        "no rdfs:comment in English: kg:Mission",
        "undeclared: kg:notDeclared",
        "undeclared: kg:y",
        "not a term of its vocabulary: rdfs:subClasOf",
    ]


def test_ontology_header(ontology):
    header = URIRef("https://w3id.org/bilateral-relations/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(header, OWL.versionInfo)) == "0.1.0"
    assert ontology.value(header, OWL.versionIRI) == URIRef(str(header) + "/0.1.0")
    found = dict(ontology.query("""
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?p (SAMPLE(?o) AS ?value) WHERE { ?h ?p ?o } GROUP BY ?p""",
        initBindings={"h": header}))
    dcterms = "http://purl.org/dc/terms/"
    assert found[URIRef(dcterms + "license")] == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(found[URIRef(dcterms + "created")]) == "2026-11-22"
    assert str(found[URIRef(dcterms + "modified")]) == "2026-11-22"
    assert URIRef(dcterms + "title") in found and URIRef(dcterms + "description") in found


def test_every_class_of_the_model_is_declared(ontology):
    model = """State City InternationalOrganization GovernmentAgency Office CooperationArea
        Product MissionKind Award Venue Person Company BilateralRelation Membership
        DiplomaticMission Embassy Agreement MemorandumOfUnderstanding
        ComprehensiveCooperationAgreement CooperationArrangement JointDeclaration Event
        EstablishmentOfRelations MissionOpening StateVisit CourtesyCall BilateralMeeting
        JointPressConference Summit OfficeHolding TradeStatistic ExportFlow Cooperation
        MarketEntry AwardConferral Evidence SourceDocument""".split()
    assert [c for c in model if (KG[c], RDF.type, OWL.Class) not in ontology] == []


def test_wikidata_only_for_state_and_person(ontology):
    used = {o for o in ontology.objects() if str(o).startswith(str(WD))}
    assert used == {WD.Q6256, WD.Q5}
    assert (KG.State, SKOS.closeMatch, WD.Q6256) in ontology
    assert (KG.Person, SKOS.closeMatch, WD.Q5) in ontology


@pytest.mark.parametrize("individual", [
    "office/president", "office/vice-minister-of-defence", "office/minister",
    "office/vice-minister", "office/ambassador", "office/deputy-chief-of-mission",
    "office/prime-minister", "office/minister-of-foreign-affairs", "office/minister-of-defence",
    "mission-kind/embassy", "mission-kind/non-resident"])
def test_vocabulary_individuals_are_labelled_in_four_languages(ontology, individual):
    iri = KGR[individual]
    labels = set(ontology.objects(iri, RDFS.label)) | set(ontology.objects(iri, SKOS.prefLabel))
    assert {label.language for label in labels} == {"en", "id", "bn", "es"}
    assert (iri, RDF.type, OWL.NamedIndividual) in ontology


def test_concept_schemes_exist(ontology):
    for scheme in ("cooperation-areas", "products", "mission-kinds"):
        assert (KGR["scheme/" + scheme], RDF.type, SKOS.ConceptScheme) in ontology


def test_shapes_use_only_declared_and_real_terms(ontology, shapes):
    known = declared(ontology)
    used = {t for (t,) in shapes.query(SHAPE_TERMS, initNs=PREFIXES)}
    assert sorted(t for t in used if not is_built_in(t) and t not in known) == []
    assert misspelt(shapes) == []


def test_every_term_the_built_graph_uses_is_declared(ontology, request):
    pytest.importorskip("kg.build", reason="kg.build is not written yet")
    dataset = request.getfixturevalue("built_dataset")
    known = declared(ontology)
    used = {p for _, p, _, _ in dataset.quads((None, None, None, None))}
    used |= {o for _, _, o, _ in dataset.quads((None, RDF.type, None, None))}
    assert sorted(t for t in used if not is_built_in(t) and t not in known) == []
