"""The questions the graph must answer, each checked with its stored query on the built graph.

Every answer is checked twice: the value, and its evidence — a quote that is a substring of
the source document and contains the words that state the fact. Expected values are what
the documents say; the comment next to each names the document and quotes the sentence:

* 000 — Bengali Wikipedia, "ইন্দোনেশিয়া–পেরু সম্পর্ক"
* 001 — RI News Portal, 11 August 2025 (Indonesian)
* 002 — Cerita Baik Indonesia, on the courtesy call of 4 October 2024 (Indonesian)

English labels of reference entities are CLDR's (Indonesia, Peru, Brazil; Jakarta, Lima);
labels are compared case-insensitively, and reference entities by IRI where docs/model.md
gives it.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg import paths

DOC = {
    "000": "000_1a2cc20a6141a03d",
    "001": "001_ccdb75380c6088a3",
    "002": "002_f78fa1138a3ddd3c",
}
LANGUAGE = {"000": "bn", "001": "id", "002": "id"}
TEXT = {key: (paths.SOURCES_DIR / f"{doc}.txt").read_text(encoding="utf-8")
        for key, doc in DOC.items()}

KGR = "https://w3id.org/bilateral-relations/id/"
PREFIXES = """
PREFIX kg: <https://w3id.org/bilateral-relations/ontology#>
PREFIX kgr: <https://w3id.org/bilateral-relations/id/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX state: <https://w3id.org/bilateral-relations/id/state/>
PREFIX city: <https://w3id.org/bilateral-relations/id/city/>
PREFIX office: <https://w3id.org/bilateral-relations/id/office/>
PREFIX organization: <https://w3id.org/bilateral-relations/id/organization/>
PREFIX missionkind: <https://w3id.org/bilateral-relations/id/mission-kind/>
"""


# --- running ---------------------------------------------------------------------------

def _cell(t):
    return None if t is None else t.value


def _direct(store, name, lang, values):
    """pyoxigraph alone: each ?_param replaced by its term's N-Triples form (see test_stored_queries)."""
    text = (paths.QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    values = {"lang": lang, **values}
    text = "\n".join("" if set(re.findall(r"[?$]__(\w+)", line)) - set(values) else line
                     for line in text.split("\n"))
    for m in re.finditer(r"^#\+\s*param:\s*(\w+)\s*:\s*(iri|literal|lang)\s*(?:=\s*(\S.*?))?\s*$",
                         text, re.M):
        value = values.get(m[1], m[3])
        if value is not None:
            t = ox.NamedNode(value.strip("<>")) if m[2] == "iri" else ox.Literal(value)
            text = re.sub(r"[?$]_%s\b" % m[1], lambda _m: str(t), text)
    return store.query(text, use_default_graph_as_union=True)


class Graph:
    """The built store: stored queries by name (rows as dicts) and ad-hoc ASK/SELECT."""

    def __init__(self, path):
        self.raw = ox.Store.read_only(str(path))
        try:
            from kg import queries as kq
            from kg.store import open_store
        except ImportError:
            self.kq, self.store = None, None
        else:
            self.kq, self.store = kq, open_store(path)

    def rows(self, name, lang="en", **values):
        if self.kq is not None:
            result = self.kq.run(self.store, self.kq.find(name), values, lang)
        else:
            result = _direct(self.raw, name, lang, values)
        columns = [v.value for v in result.variables]
        return [dict(zip(columns, (_cell(t) for t in s))) for s in result]

    def ask(self, pattern: str) -> bool:
        return bool(self.raw.query(PREFIXES + "ASK {" + pattern + "}",
                                   use_default_graph_as_union=True))

    def select(self, query: str):
        result = self.raw.query(PREFIXES + query, use_default_graph_as_union=True)
        columns = [v.value for v in result.variables]
        return [dict(zip(columns, (_cell(t) for t in s))) for s in result]

    def label(self, iri: str, lang="en") -> str | None:
        found = self.select(f'SELECT ?l WHERE {{ <{iri}> rdfs:label|skos:prefLabel ?l '
                            f'FILTER(LANGMATCHES(LANG(?l), "{lang}")) }} ORDER BY ?l')
        return found[0]["l"] if found else None

    def close(self):
        if self.store is not None:
            self.store.close()


@pytest.fixture(scope="module")
def graph(built_store_path):
    g = Graph(built_store_path)
    yield g
    g.close()


# --- checking --------------------------------------------------------------------------

def low(text):
    return (text or "").casefold()


def items(cell):
    """The members of a multi-valued cell ("a; b")."""
    return [x.strip() for x in (cell or "").split(";") if x.strip()]


def assert_stated(evidence: str | None, doc: str, *words: str) -> str:
    """Every quote of ``evidence`` is a substring of a source document, and one quote of
    document ``doc`` contains all ``words``. Returns that quote."""
    assert evidence, "no evidence"
    quotes = evidence.split(" | ")
    for quote in quotes:
        assert any(quote in text for text in TEXT.values()), f"not in any document: {quote!r}"
    stating = [q for q in quotes if q in TEXT[doc] and all(w in q for w in words)]
    assert stating, f"no quote of document {doc} contains {words}: {quotes}"
    return stating[0]


def one(rows, what, **match):
    """The single row whose columns equal (case-insensitively) the given values."""
    found = [r for r in rows if all(low(r[k]) == low(v) for k, v in match.items())]
    assert len(found) == 1, f"{what}: expected one row with {match}, got {len(found)} of {rows}"
    return found[0]


# --- 1. relations ------------------------------------------------------------------------

def test_1_relations_established_1975_08_12(graph):
    row = one(graph.rows("relations"), "relation", state_a="Indonesia", state_b="Peru")
    # 000: "১৯৭৫ সালের ১২ আগস্ট আনুষ্ঠানিকভাবে ইন্দোনেশিয়া এবং পেরু এর মধ্যে কূটনৈতিক সম্পর্ক স্থাপিত হয়।"
    assert row["established"] == "1975-08-12"
    assert_stated(row["evidence"], "000", "১৯৭৫ সালের ১২ আগস্ট", "কূটনৈতিক সম্পর্ক স্থাপিত")
    assert graph.ask('<https://w3id.org/bilateral-relations/id/relation/id-pe> a kg:BilateralRelation ; kg:state state:id, state:pe ;'
                     ' kg:established "1975-08-12"^^xsd:date')


def test_1_relations_in_bengali(graph):
    rows = graph.rows("relations", lang="bn")
    # CLDR Bengali names of Indonesia and Peru
    one(rows, "relation in Bengali", state_a="ইন্দোনেশিয়া", state_b="পেরু")


# --- 2. missions ---------------------------------------------------------------------------

def embassy(graph):
    """The label of the mission kind kgr:mission-kind/embassy ("embassy", "resident embassy")."""
    kind = graph.label(KGR + "mission-kind/embassy")
    assert "embassy" in low(kind), kind
    return kind


def test_2_indonesian_embassy_in_lima_opened_2002_02_20(graph):
    row = one(graph.rows("missions"), "Indonesia's embassy in Lima", kind=embassy(graph),
              sending_state="Indonesia", receiving_state="Peru")
    assert row["city"] == "Lima"
    # 000: "২০০২ সালের ২০ ফেব্রুয়ারি, পেরুর রাজধানী লিমায় ইন্দোনেশিয়া তাদের দূতাবাস স্থাপন করে।"
    assert row["opened"] == "2002-02-20"
    assert_stated(row["evidence"], "000", "২০০২ সালের ২০ ফেব্রুয়ারি", "লিমায়", "দূতাবাস স্থাপন")
    assert graph.ask("?m kg:missionKind missionkind:embassy ; kg:sendingState state:id ;"
                     " kg:receivingState state:pe ; kg:hostState state:pe ; kg:city city:lima")


def test_2_peruvian_embassy_in_jakarta_opened_1992_11(graph):
    row = one(graph.rows("missions"), "Peru's embassy in Jakarta", kind=embassy(graph),
              sending_state="Peru", receiving_state="Indonesia")
    assert row["city"] == "Jakarta"
    # 000: "১৯৯২ সালের নভেম্বর, পেরু সরকার, ইন্দোনেশিয়ার রাজধানী জাকার্তায় তাদের দূতাবাস স্থাপন করে।"
    assert row["opened"] == "1992-11"
    assert_stated(row["evidence"], "000", "১৯৯২ সালের নভেম্বর", "জাকার্তায়", "দূতাবাস স্থাপন")
    assert graph.ask("?m kg:missionKind missionkind:embassy ; kg:sendingState state:pe ;"
                     " kg:receivingState state:id ; kg:hostState state:id ; kg:city city:jakarta ;"
                     ' kg:opened "1992-11"^^xsd:gYearMonth')


def test_2_before_2002_the_embassy_in_brazil_handled_peru(graph):
    kind = graph.label(KGR + "mission-kind/non-resident")
    assert low(kind) == "non-resident accreditation"
    row = one(graph.rows("missions"), "non-resident accreditation", kind=kind,
              sending_state="Indonesia", receiving_state="Peru")
    # 000: "সেই সময়, ব্রাজিলে অবস্থিত ইন্দোনেশীয় দূতাবাস, পেরু সম্পর্কিত বিষয়াবলী এবং কার্যক্রম দেখাশোনা করত।"
    assert_stated(row["evidence"], "000", "ব্রাজিলে অবস্থিত ইন্দোনেশীয় দূতাবাস", "পেরু")
    assert graph.ask("?m kg:missionKind missionkind:non-resident ; kg:sendingState state:id ;"
                     " kg:receivingState state:pe ; kg:hostState state:br")
    assert graph.label(KGR + "state/br") == "Brazil"


# --- 3. memberships ------------------------------------------------------------------------

FORUMS = ["apec", "wto", "nam", "fealac"]


def test_3_both_are_members_of_apec_wto_nam_and_fealac(graph):
    shared = {low(r["organization"]) for r in graph.rows("shared-memberships")}
    for forum in FORUMS:
        name = graph.label(KGR + "organization/" + forum)
        assert name, f"organization/{forum} has no English label"
        # 000: "ইন্দোনেশিয়া এবং পেরু, উভয় দেশই ইকোনমিক কো-অপারেশন, বিশ্ব বাণিজ্য সংস্থা (ডব্লিউটিও),
        #       জোট-নিরপেক্ষ আন্দোলন (ন্যাম) এবং ফোরাম অব ইস্ট এশিয়া-লাতিন আমেরিকা কো-অপারেশন এর সদস্য।"
        assert low(name) in shared, f"{name} not among the shared memberships {shared}"
        for state in ("Indonesia", "Peru"):
            row = one(graph.rows("memberships"), "membership", state=state, organization=name)
            assert_stated(row["evidence"], "000", "উভয় দেশই", "সদস্য")
        assert graph.ask(f"?m org:member state:id ; org:organization organization:{forum} ."
                         f" ?n org:member state:pe ; org:organization organization:{forum}")


def test_3_shared_memberships_takes_the_two_states_as_parameters(graph):
    swapped = {r["organization"] for r in graph.rows("shared-memberships", a=KGR + "state/pe",
                                                      b=KGR + "state/id")}
    assert swapped == {r["organization"] for r in graph.rows("shared-memberships")}


# --- 4. agreements -------------------------------------------------------------------------

def test_4_agriculture_mou_2013_10(graph):
    row = one(graph.rows("agreements"), "agriculture MoU", kind="memorandum of understanding")
    # 000: "২০১৩ সালের অক্টোবর মাসে, কৃষিখাতে সমন্বয়ের জন্য ইন্দোনেশিয়া এবং পেরু একটি সমঝোতা স্মারক সাক্ষর করে।"
    assert row["date"] == "2013-10"
    assert items(row["parties"]) == ["Indonesia", "Peru"]
    assert "agriculture" in map(low, items(row["topics"]))
    assert_stated(row["evidence"], "000", "২০১৩ সালের অক্টোবর", "সমঝোতা স্মারক", "কৃষিখাতে")


def signed_by_both_presidents(row):
    # 001: "konferensi pers bersama antara Presiden Republik Indonesia Prabowo Subianto dan
    #       Presiden Republik Peru Dina Ercilia Boluarte Zeggara"
    names = items(row["signatories"])
    assert any("Prabowo Subianto" in n for n in names), names
    assert any("Dina" in n and "Boluarte" in n for n in names), names
    assert len(names) == 2, names


def test_4_comprehensive_cooperation_agreement_2025_08_11(graph):
    row = one(graph.rows("agreements"), "comprehensive agreement",
              kind="comprehensive cooperation agreement")
    # 001 (dateline "Jakarta, 11 Agustus 2025"): "kedua pemimpin negara juga menandatangani
    #      perjanjian kerja sama komprehensif Indonesia–Peru yang bertujuan memperluas akses pasar"
    assert row["date"] == "2025-08-11"
    assert items(row["parties"]) == ["Indonesia", "Peru"]
    signed_by_both_presidents(row)
    assert_stated(row["evidence"], "001", "menandatangani perjanjian kerja sama komprehensif")


def test_4_narcotics_and_illicit_trade_cooperation_2025_08_11(graph):
    rows = [r for r in graph.rows("agreements") if "narcotics" in map(low, items(r["topics"]))]
    assert len(rows) == 1, rows
    row = rows[0]
    # 001: "Indonesia dan Peru menyepakati kerja sama strategis di sektor pemberantasan narkotika
    #       dan perdagangan ilegal."
    assert low(row["kind"]) == "cooperation arrangement"
    assert "illicit trade" in map(low, items(row["topics"]))
    assert row["date"] == "2025-08-11"
    assert items(row["parties"]) == ["Indonesia", "Peru"]
    # The document says the states agreed ("menyepakati") on this cooperation and that it was
    # announced at the presidents' joint press conference; only the comprehensive agreement is
    # said to be signed ("juga menandatangani"), so this one has no signatories.
    assert not row["signatories"], row["signatories"]
    assert_stated(row["evidence"], "001", "pemberantasan narkotika dan perdagangan ilegal")


def test_4_both_are_part_of_the_joint_declaration_on_50_years(graph):
    row = one(graph.rows("agreements"), "joint declaration", kind="joint declaration")
    # 001: "Kesepakatan ini menjadi bagian dari deklarasi bersama yang menandai lima dekade hubungan diplomatik"
    assert row["date"] == "2025-08-11"
    assert_stated(row["evidence"], "001", "deklarasi bersama", "lima dekade")
    for kind in ("ComprehensiveCooperationAgreement", "CooperationArrangement"):
        assert graph.ask(f"?a a kg:{kind} ; dcterms:isPartOf ?d . ?d a kg:JointDeclaration"), kind


# --- 5. events -------------------------------------------------------------------------------

def test_5_timeline_is_ordered_by_date(graph):
    dates = [r["date"] for r in graph.rows("events") if r["date"]]
    assert dates == sorted(dates)


def test_5_joint_press_conference_at_istana_merdeka(graph):
    row = one(graph.rows("events"), "press conference", kind="joint press conference")
    # 001: "Kesepakatan ini diumumkan dalam konferensi pers bersama antara Presiden ... Prabowo
    #       Subianto dan Presiden ... Dina Ercilia Boluarte Zeggara di Istana Merdeka, Jakarta."
    assert row["date"] == "2025-08-11"
    assert "merdeka" in low(row["place"])
    people = items(row["participants"])
    assert any("Prabowo Subianto" in p for p in people) and any("Boluarte" in p for p in people)
    assert_stated(row["evidence"], "001", "konferensi pers bersama", "Istana Merdeka, Jakarta")
    assert graph.ask('?e a kg:JointPressConference ; kg:date "2025-08-11"^^xsd:date ;'
                     " kg:place ?p . ?p kg:inCity? city:jakarta")


def test_5_courtesy_call_on_the_vice_minister_of_defence(graph):
    row = one(graph.rows("events"), "courtesy call", kind="courtesy call")
    # 002: "M. Herindra, menyambut kunjungan kehormatan Duta Besar Peru untuk Indonesia, H.E. Mr.
    #       Luis Raúl Tsuboyama Galván, di Kantor Kementerian Pertahanan, Jakarta, pada Jumat (4/10)."
    #      The year is not stated: Friday 4 October is 2024, and the call brought the invitation
    #      to the APEC leaders' meeting "pada November 2024 mendatang".
    assert row["date"] == "2024-10-04"
    people = " ; ".join(items(row["participants"]))
    # 002: "ditemani oleh Wakil Kepala Misi Kedutaan Besar Peru, Mr. Cristian Córdova."
    for name in ("Luis Raúl Tsuboyama Galván", "Cristian Córdova", "Herindra"):
        assert name in people, (name, people)
    assert re.search(r"ministry of defen[cs]e", low(row["place"])), row["place"]
    assert_stated(row["evidence"], "002", "kunjungan kehormatan", "Kementerian Pertahanan", "(4/10)")
    assert graph.ask('?e a kg:CourtesyCall ; kg:date "2024-10-04"^^xsd:date ;'
                     " kg:dateInferred true ; kg:dateNote ?note ; kg:place ?p ."
                     " ?p kg:inCity? city:jakarta")


def test_5_apec_leaders_meeting_in_peru_2024_11(graph):
    row = one(graph.rows("events"), "APEC summit", kind="summit")
    # 002: "menyampaikan undangan resmi bagi Indonesia untuk menghadiri pertemuan pemimpin APEC
    #       yang akan diselenggarakan di Peru pada November 2024 mendatang."
    assert row["date"] == "2024-11"
    assert "Peru" in items(row["place"])
    assert_stated(row["evidence"], "002", "pertemuan pemimpin APEC", "di Peru", "November 2024")
    assert graph.ask('?e a kg:Summit ; kg:date "2024-11"^^xsd:gYearMonth ; kg:invited state:id ;'
                     " kg:organization organization:apec ; kg:place state:pe")


# --- 6. office holders ----------------------------------------------------------------------

HOLDERS = [
    # person, office, state, document, words of the quote
    # 001: "Presiden Republik Indonesia Prabowo Subianto"
    ("Prabowo Subianto", "president", "Indonesia", "001", ("Presiden Republik Indonesia Prabowo Subianto",)),
    # 001: "Presiden Republik Peru Dina Ercilia Boluarte Zeggara"
    ("Boluarte", "president", "Peru", "001", ("Presiden Republik Peru Dina Ercilia Boluarte Zeggara",)),
    # 002: "Wakil Menteri Pertahanan (Wamenhan) Republik Indonesia, M. Herindra"
    ("Herindra", "vice minister of defence", "Indonesia", "002", ("Wakil Menteri Pertahanan", "Herindra")),
    # 002: "Duta Besar Peru untuk Indonesia, H.E. Mr. Luis Raúl Tsuboyama Galván"
    ("Tsuboyama Galván", "ambassador", "Peru", "002", ("Duta Besar Peru", "Tsuboyama Galván")),
    # 002: "Wakil Kepala Misi Kedutaan Besar Peru, Mr. Cristian Córdova"
    ("Córdova", "deputy chief of mission", "Peru", "002", ("Wakil Kepala Misi", "Córdova")),
]


@pytest.mark.parametrize("person, office, state, doc, words", HOLDERS, ids=[h[0] for h in HOLDERS])
def test_6_office_holders(graph, person, office, state, doc, words):
    rows = [r for r in graph.rows("office-holders") if person in (r["person"] or "")]
    row = one(rows, f"{person} as {office}", office=office, state=state)
    assert_stated(row["evidence"], doc, *words)


def test_6_the_ambassador_is_accredited_to_indonesia(graph):
    # 002: "Duta Besar Peru untuk Indonesia, H.E. Mr. Luis Raúl Tsuboyama Galván" — the deputy
    # is only "Wakil Kepala Misi Kedutaan Besar Peru", with no receiving state stated.
    found = graph.select("SELECT ?name WHERE { ?h kg:holder ?p ; kg:state state:pe ;"
                         " kg:accreditedTo state:id . ?p rdfs:label ?name }")
    names = [r["name"] for r in found]
    assert names == ["Luis Raúl Tsuboyama Galván"], names


# --- 7. trade ---------------------------------------------------------------------------------

def test_7_trade_2011_was_213_37_million_us_dollars(graph):
    row = one(graph.rows("trade"), "trade 2011", year="2011", state_a="Indonesia", state_b="Peru")
    # 000: "ইন্দোনেশিয়ান সেন্ট্রাল স্ট্যাটিস্টিকস এজেন্সি (বিপিএস) এর উপাত্ত থেকে পাওয়া যায়, ২০১১ সালে,
    #       ইন্দোনেশিয়া এবং পেরু এর মধ্যকার বাণিজ্যের পরিমাণ ছিল ২১৩.৩৭ মিলিয়ন (২১.৩৩ কোটি) মার্কিন ডলারের।"
    assert Decimal(row["value"]) == Decimal("213370000")
    assert row["currency"] == "USD"
    assert low(row["reported_by"]) in {"statistics indonesia", "bps", "badan pusat statistik"}
    assert_stated(row["evidence"], "000", "২০১১ সালে", "২১৩.৩৭ মিলিয়ন", "মার্কিন ডলারের", "(বিপিএস)")


def test_7_the_deficit_is_on_perus_side(graph):
    row = one(graph.rows("trade-balance"), "trade balance 2011", year="2011")
    # 000: "এই দ্বিপাক্ষিক বাণিজ্যে, ব্যাপক বাণিজ্য ঘাটতি রয়েছে, এবং এই বাণিজ্য ঘাটতি পেরুর ক্ষেত্রে রয়েছে।"
    assert row["deficit_state"] == "Peru"
    assert_stated(row["evidence"], "000", "বাণিজ্য ঘাটতি পেরুর ক্ষেত্রে")
    assert graph.ask('?t a kg:TradeStatistic ; kg:year "2011"^^xsd:gYear ; kg:deficitState state:pe')


# --- 8. exports ---------------------------------------------------------------------------------

# English product label (alternatives accepted) -> the Bengali word in the sentence
# 000: "পেরুতে, ইন্দোনেশিয়ার প্রধান রপ্তানি পণ্য হল, রাবার, কাঠজাত পণ্য, ক্রীড়া জুতা, কাগজ, পোশাক,
#       মোটরসাইকেলের যন্ত্রাংশ, অ্যালুমিনিয়াম, কাঁচ, সিরামিক, প্লাস্টিক এবং ইলেকট্রনিক যন্ত্রপাতি।"
TO_PERU = {
    ("rubber",): "রাবার", ("wood products",): "কাঠজাত পণ্য", ("sports shoes",): "ক্রীড়া জুতা",
    ("paper",): "কাগজ", ("clothing",): "পোশাক", ("motorcycle parts",): "মোটরসাইকেলের যন্ত্রাংশ",
    ("aluminium",): "অ্যালুমিনিয়াম", ("glass",): "কাঁচ", ("ceramics",): "সিরামিক",
    ("plastics",): "প্লাস্টিক", ("electronics", "electronic equipment"): "ইলেকট্রনিক যন্ত্রপাতি",
}
# 000: "অপরদিকে ইন্দোনেশিয়াতে, পেরুর প্রধান রপ্তানি পণ্য হল, মৎস্য খাদ্য, পশু খাদ্য, ঔষধ, আঙ্গুর, আটা এবং সার।"
TO_INDONESIA = {
    ("fish feed",): "মৎস্য খাদ্য", ("animal feed",): "পশু খাদ্য", ("medicine",): "ঔষধ",
    ("grapes",): "আঙ্গুর", ("flour",): "আটা", ("fertilizer", "fertiliser"): "সার",
}


@pytest.mark.parametrize("exporter, importer, expected", [
    ("Indonesia", "Peru", TO_PERU), ("Peru", "Indonesia", TO_INDONESIA)], ids=["to-peru", "to-indonesia"])
def test_8_main_exports(graph, exporter, importer, expected):
    rows = [r for r in graph.rows("exports") if r["exporter"] == exporter and r["importer"] == importer]
    by_product = {low(r["product"]): r for r in rows}
    for names, word in expected.items():
        found = [by_product[n] for n in names if n in by_product]
        assert found, f"{exporter} → {importer}: no product {names[0]!r} in {sorted(by_product)}"
        assert_stated(found[0]["evidence"], "000", "প্রধান রপ্তানি পণ্য", word)
    assert len(rows) == len(expected), sorted(by_product)


# --- 9. cooperation -------------------------------------------------------------------------------

COOPERATION = [
    # area labels (alternatives), date, document, words, context is an Agreement / Event / either
    # 001: "menyepakati kerja sama strategis di sektor pemberantasan narkotika dan perdagangan ilegal"
    (("narcotics",), "2025-08-11", "001", ("narkotika",), "Agreement"),
    (("illicit trade",), "2025-08-11", "001", ("perdagangan ilegal",), "Agreement"),
    # 001: "perjanjian kerja sama komprehensif Indonesia–Peru yang bertujuan memperluas akses pasar"
    (("trade and market access",), "2025-08-11", "001", ("akses pasar",), "Agreement"),
    # 001: "Presiden Prabowo menyatakan kesiapan Indonesia untuk mendukung konektivitas antara Asia dan Peru"
    (("connectivity",), "2025-08-11", "001", ("konektivitas",), None),
    # 002: "Peru adalah sahabat dekat dan mitra penting bagi Indonesia, khususnya di bidang pertahanan."
    (("defence", "defense"), "2024-10-04", "002", ("pertahanan",), "Event"),
    # 002: "memperluas kemitraan di berbagai aspek, seperti penanggulangan terorisme."
    (("counter-terrorism",), "2024-10-04", "002", ("terorisme",), "Event"),
    # 002: "melalui penguatan kerja sama antar-matra darat kedua negara"
    (("army-to-army", "army-to-army cooperation"), "2024-10-04", "002", ("antar-matra darat",), "Event"),
    # 002: "peluang untuk kolaborasi di industri pertahanan juga tak kalah menarik."
    (("defence industry", "defense industry"), "2024-10-04", "002", ("industri pertahanan",), "Event"),
    # 000: "২০১৩ সালের অক্টোবর মাসে, কৃষিখাতে সমন্বয়ের জন্য ... সমঝোতা স্মারক সাক্ষর করে।"
    (("agriculture",), "2013-10", "000", ("কৃষিখাতে",), "Agreement"),
]


@pytest.mark.parametrize("areas, date, doc, words, context", COOPERATION, ids=[c[0][0] for c in COOPERATION])
def test_9_cooperation_areas(graph, areas, date, doc, words, context):
    rows = [r for r in graph.rows("cooperation") if low(r["area"]) in areas]
    assert rows, f"no cooperation on {areas[0]}"
    dated = [r for r in rows if r["date"] == date]
    assert dated, f"{areas[0]}: no row dated {date}: {rows}"
    # an area can be stated by more than one sentence (and tied to more than one context)
    stating = [r for r in dated if r["context"] and r["evidence"] and all(w in r["evidence"] for w in words)]
    assert stating, f"{areas[0]}: no row with a context whose evidence says {words}: {dated}"
    assert_stated(stating[0]["evidence"], doc, *words)
    if context:
        kinds = graph.select(
            "SELECT ?label WHERE { ?c kg:area ?a ; kg:context ?x . ?a skos:prefLabel ?label ."
            f" ?x a/rdfs:subClassOf* kg:{context} }}")
        assert any(low(k["label"]) in areas for k in kinds), f"{areas[0]}: context is no {context}"


# --- 10. business and honours -----------------------------------------------------------------------

def test_10_big_cola_entered_the_indonesian_market(graph):
    row = one(graph.rows("market-entries"), "Big Cola", company="Big Cola")
    # 000: "বিগ কোলা নামক পেরুর কোম্পানি, ইন্দোনেশিয়ার বাজারে তাদের পণ্য ছাড়ে"
    assert row["nationality"] == "Peru"
    assert row["market"] == "Indonesia"
    assert_stated(row["evidence"], "000", "বিগ কোলা নামক পেরুর কোম্পানি", "ইন্দোনেশিয়ার বাজারে")


def test_10_bintang_ri_adipurna_for_the_president_of_peru(graph):
    rows = [r for r in graph.rows("awards") if "adipurna" in low(r["award"])]
    assert len(rows) == 1, rows
    row = rows[0]
    # 001: "Penganugerahan Bintang RI Adipurna untuk Presiden Peru: Simbol timbal-balik dan momentum 50 tahun RI–Peru"
    assert "Boluarte" in (row["recipient"] or "")
    assert row["awarded_by"] == "Indonesia"
    assert_stated(row["evidence"], "001", "Bintang RI Adipurna", "Presiden Peru")
    assert graph.ask("?c a kg:AwardConferral ; kg:recipient ?p ; kg:awardedBy state:id ."
                     " ?h kg:holder ?p ; kg:office office:president ; kg:state state:pe")


# --- 11. evidence of any fact ---------------------------------------------------------------------

def test_11_evidence_of_a_fact(graph):
    rows = graph.rows("evidence", fact=KGR + "relation/id-pe")
    assert rows
    by_id = {doc: key for key, doc in DOC.items()}
    for row in rows:
        key = by_id.get(row["document"])
        assert key, f"unknown document {row['document']!r}"
        assert row["language"] == LANGUAGE[key]
        assert row["quote"] in TEXT[key]
    # 000: "১৯৭৫ সালের ১২ আগস্ট আনুষ্ঠানিকভাবে ইন্দোনেশিয়া এবং পেরু এর মধ্যে কূটনৈতিক সম্পর্ক স্থাপিত হয়।"
    assert any(r["document"] == DOC["000"] and "১৯৭৫ সালের ১২ আগস্ট" in r["quote"] for r in rows), rows


def test_11_every_fact_with_evidence_is_found_by_the_evidence_query(graph):
    facts = graph.select("SELECT DISTINCT ?f WHERE { ?f kg:evidence ?e } ORDER BY ?f LIMIT 25")
    assert facts
    for fact in facts:
        rows = graph.rows("evidence", fact=fact["f"])
        assert rows and all(r["document"] and r["language"] and r["quote"] for r in rows), fact
