"""Identity of fact nodes (kg.mapping, keys from kg.factkinds): facts that differ are different
nodes, a partial reading of a fact in the same document is that fact, and key parts cannot
collide."""
from rdflib import Graph

from kg.facts import Evidence, Fact, PartialDate, Person
from kg.mapping import Mapper
from kg.namespaces import KGR, mint

ID, PE, CL, AU = (mint("state", code) for code in ("id", "pe", "cl", "au"))
SYDNEY, MELBOURNE = mint("city", "sydney"), mint("city", "melbourne")
AGRICULTURE, TOURISM = mint("area", "agriculture"), mint("area", "tourism")
EV = Evidence("d1", "en", "…", 0, 1, "", "", "r1")


def _iris(*facts: Fact) -> list[str]:
    mapper = Mapper(Graph(), entities=Graph())
    mapper.add_all(list(facts))
    return [str(mapper.add(fact)) for fact in facts]


def _visit(*participants, kind="visit", date=PartialDate(2024, 5, 1)) -> Fact:
    return Fact("Event", {"kind": kind, "date": date, "participants": list(participants)}, [EV])


def test_events_of_a_day_with_different_states_are_different_nodes():
    a, b = _iris(_visit(ID, PE), _visit(ID, CL))
    assert a != b


def test_a_person_counts_as_the_state_they_serve():
    minister = Person("Ana Rojas", state=PE)
    a, b = _iris(_visit(ID, minister), _visit(ID, PE))
    assert a == b


def test_a_reading_with_fewer_participants_is_the_one_wider_reading_of_the_document():
    narrow, wide = _iris(_visit(PE), _visit(ID, PE))
    assert narrow == wide


def test_a_reading_that_fits_two_different_facts_stays_its_own():
    narrow, one, other = _iris(_visit(ID), _visit(ID, PE), _visit(ID, CL))
    assert len({narrow, one, other}) == 3


def _mou(*areas) -> list[Fact]:
    mou = Fact("Agreement", {"kind": "mou", "parties": [ID, PE], "date": PartialDate(2013, 10)}, [EV])
    return [mou] + [Fact("Cooperation", {"area": area, "context": mou}, [EV]) for area in areas]


def test_agreements_of_a_day_on_different_topics_are_different_nodes():
    first, second = _mou(AGRICULTURE), _mou(TOURISM)
    iris = _iris(*first, *second)
    assert iris[0] != iris[2]
    assert iris[1] != iris[3]        # and so are the cooperations in their context


def _mission(kind, city=None) -> Fact:
    return Fact("Mission", {"kind": kind, "sending": ID, "host": AU, **({"city": city} if city else {})}, [EV])


def test_missions_in_different_cities_are_different_nodes():
    assert len(set(_iris(_mission("consulate", SYDNEY), _mission("consulate", MELBOURNE)))) == 2
    assert len(set(_iris(_mission("embassy", SYDNEY), _mission("embassy", MELBOURNE)))) == 2


def test_a_mission_the_text_does_not_place_is_the_one_in_the_host_capital():
    from rdflib import URIRef

    from kg.rdfterms import KG

    canberra = mint("city", "canberra")
    entities = Graph()
    entities.add((URIRef(AU), KG.capital, URIRef(canberra)))
    mapper = Mapper(Graph(), entities=entities)
    facts = [_mission("embassy"), _mission("embassy", canberra), _mission("embassy", SYDNEY)]
    mapper.add_all(facts)
    unplaced, capital, sydney = (mapper.add(fact) for fact in facts)
    assert unplaced == capital != sydney


def test_key_parts_cannot_collide():
    assert mint("event", "a-b", "c") != mint("event", "a", "b-c")
    assert mint("event", "a", ["b", "c"]) != mint("event", "a", "b", "c")
    assert mint("event", "a", None, "b") != mint("event", "a", "b")
    assert mint("office-holding", "jane doe", "x") == mint("office-holding", "Jane Doe", "x")


def test_the_seed_iris_that_documents_name():
    assert mint("relation", "id", "pe") == KGR + "relation/id-pe"
    assert mint("membership", "id", "apec") == KGR + "membership/id-apec"
    assert mint("mission", "embassy", "id", "pe", "pe", "lima") == KGR + "mission/embassy-id-pe-pe-lima"
